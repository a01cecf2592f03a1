"""Spaces and ZWNJ read from the gaps between neighbouring glyphs.

Measured on the shared material (``design/FIELD_NOTES.md`` and kaghaz's own measurements):

- **Spaces** show in the *loose* boxes (ink plus advance): letters of one word touch or overlap
  there (gap at most about 0.05 em), words are apart by the width of a space (0.12 em and more), also
  where a producer drew no space glyph at all (Chromium).
- **ZWNJ** shows in the *tight ink* boxes: two joined letters overlap (median gap -0.02 to -0.05 em);
  a letter that joins forward but is stopped by a ZWNJ leaves a small positive gap (median 0.075 to
  0.12 em), while its advance box still touches the next letter's. After a right-joining letter
  (ا د ذ ر ز ژ و) the gap is there anyway, so a ZWNJ cannot be seen and only the text layer can tell.
"""

from __future__ import annotations

import numpy as np

from kaghaz.layout.glyphs import TEXT, Clusters
from kaghaz.layout.tables import B_L, B_R

#: A gap of at least this many em between advance boxes is a space.
SPACE_GAP = 0.11
#: Where the producer drew a space glyph in the gap, a gap of this many em is enough.
DRAWN_SPACE_GAP = 0.04
#: An ink gap this wide is a space even where loose boxes touch (fonts with wrong advance widths).
INK_SPACE_GAP = 9.0
#: Between a letter that joins forward and the next letter, an ink gap of more than this is a ZWNJ.
ZWNJ_GAP = 0.02
#: Above this many em of ink gap, a gap is too wide to be a ZWNJ.
ZWNJ_MAX = 0.2

#: Bounds of a space threshold read from a document's own gaps (:func:`calibrate_space_gap`).
SPACE_GAP_RANGE = (0.06, 0.25)


def calibrate_space_gap(gaps: np.ndarray) -> float:
    """The space threshold for one document: the middle of the emptiest stretch between its gaps.

    Letters of one word leave advance gaps near zero and words gaps of a space's width, which differs
    from font to font (0.15 em in Noto Naskh, 0.25 em in Nazli) and from producer to producer (Quartz
    spreads letters of a justified line up to 0.13 em apart). The longest run of nearly empty
    0.01 em bins between 0.03 and 0.5 em is the valley between the two; its middle, kept within
    :data:`SPACE_GAP_RANGE`, is the threshold. With too few gaps to see a valley: :data:`SPACE_GAP`.

    >>> gaps = np.array([0.0] * 500 + [0.01] * 300 + [0.24] * 200 + [0.26] * 100)
    >>> 0.1 < calibrate_space_gap(gaps) < 0.2
    True
    """
    gaps = gaps[np.isfinite(gaps)]
    if len(gaps) < 200:
        return SPACE_GAP
    counts, edges = np.histogram(gaps, bins=np.arange(0.03, 0.505, 0.01))
    sparse = counts <= max(1, int(0.002 * len(gaps)))
    # mass to the right of each bin: the valley must lie below the spaces, not beyond them
    beyond = np.concatenate((np.cumsum(counts[::-1])[::-1], [0])) + int((gaps >= edges[-1]).sum())
    enough = max(20, int(0.05 * len(gaps)))
    best_start, best_length, start = -1, 0, -1
    for index, empty in enumerate([*sparse.tolist(), False]):
        if empty and start < 0:
            start = index
        elif not empty and start >= 0:
            if index - start > best_length and beyond[index] >= enough:
                best_start, best_length = start, index - start
            start = -1
    if best_length < 3:
        return SPACE_GAP
    middle = (edges[best_start] + edges[best_start + best_length]) / 2
    return float(min(max(middle, SPACE_GAP_RANGE[0]), SPACE_GAP_RANGE[1]))


#: Separator codes returned by :func:`separators`.
NONE, SPACE_SEP, ZWNJ_SEP = 0, 1, 2


def separators(visual: np.ndarray, clusters: Clusters, em: np.ndarray, offset: np.ndarray | None = None,
               drawn: np.ndarray | None = None, same_line: np.ndarray | None = None,
               script_spaces: bool = False) -> np.ndarray:
    """What stands between each pair of neighbouring clusters (given left to right).

    ``result[k]`` goes between ``visual[k]`` and ``visual[k + 1]``: :data:`NONE`, :data:`SPACE_SEP` or
    :data:`ZWNJ_SEP`. ``em`` is the font size per element; ``offset`` (per element) is added to x
    coordinates so that several lines can be measured in one array without their running maxima
    mixing (the caller ignores the gaps between lines); ``drawn`` (per gap) tells where a space glyph
    lies in the gap, which lowers the width a space needs; ``same_line`` (per gap) marks the gaps
    that lie within a line, whose widths calibrate the space threshold. In right-to-left text the right cluster comes
    first, so a ZWNJ needs the right one to join forward and the left one to join backward.
    With ``script_spaces`` (a producer that drops the space where a Latin run meets a Persian one), a
    Latin letter and a Persian letter side by side are apart by a space.
    """
    count = len(visual)
    out = np.zeros(max(count - 1, 0), dtype=np.int8)
    if count < 2:
        return out
    shift = offset if offset is not None else np.zeros(count)
    scale = np.maximum(em[:-1], 1.0)
    box = clusters.box[visual]
    reach = np.maximum.accumulate(box[:, 2] + shift)
    gap = (box[1:, 0] + shift[1:] - reach[:-1]) / scale
    loose = clusters.loose[visual]
    loose_reach = np.maximum.accumulate(loose[:, 1] + shift)
    loose_gap = (loose[1:, 0] + shift[1:] - loose_reach[:-1]) / scale
    text = clusters.kind[visual] == TEXT
    both = text[1:] & text[:-1]
    inside = both if same_line is None else both & same_line
    threshold = calibrate_space_gap(loose_gap[inside])
    needed = np.where(drawn, DRAWN_SPACE_GAP, threshold) if drawn is not None else threshold
    spaced = both & ((loose_gap >= needed) | (gap >= INK_SPACE_GAP))
    out[spaced] = SPACE_SEP
    left, right = visual[:-1], visual[1:]
    zwnj = both & ~spaced & (gap > ZWNJ_GAP) & (gap < ZWNJ_MAX) & clusters.forward[right] & clusters.backward[left]
    zwnj &= clusters.inked[right] & clusters.inked[left]
    # the text layer's own ZWNJ, where the letter before joins forward (seen or not on the page)
    zwnj |= both & ~spaced & ((clusters.zwnj_before[left] & clusters.forward[right]) | clusters.zwnj_after[right])
    out[zwnj] = ZWNJ_SEP
    if script_spaces:
        bidi = clusters.bidi
        script = ((bidi[left] == B_L) & (bidi[right] == B_R)) | ((bidi[left] == B_R) & (bidi[right] == B_L))
        out[both & (out == NONE) & script] = SPACE_SEP
    return out
