"""Visual order to logical order: the inverse of the Unicode bidi algorithm, on glyph clusters.

A PDF draws a line left to right; the text a reader types runs right to left with embedded runs of
digits and Latin that run left to right. The Unicode bidi algorithm (UAX #9) maps logical order to
visual order by giving each character an embedding level and reversing every run at or above each
level. Those reversals commute and each is its own inverse, so the same reversals, applied to the
visual sequence with the same levels, give back the logical order. What needs care is resolving the
levels from the *visual* sequence, where "before" in the logical sense is to the right inside a
right-to-left run. python-bidi implements the forward direction only, so this inverse is written
here; the tests check it against python-bidi's forward ``get_display`` on generated lines.

Units are clusters (a glyph with its marks; a ligature glyph keeps its characters in their order),
never single characters, so a lam-alef or a letter with its tanwin is never split.

Deliberately simplified: explicit embeddings and isolates do not exist in a PDF's drawn glyphs; the
rare sequences that two logical orders render identically (a number between a Latin and a Persian
word) are settled towards the common Persian case: Persian digits belong to the Persian text around
them, ASCII digits next to Latin belong to the Latin run.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from kaghaz.chars import ZWNJ

# Token classes: strong right-to-left (R, which here includes AL), strong left-to-right (L),
# European and Arabic numbers, separators and terminators of numbers, and neutrals.
R, L, EN, AN, ES, CS, ET, ON = "R", "L", "EN", "AN", "ES", "CS", "ET", "ON"

_BIDI_TO_TOKEN = {"R": R, "AL": R, "L": L, "EN": EN, "AN": AN, "ES": ES, "CS": CS, "ET": ET}


def token_class(text: str) -> str:
    """The bidi class of a cluster's text: its first strong character, else its first character.

    >>> token_class("لا"), token_class("a"), token_class("۴"), token_class("٤"), token_class("("), token_class(" ")
    ('R', 'L', 'EN', 'AN', 'ON', 'ON')
    """
    first_weak = ON
    for index, char in enumerate(text):
        if char == ZWNJ:
            continue
        bidi = unicodedata.bidirectional(char)
        if bidi in ("R", "AL"):
            return R
        if bidi == "L":
            return L
        if index == 0 or first_weak == ON:
            mapped = _BIDI_TO_TOKEN.get(bidi, ON)
            if bidi != "NSM":
                first_weak = mapped if first_weak == ON else first_weak
    return first_weak


def _nearest_strong(classes: Sequence[str], start: int, step: int, edge: str) -> str:
    """The first strong class (R or L) from ``start`` walking by ``step``, or ``edge`` at the end."""
    i = start
    while 0 <= i < len(classes):
        if classes[i] in (R, L):
            return classes[i]
        i += step
    return edge


def _resolve_numbers(classes: list[str], ascii_digits: Sequence[bool], rtl: bool,
                     sizes: Sequence[int] | None = None) -> list[str]:
    """Weak rules W2-W7 on the visual sequence, for either paragraph direction.

    ``classes`` may be runs of equal tokens; ``sizes`` then gives each run's length (W4 converts a
    separator only when it stands alone between two numbers).
    """
    count = len(classes)
    edge = R if rtl else L
    resolved = list(classes)
    for i, cls in enumerate(classes):
        if cls != EN:
            continue
        left = _nearest_strong(classes, i - 1, -1, edge)
        right = _nearest_strong(classes, i + 1, 1, edge)
        if rtl:
            # logical "before" is to the right inside RTL text, to the left inside a Latin run
            if left == L and (right == L or ascii_digits[i]):
                resolved[i] = L
            elif right == R:
                resolved[i] = AN
        else:
            # logical "before" is to the left, except inside a right-to-left run
            resolved[i] = AN if left == R else L
    # W4: one separator between two numbers of the same type; W5: terminators next to EN
    for i in range(1, count - 1):
        cls, before, after = resolved[i], resolved[i - 1], resolved[i + 1]
        single = sizes is None or sizes[i] == 1
        if single and cls == CS and before == after and before in (EN, AN):
            resolved[i] = before
        elif single and cls == ES and before == after == EN:
            resolved[i] = EN
    for i, cls in enumerate(resolved):
        if cls == ET:
            j = i
            while j < count and resolved[j] == ET:
                j += 1
            k = i
            while k >= 0 and resolved[k] == ET:
                k -= 1
            if (j < count and resolved[j] == EN) or (k >= 0 and resolved[k] == EN):
                resolved[i] = EN
    return [c if c in (R, L, EN, AN) else ON for c in resolved]


def _runs(classes: Sequence[str], ascii_digits: Sequence[bool]) -> tuple[list[str], list[bool], list[int]]:
    """Consecutive tokens of one class (and one kind of digit) as runs: classes, digit kinds, lengths."""
    run_classes: list[str] = []
    run_ascii: list[bool] = []
    sizes: list[int] = []
    for cls, digit in zip(classes, ascii_digits, strict=True):
        if run_classes and run_classes[-1] == cls and run_ascii[-1] == digit:
            sizes[-1] += 1
        else:
            run_classes.append(cls)
            run_ascii.append(digit)
            sizes.append(1)
    return run_classes, run_ascii, sizes


def resolve_levels(classes: Sequence[str], rtl: bool, ascii_digits: Sequence[bool] | None = None) -> list[int]:
    """Embedding levels of tokens in visual order, for a line whose base direction is RTL or LTR.

    >>> resolve_levels(["R", "ON", "EN", "EN", "ON", "R"], rtl=True)
    [1, 1, 2, 2, 1, 1]
    >>> resolve_levels(["L", "ON", "L", "ON", "R"], rtl=True)
    [2, 2, 2, 1, 1]
    """
    if ascii_digits is None:
        ascii_digits = [False] * len(classes)
    run_classes, run_ascii, sizes = _runs(classes, ascii_digits)
    run_levels = _run_levels(run_classes, run_ascii, sizes, rtl)
    return [level for level, size in zip(run_levels, sizes, strict=True) for _ in range(size)]


def _run_levels(classes: Sequence[str], ascii_digits: Sequence[bool], sizes: Sequence[int], rtl: bool) -> list[int]:
    """:func:`resolve_levels` on runs of equal tokens."""
    count = len(classes)
    resolved = _resolve_numbers(list(classes), ascii_digits, rtl, sizes)
    base = 1 if rtl else 0
    levels = [base] * count
    for i, cls in enumerate(resolved):
        if cls == R:
            levels[i] = 1
        elif cls == L:
            levels[i] = 2 if rtl else 0
        elif cls in (EN, AN):
            levels[i] = 2
    # N1/N2: neutrals take the direction of the strong context on both sides, else the base
    edge = R if rtl else L
    i = 0
    while i < count:
        if resolved[i] != ON:
            i += 1
            continue
        j = i
        while j < count and resolved[j] == ON:
            j += 1
        left = resolved[i - 1] if i > 0 else edge
        right = resolved[j] if j < count else edge
        left_dir = L if left == L else R
        right_dir = L if right == L else R
        level = ((2 if rtl else 0) if left_dir == L else 1) if left_dir == right_dir else base
        for k in range(i, j):
            levels[k] = level
        i = j
    return levels


def reorder(levels: Sequence[int]) -> list[int]:
    """The permutation that reverses every run at or above each level (its own inverse).

    ``reorder(levels)[k]`` is the index, in the input, of the item that goes to position ``k``.

    >>> reorder([1, 1, 2, 2, 1])
    [4, 2, 3, 1, 0]
    """
    order = list(range(len(levels)))
    if not levels:
        return order
    top = max(levels)
    lowest_odd = min(level for level in levels) | 1
    current = list(levels)
    for level in range(top, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if current[i] >= level:
                j = i
                while j < len(order) and current[j] >= level:
                    j += 1
                order[i:j] = order[i:j][::-1]
                current[i:j] = current[i:j][::-1]
                i = j
            else:
                i += 1
    return order


def classes_to_logical(classes: Sequence[str], ascii_digits: Sequence[bool], rtl: bool) -> tuple[list[int], list[int]]:
    """:func:`visual_to_logical` for tokens whose classes (see :func:`token_class`) are known.

    Works on runs of equal tokens: a run keeps one level, so reordering the runs and reversing the
    ones at odd levels gives the same permutation as reversing token by token.
    """
    if rtl and L not in classes and EN not in classes and AN not in classes:
        return list(range(len(classes) - 1, -1, -1)), [1] * len(classes)
    if not rtl and R not in classes and AN not in classes:
        return list(range(len(classes))), [0] * len(classes)
    run_classes, run_ascii, sizes = _runs(classes, ascii_digits)
    run_order, run_levels = runs_to_logical(run_classes, run_ascii, sizes, rtl)
    starts = [0] * len(sizes)
    for r in range(1, len(sizes)):
        starts[r] = starts[r - 1] + sizes[r - 1]
    order: list[int] = []
    for r in run_order:
        tokens = range(starts[r], starts[r] + sizes[r])
        order.extend(reversed(tokens) if run_levels[r] % 2 else tokens)
    levels = [level for level, size in zip(run_levels, sizes, strict=True) for _ in range(size)]
    return order, levels


def runs_to_logical(classes: Sequence[str], ascii_digits: Sequence[bool], sizes: Sequence[int],
                    rtl: bool) -> tuple[list[int], list[int]]:
    """Order and levels of runs of equal tokens: reorder the runs; a run at an odd level reads reversed."""
    levels = _run_levels(classes, ascii_digits, sizes, rtl)
    return reorder(levels), levels


def visual_to_logical(texts: Sequence[str], rtl: bool) -> tuple[list[int], list[int]]:
    """Logical order of clusters given in visual (left-to-right) order.

    Returns the permutation (indices into ``texts``) and each cluster's level, in input order.

    >>> texts = ["۴", "۰", "۵", " ", "و", "ژ", "پ"]   # what a page shows, left to right
    >>> order, _ = visual_to_logical(texts, rtl=True)
    >>> "".join(texts[i] for i in order) == "پژو ۴۰۵"
    True
    """
    classes = [token_class(t) for t in texts]
    ascii_digits = [bool(t) and t[0].isascii() and t[0].isdigit() for t in texts]
    return classes_to_logical(classes, ascii_digits, rtl)


def line_is_rtl(texts: Sequence[str]) -> bool:
    """Base direction of a line from its strong characters: RTL unless Latin dominates.

    >>> line_is_rtl(["س", "ل", "a"]), line_is_rtl(["a", "b", "س"])
    (True, False)
    """
    return classes_are_rtl([token_class(text) for text in texts])


def classes_are_rtl(classes: Sequence[str]) -> bool:
    """:func:`line_is_rtl` for tokens whose classes are known."""
    rtl = sum(1 for c in classes if c == R)
    ltr = sum(1 for c in classes if c == L)
    return rtl >= ltr if rtl else False
