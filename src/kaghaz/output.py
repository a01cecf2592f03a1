"""Writing a :class:`~kaghaz.model.Document` out: plain text or JSON.

The JSON schema is documented in ``docs/json.md`` and versioned by :data:`SCHEMA_VERSION`; a change
that renames or removes a field, or changes its meaning, bumps the version (adding a field does not).
Its shape in short::

    {"schema": "kaghaz.document", "version": 1, "source": ..., "text": ..., "problems": [...],
     "pages": [{"number", "width", "height", "problems",
                "blocks": [{"kind", "bbox", "lines": [{"text", "bbox", "direction", "size", "glyph_map"}]}],
                "fonts": [...],
                "glyphs": {"count", "text": [...], "bbox": [...], "font": [...], "size": [...], "order": [...],
                           "unmapped": [...]}}]}

``glyph_map[i]`` is the index, in the page's glyph columns, of the glyph that character ``i`` of the
line's ``text`` came from, or ``null`` for a character kaghaz inferred (a space or a ZWNJ read from a
gap). The glyph table is stored by columns (each holds ``count`` entries) because that is about twice
as fast to write and half the size of one object per glyph.

Coordinates are PDF points with the origin at the bottom left of the page, rounded to 0.01 pt; sizes
are rounded to 0.01 pt too. Nothing else is rounded or changed: ``text`` is exactly what extraction
produced. The writer builds plain lists (numpy rounds the boxes of a whole page at once) because a
200-page document holds about a million glyphs and a Python object per glyph would dominate the run.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any, Literal, TextIO

import numpy as np

from kaghaz.model import BBox, Document, Page, Problem

#: The ``schema`` field of every JSON document kaghaz writes.
SCHEMA = "kaghaz.document"
#: Bumped when a field is renamed or removed or changes meaning; adding a field keeps it.
SCHEMA_VERSION = 1

Format = Literal["text", "json"]
#: The output formats, with the file suffix each is written with.
SUFFIXES: dict[str, str] = {"text": ".txt", "json": ".json"}


def _box(bbox: BBox) -> list[float]:
    return [round(bbox.x0, 2), round(bbox.y0, 2), round(bbox.x1, 2), round(bbox.y1, 2)]


def _rounded_rows(rows: Sequence[Sequence[float]], width: int) -> list[list[float]]:
    if len(rows) == 0:
        return []
    return np.round(np.asarray(rows, dtype=np.float64).reshape(-1, width), 2).tolist()  # type: ignore[no-any-return]


def _problems(problems: Sequence[Problem]) -> list[dict[str, Any]]:
    return [{"page": p.page, "kind": p.kind.value, "message": p.message} for p in problems]


def _fonts_in_order(page: Page) -> tuple[list[str], list[int | None]]:
    """The page's fonts in order of first use, and each glyph's index into that list.

    The reader numbers fonts by their address in memory, which changes from run to run; numbering
    them by first use makes the same PDF give the same JSON every time. Fonts no glyph uses are
    left out; a glyph whose font is unknown gets ``None``.
    """
    table = page.glyphs
    names = table.fonts
    renumber: dict[int, int] = {}
    fonts: list[str] = []
    ids: list[int | None] = []
    for font in np.asarray(table.font_ids, dtype=np.int64).tolist():
        new = renumber.get(font)
        if new is None:
            if not 0 <= font < len(names):
                ids.append(None)
                continue
            new = renumber[font] = len(fonts)
            fonts.append(names[font])
        ids.append(new)
    return fonts, ids


def _glyphs(page: Page, font_ids: list[int | None]) -> dict[str, Any]:
    """The page's glyph table as columns: ``glyphs["text"][i]`` is glyph ``i``'s text, and so on."""
    table = page.glyphs
    count = len(table)
    return {
        "count": count,
        "text": list(table.texts),
        "bbox": _rounded_rows(table.boxes, 4),
        "font": font_ids,
        "size": np.round(np.asarray(table.sizes, dtype=np.float64), 2).tolist() if count else [],
        "order": list(range(count)),
        "unmapped": np.asarray(table.unmapped, dtype=bool).tolist(),
    }


def _page(page: Page) -> dict[str, Any]:
    blocks = [
        {
            "kind": block.kind.value,
            "bbox": _box(block.bbox),
            "lines": [
                {"text": line.orig, "bbox": _box(line.bbox), "direction": line.direction.value,
                 "size": round(line.size, 2), "glyph_map": list(line.glyph_map)}
                for line in block.lines
            ],
        }
        for block in page.blocks
    ]
    fonts, font_ids = _fonts_in_order(page)
    return {
        "number": page.number,
        "width": round(page.width, 2),
        "height": round(page.height, 2),
        "problems": _problems(page.problems),
        "blocks": blocks,
        "fonts": fonts,
        "glyphs": _glyphs(page, font_ids),
    }


def iter_json(doc: Document) -> Iterator[str]:
    """The compact JSON of :func:`to_json` in pieces, one per page, to write a long document without
    holding the value of every page at once (a page's lists are built, dumped and dropped)."""
    head = {
        "schema": SCHEMA,
        "version": SCHEMA_VERSION,
        "source": doc.source,
        "text": doc.text,
        "problems": _problems(doc.problems),
        "pages": [],
    }
    opening = json.dumps(head, ensure_ascii=False)
    assert opening.endswith("[]}")
    yield opening[:-2]
    for number, page in enumerate(doc.pages):
        yield (", " if number else "") + json.dumps(_page(page), ensure_ascii=False)
    yield "]}"


def write_json(doc: Document, stream: TextIO) -> None:
    """Write the compact JSON of ``doc`` to a text stream, page by page."""
    for piece in iter_json(doc):
        stream.write(piece)


def to_json(doc: Document, *, indent: int | None = None) -> str:
    """The document as JSON text (schema in ``docs/json.md``), with Persian written as itself.

    ``ensure_ascii`` is off, so the text reads as Persian in any UTF-8 viewer; ZWNJ and the other
    invisible characters are written as they are (JSON does not need them escaped). ``indent=None``
    gives the compact form on one line, which is several times smaller for long documents;
    an ``indent`` builds the whole value first and is meant for reading small documents.

    >>> from kaghaz.model import Document
    >>> to_json(Document(source="empty.pdf", pages=(), text=""))
    '{"schema": "kaghaz.document", "version": 1, "source": "empty.pdf", "text": "", "problems": [], "pages": []}'
    """
    if indent is None:
        return "".join(iter_json(doc))
    return json.dumps(json.loads("".join(iter_json(doc))), ensure_ascii=False, indent=indent)


def render_pieces(doc: Document, fmt: Format) -> Iterator[str]:
    """:func:`render` in pieces (one per page for JSON), for writing long documents as they are built."""
    if fmt == "json":
        yield from iter_json(doc)
    else:
        yield doc.text
    yield "\n"


def render(doc: Document, fmt: Format) -> str:
    """The document in ``fmt`` (``text``: :attr:`Document.text`; ``json``: :func:`to_json`), ending in a newline."""
    return "".join(render_pieces(doc, fmt))
