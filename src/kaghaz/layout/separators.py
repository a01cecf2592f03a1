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

#: Separator codes returned by :func:`separators`.
NONE, SPACE_SEP, ZWNJ_SEP = 0, 1, 2


def separators(visual: np.ndarray, clusters: Clusters, em: np.ndarray, offset: np.ndarray | None = None,
               drawn: np.ndarray | None = None) -> np.ndarray:
    """What stands between each pair of neighbouring clusters (given left to right).

    ``result[k]`` goes between ``visual[k]`` and ``visual[k + 1]``: :data:`NONE`, :data:`SPACE_SEP` or
    :data:`ZWNJ_SEP`. ``em`` is the font size per element; ``offset`` (per element) is added to x
    coordinates so that several lines can be measured in one array without their running maxima
    mixing (the caller ignores the gaps between lines); ``drawn`` (per gap) tells where a space glyph
    lies in the gap, which lowers the width a space needs. In right-to-left text the right cluster comes
    first, so a ZWNJ needs the right one to join forward and the left one to join backward.
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
    needed = np.where(drawn, DRAWN_SPACE_GAP, SPACE_GAP) if drawn is not None else SPACE_GAP
    spaced = both & ((loose_gap >= needed) | (gap >= INK_SPACE_GAP))
    out[spaced] = SPACE_SEP
    left, right = visual[:-1], visual[1:]
    zwnj = both & ~spaced & (gap > ZWNJ_GAP) & (gap < ZWNJ_MAX) & clusters.forward[right] & clusters.backward[left]
    zwnj &= clusters.inked[right] & clusters.inked[left]
    # the text layer's own ZWNJ, where the letter before joins forward (seen or not on the page)
    zwnj |= both & ~spaced & ((clusters.zwnj_before[left] & clusters.forward[right]) | clusters.zwnj_after[right])
    out[zwnj] = ZWNJ_SEP
    return out
