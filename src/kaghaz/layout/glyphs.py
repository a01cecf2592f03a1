"""From pdfium's characters to glyphs and clusters.

pdfium reports characters, not glyphs: a glyph that maps to several characters (a lam-alef ligature,
a letter drawn together with its mark, Typst's ZWNJ+letter) comes out as several characters that share
one origin, with the glyph's box split evenly among them. :func:`build_clusters` merges those back
into one glyph, drops what pdfium generated itself, and attaches each combining mark (tanwin, hamza
above, shadda) that was drawn as a glyph of its own to the letter it sits on, so a mark never lands
elsewhere in the line or on a line of its own.

A *cluster* is one base glyph plus the marks attached to it; layout orders clusters, never splits them.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import numpy as np

from kaghaz.chars import ZWJ, ZWNJ, is_mark
from kaghaz.model import GlyphTable
from kaghaz.pdf.reader import CODE, FONT, GENERATED, MAP_ERROR, OX, OY, SIZE, X0, X1, Y0, Y1, RawPage

#: Kind of a cluster, used by the layout to decide what it may do with it.
TEXT, SPACE, JOINER = 0, 1, 2

_ORIGIN_EPS = 0.01


def _category_table() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Lookup tables over the BMP: is a code a combining mark, a space separator, a control?"""
    codes = range(0x10000)
    cats = [unicodedata.category(chr(c)) for c in codes]
    mark = np.array([c == "Mn" for c in cats], dtype=bool)
    space = np.array([c == "Zs" for c in cats], dtype=bool)
    control = np.array([c in ("Cc", "Cs", "Co", "Cn") for c in cats], dtype=bool)
    return mark, space, control


_MARK, _SPACE, _CONTROL = _category_table()
_DROP_FORMAT = frozenset(range(0x200B, 0x2010)) | frozenset(range(0x202A, 0x202F)) | frozenset(range(0x2066, 0x206A))
_DROP_FORMAT |= {0x061C, 0xFEFF, 0x00AD}


@dataclass(frozen=True, slots=True)
class Clusters:
    """The clusters of one page, as parallel columns.

    ``text[i]`` is cluster ``i``'s text (base glyph then attached marks), ``glyphs[i]`` the glyph index
    behind each of its characters; ``box`` is the union ink box (x0, y0, x1, y1); ``origin`` the
    base glyph's origin; ``size`` its font size; ``kind`` :data:`TEXT`, :data:`SPACE` (an explicit
    space glyph with a width) or :data:`JOINER` (an invisible glyph that joins its neighbours, such
    as LibreOffice's kashida control characters); ``zwnj_before`` is True where the text layer has a
    ZWNJ glyph of its own just before this cluster in the content stream.
    """

    text: list[str]
    glyphs: list[tuple[int, ...]]
    box: np.ndarray
    origin: np.ndarray
    size: np.ndarray
    kind: np.ndarray
    order: np.ndarray
    zwnj_before: np.ndarray
    table: GlyphTable
    unmapped: int


def _glyph_runs(chars: np.ndarray, keep: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start and end (exclusive) rows of each glyph: kept rows that share origin and font."""
    rows = np.flatnonzero(keep)
    if len(rows) == 0:
        return rows, rows
    ox, oy, font = chars[rows, OX], chars[rows, OY], chars[rows, FONT]
    same = (np.abs(np.diff(ox)) < _ORIGIN_EPS) & (np.abs(np.diff(oy)) < _ORIGIN_EPS) & (np.diff(font) == 0)
    # a space never merges with a letter
    codes = chars[rows, CODE].astype(np.int64)
    is_space = _SPACE[np.minimum(codes, 0xFFFF)]
    same &= ~is_space[1:] & ~is_space[:-1]
    starts = np.concatenate(([0], np.flatnonzero(~same) + 1))
    ends = np.concatenate((starts[1:], [len(rows)]))
    return rows[starts], rows[ends - 1] + 1


def _order_marks_after_base(text: str) -> str:
    """Put combining marks after the first letter of a glyph's text (Typst writes ``ٔه`` for ``هٔ``).

    >>> _order_marks_after_base("\N{ARABIC HAMZA ABOVE}ه") == "ه\N{ARABIC HAMZA ABOVE}"
    True
    """
    lead = 0
    while lead < len(text) and is_mark(text[lead]):
        lead += 1
    if lead == 0 or lead == len(text):
        return text
    return text[lead] + text[:lead] + text[lead + 1:]


def build_clusters(raw: RawPage) -> Clusters:
    """Glyphs and clusters of a page, in content-stream order."""
    chars = raw.chars
    codes = chars[:, CODE].astype(np.int64) if len(chars) else np.zeros(0, dtype=np.int64)
    bmp = np.minimum(codes, 0xFFFF)
    keep = (chars[:, GENERATED] != 1) & (codes > 0) if len(chars) else np.zeros(0, dtype=bool)
    widths = chars[:, X1] - chars[:, X0] if len(chars) else np.zeros(0)
    # zero-width spaces are pdfium's or the producer's invisible fillers, not separators
    keep &= ~(_SPACE[bmp] & (widths < 0.05 * np.maximum(chars[:, SIZE], 1.0))) if len(chars) else keep
    starts, ends = _glyph_runs(chars, keep)

    texts: list[str] = []
    glyph_boxes: list[tuple[float, float, float, float]] = []
    kinds: list[int] = []
    zwnj_flags: list[bool] = []
    mark_only: list[bool] = []
    unmapped_flags: list[bool] = []
    first_rows: list[int] = []
    pending_zwnj = False
    for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
        raw_text = "".join(map(chr, codes[start:end].tolist()))
        if end - start == 1 and raw_text in (ZWNJ, ZWJ):
            pending_zwnj = raw_text == ZWNJ
            continue
        text = raw_text
        if any(ord(c) in _DROP_FORMAT or ord(c) < 0x10000 and _CONTROL[ord(c)] for c in text):
            # ZWNJ sharing a glyph with a letter is misplaced (Typst): geometry decides instead
            text = "".join(c for c in text if not (ord(c) in _DROP_FORMAT or _CONTROL[min(ord(c), 0xFFFF)]))
        if ZWNJ in text or ZWJ in text:
            text = text.replace(ZWNJ, "").replace(ZWJ, "")
        if len(text) > 1:
            text = _order_marks_after_base(text)
        first = chars[start]
        box = (float(chars[start:end, X0].min()), float(chars[start:end, Y0].min()),
               float(chars[start:end, X1].max()), float(chars[start:end, Y1].max()))
        if not text:
            kind = JOINER if any(_CONTROL[min(ord(c), 0xFFFF)] for c in raw_text) else -1
        elif _SPACE[min(ord(text[0]), 0xFFFF)]:
            kind = SPACE
        else:
            kind = TEXT
        if kind < 0:
            continue
        texts.append(text)
        first_rows.append(start)
        glyph_boxes.append(box)
        kinds.append(kind)
        zwnj_flags.append(pending_zwnj)
        pending_zwnj = False
        mark_only.append(kind == TEXT and all(_MARK[min(ord(c), 0xFFFF)] for c in text))
        unmapped_flags.append(bool(first[MAP_ERROR] == 1) and kind == TEXT)

    count = len(texts)
    box = np.array(glyph_boxes, dtype=np.float64).reshape(count, 4)
    origin_rows = np.array(first_rows, dtype=np.int64)
    origin = chars[origin_rows][:, [OX, OY]] if count else np.zeros((0, 2))
    size = chars[origin_rows, SIZE] if count else np.zeros(0)
    size = np.where(size > 0.5, size, np.maximum(box[:, 3] - box[:, 1], 1.0)) if count else size
    font_ids = chars[origin_rows, FONT].astype(np.int64).tolist() if count else []
    table = GlyphTable(texts, glyph_boxes, font_ids, raw.fonts, size.tolist(), unmapped_flags)
    return _attach_marks(texts, box, origin, size, np.array(kinds, dtype=np.int8),
                         np.array(zwnj_flags, dtype=bool), np.array(mark_only, dtype=bool), table,
                         sum(unmapped_flags))


def _attach_marks(texts: list[str], box: np.ndarray, origin: np.ndarray, size: np.ndarray, kinds: np.ndarray,
                  zwnj: np.ndarray, mark_only: np.ndarray, table: GlyphTable, unmapped: int) -> Clusters:
    """Fold every mark-only glyph into the letter it is drawn on; the rest become clusters."""
    count = len(texts)
    owner = np.arange(count)
    marks = np.flatnonzero(mark_only)
    base_ok = ~mark_only & (kinds == TEXT)
    for m in marks.tolist():
        target = _find_base(m, box, origin, size, base_ok)
        if target >= 0:
            owner[m] = target
    cluster_of = {}
    out_text: list[str] = []
    out_glyphs: list[tuple[int, ...]] = []
    members: list[list[int]] = []
    for g in range(count):
        if owner[g] != g:
            continue
        cluster_of[g] = len(out_text)
        out_text.append(texts[g])
        out_glyphs.append((g,) * len(texts[g]))
        members.append([g])
    for m in marks.tolist():
        base = int(owner[m])
        if base == m:
            continue
        c = cluster_of[base]
        out_text[c] += texts[m]
        out_glyphs[c] += (m,) * len(texts[m])
        members[c].append(m)
    heads = np.array([mem[0] for mem in members], dtype=np.int64)
    cbox = box[heads].copy() if len(heads) else np.zeros((0, 4))
    for c, mem in enumerate(members):
        if len(mem) > 1:
            sub = box[mem]
            cbox[c] = (sub[:, 0].min(), sub[:, 1].min(), sub[:, 2].max(), sub[:, 3].max())
    return Clusters(text=out_text, glyphs=out_glyphs, box=cbox,
                    origin=origin[heads] if len(heads) else np.zeros((0, 2)),
                    size=size[heads] if len(heads) else np.zeros(0),
                    kind=kinds[heads] if len(heads) else np.zeros(0, dtype=np.int8),
                    order=heads, zwnj_before=zwnj[heads] if len(heads) else np.zeros(0, dtype=bool),
                    table=table, unmapped=unmapped)


def _find_base(mark: int, box: np.ndarray, origin: np.ndarray, size: np.ndarray, base_ok: np.ndarray) -> int:
    """The glyph a mark sits on: a stream neighbour it overlaps, else the best overlap nearby, else -1."""
    mx0, my0, mx1, my1 = box[mark]
    centre = (mx0 + mx1) / 2
    em = max(size[mark], 1.0)
    for neighbour in (mark - 1, mark + 1, mark - 2):
        if 0 <= neighbour < len(box) and base_ok[neighbour]:
            bx0, _, bx1, _ = box[neighbour]
            near = abs(origin[neighbour, 1] - origin[mark, 1]) < 1.2 * em
            if near and bx0 - 0.15 * em <= centre <= bx1 + 0.15 * em:
                return neighbour
    overlap = np.minimum(box[:, 2], mx1) - np.maximum(box[:, 0], mx0)
    near = np.abs(origin[:, 1] - origin[mark, 1]) < 1.2 * em
    candidates = np.flatnonzero(base_ok & near & (overlap > -0.1 * em))
    if len(candidates) == 0:
        return -1
    best = candidates[np.argmax(overlap[candidates] - 0.01 * np.abs(origin[candidates, 1] - origin[mark, 1]))]
    return int(best)
