"""Which way round a ligature's letters go, decided by the word it stands in.

A glyph that shows several letters (``لله``, ``نی``, ``لم``) carries their text in its ToUnicode entry,
and pdfium sometimes hands that text out last letter first: it turns the characters of a text object
round when it reorders a right-to-left run, the characters of one glyph included, and whether it
does depends on how the producer wrote the object, not on the font. The only reliable witness is
the word: of ``انشاأالله`` and ``انشاأاهلل`` one is Persian. This module tries both orders of each
such glyph in its word and keeps the one the shared lexicon knows better; an order the lexicon does
not know at all never replaces the other.

The lam-alef ligature needs no lexicon (alef never joins a following lam, so ``ال`` from one glyph
is always backwards; :func:`kaghaz.layout.chars.fix_lam_alef`), nor does a letter with its marks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from kaghaz.chars import ZWNJ, is_arabic_letter, is_mark
from kaghaz.lexicon import Lexicon
from kaghaz.model import GlyphTable, Line


def turned_round(text: str) -> str:
    """The letters of a glyph's text in the opposite order, each keeping the marks that follow it.

    >>> turned_round("هلل") == "لله", turned_round("نی\N{ARABIC SHADDA}") == "ی\N{ARABIC SHADDA}ن"
    (True, True)
    """
    units: list[str] = []
    for char in text:
        if units and is_mark(char):
            units[-1] += char
        else:
            units.append(char)
    return "".join(reversed(units))


def is_ambiguous(text: str) -> bool:
    """True for a glyph text of two or more Arabic letters whose order cannot be told from the text.

    >>> is_ambiguous("هلل"), is_ambiguous("لا"), is_ambiguous("ال"), is_ambiguous("ه\N{ARABIC HAMZA ABOVE}")
    (True, False, False, False)
    """
    letters = [c for c in text if not is_mark(c) and c != ZWNJ]
    if len(letters) < 2 or not all(is_arabic_letter(c) for c in letters):
        return False
    return not (len(letters) == 2 and {letters[0], letters[1]} & {"ل"} and set(letters) & set("اآأإ"))


def _word_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The whitespace-delimited word that holds ``text[start:end]``."""
    left = start
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    right = end
    while right < len(text) and not text[right].isspace():
        right += 1
    return left, right


def _spans(glyph_ids: Sequence[int], wanted: set[int]) -> list[tuple[int, int]]:
    """Maximal runs of characters that come from one of the ``wanted`` glyphs."""
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(glyph_ids):
        if glyph_ids[i] in wanted:
            j = i
            while j < len(glyph_ids) and glyph_ids[j] == glyph_ids[i]:
                j += 1
            spans.append((i, j))
            i = j
        else:
            i += 1
    return spans


_PUNCTUATION = ".,،؛:!؟?»«()[]\"'"


def _prefers(lexicon: Lexicon, text: str, start: int, end: int, piece: str) -> bool:
    """True if the word reads better with ``piece`` in place of ``text[start:end]``.

    The longest stretch of the word around the glyph that the lexicon knows in either reading
    decides: the whole word where it is known, else a shorter part (``الله`` inside ``انشاأالله``).
    """
    left, right = _word_around(text, start, end)
    while left < start and text[left] in _PUNCTUATION:
        left += 1
    while right > end and text[right - 1] in _PUNCTUATION:
        right -= 1
    other = text[:start] + piece + text[end:]
    for length in range(right - left, end - start - 1, -1):
        best_now = best_other = 0.0
        for a in range(max(left, end - length), min(start, right - length) + 1):
            best_now = max(best_now, lexicon.frequency(text[a:a + length]))
            best_other = max(best_other, lexicon.frequency(other[a:a + length]))
        if best_now or best_other:
            return best_other > best_now
    return False


def orient_ligatures(lines: Sequence[Line], glyphs: GlyphTable, candidates: Sequence[int]) -> list[Line]:
    """The lines with every ambiguous multi-letter glyph read in the order its word knows best.

    ``candidates`` are the glyphs (indices into ``glyphs``) whose text has several characters.
    """
    texts = glyphs.texts
    ambiguous = {g for g in candidates if is_ambiguous(texts[g])}
    if not ambiguous:
        return list(lines)
    from kaghaz.lexicon import default_lexicon  # loaded only for pages that need it

    lexicon = default_lexicon()
    out: list[Line] = []
    for line in lines:
        spans = _spans(line.glyph_ids, ambiguous) if ambiguous.intersection(line.glyph_ids) else []
        text = line.orig
        for start, end in spans:
            other_piece = turned_round(text[start:end])
            if _prefers(lexicon, text, start, end, other_piece):
                text = text[:start] + other_piece + text[end:]
        out.append(line if text == line.orig else replace(line, orig=text))
    return out
