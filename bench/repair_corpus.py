"""Which sentences of ``../shared/corpora`` are held out as clean text, and the word-pair table.

The clean-text benchmark needs real Persian that repair has never seen, so the 1,000 sentences it
uses are chosen by a fixed rule and left out of the word-pair table shipped in
``src/kaghaz/data/bigrams.tsv``:

* ``ud_perdt.txt`` (UD Persian-PerDT, CC BY-SA 4.0): every line whose 0-based number is divisible
  by 4 (728 sentences);
* ``cv_mozilla_voice_fa.txt`` (Common Voice, CC0): every line whose 0-based number is divisible by
  20, the first 272 of them.

``python bench/repair_corpus.py`` rebuilds the table from the remaining lines (and the whole
Wikipedia sample). The table is a work derived from CC BY-SA text and carries that licence.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"
TABLE = ROOT / "src" / "kaghaz" / "data" / "bigrams.tsv"

#: (file, modulus, how many) of the held-out clean sentences.
HELD_OUT = (("ud_perdt.txt", 4, 728), ("cv_mozilla_voice_fa.txt", 20, 272))
TRAINING = ("ud_perdt.txt", "cv_mozilla_voice_fa.txt", "fawiki_textmining_sample.txt")


def _lines(name: str, corpora: Path) -> list[str]:
    return (corpora / name).read_text(encoding="utf-8").splitlines()


def held_out(corpora: Path = CORPORA) -> Iterator[tuple[str, int, str]]:
    """The held-out clean sentences as ``(file, line number, sentence)``, in a fixed order."""
    for name, modulus, limit in HELD_OUT:
        taken = 0
        for number, line in enumerate(_lines(name, corpora)):
            if number % modulus == 0 and line.strip() and taken < limit:
                taken += 1
                yield name, number, line


def training_lines(corpora: Path = CORPORA) -> Iterator[str]:
    """Every corpus line that is not held out."""
    kept = {(name, number) for name, number, _ in held_out(corpora)}
    for name in TRAINING:
        for number, line in enumerate(_lines(name, corpora)):
            if (name, number) not in kept:
                yield line


def build_table(corpora: Path = CORPORA) -> str:
    """The text of ``bigrams.tsv``: folded word pairs seen in the training lines, with counts."""
    sys.path.insert(0, str(ROOT / "src"))
    from kaghaz.repair.langmodel import pair_tokens

    counts: Counter[tuple[str, str]] = Counter()
    for line in training_lines(corpora):
        counts.update(pairwise(pair_tokens(line)))
    header = [
        "# Word pairs (folded with kaghaz.lexicon.lookup_key; a number is #, a Latin word @) and how",
        "# often they follow each other",
        "# in ../shared/corpora minus the held-out clean sentences; built by bench/repair_corpus.py.",
        "# Derived from CC BY-SA 4.0 / CC BY-SA 3.0 / CC0 text: licensed CC BY-SA 4.0, see",
        "# bigrams.NOTICE.md for sources and attribution.",
    ]
    body = [f"{a}\t{b}\t{n}" for (a, b), n in sorted(counts.items())]
    return "\n".join(header + body) + "\n"


def main() -> int:
    TABLE.write_text(build_table(), encoding="utf-8")
    print(f"wrote {TABLE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
