"""From pdfium's characters to glyphs and clusters.

pdfium reports characters, not glyphs: a glyph that maps to several characters (a lam-alef ligature,
a letter drawn together with its mark) comes out as several characters that share one origin, with
the glyph's box split evenly among them, usually one after the other in the content stream and
sometimes interleaved with a neighbour's (Typst). :func:`build_clusters` merges them back into one
glyph, drops what pdfium generated itself and invisible format characters, and attaches each
combining mark (tanwin, hamza above, shadda) that was drawn as a glyph of its own to the letter it sits
on, so a mark never lands elsewhere in the line or on a line of its own.

A *cluster* is one base glyph plus the marks attached to it; layout orders clusters, never splits them.

Everything here runs on whole arrays; Python loops only visit the few glyphs that need more than a
table lookup (several characters, presentation forms, marks to attach).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from kaghaz.chars import ZWNJ, is_mark
from kaghaz.layout.chars import fix_cluster_text
from kaghaz.layout.order import token_class
from kaghaz.layout.tables import B_OTHER, CLASS_NAMES, tables
from kaghaz.model import GlyphTable
from kaghaz.pdf.reader import CODE, FONT, GENERATED, LX0, LX1, MAP_ERROR, OX, OY, SIZE, X0, X1, Y0, Y1, RawPage

#: Kind of a glyph or cluster: text, an explicit space glyph, an invisible joiner (kashida), dropped.
TEXT, SPACE, JOINER, DROPPED = 0, 1, 2, -1

_ORIGIN_EPS = 0.01
#: More characters than this sharing one origin are not one glyph: pdfium gives a whole text object
#: one origin when it cannot place its glyphs, and then each character's own box is the better guess.
MAX_GLYPH_CHARS = 6
_CLASS_CODES = {name: code for code, name in enumerate(CLASS_NAMES)}


@dataclass(frozen=True, slots=True)
class Clusters:
    """The clusters of one page, as parallel columns (numpy arrays), in content-stream order.

    ``text[i]``: cluster ``i``'s text (base glyph then attached marks), ``length[i]`` its length and
    ``first[i]`` the code point of its first character (0 if empty); ``head[i]``: the index, in the
    page's :class:`GlyphTable`, of its base glyph; ``extra[i]`` (only where it differs) the glyph
    index behind each character, see :meth:`glyph_ids`; ``box``: union ink box (x0, y0, x1, y1);
    ``loose``: left and right of the advance box (from the pen position to the end of the advance:
    letters of a word touch there, whatever their ink does,
    a space shows as a gap even where the producer drew no space glyph); ``origin``: the base glyph's
    origin; ``size``: its font size; ``kind``: :data:`TEXT`, :data:`SPACE` (a space glyph that has a
    width) or :data:`JOINER` (an invisible glyph that joins its neighbours, such as a kashida); a ZWNJ
    that the text layer has at a place of its own is a cluster of its own, emitted where it stands;
    ``bidi``: the bidi class of its first strong character (see :mod:`kaghaz.layout.tables`);
    ``forward``/``backward``: its logical end joins the next letter / its start joins the previous;
    ``inked``: its base glyph's ink reaches the baseline (else the glyph is a mark carrying a
    letter's text, and its box cannot show a join); ``zwnj_before``/``zwnj_after``: the text layer
    has a ZWNJ at this glyph's origin, which stands before (Typst) or after (LibreOffice) its letter;
    ``multi``: the glyphs (indices into ``table``) that carry several characters; ``glyph_row``: each
    glyph's first character row in the page's character array.
    """

    text: np.ndarray
    length: np.ndarray
    first: np.ndarray
    head: np.ndarray
    extra: dict[int, tuple[int, ...]]
    box: np.ndarray
    loose: np.ndarray
    origin: np.ndarray
    size: np.ndarray
    kind: np.ndarray
    bidi: np.ndarray
    forward: np.ndarray
    backward: np.ndarray
    inked: np.ndarray
    zwnj_before: np.ndarray
    zwnj_after: np.ndarray
    multi: np.ndarray
    glyph_row: np.ndarray
    table: GlyphTable
    unmapped: int

    def __len__(self) -> int:
        return len(self.text)

    def glyph_ids(self, cluster: int) -> tuple[int, ...]:
        """The glyph index behind each character of cluster ``cluster``'s text."""
        found = self.extra.get(cluster)
        if found is not None:
            return found
        return (int(self.head[cluster]),) * len(self.text[cluster])


def _same_origin(ox: np.ndarray, oy: np.ndarray, font: np.ndarray, step: int) -> np.ndarray:
    """For each pair of rows ``i`` and ``i + step``: same origin and same font."""
    same: np.ndarray = ((np.abs(ox[step:] - ox[:-step]) < _ORIGIN_EPS) & (np.abs(oy[step:] - oy[:-step]) < _ORIGIN_EPS)
            & (font[step:] == font[:-step]))
    return same


def _glyph_ids(chars: np.ndarray, rows: np.ndarray, is_space: np.ndarray) -> np.ndarray:
    """A glyph number per kept row: rows drawn at one origin in one font form one glyph."""
    if len(rows) < 2:
        return np.zeros(len(rows), dtype=np.int64)
    ox, oy, font = chars[rows, OX], chars[rows, OY], chars[rows, FONT]
    adjacent = _same_origin(ox, oy, font, 1)
    run_id = np.concatenate(([0], np.cumsum(~adjacent)))
    run_length = np.bincount(run_id)[run_id]
    adjacent &= (run_length[1:] <= MAX_GLYPH_CHARS) & ~is_space[1:] & ~is_space[:-1]
    ids = np.concatenate(([0], np.cumsum(~adjacent)))
    # the characters of one glyph may be interleaved with a neighbour's (Typst): join those too
    merges: list[tuple[int, int]] = []
    for step in (2, 3, 4, 5, 6):
        if len(rows) <= step:
            break
        hit = _same_origin(ox, oy, font, step) & ~is_space[step:] & ~is_space[:-step]
        hit &= (ids[step:] != ids[:-step]) & ~adjacent[: len(rows) - step]
        hit &= (run_length[step:] <= MAX_GLYPH_CHARS)
        merges.extend((int(i), int(i + step)) for i in np.flatnonzero(hit))
    if merges:
        parent = {int(g): int(g) for i, j in merges for g in (ids[i], ids[j])}

        def root(g: int) -> int:
            while parent[g] != g:
                g = parent[g]
            return g

        for i, j in merges:
            a, b = root(int(ids[i])), root(int(ids[j]))
            if a != b:
                parent[max(a, b)] = min(a, b)
        ids = np.array([root(int(g)) if int(g) in parent else int(g) for g in ids], dtype=np.int64)
        _, ids = np.unique(ids, return_inverse=True)
    return ids


def _ink_without_zwnj(rows: np.ndarray, codes: np.ndarray) -> tuple[np.ndarray, bool]:
    """The ink box of a glyph that holds a ZWNJ among its characters, and whether the ZWNJ is its own.

    When pdfium split one glyph's box evenly among its characters (equal widths), the ZWNJ is part of
    the glyph (Typst clusters it with the letter after it) and its share of the box is the letter's
    ink. When the ZWNJ has a box of its own that merely starts at the letter's origin (LibreOffice
    writes it right after the letter before it), it has no ink and would fill the very gap that shows
    it: it is left out. Returns the box and True for the first case.
    """
    widths = rows[:, X1] - rows[:, X0]
    split = bool(np.all(np.abs(widths - widths[0]) < 0.05))
    use = rows if split else rows[codes != ord(ZWNJ)]
    if len(use) == 0:
        use = rows
    return np.array([use[:, X0].min(), use[:, Y0].min(), use[:, X1].max(), use[:, Y1].max()]), split


_HEH_YEH = ord("\N{ARABIC LETTER HEH WITH YEH ABOVE}")
_AE = ord("\N{ARABIC LETTER AE}")
#: Letters of Kurdish (and Uyghur) that Persian never uses: where they appear, AE is a letter.
_KURDISH = np.array([ord(c) for c in "ڵڕۆێڤێۇۈۋې"], dtype=np.int64)
_SOLIDUS_OVERLAYS = np.array([0x0337, 0x0338], dtype=np.int64)
_HEH_DOACHASHMEE = ord("\N{ARABIC LETTER HEH DOACHASHMEE}")
#: Letters of Kurdish and Urdu, which write HEH DOACHASHMEE as a letter of its own.
_KURDISH_URDU = np.concatenate((_KURDISH, np.array([ord(c) for c in "ٹڈڑںےۓ"], dtype=np.int64)))
_FATHATAN = "\N{ARABIC FATHATAN}"
#: Ink height (em) up to which a glyph can be a mark's.
_MARK_HEIGHT = 0.35
_ALEFS = "\N{ARABIC LETTER ALEF}\N{ARABIC LETTER ALEF WITH MADDA ABOVE}\N{ARABIC LETTER ALEF WITH HAMZA ABOVE}" \
    "\N{ARABIC LETTER ALEF WITH HAMZA BELOW}"


def _order_marks_after_base(text: str) -> str:
    """Put combining marks after the first letter of a glyph's text (Typst writes ``ٔه`` for ``هٔ``).

    >>> _order_marks_after_base("\N{ARABIC HAMZA ABOVE}ه") == "ه\N{ARABIC HAMZA ABOVE}"
    True
    >>> turned = "\N{ARABIC KASRA}ه\N{ARABIC FATHA}\N{ARABIC SHADDA}لل"
    >>> _order_marks_after_base(turned) == "لل\N{ARABIC SHADDA}\N{ARABIC FATHA}ه\N{ARABIC KASRA}"
    True
    """
    lead = 0
    while lead < len(text) and is_mark(text[lead]):
        lead += 1
    if lead == 0 or lead == len(text):
        return text
    if sum(not is_mark(c) for c in text) > 1:
        # several letters and a mark first: the whole text came last character first (pdfium turns a
        # right-to-left glyph's text round), each mark before its letter; turned back, each follows it
        return text[::-1]
    return text[lead] + text[:lead] + text[lead + 1:]


def _is_kashida(flat: np.ndarray, on_baseline: np.ndarray, wide: np.ndarray, dash_like: np.ndarray) -> np.ndarray:
    """A flat stroke on the baseline is a kashida, whatever character the font maps it to.

    LibreOffice justifies Persian by stretching words with kashida glyphs that some fonts map to
    control characters and others to digits. A dash or an underscore is flat too, but keeps its own
    character class (``dash_like``) and does not sit on the baseline.
    """
    kashida: np.ndarray = flat & on_baseline & wide & ~dash_like
    return kashida


@dataclass(frozen=True, slots=True)
class _Glyphs:
    texts: list[str]
    raw_texts: list[str]
    first_row: np.ndarray
    raw_length: np.ndarray
    code: np.ndarray
    length: np.ndarray
    zwnj_before: np.ndarray
    zwnj_after: np.ndarray
    box: np.ndarray
    loose: np.ndarray
    origin: np.ndarray
    size: np.ndarray
    font: np.ndarray
    kind: np.ndarray
    unmapped: np.ndarray


def _read_glyphs(raw: RawPage) -> _Glyphs:
    """Glyphs of a page from its character rows (see the module docstring)."""
    t = tables()
    chars = raw.chars
    codes = chars[:, CODE].astype(np.int64)
    # code 0: pdfium's reading of a ToUnicode entry to U+FFFF, which producers write for the font's
    # missing glyph (.notdef). Drawn with ink it is the box a reader sees in place of a character the
    # font lacks: U+FFFD says so. Without ink it shows a blank as wide as its advance: a space.
    missing = (codes == 0) & (chars[:, GENERATED] != 1)
    ink = 0.05 * np.maximum(chars[:, SIZE], 1.0)
    notdef = missing & (chars[:, X1] - chars[:, X0] > ink) & (chars[:, Y1] - chars[:, Y0] > ink)
    codes[notdef] = 0xFFFD
    codes[missing & ~notdef] = 0x20
    bmp = np.minimum(codes, 0xFFFF)
    t.cover(bmp)
    em_row = np.where(chars[:, SIZE] > 0.5, chars[:, SIZE], 1.0)
    keep = (chars[:, GENERATED] != 1) & (codes > 0)
    keep &= ~(t.space[bmp] & (chars[:, X1] - chars[:, X0] < 0.05 * em_row))
    keep &= ~t.drop[bmp] | (bmp == ord(ZWNJ))
    rows = np.flatnonzero(keep)
    is_space = t.space[bmp[rows]]
    ids = _glyph_ids(chars, rows, is_space)
    order = np.lexsort((rows, ids))
    rows, ids = rows[order], ids[order]
    starts = np.flatnonzero(np.concatenate(([True], ids[1:] != ids[:-1]))) if len(rows) else rows
    count = len(starts)
    lengths = np.diff(np.concatenate((starts, [len(rows)])))
    row_chars = np.array(list(codes[rows].astype("<u4").tobytes().decode("utf-32-le", errors="replace")),
                         dtype=object)
    raw_texts = row_chars[starts].tolist() if count else []
    for g in np.flatnonzero(lengths > 1).tolist():
        raw_texts[g] = "".join(row_chars[starts[g]: starts[g] + lengths[g]])
    first = rows[starts] if count else rows
    r = chars[rows]
    box = np.column_stack([np.minimum.reduceat(r[:, X0], starts), np.minimum.reduceat(r[:, Y0], starts),
                           np.maximum.reduceat(r[:, X1], starts), np.maximum.reduceat(r[:, Y1], starts)]) \
        if count else np.zeros((0, 4))
    with_zwnj = np.flatnonzero(np.logical_or.reduceat(bmp[rows] == ord(ZWNJ), starts) & (lengths > 1)) \
        if count else np.zeros(0, dtype=np.int64)
    zwnj_before = np.zeros(count, dtype=bool)
    zwnj_after = np.zeros(count, dtype=bool)
    for g in with_zwnj.tolist():
        box[g], one_glyph = _ink_without_zwnj(r[starts[g]: starts[g] + lengths[g]],
                                              bmp[rows[starts[g]: starts[g] + lengths[g]]])
        zwnj_before[g], zwnj_after[g] = one_glyph, not one_glyph
    # the advance box: from the pen position (origin) to where the loose box (ink and advance) ends;
    # where pdfium gives an origin outside the glyph's own box (a whole text object sharing one
    # origin), the loose box's left edge stands in for it
    plausible = (r[:, OX] >= r[:, LX0] - 1.0) & (r[:, OX] <= r[:, LX1])
    pen = np.where(plausible, r[:, OX], r[:, LX0])
    loose = np.column_stack([np.minimum.reduceat(pen, starts),
                             np.maximum.reduceat(np.maximum(r[:, LX1], pen), starts)]) \
        if count else np.zeros((0, 2))
    control = np.logical_or.reduceat(t.control[bmp[rows]], starts) if count else np.zeros(0, dtype=bool)
    size = chars[first, SIZE]
    size = np.where(size > 0.5, size, np.maximum(box[:, 3] - box[:, 1], 1.0))

    code = bmp[first].copy()
    length = np.ones(count, dtype=np.int64)
    special = (lengths > 1) | t.presentation[bmp[first]] | (bmp[first] == _HEH_YEH)
    texts = list(raw_texts)
    # Persian fonts that map heh's final form (before a ZWNJ) to AE: heh, and a ZWNJ after it
    ae = (bmp[first] == _AE) & (lengths == 1)
    if ae.any() and not np.isin(bmp, _KURDISH).any():
        for g in np.flatnonzero(ae).tolist():
            texts[g] = "\N{ARABIC LETTER HEH}"
        code[ae] = ord("\N{ARABIC LETTER HEH}")
        zwnj_after |= ae
    # a slash mapped to a combining solidus (XB Niloofar through XeTeX: "http:\u0338\u0338"): a mark
    # glyph has no advance of its own, this one has
    solidus = np.isin(bmp[first], _SOLIDUS_OVERLAYS) & (lengths == 1)
    if solidus.any():
        solidus &= (loose[:, 1] - chars[first, OX]) >= 0.15 * size
        for g in np.flatnonzero(solidus).tolist():
            texts[g] = "/"
        code[solidus] = ord("/")
    # fonts (seen through Quartz) that map every heh to HEH DOACHASHMEE, which Persian never writes
    doachashmee = (bmp[first] == _HEH_DOACHASHMEE) & (lengths == 1)
    if doachashmee.any() and not np.isin(bmp, _KURDISH_URDU).any():
        for g in np.flatnonzero(doachashmee).tolist():
            texts[g] = "\N{ARABIC LETTER HEH}"
        code[doachashmee] = ord("\N{ARABIC LETTER HEH}")
    new_codes: list[int] = []
    for g in np.flatnonzero(special).tolist():
        # a ZWNJ sharing a letter's origin is kept as a flag on the glyph (zwnj_before, zwnj_after)
        text = raw_texts[g].replace(ZWNJ, "") if lengths[g] > 1 else raw_texts[g]
        text = fix_cluster_text(_order_marks_after_base(text))
        texts[g] = text
        code[g] = min(ord(text[0]), 0xFFFF) if text else 0
        length[g] = len(text)
        new_codes.extend(min(ord(c), 0xFFFF) for c in text)
    if new_codes:
        t.cover(np.array(new_codes, dtype=np.int64))
    kind = np.where(t.space[bmp[first]] & (lengths == 1), SPACE, TEXT).astype(np.int8)
    height = box[:, 3] - box[:, 1]
    flat = (height <= 0.1 * size) & (height > 0.01 * size) & (bmp[first] != ord(ZWNJ))
    on_baseline = np.abs(box[:, 1] - chars[first, OY]) <= 0.08 * size
    # a kashida is a stroke: well wider than tall (a period is as tall as it is wide)
    wide = ((box[:, 2] - box[:, 0]) >= 0.1 * size) & ((box[:, 2] - box[:, 0]) >= 2.0 * height)
    kashida = _is_kashida(flat, on_baseline, wide, t.dash_like[bmp[first]]) & (lengths == 1)
    kind[control | kashida] = JOINER
    for g in np.flatnonzero(kind == JOINER).tolist():
        texts[g] = ""
    length[kind == JOINER] = 0

    unmapped = (chars[first, MAP_ERROR] == 1) | notdef[first]
    kind[(length == 0) & (kind == TEXT)] = DROPPED
    return _Glyphs(texts, raw_texts, first, lengths, code, length, zwnj_before, zwnj_after, box, loose,
                   np.column_stack((chars[first, OX], chars[first, OY])), size,
                   chars[first, FONT].astype(np.int64), kind, unmapped & (kind == TEXT))


def _drop_repeated(texts: list[str], box: np.ndarray, kinds: np.ndarray, candidates: np.ndarray,
                   size: np.ndarray) -> None:
    """Drop a mark glyph that repeats text of the letters it sits on.

    Typst (and Chromium, on some ligatures) maps every glyph of a letter-plus-marks cluster to the
    whole cluster's text or to part of it: ``هٔ`` twice, the tanwin of ``لاً`` as ``اً`` beside the
    ligature's ``لاً``, each mark of ``اللّهِ`` as the whole word. A glyph of several characters with a
    mark among them, small (ink at most :data:`_MARK_HEIGHT` em high) and mostly inside the width
    of a larger glyph whose characters include all of its own, is that larger glyph's mark: its kind
    becomes :data:`DROPPED`.
    """
    members = [g for g in candidates.tolist() if kinds[g] == TEXT and any(is_mark(c) for c in texts[g])]
    if not members:
        return
    width = box[:, 2] - box[:, 0]
    height = box[:, 3] - box[:, 1]
    for g in members:
        if height[g] > _MARK_HEIGHT * max(float(size[g]), 1.0):
            continue
        mine = Counter(texts[g])
        near = np.flatnonzero((box[:, 2] > box[g, 0]) & (box[:, 0] < box[g, 2])
                              & (np.abs(box[:, 1] - box[g, 1]) < 2.0 * max(float(size[g]), 1.0)))
        for h in near.tolist():
            if h == g or kinds[h] != TEXT or len(texts[h]) < len(texts[g]):
                continue
            overlap = min(box[g, 2], box[h, 2]) - max(box[g, 0], box[h, 0])
            bigger = width[h] * height[h] > width[g] * height[g]
            if bigger and overlap >= 0.5 * min(width[g], width[h]) and not mine - Counter(texts[h]):
                kinds[g] = DROPPED
                break


def _stream_bases(marks: np.ndarray, box: np.ndarray, origin: np.ndarray, size: np.ndarray,
                  base_ok: np.ndarray) -> np.ndarray:
    """For each mark, the glyph before it in the stream if the mark sits on it (else -1): the usual case."""
    found = np.full(len(marks), -1, dtype=np.int64)
    before = marks - 1
    valid = before >= 0
    before = np.maximum(before, 0)
    em = np.maximum(size[marks], 1.0)
    centre = (box[marks, 0] + box[marks, 2]) / 2
    hit = valid & base_ok[before] & (np.abs(origin[before, 1] - origin[marks, 1]) < 1.2 * em)
    hit &= (box[before, 0] - 0.05 * em <= centre) & (centre <= box[before, 2] + 0.05 * em)
    found[hit] = before[hit]
    return found


_MARK_WINDOW = 400


def _find_base(mark: int, box: np.ndarray, origin: np.ndarray, size: np.ndarray, base_ok: np.ndarray,
               texts: list[str] | None = None) -> int:
    """The glyph a mark sits on: a stream neighbour it overlaps, else the best overlap nearby, else -1."""
    # look among the glyphs near the mark in the stream: a mark drawn apart from its letter is still
    # drawn within its line, and a window keeps the search from growing with the page
    lo, hi = max(0, mark - _MARK_WINDOW), min(len(box), mark + _MARK_WINDOW + 1)
    found = _find_base_in(mark - lo, box[lo:hi], origin[lo:hi], size[lo:hi], base_ok[lo:hi],
                          texts[lo:hi] if texts is not None else None)
    return found + lo if found >= 0 else -1


def _find_base_in(mark: int, box: np.ndarray, origin: np.ndarray, size: np.ndarray, base_ok: np.ndarray,
                  texts: list[str] | None = None) -> int:
    """The letter under (or over) a mark: among the letters of its line that its ink overlaps, the one
    whose middle is nearest the mark's middle (tanwin fath prefers alef, where it is written)."""
    mx0, my0, mx1, my1 = box[mark]
    centre = (mx0 + mx1) / 2
    em = max(size[mark], 1.0)
    overlap = np.minimum(box[:, 2], mx1) - np.maximum(box[:, 0], mx0)
    rise = np.abs(origin[:, 1] - origin[mark, 1])
    beside = (box[:, 1] - 0.8 * em <= (my0 + my1) / 2) & ((my0 + my1) / 2 <= box[:, 3] + 0.8 * em)
    beside &= base_ok & (overlap > -0.1 * em)
    # letters on the mark's own baseline first: with tight leading the line above is as close in ink
    candidates = np.flatnonzero(beside & (rise < 0.4 * em))
    if len(candidates) == 0:
        candidates = np.flatnonzero(beside & (rise < 1.2 * em))
    if len(candidates) == 0:
        return -1
    if texts is not None and texts[mark] == _FATHATAN:
        # tanwin fath is written on alef (اً); a narrow alef overlaps less than its wide neighbour
        alefs = [int(c) for c in candidates.tolist() if texts[c][:1] in _ALEFS]
        if alefs:
            return max(alefs, key=lambda c: overlap[c])
    distance = np.abs((box[candidates, 0] + box[candidates, 2]) / 2 - centre)
    under = (box[candidates, 0] <= centre) & (centre <= box[candidates, 2])
    if under.any():
        return int(candidates[under][np.argmin(distance[under])])
    # no letter right under it: the letter just before it in the stream, as logical producers write
    if mark > 0 and base_ok[mark - 1] and box[mark - 1, 0] - 0.35 * em <= centre <= box[mark - 1, 2] + 0.35 * em:
        return mark - 1
    return int(candidates[np.argmin(distance)])


def _class_of(text: str) -> int:
    return _CLASS_CODES.get(token_class(text), B_OTHER)


def build_clusters(raw: RawPage) -> Clusters:
    """Glyphs and clusters of a page, in content-stream order."""
    t = tables()
    glyphs = _read_glyphs(raw)
    texts, box, kind = glyphs.texts, glyphs.box, glyphs.kind
    count = len(texts)
    table = GlyphTable(glyphs.raw_texts, box, glyphs.font, raw.fonts, glyphs.size, glyphs.unmapped)
    bmp_first = glyphs.code
    multi = glyphs.length > 1
    mark_only = (kind == TEXT) & t.mark[bmp_first] & ~multi
    multi_idx = np.flatnonzero(multi)
    for g in multi_idx.tolist():
        mark_only[g] = kind[g] == TEXT and all(is_mark(c) for c in texts[g])
    _drop_repeated(texts, box, kind, multi_idx, glyphs.size)

    # attach marks to their base glyphs
    owner = np.arange(count)
    base_ok = ~mark_only & (kind == TEXT)
    marks = np.flatnonzero(mark_only & (kind == TEXT))
    owner[marks] = _stream_bases(marks, box, glyphs.origin, glyphs.size, base_ok)
    for m in marks[owner[marks] < 0].tolist():
        owner[m] = _find_base(m, box, glyphs.origin, glyphs.size, base_ok, texts)
    owner[owner < 0] = np.flatnonzero(owner < 0)
    is_head = (owner == np.arange(count)) & (kind != DROPPED)
    heads = np.flatnonzero(is_head)
    position = np.full(count, -1, dtype=np.int64)
    position[heads] = np.arange(len(heads))
    ctext = np.array(texts, dtype=object)[heads] if count else np.empty(0, dtype=object)
    cbox = box[heads].copy()
    closs = glyphs.loose[heads].copy()
    extra: dict[int, tuple[int, ...]] = {}
    clength = glyphs.length[heads].copy()
    for m in marks.tolist():
        base = int(owner[m])
        if base == m:
            continue
        c = int(position[base])
        ids = extra.get(c, (base,) * len(ctext[c]))
        ctext[c] = ctext[c] + texts[m]
        extra[c] = ids + (m,) * len(texts[m])
        clength[c] = len(ctext[c])
        cbox[c] = (min(cbox[c, 0], box[m, 0]), min(cbox[c, 1], box[m, 1]),
                   max(cbox[c, 2], box[m, 2]), max(cbox[c, 3], box[m, 3]))
        closs[c] = (min(closs[c, 0], glyphs.loose[m, 0]), max(closs[c, 1], glyphs.loose[m, 1]))

    # bidi class and joining at both ends, from tables for one-character clusters
    ckind = kind[heads]
    cfirst = bmp_first[heads]
    bidi = t.bidi[cfirst].astype(np.int8)
    forward = t.forward[cfirst].copy()
    backward = t.backward[cfirst].copy()
    for c in np.flatnonzero(clength != 1).tolist():
        text = ctext[c]
        bidi[c] = _class_of(text) if text else B_OTHER
        last = next((ch for ch in reversed(text) if not is_mark(ch)), "")
        forward[c] = bool(last) and bool(t.forward[min(ord(last), 0xFFFF)])
        backward[c] = bool(text) and bool(t.backward[min(ord(text[0]), 0xFFFF)])
    forward &= ckind == TEXT
    backward &= ckind == TEXT
    # a cluster whose base glyph has no ink near the baseline is a mark's glyph carrying the letter's
    # text (Chromium, Typst): its box says nothing about the letter's joins
    inked = box[heads, 1] <= glyphs.origin[heads, 1] + 0.3 * glyphs.size[heads]
    return Clusters(text=ctext, length=clength, first=cfirst, head=heads, extra=extra, box=cbox, loose=closs,
                    origin=glyphs.origin[heads],
                    size=glyphs.size[heads], kind=ckind, bidi=bidi,
                    forward=forward, backward=backward, inked=inked,
                    zwnj_before=glyphs.zwnj_before[heads], zwnj_after=glyphs.zwnj_after[heads],
                    multi=np.flatnonzero(glyphs.raw_length > 1), glyph_row=glyphs.first_row, table=table,
                    unmapped=int(glyphs.unmapped.sum()))
