"""Glyphs without a usable Unicode map: names, font programs, the page hook, and real documents."""

from __future__ import annotations

import ctypes
import io
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.misc import eexec
from fontTools.misc.psCharStrings import T1CharString
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.pens.ttGlyphPen import TTGlyphPen

import kaghaz
from kaghaz.model import ProblemKind
from kaghaz.pdf import fonts
from kaghaz.pdf.glyphnames import glyph_name_text
from kaghaz.pdf.reader import CODE, MAP_ERROR, read_page
from kaghaz.settings import Settings

BEH, LAM, ALEF = "\N{ARABIC LETTER BEH}", "\N{ARABIC LETTER LAM}", "\N{ARABIC LETTER ALEF}"
YEH = "\N{ARABIC LETTER FARSI YEH}"


# --- glyph names --------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "arabic", "text"), [
    ("uni0628", False, BEH),
    ("uni06440627", False, LAM + ALEF),
    ("uni06CC.fina", False, YEH),
    ("afii57416", False, BEH),
    ("beh.init", False, BEH),
    ("behInit-ar", False, BEH),
    ("lam_alef", True, LAM + ALEF),
    ("lam_alef.fina", False, LAM + ALEF),
    ("yehFarsi-ar", False, YEH),
    ("alef", False, "\N{HEBREW LETTER ALEF}"),   # the AGL's alef: Hebrew, unless the font is Arabic
    ("alef", True, ALEF),
    ("four-persian", False, "\N{EXTENDED ARABIC-INDIC DIGIT FOUR}"),
    ("A", True, "A"),
    ("summationdisplay", False, "\N{N-ARY SUMMATION}"),
    ("integraltext", False, "\N{INTEGRAL}"),
    ("parenleftBigg", False, "("),
    ("bracerightbig", False, "}"),
    ("vextendsingle", False, "|"),
    ("similarequal", False, "\N{ASYMPTOTICALLY EQUAL TO}"),
    ("parenlefttp", False, "\N{LEFT PARENTHESIS UPPER HOOK}"),  # the AGL would give a Private Use code
    ("bracehtipupleft", False, None),
    ("cid00123", False, None),
    ("glyph00876", False, None),
    (".notdef", False, None),
    ("", False, None),
])
def test_fonts_glyph_name_text(name: str, arabic: bool, text: str | None) -> None:
    assert glyph_name_text(name, arabic=arabic) == text


# --- checks and messages ------------------------------------------------------------------------

@pytest.mark.parametrize(("box", "origin", "glyph", "agrees"), [
    ((10.0, 0.0, 15.0, 8.0), (10.0, 0.0), (0, 0, 500, 800), True),
    ((10.0, 0.0, 15.0, 8.0), (10.0, 0.0), (0, 0, 1000, 1600), True),       # any uniform scale
    ((6.0, -3.2, 12.0, 9.6), (10.0, 0.0), (-100, -80, 50, 240), True),   # 25 units = 1 point
    ((10.0, 0.0, 15.0, 8.0), (10.0, 0.0), (0, -300, 500, 500), False),    # same size, shifted down
    ((10.0, 0.0, 15.0, 8.0), (10.0, 0.0), (0, 0, 800, 500), False),       # wide glyph, tall box
    ((10.0, 0.0, 10.0, 0.0), (10.0, 0.0), None, True),                    # empty glyph, empty box
    ((10.0, 0.0, 15.0, 8.0), (10.0, 0.0), None, False),
])
def test_fonts_box_agrees(box: fonts.Bounds, origin: tuple[float, float], glyph: fonts.Bounds | None,
                          agrees: bool) -> None:
    assert fonts.box_agrees(box, origin, glyph) is agrees


KNOWN = {"فارسی", "مصنوعی", "خانگی", "بررسی", "فارسا", "تلگرام", "کتاب", "کباب"}


@pytest.mark.parametrize(("patterns", "letter"), [
    (["فارس" + fonts.HOLE, "مصنوع" + fonts.HOLE, "خانگ" + fonts.HOLE], YEH),
    (["فارس" + fonts.HOLE, "مصنوع" + fonts.HOLE, "خانگ" + fonts.HOLE, "آپاچ" + fonts.HOLE, "لینوکس"], YEH),
    ([("فارس" + fonts.HOLE)[::-1], ("مصنوع" + fonts.HOLE)[::-1]], YEH),       # visual order works too
    (["تل" + fonts.HOLE + "رام"], "\N{ARABIC LETTER GAF}"),                    # one long word, no rival
    (["فارس" + fonts.HOLE], None),                                              # one short word: too little
    (["ک" + fonts.HOLE + "اب"] * 5, None),                                      # کتاب and کباب: ambiguous
    (["xyz" + fonts.HOLE, "abc" + fonts.HOLE], None),
])
def test_fonts_guess_letter(patterns: list[str], letter: str | None) -> None:
    assert fonts.guess_letter(patterns, KNOWN.__contains__) == letter


def test_fonts_describe_counts_and_fonts() -> None:
    message = fonts.describe(4, [fonts.FontRecovery("CMEX10", 10, 3, 0, 3), fonts.FontRecovery("", 0, 2)])
    assert message.startswith("page 4: 15 glyphs have no usable Unicode map; 10 recovered, 5 not")
    assert "CMEX10: 3" in message and "unnamed font: 2" in message and "3 shown as U+FFFD" in message


# --- font programs built in the test ------------------------------------------------------------

FILLERS = [f"filler{i}" for i in range(40)]  # keeps real glyph ids above the control-character codes


def _rect(width: int, height: int, bottom: int = 0) -> object:
    pen = TTGlyphPen(None)
    pen.moveTo((50, bottom))
    pen.lineTo((50, bottom + height))
    pen.lineTo((50 + width, bottom + height))
    pen.lineTo((50 + width, bottom))
    pen.closePath()
    return pen.glyph()


def _truetype(shapes: dict[str, tuple[int, int, int] | None], cmap: dict[int, str], features: str = "") -> bytes:
    """A TrueType font whose glyphs are rectangles of distinct sizes (so boxes tell them apart)."""
    order = [".notdef", *FILLERS, *shapes]
    glyphs = {name: _rect(*shapes[name]) if shapes.get(name) else TTGlyphPen(None).glyph() for name in order}
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(order)
    builder.setupCharacterMap(cmap)
    builder.setupGlyf(glyphs)
    builder.setupHorizontalMetrics({n: ((shapes.get(n) or (200, 0, 0))[0] + 100, 50) for n in order})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "KaghazTest", "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    if features:
        builder.addOpenTypeFeatures(features)
    out = io.BytesIO()
    builder.save(out)
    return out.getvalue()


def _gid(name: str, shapes: dict[str, tuple[int, int, int] | None]) -> int:
    return [".notdef", *FILLERS, *shapes].index(name)


def _pdf_with_glyphs(path: Path, font: bytes, lines: Sequence[Sequence[int]]) -> None:
    """A one-page PDF showing glyph ids of ``font`` (a CID font, Identity-H), one text object per line."""
    document = pdfium.PdfDocument.new()
    page = document.new_page(500, 300)
    data = (ctypes.c_uint8 * len(font)).from_buffer_copy(font)
    handle = pdfium_c.FPDFText_LoadFont(document.raw, data, len(font), pdfium_c.FPDF_FONT_TRUETYPE, True)
    assert handle
    for n, gids in enumerate(lines):
        text = pdfium_c.FPDFPageObj_CreateTextObj(document.raw, handle, 20.0)
        codes = (ctypes.c_uint32 * len(gids))(*gids)
        assert pdfium_c.FPDFText_SetCharcodes(text, codes, len(gids))
        pdfium_c.FPDFPageObj_Transform(text, 1, 0, 0, 1, 40, 250 - 40 * n)
        pdfium_c.FPDFPage_InsertObject(page.raw, text)
    assert pdfium_c.FPDFPage_GenerateContent(page.raw)
    document.save(str(path))
    document.close()


def _strip_to_unicode(source: Path, target: Path, cid_to_gid: dict[int, int] | None = None) -> None:
    """Remove every font's ToUnicode map (and optionally give it a CIDToGIDMap), with pypdf."""
    pytest.importorskip("pypdf", reason="pypdf (the test extra) edits the PDF that pdfium wrote")
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, StreamObject

    writer = PdfWriter(clone_from=PdfReader(source))
    for page in writer.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            font.pop("/ToUnicode", None)
            if cid_to_gid is not None:
                size = max(cid_to_gid) + 1
                table = b"".join(cid_to_gid.get(cid, cid).to_bytes(2, "big") for cid in range(size))
                stream = StreamObject()
                stream.set_data(table)
                font["/DescendantFonts"][0].get_object()[NameObject("/CIDToGIDMap")] = writer._add_object(stream)
    with target.open("wb") as out:
        writer.write(out)


SHAPES: dict[str, tuple[int, int, int] | None] = {
    "space": None,
    "beh": (500, 300, 0),
    "beh.fina": (550, 250, 0),
    "lam": (200, 700, 0),
    "alef": (100, 720, 0),
    "lam_alef": (450, 710, 0),
    "uni06CC.fina": (600, 200, -200),
    "mystery": (330, 330, 0),
}
CMAP = {0x20: "space", 0x628: "beh", 0x644: "lam", 0x627: "alef"}
FEATURES = "feature fina { sub beh by beh.fina; } fina; feature liga { sub lam alef by lam_alef; } liga;"


def test_fonts_parse_truetype_reads_cmap_names_and_gsub() -> None:
    program = fonts.parse_program(_truetype(SHAPES, CMAP, FEATURES))
    assert program is not None and program.kind == "truetype"
    assert program.texts[_gid("beh", SHAPES)] == BEH                  # the cmap, read backwards
    assert program.texts[_gid("beh.fina", SHAPES)] == BEH             # a single substitution
    assert program.texts[_gid("lam_alef", SHAPES)] == LAM + ALEF      # a ligature
    assert program.texts[_gid("uni06CC.fina", SHAPES)] == YEH         # a glyph name
    assert _gid("mystery", SHAPES) not in program.texts
    assert program.bounds(_gid("beh", SHAPES)) == (50.0, 0.0, 550.0, 300.0)


def test_fonts_recover_end_to_end_without_to_unicode(tmp_path: Path) -> None:
    font = _truetype(SHAPES, CMAP, FEATURES)
    names = ["beh", "beh.fina", "space", "lam_alef", "uni06CC.fina", "mystery"]
    _pdf_with_glyphs(tmp_path / "made.pdf", font, [[_gid(n, SHAPES) for n in names]])
    _strip_to_unicode(tmp_path / "made.pdf", tmp_path / "no_tounicode.pdf")
    with pdfium.PdfDocument(tmp_path / "no_tounicode.pdf") as document:
        raw = read_page(document, 0)
    assert [(r.recovered, r.unrecovered, r.placeholders) for r in raw.recovery] == [(5, 1, 1)]
    codes = "".join(chr(int(c)) for c in raw.chars[:, CODE])
    assert sorted(codes) == sorted(BEH + BEH + " " + LAM + ALEF + YEH + chr(fonts.PLACEHOLDER))
    assert set(raw.chars[:, MAP_ERROR].tolist()) == {fonts.RECOVERED, 1}
    document_ = kaghaz.extract(tmp_path / "no_tounicode.pdf")
    problem = next(p for p in document_.problems if p.kind == ProblemKind.UNMAPPED_GLYPHS)
    assert "6 glyphs have no usable Unicode map; 5 recovered, 1 not" in problem.message
    assert "KaghazTest: 1" in problem.message
    assert "\N{REPLACEMENT CHARACTER}" in document_.text and BEH in document_.text


def test_fonts_recover_refuses_a_glyph_that_does_not_fit_the_page(tmp_path: Path) -> None:
    """With a CIDToGIDMap that is not the identity, the guess 'CID = glyph id' draws the wrong box."""
    font = _truetype(SHAPES, CMAP, FEATURES)
    beh, lam = _gid("beh", SHAPES), _gid("lam", SHAPES)
    _pdf_with_glyphs(tmp_path / "made.pdf", font, [[beh]])
    _strip_to_unicode(tmp_path / "made.pdf", tmp_path / "remapped.pdf", cid_to_gid={beh: lam})
    with pdfium.PdfDocument(tmp_path / "remapped.pdf") as document:
        raw = read_page(document, 0)
    assert [(r.recovered, r.unrecovered) for r in raw.recovery] == [(0, 1)]
    assert int(raw.chars[0, CODE]) == fonts.PLACEHOLDER


def test_fonts_recover_reads_a_glyph_from_the_words_around_it(tmp_path: Path) -> None:
    letters = "فارسمصنوعخگ"
    shapes: dict[str, tuple[int, int, int] | None] = {f"l{i}": (100 + 37 * i, 300 + 11 * i, 0)
                                                      for i in range(len(letters))}
    shapes["space"] = None
    shapes["zz01"] = (600, 200, -200)   # a final yeh that nothing in the font names
    cmap = {ord(c): f"l{i}" for i, c in enumerate(letters)} | {0x20: "space"}
    gid = {c: _gid(f"l{i}", shapes) for i, c in enumerate(letters)} | {" ": _gid("space", shapes),
                                                                        YEH: _gid("zz01", shapes)}
    words = ["فارسی", "مصنوعی", "خانگی"]
    line = [gid[c] for c in " ".join(w[::-1] for w in reversed(words))]  # visual order, as RTL producers draw
    _pdf_with_glyphs(tmp_path / "context.pdf", _truetype(shapes, cmap), [line])
    cache = fonts.FontCache(knows=set(words).__contains__)
    with pdfium.PdfDocument(tmp_path / "context.pdf") as document:
        raw = read_page(document, 0, font_cache=cache)
    assert [(r.recovered, r.from_context, r.unrecovered) for r in raw.recovery] == [(3, 3, 0)]
    assert sum(1 for c in raw.chars[:, CODE] if chr(int(c)) == YEH) == 3


def _cff(names: Sequence[str], encoding: dict[int, str]) -> bytes:
    """A bare CFF font (as PDFs embed it in FontFile3/Type1C) with a built-in encoding."""
    builder = FontBuilder(1000, isTTF=False)
    order = [".notdef", *names]
    builder.setupGlyphOrder(order)
    charstrings = {}
    for i, name in enumerate(order):
        pen = T2CharStringPen(600, None)
        if name != ".notdef":
            pen.moveTo((50, -10 * i))
            pen.lineTo((50, 100 * i))
            pen.lineTo((500, 100 * i))
            pen.closePath()
        charstrings[name] = pen.getCharString()
    builder.setupCFF("KaghazCFF", {"FullName": "KaghazCFF"}, charstrings, {})
    cff = builder.font["CFF "].cff
    cff.topDictIndex[0].Encoding = [encoding.get(code, ".notdef") for code in range(256)]
    out = io.BytesIO()
    cff.compile(out, builder.font)
    return out.getvalue()


def test_fonts_parse_cff_uses_builtin_encoding_and_names() -> None:
    program = fonts.parse_program(_cff(["summationdisplay", "parenleftbig", "xyzzy"],
                                       {88: "summationdisplay", 40: "parenleftbig", 7: "xyzzy"}))
    assert program is not None and program.kind == "cff"
    assert [program.texts.get(g) for g in program.candidates(88)][-1] == "\N{N-ARY SUMMATION}"
    assert 2 in program.candidates(40) and program.texts[2] == "("
    assert program.texts.get(3) is None
    assert program.bounds(1) == (50.0, -10.0, 500.0, 100.0)


def _type1(encoding: dict[int, str]) -> bytes:
    """A minimal Type 1 font program (clear text, then the eexec-encrypted private part)."""
    def charstring(height: int) -> bytes:
        program = [0, 600, "hsbw", 50, 0, "rmoveto", 400, 0, "rlineto", 0, height, "rlineto", -400, 0, "rlineto",
                   "closepath", "endchar"]
        code = T1CharString(program=program)
        code.compile()
        return bytes(eexec.encrypt(b"\x00\x00\x00\x00" + code.bytecode, 4330)[0])

    glyphs = {".notdef": charstring(10), **{name: charstring(100 + 50 * i) for i, name in enumerate(encoding.values())}}
    private = [b"dup /Private 8 dict dup begin", b"/RD{string currentfile exch readstring pop}executeonly def",
               b"/ND{noaccess def}executeonly def", b"/lenIV 4 def", b"/Subrs 0 array",
               b"/CharStrings %d dict dup begin" % len(glyphs)]
    body = b"\n".join(private) + b"\n"
    for name, blob in glyphs.items():
        body += b"/%s %d RD " % (name.encode(), len(blob)) + blob + b" ND\n"
    body += b"end\nend\nmark currentfile closefile\n"
    clear = b"%!PS-AdobeFont-1.0: KaghazT1 001\n/Encoding 256 array\n0 1 255 {1 index exch /.notdef put} for\n"
    clear += b"".join(b"dup %d /%s put\n" % (code, name.encode()) for code, name in encoding.items())
    clear += b"readonly def\ncurrentfile eexec\n"
    return clear + bytes(eexec.encrypt(b"\xa5\x5a\xa5\x5a" + body, 55665)[0]) + b"\n" + b"0" * 64 + b"\ncleartomark\n"


def test_fonts_parse_type1_reads_encoding_and_outlines() -> None:
    program = fonts.parse_program(_type1({88: "summationdisplay", 40: "parenleftbig"}))
    assert program is not None and program.kind == "type1"
    (gid,) = program.candidates(88)
    assert program.texts[gid] == "\N{N-ARY SUMMATION}"
    assert program.bounds(gid) == (50.0, 0.0, 450.0, 100.0)
    assert program.texts[program.candidates(40)[0]] == "("


def test_fonts_parse_program_refuses_garbage() -> None:
    assert fonts.parse_program(b"\x00\x01\x00\x00 not really a font") is None
    assert fonts.parse_program(b"plain text") is None


def test_fonts_code_kept_when_the_producer_numbers_cids_by_unicode() -> None:
    """Nitro's CIDs are Unicode values: a code past the glyph count, in the font's own block, is kept."""
    program = fonts.FontProgram("truetype", 105, {}, {}, None, lambda gid: None)
    assert fonts._code_is_unicode(0x060C, program, {0x06})
    assert not fonts._code_is_unicode(0x060C, program, {0x00})        # the font's text is not Arabic
    assert not fonts._code_is_unicode(90, program, {0x00})             # a glyph id, not a code point


def test_fonts_pages_without_map_errors_cost_nothing(tmp_path: Path) -> None:
    font = _truetype(SHAPES, CMAP, FEATURES)
    _pdf_with_glyphs(tmp_path / "mapped.pdf", font, [[_gid("beh", SHAPES), _gid("lam", SHAPES)]])
    with pdfium.PdfDocument(tmp_path / "mapped.pdf") as document:
        raw = read_page(document, 0)
    assert raw.recovery == () and not (raw.chars[:, MAP_ERROR] != 0).any()


# --- pages without a text layer -----------------------------------------------------------------

def test_fonts_image_only_page_needs_ocr_and_blank_page_does_not(tmp_path: Path) -> None:
    document = pdfium.PdfDocument.new()
    page = document.new_page(200, 300)
    bitmap = pdfium.PdfBitmap.new_native(40, 40, pdfium_c.FPDFBitmap_BGR)
    bitmap.fill_rect((200, 30, 30, 255), 0, 0, 40, 40)
    image = pdfium.PdfImage.new(document)
    image.set_bitmap(bitmap)
    image.set_matrix(pdfium.PdfMatrix().scale(100, 100).translate(20, 20))
    page.insert_obj(image)
    page.gen_content()
    document.new_page(200, 300)
    document.save(str(tmp_path / "image.pdf"))
    document.close()
    problems = kaghaz.extract(tmp_path / "image.pdf").problems
    assert [(p.page, p.kind) for p in problems] == [(1, ProblemKind.NO_TEXT_LAYER)]
    assert "needs OCR" in problems[0].message


# --- real documents (../shared) -----------------------------------------------------------------

def _recovery_totals(path: Path, pages: Sequence[int]) -> tuple[int, int]:
    cache = fonts.FontCache()
    recovered = missing = 0
    with pdfium.PdfDocument(path) as document:
        for number in pages:
            for r in read_page(document, number - 1, font_cache=cache).recovery:
                recovered += r.recovered
                missing += r.unrecovered
    return recovered, missing


def test_fonts_x10_math_fonts_are_recovered(shared: Path) -> None:
    """x10's TeX math fonts (CMEX10, CMSY10, MSBM10) have names outside the AGL; measured 93.9 % recovered."""
    recovered, missing = _recovery_totals(shared / "real/pdf/x10_proceedings.pdf", [14, 21, 31, 49, 80, 90])
    assert recovered + missing >= 100
    assert missing <= 0.1 * (recovered + missing)


def test_fonts_x10_text_shows_recovered_symbols(shared: Path) -> None:
    document = kaghaz.extract(shared / "real/pdf/x10_proceedings.pdf", Settings(pages=((49, 49),)))
    assert "\N{N-ARY SUMMATION}" in document.text and "\N{ASYMPTOTICALLY EQUAL TO}" in document.text
    (problem,) = [p for p in document.problems if p.kind == ProblemKind.UNMAPPED_GLYPHS]
    assert "CMEX10: 4" in problem.message


def test_fonts_x11_type3_glyphs_are_reported(shared: Path) -> None:
    """x11's only unmapped glyphs are a Type 3 font's pointing hands: no program, reported per page."""
    document = kaghaz.extract(shared / "real/pdf/x11_xepersian_manual_noTU.pdf", Settings(pages=((40, 44),)))
    reported = [p for p in document.problems if p.kind == ProblemKind.UNMAPPED_GLYPHS]
    assert [p.page for p in reported] == [40, 42, 43, 44]
    assert all("unnamed font" in p.message for p in reported)


def test_fonts_x04_persian_glyphs_are_read_from_their_words(shared: Path) -> None:
    """XB Niloofar's final yeh and medial kaf/gaf have no map, name or GSUB; measured 79 of 86 recovered."""
    recovered, missing = _recovery_totals(shared / "real/pdf/x04_ma14ch_resume_fa.pdf", [1, 2])
    assert recovered >= 0.85 * (recovered + missing)
    text = kaghaz.extract(shared / "real/pdf/x04_ma14ch_resume_fa.pdf").text
    assert "فارسی" in text and "مصنوعی" in text


def test_fonts_w19_outlines_need_ocr(shared: Path) -> None:
    document = kaghaz.extract(shared / "real/pdf/w19_tayyebi_cv_fa_word.pdf")
    assert [p.kind for p in document.problems] == [ProblemKind.NO_TEXT_LAYER] * 4
    assert all("needs OCR" in p.message for p in document.problems)


def test_fonts_rows_of_a_recovered_ligature_share_the_glyph() -> None:
    chars = np.zeros((2, 12))
    out = fonts._write_texts(chars.copy(), {0: "ab"})
    assert out.shape == (3, 12) and [int(c) for c in out[:, CODE]] == [ord("a"), ord("b"), 0]


def test_fonts_fill_holes_gives_earlier_pages_a_letter_learned_later() -> None:
    from kaghaz.pdf import reader
    from kaghaz.pdf.fonts import PLACEHOLDER, FontCache, FontRecovery, fill_holes

    chars = np.zeros((3, len(reader.COLUMNS)))
    chars[:, reader.CODE] = [ord("ب"), PLACEHOLDER, PLACEHOLDER]
    chars[1:, reader.MAP_ERROR] = 1
    key_known = (("XBNiloofar", 10, 1), 876)
    key_unknown = (("XBNiloofar", 10, 1), 877)
    cache = FontCache(knows=lambda word: False)
    cache.guessed[key_known] = "ی"
    recovery = (FontRecovery("XBNiloofar", 0, 2, 0, 2),)
    out, records, holes = fill_holes(chars, recovery, ((1, key_known), (2, key_unknown)), cache)
    assert chr(int(out[1, reader.CODE])) == "ی" and int(out[2, reader.CODE]) == PLACEHOLDER
    assert records == (FontRecovery("XBNiloofar", 1, 1, 1, 1),)
    assert holes == ((2, key_unknown),)
    assert int(chars[1, reader.CODE]) == PLACEHOLDER  # the caller's rows are not changed
