"""Lines whose words are whole but stand in visual order, numbers and Latin words included.

Extractors that sort a line's spans by their x position (PyMuPDF's ``get_text(sort=True)``, and
others that read a page left to right) write each word of a right-to-left line in logical order,
but the words themselves left to right as they stand on the page: the whole line, numbers and
Latin runs with it, comes out in visual order (``در که است ۴۰۵ پژو`` for ``پژو ۴۰۵ است که در``).
pypdf on PDFs drawn word by word (Typst) differs: it turns round only the stretches between
numbers and Latin words, which stay in logical order (:mod:`kaghaz.repair.pypdf_words`). Which of
the two a document shows is decided over its lines where the two readings differ (those holding a
number or a Latin word), by the language model.

Written by hand: the Unicode bidi algorithm (python-bidi) maps logical to visual order for display
and mirrors brackets on the way; here the characters are already the logical ones (an extractor
reports a bracket's code, not its mirrored glyph), so only the order of the runs is undone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Final

from kaghaz.chars import ZWNJ, is_mark
from kaghaz.repair.langmodel import LanguageModel
from kaghaz.repair.text import ARABIC_LETTER_CLASS
from kaghaz.repair.words import ZWNJ_PREFIXES, ZWNJ_SUFFIXES

_DIGITS: Final = "0-9\u0660-\u0669\u06f0-\u06f9"
_LTR_CHAR: Final = f"A-Za-z\u00c0-\u024f{_DIGITS}"
#: A left-to-right run (words and numbers with the separators inside them), an Arabic-script word
#: (marks, tatweel and ZWNJ included), a stretch of white space, or any other single character.
TOKEN: Final = re.compile(
    f"[{_LTR_CHAR}]+(?:[ .,:/'\\-\u066b\u066c]+[{_LTR_CHAR}]+)*"
    "|[\u0621-\u063a\u0640-\u065f\u066e-\u06d3\u06d5\u06fa-\u06ff\u0670\u200c]+"
    r"|\s+|.", re.S)
#: Lines on which the two readings must differ before the choice is made at all, and the share of
#: them that must read better turned round whole.
MIN_DIFFERING_LINES: Final = 2
BETTER_SHARE: Final = 0.5
_HAS_LTR: Final = re.compile(f"[{_LTR_CHAR}]")


_BRACKETS: Final = "()[]{}\u00ab\u00bb<>"
_EDGE_BRACKETS: Final = re.compile(f"^[{re.escape(_BRACKETS)}]+|[{re.escape(_BRACKETS)}]+$")
_LTR_UNIT: Final = re.compile(f"[{_LTR_CHAR}]+(?:[.,:/'\\-\u066b\u066c]+[{_LTR_CHAR}]+)*")


def _chunk_units(line: str) -> list[str]:
    """``line`` cut at white space, with the brackets at either end of a chunk cut off: a chunk's
    letters, digits and punctuation stay as the extractor wrote them."""
    units: list[str] = []
    for chunk in re.findall(r"\S+|\s+", line):
        if chunk.isspace():
            units.append(chunk)
            continue
        position = 0
        for match in _EDGE_BRACKETS.finditer(chunk):
            if match.start() > position:
                units.append(chunk[position:match.start()])
            units.extend(match.group())
            position = match.end()
        if position < len(chunk):
            units.append(chunk[position:])
    return units


def _group_ltr(units: list[str]) -> list[str]:
    """``units`` with each left-to-right stretch (units made of Latin letters and digits, with only
    white space between them) made one unit, so that it keeps its order.

    >>> _group_ltr(["Time", " ", "Canada", " ", "نام"])
    ['Time Canada', ' ', 'نام']
    """
    out: list[str] = []
    ltr: list[bool] = []
    for unit in units:
        is_ltr = bool(_LTR_UNIT.fullmatch(unit))
        if is_ltr and len(out) >= 2 and out[-1].isspace() and ltr[-2]:
            space = out.pop()
            ltr.pop()
            out[-1] += space + unit
            continue
        out.append(unit)
        ltr.append(is_ltr)
    return out


def reverse_visual_words(line: str, chunks: bool = False) -> str:
    """``line`` read back from visual order when its words are whole: the runs in reverse order,
    each left as it is (a left-to-right stretch keeps its words in order; brackets keep their
    codes). ``chunks``: what stands between two spaces (a word with its comma, a word glued to a
    number) is one run, as the extractor wrote it, save the brackets at its ends.

    >>> reverse_visual_words("در که است ۴۰۵ پژو")
    'پژو ۴۰۵ است که در'
    >>> reverse_visual_words(")یافتهٔ چهره تغییر( لیفت")
    'لیفت (تغییر چهره یافتهٔ)'
    >>> reverse_visual_words("است Kongeriget Danmark نام")
    'نام Kongeriget Danmark است'
    >>> reverse_visual_words("است فرانسه اهل فوتبال، بازیکن", chunks=True)
    'بازیکن فوتبال، اهل فرانسه است'
    >>> reverse_visual_words("فرانسوی به( بنزما", chunks=True)
    'بنزما (به فرانسوی'
    """
    units = _chunk_units(line) if chunks else TOKEN.findall(line)
    return "".join(reversed(_group_ltr(units)))


def whole_lines_visual(lines: Sequence[str], persian: Sequence[int], score: Callable[[str], float],
                       stretches: Callable[[str], str], whole: Callable[[str], str] = reverse_visual_words,
                       margin: float = 0.0) -> bool:
    """True if the document's lines read better turned round whole (``whole``, by default
    :func:`reverse_visual_words`) than stretch by stretch between numbers (``stretches``), summed
    over the lines that hold a number or a Latin word and where the two readings differ, by more
    than ``margin``, and better on more than half of them; ``score`` is the yardstick (higher is
    more probable).

    >>> def score(text: str) -> float:
    ...     return 1.0 if text.startswith("پژو ۴۰۵") else 0.0
    >>> def stretches(text: str) -> str:
    ...     return "۴۰۵ " + "پژو"
    >>> whole_lines_visual(["۴۰۵ پژو", "۴۰۵ پژو"], [0, 1], score, stretches)
    True
    >>> whole_lines_visual(["۴۰۵ پژو", "۴۰۵ پژو"], [0, 1], score, stretches, margin=2.0)
    False
    """
    total = 0.0
    differing = better = 0
    for index in persian:
        if not _HAS_LTR.search(lines[index]):
            # without a number or a Latin word the readings differ only in how the punctuation
            # is taken, which says nothing about the order of the runs
            continue
        turned = whole(lines[index])
        part = stretches(lines[index])
        if " ".join(turned.split()) == " ".join(part.split()):
            continue
        differing += 1
        gain = score(turned) - score(part)
        total += gain
        better += gain > 0
    return differing >= MIN_DIFFERING_LINES and total > margin and better > BETTER_SHARE * differing


_LETTER: Final = ARABIC_LETTER_CLASS
_ENDS_WITH_ZWNJ: Final = re.compile(f"([{_LETTER}\u064b-\u065f\u0670]+)\N{ZERO WIDTH NON-JOINER}(?![{_LETTER}])")
_ZWNJ_SPACE: Final = re.compile(f"\N{ZERO WIDTH NON-JOINER} +(?=[{_LETTER}])")


def _rotated(word: str, lm: LanguageModel) -> str | None:
    """``word`` (written before a ZWNJ) read as two pieces of one word in visual order, the piece
    that follows the ZWNJ first (``ها`` then ``پلاستیک`` is ``پلاستیک`` ZWNJ ``ها``); ``None`` if no
    cut gives a prefix, a suffix or a word the lexicon knows."""
    best: tuple[int, str] | None = None
    for cut in range(1, len(word)):
        after, before = word[:cut], word[cut:]
        if is_mark(before[0]):
            continue
        joined = before + ZWNJ + after
        rank = 2 if lm.frequency(joined) > 0 else 1 if after in ZWNJ_SUFFIXES or before in ZWNJ_PREFIXES else 0
        if rank and (best is None or rank > best[0]):
            best = (rank, joined)
    return None if best is None else best[1]


def mend_zwnj_pieces(text: str, lm: LanguageModel) -> str:
    """Put together the pieces of words that were cut at a ZWNJ and written in visual order: a word
    ending in a ZWNJ is turned round at its cut (``هاپلاستیک`` ZWNJ is ``پلاستیک`` ZWNJ ``ها``),
    then a ZWNJ followed by spaces is joined to the word after it (``می`` ZWNJ space ``شود``).

    Only for text known to be in visual order: a clean text has no ZWNJ at a word's end.

    >>> lm = LanguageModel()
    >>> zwnj = "\N{ZERO WIDTH NON-JOINER}"
    >>> mend_zwnj_pieces("ها" + "پلاستیک" + zwnj + " را توان" + "می" + zwnj + " گفت", lm) == (
    ...     "پلاستیک" + zwnj + "ها را می" + zwnj + "توان گفت")
    True
    >>> mend_zwnj_pieces("می" + zwnj + " شود", lm) == "می" + zwnj + "شود"
    True
    """
    if ZWNJ not in text:
        return text

    def turn(match: re.Match[str]) -> str:
        word = match.group(1)
        if lm.known(word):
            return match.group()
        rotated = _rotated(word, lm)
        return match.group() if rotated is None else rotated

    turned = _ENDS_WITH_ZWNJ.sub(turn, text)
    return _ZWNJ_SPACE.sub(ZWNJ, turned)
