"""Named characters and character classes used across kaghaz.

Every invisible or look-alike character the project handles is spelled here once, by its Unicode
name, and imported by name everywhere else (a test fails on any literal format character in the
source). This module holds lookups only, no logic beyond them.

The joining types come from the Unicode ArabicShaping data for the letters a Persian, Dari or Arabic
text uses; Python's :mod:`unicodedata` does not expose them, so the table is written out here.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

ZWNJ: Final = "\N{ZERO WIDTH NON-JOINER}"
ZWJ: Final = "\N{ZERO WIDTH JOINER}"
ZWSP: Final = "\N{ZERO WIDTH SPACE}"
NBSP: Final = "\N{NO-BREAK SPACE}"
SPACE: Final = " "
FORM_FEED: Final = "\f"
TATWEEL: Final = "\N{ARABIC TATWEEL}"
REPLACEMENT: Final = "\N{REPLACEMENT CHARACTER}"
HAMZA_ABOVE: Final = "\N{ARABIC HAMZA ABOVE}"
FATHATAN: Final = "\N{ARABIC FATHATAN}"
SHADDA: Final = "\N{ARABIC SHADDA}"

FARSI_YEH: Final = "\N{ARABIC LETTER FARSI YEH}"
ARABIC_YEH: Final = "\N{ARABIC LETTER YEH}"
ALEF_MAKSURA: Final = "\N{ARABIC LETTER ALEF MAKSURA}"
KEHEH: Final = "\N{ARABIC LETTER KEHEH}"
ARABIC_KAF: Final = "\N{ARABIC LETTER KAF}"
LAM: Final = "\N{ARABIC LETTER LAM}"
ALEF: Final = "\N{ARABIC LETTER ALEF}"
HEH: Final = "\N{ARABIC LETTER HEH}"
HEH_WITH_YEH_ABOVE: Final = "\N{ARABIC LETTER HEH WITH YEH ABOVE}"
TEH_MARBUTA: Final = "\N{ARABIC LETTER TEH MARBUTA}"

ARABIC_COMMA: Final = "\N{ARABIC COMMA}"
ARABIC_SEMICOLON: Final = "\N{ARABIC SEMICOLON}"
ARABIC_QUESTION_MARK: Final = "\N{ARABIC QUESTION MARK}"
ARABIC_DECIMAL_SEPARATOR: Final = "\N{ARABIC DECIMAL SEPARATOR}"
ARABIC_PERCENT: Final = "\N{ARABIC PERCENT SIGN}"

#: Characters that steer the bidi algorithm and never belong in extracted text.
BIDI_CONTROLS: Final = frozenset(
    "\N{ARABIC LETTER MARK}\N{LEFT-TO-RIGHT MARK}\N{RIGHT-TO-LEFT MARK}"
    "\N{LEFT-TO-RIGHT EMBEDDING}\N{RIGHT-TO-LEFT EMBEDDING}\N{POP DIRECTIONAL FORMATTING}"
    "\N{LEFT-TO-RIGHT OVERRIDE}\N{RIGHT-TO-LEFT OVERRIDE}"
    "\N{LEFT-TO-RIGHT ISOLATE}\N{RIGHT-TO-LEFT ISOLATE}\N{FIRST STRONG ISOLATE}"
    "\N{POP DIRECTIONAL ISOLATE}"
)

#: Right-joining letters: they join the letter before them but never the one after.
RIGHT_JOINING: Final = frozenset(
    "\u0622\u0623\u0624\u0625\u0627\u0629\u062f\u0630\u0631\u0632\u0648"
    "\u0671\u0672\u0673\u0675\u0676\u0677"
    + "".join(chr(c) for c in range(0x0688, 0x069A))
    + "\u06c0\u06c3\u06c4\u06c5\u06c6\u06c7\u06c8\u06c9\u06ca\u06cb\u06cd\u06cf\u06d2\u06d3\u06d5"
    "\u06ee\u06ef\u0759\u075a\u075b\u076b\u076c\u0771\u0773\u0774\u0778\u0779"
)

#: Dual-joining letters: they join on both sides, so a ZWNJ after one of them is visible as a gap.
DUAL_JOINING: Final = frozenset(
    "\u0620\u0626\u0628"
    + "".join(chr(c) for c in range(0x062A, 0x062F))
    + "".join(chr(c) for c in range(0x0633, 0x0640))
    + "".join(chr(c) for c in range(0x0641, 0x0648))
    + "\u0649\u064a\u066e\u066f"
    + "".join(chr(c) for c in range(0x0678, 0x0688))
    + "".join(chr(c) for c in range(0x069A, 0x06C0))
    + "\u06c1\u06c2\u06cc\u06ce\u06d0\u06d1\u06fa\u06fb\u06fc\u06ff"
    + "".join(chr(c) for c in range(0x0750, 0x0780)
              if chr(c) not in "\u0759\u075a\u075b\u076b\u076c\u0771\u0773\u0774\u0778\u0779")
)

#: Joining-causing characters (tatweel, ZWJ): they join on both sides but are not letters.
JOIN_CAUSING: Final = frozenset(TATWEEL + ZWJ)

#: Persian (extended Arabic-Indic) digits, and the Arabic-Indic digits some producers write.
PERSIAN_DIGITS: Final = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_INDIC_DIGITS: Final = "٠١٢٣٤٥٦٧٨٩"

#: Pairs of characters that the bidi algorithm mirrors in a right-to-left run.
MIRROR_PAIRS: Final = {
    "(": ")", ")": "(",
    "[": "]", "]": "[",
    "{": "}", "}": "{",
    "<": ">", ">": "<",
    "\N{LEFT-POINTING DOUBLE ANGLE QUOTATION MARK}": "\N{RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK}",
    "\N{RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK}": "\N{LEFT-POINTING DOUBLE ANGLE QUOTATION MARK}",
    "\N{SINGLE LEFT-POINTING ANGLE QUOTATION MARK}": "\N{SINGLE RIGHT-POINTING ANGLE QUOTATION MARK}",
    "\N{SINGLE RIGHT-POINTING ANGLE QUOTATION MARK}": "\N{SINGLE LEFT-POINTING ANGLE QUOTATION MARK}",
}

#: Letters of the Arabic script that Persian does not use but Arabic does (a hint that text is Arabic).
ARABIC_ONLY_LETTERS: Final = frozenset("\u0629\u0649\u064a\u0643")


def is_arabic_letter(char: str) -> bool:
    """True for a letter of the Arabic script (Persian, Dari, Arabic, Urdu letters).

    >>> is_arabic_letter("ب"), is_arabic_letter("۴"), is_arabic_letter("a")
    (True, False, False)
    """
    return char in DUAL_JOINING or char in RIGHT_JOINING or char == "\N{ARABIC LETTER HAMZA}"


def joins_forward(char: str) -> bool:
    """True if ``char`` connects to the letter that follows it in logical order.

    A ZWNJ after such a letter changes its shape; after a right-joining letter it changes nothing.

    >>> joins_forward("ت"), joins_forward("ر"), joins_forward("ی")
    (True, False, True)
    """
    return char in DUAL_JOINING or char in JOIN_CAUSING


def joins_backward(char: str) -> bool:
    """True if ``char`` connects to the letter before it in logical order.

    >>> joins_backward("ا"), joins_backward("ء")
    (True, False)
    """
    return char in DUAL_JOINING or char in RIGHT_JOINING or char in JOIN_CAUSING


def is_mark(char: str) -> bool:
    """True for a combining mark (harakat, tanwin, shadda, hamza above, ...).

    >>> is_mark("\N{ARABIC FATHATAN}"), is_mark("ا")
    (True, False)
    """
    return unicodedata.category(char) == "Mn"


def is_format(char: str) -> bool:
    """True for an invisible format character (Unicode category Cf), ZWNJ included.

    >>> is_format(ZWNJ), is_format(" ")
    (True, False)
    """
    return unicodedata.category(char) == "Cf"


def is_space(char: str) -> bool:
    """True for a space separator; ``str.isspace`` also says True for ``\\x1c``-``\\x1f``.

    >>> is_space(NBSP), is_space("\\x1e")
    (True, False)
    """
    return unicodedata.category(char) == "Zs"


def is_rtl_char(char: str) -> bool:
    """True for a strong right-to-left character (bidi class R or AL).

    >>> is_rtl_char("ب"), is_rtl_char("a"), is_rtl_char("۱")
    (True, False, False)
    """
    return unicodedata.bidirectional(char) in ("R", "AL")


def is_ltr_char(char: str) -> bool:
    """True for a strong left-to-right character (bidi class L).

    >>> is_ltr_char("a"), is_ltr_char("ب")
    (True, False)
    """
    return unicodedata.bidirectional(char) == "L"


def is_presentation_form(char: str) -> bool:
    """True for an Arabic presentation form (U+FB50..U+FDFF, U+FE70..U+FEFF).

    >>> is_presentation_form("\N{ARABIC LETTER BEH INITIAL FORM}"), is_presentation_form("ب")
    (True, False)
    """
    code = ord(char)
    return 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFE


def fold_presentation_forms(text: str) -> str:
    """Replace Arabic presentation forms by the letters they show (NFKC on those characters only).

    Ligature forms become their letters in logical order (``ﻻ`` becomes ``لا``); everything else,
    including the byte order mark U+FEFF, is left alone.

    >>> fold_presentation_forms("\N{ARABIC LIGATURE LAM WITH ALEF ISOLATED FORM}") == "لا"
    True
    """
    if _PRESENTATION.search(text) is None:
        return text
    return text.translate(_PRESENTATION_NFKC)


#: The characters :func:`is_presentation_form` accepts (a regular expression finds them faster) ...
_PRESENTATION: Final = re.compile("[\uFB50-\uFDFF\uFE70-\uFEFE]")
#: ... and what each of them becomes.
_PRESENTATION_NFKC: Final = {code: unicodedata.normalize("NFKC", chr(code))
                             for code in (*range(0xFB50, 0xFE00), *range(0xFE70, 0xFEFF))}
