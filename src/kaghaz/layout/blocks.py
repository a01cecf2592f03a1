"""Lines into blocks: paragraphs, headings, page numbers.

Consecutive lines of one column belong to one paragraph unless the space between their baselines
grows beyond the column's usual line pitch, the font size changes, the next line is indented, or the
previous line stops short of the column's far edge (the last line of a paragraph) with room for the
next line's first word, where the next line does not stop there too (lines that wrap around a figure
all stop at its edge). A paragraph runs on into the next column when the last line of one column
fills it and the next column starts higher up without an indent. A line much larger than the page's
body text is a heading. A line near the top or bottom edge that holds only a number is a page number.
Running headers and footers need several pages to be recognised: :mod:`kaghaz.layout.document`.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter

from kaghaz.layout.regions import LineGeometry
from kaghaz.model import BBox, Block, BlockKind, Direction, Line

_PAGE_NUMBER = re.compile(
    r"^[\s\-–—(\[]*(?:(?:page|صفحه|ص)\.?\s*)?[0-9۰-۹٠-٩]{1,4}(?:\s*(?:/|of|از)\s*[0-9۰-۹٠-٩]{1,4})?[\s\-–—)\]]*$",
    re.IGNORECASE)
#: A baseline step this many times the column's usual line pitch starts a paragraph when the ink of
#: the two lines is also more than :data:`PARAGRAPH_GAP` em apart: producers space paragraphs 20 %
#: and more, while Typst sets lines that hold Latin or tall marks up to a third further apart
#: without leaving more white between their ink. A step of :data:`LARGE_STEP` always does.
PARAGRAPH_STEP = 1.15
PARAGRAPH_GAP = 0.9
LARGE_STEP = 1.45
#: Fraction of the page height, from the top or the bottom, where page numbers and running lines live.
MARGIN_BAND = 0.1


def is_page_number(text: str) -> bool:
    """True for a line that is only a page number (``12``, ``- ۱۲ -``, ``صفحه ۳``, ``3 / 10``).

    >>> is_page_number("۱۲"), is_page_number("- 3 -"), is_page_number("صفحه ۳"), is_page_number("سال ۱۳۹۹")
    (True, True, True, False)
    """
    return bool(_PAGE_NUMBER.match(text.strip()))


def _in_margin(geometry: LineGeometry, height: float) -> bool:
    """The line sits in the top or bottom band of the page, where page numbers live."""
    return geometry.baseline > height * (1 - MARGIN_BAND) or geometry.baseline < height * MARGIN_BAND


def _union(lines: list[Line]) -> BBox:
    box = lines[0].bbox
    for line in lines[1:]:
        box = box.union(line.bbox)
    return box


def _starts_paragraph(prev: tuple[LineGeometry, Line], cur: tuple[LineGeometry, Line], pitch: float,
                      prev_extent: tuple[float, float], extent: tuple[float, float],
                      before: LineGeometry | None = None) -> bool:
    """Whether ``cur`` starts a new paragraph after ``prev`` (``*_extent``: their columns' x0, x1;
    ``before``: the line before ``prev`` in the same paragraph, if any)."""
    pg, pl = prev
    cg, cl = cur
    if abs(cg.size - pg.size) > 0.15 * max(cg.size, pg.size):
        return True
    em = max(pg.size, 1.0)
    rtl = pl.direction == Direction.RTL
    if cg.column != pg.column:
        # a paragraph runs on into the next column when its last line there fills the column and the
        # next column starts higher up, without an indent
        return (cg.baseline <= pg.baseline or _ends_short(pg, cg, cl, prev_extent, rtl, em)
                or _indented(cg, extent, rtl, em))
    step = pg.baseline - cg.baseline
    if step <= 0 or step > LARGE_STEP * pitch:
        return True
    if step > PARAGRAPH_STEP * pitch and pl.bbox.y0 - cl.bbox.y1 > PARAGRAPH_GAP * em:
        return True
    short = _ends_short(pg, cg, cl, extent, rtl, em)
    # ... unless the line before or after ends at the same place: they wrap around a figure beside
    # them (lines that fill much of the column; two short list items can end at one place too)
    end = pg.x0 if rtl else pg.x1
    wide = pg.x1 - pg.x0 > 0.4 * (extent[1] - extent[0])
    neighbours = [g for g in (cg, before) if g is not None and g.column == pg.column]
    short = short and not (wide and any(abs((g.x0 if rtl else g.x1) - end) < 0.5 * em for g in neighbours))
    start_edge = pg.x1 if rtl else pg.x0
    flush = abs(start_edge - (extent[1] if rtl else extent[0])) < 0.3 * em
    return short or (flush and _indented(cg, extent, rtl, em))


def _ends_short(pg: LineGeometry, cg: LineGeometry, cl: Line, extent: tuple[float, float], rtl: bool,
                em: float) -> bool:
    """The line ``pg`` stops well before its column's far edge, with room for the next line's first
    word (a ragged line stops short when the next word did not fit)."""
    room = pg.x0 - extent[0] if rtl else extent[1] - pg.x1
    word = _first_word_width(cg, cl)
    # a "word" wider than much of the column is a line of code or a URL, which breaks where it likes
    return room > 2.0 * em and (room > word + 0.5 * em or word > 0.3 * (extent[1] - extent[0]))


def _indented(cg: LineGeometry, extent: tuple[float, float], rtl: bool, em: float) -> bool:
    """The line ``cg`` starts more than an em in from its column's near edge."""
    return (extent[1] - cg.x1 if rtl else cg.x0 - extent[0]) > 1.0 * em


def _first_word_width(geometry: LineGeometry, line: Line) -> float:
    """About how wide the first word of a line is: its share of the line's characters.

    >>> import numpy as np
    >>> from kaghaz.model import BBox
    >>> geometry = LineGeometry(np.zeros(0, dtype=np.int64), 0, 100.0, 200.0, 700.0, 12.0)
    >>> round(_first_word_width(geometry, Line("abcd efgh ij", (), BBox(100, 700, 200, 712), Direction.LTR, 12.0)), 1)
    33.3
    """
    text = line.orig.strip()
    if not text:
        return 0.0
    first = text.split()[0]
    return (geometry.x1 - geometry.x0) * len(first) / len(text)


def group_blocks(lines: list[tuple[LineGeometry, Line]], width: float, height: float) -> list[Block]:
    """Blocks of a page from its lines in reading order."""
    if not lines:
        return []
    body_size = Counter(round(g.size) for g, _ in lines).most_common(1)[0][0]
    pitches: dict[int, list[float]] = {}
    extents: dict[int, tuple[float, float]] = {}
    for (pg, _), (cg, _) in itertools.pairwise(lines):
        if pg.column == cg.column and 0 < pg.baseline - cg.baseline < 3 * pg.size:
            pitches.setdefault(cg.column, []).append(pg.baseline - cg.baseline)
    for g, line in lines:
        if _in_margin(g, height) and is_page_number(line.orig):
            continue  # a page number beside the text would widen its column
        lo, hi = extents.get(g.column, (g.x0, g.x1))
        extents[g.column] = (min(lo, g.x0), max(hi, g.x1))
    for g, _ in lines:
        extents.setdefault(g.column, (g.x0, g.x1))
    pitch_of = {col: sorted(vals)[len(vals) // 2] for col, vals in pitches.items()}

    blocks: list[Block] = []
    current: list[tuple[LineGeometry, Line]] = []

    def close() -> None:
        if not current:
            return
        members = [line for _, line in current]
        geo = current[0][0]
        kind = BlockKind.PARAGRAPH
        if len(members) == 1 and _in_margin(geo, height) and is_page_number(members[0].orig):
            kind = BlockKind.PAGE_NUMBER
        elif geo.size > 1.15 * body_size and len(members) <= 3:
            kind = BlockKind.HEADING
        blocks.append(Block(tuple(members), kind, _union(members)))
        current.clear()

    for item in lines:
        if current:
            geo = item[0]
            pitch = pitch_of.get(geo.column, 1.2 * geo.size)
            before = current[-2][0] if len(current) > 1 else None
            if _starts_paragraph(current[-1], item, pitch, extents[current[-1][0].column], extents[geo.column],
                                 before):
                close()
        current.append(item)
    close()
    return blocks
