"""One page from pdfium's characters to blocks of lines in logical order.

The steps, each in its own module: glyphs and clusters (:mod:`.glyphs`), lines in reading order
(:mod:`.regions`), each line's text in logical order (:mod:`.lines`, with :mod:`.separators` for the
spaces and ZWNJ read from gaps and :mod:`.order` for bidi), and blocks (:mod:`.blocks`).
Document-wide decisions (mirrored brackets, Arabic yeh from a font, running headers) come later, in
:mod:`.document`, because one page rarely holds enough evidence.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from kaghaz.layout.blocks import group_blocks
from kaghaz.layout.glyphs import TEXT, build_clusters
from kaghaz.layout.ligatures import orient_ligatures
from kaghaz.layout.lines import build_lines
from kaghaz.layout.regions import LineGeometry, mark_baselines, page_lines
from kaghaz.layout.tables import B_R
from kaghaz.model import GlyphTable, Line, Page, Problem, ProblemKind
from kaghaz.pdf.reader import COLUMNS, FONT, LX0, LX1, OX, X0, X1, RawPage
from kaghaz.settings import Settings


def _xetex(producer: str) -> bool:
    """True for XeTeX's PDFs (xdvipdfmx), which write every ZWNJ as a zero-advance space glyph.

    >>> _xetex("xdvipdfmx (20240305) LaTeX with hyperref"), _xetex("LibreOffice 7.4 Writer")
    (True, False)
    """
    lowered = producer.lower()
    return "xdvipdfmx" in lowered or "xetex" in lowered


def _drops_script_spaces(producer: str) -> bool:
    """True for Windows' "Microsoft: Print To PDF", which draws no space where a Latin run meets a
    Persian one (measured on one real document of ``../shared/real``: ``pipelineبا`` on the page where
    the author typed ``pipeline با``; the other producers keep that space).

    >>> _drops_script_spaces("Microsoft: Print To PDF"), _drops_script_spaces("Microsoft® Word 2019")
    (True, False)
    """
    return "print to pdf" in producer.lower()


#: Pages laid out together: numpy's cost per call, not per element, dominates a page's layout.
BATCH = 8
#: Added to the x coordinates of each page of a batch so that no geometry reaches across pages.
_PAGE_STRIDE = 1e6


def build_page(raw: RawPage, settings: Settings) -> Page:
    """Lay out one page read by :func:`kaghaz.pdf.reader.read_page`."""
    return build_pages([raw], settings)[0]


def _huge(raw: RawPage, settings: Settings) -> Page | None:
    if raw.width * raw.height <= settings.max_page_points:
        return None
    problem = Problem(raw.number, ProblemKind.HUGE_PAGE,
                      f"page {raw.number} is {raw.width:.0f} x {raw.height:.0f} points, larger than "
                      "max_page_points allows; skipped")
    empty = GlyphTable([], np.zeros((0, 4)), np.zeros(0, dtype=np.int64), raw.fonts, np.zeros(0), np.zeros(0, bool))
    return Page(raw.number, raw.width, raw.height, (), empty, (problem,))


def _combined(raws: Sequence[RawPage]) -> tuple[RawPage, np.ndarray, list[int]]:
    """The pages' characters as one array (x shifted page by page, fonts numbered across pages).

    Returns the combined page, the page of each row, and each page's first font number.
    """
    arrays: list[np.ndarray] = []
    fonts: list[str] = []
    font_start: list[int] = []
    for index, raw in enumerate(raws):
        chars = raw.chars.copy()
        if len(chars):
            shift = index * _PAGE_STRIDE
            for column in (X0, X1, OX, LX0, LX1):
                chars[:, column] += shift
            chars[:, FONT] = np.where(chars[:, FONT] >= 0, chars[:, FONT] + len(fonts), -1)
        font_start.append(len(fonts))
        fonts.extend(raw.fonts)
        arrays.append(chars)
    rows = np.vstack(arrays) if arrays else np.zeros((0, len(COLUMNS)))
    row_page = np.repeat(np.arange(len(raws)), [len(raw.chars) for raw in raws])
    first = raws[0]
    return RawPage(first.number, first.width, first.height, rows, tuple(fonts), producer=first.producer), \
        row_page, font_start


def build_pages(raws: Sequence[RawPage], settings: Settings) -> list[Page]:
    """Lay out several pages of one document together (see :data:`BATCH`); one :class:`Page` each."""
    out: list[Page | None] = [_huge(raw, settings) for raw in raws]
    todo = [i for i, page in enumerate(out) if page is None]
    if not todo:
        return [page for page in out if page is not None]
    batch = [raws[i] for i in todo]
    combined, row_page, font_start = _combined(batch)
    clusters = build_clusters(combined)
    glyph_page = row_page[clusters.glyph_row] if len(clusters.glyph_row) else np.zeros(0, dtype=np.int64)
    cluster_page = glyph_page[clusters.head] if len(clusters.head) else np.zeros(0, dtype=np.int64)
    glyph_start = np.searchsorted(glyph_page, np.arange(len(batch) + 1))
    cluster_start = np.searchsorted(cluster_page, np.arange(len(batch) + 1))
    # take the page shifts back out of the clusters' and glyphs' coordinates
    cluster_shift = cluster_page * _PAGE_STRIDE
    clusters.box[:, [0, 2]] -= cluster_shift[:, None]
    clusters.loose[:, :] -= cluster_shift[:, None]
    clusters.origin[:, 0] -= cluster_shift
    table = clusters.table
    boxes = np.asarray(table.boxes, dtype=np.float64).copy()
    boxes[:, [0, 2]] -= (glyph_page * _PAGE_STRIDE)[:, None]
    xetex = _xetex(combined.producer)
    geometries: list[LineGeometry] = []
    geometry_page: list[int] = []
    for p in range(len(batch)):
        a, b = int(cluster_start[p]), int(cluster_start[p + 1])
        if b <= a:
            continue
        baselines = mark_baselines(clusters.box[a:b], clusters.origin[a:b, 1], clusters.size[a:b],
                                   clusters.inked[a:b])
        found = page_lines(clusters.box[a:b], baselines, clusters.size[a:b],
                           clusters.bidi[a:b] == B_R, first=a)
        geometries.extend(found)
        geometry_page.extend([p] * len(found))
    line_page = np.array(geometry_page, dtype=np.int64)
    built = build_lines(geometries, clusters, xetex, line_page, glyph_start[line_page],
                        _drops_script_spaces(combined.producer))
    per_page: list[list[tuple[LineGeometry, Line]]] = [[] for _ in batch]
    for geometry, p, line in zip(geometries, geometry_page, built, strict=True):
        if line is not None:
            per_page[p].append((geometry, line))
    multi = clusters.multi
    for p, raw in enumerate(batch):
        ga, gb = int(glyph_start[p]), int(glyph_start[p + 1])
        page_table = GlyphTable(table.texts[ga:gb], boxes[ga:gb], np.asarray(table.font_ids)[ga:gb] - font_start[p],
                                raw.fonts, np.asarray(table.sizes)[ga:gb], np.asarray(table.unmapped)[ga:gb])
        problems: list[Problem] = []
        ca, cb = int(cluster_start[p]), int(cluster_start[p + 1])
        if not np.any(clusters.kind[ca:cb] == TEXT) and not raw.blank:
            message = (f"page {raw.number} has no text layer (its text may be drawn as outlines or an image): "
                       "needs OCR")
            problems.append(Problem(raw.number, ProblemKind.NO_TEXT_LAYER, message))
        if raw.recovery:
            from kaghaz.pdf.fonts import describe  # font recovery is loaded only for documents that need it

            problems.append(Problem(raw.number, ProblemKind.UNMAPPED_GLYPHS, describe(raw.number, raw.recovery)))
        pairs = per_page[p]
        candidates = (multi[(multi >= ga) & (multi < gb)] - ga).tolist()
        oriented = orient_ligatures([line for _, line in pairs], page_table, candidates)
        lines = [(geometry, line) for (geometry, _), line in zip(pairs, oriented, strict=True)]
        blocks = group_blocks(lines, raw.width, raw.height)
        out[todo[p]] = Page(raw.number, raw.width, raw.height, tuple(blocks), page_table, tuple(problems))
    return [page for page in out if page is not None]
