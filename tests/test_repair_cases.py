"""Repair cases as data, in the manner of ftfy's test cases.

``tests/data/repair/``: ``wild.json`` (excerpts of what real extractors made of real PDFs, each
repaired to its ground truth), ``synthetic.json`` (clean text damaged the way each extractor damages
it), ``negative.json`` (odd-looking clean text that must pass unchanged) and
``known_failures.json`` (damage not undone yet: strict xfail, so a fix that makes one pass is noticed).
Every case also checks that the plan replays and that repair is idempotent on the result.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kaghaz.repair import apply_plan, repair, repair_and_explain

DATA = Path(__file__).resolve().parent / "data" / "repair"


def _cases(name: str) -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = json.loads((DATA / name).read_text(encoding="utf-8"))["cases"]
    return cases


def _ids(cases: list[dict[str, Any]]) -> list[str]:
    return [case["name"] for case in cases]


WILD = _cases("wild.json")
SYNTHETIC = _cases("synthetic.json")
NEGATIVE = _cases("negative.json")
FAILURES = _cases("known_failures.json")


@pytest.mark.parametrize("case", WILD, ids=_ids(WILD))
def test_repair_wild_case(case: dict[str, Any]) -> None:
    result = repair_and_explain(case["input"])
    assert result.text == case["expected"]
    assert apply_plan(case["input"], result.steps) == result.text
    assert {step.fix for step in result.steps} >= set(case["fixes"]) - {"drop_direction_controls"}


@pytest.mark.parametrize("case", SYNTHETIC, ids=_ids(SYNTHETIC))
def test_repair_synthetic_case(case: dict[str, Any]) -> None:
    result = repair_and_explain(case["input"])
    assert result.text == case["expected"]
    assert apply_plan(case["input"], result.steps) == result.text
    assert repair(result.text) == result.text


@pytest.mark.parametrize("case", NEGATIVE, ids=_ids(NEGATIVE))
def test_repair_leaves_clean_text_alone(case: dict[str, Any]) -> None:
    result = repair_and_explain(case["input"])
    assert result.steps == ()
    assert result.text == case["input"]


@pytest.mark.parametrize("case", FAILURES, ids=_ids(FAILURES))
@pytest.mark.xfail(strict=True, reason="known failure, see known_failures.json")
def test_repair_known_failure(case: dict[str, Any]) -> None:
    assert repair(case["input"]) == case["expected"]


def test_repair_case_files_have_unique_names() -> None:
    names = [case["name"] for group in (WILD, SYNTHETIC, NEGATIVE, FAILURES) for case in group]
    assert len(names) == len(set(names))
