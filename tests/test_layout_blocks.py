"""Lines into paragraphs (kaghaz.layout.blocks)."""

from __future__ import annotations

import numpy as np

from kaghaz.layout.blocks import group_blocks
from kaghaz.layout.regions import LineGeometry
from kaghaz.model import BBox, Direction, Line

SIZE = 12.0


def rtl_line(text: str, x0: float, x1: float, baseline: float) -> tuple[LineGeometry, Line]:
    geometry = LineGeometry(members=np.zeros(0, dtype=np.int64), column=0, x0=x0, x1=x1, baseline=baseline, size=SIZE)
    return geometry, Line(text, tuple(range(len(text))), BBox(x0, baseline, x1, baseline + SIZE), Direction.RTL, SIZE)


def paragraphs(lines: list[tuple[LineGeometry, Line]]) -> list[str]:
    return [block.text for block in group_blocks(lines, 595.0, 842.0)]


def test_layout_blocks_short_last_line_ends_its_paragraph() -> None:
    lines = [rtl_line("الف ب پ ت", 100.0, 500.0, 700.0), rtl_line("ث ج", 300.0, 500.0, 686.0),
             rtl_line("چ ح خ د ذ ر ز", 100.0, 500.0, 672.0)]
    assert paragraphs(lines) == ["الف ب پ ت ث ج", "چ ح خ د ذ ر ز"]


def test_layout_blocks_ragged_line_short_by_less_than_the_next_word_continues() -> None:
    # the line stops 60 pt short of the edge, but the next line's first word is about 84 pt wide
    lines = [rtl_line("الف ب پ ت", 100.0, 500.0, 700.0), rtl_line("ث ج", 160.0, 500.0, 686.0),
             rtl_line("چچچچ ح خ د ذ ر ز ژ س", 100.0, 500.0, 672.0)]
    assert paragraphs(lines) == ["الف ب پ ت ث ج چچچچ ح خ د ذ ر ز ژ س"]


def test_layout_blocks_lines_wrapping_around_a_figure_stay_one_paragraph() -> None:
    # a figure on the left: the middle lines all stop at its right edge (x = 300)
    lines = [rtl_line("الف", 100.0, 500.0, 700.0), rtl_line("ب", 300.0, 500.0, 686.0),
             rtl_line("پ", 300.0, 500.0, 672.0), rtl_line("ت", 300.0, 500.0, 658.0)]
    assert paragraphs(lines) == ["الف ب پ ت"]
