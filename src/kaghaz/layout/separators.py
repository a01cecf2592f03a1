"""Spaces and ZWNJ read from the gaps between neighbouring glyphs.

Measured on the shared material (``design/FIELD_NOTES.md``): with tight ink boxes, in units of the
font size (em), two joined letters overlap (median gap -0.02 to -0.05 em); a letter that joins forward
but is stopped by a ZWNJ leaves a small positive gap (median 0.075 to 0.12 em); a real space leaves at
least about 0.2 em. After a right-joining letter (ا د ذ ر ز ژ و) the gap is positive anyway, so there a
ZWNJ cannot be seen and only the text layer can tell.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kaghaz.chars import ZWNJ, is_mark, joins_backward, joins_forward
from kaghaz.layout.glyphs import JOINER, SPACE, TEXT, Clusters

#: A gap of at least this many em between glyphs is a space.
SPACE_GAP = 0.17
#: Between a letter that joins forward and the next letter, a gap of more than this many em is a ZWNJ.
ZWNJ_GAP = 0.02


def _last_base(text: str) -> str:
    for char in reversed(text):
        if not is_mark(char):
            return char
    return ""


@dataclass(frozen=True, slots=True)
class Gaps:
    """Per-cluster facts the gap rules need: does its text join forward (at its logical end), does
    it join backward (at its logical start)."""

    forward: np.ndarray
    backward: np.ndarray

    @classmethod
    def measure(cls, clusters: Clusters, texts: list[str]) -> Gaps:
        forward = np.array([bool(t) and joins_forward(_last_base(t)) for t in texts], dtype=bool)
        backward = np.array([bool(t) and joins_backward(t[0]) for t in texts], dtype=bool)
        return cls(forward, backward)


def separators(visual: np.ndarray, clusters: Clusters, texts: list[str], gaps: Gaps, em: float) -> list[str]:
    """What stands between each pair of neighbouring clusters of a line (given left to right).

    ``result[k]`` goes between ``visual[k]`` and ``visual[k + 1]``: ``""``, ``" "`` or a ZWNJ.
    """
    count = len(visual)
    if count < 2:
        return []
    box = clusters.box[visual]
    reach = np.maximum.accumulate(box[:, 2])
    gap = (box[1:, 0] - reach[:-1]) / max(em, 1.0)
    kind = clusters.kind[visual]
    out = [""] * (count - 1)
    for k in np.flatnonzero(gap >= SPACE_GAP).tolist():
        if kind[k] == TEXT and kind[k + 1] == TEXT:
            out[k] = " "
    left, right = visual[:-1], visual[1:]
    # in right-to-left text the right glyph comes first: ZWNJ after it if it joins forward
    candidates = (gap > ZWNJ_GAP) & (gap < SPACE_GAP) & gaps.forward[right] & gaps.backward[left]
    for k in np.flatnonzero(candidates).tolist():
        if kind[k] == TEXT and kind[k + 1] == TEXT:
            out[k] = ZWNJ
    # a ZWNJ the text layer has, where geometry cannot see one (after a right-joining letter)
    flagged = clusters.zwnj_before
    for k in range(count - 1):
        a, b = int(left[k]), int(right[k])
        if out[k] or kind[k] == JOINER or kind[k + 1] == JOINER or kind[k] == SPACE or kind[k + 1] == SPACE:
            continue
        stream_next = a if clusters.order[a] > clusters.order[b] else b
        if flagged[stream_next] and not gaps.forward[b] and gaps.backward[a]:
            out[k] = ZWNJ
    return out
