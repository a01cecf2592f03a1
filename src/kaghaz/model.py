"""The records that cross module boundaries: typed, frozen, with slots; no dicts.

Coordinates are PDF user-space points with the origin at the bottom left of the page, as the PDF
itself and pdfium give them: ``x0 < x1`` left to right, ``y0 < y1`` bottom to top.

Glyphs are stored per page in a :class:`GlyphTable` (columns, not one object per glyph) because a
page holds thousands of them and creating an object for each would cost more than reading the PDF;
``table[i]`` builds the :class:`Glyph` record on demand.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any


@dataclass(frozen=True, slots=True)
class BBox:
    """A rectangle in PDF points, origin bottom left."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    def union(self, other: BBox) -> BBox:
        """The smallest box holding both.

        >>> BBox(0, 0, 1, 1).union(BBox(2, -1, 3, 0))
        BBox(x0=0, y0=-1, x1=3, y1=1)
        """
        return BBox(min(self.x0, other.x0), min(self.y0, other.y0),
                    max(self.x1, other.x1), max(self.y1, other.y1))

    def rounded(self, digits: int = 2) -> tuple[float, float, float, float]:
        return (round(self.x0, digits), round(self.y0, digits), round(self.x1, digits), round(self.y1, digits))


@dataclass(frozen=True, slots=True)
class Glyph:
    """One drawn glyph.

    ``text`` is what the PDF maps the glyph to (several characters for a ligature or a letter drawn
    with its mark); ``order`` is the glyph's position in the page's content stream; ``bbox`` is the
    tight ink box; ``unmapped`` is True when the PDF gives no usable Unicode for it.
    """

    text: str
    bbox: BBox
    font: str
    size: float
    order: int
    unmapped: bool = False


#: A column of a :class:`GlyphTable`: a list or a numpy array, indexed by glyph.
Column = Any


class GlyphTable(Sequence[Glyph]):
    """The glyphs of one page, stored as columns; ``table[i]`` is a :class:`Glyph`.

    Built once by :mod:`kaghaz.pdf` and never changed afterwards.
    """

    __slots__ = ("_boxes", "_font_ids", "_fonts", "_sizes", "_texts", "_unmapped")

    def __init__(self, texts: Sequence[str], boxes: Column, font_ids: Column, fonts: Sequence[str], sizes: Column,
                 unmapped: Column) -> None:
        """Columns are kept as given (lists or numpy arrays), not copied: the caller hands them over."""
        self._texts = texts
        self._boxes = boxes
        self._font_ids = font_ids
        self._fonts = tuple(fonts)
        self._sizes = sizes
        self._unmapped = unmapped

    def __len__(self) -> int:
        return len(self._texts)

    def __getitem__(self, index: int) -> Glyph:  # type: ignore[override]
        if not -len(self) <= index < len(self):
            raise IndexError(f"glyph index {index} out of range for a page of {len(self)} glyphs")
        index %= len(self)
        x0, y0, x1, y1 = (float(v) for v in self._boxes[index])
        font_id = int(self._font_ids[index])
        font = self._fonts[font_id] if 0 <= font_id < len(self._fonts) else ""
        return Glyph(self._texts[index], BBox(x0, y0, x1, y1), font, float(self._sizes[index]), index,
                     bool(self._unmapped[index]))

    def __iter__(self) -> Iterator[Glyph]:
        return (self[i] for i in range(len(self)))

    @property
    def texts(self) -> Sequence[str]:
        return self._texts

    # Read-only columns, for writers that go over every glyph of a page (the JSON output) without
    # building one Glyph object per glyph.

    @property
    def boxes(self) -> Column:
        """Each glyph's ``(x0, y0, x1, y1)``."""
        return self._boxes

    @property
    def fonts(self) -> tuple[str, ...]:
        """The page's font names; :attr:`font_ids` index into it."""
        return self._fonts

    @property
    def font_ids(self) -> Column:
        """Each glyph's font, as an index into :attr:`fonts` (out of range: no font known)."""
        return self._font_ids

    @property
    def sizes(self) -> Column:
        return self._sizes

    @property
    def unmapped(self) -> Column:
        return self._unmapped


class Direction(StrEnum):
    """The base direction of a line."""

    RTL = "rtl"
    LTR = "ltr"


class BlockKind(StrEnum):
    """What a block of lines is on the page."""

    PARAGRAPH = "paragraph"
    HEADING = "heading"
    HEADER = "header"
    FOOTER = "footer"
    PAGE_NUMBER = "page-number"
    FOOTNOTE = "footnote"
    CAPTION = "caption"


@dataclass(frozen=True, slots=True)
class Line:
    """One line of text in logical order.

    ``orig`` is the text as extracted, in logical order; ``glyph_ids[i]`` is the index (into the
    page's :class:`GlyphTable`) of the glyph behind character ``i`` of ``orig``, or -1 for a
    character kaghaz inferred (a space or a ZWNJ read from a gap between glyphs); ``glyph_map`` gives
    the same with ``None`` for the inferred ones. ``mirrorable``
    lists the offsets in ``orig`` of brackets and quotes that sit in right-to-left runs, which some
    producers map to their mirrored glyph; the document decides whether to swap them.
    """

    orig: str
    glyph_ids: tuple[int, ...]
    bbox: BBox
    direction: Direction
    size: float
    mirrorable: tuple[int, ...] = ()

    @property
    def text(self) -> str:
        return self.orig

    @property
    def glyph_map(self) -> tuple[int | None, ...]:
        """``glyph_ids`` with ``None`` for inferred characters."""
        return tuple(None if g < 0 else g for g in self.glyph_ids)


@dataclass(frozen=True, slots=True)
class Block:
    """Consecutive lines that belong together: a paragraph, a heading, a running header, ..."""

    lines: tuple[Line, ...]
    kind: BlockKind
    bbox: BBox

    @property
    def text(self) -> str:
        """The lines joined by single spaces (a paragraph reads as one line of text)."""
        return " ".join(line.orig for line in self.lines if line.orig)


class ProblemKind(StrEnum):
    """Kinds of trouble that do not stop extraction but must be reported."""

    NO_TEXT_LAYER = "no-text-layer"
    UNMAPPED_GLYPHS = "unmapped-glyphs"
    PAGE_ERROR = "page-error"
    HUGE_PAGE = "huge-page"


@dataclass(frozen=True, slots=True)
class Problem:
    """Something that went wrong on a page (``page`` is 1-based; ``None`` for the whole file)."""

    page: int | None
    kind: ProblemKind
    message: str


@dataclass(frozen=True, slots=True)
class Page:
    """One page: its size in points, its blocks in reading order and its glyphs."""

    number: int
    width: float
    height: float
    blocks: tuple[Block, ...]
    glyphs: GlyphTable
    problems: tuple[Problem, ...] = ()

    @property
    def lines(self) -> tuple[Line, ...]:
        return tuple(line for block in self.blocks for line in block.lines)


@dataclass(frozen=True, slots=True)
class Span:
    """A labelled stretch ``text[start:end]`` of a document's text, with an optional value."""

    start: int
    end: int
    label: str
    value: str | None = None


@dataclass(frozen=True, slots=True)
class RepairStep:
    """One fix that changed something: which fix, on which line (0-based), the line before and after."""

    fix: str
    line: int
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class Repaired:
    """The result of :func:`kaghaz.repair_and_explain`: the repaired text, the original, the steps."""

    text: str
    original: str
    steps: tuple[RepairStep, ...]


def _empty_spans() -> Mapping[str, tuple[Span, ...]]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Document:
    """An extracted document.

    ``text`` is the one string every span indexes into: pages separated by a form feed, blocks by a
    blank line. ``problems`` lists what went wrong per page, without raising.
    """

    source: str
    pages: tuple[Page, ...]
    text: str
    spans: Mapping[str, tuple[Span, ...]] = field(default_factory=_empty_spans)
    repairs: tuple[RepairStep, ...] = ()
    problems: tuple[Problem, ...] = ()
