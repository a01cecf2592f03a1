"""The JSON output: the schema of docs/json.md, and glyph indices that point at real glyphs."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest

import kaghaz
from conftest import ROOT, PdfFactory
from kaghaz.chars import ZWNJ
from kaghaz.model import BlockKind, Direction, ProblemKind
from kaghaz.output import SCHEMA, SCHEMA_VERSION, render, to_json

GLYPH_COLUMNS = ("text", "bbox", "font", "size", "order", "unmapped")


@pytest.fixture(scope="module")
def sample_json(sample_pdf: Path) -> dict[str, Any]:
    value: dict[str, Any] = json.loads(to_json(kaghaz.extract(sample_pdf)))
    return value


def _box(value: object) -> None:
    assert isinstance(value, list) and len(value) == 4
    x0, y0, x1, y1 = value
    assert x0 <= x1 and y0 <= y1


def test_output_json_top_level(sample_json: dict[str, Any], sample_pdf: Path) -> None:
    assert list(sample_json) == ["schema", "version", "source", "text", "problems", "pages"]
    assert sample_json["schema"] == SCHEMA and sample_json["version"] == SCHEMA_VERSION == 1
    assert sample_json["source"] == str(sample_pdf)
    assert sample_json["text"] == kaghaz.extract(sample_pdf).text
    assert sample_json["problems"] == []


def test_output_json_pages_blocks_lines(sample_json: dict[str, Any]) -> None:
    kinds = {kind.value for kind in BlockKind}
    directions = {direction.value for direction in Direction}
    assert [page["number"] for page in sample_json["pages"]] == [1, 2]
    for page in sample_json["pages"]:
        assert list(page) == ["number", "width", "height", "problems", "blocks", "fonts", "glyphs"]
        assert page["width"] > 0 and page["height"] > 0
        assert page["blocks"]
        for block in page["blocks"]:
            assert list(block) == ["kind", "bbox", "lines"]
            assert block["kind"] in kinds
            _box(block["bbox"])
            for line in block["lines"]:
                assert list(line) == ["text", "bbox", "direction", "size", "glyph_map"]
                _box(line["bbox"])
                assert line["direction"] in directions
                assert line["size"] > 0


def test_output_json_glyph_table_columns(sample_json: dict[str, Any]) -> None:
    for page in sample_json["pages"]:
        glyphs = page["glyphs"]
        count = glyphs["count"]
        assert count > 0
        assert list(glyphs) == ["count", *GLYPH_COLUMNS]
        for column in GLYPH_COLUMNS:
            assert len(glyphs[column]) == count, column
        assert glyphs["order"] == list(range(count))
        assert all(font is None or 0 <= font < len(page["fonts"]) for font in glyphs["font"])
        assert any("Naskh" in name for name in page["fonts"])
        for box in glyphs["bbox"]:
            _box(box)
        assert not any(glyphs["unmapped"])


def test_output_json_glyph_map_points_at_real_glyphs(sample_json: dict[str, Any]) -> None:
    """Every character has a glyph index in range, or null for an inferred space or ZWNJ; and the
    character is (almost always) among the characters of the glyph it came from."""
    agree = total = 0
    for page in sample_json["pages"]:
        texts = page["glyphs"]["text"]
        for block in page["blocks"]:
            for line in block["lines"]:
                assert len(line["glyph_map"]) == len(line["text"])
                for char, index in zip(line["text"], line["glyph_map"], strict=True):
                    if index is None:
                        assert char in (" ", ZWNJ), repr(char)
                        continue
                    assert isinstance(index, int) and 0 <= index < len(texts)
                    total += 1
                    agree += char in unicodedata.normalize("NFKC", texts[index])
    # brackets read from mirrored glyphs and letters a font substituted legitimately differ
    assert total > 500 and agree / total >= 0.95


def test_output_json_is_the_same_every_time(sample_pdf: Path) -> None:
    """Fonts are numbered by first use, not by where pdfium happened to put them in memory."""
    first = to_json(kaghaz.extract(sample_pdf))
    kaghaz.extract(sample_pdf)  # shuffle pdfium's allocations a little
    assert to_json(kaghaz.extract(sample_pdf)) == first


def test_output_json_is_utf8_not_escaped(sample_pdf: Path) -> None:
    raw = to_json(kaghaz.extract(sample_pdf))
    assert "\\u06" not in raw and "\\u200c" not in raw
    assert f"می{ZWNJ}شود" in raw
    assert "\n" not in raw  # compact: one line


def test_output_json_page_problems(pdfs: PdfFactory) -> None:
    value = json.loads(to_json(kaghaz.extract(pdfs.sample_plus_blank())))
    blank = value["pages"][1]
    assert blank["blocks"] == [] and blank["glyphs"]["count"] == 0
    assert [p["kind"] for p in blank["problems"]] == [ProblemKind.NO_TEXT_LAYER.value]
    assert blank["problems"][0]["page"] == 2
    assert value["problems"] == blank["problems"]


def test_output_render_ends_in_one_newline(sample_pdf: Path) -> None:
    doc = kaghaz.extract(sample_pdf)
    assert render(doc, "text") == doc.text + "\n"
    assert json.loads(render(doc, "json"))["text"] == doc.text


def test_output_json_schema_doc_names_every_field(sample_json: dict[str, Any]) -> None:
    """docs/json.md documents every key the writer emits."""
    doc = (ROOT / "docs" / "json.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z_]+)`", doc))
    page = sample_json["pages"][0]
    emitted = (set(sample_json) | set(page) | set(page["blocks"][0]) | set(page["blocks"][0]["lines"][0])
               | set(page["glyphs"]) | {"page", "kind", "message"})
    assert emitted <= documented, emitted - documented
