"""Lam-alef glyphs that a PDF maps to a lone lam, read back as lam-alef (kaghaz.layout.lamalef)."""

from __future__ import annotations

from kaghaz.layout.lamalef import restore_lam_alef
from kaghaz.model import BBox, Block, BlockKind, Direction, GlyphTable, Line, Page

ZWNJ = "\N{ZERO WIDTH NON-JOINER}"
SIZE = 12.0
#: Ink width in points of each kind of lam glyph in the made-up font.
LAM_ALEF_WIDTH = 6.8
INITIAL_LAM_WIDTH = 2.6


class PageBuilder:
    """Lines of a page, each character its own glyph, the lams of the given width."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.boxes: list[tuple[float, float, float, float]] = []
        self.lines: list[Line] = []

    def glyph(self, text: str, width: float) -> int:
        self.texts.append(text)
        self.boxes.append((0.0, 0.0, width, 9.0))
        return len(self.texts) - 1

    def line(self, text: str, lam_width: float = LAM_ALEF_WIDTH) -> None:
        """``text`` as one line; a ZWNJ in it is one kaghaz inferred (no glyph)."""
        ids: list[int] = []
        for char in text:
            if char == ZWNJ or char == " ":
                ids.append(-1)
            elif char in "\N{ARABIC FATHATAN}" and ids:
                ids.append(ids[-1])
                self.texts[ids[-1]] += char
            else:
                ids.append(self.glyph(char, lam_width if char == "ل" else 5.0))
        self.lines.append(Line(text, tuple(ids), BBox(0, 0, 100, 10), Direction.RTL, SIZE))

    def page(self) -> Page:
        table = GlyphTable(self.texts, self.boxes, [0] * len(self.texts), ("TestFont",),
                           [SIZE] * len(self.texts), [False] * len(self.texts))
        block = Block(tuple(self.lines), BlockKind.PARAGRAPH, BBox(0, 0, 100, 100))
        return Page(1, 595.0, 842.0, (block,), table)


def texts_of(pages: list[Page]) -> list[str]:
    return [line.orig for page in pages for line in page.lines]


def test_layout_lamalef_shape_voted_lam_alef_is_read_as_lam_alef_everywhere() -> None:
    builder = PageBuilder()
    builder.line(f"کل{ZWNJ}سیک و مقال{ZWNJ}ت")
    builder.line("معمول\N{ARABIC FATHATAN} مجل" + ZWNJ + "ت")
    builder.line("حال")  # word-final: a lone word cannot tell, the shape can
    pages = restore_lam_alef([builder.page()])
    assert texts_of(pages) == ["کلاسیک و مقالات", "معمولا\N{ARABIC FATHATAN} مجلات", "حالا"]
    line = pages[0].lines[0]
    assert len(line.glyph_ids) == len(line.orig)
    assert line.glyph_ids[1] == line.glyph_ids[2]  # the alef comes from the lam's glyph


def test_layout_lamalef_real_lams_stay_lams() -> None:
    builder = PageBuilder()
    for text in ("مثل", "حال", "کل", "اصل", f"کل{ZWNJ}ها"):
        builder.line(text, lam_width=INITIAL_LAM_WIDTH)
    page = builder.page()
    assert texts_of(restore_lam_alef([page])) == texts_of([page])


def test_layout_lamalef_clean_text_is_untouched() -> None:
    builder = PageBuilder()
    builder.line("کلاسیک و مقالات")
    page = builder.page()
    assert restore_lam_alef([page]) == [page]
