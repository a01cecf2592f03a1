"""Page geometry: clusters into baseline groups, fragments, columns and lines in reading order.

1. **Baseline groups**: clusters whose baselines (origin y) are within 0.4 em of each other, so raised
   or lowered glyphs (superscripts, a shifted tanwin) stay on their line.
2. **Fragments**: each baseline group split where the horizontal gap exceeds :data:`FRAGMENT_GAP` em,
   so a group that runs across two columns becomes one fragment per column.
3. **Recursive XY-cut** over fragments: at each region, cut along the widest empty band, horizontal
   (between blocks) or vertical (a column gutter, taken right column first when the region's text is
   right to left). A full-width title above two columns is cut off first, then the columns apart.
4. **Lines**: in each final region, the fragments of one baseline group form one line.

Written here because no maintained library lays out right-to-left pages this way (pdfminer's layout
analysis is the closest, and reads right-to-left columns in the wrong order).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

#: A horizontal gap wider than this many em splits a baseline group into fragments.
FRAGMENT_GAP = 0.9
#: A vertical cut (column gutter) must be at least this many em wide.
GUTTER_MIN = 0.9


@dataclass(frozen=True, slots=True)
class LineGeometry:
    """One line found on the page: its clusters (indices), the column it belongs to, its geometry."""

    members: np.ndarray
    column: int
    x0: float
    x1: float
    baseline: float
    size: float


def baseline_groups(oy: np.ndarray, size: np.ndarray) -> np.ndarray:
    """Group id per cluster: clusters whose baselines are within 0.4 em share a group.

    >>> baseline_groups(np.array([700.0, 700.2, 686.0, 703.5]), np.array([12.0, 12.0, 12.0, 8.0])).tolist()
    [0, 0, 1, 0]
    """
    count = len(oy)
    groups = np.zeros(count, dtype=np.int64)
    if count == 0:
        return groups
    order = np.argsort(-oy, kind="stable")
    ys, ss = oy[order], size[order]
    breaks = (ys[:-1] - ys[1:]) > 0.4 * np.maximum(ss[:-1], ss[1:])
    groups[order] = np.concatenate(([0], np.cumsum(breaks)))
    return groups


def mark_baselines(box: np.ndarray, oy: np.ndarray, size: np.ndarray, inked: np.ndarray) -> np.ndarray:
    """Baselines for grouping: a glyph that is only a mark (its ink does not reach the baseline)
    but carries a letter's text takes the baseline of the letter before it in the stream when its
    ink sits over that letter's line (Chromium gives such a glyph an origin of its own, up to half an
    em off the line).

    >>> box = np.array([[10.0, 700.0, 18.0, 708.0], [8.0, 706.5, 9.5, 708.8]])
    >>> mark_baselines(box, np.array([700.0, 695.0]), np.array([12.0, 12.0]), np.array([True, False])).tolist()
    [700.0, 700.0]
    """
    out = oy.copy()
    if len(oy) < 2:
        return out
    prev = np.arange(len(oy)) - 1
    em = np.maximum(size, 1.0)
    middle = (box[:, 1] + box[:, 3]) / 2
    settle = ~inked & np.roll(inked, 1) & (prev >= 0)
    settle &= (middle >= oy[prev] - 0.3 * em) & (middle <= oy[prev] + 1.2 * em)
    settle &= (box[:, 2] >= box[prev, 0] - 1.0 * em) & (box[:, 0] <= box[prev, 2] + 1.0 * em)
    out[settle] = oy[prev[settle]]
    return out


@dataclass(slots=True)
class _Fragments:
    x0: np.ndarray
    x1: np.ndarray
    y0: np.ndarray
    y1: np.ndarray
    size: np.ndarray
    rtl: np.ndarray


def _empty_bands(lo: np.ndarray, hi: np.ndarray) -> list[tuple[float, float]]:
    """Gaps (start, end) between the union of intervals [lo, hi], in increasing order.

    >>> _empty_bands(np.array([0.0, 5.0, 1.0]), np.array([2.0, 6.0, 3.0]))
    [(3.0, 5.0)]
    """
    order = np.argsort(lo, kind="stable")
    lo, hi = lo[order], hi[order]
    reach = np.maximum.accumulate(hi)
    open_at = np.flatnonzero(lo[1:] > reach[:-1])
    return list(zip(reach[open_at].tolist(), lo[open_at + 1].tolist(), strict=True))


def _side_by_side(frags: _Fragments, ids: np.ndarray, cut: float) -> bool:
    """True if some fragment left of ``cut`` and some right of it share a line's height.

    A gutter between columns has text on both sides at the same heights; a gap next to one short
    line that merely sits above a line on the other side is not a gutter.
    """
    centre = (frags.x0[ids] + frags.x1[ids]) / 2
    left, right = ids[centre < cut], ids[centre >= cut]
    if len(left) == 0 or len(right) == 0:
        return False
    overlap = (np.minimum(frags.y1[left][:, None], frags.y1[right][None, :])
               - np.maximum(frags.y0[left][:, None], frags.y0[right][None, :]))
    height = np.minimum((frags.y1 - frags.y0)[left][:, None], (frags.y1 - frags.y0)[right][None, :])
    return bool(np.any(overlap >= 0.5 * height))


def _looks_like_columns(frags: _Fragments, parts: list[np.ndarray]) -> bool:
    """True if the parts a gutter leaves are columns of running text rather than cells of a table.

    Table cells come in rows: most cells have a neighbour across the gutter on the same baseline.
    Columns of text either do not line up that way (a sidebar beside the main text), or, when they
    do (two columns set in one font and leading), their lines fill the column's width. More than
    three parts abreast is a table.
    """
    if len(parts) > 3 or any(len(part) == 0 for part in parts):
        return False
    base = (frags.y0 + frags.y1) / 2
    tolerance = 0.3 * float(np.mean(frags.size[np.concatenate(parts)]))
    aligned = 0.0
    for a, b in itertools.pairwise(parts):
        small, large = (a, b) if len(a) <= len(b) else (b, a)
        distance = np.abs(base[small][:, None] - base[large][None, :]).min(axis=1)
        aligned = max(aligned, float(np.mean(distance <= tolerance)))
    if aligned < 0.6:
        return True
    for part in parts:
        width = frags.x1[part].max() - frags.x0[part].min()
        if len(part) >= 3 and float(np.median(frags.x1[part] - frags.x0[part])) < 0.6 * width:
            return False
    return True


def xy_cut(frags: _Fragments, ids: np.ndarray, column: int, out: list[tuple[np.ndarray, int]],
           next_column: list[int]) -> None:
    """Order fragments ``ids`` into leaf regions, appended to ``out`` with their column number."""
    if len(ids) <= 1:
        out.append((ids, column))
        return
    em = float(frags.size[ids].mean())
    y0 = frags.y0[ids]
    if float(y0.max() - y0.min()) < 0.3 * em:
        # fragments of one line (the usual case after the first cut): only a gutter can split them
        x0, x1 = frags.x0[ids], frags.x1[ids]
        order = np.argsort(x0)
        gaps = x0[order][1:] - np.maximum.accumulate(x1[order])[:-1]
        if not (gaps >= GUTTER_MIN * em).any():
            out.append((ids, column))
            return
    h_bands = _empty_bands(-frags.y1[ids], -frags.y0[ids])  # top to bottom
    v_bands = _empty_bands(frags.x0[ids], frags.x1[ids])  # left to right
    best_h = max((b - a for a, b in h_bands), default=0.0) / em
    v_bands = [band for band in v_bands if band[1] - band[0] >= GUTTER_MIN * em
               and _side_by_side(frags, ids, (band[0] + band[1]) / 2)]
    best_v = max((b - a for a, b in v_bands), default=0.0) / em
    if v_bands and best_v >= best_h:
        widest = max(b - a for a, b in v_bands)
        cuts = [(a + b) / 2 for a, b in v_bands if (b - a) >= 0.5 * widest]
        centre = (frags.x0[ids] + frags.x1[ids]) / 2
        slots = np.searchsorted(np.array(cuts), centre)
        parts = [ids[slots == k] for k in range(len(cuts) + 1)]
        if _looks_like_columns(frags, parts):
            if int(frags.rtl[ids].sum()) * 2 >= len(ids):
                parts.reverse()
            for part in parts:
                if len(part):
                    next_column[0] += 1
                    xy_cut(frags, part, next_column[0], out, next_column)
            return
        # a table: its rows read across, so cut only between rows
    if h_bands:
        widest = max(b - a for a, b in h_bands)
        if widest > 0.45 * em and len(h_bands) > 1:
            cuts = [-(a + b) / 2 for a, b in h_bands if (b - a) >= 0.9 * widest]
        else:
            cuts = [-(a + b) / 2 for a, b in h_bands]
        middle = (frags.y0[ids] + frags.y1[ids]) / 2
        # cuts run top to bottom (decreasing y); slot k holds what lies between cut k-1 and cut k
        slots = np.searchsorted(-np.array(cuts), -middle)
        order = np.argsort(slots, kind="stable")
        bounds = np.searchsorted(slots[order], np.arange(len(cuts) + 2))
        for k in range(len(cuts) + 1):
            part = ids[order[bounds[k]: bounds[k + 1]]]
            if len(part) == 1:
                out.append((part, column))
            elif len(part):
                xy_cut(frags, part, column, out, next_column)
        return
    out.append((ids, column))


def page_lines(box: np.ndarray, oy: np.ndarray, size: np.ndarray, rtl_cluster: np.ndarray,
               first: int = 0) -> list[LineGeometry]:
    """Lines of a page in reading order, from cluster boxes, baselines, sizes and directions.

    ``first`` is added to the cluster indices in :attr:`LineGeometry.members` (the page's clusters
    may be a slice of a larger array, starting at ``first``).
    """
    count = len(oy)
    if count == 0:
        return []
    x0, x1 = box[:, 0], box[:, 2]
    groups = baseline_groups(oy, size)
    order = np.argsort(groups * 1e7 + (x0 - x0.min()), kind="stable")
    g_sorted = groups[order]
    # fragments: a new one where the group changes or the gap exceeds FRAGMENT_GAP em
    offset = g_sorted * 1e7
    reach = np.maximum.accumulate(x1[order] + offset)
    gaps = x0[order][1:] + offset[1:] - reach[:-1]
    em = np.maximum(size[order][1:], size[order][:-1])
    breaks = (g_sorted[1:] != g_sorted[:-1]) | (gaps > FRAGMENT_GAP * em)
    starts = np.concatenate(([0], np.flatnonzero(breaks) + 1))
    counts = np.diff(np.concatenate((starts, [count])))
    fx0 = np.minimum.reduceat(x0[order], starts)
    fx1 = np.maximum.reduceat(x1[order], starts)
    fbase = np.add.reduceat(oy[order], starts) / counts
    fsize = np.add.reduceat(size[order], starts) / counts
    frtl = np.add.reduceat(rtl_cluster[order].astype(np.int64), starts) * 2 >= counts
    fgroup = g_sorted[starts]
    # nominal line extents, kept narrower than any line pitch so that lines leave bands between them
    frags = _Fragments(fx0, fx1, fbase - 0.1 * fsize, fbase + 0.6 * fsize, fsize, frtl)
    leaves: list[tuple[np.ndarray, int]] = []
    xy_cut(frags, np.arange(len(starts)), 0, leaves, [0])
    # a line: the fragments of one baseline group within one leaf region
    line_frags: list[list[int]] = []
    line_column: list[int] = []
    base_list, group_list = fbase.tolist(), fgroup.tolist()
    for ids, column in leaves:
        frag_list = ids.tolist()
        if len(frag_list) == 1:
            line_frags.append(frag_list)
            line_column.append(column)
            continue
        by_group: dict[int, list[int]] = {}
        for f in sorted(frag_list, key=lambda f: -base_list[f]):
            by_group.setdefault(group_list[f], []).append(f)
        line_frags.extend(by_group.values())
        line_column.extend([column] * len(by_group))
    flat = np.array([f for frags_of_line in line_frags for f in frags_of_line], dtype=np.int64)
    bounds = np.concatenate(([0], np.cumsum([len(f) for f in line_frags])[:-1]))
    weight = counts[flat]
    lx0 = np.minimum.reduceat(fx0[flat], bounds).tolist()
    lx1 = np.maximum.reduceat(fx1[flat], bounds).tolist()
    total = np.add.reduceat(weight, bounds)
    lbase = (np.add.reduceat(fbase[flat] * weight, bounds) / total).tolist()
    lsize = (np.add.reduceat(fsize[flat] * weight, bounds) / total).tolist()
    # the clusters of each line, fragment after fragment
    cluster_index = np.concatenate([np.arange(starts[f], starts[f] + counts[f]) for f in flat.tolist()])
    members = np.split(order[cluster_index] + first, np.cumsum(total)[:-1])
    return [LineGeometry(members=m, column=c, x0=a, x1=b, baseline=y, size=z)
            for m, c, a, b, y, z in zip(members, line_column, lx0, lx1, lbase, lsize, strict=True)]
