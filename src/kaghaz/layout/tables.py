"""Per-code-point lookup tables over the Basic Multilingual Plane, as numpy arrays.

Layout classifies thousands of glyphs per page; asking :mod:`unicodedata` one character at a time
costs more than reading the page. These tables answer the same questions for a whole array of code
points at once (``tables().mark[codes]``), after :meth:`Tables.cover` has filled the blocks of those
codes.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from kaghaz.chars import DUAL_JOINING, JOIN_CAUSING, RIGHT_JOINING, is_presentation_form

#: Bidi classes as small integers, for :attr:`Tables.bidi` (B_OTHER is any neutral).
B_OTHER, B_R, B_L, B_EN, B_AN, B_ES, B_CS, B_ET = 0, 1, 2, 3, 4, 5, 6, 7
#: The class names of :mod:`kaghaz.layout.order`, indexed by the codes above.
CLASS_NAMES = ("ON", "R", "L", "EN", "AN", "ES", "CS", "ET")

_BIDI_CODES = {"R": B_R, "AL": B_R, "L": B_L, "EN": B_EN, "AN": B_AN, "ES": B_ES, "CS": B_CS, "ET": B_ET}
_DROP_FORMAT = (set(range(0x200B, 0x2010)) | set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))
                | {0x061C, 0xFEFF, 0x00AD})


_CHUNK = 256


@dataclass(frozen=True, slots=True)
class Tables:
    """Boolean or small-integer facts per BMP code point (index with ``np.minimum(codes, 0xFFFF)``).

    The Unicode facts (categories, bidi classes) are filled in blocks of 256 code points, on demand:
    call :meth:`cover` with the codes about to be looked up. A document touches a dozen blocks, so
    this costs milliseconds where filling the whole plane would cost a tenth of a second.
    """

    mark: np.ndarray
    space: np.ndarray
    control: np.ndarray
    drop: np.ndarray
    presentation: np.ndarray
    dash_like: np.ndarray
    bidi: np.ndarray
    forward: np.ndarray
    backward: np.ndarray
    arabic_letter: np.ndarray
    mirrored: np.ndarray
    ready: np.ndarray

    def cover(self, codes: np.ndarray) -> None:
        """Make sure the tables hold the facts of every code point in ``codes`` (BMP, as integers)."""
        blocks = np.asarray(codes, dtype=np.int64) // _CHUNK
        if self.ready[blocks].all():  # the usual case: no sort needed
            return
        chunks = np.unique(blocks)
        for chunk in chunks[~self.ready[chunks]].tolist():
            self._fill(int(chunk))

    def _fill(self, chunk: int) -> None:
        for code in range(chunk * _CHUNK, (chunk + 1) * _CHUNK):
            char = chr(code)
            category = unicodedata.category(char)
            self.mark[code] = category == "Mn"
            # a tab or line break drawn as a glyph (Quartz draws tabs) is white space, not a joiner
            white = char in "\t\n\x0b\x0c\r"
            self.space[code] = category == "Zs" or white
            self.control[code] = category in ("Cc", "Cs", "Co", "Cn") and not white
            self.dash_like[code] = category in ("Pd", "Pc", "Sm", "Zs")
            self.bidi[code] = _BIDI_CODES.get(unicodedata.bidirectional(char), B_OTHER)
            self.mirrored[code] = bool(unicodedata.mirrored(char))
            self.presentation[code] = is_presentation_form(char)
        self.ready[chunk] = True


@lru_cache(maxsize=1)
def tables() -> Tables:
    """The lookup tables of this process (their Unicode facts filled as :meth:`Tables.cover` asks)."""
    size = 0x10000
    drop = np.zeros(size, dtype=bool)
    drop[list(_DROP_FORMAT)] = True
    forward = np.zeros(size, dtype=bool)
    backward = np.zeros(size, dtype=bool)
    arabic_letter = np.zeros(size, dtype=bool)
    for char in DUAL_JOINING | JOIN_CAUSING:
        forward[ord(char)] = backward[ord(char)] = True
    for char in RIGHT_JOINING:
        backward[ord(char)] = True
    for char in DUAL_JOINING | RIGHT_JOINING:
        arabic_letter[ord(char)] = True
    arabic_letter[ord("\N{ARABIC LETTER HAMZA}")] = True
    table = Tables(mark=np.zeros(size, dtype=bool), space=np.zeros(size, dtype=bool),
                   control=np.zeros(size, dtype=bool), drop=drop, presentation=np.zeros(size, dtype=bool),
                   dash_like=np.zeros(size, dtype=bool), bidi=np.zeros(size, dtype=np.int8), forward=forward,
                   backward=backward, arabic_letter=arabic_letter, mirrored=np.zeros(size, dtype=bool),
                   ready=np.zeros(size // _CHUNK, dtype=bool))
    # the blocks every page needs: ASCII and Latin-1, Arabic, punctuation and format characters
    table.cover(np.array([0x0000, 0x0080, 0x0600, 0x0700, 0x2000]))
    return table
