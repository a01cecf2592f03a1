"""Word gaps that the text layer does not have.

XeLaTeX (and other TeX engines) set the gap between two words as glue, not as a space glyph, so a
text layer without the gaps' positions (PyMuPDF, pypdf, pdftotext, pdfminer.six on many XeLaTeX
PDFs) runs the words of a justified line together: ``زبانفارسیزندهوپویا`` for ``زبان فارسی زنده
و پویا``. The words are found again by the lexicon: a run of letters that is no word is cut where
the pieces read best as words (:func:`split_run`, a search over the cuts scored by each piece's
probability and the pairs they make).

Clean text has few long runs of letters that are no word and that read as several common words,
so a document is only taken to have lost its gaps when many of its runs are such
(:func:`lost_gaps`), and then only runs that read much better cut are cut.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from kaghaz.chars import ZWNJ, is_mark
from kaghaz.lexicon import Lexicon, _lexicon_words
from kaghaz.repair.langmodel import OOV_BASE, PAIR_MAX, LanguageModel
from kaghaz.repair.text import WORD_RE, letter_count
from kaghaz.repair.words import split_zwnj

#: Longest word, in characters, that a run is cut into.
LONGEST_WORD: Final = 12
#: Shortest run, in letters, that is looked at (shorter ones are words or rare forms).
MIN_LETTERS: Final = 7
#: Longest run, in characters, that is cut (longer ones are not words run together).
MAX_RUN: Final = 120
#: Each word the cutting makes costs this much (fewer, longer words win a tie).
WORD_COST: Final = 0.5
#: A piece the lexicon does not know (a name, a rare form) costs this much more than its own
#: score, and has at least this many characters.
UNKNOWN_COST: Final = 3.0
#: log10 cost of each letter of a piece the lexicon does not know.
LETTER_COST: Final = 1.1
MIN_UNKNOWN: Final = 3
#: Gain, in log10 probability, at which a run is evidence that the document lost its gaps, and at
#: which a run of such a document is cut.
STRONG_GAIN: Final = 4.0
WEAK_GAIN: Final = 1.5
#: A document lost its gaps when at least this many of its runs are evidence ...
MIN_RUNS: Final = 4
#: ... and they are at least this share of its Persian words of :data:`MIN_LETTERS` letters or more.
MIN_SHARE: Final = 0.25
#: A Persian letter and a Latin letter side by side (``قویNeverهیچ``).
_PERSIAN: Final = "[\u0621-\u064a\u067e-\u06d3]"
_GLUED_LATIN: Final = re.compile(f"(?<={_PERSIAN})(?=[A-Za-z])|(?<=[A-Za-z])(?={_PERSIAN})")
#: Once this many runs the lexicon does not know were cut, at least this share of them must be
#: evidence for the search to go on.
SAMPLE: Final = 20
SAMPLE_SHARE: Final = 0.3
#: Where the lines may be in visual order, this many of the first runs that are evidence are also
#: cut backwards, and all but one must read better as written.
DIRECTION_SAMPLE: Final = 5
#: Sentence punctuation run into the next word (``است.این``).
_GLUED_PUNCTUATION: Final = re.compile(
    "(?<=[\u0621-\u064a\u067e-\u06d3])([.\u060c\u061b:!\u061f])(?=[\u0621-\u064a\u067e-\u06d3])"
)


@dataclass(frozen=True, slots=True)
class Cutting:
    """A run of letters read as ``words``, ``gain`` better (log10) than the run as one word."""

    words: tuple[str, ...]
    gain: float


def _can_cut(run: str, at: int) -> bool:
    """True if a gap may stand before ``run[at]`` (not before a mark, not beside a ZWNJ).

    >>> _can_cut("می\N{ZERO WIDTH NON-JOINER}رود", 2), _can_cut("اصلاً", 4), _can_cut("ازاو", 2)
    (False, False, True)
    """
    return not is_mark(run[at]) and run[at] != ZWNJ and run[at - 1] != ZWNJ


def split_run(run: str, lm: LanguageModel) -> Cutting:
    """The best reading of ``run`` as words, most of them words the lexicon knows (the run
    itself if there is none).

    >>> lm = LanguageModel()
    >>> " ".join(split_run("زبانفارسیزندهوپویا", lm).words)
    'زبان فارسی زنده و پویا'
    >>> split_run("کتابخانه", lm).words
    ('کتابخانه',)
    """
    if lm.known(run) or len(run) > MAX_RUN:
        return Cutting((run,), 0.0)
    size = len(run)
    # score[i], back[i]: the best cutting of run[:i] and where its last piece starts;
    # last[i]: that piece if the lexicon knows it (the pair with the next piece counts then)
    score: list[float | None] = [None] * (size + 1)
    back = [0] * (size + 1)
    last: list[str | None] = [None] * (size + 1)
    score[0] = 0.0
    cuts = [at == size or _can_cut(run, at) for at in range(size + 1)]
    folded = lm.key(run)
    # where folding keeps every character, a piece's key is the folded run's slice
    aligned = len(folded) == size
    prefixes, logs = _prefixes(lm.lexicon)
    for start in range(size):
        before = score[start]
        if before is None or (start and not cuts[start]):
            continue
        previous = last[start]
        maybe_word = True
        for stop in range(start + 1, min(size, start + LONGEST_WORD) + 1):
            key = folded[start:stop] if aligned else None
            if maybe_word and key is not None and key not in prefixes:
                maybe_word = False  # no word of the lexicon starts so: the piece and longer ones are unknown
            if not cuts[stop]:
                continue
            known: str | None = None
            log = None
            if maybe_word:
                if key is not None:
                    log = logs.get(key)
                else:
                    piece = run[start:stop]
                    if lm.known(piece):
                        log = lm.word(piece)
            if log is not None:
                known = run[start:stop]
                value = before + log - WORD_COST
                current = score[stop]
                # the pair can add at most PAIR_MAX: looked up only where it could win
                if previous is not None and (current is None or value + PAIR_MAX > current):
                    value += lm.pair(previous, known)
            elif stop - start >= MIN_UNKNOWN:
                value = before + _unknown_score(stop - start) - WORD_COST
            else:
                continue
            current = score[stop]
            if current is None or value > current:
                score[stop], back[stop], last[stop] = value, start, known
    final = score[size]
    if final is None:
        return Cutting((run,), 0.0)
    pieces: list[str] = []
    at = size
    while at:
        pieces.append(run[back[at]:at])
        at = back[at]
    if len(pieces) < 2:
        return Cutting((run,), 0.0)
    return Cutting(tuple(reversed(pieces)), final - (lm.word(run) - WORD_COST))


@lru_cache(maxsize=4)
def _prefixes(lexicon: Lexicon) -> tuple[frozenset[str], dict[str, float]]:
    """Every beginning of every word (folded key) of ``lexicon``, and each word's log10
    probability (what :meth:`LanguageModel.word` gives a known word) by its key."""
    words = list(_lexicon_words(lexicon))
    prefixes = frozenset(key[:end] for key, _ in words for end in range(1, len(key) + 1))
    return prefixes, {key: math.log10(freq) for key, freq in words if freq > 0}


def _unknown_score(length: int) -> float:
    """What a piece of ``length`` characters that the lexicon does not know scores: a fixed cost
    and a cost per letter (the letter model's rate on words that are not in the lexicon).

    >>> _unknown_score(9) < _unknown_score(5)
    True
    """
    return OOV_BASE - UNKNOWN_COST - LETTER_COST * length


def _zwnj_joined(pieces: tuple[str, ...], lm: LanguageModel) -> list[str]:
    """The words of a cutting with each two that make one word with a ZWNJ between them written so
    (``می`` and ``خوانند``: ``می\N{ZERO WIDTH NON-JOINER}خوانند``), where the one word is more
    probable than the two together.

    >>> _zwnj_joined(("آنها", "می", "خوانند"), LanguageModel())
    ['آنها', 'می\u200cخوانند']
    """
    out: list[str] = []
    for piece in pieces:
        if out:
            joined = out[-1] + ZWNJ + piece
            if lm.frequency(joined) > 0 and lm.word(joined) > lm.word(out[-1]) + lm.word(piece):
                out[-1] = joined
                continue
        out.append(piece)
    return out


def _cutting(run: str, lm: LanguageModel, cache: dict[str, Cutting]) -> Cutting:
    """:func:`split_run` of ``run``, kept in ``cache``; none for a word that only lost its ZWNJs.
    The model remembers the cuttings too: the document's runs are looked at again once its lines
    are in order, and other documents hold the same runs."""
    cutting = cache.get(run)
    if cutting is None:
        remembered = lm.cache("cuttings")
        cutting = remembered.get(run)
        if cutting is None:
            cutting = split_run(run, lm)
            if cutting.gain > WEAK_GAIN and _lost_zwnj(run, lm):
                cutting = Cutting((run,), 0.0)
            remembered[run] = cutting
        cache[run] = cutting
    return cutting


def _lost_zwnj(run: str, lm: LanguageModel) -> bool:
    """True if ``run`` is one word that lost its ZWNJs (``سرمایهگذاریها``): a word for the
    ZWNJ fixes, not words run together.

    >>> lm = LanguageModel()
    >>> _lost_zwnj("کارخانههای", lm), _lost_zwnj("سالنبزرگ", lm)
    (True, False)
    """
    if len(run) > LONGEST_WORD:
        return False
    restored = split_zwnj(run, lm)
    return restored != run and lm.known(restored)


def _long_runs(line: str) -> Iterable[str]:
    # (a word has no more letters than characters: the short ones are not counted, a hot path)
    for run in WORD_RE.findall(line):
        if len(run) >= MIN_LETTERS and letter_count(run) >= MIN_LETTERS:
            yield run


def lost_gaps(lines: Iterable[str], lm: LanguageModel, backwards_too: bool = False) -> dict[str, Cutting] | None:
    """The cuttings of the runs looked at so far if the lines ran their words together (see the
    module's description), ``None`` if they did not. Runs are looked at until the evidence
    suffices. ``backwards_too``: the lines may still be in visual order (letters backwards), so a
    run is only evidence if it reads better cut as written than cut backwards.

    >>> lm = LanguageModel()
    >>> lost_gaps(["زبانفارسیزندهوپویا،پرازواژه\N{ZERO WIDTH NON-JOINER}هایزیباوخالصاست."] * 4, lm) is not None
    True
    >>> lost_gaps(["زبان فارسی زنده و پویا، پر از واژه\N{ZERO WIDTH NON-JOINER}های زیبا و خالص است."] * 4, lm)
    >>> lost_gaps(["اجیوپوهدنزیسرافنابز"] * 4, lm, backwards_too=True)
    """
    runs = [run for line in lines for run in _long_runs(line)]
    needed = max(MIN_RUNS, MIN_SHARE * len(runs))
    runs = [run for run in runs if not lm.known(run)]
    if len(runs) < needed:
        return None  # too few runs the lexicon does not know to be evidence enough
    cuttings: dict[str, Cutting] = {}
    evident = 0
    # the direction is judged on the first runs that are evidence, not on all of them
    checked = forward = 0 if backwards_too else DIRECTION_SAMPLE
    examined = 0
    for position, run in enumerate(runs):
        if evident + len(runs) - position < needed:
            return None
        if examined >= SAMPLE and evident < SAMPLE_SHARE * examined:
            return None  # the runs the lexicon does not know are other damage, or names
        examined += 1
        cutting = _cutting(run, lm, cuttings)
        if cutting.gain <= STRONG_GAIN:
            continue
        if checked < DIRECTION_SAMPLE:
            checked += 1
            forward += split_run(run[::-1], lm).gain < cutting.gain
            if checked - forward > 1:
                return None  # more than one reads better backwards: visual order
        evident += 1
        if evident >= needed:
            return cuttings
    return None


def space_run_words(line: str, lm: LanguageModel, cuttings: dict[str, Cutting] | None = None) -> str:
    """``line`` with its runs of words cut into words, and sentence punctuation and Latin words
    spaced from the Persian words they touch (only for a document that :func:`lost_gaps`;
    ``cuttings``: runs already cut).

    >>> space_run_words("زبانفارسیزندهوپویااست.اینمجموعه", LanguageModel())
    'زبان فارسی زنده و پویا است. این مجموعه'
    >>> space_run_words("نفیقویNeverهیچگاه", LanguageModel())
    'نفی قوی Never هیچگاه'
    """
    known = {} if cuttings is None else cuttings

    def cut(match: re.Match[str]) -> str:
        run = match.group()
        if letter_count(run) < 2 or lm.known(run):
            return run
        cutting = _cutting(run, lm, known)
        return " ".join(_zwnj_joined(cutting.words, lm)) if cutting.gain > WEAK_GAIN else run

    return _GLUED_LATIN.sub(" ", _GLUED_PUNCTUATION.sub(r"\1 ", WORD_RE.sub(cut, line)))
