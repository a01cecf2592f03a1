"""Arabic yeh and kaf that a font's glyph map put into Persian words.

A font may map some shapes of the Persian yeh and kaf to the Arabic letters: the final yeh of a
Word document to ``ي`` (U+064A) while its other shapes read ``ی`` (U+06CC), or the initial and
medial kaf of a XeLaTeX document to ``ك`` (U+0643) while its final one reads ``ک`` (U+06A9). The
text layer then writes words like ``کامپیوتري`` and ``كلاک``. A writer picks the letter with the
keyboard, not by its place in the word: a writer on an Arabic keyboard types ``ي`` everywhere, and a
Persian text that quotes Arabic has ``ي`` wherever the quotation puts it. So where nearly every
Arabic form of a letter stands in one place (at the end of words, or inside them) and the Persian
form almost never does, the letter came from glyph shapes, and its Arabic forms (with the alef
maksura such fonts give a final yeh) are written as the Persian letter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

ARABIC_YEH: Final = "\N{ARABIC LETTER YEH}"
ARABIC_KAF: Final = "\N{ARABIC LETTER KAF}"
ALEF_MAKSURA: Final = "\N{ARABIC LETTER ALEF MAKSURA}"
FARSI_YEH: Final = "\N{ARABIC LETTER FARSI YEH}"
KEHEH: Final = "\N{ARABIC LETTER KEHEH}"
#: The Arabic form of a letter comes from glyph shapes when it shows up at least this often ...
MIN_ARABIC: Final = 5
#: ... this share of it stands in one place (at the end of words, or inside them) ...
ONE_PLACE: Final = 0.9
#: ... the Persian form stands there at most this many times per Arabic one ...
PERSIAN_THERE: Final = 0.2
#: ... and at least this often in the other place.
MIN_PERSIAN_ELSEWHERE: Final = 3
_LETTER_AFTER: Final = "(?=[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff])"
_PATTERNS: Final = {letter: (re.compile(letter + _LETTER_AFTER), re.compile(letter))
                    for letter in (ARABIC_YEH, ARABIC_KAF, FARSI_YEH, KEHEH)}


def _places(lines: list[str], letter: str) -> tuple[int, int]:
    """How often ``letter`` stands inside a word (a letter follows), and at its end."""
    inside, anywhere = _PATTERNS[letter]
    within = sum(len(inside.findall(line)) for line in lines)
    return within, sum(len(anywhere.findall(line)) for line in lines) - within


def from_glyphs(arabic: tuple[int, int], persian: tuple[int, int]) -> bool:
    """True if a letter's Arabic and Persian forms, counted (inside, at the end) of words, split
    by place the way a glyph map splits them.

    >>> from_glyphs((111, 3), (1, 49)), from_glyphs((0, 59), (300, 6))
    (True, True)
    >>> from_glyphs((28, 50), (79, 79)), from_glyphs((40, 41), (0, 0)), from_glyphs((147, 14), (5678, 583))
    (False, False, False)
    """
    total = sum(arabic)
    if total < MIN_ARABIC:
        return False
    place = 0 if arabic[0] >= arabic[1] else 1
    return (arabic[place] >= ONE_PLACE * total and persian[place] <= PERSIAN_THERE * arabic[place]
            and persian[1 - place] >= MIN_PERSIAN_ELSEWHERE)


def glyph_letters(lines: Iterable[str]) -> str:
    """The Arabic letters (yeh, kaf) of the lines that came from glyph shapes (see the module's
    description), as a string.

    >>> lines = ["کامپیوتر\N{ARABIC LETTER YEH} و بیشتر\N{ARABIC LETTER YEH} برا\N{ARABIC LETTER YEH} یک"] * 3
    >>> glyph_letters(lines) == ARABIC_YEH
    True
    >>> glyph_letters(["كتابي از ايران", "کتابی از ایران"] * 5)
    ''
    """
    found = list(lines)
    letters = ""
    for arabic, persian in ((ARABIC_YEH, FARSI_YEH), (ARABIC_KAF, KEHEH)):
        if any(arabic in line for line in found) and from_glyphs(_places(found, arabic), _places(found, persian)):
            letters += arabic
    return letters


def persian_forms(line: str, letters: str) -> str:
    """``line`` with the Arabic ``letters`` written as the Persian ones (yeh with alef maksura).

    >>> persian_forms("كلاک بعدي نهايى", ARABIC_YEH + ARABIC_KAF) == "کلاک بعدی نهایی"
    True
    """
    table = {}
    if ARABIC_YEH in letters:
        table.update({ord(ARABIC_YEH): FARSI_YEH, ord(ALEF_MAKSURA): FARSI_YEH})
    if ARABIC_KAF in letters:
        table[ord(ARABIC_KAF)] = KEHEH
    return line.translate(table)
