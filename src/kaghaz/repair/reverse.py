"""Lines and words written in visual (left-to-right) order, put back in logical order.

pdfminer.six and pdfplumber emit a right-to-left line letter by letter from left to right; pypdf
on Typst PDFs emits the words of a line from left to right; pypdfium2 on Chromium PDFs emits some
words letter by letter from left to right. Undoing each is easy; deciding *when* to undo it is the
job of :mod:`kaghaz.repair.diagnosis`.
"""

from __future__ import annotations

from bidi import get_display

from kaghaz.chars import is_mark
from kaghaz.repair.text import WORD_RE


def reverse_visual_line(line: str) -> str:
    """A right-to-left line written in visual order, read back in logical order.

    Runs of digits and Latin stay left to right, as the Unicode bidi algorithm shows them (python-bidi
    reorders the visual string as a right-to-left paragraph; that reordering is its own inverse).

    >>> reverse_visual_line("تسا وردوخ ناریا زا")
    'از ایران خودرو است'
    >>> reverse_visual_line("دش هضرع ۴۰۶ وژپ")
    'پژو ۴۰۶ عرضه شد'
    """
    return str(get_display(line, base_dir="R"))


def reverse_word(word: str) -> str:
    """The letters of ``word`` in reverse order.

    A combining mark that would come first (it was drawn after the word, as pypdfium2 reports the
    hamza of ``زادهٔ``) goes back to the end of the word.

    >>> reverse_word("میات")
    'تایم'
    >>> reverse_word("هداز\N{ARABIC HAMZA ABOVE}") == "زاده\N{ARABIC HAMZA ABOVE}"
    True
    """
    flipped = word[::-1]
    start = 0
    while start < len(flipped) and is_mark(flipped[start]):
        start += 1
    return flipped[start:] + flipped[:start] if start < len(flipped) else flipped


def reverse_word_order(line: str) -> str:
    """The words of ``line`` in reverse order (spaces between them kept as single spaces).

    >>> reverse_word_order("است خودرو این")
    'این خودرو است'
    """
    return " ".join(reversed(line.split()))


def reverse_words(line: str, which: set[int]) -> str:
    """``line`` with the letters of its words number ``which`` (0-based, Persian words only) reversed.

    >>> reverse_words("میات کی هلجم خبری", {0, 1, 2})
    'تایم یک مجله خبری'
    """
    counter = iter(range(1 << 30))

    def flip(match: object) -> str:
        word = match.group()  # type: ignore[attr-defined]
        return reverse_word(word) if next(counter) in which else str(word)

    return WORD_RE.sub(flip, line)
