"""Text for glyphs whose font gives pdfium no Unicode, recovered from the embedded font program.

**What pdfium reports.** For a character whose font has no ToUnicode entry for it and no encoding
pdfium can turn into Unicode (glyph names outside the Adobe Glyph List, an ``Identity-H`` CID font
without ToUnicode, a Type 3 font), ``FPDFText_HasUnicodeMapError`` is 1 and ``FPDFText_GetUnicode``
returns the raw character code: the CID of a Type 0 font (``Identity-H``: usually the glyph id),
the byte of a simple font. That code is not text: taken as Unicode it becomes a combining mark, a
control character or an unrelated letter (XB Niloofar's final yeh, glyph 876, reads as U+036C).

**What is recovered, from the font program** (``FPDFFont_GetFontData``, embedded fonts only;
pdfium hands out a substitute font's data for fonts that are not embedded, which says nothing about
the PDF's codes):

1. the code is taken as a glyph: the glyph id of a CID font (for a CID-keyed CFF font, the glyph
   whose CID it is), or for a simple font the glyph its byte selects through the font's own cmap
   (TrueType) or built-in encoding (CFF, Type 1);
2. the glyph's text comes from the font's Unicode cmap read backwards; else from its glyph name
   (:mod:`kaghaz.pdf.glyphnames`); else from the font's GSUB table, followed backwards from glyphs
   that have text: a positional form (``fina``) has the text of the letter it replaces, a ligature
   the text of its components. Presentation-form code points are fine: layout folds them.
3. every guess is checked against what pdfium drew: the glyph's outline bounds, scaled, must match
   the character's ink box on the page. This refuses a wrong guess about how codes select glyphs
   (a CIDToGIDMap that is not the identity, a simple font re-encoded by the PDF), which pdfium does not
   let us read.
4. a code that cannot be a glyph of the embedded font (beyond its glyph count) and is a character of
   a Unicode block that the same font's mapped characters on the page use, is kept: some producers
   (Nitro) number their CIDs by Unicode, and pdfium's fallback is then right.
5. a glyph of an Arabic-script font that the font program does not identify (subset fonts often keep
   no cmap, no glyph names and no GSUB: XeLaTeX's XB Niloofar) is read from the words it occurs in:
   the letter that turns the most of them into words the shared lexicon knows, when it clearly wins
   (:func:`guess_letter`). The evidence adds up over the pages of a document (:class:`FontCache`).

**What is not recovered** is reported per page and per font (:class:`FontRecovery`). In the text such
a glyph becomes U+FFFD REPLACEMENT CHARACTER (a visible placeholder, so that layout still sees a glyph
there and does not read the hole as a space), except a glyph whose raw code is a C0 control character,
which stays as it is: layout takes those for invisible joining glyphs (LibreOffice's justification
kashida have no Unicode and codes such as ``\\x04``). Its ``map_error`` column stays 1; a recovered
glyph's becomes :data:`RECOVERED` (2).

A recovered glyph that stands for several characters (a ligature) becomes several rows with the same
origin and box, as pdfium gives a multi-character ToUnicode entry; and, like pdfium does for every
right-to-left run, those characters come in reverse order when the text is right-to-left, so that
layout treats recovered and mapped ligatures alike.

Written by hand because no library does it: fontTools parses the font programs, but nothing maps a
PDF's character codes to text when the PDF's own maps are missing.
"""

from __future__ import annotations

import ctypes
import io
import logging
import math
import re
import unicodedata
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Final

import numpy as np
import pypdfium2.raw as pdfium_c
from fontTools.cffLib import CFFFontSet
from fontTools.encodings.StandardEncoding import StandardEncoding
from fontTools.misc import eexec
from fontTools.misc.psCharStrings import T1CharString
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont

from kaghaz.pdf.glyphnames import glyph_name_text, names_look_arabic
from kaghaz.pdf.reader import ANGLE, CODE, FONT, GENERATED, MAP_ERROR, OX, OY, SIZE, X0, X1, Y0, Y1, _font_name

log = logging.getLogger(__name__)
# fontTools logs every oddity of an embedded font (a zero timestamp, a missing table) as a warning;
# those are the font's business, not the reader's
logging.getLogger("fontTools").setLevel(logging.ERROR)

#: ``map_error`` value of a character whose text kaghaz recovered (pdfium's own values are 0 and 1).
RECOVERED: Final = 2
#: What an unrecovered glyph becomes in the text.
PLACEHOLDER: Final = 0xFFFD

_BOX_TOLERANCE: Final = 0.06  # of the glyph's mean extent: pdfium rounds boxes to 1/1000 em
_ANGLE_EPS: Final = 1e-3

Bounds = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class FontRecovery:
    """What happened on one page to the glyphs of one font that had no usable Unicode map.

    ``font`` is the font's base name (empty when the PDF gives none, as for most Type 3 fonts);
    ``recovered`` glyphs got their text back, ``from_context`` of them from the words around them
    rather than from the font program; ``unrecovered`` ones did not, and ``placeholders`` of those
    show as U+FFFD (the others have control-character codes, which layout reads as joining glyphs).
    """

    font: str
    recovered: int
    unrecovered: int
    from_context: int = 0
    placeholders: int = 0


def describe(page: int, recovery: Iterable[FontRecovery]) -> str:
    """The one-line problem message for a page's glyphs without a usable Unicode map.

    >>> print(*describe(3, [FontRecovery("CMEX10", 4, 2, 0, 2), FontRecovery("", 0, 1, 0, 0)]).split("; "), sep="\\n")
    page 3: 7 glyphs have no usable Unicode map
    4 recovered, 3 not (CMEX10: 2, unnamed font: 1
    2 shown as U+FFFD, 1 with a control code read as joining)
    >>> describe(1, [FontRecovery("XBNiloofar", 5, 0, 5, 0)])
    'page 1: 5 glyphs have no usable Unicode map; all 5 recovered (5 from the words around them)'
    """
    items = list(recovery)
    recovered = sum(r.recovered for r in items)
    context = sum(r.from_context for r in items)
    missing = sum(r.unrecovered for r in items)
    placeholders = sum(r.placeholders for r in items)
    how = f" ({context} from the words around them)" if context else ""
    head = f"page {page}: {recovered + missing} glyphs have no usable Unicode map; "
    if not missing:
        return head + f"all {recovered} recovered{how}"
    fonts = ", ".join(f"{r.font or 'unnamed font'}: {r.unrecovered}" for r in items if r.unrecovered)
    shown = [f"{placeholders} shown as U+FFFD"] if placeholders else []
    if missing > placeholders:
        shown.append(f"{missing - placeholders} with a control code read as joining")
    return head + f"{recovered} recovered{how}, {missing} not ({fonts}; {', '.join(shown)})"


# --- reading the font program out of pdfium -----------------------------------------------------

def _font_handle(address: int) -> Any:
    return ctypes.cast(address, pdfium_c.FPDF_FONT)


def font_data(address: int) -> bytes | None:
    """The embedded font program of the pdfium font at ``address``; None if it is not embedded."""
    font = _font_handle(address)
    if pdfium_c.FPDFFont_GetIsEmbedded(font) != 1:
        return None
    size = ctypes.c_size_t()
    if not pdfium_c.FPDFFont_GetFontData(font, None, 0, ctypes.byref(size)) or size.value == 0:
        return None
    buffer = (ctypes.c_uint8 * size.value)()
    if not pdfium_c.FPDFFont_GetFontData(font, buffer, size.value, ctypes.byref(size)):
        return None
    return bytes(buffer)


# --- font programs ------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class FontProgram:
    """One embedded font program, parsed once: glyph texts, code-to-glyph maps, glyph bounds.

    ``kind`` is ``truetype``, ``opentype`` (CFF outlines in an sfnt), ``cff``, ``cff-cid`` or
    ``type1``; ``texts`` maps glyph ids to text; ``simple_codes`` maps a simple font's byte codes to
    candidate glyph ids; ``cid_glyphs`` maps CIDs to glyph ids for a CID-keyed CFF font (None: a CID
    is the glyph id). A Type 1 program has no glyph ids: its "glyph ids" index its sorted glyph names,
    and codes reach them only through its encoding. ``outline`` gives a glyph's bounds (see
    :meth:`bounds`).
    """

    kind: str
    glyph_count: int
    texts: dict[int, str]
    simple_codes: dict[int, list[int]]
    cid_glyphs: dict[int, int] | None
    outline: Callable[[int], Bounds | None] = field(repr=False)
    _bounds: dict[int, Bounds | None] = field(default_factory=dict, repr=False, compare=False)

    def candidates(self, code: int) -> list[int]:
        """Glyph ids that ``code`` may select: as a CID first, then as a simple font's byte."""
        out: list[int] = []
        if self.cid_glyphs is not None:
            gid = self.cid_glyphs.get(code)
            if gid is not None:
                out.append(gid)
        elif self.kind != "type1" and 0 <= code < self.glyph_count:
            out.append(code)
        for gid in self.simple_codes.get(code, ()):
            if gid not in out:
                out.append(gid)
        return out

    def could_be_glyph(self, code: int) -> bool:
        """Whether ``code`` can name a glyph of this program at all."""
        if self.cid_glyphs is not None:
            return code in self.cid_glyphs or code in self.simple_codes
        return code < self.glyph_count or code in self.simple_codes

    def bounds(self, gid: int) -> Bounds | None:
        """The glyph's outline bounds in font units (None for an empty glyph); cached.

        Raises ``LookupError`` when the program cannot draw the glyph.
        """
        if gid not in self._bounds:
            self._bounds[gid] = self.outline(gid)
        return self._bounds[gid]


def _unicode_cmap(font: Any) -> dict[int, int]:
    """The font's best Unicode cmap (code point -> glyph id), merged over its Unicode subtables."""
    order = {name: gid for gid, name in enumerate(font.getGlyphOrder())}
    merged: dict[int, int] = {}
    if "cmap" not in font:
        return merged
    for table in font["cmap"].tables:
        if table.isUnicode() and not (table.platformID == 3 and table.platEncID == 0):
            for code, name in table.cmap.items():
                if name in order:
                    merged.setdefault(code, order[name])
    return merged


def _text_rank(code: int) -> tuple[int, int]:
    """Sort key that prefers plain characters to Arabic presentation forms, then lower code points.

    >>> sorted([0xFE8F, 0x0628], key=_text_rank) == [0x0628, 0xFE8F]
    True
    """
    presentation = 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF
    return (1 if presentation else 0, code)


def _texts_from_cmap(cmap: dict[int, int]) -> dict[int, str]:
    """Glyph id -> text, reading a Unicode cmap backwards (the plainest code point wins)."""
    texts: dict[int, str] = {}
    for code in sorted(cmap, key=_text_rank):
        char = chr(code)
        if unicodedata.category(char) in ("Co", "Cn", "Cs", "Cc"):
            continue
        texts.setdefault(cmap[code], char)
    return texts


def _texts_from_names(names: list[str]) -> dict[int, str]:
    """Glyph id -> text from glyph names (see :func:`kaghaz.pdf.glyphnames.glyph_name_text`)."""
    arabic = names_look_arabic(names)
    texts: dict[int, str] = {}
    for gid, name in enumerate(names):
        text = glyph_name_text(name, arabic=arabic)
        if text is not None:
            texts[gid] = text
    return texts


def _gsub_pairs(font: Any) -> list[tuple[list[str], str]]:
    """(input glyph names, output glyph name) of every substitution in the font's GSUB table.

    Single and alternate substitutions give one input, ligatures several; contextual lookups only
    point at other lookups, which are read in their own right.
    """
    if "GSUB" not in font or font["GSUB"].table.LookupList is None:
        return []
    pairs: list[tuple[list[str], str]] = []
    for lookup in font["GSUB"].table.LookupList.Lookup:
        for subtable in lookup.SubTable:
            table = getattr(subtable, "ExtSubTable", subtable)
            kind = getattr(table, "LookupType", lookup.LookupType)
            if kind == 1:
                pairs.extend(([src], dst) for src, dst in table.mapping.items())
            elif kind == 3:
                pairs.extend(([src], dst) for src, alts in table.alternates.items() for dst in alts)
            elif kind == 4:
                for first, ligatures in table.ligatures.items():
                    pairs.extend(([first, *lig.Component], lig.LigGlyph) for lig in ligatures)
            elif kind == 8:
                pairs.extend(([src], dst) for src, dst in zip(table.Coverage.glyphs, table.Substitute, strict=False))
    return pairs


def _texts_from_gsub(font: Any, texts: dict[int, str]) -> None:
    """Give glyphs that GSUB produces the text of what they replace, until nothing more is learnt."""
    pairs = _gsub_pairs(font)
    if not pairs:
        return
    order = {name: gid for gid, name in enumerate(font.getGlyphOrder())}
    changed = True
    while changed:
        changed = False
        for inputs, output in pairs:
            gid = order.get(output)
            if gid is None or gid in texts:
                continue
            parts = [texts.get(order.get(name, -1)) for name in inputs]
            if all(parts):
                texts[gid] = "".join(p for p in parts if p)
                changed = True


def _real_names(names: list[str]) -> list[str]:
    """Glyph names as the font gives them, or an empty list when fontTools made them up (``glyph00012``)."""
    made_up = re.compile(r"^glyph\d+$")
    if sum(1 for n in names if made_up.match(n)) > len(names) // 2:
        return []
    return names


def _sfnt_program(data: bytes) -> FontProgram:
    font = TTFont(io.BytesIO(data), lazy=True)
    order = font.getGlyphOrder()
    cmap = _unicode_cmap(font)
    texts = _texts_from_cmap(cmap)
    names = _real_names(list(order))
    for gid, text in _texts_from_names(names).items():
        texts.setdefault(gid, text)
    _texts_from_gsub(font, texts)
    simple: dict[int, list[int]] = {}
    index = {name: gid for gid, name in enumerate(order)}
    if "cmap" in font:
        for table in font["cmap"].tables:
            if (table.platformID, table.platEncID) in ((3, 0), (1, 0)):
                for code, name in table.cmap.items():
                    byte = code - 0xF000 if 0xF000 <= code <= 0xF0FF else code
                    if 0 <= byte <= 0xFF and name in index:
                        simple.setdefault(byte, []).append(index[name])
    if "glyf" in font:
        glyf = font["glyf"]

        def outline(gid: int) -> Bounds | None:
            glyph = glyf[order[gid]]
            if glyph.numberOfContours == 0:
                return None
            if not hasattr(glyph, "xMin"):
                glyph.recalcBounds(glyf)
            return (float(glyph.xMin), float(glyph.yMin), float(glyph.xMax), float(glyph.yMax))
        return FontProgram("truetype", len(order), texts, simple, None, outline)
    top = font["CFF "].cff.topDictIndex[0]
    return FontProgram("opentype", len(order), texts, simple, None, _cff_outline(top, list(order)))


def _as_bounds(bounds: Any) -> Bounds | None:
    """A pen's (xMin, yMin, xMax, yMax) as floats; None for a glyph that draws nothing."""
    if bounds is None:
        return None
    x0, y0, x1, y1 = bounds
    return (float(x0), float(y0), float(x1), float(y1))


def _cff_outline(top: Any, charset: list[str]) -> Callable[[int], Bounds | None]:
    charstrings = top.CharStrings

    def outline(gid: int) -> Bounds | None:
        pen = BoundsPen(charstrings)
        charstrings[charset[gid]].draw(pen)
        return _as_bounds(pen.bounds)
    return outline


def _cff_program(data: bytes) -> FontProgram:
    cff = CFFFontSet()
    cff.decompile(io.BytesIO(data), None)
    top = cff[cff.fontNames[0]]
    charset = list(top.charset)
    if "ROS" in top.rawDict:
        cids = {int(name[3:]): gid for gid, name in enumerate(charset) if name.startswith("cid") and name[3:].isdigit()}
        return FontProgram("cff-cid", len(charset), {}, {}, cids, _cff_outline(top, charset))
    index = {name: gid for gid, name in enumerate(charset)}
    encoding = top.Encoding if isinstance(top.Encoding, list) else StandardEncoding
    simple = {code: [index[name]] for code, name in enumerate(encoding) if name in index and name != ".notdef"}
    texts = _texts_from_names(charset)
    return FontProgram("cff", len(charset), texts, simple, None, _cff_outline(top, charset))


_T1_ENCODING = re.compile(rb"dup\s+(\d+)\s*/([^\s/\[\]{}()<>]+)\s+put")
_T1_CHARSTRING = re.compile(rb"/([^\s/\[\]{}()<>]+)\s+(\d+)\s+(?:RD|-\|)\s")
_T1_SUBR = re.compile(rb"dup\s+(\d+)\s+(\d+)\s+(?:RD|-\|)\s")


def _type1_parts(data: bytes) -> tuple[bytes, bytes]:
    """The clear-text part of a Type 1 program and its decrypted private part (PFB or raw)."""
    if data[:2] == b"\x80\x01":  # PFB segments
        segments: list[tuple[int, bytes]] = []
        pos = 0
        while pos + 6 <= len(data) and data[pos] == 0x80 and data[pos + 1] in (1, 2):
            length = int.from_bytes(data[pos + 2:pos + 6], "little")
            segments.append((data[pos + 1], data[pos + 6:pos + 6 + length]))
            pos += 6 + length
        clear = b"".join(seg for kind, seg in segments if kind == 1)
        binary = b"".join(seg for kind, seg in segments if kind == 2)
    else:
        at = data.find(b"eexec")
        if at < 0:
            return data, b""
        clear, binary = data[:at + 5], data[at + 5:].lstrip(b"\r\n\t ")
        if re.fullmatch(rb"[0-9A-Fa-f\s]+", binary[:256] or b"x"):
            binary = bytes.fromhex(re.sub(rb"[^0-9A-Fa-f]", b"", binary.split(b"cleartomark")[0]).decode())
    private, _ = eexec.decrypt(binary, 55665)
    return clear, private[4:]


def _type1_program(data: bytes) -> FontProgram:
    clear, private = _type1_parts(data)
    encoding: list[str] = list(StandardEncoding) if b"StandardEncoding" in clear else [".notdef"] * 256
    for code, name in _T1_ENCODING.findall(clear):
        if int(code) < 256:
            encoding[int(code)] = name.decode("latin-1")
    lenIV = 4
    match = re.search(rb"/lenIV\s+(\d+)", private)
    if match:
        lenIV = int(match.group(1))
    subrs: list[Any] = []
    charstrings: dict[str, Any] = {}
    start = private.find(b"/CharStrings")
    for kind, region in ((0, private[:start] if start >= 0 else private), (1, private[start:] if start >= 0 else b"")):
        pattern = _T1_SUBR if kind == 0 else _T1_CHARSTRING
        pos = 0
        while True:
            match = pattern.search(region, pos)
            if not match:
                break
            length = int(match.group(2))
            blob, _ = eexec.decrypt(region[match.end():match.end() + length], 4330)
            pos = match.end() + length
            if kind == 0:
                subrs.append(T1CharString(blob[lenIV:], subrs=subrs))
            else:
                charstrings[match.group(1).decode("latin-1")] = T1CharString(blob[lenIV:], subrs=subrs)
    names = sorted(charstrings) or sorted({n for n in encoding if n != ".notdef"})
    index = {name: i for i, name in enumerate(names)}
    simple = {code: [index[name]] for code, name in enumerate(encoding) if name in index and name != ".notdef"}

    def outline(gid: int) -> Bounds | None:
        if names[gid] not in charstrings:
            raise LookupError(names[gid])
        pen = BoundsPen(None)
        charstrings[names[gid]].draw(pen)
        return _as_bounds(pen.bounds)
    return FontProgram("type1", len(names), _texts_from_names(names), simple, None, outline)


def parse_program(data: bytes) -> FontProgram | None:
    """Parse an embedded font program (TrueType, OpenType, bare CFF, Type 1); None if unreadable."""
    head = data[:4]
    try:
        if head in (b"\x00\x01\x00\x00", b"true", b"OTTO", b"typ1"):
            return _sfnt_program(data)
        if data[:1] == b"\x01" and len(data) > 4 and data[2] >= 4:
            return _cff_program(data)
        if data[:2] in (b"%!", b"\x80\x01"):
            return _type1_program(data)
    except Exception as error:  # a damaged font program must not stop the page
        log.info("embedded font program could not be parsed (%s); its glyphs stay unmapped", error)
    return None


# --- checking a guess against the page ----------------------------------------------------------

def box_agrees(box: Bounds, origin: tuple[float, float], glyph: Bounds | None) -> bool:
    """Whether a glyph's outline bounds, scaled, match the ink box pdfium gives its character.

    ``box`` is pdfium's box (x0, y0, x1, y1) in page points and ``origin`` the character's origin;
    ``glyph`` is the outline's bounds in font units, None for an empty glyph. The scale is whatever
    makes the sizes agree (font size, text matrix and units per em all multiply it); the check is that
    one scale fits all four edges.

    >>> box_agrees((10.0, 0.0, 15.0, 8.0), (10.0, 0.0), (0, 0, 500, 800))
    True
    >>> box_agrees((10.0, 0.0, 15.0, 8.0), (10.0, 0.0), (0, -300, 500, 500))
    False
    """
    x0, y0, x1, y1 = box[0] - origin[0], box[1] - origin[1], box[2] - origin[0], box[3] - origin[1]
    extent = (x1 - x0) + (y1 - y0)
    if glyph is None:
        return (y1 - y0) <= 0.02 * max(extent, 1e-9) or extent <= 1e-6
    g0, h0, g1, h1 = glyph
    glyph_extent = (g1 - g0) + (h1 - h0)
    if glyph_extent <= 0 or extent <= 0:
        return False
    scale = extent / glyph_extent
    worst = max(abs(x0 - scale * g0), abs(y0 - scale * h0), abs(x1 - scale * g1), abs(y1 - scale * h1))
    return worst <= _BOX_TOLERANCE * extent / 2


# --- the words around a glyph --------------------------------------------------------------------

#: Letters tried in place of a glyph that nothing in its font identifies (one per lexicon class:
#: Arabic yeh and kaf fold to the Persian ones there).
CONTEXT_LETTERS: Final = (
    "\N{ARABIC LETTER ALEF}\N{ARABIC LETTER BEH}\N{ARABIC LETTER PEH}\N{ARABIC LETTER TEH}"
    "\N{ARABIC LETTER THEH}\N{ARABIC LETTER JEEM}\N{ARABIC LETTER TCHEH}\N{ARABIC LETTER HAH}"
    "\N{ARABIC LETTER KHAH}\N{ARABIC LETTER DAL}\N{ARABIC LETTER THAL}\N{ARABIC LETTER REH}"
    "\N{ARABIC LETTER ZAIN}\N{ARABIC LETTER JEH}\N{ARABIC LETTER SEEN}\N{ARABIC LETTER SHEEN}"
    "\N{ARABIC LETTER SAD}\N{ARABIC LETTER DAD}\N{ARABIC LETTER TAH}\N{ARABIC LETTER ZAH}"
    "\N{ARABIC LETTER AIN}\N{ARABIC LETTER GHAIN}\N{ARABIC LETTER FEH}\N{ARABIC LETTER QAF}"
    "\N{ARABIC LETTER KEHEH}\N{ARABIC LETTER GAF}\N{ARABIC LETTER LAM}\N{ARABIC LETTER MEEM}"
    "\N{ARABIC LETTER NOON}\N{ARABIC LETTER WAW}\N{ARABIC LETTER HEH}\N{ARABIC LETTER FARSI YEH}"
    "\N{ARABIC LETTER ALEF WITH MADDA ABOVE}\N{ARABIC LETTER YEH WITH HAMZA ABOVE}"
    "\N{ARABIC LETTER WAW WITH HAMZA ABOVE}\N{ARABIC LETTER ALEF WITH HAMZA ABOVE}"
    "\N{ARABIC LETTER TEH MARBUTA}"
)
#: Stands for the unknown glyph in a word pattern.
HOLE: Final = "\N{REPLACEMENT CHARACTER}"
_MIN_WORDS: Final = 2        # distinct known words a letter must make ...
_LONG_WORD: Final = 6        # ... unless it alone makes one word this long
_MIN_SHARE: Final = 0.3      # of the distinct words the glyph occurs in
_MIN_MARGIN: Final = 2.0     # times as many as the runner-up letter
_MAX_PATTERNS: Final = 200   # distinct words after which an unguessed glyph is given up on


def guess_letter(patterns: Iterable[str], knows: Callable[[str], bool]) -> str | None:
    """The letter that turns the most word patterns into known words, when it clearly does.

    Each pattern is a word with :data:`HOLE` where the unknown glyph stands (in the order pdfium gives
    the characters; the reversed word is tried too). The winner must make at least two distinct
    known words (or, when no other letter makes any, one word of six letters or more), at least 30 %
    of the patterns, and twice as many as any other letter; else None.

    >>> words = {"فارسی", "مصنوعی", "خانگی", "فارسا"}
    >>> guess_letter(["فارس" + HOLE, "مصنوع" + HOLE, "خانگ" + HOLE, "آپاچ" + HOLE], words.__contains__)
    'ی'
    >>> guess_letter(["فارس" + HOLE], words.__contains__) is None
    True
    >>> guess_letter(["تل" + HOLE + "رام"], {"تلگرام"}.__contains__)
    'گ'
    """
    distinct = sorted(set(patterns))
    support: dict[str, int] = {}
    longest: dict[str, int] = {}
    for letter in CONTEXT_LETTERS:
        for pattern in distinct:
            word = pattern.replace(HOLE, letter)
            if knows(word) or knows(word[::-1]):
                support[letter] = support.get(letter, 0) + 1
                longest[letter] = max(longest.get(letter, 0), len(word))
    if not support:
        return None
    ranked = sorted(support.items(), key=lambda item: -item[1])
    best, count = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    enough = count >= _MIN_WORDS or (runner_up == 0 and longest[best] >= _LONG_WORD)
    if not enough or count < _MIN_SHARE * len(distinct) or count < _MIN_MARGIN * runner_up:
        return None
    return best


def _is_arabic_code(code: int) -> bool:
    return 0x0600 <= code <= 0x06FF or 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF


def _word_pattern(chars: np.ndarray, row: int, holes: dict[int, GlyphKey], key: GlyphKey,
                  texts: dict[int, str]) -> str | None:
    """The word around ``row`` as pdfium orders it, :data:`HOLE` for glyph ``key``; None if unusable.

    A word is the run of stream neighbours on the same baseline that are Arabic-script letters and
    marks or unknown glyphs; a word holding another unknown glyph cannot say anything and gives None.
    """
    baseline, size = chars[row, OY], max(float(chars[row, SIZE]), 1.0)

    def belongs(r: int) -> bool:
        if chars[r, GENERATED] == 1 or abs(chars[r, OY] - baseline) > 0.5 * size:
            return False
        if r in holes or r in texts:
            return True
        code = int(chars[r, CODE])
        return _is_arabic_code(code) and unicodedata.category(chr(code))[0] in "LM"

    first = row
    while first > 0 and belongs(first - 1):
        first -= 1
    last = row
    while last + 1 < len(chars) and belongs(last + 1):
        last += 1
    out: list[str] = []
    for r in range(first, last + 1):
        if r in holes:
            if holes[r] != key:
                return None
            out.append(HOLE)
        elif r in texts:
            out.append(texts[r])
        else:
            out.append(chr(int(chars[r, CODE])))
    word = "".join(out)
    return word if len(word) > 1 else None


# --- the per-document cache and the page hook ---------------------------------------------------

#: A glyph of one font program: (font name, program size, program checksum), character code.
GlyphKey = tuple[tuple[str, int, int], int]


class FontCache:
    """What one open document teaches about its fonts: parsed programs, and glyphs read from context.

    Programs are keyed by the font's name and the size and checksum of their data, not by pdfium's
    address alone: pdfium may free a font when its pages close and reuse the address for another.
    For glyphs that only their words can identify, the word patterns seen so far are kept per glyph,
    and a letter once guessed (:func:`guess_letter`) holds for the rest of the document; pages read
    before the guess get it too if they have not been laid out yet (:func:`fill_holes`, called on
    each batch of pages before layout), else they keep their placeholders.
    """

    def __init__(self, knows: Callable[[str], bool] | None = None) -> None:
        self._programs: dict[tuple[str, int, int], FontProgram | None] = {}
        self._knows = knows
        self.patterns: dict[GlyphKey, set[str]] = {}
        self.guessed: dict[GlyphKey, str | None] = {}

    def program(self, address: int) -> tuple[str, tuple[str, int, int] | None, FontProgram | None]:
        """The font's name, its key (None when not embedded) and its parsed program (None if unreadable)."""
        name = _font_name(address)
        data = font_data(address)
        if data is None:
            return name, None, None
        key = (name, len(data), zlib.crc32(data))
        if key not in self._programs:
            self._programs[key] = parse_program(data)
        return name, key, self._programs[key]

    def knows(self, word: str) -> bool:
        """Whether the lexicon knows ``word`` (the shared lexicon unless another was given)."""
        if self._knows is None:
            from kaghaz.lexicon import default_lexicon  # loading it costs time: only when a glyph needs it

            self._knows = default_lexicon().knows
        return self._knows(word)

    def learn(self, key: GlyphKey, words: Iterable[str]) -> str | None:
        """Add word patterns for glyph ``key`` and guess its letter again; the letter or None.

        A glyph still unguessed after :data:`_MAX_PATTERNS` distinct words is given up on, so that a
        long document does not pay for it on every page.
        """
        if key in self.guessed and (self.guessed[key] or len(self.patterns[key]) >= _MAX_PATTERNS):
            return self.guessed[key]
        seen = self.patterns.setdefault(key, set())
        before = len(seen)
        seen.update(words)
        if len(seen) > before or key not in self.guessed:
            self.guessed[key] = guess_letter(seen, self.knows)
        return self.guessed[key]


def rtl_order(text: str) -> str:
    """A recovered ligature's characters in the order pdfium gives a multi-character map entry.

    pdfium reverses right-to-left runs character by character, so a ToUnicode entry ``لا`` comes out
    as ``ال``; recovered glyphs follow the same rule so that layout can treat both alike.

    >>> rtl_order("لا") == "ال", rtl_order("fi")
    (True, 'fi')
    """
    if len(text) > 1 and any(unicodedata.bidirectional(c) in ("R", "AL") for c in text):
        return text[::-1]
    return text


def _glyph_text(program: FontProgram, code: int, box: Bounds, origin: tuple[float, float], upright: bool) -> str | None:
    """The text of the glyph ``code`` selects, if one candidate glyph has text and fits the page."""
    candidates = [gid for gid in program.candidates(code) if gid in program.texts]
    if not candidates:
        return None
    if not upright:
        texts = {program.texts[gid] for gid in candidates}
        return texts.pop() if len(texts) == 1 else None
    for gid in candidates:
        try:
            bounds = program.bounds(gid)
        except Exception:  # a glyph the program cannot draw is simply not confirmed
            continue
        if box_agrees(box, origin, bounds):
            return program.texts[gid]
    return None


def _code_is_unicode(code: int, program: FontProgram | None, blocks: set[int]) -> bool:
    """Whether pdfium's fallback (the code itself) is plausibly the character: see rule 4 above."""
    if code < 0x100 or program is None or program.could_be_glyph(code) or (code >> 8) not in blocks:
        return False
    return unicodedata.category(chr(code))[0] in "LNPS"


@dataclass(slots=True)
class _Tally:
    name: str
    total: int = 0
    recovered: int = 0
    from_context: int = 0
    placeholders: int = 0

    def record(self) -> FontRecovery:
        return FontRecovery(self.name, self.recovered, self.total - self.recovered, self.from_context,
                            self.placeholders)


#: A glyph left as a placeholder that later pages may identify: its row and its :data:`GlyphKey`.
Hole = tuple[int, GlyphKey]


def recover(chars: np.ndarray, cache: FontCache) -> tuple[np.ndarray, tuple[FontRecovery, ...], tuple[Hole, ...]]:
    """Recover the text of a page's characters that pdfium could not map (see the module docstring).

    ``chars`` are rows of :data:`kaghaz.pdf.reader.COLUMNS` with font addresses still in the font
    column (the fonts must still be loaded: call this before the text page closes). Returns new rows
    (a ligature may add rows), what happened per font, in order of first appearance, and the
    placeholders whose words may still identify them once later pages are read (:func:`fill_holes`).
    """
    rows = np.flatnonzero((chars[:, MAP_ERROR] == 1) & (chars[:, GENERATED] != 1))
    if len(rows) == 0:
        return chars, (), ()
    chars = chars.copy()
    texts: dict[int, str] = {}
    tallies: dict[float, _Tally] = {}
    holes: dict[int, GlyphKey] = {}
    for address in dict.fromkeys(chars[rows, FONT].tolist()):
        mine = rows[chars[rows, FONT] == address]
        name, key, program = cache.program(int(address)) if address else ("", None, None)
        tally = tallies[address] = _Tally(name, total=len(mine))
        mapped = chars[(chars[:, FONT] == address) & (chars[:, MAP_ERROR] == 0), CODE].astype(np.int64)
        blocks = {int(c) >> 8 for c in np.unique(mapped)}
        arabic = len(mapped) > 0 and sum(map(_is_arabic_code, mapped.tolist())) * 2 >= len(mapped)
        for r in mine.tolist():
            code = int(chars[r, CODE])
            text = None
            if program is not None:
                box = (float(chars[r, X0]), float(chars[r, Y0]), float(chars[r, X1]), float(chars[r, Y1]))
                upright = abs(math.remainder(float(chars[r, ANGLE]), 2 * math.pi)) < _ANGLE_EPS
                text = _glyph_text(program, code, box, (float(chars[r, OX]), float(chars[r, OY])), upright)
            if text is None and _code_is_unicode(code, program, blocks):
                text = chr(code)
            if text is not None:
                texts[r] = rtl_order(text)
                chars[r, MAP_ERROR] = RECOVERED
                tally.recovered += 1
            elif code >= 0x20:
                if arabic and key is not None:
                    holes[r] = (key, code)
                chars[r, CODE] = PLACEHOLDER
                tally.placeholders += 1
    if holes:
        _recover_from_context(chars, holes, cache, texts, tallies)
    # rows after the ligatures' repeated rows, for the holes still open
    shift = np.cumsum([len(texts.get(r, "x")) - 1 for r in range(len(chars))]) if texts else None
    still = tuple((r + (int(shift[r - 1]) if shift is not None and r else 0), key)
                  for r, key in holes.items() if r not in texts)
    return _write_texts(chars, texts), tuple(t.record() for t in tallies.values()), still


def fill_holes(chars: np.ndarray, recovery: tuple[FontRecovery, ...], holes: tuple[Hole, ...],
               cache: FontCache) -> tuple[np.ndarray, tuple[FontRecovery, ...], tuple[Hole, ...]]:
    """Fill a page's placeholders whose glyphs pages read after it have identified (rule 5).

    Returns the rows (a copy if anything changed), the page's recovery records brought up to date,
    and the holes still open.
    """
    found = [(r, key, cache.guessed.get(key)) for r, key in holes]
    filled = [(r, key, letter) for r, key, letter in found if letter]
    if not filled:
        return chars, recovery, holes
    chars = chars.copy()
    per_font: dict[str, int] = {}
    for r, key, letter in filled:
        chars[r, CODE] = ord(letter)
        chars[r, MAP_ERROR] = RECOVERED
        per_font[key[0][0]] = per_font.get(key[0][0], 0) + 1
    records = tuple(
        FontRecovery(rec.font, rec.recovered + n, rec.unrecovered - n, rec.from_context + n, rec.placeholders - n)
        if (n := min(per_font.pop(rec.font, 0), rec.placeholders)) else rec
        for rec in recovery)
    return chars, records, tuple((r, key) for r, key, letter in found if not letter)


def _recover_from_context(chars: np.ndarray, holes: dict[int, GlyphKey], cache: FontCache, texts: dict[int, str],
                          tallies: dict[float, _Tally]) -> None:
    """Fill holes whose glyph the words on this page (and earlier ones) identify: rule 5 above."""
    words: dict[GlyphKey, list[str]] = {}
    for r, key in holes.items():
        if cache.guessed.get(key):
            continue
        pattern = _word_pattern(chars, r, holes, key, texts)
        if pattern is not None:
            words.setdefault(key, []).append(pattern)
    letters = {key: cache.learn(key, words.get(key, ())) for key in dict.fromkeys(holes.values())}
    for r, key in holes.items():
        letter = letters[key]
        if letter is None:
            continue
        texts[r] = letter
        chars[r, MAP_ERROR] = RECOVERED
        tally = tallies[chars[r, FONT]]
        tally.recovered += 1
        tally.from_context += 1
        tally.placeholders -= 1


def _write_texts(chars: np.ndarray, texts: dict[int, str]) -> np.ndarray:
    """Put each recovered text into its row; a text of several characters repeats the row."""
    if all(len(t) == 1 for t in texts.values()):
        for r, text in texts.items():
            chars[r, CODE] = ord(text)
        return chars
    counts = np.ones(len(chars), dtype=np.int64)
    for r, text in texts.items():
        counts[r] = len(text)
    out = np.repeat(chars, counts, axis=0)
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    for r, text in texts.items():
        out[starts[r]:starts[r] + len(text), CODE] = [ord(c) for c in text]
    return out
