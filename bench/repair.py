"""Benchmark of ``kaghaz repair``: what it does to the shared garbled set, to clean text, and how fast.

    PYTHONPATH=src python bench/repair.py                 # everything, 100 MB memory run included
    PYTHONPATH=src python bench/repair.py --large-mb 10   # a smaller memory run
    PYTHONPATH=src python bench/repair.py --real          # also garble ../shared/real PDFs and measure
    PYTHONPATH=src python bench/repair.py --other-tools   # also pdf.js, PDFBox, Ghostscript, mutool, where installed

Writes its results into ``docs/benchmarks.md`` between ``<!-- repair:start -->`` and
``<!-- repair:end -->`` (the rest of that file belongs to other scripts) and prints them.

Figures:
* CER before and after repair for every extractor x producer cell of
  ``../shared/bench/roundtrip/garbled`` against ``gt/``, scored with ``../shared/bench/score.py``
  (imported, so the numbers are that scorer's), and how many garbled documents a second repair of
  the repaired text still changes;
* edits made to clean text: every ``gt/`` document, and the 1,000 held-out corpus sentences chosen
  by ``bench/repair_corpus.py`` (each as a document of its own, and all as one document);
* throughput (KB of UTF-8 text per second, one process, one core) and peak memory of
  ``kaghaz repair`` on a large input made by repeating the garbled set.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any, Final

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- repair:start -->", "<!-- repair:end -->"
EXTRACTORS = ("pdfium_range", "pymupdf", "pdftotext", "pypdf", "pdfminer", "pdfplumber")
PRODUCERS = ("lo", "lo_justify", "lo_2col", "chromium", "typst", "weasyprint", "xelatex")
TARGET_CER = 0.03

sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))


def load_scorer(shared: Path) -> ModuleType:
    """``../shared/bench/score.py`` as a module (the single definition of CER)."""
    spec = importlib.util.spec_from_file_location("kaghaz_bench_score", shared / "bench" / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def in_target(extractor: str, producer: str) -> bool:
    """The cells the issue's figures cover: all but XeLaTeX and pdftotext on two columns."""
    return producer != "xelatex" and not (extractor == "pdftotext" and producer == "lo_2col")


@dataclass
class Cell:
    before: object
    after: object
    seconds: float = 0.0
    size: int = 0


@dataclass
class Results:
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)


#: CPU seconds of the first call in the process (lexicon and language model loaded), measured by
#: :func:`garbled_table` before it times anything.
FIRST_CALL: list[float] = []


def garbled_table(shared: Path, score: ModuleType) -> tuple[list[str], dict[tuple[str, str], Cell]]:
    from kaghaz.repair import repair

    started = time.process_time()
    repair("سلام")
    FIRST_CALL.append(time.process_time() - started)
    roundtrip = shared / "bench" / "roundtrip"
    gts = sorted((roundtrip / "gt").glob("*.txt"))
    cells: dict[tuple[str, str], Cell] = {}
    unsettled = 0  # documents whose repaired text a second repair still changes
    for extractor in EXTRACTORS:
        for producer in PRODUCERS:
            before, after = score.Counts(), score.Counts()
            seconds = 0.0
            size = 0
            for gt in gts:
                raw = (roundtrip / "garbled" / extractor / producer / gt.name).read_text(encoding="utf-8")
                ref = gt.read_text(encoding="utf-8")
                started = time.process_time()
                fixed = repair(raw)
                seconds += time.process_time() - started
                size += len(raw.encode("utf-8"))
                before.add(score.count(ref, raw))
                after.add(score.count(ref, fixed))
                unsettled += repair(fixed) != fixed
            cells[(extractor, producer)] = Cell(before, after, seconds, size)
    lines = ["CER % before -> after repair (`score.py`, ZWNJ counted); **bold**: a target cell above 3 %.", "",
             "| extractor | " + " | ".join(PRODUCERS) + " |", "|---" * (len(PRODUCERS) + 1) + "|"]
    for extractor in EXTRACTORS:
        row = []
        for producer in PRODUCERS:
            cell = cells[(extractor, producer)]
            b = 100 * cell.before.figures()["cer"]  # type: ignore[attr-defined]
            a = 100 * cell.after.figures()["cer"]  # type: ignore[attr-defined]
            text = f"{b:.1f} → {a:.1f}"
            if in_target(extractor, producer) and a > 100 * TARGET_CER:
                text = f"**{text}**"
            row.append(text)
        lines.append(f"| {extractor} | " + " | ".join(row) + " |")
    total_before, total_after = score.Counts(), score.Counts()
    passing = worse = 0
    count = 0
    for (extractor, producer), cell in cells.items():
        if not in_target(extractor, producer):
            continue
        count += 1
        total_before.add(cell.before)
        total_after.add(cell.after)
        if cell.after.figures()["cer"] <= TARGET_CER:  # type: ignore[attr-defined]
            passing += 1
        if cell.after.figures()["cer"] > cell.before.figures()["cer"]:  # type: ignore[attr-defined]
            worse += 1
    overall_b, overall_a = total_before.figures(), total_after.figures()
    lines += ["",
              f"Over the {count} target cells (all but `xelatex` and pdftotext on `lo_2col`): CER "
              f"{100 * overall_b['cer']:.2f} % → **{100 * overall_a['cer']:.2f} %** (ZWNJ left out: "
              f"{100 * overall_b['cer_no_zwnj']:.2f} % → {100 * overall_a['cer_no_zwnj']:.2f} %); "
              f"{passing} of {count} cells at or below 3 %; {worse} cells worse than their input."]
    all_b, all_a = score.Counts(), score.Counts()
    for cell in cells.values():
        all_b.add(cell.before)
        all_a.add(cell.after)
    lines.append(f"All 42 cells: {100 * all_b.figures()['cer']:.2f} % → {100 * all_a.figures()['cer']:.2f} %.")
    lines.append(f"Repair twice: {unsettled} of {len(gts) * len(cells)} garbled documents change again when their "
                 "repaired text is repaired (not timed).")
    return lines, cells


def clean_edits(shared: Path) -> list[str]:
    import repair_corpus
    from kaghaz.repair import repair_and_explain

    gt_docs = sorted((shared / "bench" / "roundtrip" / "gt").glob("*.txt"))
    gt_steps = sum(len(repair_and_explain(p.read_text(encoding="utf-8")).steps) for p in gt_docs)
    sentences = [s for _, _, s in repair_corpus.held_out(shared / "corpora")]
    one_by_one = sum(1 for s in sentences if repair_and_explain(s).steps)
    together = repair_and_explain("\n".join(sentences))
    changed_lines = len({step.line for step in together.steps})
    return [
        f"Edits to clean text: {gt_steps} fixes on the {len(gt_docs)} `gt/` documents; "
        f"{one_by_one} of {len(sentences)} held-out corpus sentences changed when repaired one by one, "
        f"{changed_lines} lines changed when repaired as one document "
        "(the sentences are chosen by the fixed rule in `bench/repair_corpus.py`: every 4th line of "
        "`ud_perdt.txt`, every 20th of `cv_mozilla_voice_fa.txt`; they are left out of the shipped pair table).",
    ]


def throughput(cells: dict[tuple[str, str], Cell], shared: Path) -> list[str]:
    from kaghaz.repair import repair

    size = sum(cell.size for cell in cells.values())
    seconds = sum(cell.seconds for cell in cells.values())
    gt_text = [p.read_text(encoding="utf-8") for p in sorted((shared / "bench" / "roundtrip" / "gt").glob("*.txt"))]
    clean = gt_text * 20
    started = time.process_time()
    for text in clean:
        repair(text)
    clean_seconds = time.process_time() - started
    clean_size = sum(len(t.encode("utf-8")) for t in clean)
    return [f"Throughput, one process on one core (CPU time): {size / seconds / 1000:.0f} KB/s over the whole "
            f"garbled set ({size / 1e6:.1f} MB), {clean_size / clean_seconds / 1000:.0f} KB/s on clean text "
            f"(the `gt/` documents, {clean_size / 1e6:.1f} MB); the lexicon and language model load once per "
            f"process, on the first call: {FIRST_CALL[0] if FIRST_CALL else float('nan'):.2f} s, not counted."]


def memory_run(shared: Path, megabytes: float) -> str:
    """Run ``kaghaz repair`` on a file of about ``megabytes`` MB; report time and peak memory."""
    garbled = sorted((shared / "bench" / "roundtrip" / "garbled").glob("*/*/*.txt"))
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "large.txt"
        target = Path(folder) / "out.txt"
        written = 0
        with source.open("wb") as handle:
            while written < megabytes * 1e6:
                for path in garbled:
                    data = path.read_bytes() + b"\n\n"
                    handle.write(data)
                    written += len(data)
                    if written >= megabytes * 1e6:
                        break
        env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
        started = time.time()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([sys.executable, "-m", "kaghaz", "repair", str(source), "-o", str(target)],
                       check=True, env=env)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        elapsed = time.time() - started
        peak_mb = after.ru_maxrss / 1024
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        return (f"`kaghaz repair` on a {written / 1e6:.0f} MB file (the garbled set repeated): "
                f"{elapsed:.0f} s wall, {written / cpu / 1000:.0f} KB/s of CPU time, peak memory {peak_mb:.0f} MB.")


def six_extractors() -> dict[str, Callable[[Path], str]]:
    """The six extractors of the shared garbled set, as they are called there (pages joined by
    form feeds)."""

    def pypdf_text(path: Path) -> str:
        import pypdf
        return "\f".join(page.extract_text() or "" for page in pypdf.PdfReader(str(path)).pages)

    def pdfminer_text(path: Path) -> str:
        from pdfminer.high_level import extract_text
        return str(extract_text(str(path)))

    def pdfplumber_text(path: Path) -> str:
        import pdfplumber
        with pdfplumber.open(str(path)) as pdf:
            return "\f".join(page.extract_text() or "" for page in pdf.pages)

    def pymupdf_text(path: Path) -> str:
        import pymupdf
        return "\f".join(page.get_text() for page in pymupdf.open(str(path)))

    def pdfium_text(path: Path) -> str:
        import pypdfium2
        document = pypdfium2.PdfDocument(str(path))
        return "\f".join(document[i].get_textpage().get_text_range() for i in range(len(document)))

    def pdftotext_text(path: Path) -> str:
        return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=False).stdout

    return {"pypdf": pypdf_text, "pdfminer": pdfminer_text, "pdfplumber": pdfplumber_text, "pymupdf": pymupdf_text,
            "pdfium_range": pdfium_text, "pdftotext": pdftotext_text}


def real_documents(shared: Path, score: ModuleType) -> list[str]:
    """Garble ``../shared/real`` PDFs that have ground truth with the six extractors; measure repair."""
    import warnings

    from kaghaz.repair import repair

    warnings.filterwarnings("ignore")
    real = shared / "real"
    ids = sorted(p.stem for p in (real / "gt").glob("*.txt"))

    lines = ["", "Real PDFs of `../shared/real` that have ground truth (MS Word, LibreOffice, Quartz, XeLaTeX), "
             "garbled here by each extractor, CER % before -> after (the ground truth lacks running headers "
             "and footers, so absolute figures are high; compare before with after):", "",
             "| extractor | " + " | ".join(ids) + " | all |", "|---" * (len(ids) + 2) + "|"]
    for name, function in six_extractors().items():
        row = []
        total_b, total_a = score.Counts(), score.Counts()
        for doc in ids:
            try:
                raw = function(real / "pdf" / f"{doc}.pdf")
            except Exception as error:
                row.append(f"failed ({type(error).__name__})")
                continue
            ref = (real / "gt" / f"{doc}.txt").read_text(encoding="utf-8")
            b, a = score.count(ref, raw), score.count(ref, repair(raw))
            total_b.add(b)
            total_a.add(a)
            row.append(_change(b, a, 0))
        lines.append(f"| {name} | " + " | ".join([*row, _change(total_b, total_a)]) + " |")
    return lines


def _change(before: object, after: object, digits: int = 1) -> str:
    """``before → after`` as CER percentages of two ``score.Counts``."""
    b = 100 * before.figures()["cer"]  # type: ignore[attr-defined]
    a = 100 * after.figures()["cer"]  # type: ignore[attr-defined]
    return f"{b:.{digits}f} → {a:.{digits}f}"


def _other_modes() -> dict[str, Callable[[Path], str]]:
    """Extractor modes the shared garbled set does not hold: what the repair has not been shown."""

    def pdftotext(mode: str) -> Callable[[Path], str]:
        def run(path: Path) -> str:
            return subprocess.run(["pdftotext", mode, "-enc", "UTF-8", str(path), "-"], capture_output=True,
                                  text=True, check=False).stdout
        return run

    def pymupdf_sort(path: Path) -> str:
        import pymupdf
        return "\f".join(page.get_text(sort=True) for page in pymupdf.open(str(path)))

    def pymupdf_blocks(path: Path) -> str:
        import pymupdf
        return "\f".join("\n\n".join(block[4] for block in page.get_text("blocks")) for page in pymupdf.open(str(path)))

    def pypdf_layout(path: Path) -> str:
        import pypdf
        return "\f".join(page.extract_text(extraction_mode="layout") for page in pypdf.PdfReader(str(path)).pages)

    def pdfplumber_layout(path: Path) -> str:
        import pdfplumber
        with pdfplumber.open(str(path)) as pdf:
            return "\f".join(page.extract_text(layout=True) or "" for page in pdf.pages)

    def pdfminer_noflow(path: Path) -> str:
        from pdfminer.high_level import extract_text
        from pdfminer.layout import LAParams
        return str(extract_text(str(path), laparams=LAParams(boxes_flow=None)))

    def pdfium_bounded(path: Path) -> str:
        import pypdfium2
        document = pypdfium2.PdfDocument(str(path))
        return "\f".join(document[i].get_textpage().get_text_bounded() for i in range(len(document)))

    def pymupdf4llm_markdown(path: Path) -> str:
        import contextlib
        import io

        import pymupdf4llm
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            # it prints notes about optional OCR
            return str(pymupdf4llm.to_markdown(str(path), show_progress=False))

    def pdftohtml(path: Path) -> str:
        import html
        import re
        page = subprocess.run(["pdftohtml", "-i", "-stdout", "-noframes", "-q", str(path)], capture_output=True,
                              text=True, check=False).stdout
        page = re.sub(r"<hr\s*/?>", "\f", re.sub(r"<br\s*/?>", "\n", page))
        return html.unescape(re.sub(r"<[^>]+>", "", page))

    return {"pdftotext -raw": pdftotext("-raw"), "pdftotext -layout": pdftotext("-layout"),
            "pymupdf sort=True": pymupdf_sort, "pymupdf blocks": pymupdf_blocks, "pypdf layout": pypdf_layout,
            "pdfplumber layout=True": pdfplumber_layout, "pdfminer boxes_flow=None": pdfminer_noflow,
            "pdfium get_text_bounded": pdfium_bounded, "pymupdf4llm (Markdown)": pymupdf4llm_markdown,
            "pdftohtml (tags dropped)": pdftohtml}


def other_modes(shared: Path, score: ModuleType) -> list[str]:
    """The round-trip PDFs garbled by extractor modes that are not in the shared set, repaired."""
    import warnings

    warnings.filterwarnings("ignore")
    roundtrip = shared / "bench" / "roundtrip"
    lines = ["", "Extractor modes that are not in the shared garbled set (the round-trip PDFs extracted here; "
             "two fixes were written while looking at them: the `visual-lines` reading for `pymupdf sort=True` "
             "and `split_gutters` for two columns side by side, on pdftotext `-layout` and pypdf layout mode; "
             "pymupdf4llm, which writes whole paragraphs as lines, led to leaving the order of such documents "
             "alone, and pdftohtml to reading no-break spaces and lines cut inside numbers; Markdown and HTML "
             "markup count as errors here), CER % before -> after:", "",
             "| mode | " + " | ".join(PRODUCERS) + " | all but xelatex |", "|---" * (len(PRODUCERS) + 2) + "|"]
    lines += [_round_trip_row(name, function, roundtrip, score) for name, function in _other_modes().items()]
    return lines


def _round_trip_row(name: str, function: Callable[[Path], str], roundtrip: Path, score: ModuleType) -> str:
    """One table row: CER before -> after repair of the round-trip PDFs as ``function`` extracts them,
    per producer and over all but xelatex."""
    from kaghaz.repair import repair

    row = []
    total_b, total_a = score.Counts(), score.Counts()
    for producer in PRODUCERS:
        before, after = score.Counts(), score.Counts()
        for gt in sorted((roundtrip / "gt").glob("*.txt")):
            try:
                raw = function(roundtrip / "pdf" / producer / f"{gt.stem}.pdf")
            except Exception:  # a peer failing on a file is the peer's failure, scored as empty
                raw = ""
            ref = gt.read_text(encoding="utf-8")
            before.add(score.count(ref, raw))
            after.add(score.count(ref, repair(raw)))
        if producer != "xelatex":
            total_b.add(before)
            total_a.add(after)
        row.append(_change(before, after))
    return f"| {name} | " + " | ".join([*row, _change(total_b, total_a)]) + " |"


PEERS = Path(__file__).resolve().parent / "peers"
PDFBOX_JARS = ("pdfbox2.jar", "fontbox2.jar", "commons-logging.jar")


def _other_tools() -> dict[str, Callable[[Path], str] | str]:
    """Extractors outside Python, each as a function, or as the reason it cannot run here.

    Set up with ``apt-get install ghostscript libpdfbox2-java mupdf-tools nodejs npm`` and
    ``npm install --prefix bench/peers pdfjs-dist@4``; none of them is a dependency of kaghaz.
    """
    import shutil
    import tempfile

    def command(*words: str) -> Callable[[Path], str]:
        def run(path: Path) -> str:
            with tempfile.TemporaryDirectory() as folder:
                out = Path(folder) / "out.txt"
                subprocess.run([part.replace("{in}", str(path)).replace("{out}", str(out)) for part in words],
                               capture_output=True, check=False)
                return out.read_text(encoding="utf-8", errors="replace") if out.exists() else ""
        return run

    def pdfjs(path: Path) -> str:
        return subprocess.run(["node", str(PEERS / "pdfjs_text.mjs"), str(path)], capture_output=True, text=True,
                              check=False).stdout

    java = Path("/usr/share/java")
    pdfbox = ":".join(str(java / jar) for jar in (*PDFBOX_JARS, "pdfbox2-tools.jar"))
    tools: dict[str, Callable[[Path], str] | str] = {}
    tools["pdf.js 4 (Firefox)"] = (pdfjs if shutil.which("node") and (PEERS / "node_modules" / "pdfjs-dist").exists()
                                   else "needs node and `npm install --prefix bench/peers pdfjs-dist@4`")
    tools["PDFBox 2 ExtractText (Tika)"] = (
        command("java", "-cp", pdfbox, "org.apache.pdfbox.tools.ExtractText", "-encoding", "UTF-8", "{in}", "{out}")
        if shutil.which("java") and all((java / jar).exists() for jar in PDFBOX_JARS)
        else "needs java and libpdfbox2-java")
    tools["Ghostscript txtwrite"] = (command("gs", "-q", "-sDEVICE=txtwrite", "-o", "{out}", "{in}")
                                     if shutil.which("gs") else "needs ghostscript")
    tools["mutool draw -F txt"] = (command("mutool", "draw", "-q", "-F", "txt", "-o", "{out}", "{in}")
                                   if shutil.which("mutool") else "needs mupdf-tools")
    return tools


def other_tools(shared: Path, score: ModuleType) -> list[str]:
    """The round-trip PDFs extracted by tools outside Python, repaired."""
    roundtrip = shared / "bench" / "roundtrip"
    lines = ["", "Extractors outside Python (the round-trip PDFs extracted here; two fixes were written while looking "
             "at them: the stretch-by-stretch reading of `mutool` and pdf.js's turned item runs on Chromium PDFs), "
             "CER % before -> after:", "",
             "| tool | " + " | ".join(PRODUCERS) + " | all but xelatex |", "|---" * (len(PRODUCERS) + 2) + "|"]
    for name, function in _other_tools().items():
        if isinstance(function, str):
            lines.append(f"| {name} | not run here: {function} |" + " |" * len(PRODUCERS))
        else:
            lines.append(_round_trip_row(name, function, roundtrip, score))
    return lines


def _add_six(pdf: Path, reference: str, score: ModuleType, totals: dict[str, tuple[Any, Any]]) -> None:
    """Add to ``totals`` (counts before and after repair, per extractor) what the six extractors make
    of ``pdf``, scored against ``reference``."""
    from kaghaz.repair import repair

    for name, function in six_extractors().items():
        try:
            raw = function(pdf)
        except Exception:  # a peer failing on a file is the peer's failure, scored as empty
            raw = ""
        totals[name][0].add(score.count(reference, raw))
        totals[name][1].add(score.count(reference, repair(raw)))


def _typst_string(text: str) -> str:
    """``text`` as a Typst string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _articles(sentences: list[str], sizes: tuple[int, ...]) -> list[tuple[str, str]]:
    """Articles as the shared set's documents hold them: a title (the first words of the first
    sentence) and one paragraph of the sentences after it, ``sizes`` sentences each."""
    out, at = [], 0
    for size in sizes:
        chunk = sentences[at:at + size]
        at += size
        out.append((" ".join(chunk[0].split()[:2]).rstrip("\u060c.:\u061b"), " ".join(chunk[1:])))
    return out


#: Sentences per article in the fresh documents (three articles each, two pages of Writer text), in
#: turn: the shared set's documents hold two to six articles of about a thousand letters.
ARTICLE_SIZES: Final = ((16, 14, 15), (14, 16, 15))


def fresh_documents(score: ModuleType, count: int = 4, justify: bool = False) -> list[str]:
    """Typst PDFs made here from held-out corpus sentences (left out of the pair table), garbled by
    the six extractors and repaired: text nothing in kaghaz was written or tuned on, laid out as the
    shared set's Typst PDFs (A4, Noto Sans Arabic 11 pt, a bold title and headings, page numbers)."""
    import tempfile
    import warnings

    import typst

    import repair_corpus

    warnings.filterwarnings("ignore")
    sentences = [line.strip() for name, _, line in repair_corpus.held_out() if name == "ud_perdt.txt"]
    per_document = sum(ARTICLE_SIZES[0])
    totals = {name: (score.Counts(), score.Counts()) for name in six_extractors()}
    with tempfile.TemporaryDirectory() as folder:
        for number in range(count):
            start = number * per_document
            articles = _articles(sentences[start:start + per_document], ARTICLE_SIZES[number % 2])
            source = Path(folder) / f"fresh{number}.typ"
            pdf = Path(folder) / f"fresh{number}.pdf"
            body = []
            for index, (title, paragraph) in enumerate(articles):
                size = "1.4em" if index == 0 else "1.2em"
                body.append(f"#par(text(size: {size}, weight: \"bold\", {_typst_string(title)}))")
                body.append(f"#par({_typst_string(paragraph)})")
            source.write_text('#set page(paper: "a4", margin: 2.2cm, numbering: "1")\n'
                              '#set text(font: "Noto Sans Arabic", size: 11pt, lang: "fa", dir: rtl)\n'
                              f'#set par(justify: {"true" if justify else "false"}, leading: 0.9em, spacing: 1.2em)\n'
                              + "\n".join(body) + "\n",
                              encoding="utf-8")
            typst.compile(str(source), output=str(pdf))
            _add_six(pdf, "\n\n".join(part for article in articles for part in article), score, totals)
    label = "justified" if justify else "ragged"
    return [f"| Typst, {label} | " + " | ".join(_change(b, a) for b, a in totals.values()) + " |"]


def _docx_paragraph(document: Any, text: str, justify: bool, font: str = "Nazli", points: int = 12,
                    bold: bool = False) -> None:
    """A right-to-left paragraph, ragged or justified, as Word or Writer writes one."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY if justify else WD_ALIGN_PARAGRAPH.RIGHT
    paragraph._p.get_or_add_pPr().append(OxmlElement("w:bidi"))
    paragraph.paragraph_format.space_after = Pt(6)
    run = paragraph.add_run(text)
    run.font.size = Pt(points)
    run.font.name = font
    run.bold = bold
    properties = run._r.get_or_add_rPr()
    fonts = properties.find(qn("w:rFonts"))
    fonts.set(qn("w:cs"), font)
    fonts.set(qn("w:hAnsi"), font)
    properties.append(OxmlElement("w:rtl"))
    if bold:
        properties.append(OxmlElement("w:bCs"))
    size = OxmlElement("w:szCs")
    size.set(qn("w:val"), str(2 * points))
    properties.append(size)


def _two_columns(section: Any) -> None:
    """Make a python-docx section two columns, right to left."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = section._sectPr
    columns = properties.find(qn("w:cols"))
    if columns is None:
        columns = OxmlElement("w:cols")
        properties.append(columns)
    columns.set(qn("w:num"), "2")
    columns.set(qn("w:space"), "567")
    properties.append(OxmlElement("w:bidi"))


def _page_numbers(section: Any) -> None:
    """Page numbers at the foot of a python-docx section, centred, as the shared set's."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run, text = OxmlElement("w:r"), OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def fresh_writer_documents(score: ModuleType, count: int = 4, justify: bool = False,
                           columns: bool = False) -> list[str]:
    """LibreOffice Writer PDFs made here from held-out corpus sentences that the fresh Typst PDFs do
    not use, garbled by the six extractors and repaired, laid out as the shared set's: A4, Nazli
    12 pt (for ``columns``, two columns right to left in Noto Naskh Arabic 12 pt), three articles
    under a bold 18 pt title and 14 pt headings, 6 pt after every paragraph, page numbers at the foot;
    two pages each.

    Needs ``soffice`` (Debian's libreoffice-writer-nogui), the Nazli font (fonts-farsiweb) and
    python-docx; a one-row note otherwise.
    """
    import importlib.util
    import shutil
    import warnings

    import repair_corpus

    label = "two columns" if columns else "justified" if justify else "ragged"
    if not shutil.which("soffice") or importlib.util.find_spec("docx") is None:
        return [f"| LibreOffice, {label} | not run here: needs soffice (libreoffice-writer-nogui, fonts-farsiweb) "
                "and python-docx |" + " |" * 5]
    from docx import Document
    from docx.shared import Cm

    warnings.filterwarnings("ignore")
    sentences = [line.strip() for name, _, line in repair_corpus.held_out() if name == "ud_perdt.txt"]
    per_document = sum(ARTICLE_SIZES[0])
    # after the sentences of the fresh Typst PDFs, and for columns after the one-column ones too
    first = (2 if columns else 1) * count * per_document
    font = "Noto Naskh Arabic" if columns else "Nazli"
    totals = {name: (score.Counts(), score.Counts()) for name in six_extractors()}
    with tempfile.TemporaryDirectory() as folder:
        for number in range(count):
            start = first + number * per_document
            articles = _articles(sentences[start:start + per_document], ARTICLE_SIZES[number % 2])
            document = Document()
            section = document.sections[0]
            section.page_width, section.page_height = Cm(21), Cm(29.7)
            for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
                setattr(section, margin, Cm(2.2))
            if columns:
                _two_columns(section)
            _page_numbers(section)
            for index, (title, paragraph) in enumerate(articles):
                _docx_paragraph(document, title, False, font, 18 if index == 0 else 14, bold=True)
                _docx_paragraph(document, paragraph, justify, font)
            source = Path(folder) / f"fresh{number}.docx"
            document.save(str(source))
            subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", folder, str(source)],
                           capture_output=True, check=False)
            pdf = source.with_suffix(".pdf")
            _add_six(pdf, "\n\n".join(part for article in articles for part in article), score, totals)
    return [f"| LibreOffice, {label} | " + " | ".join(_change(b, a) for b, a in totals.values()) + " |"]


def fresh_html_documents(score: ModuleType, producer: str) -> list[str]:
    """Chromium or WeasyPrint PDFs made here from held-out sentences (:mod:`fresh_pages`), garbled
    by the six extractors and repaired; a one-row note where the producer is not installed."""
    import warnings

    import fresh_pages
    import repair_corpus

    label = {"chromium": "Chromium", "weasyprint": "WeasyPrint"}[producer]
    if not fresh_pages.available(producer):
        return [f"| {label} | not run here: needs {'chromium (Debian)' if producer == 'chromium' else 'weasyprint'}"
                " |" + " |" * 5]
    warnings.filterwarnings("ignore")
    sentences = [line.strip() for name, _, line in repair_corpus.held_out() if name == "ud_perdt.txt"]
    make = fresh_pages.chromium_pdf if producer == "chromium" else fresh_pages.weasyprint_pdf
    totals = {name: (score.Counts(), score.Counts()) for name in six_extractors()}
    with tempfile.TemporaryDirectory() as folder:
        for number in range(fresh_pages.DOCS):
            blocks = fresh_pages.document(sentences, number)
            source = Path(folder) / f"fresh{number}.html"
            source.write_text(fresh_pages.page_html(blocks, justify=number >= fresh_pages.DOCS // 2), encoding="utf-8")
            pdf = source.with_suffix(".pdf")
            make(source, pdf)
            _add_six(pdf, fresh_pages.ground_truth(blocks), score, totals)
    return [f"| {label} | " + " | ".join(_change(b, a) for b, a in totals.values()) + " |"]


def write_section(lines: list[str], command: str) -> None:
    DOC.parent.mkdir(parents=True, exist_ok=True)
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else f"# Benchmarks\n\n{START}\n{END}\n"
    if START not in text or END not in text:
        text = text.rstrip("\n") + f"\n\n{START}\n{END}\n"
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    body = "\n".join(["", "## Repair (`kaghaz repair`)", "",
                      f"Produced by `{command}`; do not edit by hand.", "", *lines, ""])
    DOC.write_text(head + START + body + "\n" + END + tail, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared folder (default ../shared)")
    parser.add_argument("--large-mb", type=float, default=100.0, help="size of the memory run in MB (0: skip)")
    parser.add_argument("--real", action="store_true", help="also measure on ../shared/real PDFs")
    parser.add_argument("--other-modes", action="store_true",
                        help="also measure extractor modes that are not in the shared garbled set")
    parser.add_argument("--other-tools", action="store_true",
                        help="also measure extractors outside Python, where installed: pdf.js, PDFBox, "
                             "Ghostscript, mutool")
    parser.add_argument("--fresh", action="store_true",
                        help="also measure on Typst PDFs made here from held-out sentences (needs typst)")
    parser.add_argument("--no-write", action="store_true", help="print only, leave docs/benchmarks.md alone")
    args = parser.parse_args(argv)
    score = load_scorer(args.shared)
    lines, cells = garbled_table(args.shared, score)
    lines += ["", *clean_edits(args.shared), "", *throughput(cells, args.shared)]
    if args.large_mb > 0:
        lines += ["", memory_run(args.shared, args.large_mb / 10), memory_run(args.shared, args.large_mb)]
    if args.real:
        lines += real_documents(args.shared, score)
    if args.other_modes:
        lines += other_modes(args.shared, score)
    if args.other_tools:
        lines += other_tools(args.shared, score)
    if args.fresh:
        lines += ["", "Fresh documents, made here from held-out sentences of `ud_perdt.txt` (left out of the pair "
                  "table) and garbled by the six extractors, laid out as the shared set's (three articles each "
                  "under a bold title and headings, page numbers): 4 Typst PDFs (A4, Noto Sans Arabic 11 pt; lines "
                  "ragged as in the shared set's Typst PDFs, and justified) from 180 sentences, 4 LibreOffice "
                  "Writer PDFs of two pages (A4, Nazli 12 pt, 6 pt after paragraphs, from python-docx) from the "
                  "next 180, and 4 two-column Writer PDFs (Noto Naskh Arabic) from the 180 after those; 6 Chromium "
                  "and 6 WeasyPrint PDFs (HTML as the shared set's: title, paragraphs, a subheading, lists in half, "
                  "half justified; `bench/fresh_pages.py`). CER % before -> after:",
                  "", "| PDFs | " + " | ".join(six_extractors()) + " |", "|---" * 7 + "|",
                  *fresh_documents(score), *fresh_documents(score, justify=True),
                  *fresh_writer_documents(score), *fresh_writer_documents(score, justify=True),
                  *fresh_writer_documents(score, columns=True),
                  *fresh_html_documents(score, "chromium"), *fresh_html_documents(score, "weasyprint")]
    print("\n".join(lines))
    if not args.no_write:
        given = " ".join(sys.argv[1:] if argv is None else argv)
        write_section(lines, f"PYTHONPATH=src python bench/repair.py {given}".strip())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
