"""The benchmark's pure helpers: marked sections, worst-line alignment, visible text, scoring glue."""

from __future__ import annotations

import doctest
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

import common  # noqa: E402

ZWNJ = "\N{ZERO WIDTH NON-JOINER}"


def squash(text: str) -> str:
    """A stand-in for score.normalize that only collapses whitespace (enough for the alignment tests)."""
    return " ".join(text.split())


def test_bench_common_doctests_pass() -> None:
    """The helpers' docstring examples hold (bench/ is outside the doctest paths of pytest's config)."""
    result = doctest.testmod(common)
    assert result.failed == 0 and result.attempted > 0


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ("# B\n<!-- extract:start -->\nold\nlines\n<!-- extract:end -->\ntail\n",
         "# B\n<!-- extract:start -->\nnew\n<!-- extract:end -->\ntail\n"),
        ("# B\n<!-- repair:start -->\nkeep\n<!-- repair:end -->\n",
         "# B\n<!-- repair:start -->\nkeep\n<!-- repair:end -->\n\n"
         "<!-- extract:start -->\nnew\n<!-- extract:end -->\n"),
    ],
    ids=["replaces-between", "appends-missing"],
)
def test_bench_common_replace_section(document: str, expected: str) -> None:
    assert common.replace_section(document, common.EXTRACT_MARKERS, "new\n") == expected


def test_bench_common_replace_section_is_idempotent_and_keeps_other_section() -> None:
    once = common.replace_section(common.SKELETON, common.EXTRACT_MARKERS, "table")
    assert common.replace_section(once, common.EXTRACT_MARKERS, "table") == once
    assert common.REPAIR_MARKERS.start in once and once.index("table") < once.index(common.REPAIR_MARKERS.start)


@pytest.mark.parametrize(
    "document",
    ["<!-- extract:end -->\n<!-- extract:start -->\n", "<!-- extract:start -->\n<!-- extract:start -->\n"],
    ids=["out-of-order", "doubled"],
)
def test_bench_common_replace_section_refuses_broken_markers(document: str) -> None:
    with pytest.raises(ValueError, match="extract"):
        common.replace_section(document, common.EXTRACT_MARKERS, "x")


def test_bench_common_update_section_file_creates_both_sections(tmp_path: Path) -> None:
    path = tmp_path / "docs" / "benchmarks.md"
    common.update_section_file(path, common.EXTRACT_MARKERS, "numbers")
    text = path.read_text(encoding="utf-8")
    assert "numbers" in text and common.REPAIR_MARKERS.start in text and common.REPAIR_MARKERS.end in text
    common.update_section_file(path, common.REPAIR_MARKERS, "repair numbers")
    text = path.read_text(encoding="utf-8")
    assert "numbers\n<!-- extract:end -->" in text and "repair numbers" in text


def test_bench_common_reference_units_are_sentences_of_bounded_length() -> None:
    reference = "Title\n\nFirst sentence here. Second one?  Third\n\n" + "word " * 80
    units = common.reference_units(reference, squash)
    assert " ".join(units) == squash(reference)
    assert units[:4] == ["Title", "First sentence here.", "Second one?", "Third"]
    assert all(len(u) <= common.MAX_UNIT_CHARS for u in units)


def test_bench_common_reference_units_join_to_score_normalize(shared: Path) -> None:
    """Joined with spaces, the units are exactly what score.py compares (page-number lines dropped)."""
    scorer = common.load_scorer(shared)
    texts = [p.read_text(encoding="utf-8") for p in sorted((shared / "bench" / "roundtrip" / "gt").glob("*.txt"))]
    texts.append("Title\n\n\N{EXTENDED ARABIC-INDIC DIGIT ONE}\N{EXTENDED ARABIC-INDIC DIGIT TWO}\f\nBody.  Next?")
    for text in texts:
        assert " ".join(common.reference_units(text, scorer.normalize)) == scorer.normalize(text)


def test_bench_common_worst_lines_finds_the_damaged_unit() -> None:
    reference = "alpha beta gamma.\ndelta epsilon.\nzeta eta theta."
    hypothesis = "alpha beta gamma.\ndelta epsilno.\nzeta eta theta."
    worst = common.worst_lines(reference, hypothesis, 5, squash)
    assert worst == [common.LinePair("delta epsilon.", "delta epsilno.", 2)]


def test_bench_common_worst_lines_charges_inserted_text_to_the_unit_before() -> None:
    worst = common.worst_lines("one.\ntwo.", "one. HEADER two.", 5, squash)
    assert [(p.ref, p.hyp) for p in worst] == [("one.", "one. HEADER")]


def test_bench_common_worst_lines_of_identical_and_empty_texts() -> None:
    assert common.worst_lines("a b.\nc d.", "a b. c d.", 3, squash) == []
    assert [p.hyp for p in common.worst_lines("a b.\nc d.", "", 3, squash)] == ["", ""]


def test_bench_common_visible_marks_invisible_characters() -> None:
    text = f"می{ZWNJ}شود\N{LEFT-TO-RIGHT MARK}\N{ARABIC LIGATURE LAM WITH ALEF ISOLATED FORM}"
    assert common.visible(text) == "می|شود<LRM><U+FEFB>"


def test_bench_common_edit_summary_names_look_alike_letters() -> None:
    edits = common.edit_summary("یک کتاب", "يک کتاب")
    assert edits == ["'یک' -> 'يک' [U+06CC -> U+064A]"]


def test_bench_common_scores_agree_with_the_reference_scorer(shared: Path, tmp_path: Path) -> None:
    """Summing per-file counts gives exactly what ``score.py --dirs`` reports for the same files."""
    scorer = common.load_scorer(shared)
    gt_dir = shared / "bench" / "roundtrip" / "gt"
    refs = sorted(gt_dir.glob("*.txt"))[:2]
    (tmp_path / "ref").mkdir()
    (tmp_path / "hyp").mkdir()
    pairs = []
    for number, ref in enumerate(refs):
        text = ref.read_text(encoding="utf-8")
        hyp = text.replace(ZWNJ, " ", number + 1).replace("ا", "ل", 3)
        (tmp_path / "ref" / ref.name).write_text(text, encoding="utf-8")
        (tmp_path / "hyp" / ref.name).write_text(hyp, encoding="utf-8")
        pairs.append((text, hyp))
    _, overall, _ = scorer.score_dirs(tmp_path / "ref", tmp_path / "hyp")
    figures = common.sum_counts(scorer, pairs)
    assert (figures.cer, figures.cer_no_zwnj, figures.wer, figures.zwnj_recall, figures.zwnj_precision) == (
        overall["cer"], overall["cer_no_zwnj"], overall["wer"], overall["zwnj_recall"], overall["zwnj_precision"])
    assert figures.files == len(refs)
