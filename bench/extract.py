"""The extraction benchmark: kaghaz and its peers on the round-trip set and on real Persian PDFs.

    python bench/extract.py                        # everything; rewrites the extraction part of docs/benchmarks.md
    python bench/extract.py --quick                # round-trip set, fast peers, quick speed, no memory; prints only
    python bench/extract.py --quick --worst 10     # ... and kaghaz's 10 worst lines per producer
    python bench/extract.py --tools kaghaz,pypdfium2 --worst 5 --worst-groups 3

Every tool's text goes to ``bench/out/<tool>/<set>/<name>.txt`` (git-ignored) so that its worst lines
can be read and diffed; a tool that fails on a file leaves ``<name>.error.txt`` instead and is scored
as if it had returned nothing. Figures come from ``../shared/bench/score.py`` (imported, not copied).
Only a full run (no ``--quick``, no ``--tools``) rewrites ``docs/benchmarks.md``, and only the part
between ``<!-- extract:start -->`` and ``<!-- extract:end -->``.
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import datetime
import gc
import importlib.util
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType

import peers
from common import (
    BENCHMARKS_MD,
    EXTRACT_MARKERS,
    ROOT,
    SHARED,
    Figures,
    LinePair,
    edit_summary,
    has_words,
    line_pairs,
    load_scorer,
    markdown_table,
    percent,
    sum_counts,
    update_section_file,
    visible,
    worst_of,
)

BENCH = Path(__file__).resolve().parent
REPLACEMENT = "\N{REPLACEMENT CHARACTER}"
ROUNDTRIP = "roundtrip"
REAL = "real"
#: The page count the issue's memory target speaks of; the concatenated PDF has at least this many.
MEMORY_TARGET_PAGES = 200
#: The issue's figures (issue 2, "Figures to reach"); the measured values are compared with these.
CER_OVERALL_MAX = 0.01
CER_PRODUCER_MAX = 0.02
ZWNJ_RECALL_MIN = 0.95
ZWNJ_PRECISION_MIN = 0.95
REAL_CER_RATIO_MAX = 0.5
REAL_ZWNJ_RECALL_MIN = 0.9
SPEED_RATIO_MIN = 0.3
PEAK_MB_MAX = 500.0


# --- records --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ProblemNote:
    """One problem kaghaz reported for a file (its kind's value, 1-based page or None, message)."""

    kind: str
    page: int | None
    message: str


@dataclass(frozen=True)
class Extracted:
    """What one tool returned for one file; ``problems`` is empty for the peers."""

    text: str
    problems: tuple[ProblemNote, ...] = ()


@dataclass(frozen=True)
class Tool:
    """An extractor under test: kaghaz or one of :data:`peers.PEERS`."""

    name: str
    label: str
    run: Callable[[Path], Extracted]
    version: str
    installed: bool
    slow: bool = False
    speed: Callable[[Path, int | None], str] | None = None
    speed_pages: int | None = None


@dataclass(frozen=True)
class Sample:
    """One PDF to extract: its set, its row in the tables (producer or document), name and ground truth."""

    set_name: str
    group: str
    name: str
    pdf: Path
    gt: Path | None
    pages: int


@dataclass(frozen=True)
class Outcome:
    """One tool on one sample: the text (``None`` if the tool failed), time, error, problems."""

    tool: str
    sample: Sample
    text: str | None
    seconds: float
    error: str | None
    problems: tuple[ProblemNote, ...]


@dataclass(frozen=True)
class ScoreTable:
    """Figures per (tool, group) for one set; the last group is the micro-averaged overall row."""

    set_name: str
    groups: tuple[str, ...]
    tools: tuple[str, ...]
    cells: Mapping[tuple[str, str], Figures]
    failed: frozenset[tuple[str, str]]

    @property
    def overall(self) -> str:
        return self.groups[-1]


@dataclass(frozen=True)
class SpeedRow:
    """Timed runs of one tool on one PDF; ``pages`` is how many pages each run extracted."""

    tool: str
    pdf: str
    pages: int
    seconds: tuple[float, ...]
    error: str | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def pages_per_second(self) -> float | None:
        return self.pages / self.median if self.seconds and self.median > 0 else None


@dataclass(frozen=True)
class MemoryRow:
    """Peak resident memory of one extraction in a fresh process."""

    tool: str
    pdf: str
    pages: int
    peak_mb: float | None
    baseline_mb: float | None
    seconds: float | None
    error: str | None = None


@dataclass(frozen=True)
class Target:
    """One figure of the issue: the measured value, the limit and how they compare."""

    name: str
    operator: str
    limit: float
    measured: float | None
    shown: str
    unit: str = ""

    @property
    def goal(self) -> str:
        """The limit as the issue writes it (fractions shown as percentages when the unit is %)."""
        value = f"{100 * self.limit:g}" if self.unit == "%" else f"{self.limit:g}"
        return f"{self.operator} {value}{' ' + self.unit if self.unit else ''}"

    @property
    def status(self) -> str:
        """PASS or FAIL, computed from the measured value; "not measured" when there is none."""
        if self.measured is None:
            return "not measured"
        holds = {"<=": self.measured <= self.limit, ">=": self.measured >= self.limit,
                 "<": self.measured < self.limit}[self.operator]
        return "PASS" if holds else "FAIL"


@dataclass(frozen=True)
class Environment:
    """Where and with what the benchmark ran."""

    date: str
    command: str
    machine: tuple[tuple[str, str], ...]
    accelerated: bool
    source_state: str


# --- tools ----------------------------------------------------------------------------------------

#: Characters of a paragraph's start compared by the paragraph table.
PARAGRAPH_HEAD = 25


def run_kaghaz(path: Path) -> Extracted:
    """``kaghaz.extract(path)``: its text and the problems it reported."""
    import kaghaz

    document = kaghaz.extract(path)
    problems = tuple(ProblemNote(str(getattr(p.kind, "value", p.kind)), p.page, p.message) for p in document.problems)
    return Extracted(document.text, problems)


def kaghaz_speed(path: Path, max_pages: int | None = None) -> str:
    """kaghaz's text of the whole document, as timed by the speed table."""
    import kaghaz

    return str(kaghaz.extract(path).text)


def kaghaz_tool() -> Tool:
    """kaghaz as a tool, with its version."""
    import kaghaz

    return Tool("kaghaz", "kaghaz extract", run_kaghaz, str(kaghaz.__version__), True, speed=kaghaz_speed)


def peer_tool(peer: peers.Peer) -> Tool:
    """One peer as a tool."""
    def run(path: Path) -> Extracted:
        return Extracted(peer.extract(path, None))

    return Tool(peer.name, peer.label, run, peer.version(), peer.installed, slow=peer.slow, speed=peer.extract,
                speed_pages=peer.speed_pages)


def all_tools() -> list[Tool]:
    """kaghaz first, then every peer, installed or not."""
    return [kaghaz_tool(), *(peer_tool(peer) for peer in peers.PEERS)]


def select_tools(tools: Sequence[Tool], quick: bool, names: Sequence[str] | None) -> list[Tool]:
    """The installed tools to run: all, the fast ones (``--quick``) or the named ones (``--tools``)."""
    known = {tool.name for tool in tools}
    unknown = sorted(set(names or ()) - known)
    if unknown:
        raise SystemExit(f"unknown tool(s) {', '.join(unknown)}; choose from {', '.join(sorted(known))}")
    chosen = [t for t in tools if t.installed and (names is None or t.name in names) and not (quick and t.slow)]
    return chosen


# --- samples --------------------------------------------------------------------------------------

def page_count(path: Path) -> int:
    """The number of pages pdfium sees, 0 when it cannot open the file."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(str(path))
    except Exception:  # a broken file is a finding, reported by the tools' runs
        return 0
    try:
        return len(document)
    finally:
        document.close()


def roundtrip_samples(shared: Path) -> list[Sample]:
    """Every ``roundtrip/pdf/<producer>/docNN.pdf`` with its ``roundtrip/gt/docNN.txt``."""
    base = shared / "bench" / "roundtrip"
    samples = []
    for pdf in sorted((base / "pdf").glob("*/*.pdf")):
        gt = base / "gt" / f"{pdf.stem}.txt"
        producer = pdf.parent.name
        samples.append(Sample(ROUNDTRIP, producer, f"{producer}/{pdf.stem}", pdf, gt if gt.is_file() else None,
                              page_count(pdf)))
    return samples


def real_samples(shared: Path) -> list[Sample]:
    """Every ``real/pdf/*.pdf``, with ``real/gt/<name>.txt`` where it exists."""
    samples = []
    for pdf in sorted((shared / "real" / "pdf").glob("*.pdf")):
        gt = shared / "real" / "gt" / f"{pdf.stem}.txt"
        samples.append(Sample(REAL, pdf.stem, pdf.stem, pdf, gt if gt.is_file() else None, page_count(pdf)))
    return samples


@cache
def ground_truth(path: Path) -> str:
    """A ground-truth file's text (read once)."""
    return path.read_text(encoding="utf-8")


# --- running --------------------------------------------------------------------------------------

def one_line(error: BaseException) -> str:
    """An exception as one line: its type and the first line of its message."""
    message = str(error).strip().splitlines()
    return f"{type(error).__name__}: {message[0] if message else ''}".strip()


def run_tool(tool: Tool, sample: Sample) -> Outcome:
    """Run one tool on one sample; any exception is recorded, never raised."""
    gc.collect()
    start = time.perf_counter()
    try:
        extracted = tool.run(sample.pdf)
    except Exception as error:  # one tool failing on one file must not stop the run
        return Outcome(tool.name, sample, None, time.perf_counter() - start, one_line(error), ())
    return Outcome(tool.name, sample, extracted.text, time.perf_counter() - start, None, extracted.problems)


def output_path(out_dir: Path, outcome: Outcome) -> Path:
    """``<out>/<tool>/<set>/<name>.txt``."""
    return out_dir / outcome.tool / outcome.sample.set_name / f"{outcome.sample.name}.txt"


def write_outcome(out_dir: Path, outcome: Outcome) -> None:
    """Write the text, or on failure remove the stale text and write ``<name>.error.txt``."""
    path = output_path(out_dir, outcome)
    error_path = path.with_suffix(".error.txt")
    path.parent.mkdir(parents=True, exist_ok=True)
    if outcome.text is None:
        path.unlink(missing_ok=True)
        error_path.write_text(f"{outcome.error}\n", encoding="utf-8")
    else:
        error_path.unlink(missing_ok=True)
        path.write_text(outcome.text, encoding="utf-8")


def run_all(tools: Sequence[Tool], samples: Sequence[Sample], out_dir: Path) -> list[Outcome]:
    """Every tool on every sample, outputs written, one progress line per tool and set on stderr."""
    outcomes = []
    for set_name in dict.fromkeys(s.set_name for s in samples):
        subset = [s for s in samples if s.set_name == set_name]
        for tool in tools:
            start = time.perf_counter()
            results = [run_tool(tool, sample) for sample in subset]
            for outcome in results:
                write_outcome(out_dir, outcome)
            failures = sum(o.error is not None for o in results)
            note(f"{set_name}: {tool.name:<10} {len(subset)} files {time.perf_counter() - start:6.1f} s"
                 + (f", {failures} failed" if failures else ""))
            outcomes.extend(results)
    return outcomes


def note(message: str) -> None:
    """Progress on stderr, so that stdout holds only the report."""
    print(message, file=sys.stderr, flush=True)


# --- scoring --------------------------------------------------------------------------------------

def score_table(scorer: ModuleType, outcomes: Sequence[Outcome], set_name: str, tools: Sequence[str],
                overall: str) -> ScoreTable:
    """Score every tool per group (producer or document) and over the whole set, files with ground truth only."""
    scored = [o for o in outcomes if o.sample.set_name == set_name and o.sample.gt is not None]
    groups = tuple(dict.fromkeys(o.sample.group for o in scored))
    cells: dict[tuple[str, str], Figures] = {}
    failed = set()
    for tool in tools:
        mine = [o for o in scored if o.tool == tool]
        for group in (*groups, overall):
            chosen = [o for o in mine if group in (overall, o.sample.group)]
            pairs = ((ground_truth(o.sample.gt), o.text or "") for o in chosen if o.sample.gt is not None)
            cells[(tool, group)] = sum_counts(scorer, pairs)
            if any(o.error for o in chosen):
                failed.add((tool, group))
    return ScoreTable(set_name, (*groups, overall), tuple(tools), cells, frozenset(failed))


# --- speed and memory -----------------------------------------------------------------------------

def timed(function: Callable[[Path, int | None], str], path: Path, max_pages: int | None) -> float:
    """Seconds for one call, after a garbage collection."""
    gc.collect()
    start = time.perf_counter()
    function(path, max_pages)
    return time.perf_counter() - start


def measure_speed(tools: Sequence[Tool], pdfs: Sequence[Path], repeats: int) -> list[SpeedRow]:
    """Pages per second on each long PDF, single process.

    kaghaz and pypdfium2 run ``repeats`` times each, interleaved, after one untimed warm-up run (imports,
    lexicon loading); their median counts. The other peers run once after a one-page warm-up, on their
    ``speed_pages`` first pages when they are slow.
    """
    rows = []
    for pdf in pdfs:
        pages = page_count(pdf)
        paired = [t for t in tools if t.name in ("kaghaz", "pypdfium2") and t.speed is not None]
        runs: dict[str, list[float]] = {t.name: [] for t in paired}
        errors: dict[str, str] = {}
        for tool in paired:
            assert tool.speed is not None
            try:
                tool.speed(pdf, None)
            except Exception as error:  # recorded in the table
                errors[tool.name] = one_line(error)
        for _ in range(repeats):
            for tool in paired:
                if tool.name not in errors and tool.speed is not None:
                    runs[tool.name].append(timed(tool.speed, pdf, None))
        rows += [SpeedRow(t.name, pdf.name, pages, tuple(runs[t.name]), errors.get(t.name)) for t in paired]
        for tool in tools:
            if tool in paired or tool.speed is None:
                continue
            limit = min(tool.speed_pages, pages) if tool.speed_pages else pages
            try:
                tool.speed(pdf, 1)
                rows.append(SpeedRow(tool.name, pdf.name, limit, (timed(tool.speed, pdf, tool.speed_pages),)))
            except Exception as error:  # recorded in the table
                rows.append(SpeedRow(tool.name, pdf.name, limit, (), one_line(error)))
        note(f"speed: {pdf.name} done")
    return rows


def speed_ratio(rows: Sequence[SpeedRow], tool: str, pdf: str) -> float | None:
    """``tool``'s pages per second divided by pypdfium2's on the same PDF in the same run."""
    mine = next((r for r in rows if r.tool == tool and r.pdf == pdf), None)
    base = next((r for r in rows if r.tool == "pypdfium2" and r.pdf == pdf), None)
    if mine is None or base is None or not mine.pages_per_second or not base.pages_per_second:
        return None
    return mine.pages_per_second / base.pages_per_second


def concatenate(pdfs: Sequence[Path], min_pages: int, dest: Path) -> int:
    """Write ``dest``: the PDFs appended in turn (with pypdfium2) until it has ``min_pages`` pages."""
    import pypdfium2 as pdfium

    merged = pdfium.PdfDocument.new()
    sources = []
    while len(merged) < min_pages:
        for pdf in pdfs:
            source = pdfium.PdfDocument(str(pdf))
            sources.append(source)
            merged.import_pages(source)
            if len(merged) >= min_pages:
                break
    merged.save(str(dest))
    pages = len(merged)
    for source in sources:
        source.close()
    merged.close()
    return pages


def kaghaz_import_dir() -> Path:
    """The folder that holds the ``kaghaz`` package in use (``src`` of this tree or of another)."""
    import kaghaz

    return Path(kaghaz.__file__).resolve().parent.parent


def probe_memory(tool: str, pdf: Path, label: str, pages: int) -> MemoryRow:
    """Run ``memory_probe.py`` in a fresh interpreter that imports the same kaghaz as this run."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(kaghaz_import_dir()), env.get("PYTHONPATH")) if p)
    command = [sys.executable, str(BENCH / "memory_probe.py"), tool, str(pdf)]
    try:
        result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=1800, check=False)
        if result.returncode != 0:
            lines = result.stderr.strip().splitlines()
            return MemoryRow(tool, label, pages, None, None, None, lines[-1] if lines else f"exit {result.returncode}")
        data = json.loads(result.stdout.strip().splitlines()[-1])
    except (OSError, subprocess.TimeoutExpired, ValueError, IndexError) as error:
        return MemoryRow(tool, label, pages, None, None, None, one_line(error))
    to_mb = 1024 / 1e6  # ru_maxrss and VmRSS are in KiB
    return MemoryRow(tool, label, int(data["pages"]), data["peak_kb"] * to_mb, data["baseline_kb"] * to_mb,
                     float(data["seconds"]))


def measure_memory(single: Path | None, long_pdfs: Sequence[Path]) -> list[MemoryRow]:
    """Peak RSS of kaghaz (and pypdfium2 raw, for scale) on ``single`` and on a >= 200-page concatenation."""
    rows = []
    targets: list[tuple[Path, str]] = []
    with tempfile.TemporaryDirectory(prefix="kaghaz-bench-") as temp:
        if single is not None and single.is_file():
            targets.append((single, single.name))
        if long_pdfs:
            merged = Path(temp) / "concatenated.pdf"
            pages = concatenate(long_pdfs, MEMORY_TARGET_PAGES, merged)
            targets.append((merged, f"{' + '.join(p.name for p in long_pdfs)}, repeated to {pages} pages"))
        for pdf, label in targets:
            pages = page_count(pdf)
            for tool in ("kaghaz", "pypdfium2"):
                rows.append(probe_memory(tool, pdf, label, pages))
            note(f"memory: {label} done")
    return rows


# --- targets --------------------------------------------------------------------------------------

def best_peer(table: ScoreTable, metric: Callable[[Figures], float]) -> tuple[str, float] | None:
    """The peer with the lowest overall value of ``metric`` in ``table`` (kaghaz excluded)."""
    values = [(metric(table.cells[(tool, table.overall)]), tool) for tool in table.tools if tool != "kaghaz"]
    if not values:
        return None
    value, tool = min(values)
    return tool, value


def evaluate_targets(roundtrip: ScoreTable | None, real: ScoreTable | None, speed: Sequence[SpeedRow],
                     memory: Sequence[MemoryRow]) -> list[Target]:
    """The issue's figures, each compared with what this run measured (PASS/FAIL computed here)."""
    targets = []
    rt = roundtrip if roundtrip is not None and "kaghaz" in roundtrip.tools else None
    overall = rt.cells[("kaghaz", rt.overall)] if rt else None
    if rt is None or overall is None:
        targets += [Target("round-trip CER, overall", "<=", CER_OVERALL_MAX, None, "–", "%"),
                    Target("round-trip CER, every producer", "<=", CER_PRODUCER_MAX, None, "–", "%"),
                    Target("round-trip ZWNJ recall", ">=", ZWNJ_RECALL_MIN, None, "–"),
                    Target("round-trip ZWNJ precision", ">=", ZWNJ_PRECISION_MIN, None, "–")]
    else:
        worst = max(rt.groups[:-1], key=lambda g: rt.cells[("kaghaz", g)].cer)
        value = rt.cells[("kaghaz", worst)].cer
        targets += [
            Target("round-trip CER, overall", "<=", CER_OVERALL_MAX, overall.cer, f"{percent(overall.cer)} %", "%"),
            Target("round-trip CER, every producer", "<=", CER_PRODUCER_MAX, value,
                   f"worst: {worst} {percent(value)} %", "%"),
            Target("round-trip ZWNJ recall", ">=", ZWNJ_RECALL_MIN, overall.zwnj_recall, f"{overall.zwnj_recall:.3f}"),
            Target("round-trip ZWNJ precision", ">=", ZWNJ_PRECISION_MIN, overall.zwnj_precision,
                   f"{overall.zwnj_precision:.3f}"),
        ]
    targets += real_targets(real)
    for pdf in dict.fromkeys(r.pdf for r in speed):
        ratio = speed_ratio(speed, "kaghaz", pdf)
        targets.append(Target(f"speed on {pdf}, x pypdfium2 raw", ">=", SPEED_RATIO_MIN, ratio,
                              f"{ratio:.2f} x" if ratio is not None else "–", "x"))
    for row in memory:
        if row.tool == "kaghaz":
            name = f"peak memory, {row.pages} pages ({row.pdf})"
            targets.append(Target(name, "<", PEAK_MB_MAX, row.peak_mb,
                                  f"{row.peak_mb:.0f} MB" if row.peak_mb is not None else f"failed: {row.error}", "MB"))
    return targets


def real_targets(real: ScoreTable | None) -> list[Target]:
    """The real-PDF figures: CER without ZWNJ against the best peer, and ZWNJ recall."""
    if real is None or "kaghaz" not in real.tools:
        return [Target("real PDFs: CER-no-ZWNJ / best peer's", "<=", REAL_CER_RATIO_MAX, None, "–"),
                Target("real PDFs: ZWNJ recall", ">=", REAL_ZWNJ_RECALL_MIN, None, "–")]
    mine = real.cells[("kaghaz", real.overall)]
    best = best_peer(real, lambda f: f.cer_no_zwnj)
    if best is None or best[1] == 0:
        ratio_target = Target("real PDFs: CER-no-ZWNJ / best peer's", "<=", REAL_CER_RATIO_MAX, None,
                              "no peer measured")
    else:
        ratio = mine.cer_no_zwnj / best[1]
        ratio_target = Target("real PDFs: CER-no-ZWNJ / best peer's", "<=", REAL_CER_RATIO_MAX, ratio,
                              f"{ratio:.2f} (kaghaz {percent(mine.cer_no_zwnj)} % vs {best[0]} {percent(best[1])} %)")
    return [ratio_target, Target("real PDFs: ZWNJ recall", ">=", REAL_ZWNJ_RECALL_MIN, mine.zwnj_recall,
                                 f"{mine.zwnj_recall:.3f}")]


# --- environment ----------------------------------------------------------------------------------

def git_state(folder: Path) -> str:
    """``<short commit>`` of the checkout holding ``folder``, with a note when it has uncommitted changes."""
    try:
        commit = subprocess.run(["git", "-C", str(folder), "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True, check=True, timeout=30).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(folder), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, check=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "not a git checkout"
    return f"{commit}{' + uncommitted changes' if dirty else ''}"


def cpu_model() -> str:
    """The CPU's model name from ``/proc/cpuinfo``, or the platform's processor string."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def accelerator_state() -> tuple[bool, str]:
    """Whether kaghaz's optional C accelerator (``kaghaz.pdf._charscan``) is there, and a note on it.

    The note says when the compiled module is older than its C source beside it (built before the
    last change: rebuild with ``python setup.py build_ext --inplace``).
    """
    spec = importlib.util.find_spec("kaghaz.pdf._charscan")
    if spec is None or spec.origin is None:
        return False, "NOT built (ctypes fallback)"
    built = Path(spec.origin)
    source = built.parent / "_charscan.c"
    if source.exists() and source.stat().st_mtime > built.stat().st_mtime:
        return True, "built, but OLDER than _charscan.c (stale build)"
    return True, "built"


def environment(tools: Sequence[Tool], argv: Sequence[str]) -> Environment:
    """Date, command, machine and versions, for the report's header."""
    source = kaghaz_import_dir()
    accelerated, accelerator = accelerator_state()
    relative = os.path.relpath(source, ROOT)
    machine = [
        ("nproc", str(len(os.sched_getaffinity(0)))),
        ("CPU", cpu_model()),
        ("Python", f"{platform.python_version()} ({platform.system()} {platform.machine()})"),
        ("kaghaz", f"{kaghaz_tool().version} from `{relative}` at {git_state(source)} (at the start); "
                   f"C accelerator {accelerator}"),
    ]
    machine += [(tool.label, tool.version) for tool in tools if tool.name != "kaghaz"]
    command = " ".join(["python bench/extract.py", *argv])
    date = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return Environment(date, command, tuple(machine), accelerated, git_state(source))


def finish(env: Environment) -> Environment:
    """Add what is only known at the end: the load average, and whether kaghaz's checkout moved meanwhile."""
    now = git_state(kaghaz_import_dir())
    extra = [("load average at the end (1, 5, 15 min)", ", ".join(f"{x:.2f}" for x in os.getloadavg()))]
    if now != env.source_state:
        extra.append(("WARNING", f"kaghaz's checkout changed during the run: {env.source_state} at the start, "
                                 f"{now} at the end (kaghaz.extraction was imported at the start; modules kaghaz "
                                 "imports lazily may be newer)"))
    return dataclasses.replace(env, machine=(*env.machine, *extra))


# --- the report -----------------------------------------------------------------------------------

METRICS: tuple[tuple[str, Callable[[Figures], str]], ...] = (
    ("CER % (ZWNJ counted)", lambda f: percent(f.cer)),
    ("CER without ZWNJ %", lambda f: percent(f.cer_no_zwnj)),
    ("WER %", lambda f: percent(f.wer, 1)),
    ("ZWNJ recall", lambda f: f"{f.zwnj_recall:.3f}" if f.recall_defined else "n/a"),
    ("ZWNJ precision", lambda f: f"{f.zwnj_precision:.3f}" if f.precision_defined else "n/a"),
)


def render_scores(table: ScoreTable, row_title: str) -> str:
    """One markdown table per figure: a row per group, a column per tool."""
    parts = []
    for title, show in METRICS:
        counts = title == "ZWNJ recall"  # how many ZWNJ the recall of each row rests on
        rows = [[group if group != table.overall else f"**{group}**",
                 *([str(table.cells[(table.tools[0], group)].ref_zwnj)] if counts else []),
                 *(show(table.cells[(tool, group)]) + (" †" if (tool, group) in table.failed else "")
                   for tool in table.tools)]
                for group in table.groups]
        header = [row_title, *(["ZWNJ in reference"] if counts else []), *table.tools]
        parts.append(f"**{title}**\n\n" + markdown_table(header, rows))
    return "\n\n".join(parts)


def problems_summary(problems: Sequence[ProblemNote]) -> str:
    """``kind ×count`` for each kind of problem, most frequent first."""
    counts = collections.Counter(p.kind for p in problems)
    return ", ".join(f"{kind} ×{n}" for kind, n in counts.most_common()) or "none"


def render_real_files(outcomes: Sequence[Outcome], tools: Sequence[str]) -> str:
    """Every real PDF, with or without ground truth: pages, kaghaz's time and problems, who failed."""
    rows = []
    real = [o for o in outcomes if o.sample.set_name == REAL]
    for sample in dict.fromkeys(o.sample for o in real):
        mine = next((o for o in real if o.sample == sample and o.tool == "kaghaz"), None)
        failed = [o.tool for o in real if o.sample == sample and o.error]
        speed = f"{sample.pages / mine.seconds:.1f}" if mine and mine.text is not None and mine.seconds else "–"
        rows.append([sample.name, str(sample.pages), "yes" if sample.gt else "no",
                     f"{mine.seconds:.2f}" if mine else "–", speed,
                     str(len(mine.text)) if mine and mine.text is not None else "failed" if mine else "–",
                     str(mine.text.count(REPLACEMENT)) if mine and mine.text is not None else "–",
                     problems_summary(mine.problems) if mine else "–",
                     ", ".join(failed) or "none"])
    header = ["document", "pages", "ground truth", "kaghaz s", "kaghaz pages/s", "kaghaz chars", "kaghaz U+FFFD",
              "kaghaz problems", "failed tools"]
    note_line = f"Tools run: {', '.join(tools)}."
    return note_line + "\n\n" + markdown_table(header, rows)


def render_speed(rows: Sequence[SpeedRow]) -> str:
    """Pages per second per tool and long PDF, with the ratio to pypdfium2 raw."""
    table = []
    for row in rows:
        pps = row.pages_per_second
        ratio = speed_ratio(rows, row.tool, row.pdf)
        runs = f"median of {len(row.seconds)}" if len(row.seconds) > 1 else f"{len(row.seconds)} run"
        spread = f" ({min(row.seconds):.3f}–{max(row.seconds):.3f})" if len(row.seconds) > 1 else ""
        table.append([row.pdf, row.tool, str(row.pages),
                      f"{row.median:.3f}{spread}" if row.seconds else f"failed: {row.error}",
                      f"{pps:.1f}" if pps else "–", f"{ratio:.3f}" if ratio is not None else "–", runs])
    return markdown_table(["PDF", "tool", "pages timed", "seconds", "pages/s", "x pypdfium2 raw", "runs"], table)


def render_memory(rows: Sequence[MemoryRow]) -> str:
    """Peak RSS per tool and PDF."""
    table = [[row.pdf, row.tool, str(row.pages),
              f"{row.peak_mb:.0f}" if row.peak_mb is not None else f"failed: {row.error}",
              f"{row.baseline_mb:.0f}" if row.baseline_mb is not None else "–",
              f"{row.seconds:.2f}" if row.seconds is not None else "–"] for row in rows]
    return markdown_table(["PDF", "tool", "pages", "peak RSS MB", "RSS after imports MB", "seconds"], table)


@dataclass(frozen=True)
class ParagraphRow:
    """How kaghaz's paragraphs match the ground truth's for one producer of the round-trip set."""

    group: str
    truth: int
    found: int
    extra: int


def _paragraph_heads(text: str) -> list[str]:
    """The first characters of each paragraph (blocks separated by a blank line), spaces folded."""
    return [" ".join(block.split())[:PARAGRAPH_HEAD] for block in text.split("\n\n") if block.strip()]


def paragraph_rows(outcomes: Sequence[Outcome]) -> list[ParagraphRow]:
    """Per producer: the ground truth's paragraphs, how many of them start a kaghaz paragraph, and how
    many kaghaz paragraphs start where the ground truth has none (a page's first block is not counted:
    a paragraph running on from the previous page must start a new block there)."""
    rows: dict[str, list[int]] = {}
    for outcome in outcomes:
        if outcome.tool != "kaghaz" or outcome.sample.set_name != ROUNDTRIP or outcome.sample.gt is None:
            continue
        truth = _paragraph_heads(ground_truth(outcome.sample.gt))
        heads: list[str] = []
        counted: list[str] = []
        for page in (outcome.text or "").split("\f"):
            blocks = _paragraph_heads(page)
            heads += blocks
            counted += blocks[1:]
        known = set(truth)
        row = rows.setdefault(outcome.sample.group, [0, 0, 0])
        row[0] += len(truth)
        row[1] += sum(head in set(heads) for head in truth)
        row[2] += sum(head not in known for head in counted)
    return [ParagraphRow(group, *row) for group, row in sorted(rows.items())]


def render_paragraphs(rows: Sequence[ParagraphRow]) -> str:
    body = [[r.group, str(r.truth), str(r.found), str(r.extra)] for r in rows]
    body.append(["**all**", str(sum(r.truth for r in rows)), str(sum(r.found for r in rows)),
                 str(sum(r.extra for r in rows))])
    return markdown_table(["producer", "paragraphs in ground truth", "found by kaghaz", "extra breaks"], body)


def render_targets(targets: Sequence[Target]) -> str:
    """The issue's figures against kaghaz's, with the computed status."""
    rows = [[t.name, t.goal, t.shown, f"**{t.status}**"] for t in targets]
    return markdown_table(["target (issue 2)", "goal", "kaghaz", "status"], rows)


#: Problem kinds that mean kaghaz lost part of a file's text through its own error, not the PDF's.
LOSS_KINDS = frozenset({"page-error"})


def render_failures(outcomes: Sequence[Outcome]) -> str:
    """Every tool that failed on a file, with its one-line error, and every page kaghaz could not read."""
    lines = [f"- {o.tool} on {o.sample.set_name}/{o.sample.name}: {o.error}" for o in outcomes if o.error]
    lines += [f"- {o.tool} on {o.sample.set_name}/{o.sample.name} reported {p.kind}: {p.message}"
              for o in outcomes for p in o.problems if p.kind in LOSS_KINDS]
    return "\n".join(lines) if lines else "None: every tool returned text for every file."


def render_report(env: Environment, all_known: Sequence[Tool], ran: Sequence[Tool], roundtrip: ScoreTable | None,
                  real: ScoreTable | None, outcomes: Sequence[Outcome], speed: Sequence[SpeedRow],
                  memory: Sequence[MemoryRow], targets: Sequence[Target]) -> str:
    """The extraction section of ``docs/benchmarks.md``."""
    missing = [t.name for t in all_known if not t.installed]
    parts = [
        "## Extraction",
        f"Measured {env.date} with `{env.command}`. Every number below is computed by the script in this run; "
        "figures are `../shared/bench/score.py`'s (micro-averaged over files: summed edits over summed "
        "reference length; see its docstring for what is normalized). A † marks a cell where the tool failed on "
        "at least one file (scored as empty text; see Failures). `n/a`: no ZWNJ in the reference (recall) or in "
        "the output (precision), which score.py counts as 1.0.",
        markdown_table(["", ""], [list(item) for item in env.machine])
        + (f"\n\nNot installed (left out): {', '.join(missing)}." if missing else ""),
        "### Targets",
        render_targets(targets),
    ]
    if not env.accelerated:
        parts.insert(2, "**Warning: kaghaz's C accelerator was not built; its speed is the ctypes fallback's.**")
    if roundtrip is not None:
        files = {o.sample.name for o in outcomes if o.sample.set_name == ROUNDTRIP}
        parts += [f"### Round-trip set ({len(roundtrip.groups) - 1} producers, {len(files)} PDFs, "
                  "`../shared/bench/roundtrip/`)", render_scores(roundtrip, "producer")]
    if real is not None:
        parts += ["### Real PDFs with ground truth (`../shared/real/`)",
                  "Ground truth covers the body text only (see `../shared/real/MANIFEST.md`); compare tools side by "
                  "side rather than reading absolute numbers.",
                  render_scores(real, "document")]
    if any(o.sample.set_name == REAL for o in outcomes):
        parts += ["### Real PDFs: every file", render_real_files(outcomes, [t.name for t in ran])]
    if speed:
        parts += ["### Speed (single process)",
                  "kaghaz and pypdfium2 raw run alternately after one untimed warm-up run each; the median counts "
                  "(min–max in brackets). The other peers run once after a one-page warm-up; pdfminer.six and "
                  "pdfplumber on their first pages only (column \"pages timed\"). Times include opening the file.",
                  render_speed(speed)]
    if memory:
        parts += ["### Peak memory",
                  "Each row is a fresh Python process (`bench/memory_probe.py`) that imports only the tool, extracts "
                  "every page once and reports its peak resident set size (`VmHWM`: whole process, imports included; "
                  "MB = 10^6 bytes). The "
                  "concatenated PDF is built at run time in a temporary folder with pypdfium2.",
                  render_memory(memory)]
    paragraphs = paragraph_rows(outcomes)
    if paragraphs:
        parts += ["### Paragraphs (round-trip set, kaghaz)",
                  f"A ground-truth paragraph is found when a kaghaz block starts with its first {PARAGRAPH_HEAD} "
                  "characters (spaces folded); an extra break is a kaghaz block that starts where the ground truth "
                  "has no paragraph, not counting the first block of a page (a paragraph running on from the "
                  "previous page starts a block there, since pages are separated by a form feed). Headings count "
                  "as paragraphs.",
                  render_paragraphs(paragraphs)]
    parts += ["### Failures", render_failures(outcomes)]
    return "\n\n".join(parts) + "\n"


# --- worst lines ----------------------------------------------------------------------------------

def print_worst(scorer: ModuleType, outcomes: Sequence[Outcome], table: ScoreTable, tool: str, count: int,
                groups: int | None) -> None:
    """Print ``tool``'s ``count`` worst lines per group of ``table``, the worst groups first."""
    if tool not in table.tools:
        return
    ranked = sorted(table.groups[:-1], key=lambda g: -table.cells[(tool, g)].cer)[:groups]
    print(f"\n# {tool}: worst lines, {table.set_name} set (ZWNJ shown as '|', invisible characters as <NAME>, "
          "presentation forms as <U+XXXX>)")
    for group in ranked:
        figures = table.cells[(tool, group)]
        recall = f"{figures.zwnj_recall:.3f} of {figures.ref_zwnj}" if figures.recall_defined else "n/a (none in ref)"
        print(f"\n== {table.set_name}/{group}: CER {percent(figures.cer)} %, without ZWNJ "
              f"{percent(figures.cer_no_zwnj)} %, ZWNJ recall {recall}")
        lines: list[tuple[str, LinePair]] = []
        unlisted = 0
        for outcome in outcomes:
            if outcome.tool == tool and outcome.sample.set_name == table.set_name and outcome.sample.group == group \
                    and outcome.sample.gt is not None:
                pairs = line_pairs(ground_truth(outcome.sample.gt), outcome.text or "", scorer.normalize)
                unlisted += sum(pair.edits for pair in pairs if not has_words(pair.ref))
                lines += [(outcome.sample.name, pair) for pair in worst_of(filter(has_words_ref, pairs), count)]
        if unlisted:
            print(f"   ({unlisted} edits in reference lines without a letter or digit, such as table rules, "
                  "count in the figures but are not listed)")
        for name, pair in sorted(lines, key=lambda item: (-item[1].edits, -item[1].cer))[:count]:
            print(f"-- {name}: {pair.edits} edits / {len(pair.ref)} chars ({percent(pair.cer, 1)} %)")
            print(f"   ref: {visible(pair.ref)}")
            print(f"   got: {visible(pair.hyp)}")
            for edit in edit_summary(pair.ref, pair.hyp, limit=6):
                print(f"     {edit}")


def has_words_ref(pair: LinePair) -> bool:
    """Whether the pair's reference unit holds a letter or digit (see :func:`common.has_words`)."""
    return has_words(pair.ref)


# --- main -----------------------------------------------------------------------------------------

def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """The command line; see the module docstring for examples."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     epilog="example: python bench/extract.py --quick --worst 10")
    parser.add_argument("--quick", action="store_true",
                        help="round-trip set only, fast peers only, one speed run, no memory run; no docs")
    parser.add_argument("--out", type=Path, default=BENCH / "out", help="where every tool's text goes")
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared folder (default: ../shared)")
    parser.add_argument("--docs", type=Path, default=BENCHMARKS_MD, help="the markdown file to update")
    parser.add_argument("--no-docs", action="store_true", help="print the report but do not rewrite the docs")
    parser.add_argument("--tools", type=lambda s: [n.strip() for n in s.split(",") if n.strip()],
                        help="comma-separated subset, e.g. kaghaz,pypdfium2 (implies --no-docs)")
    parser.add_argument("--repeats", type=int, default=None,
                        help="timed runs of kaghaz and pypdfium2 (default 5; 1 with --quick)")
    parser.add_argument("--worst", type=int, default=0, metavar="N", help="print kaghaz's N worst lines per group")
    parser.add_argument("--worst-tool", default="kaghaz", help="whose worst lines to print (default kaghaz)")
    parser.add_argument("--worst-groups", type=int, default=None, metavar="K",
                        help="only the K worst producers / documents of each set")
    parser.add_argument("--memory-pdf", type=Path, default=None,
                        help="the single large PDF for the memory run (default: real/pdf/x10_proceedings.pdf)")
    args = parser.parse_args(argv)
    if args.repeats is not None and args.repeats < 1:
        parser.error(f"--repeats must be at least 1, not {args.repeats}")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark, print the report (and worst lines), and update the docs on a full run."""
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    peers.quiet_peer_logging()
    scorer = load_scorer(args.shared)
    known = all_tools()
    tools = select_tools(known, args.quick, args.tools)
    env = environment(known, argv)
    samples = roundtrip_samples(args.shared) + ([] if args.quick else real_samples(args.shared))
    if not samples:
        raise SystemExit(f"no PDFs found under {args.shared}/bench/roundtrip/pdf; pass --shared")
    long_pdfs = sorted((args.shared / "bench" / "long").glob("*.pdf"))
    # Memory first, and kaghaz imported now: all parts of the run see the same kaghaz source even when
    # its checkout is being edited meanwhile (finish() warns when it was).
    importlib.import_module("kaghaz.extraction")
    memory_pdf = args.memory_pdf or args.shared / "real" / "pdf" / "x10_proceedings.pdf"
    wants_memory = not args.quick and "kaghaz" in {t.name for t in tools}
    memory = measure_memory(memory_pdf, long_pdfs) if wants_memory else []
    outcomes = run_all(tools, samples, args.out)
    names = [t.name for t in tools]
    roundtrip = score_table(scorer, outcomes, ROUNDTRIP, names, "all")
    real = None if args.quick else score_table(scorer, outcomes, REAL, names, "all real with gt")
    speed_tools = [t for t in tools if t.name in ("kaghaz", "pypdfium2")] if args.quick else tools
    speed = measure_speed(speed_tools, long_pdfs, args.repeats or (1 if args.quick else 5))
    targets = evaluate_targets(roundtrip, real, speed, memory)
    report = render_report(finish(env), known, tools, roundtrip, real, outcomes, speed, memory, targets)
    print(report)
    if args.worst:
        for table in (roundtrip, real):
            if table is not None:
                print_worst(scorer, outcomes, table, args.worst_tool, args.worst, args.worst_groups)
    if args.quick or args.tools or args.no_docs:
        note("docs not rewritten (only a full run without --quick, --tools or --no-docs does that)")
    else:
        update_section_file(args.docs, EXTRACT_MARKERS, report)
        note(f"wrote the extraction section of {os.path.relpath(args.docs, Path.cwd())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
