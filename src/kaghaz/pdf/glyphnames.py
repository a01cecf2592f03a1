"""Glyph names to text: the Adobe Glyph List rules plus the names Arabic and TeX fonts use.

fontTools implements the Adobe Glyph List (AGL) specification (``uniXXXX``, ``uXXXXX``, ligatures
joined by ``_``, suffixes after ``.`` dropped, the AGL's ``afii57xxx`` names), and kaghaz uses it. Two
families of names it does not know are written out here by hand, because no library maps them:

* names that Arabic-script fonts give their letters (``alef``, ``beh.init``, ``yehFarsi-ar``,
  ``lam_alef.fina``). The AGL knows some of these words as *Hebrew* letters (``alef`` is U+05D0 there),
  so in a font whose names are Arabic the Arabic table is asked first;
* names of TeX's math fonts (``summationdisplay``, ``parenleftbigg``, ``vextendsingle``), whose size
  variants end in ``big``, ``Big``, ``bigg``, ``Bigg``, ``text``, ``display``, ``wide``, ``wider`` or
  ``widest``.

Names that resolve only to the Private Use Area (the AGL maps a few old Symbol-font names there) count
as unresolved: such a code point is no more usable as text than no code point at all.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from fontTools import agl

#: Arabic letters, marks, digits and punctuation by the base names fonts give them (lower case, no
#: separators). Written by hand from the Unicode character names.
_ARABIC: Final[dict[str, str]] = {
    "alef": "\N{ARABIC LETTER ALEF}",
    "alefmadda": "\N{ARABIC LETTER ALEF WITH MADDA ABOVE}",
    "alefmaddaabove": "\N{ARABIC LETTER ALEF WITH MADDA ABOVE}",
    "alefhamza": "\N{ARABIC LETTER ALEF WITH HAMZA ABOVE}",
    "alefhamzaabove": "\N{ARABIC LETTER ALEF WITH HAMZA ABOVE}",
    "alefhamzabelow": "\N{ARABIC LETTER ALEF WITH HAMZA BELOW}",
    "alefwasla": "\N{ARABIC LETTER ALEF WASLA}",
    "alefmaksura": "\N{ARABIC LETTER ALEF MAKSURA}",
    "beh": "\N{ARABIC LETTER BEH}",
    "peh": "\N{ARABIC LETTER PEH}",
    "teh": "\N{ARABIC LETTER TEH}",
    "tehmarbuta": "\N{ARABIC LETTER TEH MARBUTA}",
    "theh": "\N{ARABIC LETTER THEH}",
    "jeem": "\N{ARABIC LETTER JEEM}",
    "tcheh": "\N{ARABIC LETTER TCHEH}",
    "hah": "\N{ARABIC LETTER HAH}",
    "khah": "\N{ARABIC LETTER KHAH}",
    "dal": "\N{ARABIC LETTER DAL}",
    "thal": "\N{ARABIC LETTER THAL}",
    "reh": "\N{ARABIC LETTER REH}",
    "zain": "\N{ARABIC LETTER ZAIN}",
    "jeh": "\N{ARABIC LETTER JEH}",
    "seen": "\N{ARABIC LETTER SEEN}",
    "sheen": "\N{ARABIC LETTER SHEEN}",
    "sad": "\N{ARABIC LETTER SAD}",
    "dad": "\N{ARABIC LETTER DAD}",
    "tah": "\N{ARABIC LETTER TAH}",
    "zah": "\N{ARABIC LETTER ZAH}",
    "ain": "\N{ARABIC LETTER AIN}",
    "ghain": "\N{ARABIC LETTER GHAIN}",
    "feh": "\N{ARABIC LETTER FEH}",
    "veh": "\N{ARABIC LETTER VEH}",
    "qaf": "\N{ARABIC LETTER QAF}",
    "kaf": "\N{ARABIC LETTER KAF}",
    "keheh": "\N{ARABIC LETTER KEHEH}",
    "kafpersian": "\N{ARABIC LETTER KEHEH}",
    "kaffarsi": "\N{ARABIC LETTER KEHEH}",
    "gaf": "\N{ARABIC LETTER GAF}",
    "lam": "\N{ARABIC LETTER LAM}",
    "meem": "\N{ARABIC LETTER MEEM}",
    "noon": "\N{ARABIC LETTER NOON}",
    "noonghunna": "\N{ARABIC LETTER NOON GHUNNA}",
    "heh": "\N{ARABIC LETTER HEH}",
    "hehdoachashmee": "\N{ARABIC LETTER HEH DOACHASHMEE}",
    "hehgoal": "\N{ARABIC LETTER HEH GOAL}",
    "hehyeh": "\N{ARABIC LETTER HEH WITH YEH ABOVE}",
    "hehyehabove": "\N{ARABIC LETTER HEH WITH YEH ABOVE}",
    "hehhamzaabove": "\N{ARABIC LETTER HEH WITH YEH ABOVE}",
    "waw": "\N{ARABIC LETTER WAW}",
    "wawhamza": "\N{ARABIC LETTER WAW WITH HAMZA ABOVE}",
    "wawhamzaabove": "\N{ARABIC LETTER WAW WITH HAMZA ABOVE}",
    "yeh": "\N{ARABIC LETTER YEH}",
    "yehhamza": "\N{ARABIC LETTER YEH WITH HAMZA ABOVE}",
    "yehhamzaabove": "\N{ARABIC LETTER YEH WITH HAMZA ABOVE}",
    "yehfarsi": "\N{ARABIC LETTER FARSI YEH}",
    "farsiyeh": "\N{ARABIC LETTER FARSI YEH}",
    "yehpersian": "\N{ARABIC LETTER FARSI YEH}",
    "yehbarree": "\N{ARABIC LETTER YEH BARREE}",
    "hamza": "\N{ARABIC LETTER HAMZA}",
    "tatweel": "\N{ARABIC TATWEEL}",
    "kashida": "\N{ARABIC TATWEEL}",
    "fatha": "\N{ARABIC FATHA}",
    "damma": "\N{ARABIC DAMMA}",
    "kasra": "\N{ARABIC KASRA}",
    "fathatan": "\N{ARABIC FATHATAN}",
    "dammatan": "\N{ARABIC DAMMATAN}",
    "kasratan": "\N{ARABIC KASRATAN}",
    "shadda": "\N{ARABIC SHADDA}",
    "sukun": "\N{ARABIC SUKUN}",
    "hamzaabove": "\N{ARABIC HAMZA ABOVE}",
    "hamzabelow": "\N{ARABIC HAMZA BELOW}",
    "maddaabove": "\N{ARABIC MADDAH ABOVE}",
    "superscriptalef": "\N{ARABIC LETTER SUPERSCRIPT ALEF}",
    "alefabove": "\N{ARABIC LETTER SUPERSCRIPT ALEF}",
    "comma": "\N{ARABIC COMMA}",
    "semicolon": "\N{ARABIC SEMICOLON}",
    "question": "\N{ARABIC QUESTION MARK}",
    "questionmark": "\N{ARABIC QUESTION MARK}",
    "percent": "\N{ARABIC PERCENT SIGN}",
    "decimalseparator": "\N{ARABIC DECIMAL SEPARATOR}",
    "thousandsseparator": "\N{ARABIC THOUSANDS SEPARATOR}",
    "fullstop": "\N{ARABIC FULL STOP}",
    "lamalef": "\N{ARABIC LETTER LAM}\N{ARABIC LETTER ALEF}",
    "zwnj": "\N{ZERO WIDTH NON-JOINER}",
    "zwj": "\N{ZERO WIDTH JOINER}",
}

_DIGIT_WORDS: Final = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")

#: TeX math-font names by their base name (size suffixes removed). Written by hand from the glyphs
#: of Knuth's cmex/cmsy and the AMS msam/msbm fonts; only names the AGL lacks or maps elsewhere.
_TEX: Final[dict[str, str]] = {
    "vextendsingle": "|",
    "vextenddouble": "\N{DOUBLE VERTICAL LINE}",
    "bardbl": "\N{DOUBLE VERTICAL LINE}",
    "angbracketleft": "\N{MATHEMATICAL LEFT ANGLE BRACKET}",
    "angbracketright": "\N{MATHEMATICAL RIGHT ANGLE BRACKET}",
    "ceilingleft": "\N{LEFT CEILING}",
    "ceilingright": "\N{RIGHT CEILING}",
    "floorleft": "\N{LEFT FLOOR}",
    "floorright": "\N{RIGHT FLOOR}",
    "similarequal": "\N{ASYMPTOTICALLY EQUAL TO}",
    "prime": "\N{PRIME}",
    "negationslash": "\N{COMBINING LONG SOLIDUS OVERLAY}",
    "mapsto": "\N{RIGHTWARDS ARROW FROM BAR}",
    "circledot": "\N{CIRCLED DOT OPERATOR}",
    "circleplus": "\N{CIRCLED PLUS}",
    "circlemultiply": "\N{CIRCLED TIMES}",
    "asteriskmath": "\N{ASTERISK OPERATOR}",
    "contintegral": "\N{CONTOUR INTEGRAL}",
    "unionmulti": "\N{MULTISET UNION}",
    "unionsq": "\N{SQUARE CUP}",
    "coproduct": "\N{N-ARY COPRODUCT}",
    "logicaland": "\N{N-ARY LOGICAL AND}",
    "logicalor": "\N{N-ARY LOGICAL OR}",
    "hat": "\N{MODIFIER LETTER CIRCUMFLEX ACCENT}",
    "tilde": "\N{SMALL TILDE}",
    "parenlefttp": "\N{LEFT PARENTHESIS UPPER HOOK}",
    "parenleftex": "\N{LEFT PARENTHESIS EXTENSION}",
    "parenleftbt": "\N{LEFT PARENTHESIS LOWER HOOK}",
    "parenrighttp": "\N{RIGHT PARENTHESIS UPPER HOOK}",
    "parenrightex": "\N{RIGHT PARENTHESIS EXTENSION}",
    "parenrightbt": "\N{RIGHT PARENTHESIS LOWER HOOK}",
    "bracketlefttp": "\N{LEFT SQUARE BRACKET UPPER CORNER}",
    "bracketleftex": "\N{LEFT SQUARE BRACKET EXTENSION}",
    "bracketleftbt": "\N{LEFT SQUARE BRACKET LOWER CORNER}",
    "bracketrighttp": "\N{RIGHT SQUARE BRACKET UPPER CORNER}",
    "bracketrightex": "\N{RIGHT SQUARE BRACKET EXTENSION}",
    "bracketrightbt": "\N{RIGHT SQUARE BRACKET LOWER CORNER}",
    "bracelefttp": "\N{LEFT CURLY BRACKET UPPER HOOK}",
    "braceleftmid": "\N{LEFT CURLY BRACKET MIDDLE PIECE}",
    "braceleftbt": "\N{LEFT CURLY BRACKET LOWER HOOK}",
    "bracerighttp": "\N{RIGHT CURLY BRACKET UPPER HOOK}",
    "bracerightmid": "\N{RIGHT CURLY BRACKET MIDDLE PIECE}",
    "bracerightbt": "\N{RIGHT CURLY BRACKET LOWER HOOK}",
    "braceex": "\N{CURLY BRACKET EXTENSION}",
    "radicalbt": "\N{RADICAL SYMBOL BOTTOM}",
}

_TEX_SIZE = re.compile(r"(?:big|Big|bigg|Bigg|text|display|wide|wider|widest)$")
_UNI = re.compile(r"^uni((?:[0-9A-F]{4})+)$")
_U = re.compile(r"^u([0-9A-F]{4,6})$")
#: Positional and stylistic suffixes that Arabic fonts add to a letter's name (``behInit``, ``beh_fina``).
_ARABIC_FORM = re.compile(r"(?:[-_]?(?:init|medi|fina|isol|initial|medial|final|isolated))+$", re.IGNORECASE)
_ARABIC_MARK = re.compile(r"(?:[-_](?:ar|arab|arabic|fa|farsi|persian|ur|urdu))$|(?:arabic|persian|farsi)$",
                          re.IGNORECASE)
_PERSIAN_MARK = re.compile(r"(?:fa|farsi|persian|ur|urdu)$", re.IGNORECASE)


def _usable(text: str) -> str | None:
    """``text`` if it has no Private Use or unassigned code point, else None.

    >>> _usable("\N{ARABIC LETTER BEH}") == "\N{ARABIC LETTER BEH}", _usable(chr(0xF8EB))
    (True, None)
    """
    if not text or any(unicodedata.category(c) in ("Co", "Cn", "Cs") for c in text):
        return None
    return text


def unicode_name_text(component: str) -> str | None:
    """The text of a ``uniXXXX`` (one or more groups of four hex digits) or ``uXXXX[XX]`` name.

    >>> unicode_name_text("uni0628"), unicode_name_text("uni06440627"), unicode_name_text("u1F600")
    ('ب', 'لا', '😀')
    >>> unicode_name_text("uniD800") is None, unicode_name_text("uni06cc") is None
    (True, True)
    """
    match = _UNI.match(component)
    if match:
        digits = match.group(1)
        values = [int(digits[i:i + 4], 16) for i in range(0, len(digits), 4)]
    else:
        match = _U.match(component)
        if not match:
            return None
        values = [int(match.group(1), 16)]
    if any(0xD800 <= v <= 0xDFFF or v > 0x10FFFF for v in values):
        return None
    return _usable("".join(map(chr, values)))


def arabic_name_text(component: str) -> str | None:
    """The text of an Arabic-script font's own name for a letter, mark, digit or punctuation.

    Case, separators, a script tag (``-ar``, ``Arabic``, ``-fa``) and a positional suffix (``Init``,
    ``_fina``) are ignored; digits tagged Persian or Urdu are the extended Arabic-Indic digits.

    >>> [arabic_name_text(n) for n in ("alef", "yehFarsi-ar", "behInit", "lam_alef", "hamzaabove")]
    ['ا', 'ی', 'ب', 'لا', 'ٔ']
    >>> arabic_name_text("four-persian"), arabic_name_text("fourarabic"), arabic_name_text("four")
    ('۴', '٤', None)
    >>> arabic_name_text("A") is None
    True
    """
    stem = component
    tagged = _ARABIC_MARK.search(stem)
    persian = bool(tagged and _PERSIAN_MARK.search(tagged.group(0)))
    if tagged:
        stem = stem[:tagged.start()]
    stem = _ARABIC_FORM.sub("", stem)
    key = re.sub(r"[^a-z]", "", stem.lower())
    if key in _DIGIT_WORDS:
        if not tagged:
            return None
        zero = 0x06F0 if persian else 0x0660
        return chr(zero + _DIGIT_WORDS.index(key))
    return _ARABIC.get(key)


def tex_name_text(component: str) -> str | None:
    """The text of a TeX math-font glyph name, its size variant suffix removed.

    >>> [tex_name_text(n) for n in ("summationdisplay", "parenleftbigg", "vextendsingle", "hatwider")]
    ['∑', '(', '|', 'ˆ']
    >>> tex_name_text("bracehtipupleft") is None
    True
    """
    if component in _TEX:
        return _TEX[component]
    base = _TEX_SIZE.sub("", component)
    if base != component:
        if base in _TEX:
            return _TEX[base]
        uv = agl.AGL2UV.get(base)
        if uv is not None:
            return _usable(chr(uv))
    return None


def agl_name_text(component: str) -> str | None:
    """The text the Adobe Glyph List gives one name component (no ``_`` or ``.`` in it).

    >>> agl_name_text("summation"), agl_name_text("afii57415"), agl_name_text("parenlefttp")
    ('∑', 'ا', None)
    """
    return _usable(agl.toUnicode(component))


def glyph_name_text(name: str, *, arabic: bool = False) -> str | None:
    """The text a glyph name stands for, or None when no rule knows it.

    ``arabic``: the font names its glyphs in an Arabic way (see :func:`names_look_arabic`), so a word
    such as ``alef`` or ``kaf`` is the Arabic letter, not the Hebrew one the AGL gives.

    >>> glyph_name_text("uni06CC.fina"), glyph_name_text("lam_alef.fina", arabic=True)
    ('ی', 'لا')
    >>> glyph_name_text("alef"), glyph_name_text("alef", arabic=True), glyph_name_text("alef.fina")
    ('א', 'ا', 'ا')
    >>> glyph_name_text("summationtext"), glyph_name_text("cid00123"), glyph_name_text(".notdef")
    ('∑', None, None)
    """
    if not name or name.startswith("."):
        return None
    base, dot, suffix = name.partition(".")
    if dot and suffix.lower().startswith(("init", "medi", "fina", "isol", "ar")):
        arabic = True
    parts: list[str] = []
    for component in base.split("_"):
        text = _component_text(component, arabic)
        if text is None:
            return None
        parts.append(text)
    return "".join(parts) or None


def _component_text(component: str, arabic: bool) -> str | None:
    """One ``_``-separated part of a glyph name, by the rules in order of how specific they are."""
    if not component:
        return None
    text = unicode_name_text(component)
    if text is not None:
        return text
    if arabic or _ARABIC_MARK.search(component):
        text = arabic_name_text(component)
        if text is not None:
            return text
    return agl_name_text(component) or tex_name_text(component) or arabic_name_text(component)


def names_look_arabic(names: list[str]) -> bool:
    """True when a font's glyph names are those of an Arabic-script font.

    That is: some names carry an Arabic positional suffix (``.fina``) or script tag (``-ar``), or name
    an Arabic code point (``uni06xx``, ``afii57xxx``).

    >>> names_look_arabic(["alef", "alef.fina", "beh.init"]), names_look_arabic(["alef", "bet", "gimel"])
    (True, False)
    """
    for name in names:
        base, _, suffix = name.partition(".")
        if suffix.lower().startswith(("init", "medi", "fina", "isol")) or _ARABIC_MARK.search(base):
            return True
        text = unicode_name_text(base.split("_")[0]) or agl_name_text(base.split("_")[0])
        if text and "\u0600" <= text[0] <= "\u06ff":
            return True
    return False
