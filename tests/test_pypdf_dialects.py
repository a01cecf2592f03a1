"""Which of pypdf's dialects a document is read in (:mod:`kaghaz.repair.pypdf_order`)."""

from __future__ import annotations

import json
from pathlib import Path

from kaghaz.repair import repair
from kaghaz.repair.langmodel import LanguageModel
from kaghaz.repair.pypdf_order import document_order

PAGES = json.loads((Path(__file__).resolve().parent / "data" / "repair" / "pypdf_pages.json")
                   .read_text(encoding="utf-8"))


def test_numbers_at_line_edges_do_not_turn_whole_lines() -> None:
    # two lines with a number at an edge read a little better turned round whole: not enough to
    # take numbers and Latin words for drawn in visual order too
    decision = document_order(PAGES["edge_numbers"].split("\n"), LanguageModel())
    assert decision.dialect == "visual-words"


def test_words_cut_at_zwnj_clusters_are_read_in_visual_order() -> None:
    lines = PAGES["zwnj_clusters"].split("\n")
    assert document_order(lines, LanguageModel()).dialect == "visual-words"
    repaired = repair(PAGES["zwnj_clusters"])
    assert "به فرمان تو چنین می\u200cگویم" in repaired


def test_kashidas_read_as_slashes_are_cut_as_kashidas() -> None:
    # a justified Writer page whose font subset put its kashida glyph under the code of ``/``
    lines = PAGES["writer_kashida_slashes"].split("\n")
    assert document_order(lines, LanguageModel()).dialect == "segmented"
    assert "/" not in repair(PAGES["writer_kashida_slashes"])
