"""Lines of a page in logical order, built for all lines of the page at once.

For every line: its clusters left to right, a separator (nothing, a space or a ZWNJ) read from each gap
(:mod:`.separators`), then the logical order. Most lines are right-to-left text without digits or
Latin, whose logical order is the visual order reversed; lines that mix directions go through the
token-level bidi resolution of :mod:`.order`.

Space glyphs are not placed themselves: a space is read from the gap between the glyphs around it
(producers also draw zero-advance spaces inside words, and some draw no spaces at all); an inferred
space that falls on a space glyph is mapped to that glyph in the line's glyph map.

The work runs on arrays that hold every line of the page, because a page has some forty lines and
per-line array operations would cost more than the page's whole reading.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from kaghaz.chars import MIRROR_PAIRS, ZWNJ
from kaghaz.layout.glyphs import SPACE, Clusters
from kaghaz.layout.order import runs_to_logical
from kaghaz.layout.regions import LineGeometry
from kaghaz.layout.separators import NONE, SPACE_SEP, ZWNJ_SEP, separators
from kaghaz.layout.tables import B_AN, B_CS, B_EN, B_ES, B_ET, B_L, B_OTHER, B_R, CLASS_NAMES, tables
from kaghaz.model import BBox, Direction, Line

_SEP_TEXT = np.array(["", " ", ZWNJ], dtype=object)
_PAIRED = np.zeros(0x10000, dtype=bool)
_PAIRED[[ord(c) for c in MIRROR_PAIRS]] = True
_BRACKETS = np.array([ord(c) for c in "()[]{}"], dtype=np.int64)


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += (char in "([{") - (char in ")]}")
        if depth < 0:
            return False
    return depth == 0


def latin_line_reads_right_to_left(visual: str) -> bool | None:
    """For a line without right-to-left letters, given left to right as drawn: True if its brackets
    pair up only when it is read as a right-to-left paragraph, False if only as left to right, None
    if that does not decide.

    Read right to left, such a line keeps its middle and moves the neutrals at its two ends (brackets,
    punctuation) across. Producers that map each bracket to its logical character show which reading
    the writer meant: ``)https://x.org(`` drawn is ``(https://x.org)`` in a right-to-left paragraph,
    ``Git (fundamentals)`` drawn is left to right, whatever its alignment.

    >>> latin_line_reads_right_to_left(")https://x.org("), latin_line_reads_right_to_left("Git (fundamentals)")
    (True, False)
    >>> latin_line_reads_right_to_left("Hilt/Dagger") is None
    True
    """
    body = [i for i, c in enumerate(visual) if c.isalnum()]
    if not body:
        return None
    head, tail = visual[:body[0]], visual[body[-1] + 1:]
    as_rtl = tail[::-1] + visual[body[0]:body[-1] + 1] + head[::-1]
    ltr, rtl = _balanced(visual), _balanced(as_rtl)
    return None if ltr == rtl else rtl
_NO_BREAK_SPACES = np.array([ord("\N{NO-BREAK SPACE}"), ord("\N{NARROW NO-BREAK SPACE}")])
#: Added per line to x coordinates so that running maxima never cross from one line to the next.
_LINE_STRIDE = 1e7


def _hidden_zwnj(seps: np.ndarray, line_of: np.ndarray, visual: np.ndarray, spaces: np.ndarray,
                 space_line: np.ndarray, clusters: Clusters, em: np.ndarray, any_space: bool) -> None:
    """A space glyph with no width of its own between two letters of a word is a ZWNJ.

    XeLaTeX (xepersian) writes every ZWNJ as a no-break space drawn at the origin of the letter
    before it, taking no room; that is the only trace of a ZWNJ after a right-joining letter. Such a
    space glyph sits exactly at the origin of the cluster to the right of a gap the geometry calls
    empty. Only no-break spaces count, unless ``any_space`` (other xepersian setups write an ordinary
    space the same way): Word leaves stray zero-advance ordinary spaces inside words.
    """
    if not any_space:
        nobreak = np.isin(clusters.first[spaces], _NO_BREAK_SPACES)
        spaces, space_line = spaces[nobreak], space_line[nobreak]
    if len(spaces) == 0 or len(visual) < 2:
        return
    # gap k lies between visual[k] and visual[k + 1]; its key is the right cluster's origin
    key = line_of[1:] * _LINE_STRIDE + clusters.origin[visual[1:], 0]
    order = np.argsort(key)
    sorted_key = key[order]
    probe = space_line * _LINE_STRIDE + clusters.origin[spaces, 0]
    at = np.searchsorted(sorted_key, probe)
    arabic = tables().arabic_letter
    for shift in (-1, 0):
        cand = np.clip(at + shift, 0, len(sorted_key) - 1)
        k = order[cand]
        hit = np.abs(sorted_key[cand] - probe) <= 0.05 * em[k]
        hit &= (seps[k] == NONE) & (line_of[k] == line_of[k + 1])
        hit &= arabic[clusters.first[visual[k]]] & arabic[clusters.first[visual[k + 1]]]
        seps[k[hit]] = ZWNJ_SEP


def _space_glyphs(line_of: np.ndarray, visual: np.ndarray, spaces: np.ndarray, space_line: np.ndarray,
                  clusters: Clusters) -> np.ndarray:
    """For each gap between neighbours, the space glyph drawn in it (its glyph index), else -1."""
    found = np.full(max(len(visual) - 1, 0), -1, dtype=np.int64)
    if len(spaces) == 0 or len(found) == 0:
        return found
    centre = space_line * _LINE_STRIDE + (clusters.box[spaces, 0] + clusters.box[spaces, 2]) / 2
    order = np.argsort(centre)
    centre, ids = centre[order], clusters.head[spaces[order]]
    lo = line_of[:-1] * _LINE_STRIDE + clusters.box[visual[:-1], 2]
    hi = line_of[:-1] * _LINE_STRIDE + clusters.box[visual[1:], 0]
    at = np.searchsorted(centre, lo)
    inside = at < len(centre)
    inside[inside] &= centre[at[inside]] <= hi[inside]
    inside &= line_of[1:] == line_of[:-1]
    found[inside] = ids[at[inside]]
    return found


def run_edge_brackets(bidi: np.ndarray, paired: np.ndarray, levels: np.ndarray) -> np.ndarray:
    """Brackets (tokens in visual order) at a left-to-right level whose nearest strong neighbour on
    one side is right to left: a producer may have set them in the right-to-left run and drawn them
    mirrored (Word draws ``effectiveCount(class):`` before Persian with its last bracket mirrored and
    maps that glyph to ``(``), so they are offered to the document's bracket settling too.

    >>> R, L, N = 1, 2, 0
    >>> run_edge_brackets(np.array([L, N, N, N, R]), np.array([False, True, False, False, False]),
    ...                   np.array([0, 0, 0, 0, 1])).tolist()
    [False, True, False, False, False]
    """
    edge = np.zeros(len(bidi), dtype=bool)
    strong = np.flatnonzero((bidi == B_L) | (bidi == B_R) | (bidi == B_EN) | (bidi == B_AN))
    for t in np.flatnonzero(paired & (levels % 2 == 0)).tolist():
        at = int(np.searchsorted(strong, t))
        sides = [strong[at - 1]] if at > 0 else []
        if at < len(strong):
            sides.append(strong[at] if strong[at] != t else (strong[at + 1] if at + 1 < len(strong) else -1))
        edge[t] = any(s >= 0 and levels[s] % 2 == 1 for s in sides)
    return edge


def _mixed_orders(bidi: np.ndarray, ascii_digit: np.ndarray, lo: np.ndarray, hi: np.ndarray, lines: np.ndarray,
                  rtl: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """Logical order of each line that mixes directions (tokens ``lo[i]:hi[i]`` for ``i`` in ``lines``).

    Returns, per line, the permutation of its tokens (0-based within the line) and their levels.
    Tokens are first gathered into runs of one class (numpy, for all these lines at once), and only
    the runs are resolved in Python (:func:`kaghaz.layout.order.runs_to_logical`). A neutral (a
    space, a ZWNJ) between two tokens of the same strong direction takes that direction (rule N1),
    so it joins their run first.
    """
    if len(lines) == 0:
        return []
    index = np.concatenate([np.arange(lo[i], hi[i]) for i in lines.tolist()])
    line_id = np.repeat(np.arange(len(lines)), hi[lines] - lo[lines])
    codes, digits = bidi[index], ascii_digit[index]
    count = len(index)
    positions = np.arange(count)
    first = np.searchsorted(line_id, np.arange(len(lines)))
    last = np.concatenate((first[1:], [count])) - 1
    edge = np.where(rtl[lines], B_R, B_L)[line_id]
    # a separator or terminator with no number beside it is a plain neutral (rules W4-W7)
    number = (codes == B_EN) | (codes == B_AN)
    near_number = np.zeros(count, dtype=bool)
    near_number[1:] |= number[:-1] & (line_id[1:] == line_id[:-1])
    near_number[:-1] |= number[1:] & (line_id[1:] == line_id[:-1])
    codes = np.where(((codes == B_ES) | (codes == B_CS) | (codes == B_ET)) & ~near_number, B_OTHER, codes)
    neutral = codes == B_OTHER
    before = np.maximum.accumulate(np.where(neutral, -1, positions))
    after = np.minimum.accumulate(np.where(neutral, count, positions)[::-1])[::-1]
    inside_before = before >= first[line_id]
    inside_after = after <= last[line_id]
    left = np.where(inside_before, codes[np.maximum(before, 0)], edge)
    right = np.where(inside_after, codes[np.minimum(after, count - 1)], edge)
    absorbed = neutral & (left == right) & ((left == B_R) | (left == B_L))
    codes = np.where(absorbed, left, codes)
    change = np.concatenate(([True], (codes[1:] != codes[:-1]) | (digits[1:] != digits[:-1])
                             | (line_id[1:] != line_id[:-1])))
    run_start = np.flatnonzero(change)
    run_size = np.diff(np.concatenate((run_start, [count])))
    run_line = line_id[run_start]
    run_bounds = np.searchsorted(run_line, np.arange(len(lines) + 1))
    run_class = [CLASS_NAMES[c] for c in codes[run_start].tolist()]
    run_digit = digits[run_start].tolist()
    sizes_all = run_size.tolist()
    out: list[tuple[np.ndarray, np.ndarray]] = []
    for k, line in enumerate(lines.tolist()):
        ra, rb = int(run_bounds[k]), int(run_bounds[k + 1])
        sizes = sizes_all[ra:rb]
        order, levels = runs_to_logical(run_class[ra:rb], run_digit[ra:rb], sizes, bool(rtl[line]))
        starts = (run_start[ra:rb] - first[k]).tolist()
        pieces = [np.arange(starts[r] + sizes[r] - 1, starts[r] - 1, -1) if levels[r] % 2
                  else np.arange(starts[r], starts[r] + sizes[r]) for r in order]
        out.append((np.concatenate(pieces), np.repeat(np.array(levels, dtype=np.int64), sizes)))
    return out


def _order_numeric_lines(sel: np.ndarray, odd: np.ndarray, bidi: np.ndarray, line: np.ndarray, lo: np.ndarray,
                         hi: np.ndarray, starts_new: np.ndarray, numeric: np.ndarray, tex_bidi: bool = False) -> None:
    """Logical order of right-to-left lines whose only left-to-right runs are numbers, all at once.

    In such a line every number (digits, joined by a single comma, point, slash or colon: rule W4
    for numbers after Arabic letters) keeps its digits left to right and everything else reads right
    to left: the line reversed, each number turned back. ``sel`` and ``odd`` are filled for the slots
    of those lines. ``tex_bidi``: the producer is XeTeX, whose bidi (TeX--XeT, not Unicode's) sets a
    percent sign or another terminator in the number's own left-to-right box (``۸۰٪`` drawn as
    ``80%``), so a terminator touching a number belongs to it.
    """
    count = len(bidi)
    number = (bidi == B_EN) | (bidi == B_AN)
    same_prev = np.zeros(count, dtype=bool)
    same_prev[1:] = line[1:] == line[:-1]
    number_before = np.zeros(count, dtype=bool)
    number_before[1:] = number[:-1]
    number_after = np.zeros(count, dtype=bool)
    number_after[:-1] = number[1:] & same_prev[1:]
    in_run = number | ((bidi == B_CS) & number_before & same_prev & number_after)
    if tex_bidi:
        in_run |= (bidi == B_ET) & ((number_before & same_prev) | number_after)
    begins = in_run & ~(np.concatenate(([False], in_run[:-1])) & same_prev)
    run_id = np.cumsum(begins) - 1
    run_start = np.flatnonzero(begins)
    ends = in_run & ~(np.concatenate((in_run[1:], [False])) & np.concatenate((same_prev[1:], [False])))
    run_end = np.flatnonzero(ends)
    tokens = np.concatenate([np.arange(lo[i], hi[i]) for i in np.flatnonzero(numeric).tolist()])
    owner = line[tokens]
    mirror = lo[owner] + hi[owner] - 1
    dest = mirror - tokens
    runs = in_run[tokens]
    r = run_id[tokens[runs]]
    dest[runs] = mirror[runs] - run_end[r] + (tokens[runs] - run_start[r])
    slots = starts_new[owner] + dest - lo[owner]
    sel[slots] = tokens
    odd[slots] = ~runs


#: In a right-to-left page, a line whose strong letters are at least this share right-to-left is
#: right to left (a Persian sentence full of Latin terms still reads right to left).
RTL_SHARE = 0.25


def _base_directions(bidi: np.ndarray, lo: np.ndarray, hi: np.ndarray, page: np.ndarray,
                     flush_right: np.ndarray | None = None, flush_left: np.ndarray | None = None,
                     brackets: np.ndarray | None = None) -> np.ndarray:
    """Base direction of each line (tokens ``lo[i]:hi[i]``): True for right to left.

    A paragraph's direction is not a majority vote of its letters: in a Persian document a line is
    right to left as soon as a quarter of its letters are, and a line of mostly Latin (code, a
    reference, an English sentence) is left to right unless it stands flush right in its column
    without reaching the left edge, as a right-to-left paragraph does (``flush_right``); the other
    way round, a line that starts with Latin at the left edge of its column and stops short of the right one is a
    left-to-right paragraph (``flush_left``). For a line without right-to-left letters, its brackets
    overrule all that where they pair up in one reading only (``brackets``: 1 right to left, 0 left to
    right, -1 undecided; :func:`latin_line_reads_right_to_left`). In a left-to-right page, the
    majority decides.
    ``page`` numbers each line's page (the lines of several pages can be judged at once).
    """
    rtl_count = np.concatenate(([0], np.cumsum(bidi == B_R)))
    ltr_count = np.concatenate(([0], np.cumsum(bidi == B_L)))
    r = rtl_count[hi] - rtl_count[lo]
    l_ = ltr_count[hi] - ltr_count[lo]
    page_rtl = (np.bincount(page, weights=r) >= np.bincount(page, weights=l_))[page]
    aligned = flush_right if flush_right is not None else np.zeros(len(r), dtype=bool)
    rtl: np.ndarray = np.where(page_rtl, (r > 0) & (r >= RTL_SHARE * (r + l_)) | (l_ == 0) | aligned,
                               (r > 0) & (r >= l_))
    if flush_left is not None and flush_left.any():
        # the leftmost strong token of each line: Latin there starts a left-to-right paragraph
        strong = np.flatnonzero((bidi == B_R) | (bidi == B_L))
        at = np.searchsorted(strong, lo)
        first = strong[np.minimum(at, len(strong) - 1)] if len(strong) else lo
        starts_latin = (at < len(strong)) & (first < hi) & (bidi[np.minimum(first, len(bidi) - 1)] == B_L)
        rtl &= ~(flush_left & starts_latin & (l_ > 0))
    if brackets is not None:
        rtl = np.where(page_rtl & (r == 0) & (brackets >= 0), brackets == 1, rtl)
    return rtl


def _bracket_votes(tok_text: np.ndarray, tok_code: np.ndarray, tok_bidi: np.ndarray, lo: np.ndarray,
                   hi: np.ndarray) -> np.ndarray:
    """Per line: what its brackets say of its direction (see :func:`_base_directions`), for the few
    lines without right-to-left letters that hold a bracket; -1 elsewhere."""
    votes = np.full(len(lo), -1, dtype=np.int8)
    bracket = np.concatenate(([0], np.cumsum(np.isin(tok_code, _BRACKETS))))
    rtl_letters = np.concatenate(([0], np.cumsum(tok_bidi == B_R)))
    for line in np.flatnonzero((bracket[hi] > bracket[lo]) & (rtl_letters[hi] == rtl_letters[lo])).tolist():
        verdict = latin_line_reads_right_to_left("".join(tok_text[lo[line]:hi[line]].tolist()))
        if verdict is not None:
            votes[line] = int(verdict)
    return votes


def _flush(geometries: Sequence[LineGeometry], page: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Lines flush right in their column (and well short of its left edge), and flush left likewise."""
    column = np.array([g.column for g in geometries], dtype=np.int64) + page * 100_000
    x0 = np.array([g.x0 for g in geometries])
    x1 = np.array([g.x1 for g in geometries])
    em = np.array([max(g.size, 1.0) for g in geometries])
    _, key = np.unique(column, return_inverse=True)
    left = np.full(key.max() + 1, np.inf)
    right = np.full(key.max() + 1, -np.inf)
    np.minimum.at(left, key, x0)
    np.maximum.at(right, key, x1)
    to_right, to_left = right[key] - x1 < 1.0 * em, x0 - left[key] < 1.0 * em
    short_of_left, short_of_right = x0 - left[key] > 3.0 * em, right[key] - x1 > 3.0 * em
    return to_right & short_of_left, to_left & short_of_right


def build_lines(geometries: Sequence[LineGeometry], clusters: Clusters, xetex: bool = False,
                page: np.ndarray | None = None, glyph_offset: np.ndarray | None = None,
                script_spaces: bool = False) -> list[Line | None]:
    """One :class:`Line` per geometry (``None`` where nothing is left to print).

    ``xetex``: the producer is XeTeX, which writes ZWNJ as a zero-advance space glyph (such a glyph
    inside a word is a ZWNJ whatever kind of space it is) and sets a number and its percent sign in
    one left-to-right box. The geometries may come from several
    pages laid out together: ``page`` numbers each geometry's page (0, 1, ...), and ``glyph_offset``
    gives, per geometry, what to subtract from glyph indices to make them its page's own.
    ``script_spaces``: the producer drops the space where a Latin run meets a Persian one
    (:func:`kaghaz.layout.separators.separators`).
    """
    if not geometries:
        return []
    members = np.concatenate([g.members for g in geometries])
    line_all = np.repeat(np.arange(len(geometries)), [len(g.members) for g in geometries])
    is_space = clusters.kind[members] == SPACE
    spaces, space_line = members[is_space], line_all[is_space]
    members, line_all = members[~is_space], line_all[~is_space]
    centre = (clusters.box[members, 0] + clusters.box[members, 2]) / 2
    order = np.argsort(line_all * _LINE_STRIDE + centre, kind="stable")
    visual, line_of = members[order], line_all[order]
    size = np.array([g.size for g in geometries])
    em_of = np.maximum(size[line_of], 1.0)
    # separators between neighbours of the same line
    space_ids = _space_glyphs(line_of, visual, spaces, space_line, clusters)
    same_line = line_of[1:] == line_of[:-1]
    seps = separators(visual, clusters, em_of, line_of * _LINE_STRIDE, space_ids >= 0, same_line, script_spaces)
    seps[~same_line] = NONE
    if len(spaces):
        _hidden_zwnj(seps, line_of, visual, spaces, space_line, clusters, em_of, xetex)
    space_ids[seps != SPACE_SEP] = -1

    # tokens: the clusters that print something and the separators between them, interleaved
    count = len(visual)
    total = 2 * count - 1 if count else 0
    keep = np.zeros(total, dtype=bool)
    keep[0::2] = clusters.length[visual] > 0
    keep[1::2] = seps != NONE
    kept = np.flatnonzero(keep)
    is_cluster = kept % 2 == 0
    half = kept // 2
    cl = visual[half]
    first = clusters.first[cl]
    tok_text = np.empty(len(kept), dtype=object)
    tok_text[is_cluster] = clusters.text[cl[is_cluster]]
    tok_text[~is_cluster] = _SEP_TEXT[seps[half[~is_cluster]]]
    tok_len = np.where(is_cluster, clusters.length[cl], 1)
    sep_glyph = space_ids[np.minimum(half, max(len(space_ids) - 1, 0))] if len(space_ids) else np.full(len(half), -1)
    tok_glyph = np.where(is_cluster, clusters.head[cl], sep_glyph)
    tok_bidi = np.where(is_cluster, clusters.bidi[cl], 0).astype(np.int8)
    tok_line = line_of[half]
    tok_cluster = np.where(is_cluster, cl, -1)
    tok_ascii = is_cluster & (first >= 0x30) & (first <= 0x39)
    tok_paired = is_cluster & _PAIRED[first] & (clusters.length[cl] == 1)
    tok_code = np.where(is_cluster, first, 0)

    is_sep = tok_cluster < 0
    lines = len(geometries)
    bounds = np.searchsorted(tok_line, np.arange(lines + 1))
    lo, hi = bounds[:-1].copy(), bounds[1:].copy()
    # a separator can end up first or last only where the cluster beside it printed nothing: trim it
    for index in np.flatnonzero((hi > lo) & (is_sep[np.minimum(lo, len(is_sep) - 1)]
                                           | is_sep[np.maximum(hi - 1, 0)])).tolist():
        while lo[index] < hi[index] and is_sep[lo[index]]:
            lo[index] += 1
        while hi[index] > lo[index] and is_sep[hi[index] - 1]:
            hi[index] -= 1
    # per line: mixed directions, right to left, or left to right only
    strong_ltr = np.concatenate(([0], np.cumsum((tok_bidi == B_L) | (tok_bidi == B_EN) | (tok_bidi == B_AN))))
    mixed = (strong_ltr[hi] - strong_ltr[lo]) > 0
    line_page = page if page is not None else np.zeros(lines, dtype=np.int64)
    rtl = _base_directions(tok_bidi, lo, hi, line_page, *_flush(geometries, line_page),
                           _bracket_votes(tok_text, tok_code, tok_bidi, lo, hi))
    # logical order of all tokens at once: reversed inside right-to-left lines
    line_of_tok = np.repeat(np.arange(lines), hi - lo)
    starts_new = np.concatenate(([0], np.cumsum(hi - lo)))
    within = np.arange(int(starts_new[-1])) + (lo - starts_new[:-1])[line_of_tok]
    flip = (rtl & ~mixed)[line_of_tok]
    sel = np.where(flip, lo[line_of_tok] + hi[line_of_tok] - 1 - within, within)
    odd = flip.copy()
    latin = np.concatenate(([0], np.cumsum(tok_bidi == B_L)))
    numeric = mixed & rtl & ((latin[hi] - latin[lo]) == 0) & (hi > lo)
    if numeric.any():
        _order_numeric_lines(sel, odd, tok_bidi, tok_line, lo, hi, starts_new, numeric, xetex)
    mixed_lines = np.flatnonzero(mixed & ~numeric & (hi > lo))
    for index, (perm, levels) in zip(mixed_lines.tolist(),
                                     _mixed_orders(tok_bidi, tok_ascii, lo, hi, mixed_lines, rtl), strict=True):
        sel[starts_new[index]: starts_new[index + 1]] = perm + lo[index]
        odd[starts_new[index]: starts_new[index + 1]] = levels[perm] % 2 == 1
        span = slice(lo[index], hi[index])
        if tok_paired[span].any():
            edge = run_edge_brackets(tok_bidi[span], tok_paired[span], levels)
            odd[starts_new[index]: starts_new[index + 1]] |= edge[perm]
    texts = tok_text[sel]
    lens = tok_len[sel]
    ids = np.repeat(tok_glyph[sel], lens)
    if glyph_offset is not None:
        offsets = np.repeat(glyph_offset[line_of_tok], lens)
        ids = np.where(ids >= 0, ids - offsets, ids)
    char_start = np.cumsum(lens) - lens
    if clusters.extra:
        marked = np.fromiter(clusters.extra, dtype=np.int64, count=len(clusters.extra))
        for position in np.flatnonzero(np.isin(tok_cluster[sel], marked)).tolist():
            c = int(tok_cluster[sel[position]])
            shift = int(glyph_offset[line_of_tok[position]]) if glyph_offset is not None else 0
            ids[char_start[position]: char_start[position] + lens[position]] = [g - shift for g in clusters.extra[c]]
    # where each line's characters start (a line left with no token starts where the next one does)
    char_bounds = np.concatenate((char_start, [len(ids)]))[starts_new]
    empty = hi <= lo
    mirror_at = np.flatnonzero(tok_paired[sel] & odd)
    member_line = np.repeat(np.arange(lines), [len(g.members) for g in geometries])
    all_members = np.concatenate([g.members for g in geometries])
    mbox = clusters.box[all_members]
    mstart = np.searchsorted(member_line, np.arange(lines))
    bx0 = np.minimum.reduceat(mbox[:, 0], mstart)
    by0 = np.minimum.reduceat(mbox[:, 1], mstart)
    bx1 = np.maximum.reduceat(mbox[:, 2], mstart)
    by1 = np.maximum.reduceat(mbox[:, 3], mstart)

    out: list[Line | None] = []
    text_list = texts.tolist()
    ids_list = ids.tolist()
    mirror_bounds = np.searchsorted(mirror_at, starts_new).tolist()
    mirror_chars = char_start[mirror_at].tolist()
    token_bounds, char_list = starts_new.tolist(), char_bounds.tolist()
    boxes = np.column_stack((bx0, by0, bx1, by1)).tolist()
    empty_list, rtl_list = empty.tolist(), rtl.tolist()
    for index, geometry in enumerate(geometries):
        if empty_list[index]:
            out.append(None)
            continue
        a, b = token_bounds[index], token_bounds[index + 1]
        ca, cb = char_list[index], char_list[index + 1]
        m0, m1 = mirror_bounds[index], mirror_bounds[index + 1]
        mirrorable = tuple(c - ca for c in mirror_chars[m0:m1]) if m1 > m0 else ()
        out.append(Line(orig="".join(text_list[a:b]), glyph_ids=tuple(ids_list[ca:cb]), bbox=BBox(*boxes[index]),
                        direction=Direction.RTL if rtl_list[index] else Direction.LTR, size=geometry.size,
                        mirrorable=mirrorable))
    return out
