"""Spaces that an extractor put inside a word, where a letter was drawn in two glyphs.

Typst draws some letters of a word as a base glyph and a zero-width glyph for their dots or marks,
both mapped to the letter; PyMuPDF writes the letter twice (``ششده`` for ``شده``, fixed by
:func:`kaghaz.repair.words.fix_doubled_letters`) and, after a letter that does not join the next
one, sees a gap and writes a space there too: ``با ششگاه`` for ``باشگاه``, ``خوا ههد`` for
``خواهد``. The doubled letter marks the place; whether the space was in the text is left to the
lexicon, since ``در ششهر`` is ``در شهر``. Written by hand because no library does it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from kaghaz.chars import RIGHT_JOINING
from kaghaz.repair.langmodel import LanguageModel
from kaghaz.repair.text import WORD_RE
from kaghaz.repair.words import undouble

_RIGHT_JOINING_CLASS: Final = "".join(sorted(RIGHT_JOINING))
_WORD_CHAR: Final = WORD_RE.pattern.removesuffix("+")
#: A word ending with a letter that does not join forward, one space, a word that starts with a
#: doubled letter.
_GAP_BEFORE_DOUBLED: Final = re.compile(
    f"({_WORD_CHAR}*[{_RIGHT_JOINING_CLASS}]) (([\u0621-\u064a\u067e-\u06cc])\\3{_WORD_CHAR}*)")


def join_doubled_gaps(line: str, lm: LanguageModel) -> str:
    """Remove the space before a doubled letter where the word it splits is more probable whole.

    The doubled letter is written once at the seam; the rest is left to ``fix_doubled_letters``.

    >>> lm = LanguageModel()
    >>> join_doubled_gaps("برای با ششگاه فوتبال و در ششهر", lm)
    'برای باشگاه فوتبال و در ششهر'
    """
    def join(match: re.Match[str]) -> str:
        left, right = match.group(1), match.group(2)
        rest = right[1:]
        whole = left + rest
        if not lm.known(whole):
            whole = undouble(whole, lm)
            if not lm.known(whole):
                return match.group()
        apart = lm.score([left, undouble(rest, lm)])
        return left + rest if lm.word(whole) > apart else match.group()

    return _GAP_BEFORE_DOUBLED.sub(join, line)


#: A line's final space marks a split only where at most one line in this many ends with a space.
TRAILING_SHARE: Final = 10
_STARTS_DOUBLED: Final = re.compile("^ *([\u0621-\u064a\u067e-\u06cc])\\1")
_LAST_TOKEN: Final = re.compile(f"(?:^| )({_WORD_CHAR}+)$")


@dataclass(frozen=True, slots=True)
class Fragment:
    """A stretch of a line that PyMuPDF wrote as a line of its own, before the line it ends.

    ``line`` is the fragment's line, followed by the line it belongs at the end of; ``text`` is the
    two joined; ``glued`` says the fragment finishes the last word of that line.
    """

    line: int
    text: str
    glued: bool


def find_fragments(lines: list[str], lm: LanguageModel) -> list[Fragment]:
    """The fragments of ``lines`` that belong at the end of the next line.

    Where Typst splits a letter into two glyphs, PyMuPDF may start a new line at the first of them
    and write it before the rest of the line it came from: a line starting with a doubled letter,
    followed by a line that ends with the space before it (``... به `` then `` صصورت پودر یا``, in a
    document whose lines do not end with spaces otherwise) or with the first letters of its word
    (``... بخش\u200cهای ا`` then `` صصلی این``). Only such a pair is joined, in reading order;
    everything else stays where it is.

    >>> lines = [" صصورت پودر یا", "که توسط تولیدکننده به ", "گرانول", *["متن"] * 8]
    >>> [f.text for f in find_fragments(lines, LanguageModel())]
    ['که توسط تولیدکننده به صصورت پودر یا']
    >>> [f.text for f in find_fragments([" صصلی این", "بیشتر بخش\u200cها ا"], LanguageModel())]
    ['بیشتر بخش\u200cها اصلی این']
    """
    out: list[Fragment] = []
    # a space at the end of a line only marks the split where lines do not end with spaces anyway
    written = sum(1 for line in lines if line.strip())
    spaced = sum(1 for line in lines if line.endswith(" ") and line.strip())
    telling = spaced * TRAILING_SHARE <= written
    index = 0
    while index + 1 < len(lines):
        first, second = lines[index], lines[index + 1]
        if _STARTS_DOUBLED.match(first) and second.strip() and "\f" not in first + second:
            fragment = first.strip(" ")
            if telling and second.endswith(" ") and second.strip(" "):
                out.append(Fragment(index, second.rstrip(" ") + " " + fragment, False))
                index += 2
                continue
            last = _LAST_TOKEN.search(second)
            head = WORD_RE.match(fragment)
            if last and head and len(last.group(1)) == 1 and lm.known(undouble(last.group(1) + head.group()[1:], lm)):
                out.append(Fragment(index, second + fragment[1:], True))
                index += 2
                continue
        index += 1
    return out
