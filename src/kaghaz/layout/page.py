"""One page from pdfium's characters to blocks of lines in logical order.

The steps, each in its own module: glyphs and clusters (:mod:`.glyphs`), lines in reading order
(:mod:`.regions`), each line's text in logical order (:mod:`.lines`, with :mod:`.separators` for the
spaces and ZWNJ read from gaps and :mod:`.order` for bidi), and blocks (:mod:`.blocks`).
Document-wide decisions (mirrored brackets, Arabic yeh from a font, running headers) come later, in
:mod:`.document`, because one page rarely holds enough evidence.
"""

from __future__ import annotations

import numpy as np

from kaghaz.layout.blocks import group_blocks
from kaghaz.layout.glyphs import TEXT, build_clusters
from kaghaz.layout.ligatures import orient_ligatures
from kaghaz.layout.lines import build_lines
from kaghaz.layout.regions import page_lines
from kaghaz.layout.tables import B_R
from kaghaz.model import Page, Problem, ProblemKind
from kaghaz.pdf.fonts import describe
from kaghaz.pdf.reader import RawPage
from kaghaz.settings import Settings


def _xetex(producer: str) -> bool:
    """True for XeTeX's PDFs (xdvipdfmx), which write every ZWNJ as a zero-advance space glyph.

    >>> _xetex("xdvipdfmx (20240305) LaTeX with hyperref"), _xetex("LibreOffice 7.4 Writer")
    (True, False)
    """
    lowered = producer.lower()
    return "xdvipdfmx" in lowered or "xetex" in lowered


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
    if not np.any(clusters.kind == TEXT) and not raw.blank:
        message = (f"page {raw.number} has no text layer (its text may be drawn as outlines or an image): "
                   "needs OCR")
        problems.append(Problem(raw.number, ProblemKind.NO_TEXT_LAYER, message))
    if raw.recovery:
        problems.append(Problem(raw.number, ProblemKind.UNMAPPED_GLYPHS, describe(raw.number, raw.recovery)))
    geometries = page_lines(clusters.box, clusters.origin[:, 1], clusters.size, clusters.bidi == B_R)
    built = build_lines(geometries, clusters, _xetex(raw.producer))
    pairs = [(geometry, line) for geometry, line in zip(geometries, built, strict=True) if line is not None]
    oriented = orient_ligatures([line for _, line in pairs], clusters.table, clusters.multi.tolist())
    lines = [(geometry, line) for (geometry, _), line in zip(pairs, oriented, strict=True)]
    blocks = group_blocks(lines, raw.width, raw.height)
    return Page(raw.number, raw.width, raw.height, tuple(blocks), clusters.table, tuple(problems))
