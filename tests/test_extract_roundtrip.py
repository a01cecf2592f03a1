"""Extraction against the shared round-trip set: seven producers, ground truth from the source.

These are behaviour tests with loose bounds (the benchmark in ``bench/extract.py`` reports the exact
figures): every producer's text must come out nearly exact, with its ZWNJ.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

import kaghaz

PRODUCERS = ["lo", "lo_justify", "lo_2col", "chromium", "typst", "weasyprint", "xelatex"]


def _scorer(shared: Path) -> ModuleType:
    pytest.importorskip("rapidfuzz")
    spec = importlib.util.spec_from_file_location("kaghaz_shared_score", shared / "bench" / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("producer", PRODUCERS)
def test_extract_roundtrip_producer_is_nearly_exact(shared: Path, producer: str) -> None:
    score = _scorer(shared)
    total = score.Counts()
    for pdf in sorted((shared / "bench" / "roundtrip" / "pdf" / producer).glob("*.pdf")):
        truth = (shared / "bench" / "roundtrip" / "gt" / f"{pdf.stem}.txt").read_text(encoding="utf-8")
        total.add(score.count(truth, kaghaz.extract(pdf).text))
    figures = total.figures()
    assert figures["cer"] <= 0.01, figures
    assert figures["zwnj_recall"] >= 0.9, figures
    assert figures["zwnj_precision"] >= 0.95, figures


def test_extract_roundtrip_glyph_map_points_at_the_glyphs(shared: Path) -> None:
    doc = kaghaz.extract(shared / "bench" / "roundtrip" / "pdf" / "lo" / "doc01.pdf")
    for page in doc.pages:
        for line in page.lines:
            assert len(line.glyph_ids) == len(line.orig)
            for char, glyph in zip(line.orig, line.glyph_map, strict=True):
                if glyph is None:
                    assert char in (" ", "\N{ZERO WIDTH NON-JOINER}")
                else:
                    assert 0 <= glyph < len(page.glyphs)
