"""One page from pdfium's characters to blocks of lines in logical order.

The steps, each in its own module: glyphs and clusters (:mod:`.glyphs`), lines in reading order
(:mod:`.regions`), spaces and ZWNJ read from the gaps between glyphs (:mod:`.separators`), visual to
logical order (:mod:`.order`), and blocks (:mod:`.blocks`). Document-wide decisions (mirrored
brackets, Arabic yeh from a font, running headers) come later, in :mod:`.document`, because one page
rarely holds enough evidence.

A line is built on arrays: most lines are right-to-left text without digits or Latin, whose logical
order is simply the visual order reversed; only lines that mix directions go through the token-level
bidi resolution.
"""

from __future__ import annotations

import numpy as np

from kaghaz.chars import MIRROR_PAIRS, ZWNJ
from kaghaz.layout.blocks import group_blocks
from kaghaz.layout.glyphs import SPACE, TEXT, Clusters, build_clusters
from kaghaz.layout.order import line_is_rtl, visual_to_logical
from kaghaz.layout.regions import LineGeometry, page_lines
from kaghaz.layout.separators import NONE, SPACE_SEP, ZWNJ_SEP, separators
from kaghaz.layout.tables import B_AN, B_EN, B_L, B_R, tables
from kaghaz.model import BBox, Direction, Line, Page, Problem, ProblemKind
from kaghaz.pdf.reader import RawPage
from kaghaz.settings import Settings

_SEP_TEXT = np.array(["", " ", ZWNJ], dtype=object)
_PAIRED = np.zeros(0x10000, dtype=bool)
_PAIRED[[ord(c) for c in MIRROR_PAIRS]] = True


def _hidden_zwnj(seps: np.ndarray, visual: np.ndarray, spaces: np.ndarray, clusters: Clusters, em: float) -> None:
    """A space glyph with no width of its own between two letters of a word is a ZWNJ.

    XeLaTeX (xepersian) writes every ZWNJ as a no-break space drawn at the origin of the letter
    before it, taking no room; that is the only trace of a ZWNJ after a right-joining letter.
    """
    if len(visual) < 2:
        return
    arabic = tables().arabic_letter
    origins = clusters.origin[visual[1:], 0]
    for s in spaces.tolist():
        k = int(np.argmin(np.abs(origins - clusters.origin[s, 0])))
        if abs(origins[k] - clusters.origin[s, 0]) > 0.05 * em or seps[k] != NONE:
            continue
        left, right = clusters.text[visual[k]], clusters.text[visual[k + 1]]
        if left and right and arabic[min(ord(left[0]), 0xFFFF)] and arabic[min(ord(right[0]), 0xFFFF)]:
            seps[k] = ZWNJ_SEP


def _space_glyphs(seps: np.ndarray, visual: np.ndarray, spaces: np.ndarray, clusters: Clusters) -> np.ndarray:
    """For each separator, the space glyph drawn in that gap (its glyph index), else -1."""
    found = np.full(len(seps), -1, dtype=np.int64)
    if len(spaces) == 0:
        return found
    centre = (clusters.box[spaces, 0] + clusters.box[spaces, 2]) / 2
    order = np.argsort(centre)
    centre, ids = centre[order], clusters.head[spaces[order]]
    lo, hi = clusters.box[visual[:-1], 2], clusters.box[visual[1:], 0]
    at = np.searchsorted(centre, lo)
    inside = at < len(centre)
    inside[inside] &= centre[at[inside]] <= hi[inside]
    wanted = inside & (seps == SPACE_SEP)
    found[wanted] = ids[at[wanted]]
    return found


def _token_order(texts: np.ndarray, bidi: np.ndarray) -> tuple[list[int] | np.ndarray, np.ndarray, bool]:
    """Logical order of the tokens of a line (given left to right), their levels, and the direction."""
    count = len(texts)
    mixed = bool(np.any((bidi == B_L) | (bidi == B_EN) | (bidi == B_AN)))
    if not mixed:
        if np.any(bidi == B_R):
            return np.arange(count - 1, -1, -1), np.ones(count, dtype=np.int64), True
        return np.arange(count), np.zeros(count, dtype=np.int64), False
    strings = texts.tolist()
    rtl = line_is_rtl(strings)
    order, levels = visual_to_logical(strings, rtl)
    return order, np.array(levels, dtype=np.int64), rtl


def _line_from(geometry: LineGeometry, clusters: Clusters, lengths: np.ndarray) -> Line | None:
    """Build one line: clusters left to right, separators from gaps, then logical order.

    Space glyphs are not placed themselves: a space is read from the gap between the glyphs around
    it (producers also draw zero-advance spaces inside words, and some draw none at all); an inferred
    space that falls on a space glyph is mapped to that glyph.
    """
    members = geometry.members
    kinds = clusters.kind[members]
    spaces = members[kinds == SPACE]
    members = members[kinds != SPACE]
    if len(members) == 0:
        return None
    visual = members[np.argsort((clusters.box[members, 0] + clusters.box[members, 2]) / 2, kind="stable")]
    seps = separators(visual, clusters, geometry.size)
    if len(spaces):
        _hidden_zwnj(seps, visual, spaces, clusters, geometry.size)
    count = len(visual)
    # tokens left to right: cluster, separator, cluster, ... (empty ones are dropped)
    tok_text = np.empty(2 * count - 1, dtype=object)
    tok_text[0::2] = clusters.text[visual]
    tok_text[1::2] = _SEP_TEXT[seps]
    tok_len = np.empty(2 * count - 1, dtype=np.int64)
    tok_len[0::2] = lengths[visual]
    tok_len[1::2] = seps != NONE
    tok_glyph = np.empty(2 * count - 1, dtype=np.int64)
    tok_glyph[0::2] = clusters.head[visual]
    tok_glyph[1::2] = _space_glyphs(seps, visual, spaces, clusters)
    tok_bidi = np.zeros(2 * count - 1, dtype=np.int8)
    tok_bidi[0::2] = clusters.bidi[visual]
    keep = np.flatnonzero(tok_len > 0)
    if len(keep) == 0:
        return None
    tok_text, tok_len, tok_glyph, tok_bidi = tok_text[keep], tok_len[keep], tok_glyph[keep], tok_bidi[keep]
    cluster_of = np.where(keep % 2 == 0, visual[keep // 2], -1)
    # trim separators at both ends
    first, last = 0, len(keep) - 1
    while first <= last and keep[first] % 2:
        first += 1
    while last >= first and keep[last] % 2:
        last -= 1
    if first > last:
        return None
    window = slice(first, last + 1)
    tok_text, tok_len, tok_glyph, tok_bidi = tok_text[window], tok_len[window], tok_glyph[window], tok_bidi[window]
    cluster_of = cluster_of[window]

    order, levels, rtl = _token_order(tok_text, tok_bidi)
    order = np.asarray(order, dtype=np.int64)
    text = "".join(tok_text[order].tolist())
    lens = tok_len[order]
    ids = np.repeat(tok_glyph[order], lens)
    starts = np.concatenate(([0], np.cumsum(lens)[:-1]))
    if clusters.extra:
        for position, token in enumerate(order.tolist()):
            c = int(cluster_of[token])
            if c >= 0 and c in clusters.extra:
                ids[starts[position]: starts[position] + lens[position]] = clusters.extra[c]
    odd = levels[order] % 2 == 1
    firsts = np.array([ord(t[0]) for t in tok_text[order].tolist()], dtype=np.int64) if odd.any() else None
    mirrorable: tuple[int, ...] = ()
    if firsts is not None:
        paired = odd & (lens == 1) & _PAIRED[np.minimum(firsts, 0xFFFF)]
        mirrorable = tuple(starts[paired].tolist())
    box = clusters.box[members]
    bbox = BBox(float(box[:, 0].min()), float(box[:, 1].min()), float(box[:, 2].max()), float(box[:, 3].max()))
    return Line(orig=text, glyph_ids=tuple(ids.tolist()), bbox=bbox,
                direction=Direction.RTL if rtl else Direction.LTR, size=geometry.size, mirrorable=mirrorable)


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
    if not np.any(clusters.kind == TEXT):
        message = (f"page {raw.number} has no text layer (its text may be drawn as outlines or an image): "
                   "needs OCR")
        problems.append(Problem(raw.number, ProblemKind.NO_TEXT_LAYER, message))
    if clusters.unmapped:
        problems.append(Problem(raw.number, ProblemKind.UNMAPPED_GLYPHS,
                                f"page {raw.number}: {clusters.unmapped} glyphs have no usable Unicode mapping"))
    lengths = np.array([len(t) for t in clusters.text.tolist()], dtype=np.int64)
    geometries = page_lines(clusters.box, clusters.origin[:, 1], clusters.size, clusters.bidi == B_R)
    lines: list[tuple[LineGeometry, Line]] = []
    for geometry in geometries:
        line = _line_from(geometry, clusters, lengths)
        if line is not None:
            lines.append((geometry, line))
    blocks = group_blocks(lines, raw.width, raw.height)
    return Page(raw.number, raw.width, raw.height, tuple(blocks), clusters.table, tuple(problems))
