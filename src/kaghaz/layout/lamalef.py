"""Lam-alef ligatures that the PDF maps to a lone lam.

Some producers (LibreOffice 3.x with some fonts, measured on the shared real PDFs) write the
ToUnicode entry of the lam-alef ligature glyph as ``ل`` alone: the alef is lost from the text layer,
and because the ligature ends in alef, which never joins forward, the gap after it reads as a ZWNJ.
``کلاسیک`` comes out as ``کل\N{ZERO WIDTH NON-JOINER}سیک``, ``مقالات`` as ``مقال\N{ZERO WIDTH NON-JOINER}ت``,
``معمولاً`` as ``معمولً``.

The page cannot tell such a glyph from a real lam by its text; its shape can, and the words it stands
in say which shape it is. Glyphs that map to ``ل`` are grouped by shape (font, and ink width and height
in em: one glyph of one font always has the same). For each shape, every word where such a glyph is
followed by a ZWNJ that kaghaz inferred, or carries a mark, votes: for lam-alef when the word with an
alef after that lam (and without the gap's ZWNJ) is more common in the shared lexicon than the word as
read, against when it is less common. A shape whose votes are clearly for lam-alef (:data:`MIN_VOTES`
and :data:`MARGIN` times the votes against, or one word known only with the alef and none against)
is read as ``لا`` everywhere in the document, also at the end of a word (``حالا``), where a lone word
cannot tell. A font whose text shows lam followed by alef anywhere in the document keeps its alefs and
is left alone (and the lexicon is not even loaded for it).

Written by hand: no library repairs a PDF's ToUnicode map from the words around a glyph.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import replace

import numpy as np

from kaghaz.chars import ZWNJ, is_mark
from kaghaz.lexicon import Lexicon
from kaghaz.model import Block, GlyphTable, Line, Page

LAM = "\N{ARABIC LETTER LAM}"
ALEF = "\N{ARABIC LETTER ALEF}"
#: Votes a shape needs before it is read as lam-alef.
MIN_VOTES = 2
#: ... and how many times its votes against. One vote is enough where no word votes against and the
#: word as read is unknown while the word with alef is known.
MARGIN = 3
#: Widths and heights (em) within this of each other are one glyph's.
SHAPE_TOLERANCE = 0.015

Shape = tuple[str, float, float]

_LAM_ANYWHERE = re.compile(LAM)
#: A lam followed by a mark or a ZWNJ: the only lams whose words can vote.
_LAM_BEFORE_HINT = re.compile(LAM + "(?=[\u064b-\u065f\u0670\N{ZERO WIDTH NON-JOINER}])")


def shape_of(table: GlyphTable, glyph: int) -> Shape:
    """A glyph's shape: its font, and its ink width and height in em."""
    x0, y0, x1, y1 = (float(v) for v in table.boxes[glyph])
    size = max(float(table.sizes[glyph]), 1.0)
    return _font_name(table, glyph), (x1 - x0) / size, (y1 - y0) / size


def group_shapes(shapes: Sequence[Shape], tolerance: float = SHAPE_TOLERANCE) -> list[int]:
    """A group number per shape: shapes of one font within ``tolerance`` em of a group's first member
    in width and height are one glyph drawn at different places (boxes differ by rounding).

    >>> group_shapes([("F", 0.565, 0.77), ("F", 0.57, 0.771), ("F", 0.22, 0.76), ("G", 0.565, 0.77)])
    [0, 0, 1, 2]
    """
    order = sorted(range(len(shapes)), key=lambda i: shapes[i])
    groups = [0] * len(shapes)
    heads: list[Shape] = []
    for i in order:
        font, width, height = shapes[i]
        if heads and heads[-1][0] == font and abs(heads[-1][1] - width) <= tolerance \
                and abs(heads[-1][2] - height) <= tolerance:
            groups[i] = len(heads) - 1
        else:
            heads.append(shapes[i])
            groups[i] = len(heads) - 1
    # number groups in order of first appearance
    first: dict[int, int] = {}
    return [first.setdefault(g, len(first)) for g in groups]


def _same_shape(a: Shape, b: Shape, tolerance: float = SHAPE_TOLERANCE) -> bool:
    return a[0] == b[0] and abs(a[1] - b[1]) <= tolerance and abs(a[2] - b[2]) <= tolerance


def _lone_lam(text: str) -> bool:
    """True for a glyph text that is a lam and nothing else but marks.

    >>> _lone_lam("ل"), _lone_lam("ل\N{ARABIC FATHATAN}"), _lone_lam("لا")
    (True, True, False)
    """
    return text[:1] == LAM and all(is_mark(c) for c in text[1:])


def with_alef(text: str, at: int, glyph_ids: Sequence[int]) -> tuple[str, tuple[int, ...], int]:
    """``text`` with an alef after the lam at ``at`` (after the lam's marks go onto the alef), and the
    ZWNJ that kaghaz inferred right after it dropped. Returns the text, its glyph ids, and the end of
    the new ``لا`` (marks included) in the new text.

    >>> t, ids, end = with_alef("کل\N{ZERO WIDTH NON-JOINER}سیک", 1, (1, 2, -1, 3, 4, 5))
    >>> t == "کلاسیک", ids, end
    (True, (1, 2, 2, 3, 4, 5), 3)
    >>> with_alef("معمول\N{ARABIC FATHATAN}", 4, (1, 2, 3, 4, 5, 5))[0] == "معمولا\N{ARABIC FATHATAN}"
    True
    """
    end = at + 1
    while end < len(text) and is_mark(text[end]) and glyph_ids[end] == glyph_ids[at]:
        end += 1
    after = end + 1 if end < len(text) and text[end] == ZWNJ and glyph_ids[end] < 0 else end
    new_text = text[:at + 1] + ALEF + text[at + 1:end] + text[after:]
    new_ids = (*glyph_ids[:at + 1], glyph_ids[at], *glyph_ids[at + 1:end], *glyph_ids[after:])
    return new_text, tuple(new_ids), end + 1


def _word_span(text: str, start: int, end: int) -> tuple[int, int]:
    left, right = start, end
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    while right < len(text) and not text[right].isspace():
        right += 1
    return left, right


def _strip_punctuation(word: str) -> str:
    return word.strip(".,،؛:!؟?»«()[]\"'-")


def vote(lexicon: Lexicon, line: Line, at: int) -> int:
    """+1 if the word around the lam at ``at`` reads better with an alef after it (+2 if it is only
    known that way), -1 if worse, 0 if the lexicon knows neither.

    >>> from kaghaz.lexicon import default_lexicon
    >>> from kaghaz.model import BBox, Direction
    >>> line = Line("کل\N{ZERO WIDTH NON-JOINER}سیک", (1, 2, -1, 3, 4, 5), BBox(0, 0, 1, 1), Direction.RTL, 12.0)
    >>> vote(default_lexicon(), line, 1)
    2
    """
    now_left, now_right = _word_span(line.orig, at, at + 1)
    text, _, end = with_alef(line.orig, at, line.glyph_ids)
    new_left, new_right = _word_span(text, at, end)
    before = lexicon.frequency(_strip_punctuation(line.orig[now_left:now_right]))
    after = lexicon.frequency(_strip_punctuation(text[new_left:new_right]))
    if after > before:
        return 2 if before == 0 else 1
    return -1 if before > after else 0


def _font_name(table: GlyphTable, glyph: int) -> str:
    font_id = int(table.font_ids[glyph])
    return table.fonts[font_id] if 0 <= font_id < len(table.fonts) else ""


class _FontOf:
    """A page's glyph -> font name lookup, cheap per glyph (font ids as a plain list)."""

    __slots__ = ("_ids", "_names")

    def __init__(self, table: GlyphTable) -> None:
        self._ids: list[int] = np.asarray(table.font_ids).tolist()
        self._names = table.fonts

    def __getitem__(self, glyph: int) -> str:
        font = self._ids[glyph]
        return self._names[font] if 0 <= font < len(self._names) else ""


def fonts_with_lam_alef(pages: Sequence[Page]) -> set[str]:
    """Fonts whose text already has lam followed by alef somewhere: they do not lose the alef."""
    fonts: set[str] = set()
    for page in pages:
        names: _FontOf | None = None
        for line in page.lines:
            at = line.orig.find(LAM + ALEF)
            while at >= 0:
                if line.glyph_ids[at] >= 0:
                    names = names if names is not None else _FontOf(page.glyphs)
                    fonts.add(names[line.glyph_ids[at]])
                at = line.orig.find(LAM + ALEF, at + 1)
    return fonts


def _lams(pages: Sequence[Page], evidence_only: bool = False) -> Iterator[tuple[int, int, int, int, int]]:
    """(page, block, line, offset, glyph) of every character that is a lone-lam glyph's lam; with
    ``evidence_only``, of those that can vote: followed by a ZWNJ kaghaz inferred, or carrying marks,
    in a font that never shows lam followed by alef."""
    fine = fonts_with_lam_alef(pages) if evidence_only else set()
    for p, page in enumerate(pages):
        texts = page.glyphs.texts
        if evidence_only and fine.issuperset(page.glyphs.fonts):
            continue
        names = _FontOf(page.glyphs)
        for b, block in enumerate(page.blocks):
            for n, line in enumerate(block.lines):
                text, ids = line.orig, line.glyph_ids
                offsets = ([m.start() for m in _LAM_BEFORE_HINT.finditer(text)] if evidence_only
                           else [m.start() for m in _LAM_ANYWHERE.finditer(text)])
                for at in offsets:
                    g = ids[at]
                    if g >= 0 and _lone_lam(texts[g]) and (not evidence_only or (
                            names[g] not in fine and _can_vote(text, ids, at))):
                        yield p, b, n, at, g


def _can_vote(text: str, ids: Sequence[int], at: int) -> bool:
    nxt = at + 1
    while nxt < len(text) and is_mark(text[nxt]):
        nxt += 1
    return nxt > at + 1 or (nxt < len(text) and text[nxt] == ZWNJ and ids[nxt] < 0)


def restore_lam_alef(pages: Sequence[Page], lexicon: Lexicon | None = None) -> list[Page]:
    """The pages with every lone-lam glyph whose shape the document's words show to be lam-alef read
    as ``لا`` (see the module docstring)."""
    # only a lam stopped by an inferred ZWNJ, or carrying a tanwin, can be a lam-alef's evidence
    hints = list(_lams(pages, evidence_only=True))
    if not hints:
        return list(pages)
    if lexicon is None:
        from kaghaz.lexicon import default_lexicon  # loaded only for documents that need it

        lexicon = default_lexicon()
    hint_shapes = [shape_of(pages[item[0]].glyphs, item[4]) for item in hints]
    groups = group_shapes(hint_shapes)
    votes_for: Counter[int] = Counter()
    votes_against: Counter[int] = Counter()
    sure: Counter[int] = Counter()
    for item, group in zip(hints, groups, strict=True):
        p, b, n, at, _ = item
        v = vote(lexicon, pages[p].blocks[b].lines[n], at)
        if v > 0:
            votes_for[group] += 1
            sure[group] += v > 1
        elif v < 0:
            votes_against[group] += 1
    ligature = {s for s, count in votes_for.items()
                if (count >= MIN_VOTES and count >= MARGIN * votes_against[s]) or (sure[s] and not votes_against[s])}
    if not ligature:
        return list(pages)
    # every lone lam of a voted shape, also where its word gave no evidence (word-final: حالا)
    heads = [hint_shapes[groups.index(g)] for g in ligature]
    todo: dict[tuple[int, int, int], list[int]] = {}
    for item in _lams(pages):
        if any(_same_shape(shape_of(pages[item[0]].glyphs, item[4]), head) for head in heads):
            todo.setdefault(item[:3], []).append(item[3])
    out = list(pages)
    for p in sorted({key[0] for key in todo}):
        page = out[p]
        blocks = list(page.blocks)
        for b in sorted({key[1] for key in todo if key[0] == p}):
            lines = list(blocks[b].lines)
            for n in sorted({key[2] for key in todo if key[:2] == (p, b)}):
                lines[n] = _with_alefs(lines[n], todo[(p, b, n)])
            blocks[b] = Block(tuple(lines), blocks[b].kind, blocks[b].bbox)
        out[p] = replace(page, blocks=tuple(blocks))
    return out


def _with_alefs(line: Line, offsets: list[int]) -> Line:
    """The line with :func:`with_alef` applied at each lam offset, bracket offsets moved along."""
    text, ids = line.orig, line.glyph_ids
    mirrorable = list(line.mirrorable)
    for at in sorted(offsets, reverse=True):  # from the end: the offsets still to do stay valid
        before = len(text)
        text, ids, end = with_alef(text, at, ids)
        dropped = before + 1 - len(text)  # 1 where an inferred ZWNJ went
        mirrorable = [m if m <= at else m + 1 - (dropped if m >= end else 0) for m in mirrorable]
    return replace(line, orig=text, glyph_ids=ids, mirrorable=tuple(mirrorable))
