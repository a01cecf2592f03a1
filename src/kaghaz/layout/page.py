"""One page from pdfium's characters to blocks of lines in logical order.

The steps, each in its own module: glyphs and clusters (:mod:`.glyphs`), lines in reading order
(:mod:`.regions`), spaces and ZWNJ read from the gaps between glyphs (:mod:`.separators`), visual to
logical order (:mod:`.order`), characters as a Persian reader types them (:mod:`.chars`), and blocks
(:mod:`.blocks`). Document-wide decisions (mirrored brackets, Arabic yeh from a font, running headers)
come later, in :mod:`.document`, because one page rarely holds enough evidence.
"""

from __future__ import annotations

import numpy as np

from kaghaz.chars import MIRROR_PAIRS
from kaghaz.layout.blocks import group_blocks
from kaghaz.layout.chars import fix_cluster_text
from kaghaz.layout.glyphs import SPACE, TEXT, Clusters, build_clusters
from kaghaz.layout.order import R, line_is_rtl, token_class, visual_to_logical
from kaghaz.layout.regions import LineGeometry, page_lines
from kaghaz.layout.separators import Gaps, separators
from kaghaz.model import BBox, Direction, Line, Page, Problem, ProblemKind
from kaghaz.pdf.fonts import describe
from kaghaz.pdf.reader import RawPage
from kaghaz.settings import Settings


def _line_from(geometry: LineGeometry, clusters: Clusters, texts: list[str], gaps: Gaps) -> Line | None:
    """Build one line: clusters left to right, separators from gaps, then logical order."""
    members = geometry.members
    centre = (clusters.box[members, 0] + clusters.box[members, 2]) / 2
    visual = members[np.argsort(centre, kind="stable")]
    tokens: list[str] = []
    maps: list[tuple[int | None, ...]] = []
    seps = separators(visual, clusters, texts, gaps, geometry.size)
    for k, c in enumerate(visual.tolist()):
        if k and seps[k - 1]:
            if not (tokens and tokens[-1] == " " and seps[k - 1] == " "):
                tokens.append(seps[k - 1])
                maps.append((None,) * len(seps[k - 1]))
        text = texts[c]
        if clusters.kind[c] == SPACE:
            if tokens and tokens[-1] == " ":
                continue
            tokens.append(" ")
            maps.append((clusters.glyphs[c][0],))
            continue
        if not text:
            continue
        tokens.append(text)
        maps.append(clusters.glyphs[c][: len(text)] if len(clusters.glyphs[c]) >= len(text)
                    else clusters.glyphs[c] + (clusters.glyphs[c][-1],) * (len(text) - len(clusters.glyphs[c])))
    while tokens and tokens[-1] == " ":
        tokens.pop()
        maps.pop()
    while tokens and tokens[0] == " ":
        tokens.pop(0)
        maps.pop(0)
    if not tokens:
        return None
    rtl = line_is_rtl(tokens)
    order, levels = visual_to_logical(tokens, rtl)
    text = "".join(tokens[i] for i in order)
    glyph_map = tuple(g for i in order for g in maps[i])
    box = clusters.box[members]
    bbox = BBox(float(box[:, 0].min()), float(box[:, 1].min()), float(box[:, 2].max()), float(box[:, 3].max()))
    return Line(orig=text, glyph_map=glyph_map, bbox=bbox, direction=Direction.RTL if rtl else Direction.LTR,
                size=geometry.size, mirrorable=_mirrorable(tokens, order, levels))


def _mirrorable(tokens: list[str], order: list[int], levels: list[int]) -> tuple[int, ...]:
    """Offsets, in the logical text, of brackets and quotes that sit at an odd (right-to-left) level."""
    positions: list[int] = []
    offset = 0
    for i in order:
        token = tokens[i]
        if levels[i] % 2 and len(token) == 1 and token in MIRROR_PAIRS:
            positions.append(offset)
        offset += len(token)
    return tuple(positions)


def build_page(raw: RawPage, settings: Settings) -> Page:
    """Lay out one page read by :func:`kaghaz.pdf.reader.read_page`."""
    problems: list[Problem] = []
    if raw.width * raw.height > settings.max_page_points:
        problems.append(Problem(raw.number, ProblemKind.HUGE_PAGE,
                                f"page {raw.number} is {raw.width:.0f} x {raw.height:.0f} points, larger than "
                                "max_page_points allows; skipped"))
        clusters = build_clusters(RawPage(raw.number, raw.width, raw.height, raw.chars[:0], raw.fonts))
        return Page(raw.number, raw.width, raw.height, (), clusters.table, tuple(problems))
    clusters = build_clusters(raw)
    texts = [fix_cluster_text(t) for t in clusters.text]
    rtl_cluster = np.array([token_class(t) == R for t in texts], dtype=bool)
    text_like = clusters.kind == TEXT
    if not text_like.any() and not raw.blank:
        message = (f"page {raw.number} has no text layer (its text may be drawn as outlines or an image): "
                   "needs OCR")
        problems.append(Problem(raw.number, ProblemKind.NO_TEXT_LAYER, message))
    if raw.recovery:
        problems.append(Problem(raw.number, ProblemKind.UNMAPPED_GLYPHS, describe(raw.number, raw.recovery)))
    gaps = Gaps.measure(clusters, texts)
    geometries = page_lines(clusters.box, clusters.origin[:, 1], clusters.size, rtl_cluster)
    lines: list[tuple[LineGeometry, Line]] = []
    for geometry in geometries:
        line = _line_from(geometry, clusters, texts, gaps)
        if line is not None:
            lines.append((geometry, line))
    blocks = group_blocks(lines, raw.width, raw.height)
    return Page(raw.number, raw.width, raw.height, tuple(blocks), clusters.table, tuple(problems))
