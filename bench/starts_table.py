"""Build ``src/kaghaz/data/starts.tsv``: how often each word starts a sentence.

The column search (:mod:`kaghaz.repair.columns`) asks whether a line's first word can start a
sentence (after a line that ends one) or goes on with one (after a line that leaves it open). The
counts come from the same training lines as the word-pair table (``bench/repair_corpus.py``: the
corpora minus the held-out clean sentences); each corpus line is a sentence or several, cut after
``.``, ``!``, ``?`` and ``؟``. Words seen fewer than :data:`MIN_COUNT` times are left out (they say
little). Derived from CC BY-SA text: licensed CC BY-SA 4.0, see ``bigrams.NOTICE.md``.

Run ``python bench/starts_table.py`` from the repository root.
"""

from __future__ import annotations

import re
import sys
from collections import Counter

from repair_corpus import ROOT, training_lines

TABLE = ROOT / "src" / "kaghaz" / "data" / "starts.tsv"
MIN_COUNT = 2
_SENTENCE_END = re.compile(r"[.!?\u061f]\s+")


def build_table() -> str:
    """The text of ``starts.tsv``: word key, times it starts a sentence, times seen; the header
    holds the share of all words that start a sentence."""
    sys.path.insert(0, str(ROOT / "src"))
    from kaghaz.repair.langmodel import pair_tokens

    starts: Counter[str] = Counter()
    counts: Counter[str] = Counter()
    for line in training_lines():
        for sentence in _SENTENCE_END.split(line):
            tokens = pair_tokens(sentence)
            if tokens:
                starts[tokens[0]] += 1
                counts.update(tokens)
    share = sum(starts.values()) / sum(counts.values())
    header = [
        "# How often a word (folded with kaghaz.lexicon.lookup_key; a number is #, a Latin word @)",
        "# starts a sentence, and how often it occurs, in ../shared/corpora minus the held-out clean",
        "# sentences; built by bench/starts_table.py. Licensed CC BY-SA 4.0 (see bigrams.NOTICE.md).",
        f"# share of words that start a sentence\t{share:.5f}",
    ]
    rows = (f"{word}\t{starts[word]}\t{n}" for word, n in sorted(counts.items()) if n >= MIN_COUNT)
    return "".join(f"{line}\n" for line in (*header, *rows))


if __name__ == "__main__":
    TABLE.write_text(build_table(), encoding="utf-8")
    print(f"wrote {TABLE}")
