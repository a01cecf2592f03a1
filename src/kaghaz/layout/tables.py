"""Per-code-point lookup tables over the Basic Multilingual Plane, as numpy arrays.

Layout classifies thousands of glyphs per page; asking :mod:`unicodedata` one character at a time
costs more than reading the page. These tables answer the same questions for a whole array of code
points at once (``MARK[codes]``). Built once, on first use (about 0.1 s).
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


@dataclass(frozen=True, slots=True)
class Tables:
    """Boolean or small-integer facts per BMP code point (index with ``np.minimum(codes, 0xFFFF)``)."""

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


@lru_cache(maxsize=1)
def tables() -> Tables:
    """The lookup tables, built once per process."""
    size = 0x10000
    mark = np.zeros(size, dtype=bool)
    space = np.zeros(size, dtype=bool)
    control = np.zeros(size, dtype=bool)
    dash_like = np.zeros(size, dtype=bool)
    bidi = np.zeros(size, dtype=np.int8)
    mirrored = np.zeros(size, dtype=bool)
    for code in range(size):
        char = chr(code)
        category = unicodedata.category(char)
        if category == "Mn":
            mark[code] = True
        elif category == "Zs":
            space[code] = True
        elif category in ("Cc", "Cs", "Co", "Cn"):
            control[code] = True
        if category in ("Pd", "Pc", "Sm", "Zs"):
            dash_like[code] = True
        bidi[code] = _BIDI_CODES.get(unicodedata.bidirectional(char), B_OTHER)
        mirrored[code] = bool(unicodedata.mirrored(char))
    drop = np.zeros(size, dtype=bool)
    drop[list(_DROP_FORMAT)] = True
    presentation = np.array([is_presentation_form(chr(c)) for c in range(size)], dtype=bool)
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
    return Tables(mark, space, control, drop, presentation, dash_like, bidi, forward, backward, arabic_letter,
                  mirrored)
