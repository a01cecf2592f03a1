"""The extraction benchmark's bookkeeping: targets computed from measurements, tool selection, peers.

None of these run the benchmark or time anything.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

import common  # noqa: E402
import extract  # noqa: E402
import peers  # noqa: E402


def figures(cer: float, cer_no_zwnj: float | None = None, recall: float = 1.0,
            precision: float = 1.0) -> common.Figures:
    """A Figures record with the given ratios and non-zero counts."""
    return common.Figures(cer, cer if cer_no_zwnj is None else cer_no_zwnj, 0.0, recall, precision, 100, 10, 10, 1)


def table(set_name: str, overall: str, cells: dict[tuple[str, str], common.Figures]) -> extract.ScoreTable:
    """A score table from cells keyed by (tool, group)."""
    groups = (*dict.fromkeys(group for _, group in cells if group != overall), overall)
    tools = tuple(dict.fromkeys(tool for tool, _ in cells))
    return extract.ScoreTable(set_name, groups, tools, cells, frozenset())


@pytest.mark.parametrize(
    ("operator", "limit", "measured", "status"),
    [("<=", 0.01, 0.01, "PASS"), ("<=", 0.01, 0.0101, "FAIL"), (">=", 0.95, 0.96, "PASS"),
     ("<", 500.0, 500.0, "FAIL"), (">=", 0.3, None, "not measured")],
)
def test_bench_extract_target_status_is_computed(operator: str, limit: float, measured: float | None,
                                                 status: str) -> None:
    assert extract.Target("t", operator, limit, measured, "").status == status


def test_bench_extract_targets_follow_the_measurements() -> None:
    roundtrip = table("roundtrip", "all", {
        ("kaghaz", "lo"): figures(0.005, recall=0.99, precision=0.97),
        ("kaghaz", "xelatex"): figures(0.03),
        ("kaghaz", "all"): figures(0.009, recall=0.96, precision=0.97),
    })
    real = table("real", "all real with gt", {
        ("kaghaz", "doc"): figures(0.04, 0.02, recall=0.8),
        ("kaghaz", "all real with gt"): figures(0.04, 0.02, recall=0.8),
        ("pdftotext", "doc"): figures(0.09, 0.05),
        ("pdftotext", "all real with gt"): figures(0.09, 0.05),
        ("pypdf", "doc"): figures(0.5),
        ("pypdf", "all real with gt"): figures(0.5),
    })
    speed = [extract.SpeedRow("kaghaz", "a.pdf", 10, (1.0,)), extract.SpeedRow("pypdfium2", "a.pdf", 10, (0.25,))]
    memory = [extract.MemoryRow("kaghaz", "big.pdf", 234, 120.0, 30.0, 9.0)]
    status = {t.name: t.status for t in extract.evaluate_targets(roundtrip, real, speed, memory)}
    assert status == {
        "round-trip CER, overall": "PASS",
        "round-trip CER, every producer": "FAIL",
        "round-trip ZWNJ recall": "PASS",
        "round-trip ZWNJ precision": "PASS",
        "real PDFs: CER-no-ZWNJ / best peer's": "PASS",
        "real PDFs: ZWNJ recall": "FAIL",
        "speed on a.pdf, x pypdfium2 raw": "FAIL",
        "peak memory, 234 pages (big.pdf)": "PASS",
    }


def test_bench_extract_targets_without_measurements_are_not_measured() -> None:
    assert {t.status for t in extract.evaluate_targets(None, None, [], [])} == {"not measured"}


def test_bench_extract_speed_ratio_uses_the_same_pdf() -> None:
    rows = [extract.SpeedRow("kaghaz", "a.pdf", 30, (1.0, 3.0, 2.0)),
            extract.SpeedRow("pypdfium2", "a.pdf", 30, (0.1,)),
            extract.SpeedRow("pypdfium2", "b.pdf", 30, (1.0,))]
    assert rows[0].median == 2.0
    assert extract.speed_ratio(rows, "kaghaz", "a.pdf") == pytest.approx(0.05)
    assert extract.speed_ratio(rows, "kaghaz", "b.pdf") is None


def test_bench_extract_select_tools_skips_missing_and_slow() -> None:
    def run(path: Path) -> extract.Extracted:
        return extract.Extracted("")

    tools = [extract.Tool("kaghaz", "k", run, "1", True), extract.Tool("fast", "f", run, "1", True),
             extract.Tool("slow", "s", run, "1", True, slow=True),
             extract.Tool("gone", "g", run, "not installed", False)]
    assert [t.name for t in extract.select_tools(tools, quick=False, names=None)] == ["kaghaz", "fast", "slow"]
    assert [t.name for t in extract.select_tools(tools, quick=True, names=None)] == ["kaghaz", "fast"]
    assert [t.name for t in extract.select_tools(tools, quick=False, names=["slow"])] == ["slow"]
    with pytest.raises(SystemExit, match="unknown"):
        extract.select_tools(tools, quick=False, names=["nope"])


def test_bench_extract_a_failing_tool_is_recorded(tmp_path: Path) -> None:
    def broken(path: Path) -> extract.Extracted:
        raise RuntimeError("boom\nsecond line")

    sample = extract.Sample("real", "x", "x", tmp_path / "x.pdf", None, 1)
    outcome = extract.run_tool(extract.Tool("broken", "b", broken, "1", True), sample)
    assert outcome.text is None and outcome.error == "RuntimeError: boom"
    extract.write_outcome(tmp_path / "out", outcome)
    assert (tmp_path / "out" / "broken" / "real" / "x.error.txt").read_text(encoding="utf-8") == "RuntimeError: boom\n"


def test_bench_peers_missing_peer_is_not_installed() -> None:
    peer = peers.Peer("ghost", "ghost", peers.pypdf_text, "no_such_module_for_kaghaz_bench", "no-such-dist")
    assert not peer.installed and peer.version() == "not installed"
    tool = extract.peer_tool(peer)
    assert not tool.installed and tool.version == "not installed"


def test_bench_extract_failures_list_tool_errors_and_lost_pages(tmp_path: Path) -> None:
    sample = extract.Sample("real", "x", "x", tmp_path / "x.pdf", None, 3)
    lost = extract.ProblemNote("page-error", 2, "page 2 could not be read")
    outcomes = [extract.Outcome("pypdf", sample, None, 0.1, "ValueError: bad", ()),
                extract.Outcome("kaghaz", sample, "text", 0.1, None,
                                (lost, extract.ProblemNote("no-text-layer", 3, "page 3: needs OCR")))]
    assert extract.render_failures(outcomes).splitlines() == [
        "- pypdf on real/x: ValueError: bad",
        "- kaghaz on real/x reported page-error: page 2 could not be read",
    ]
    assert extract.render_failures([]).startswith("None")


def test_bench_extract_paragraph_rows_count_found_and_extra(tmp_path: Path) -> None:
    first = "بند یکم که از این صفحه آغاز می\N{ZERO WIDTH NON-JOINER}شود"
    second = "بند دوم که در صفحهٔ بعد نوشته شده است"
    gt = tmp_path / "doc01.txt"
    gt.write_text(f"عنوان\n\n{first} و در صفحهٔ بعد ادامه دارد\n\n{second}\n", encoding="utf-8")
    sample = extract.Sample(extract.ROUNDTRIP, "lo", "doc01", tmp_path / "doc01.pdf", gt, 2)
    # page 2 starts with the rest of the first paragraph (not counted); the second is cut in two late
    text = f"عنوان\n\n{first}\f\nو در صفحهٔ بعد ادامه دارد\n\nبند دوم که در صفحهٔ بعد نوشته\n\nشده است\n"
    outcome = extract.Outcome("kaghaz", sample, text, 0.1, None, ())
    assert extract.paragraph_rows([outcome]) == [extract.ParagraphRow("lo", 3, 3, 1)]
