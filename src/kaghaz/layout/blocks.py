"""Lines into blocks: paragraphs, headings, page numbers.

Consecutive lines of one column belong to one paragraph unless the space between their baselines
grows well beyond the column's usual line pitch, the font size changes, or the previous line stops
short of the column's far edge (the last line of a paragraph) where the next line does not (lines
that wrap around a figure all stop at its edge). A line much larger than the page's
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
#: Fraction of the page height, from the top or the bottom, where page numbers and running lines live.
MARGIN_BAND = 0.1


def is_page_number(text: str) -> bool:
    """True for a line that is only a page number (``12``, ``- ۱۲ -``, ``صفحه ۳``, ``3 / 10``).

    >>> is_page_number("۱۲"), is_page_number("- 3 -"), is_page_number("صفحه ۳"), is_page_number("سال ۱۳۹۹")
    (True, True, True, False)
    """
    return bool(_PAGE_NUMBER.match(text.strip()))


def _union(lines: list[Line]) -> BBox:
    box = lines[0].bbox
    for line in lines[1:]:
        box = box.union(line.bbox)
    return box


def _starts_paragraph(prev: tuple[LineGeometry, Line], cur: tuple[LineGeometry, Line], pitch: float,
                      col_x0: float, col_x1: float) -> bool:
    pg, pl = prev
    cg, _cl = cur
    if cg.column != pg.column:
        return True
    if abs(cg.size - pg.size) > 0.15 * max(cg.size, pg.size):
        return True
    step = pg.baseline - cg.baseline
    if step <= 0 or step > 1.45 * pitch:
        return True
    em = max(pg.size, 1.0)
    if pl.direction == Direction.RTL:
        short = pg.x0 - col_x0 > 2.0 * em  # the previous line ends (on the left) well before the edge
        # ... unless the next line ends at the same place: both wrap around a figure beside them
        short = short and not (abs(pg.x0 - cg.x0) < 0.5 * em and abs(pg.x1 - cg.x1) < 0.5 * em)
        indent = col_x1 - cg.x1 > 1.0 * em and abs(pg.x1 - col_x1) < 0.3 * em
    else:
        short = col_x1 - pg.x1 > 2.0 * em
        short = short and not (abs(pg.x1 - cg.x1) < 0.5 * em and abs(pg.x0 - cg.x0) < 0.5 * em)
        indent = cg.x0 - col_x0 > 1.0 * em and abs(pg.x0 - col_x0) < 0.3 * em
    return short or indent


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
    for g, _ in lines:
        lo, hi = extents.get(g.column, (g.x0, g.x1))
        extents[g.column] = (min(lo, g.x0), max(hi, g.x1))
    pitch_of = {col: sorted(vals)[len(vals) // 2] for col, vals in pitches.items()}

    blocks: list[Block] = []
    current: list[tuple[LineGeometry, Line]] = []

    def close() -> None:
        if not current:
            return
        members = [line for _, line in current]
        geo = current[0][0]
        kind = BlockKind.PARAGRAPH
        top = geo.baseline
        near_edge = top > height * (1 - MARGIN_BAND) or top < height * MARGIN_BAND
        if len(members) == 1 and near_edge and is_page_number(members[0].orig):
            kind = BlockKind.PAGE_NUMBER
        elif geo.size > 1.15 * body_size and len(members) <= 3:
            kind = BlockKind.HEADING
        blocks.append(Block(tuple(members), kind, _union(members)))
        current.clear()

    for item in lines:
        if current:
            geo = item[0]
            pitch = pitch_of.get(geo.column, 1.2 * geo.size)
            x0, x1 = extents[geo.column]
            if _starts_paragraph(current[-1], item, pitch, x0, x1):
                close()
        current.append(item)
    close()
    return blocks
