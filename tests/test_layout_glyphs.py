"""Glyphs, clusters, spaces and ZWNJ from synthetic pdfium character rows (kaghaz.layout)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kaghaz.layout.glyphs import JOINER, TEXT, build_clusters
from kaghaz.layout.page import build_page
from kaghaz.pdf.reader import COLUMNS, RawPage
from kaghaz.settings import Settings

ZWNJ = "\N{ZERO WIDTH NON-JOINER}"
SIZE = 12.0
BASELINE = 700.0


@dataclass
class Char:
    """One pdfium character row: its text, its ink from x0 to x1, its pen position and advance."""

    text: str
    x0: float
    x1: float
    pen: float | None = None
    advance_end: float | None = None
    y0: float = BASELINE - 2
    y1: float = BASELINE + 8
    size: float = SIZE
    generated: int = 0


def raw_page(chars: list[Char]) -> RawPage:
    rows = np.zeros((len(chars), len(COLUMNS)))
    for i, c in enumerate(chars):
        pen = c.x0 if c.pen is None else c.pen
        end = c.x1 if c.advance_end is None else c.advance_end
        rows[i] = (ord(c.text), c.generated, 0, c.x0, c.y0, c.x1, c.y1, pen, BASELINE, c.size, 1, 0, min(pen, c.x0),
                   end)
    return RawPage(number=1, width=595.0, height=842.0, chars=rows, fonts=("", "TestFont"))


def word(text: str, right: float, width: float = 5.0, overlap: float = 0.3) -> list[Char]:
    """A right-to-left word drawn from ``right`` leftwards, its letters joined (their ink overlaps)."""
    out = []
    for char in text:
        x1 = right
        x0 = right - width
        out.append(Char(char, x0 - overlap, x1, pen=x0, advance_end=x1))
        right = x0
    return out


def page_text(chars: list[Char]) -> str:
    page = build_page(raw_page(chars), Settings())
    return "\n".join(line.orig for line in page.lines)


def test_layout_glyphs_right_to_left_word_reads_in_logical_order() -> None:
    assert page_text(word("کتاب", 300)) == "کتاب"


def test_layout_glyphs_space_from_advance_gap() -> None:
    chars = word("در", 300) + word("ایران", 300 - 10 - 0.3 * SIZE)
    assert page_text(chars) == "در ایران"


def test_layout_glyphs_zwnj_from_ink_gap_after_joining_letter() -> None:
    first = word("می", 300)
    # the next letter's advance touches, but its ink stops short: a non-joiner
    second = [Char(c.text, c.x0, c.x1 - 1.0, c.pen, c.advance_end) if i == 0 else c
              for i, c in enumerate(word("شود", 290))]
    assert page_text(first + second) == "می" + ZWNJ + "شود"


def test_layout_glyphs_no_zwnj_after_right_joining_letter() -> None:
    first = word("از", 300)
    second = word("دست", 290)
    assert page_text(first + second) == "ازدست"


def test_layout_glyphs_backwards_lam_alef_ligature_is_put_right() -> None:
    # one glyph (two characters sharing one origin) mapped to alef then lam
    chars = [Char("ا", 290, 300, pen=290), Char("ل", 290, 300, pen=290)]
    assert page_text(chars) == "لا"


def test_layout_glyphs_mark_attaches_to_its_letter() -> None:
    chars = [*word("به", 300), Char("ٔ", 291, 294, pen=291, y0=BASELINE + 9, y1=BASELINE + 11)]
    assert page_text(chars) == "به\N{ARABIC HAMZA ABOVE}"


def test_layout_glyphs_kashida_stroke_is_a_joiner_not_text() -> None:
    letters = word("به", 300)
    kashida = Char("1", 293, 297, pen=293, y0=BASELINE, y1=BASELINE + 0.8)
    clusters = build_clusters(raw_page([letters[0], kashida, letters[1]]))
    assert JOINER in clusters.kind.tolist()
    assert "1" not in "".join(clusters.text.tolist())


def test_layout_glyphs_generated_characters_are_dropped() -> None:
    chars = [*word("کتاب", 300), Char("\r", 280, 280, generated=1), Char("\n", 280, 280, generated=1)]
    assert page_text(chars) == "کتاب"


def test_layout_glyphs_long_shared_origin_is_not_one_glyph() -> None:
    # pdfium gives a whole text object one origin when it cannot place its glyphs
    chars = [Char(c, 300 - 5 * (i + 1), 300 - 5 * i, pen=100.0) for i, c in enumerate("کتابخانه")]
    clusters = build_clusters(raw_page(chars))
    assert len(clusters) == len("کتابخانه")
    assert all(kind == TEXT for kind in clusters.kind.tolist())


def test_layout_glyphs_repeated_mark_glyph_is_dropped() -> None:
    # Typst maps both the letter's glyph and its mark's glyph to the whole cluster text
    letter = [Char("ه", 290, 300, pen=290), Char("\N{ARABIC HAMZA ABOVE}", 290, 300, pen=290)]
    mark = [Char("\N{ARABIC HAMZA ABOVE}", 293, 296, pen=293, y0=BASELINE + 9, y1=BASELINE + 11),
            Char("ه", 293, 296, pen=293, y0=BASELINE + 9, y1=BASELINE + 11)]
    assert page_text(letter + mark) == "ه\N{ARABIC HAMZA ABOVE}"


def test_layout_glyphs_line_of_nothing_printable_after_the_text() -> None:
    # a last line that holds only an invisible joiner used to break the glyph map of the page
    kashida = Char("\x04", 200, 204, pen=200, y0=BASELINE - 40, y1=BASELINE - 39.2)
    kashida_row = raw_page([kashida]).chars[0].copy()
    kashida_row[8] = BASELINE - 40  # its own baseline, below the word
    page = raw_page(word("کتاب", 300))
    rows = np.vstack([page.chars, kashida_row])
    lines = build_page(RawPage(1, 595.0, 842.0, rows, page.fonts), Settings()).lines
    assert [line.orig for line in lines] == ["کتاب"]


def test_layout_glyphs_ae_from_a_persian_font_is_heh_and_zwnj() -> None:
    # some Persian fonts map heh's final form, which stands before a ZWNJ, to ARABIC LETTER AE
    chars = word("توسع\N{ARABIC LETTER AE}دهنده", 300)
    assert page_text(chars) == "توسعه" + ZWNJ + "دهنده"


def test_layout_glyphs_ae_stays_in_kurdish() -> None:
    chars = word("ڕ\N{ARABIC LETTER AE}ش", 300)
    assert page_text(chars) == "ڕ\N{ARABIC LETTER AE}ش"


def test_layout_glyphs_zwnj_sharing_a_split_glyph_stands_before_its_letter() -> None:
    # Typst: one glyph for ZWNJ + letter, its box split evenly by pdfium (here handed out reversed);
    # the final yeh before it touches the next glyph, so only the text layer shows the ZWNJ
    first = word("می", 300)
    shin = [Char("ش", 285.0, 287.5, pen=285.0, advance_end=290.0),
            Char(ZWNJ, 287.5, 290.0, pen=285.0, advance_end=290.0)]
    rest = word("ود", 285)
    assert page_text(first + shin + rest) == "می" + ZWNJ + "شود"


def test_layout_glyphs_missing_glyph_with_ink_reads_as_replacement_character() -> None:
    # "ab?cd" where the font lacks the middle character: pdfium reads its .notdef box as code 0
    chars = [Char(c, x, x + 5.0) for c, x in zip("ab", (100.0, 105.0), strict=True)]
    chars.append(Char("\0", 110.0, 115.0))
    chars += [Char(c, x, x + 5.0) for c, x in zip("cd", (115.0, 120.0), strict=True)]
    assert page_text(chars) == "ab\N{REPLACEMENT CHARACTER}cd"


def test_layout_glyphs_missing_glyph_without_ink_reads_as_the_blank_it_shows() -> None:
    chars = [Char(c, x, x + 5.0) for c, x in zip("ab", (100.0, 105.0), strict=True)]
    chars += [Char("\0", x, x + 5.0, y0=BASELINE, y1=BASELINE) for x in (110.0, 115.0)]
    chars += [Char(c, x, x + 5.0) for c, x in zip("cd", (120.0, 125.0), strict=True)]
    assert page_text(chars) == "ab cd"


def test_layout_glyphs_print_to_pdf_latin_touching_persian_gets_its_space() -> None:
    chars = word("با", 130.0) + [Char(c, x, x + 5.0) for c, x in zip("data", (100.0, 105.0, 110.0, 115.0), strict=True)]
    raw = raw_page(chars)
    assert "\N{SPACE}" not in "\n".join(line.orig for line in build_page(raw, Settings()).lines)
    printed = RawPage(number=1, width=raw.width, height=raw.height, chars=raw.chars, fonts=raw.fonts,
                      producer="Microsoft: Print To PDF")
    text = "\n".join(line.orig for line in build_page(printed, Settings()).lines)
    assert sorted(text.split(" ")) == ["data", "با"]


def test_layout_glyphs_period_on_the_baseline_is_not_a_kashida() -> None:
    # a small square dot sits on the baseline like a kashida stroke, but is as tall as it is wide
    chars = [Char(c, x, x + 5.0) for c, x in zip("ab", (100.0, 105.0), strict=True)]
    chars.append(Char(".", 110.2, 111.1, pen=110.0, advance_end=112.0, y0=BASELINE, y1=BASELINE + 0.9))
    assert page_text(chars) == "ab."


def test_layout_glyphs_heh_doachashmee_is_heh_in_persian_text() -> None:
    assert page_text(word("کھ", 200.0)) == "که"
    # Urdu keeps its letter
    assert page_text(word("کھے", 200.0)) == "کھے"


def test_layout_glyphs_drawn_tab_is_a_space() -> None:
    chars = [Char(c, x, x + 5.0) for c, x in zip("ab", (100.0, 105.0), strict=True)]
    chars.append(Char("\t", 110.0, 112.0, y0=BASELINE, y1=BASELINE))
    chars += [Char(c, x, x + 5.0) for c, x in zip("cd", (112.0, 117.0), strict=True)]
    assert page_text(chars) == "ab cd"


def test_layout_glyphs_spacing_solidus_overlay_is_a_slash() -> None:
    chars = [Char(c, x, x + 5.0) for c, x in zip("ab", (100.0, 105.0), strict=True)]
    chars.append(Char("\N{COMBINING LONG SOLIDUS OVERLAY}", 110.0, 112.5, pen=110.0, advance_end=113.0))
    chars += [Char(c, x, x + 5.0) for c, x in zip("cd", (113.0, 118.0), strict=True)]
    assert page_text(chars) == "ab/cd"


def test_layout_glyphs_mark_glyph_repeating_its_ligatures_text_is_dropped() -> None:
    # the lam-alef ligature carries "لاً"; its tanwin, a glyph of its own above it, carries "اً" again
    fathatan = "\N{ARABIC FATHATAN}"
    ligature = [Char(c, 100.0, 108.0, pen=100.0, advance_end=108.0) for c in ("ل", "ا", fathatan)]
    tanwin = [Char(c, 101.0, 103.5, pen=100.5, advance_end=100.5, y0=BASELINE + 9, y1=BASELINE + 11)
              for c in ("ا", fathatan)]
    assert page_text(ligature + tanwin) == "لا" + fathatan
