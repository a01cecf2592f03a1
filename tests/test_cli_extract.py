"""``kaghaz extract`` on the shipped sample: output, options, many files.

Assertions about the text are deliberately loose (a CER bound against the hand-written ground truth,
ZWNJ words present): they check the command, not today's exact output of the extraction algorithm.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rapidfuzz.distance import Levenshtein

from conftest import PdfFactory
from kaghaz.chars import BIDI_CONTROLS, FORM_FEED, ZWNJ
from kaghaz.cli import cli, common

#: Words of the sample that hold a ZWNJ: they must come out with it.
ZWNJ_WORDS = (f"می{ZWNJ}شود", f"دولت{ZWNJ}های", f"کتاب{ZWNJ}ها", f"نیم{ZWNJ}فاصله{ZWNJ}ها")
#: A generous bound: the sample is clean Typst output; today's figure is about 1 %.
MAX_CER = 0.05


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, ["extract", *map(str, args)])


def cer(text: str, truth: str) -> float:
    return Levenshtein.distance(text, truth) / max(len(truth), 1)


def test_cli_extract_prints_the_sample(sample_pdf: Path, sample_truth: str) -> None:
    result = run(sample_pdf)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    text = result.stdout
    assert text.endswith("\n") and not text.endswith("\n\n")
    text = text[:-1]
    assert text.count(FORM_FEED) == sample_truth.count(FORM_FEED) == 1
    assert cer(text, sample_truth) <= MAX_CER, text
    for word in ZWNJ_WORDS:
        assert word in text
    assert text.count(ZWNJ) >= 0.8 * sample_truth.count(ZWNJ)
    assert not set(text) & BIDI_CONTROLS
    # paragraphs are separated by a blank line, and no paragraph is broken inside
    first_page = text.split(FORM_FEED)[0]
    assert len([b for b in first_page.split("\n\n") if b.strip()]) == 3


def test_cli_extract_pages_are_cer_close_page_by_page(sample_pdf: Path, sample_truth: str) -> None:
    pages = run(sample_pdf).stdout[:-1].split(FORM_FEED + "\n")
    truths = sample_truth.split(FORM_FEED + "\n")
    assert len(pages) == len(truths)
    for page, truth in zip(pages, truths, strict=True):
        assert cer(page, truth) <= MAX_CER


def test_cli_extract_output_file(sample_pdf: Path, tmp_path: Path) -> None:
    target = tmp_path / "sample.txt"
    result = run(sample_pdf, "-o", target)
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and result.stderr == ""
    assert target.read_text(encoding="utf-8") == run(sample_pdf).stdout


def test_cli_extract_pages_option(sample_pdf: Path, sample_truth: str) -> None:
    second = run(sample_pdf, "--pages", "2")
    assert second.exit_code == 0, second.output
    truth = sample_truth.split(FORM_FEED + "\n")[1]
    assert FORM_FEED not in second.stdout
    assert cer(second.stdout.rstrip("\n"), truth) <= MAX_CER
    both = run(sample_pdf, "--pages", "1-")
    assert both.stdout == run(sample_pdf).stdout


@pytest.mark.parametrize("spec", ["0", "5-2", "two", "1-2-3"])
def test_cli_extract_bad_pages_is_a_usage_error(spec: str, sample_pdf: Path) -> None:
    result = run(sample_pdf, "--pages", spec)
    assert result.exit_code == 2
    assert "--pages" in result.stderr and "2-5" in result.stderr
    assert "Traceback" not in result.output


def test_cli_extract_json_format(sample_pdf: Path) -> None:
    result = run(sample_pdf, "--format", "json")
    assert result.exit_code == 0, result.output
    value = json.loads(result.stdout)
    assert value["schema"] == "kaghaz.document"
    assert [page["number"] for page in value["pages"]] == [1, 2]
    assert value["text"] + "\n" == run(sample_pdf).stdout
    assert ZWNJ_WORDS[0] in result.stdout  # written as itself, not as \u200c


def test_cli_extract_keep_running(sample_pdf: Path) -> None:
    """Running headers, footers and page numbers: out of the text by default, in with --keep-running."""
    value = json.loads(run(sample_pdf, "--format", "json").stdout)
    running = [line["text"] for page in value["pages"] for block in page["blocks"]
               if block["kind"] in ("header", "footer", "page-number") for line in block["lines"]]
    plain = run(sample_pdf).stdout
    kept = run(sample_pdf, "--keep-running")
    assert kept.exit_code == 0
    for page_plain, page_kept in zip(plain.split(FORM_FEED), kept.stdout.split(FORM_FEED), strict=True):
        blocks_plain = [b.strip() for b in page_plain.split("\n\n") if b.strip()]
        blocks_kept = [b.strip() for b in page_kept.split("\n\n") if b.strip()]
        assert [b for b in blocks_kept if b not in running] == blocks_plain
    for text in running:
        assert text in kept.stdout
    if not running:
        assert kept.stdout == plain


def test_cli_extract_many_files_need_an_output_folder(sample_pdf: Path, tmp_path: Path) -> None:
    result = run(sample_pdf, sample_pdf)
    assert result.exit_code == 2
    assert "-o" in result.stderr and "folder" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(("fmt", "suffix"), [("text", ".txt"), ("json", ".json")])
def test_cli_extract_many_files_to_a_folder(fmt: str, suffix: str, pdfs: PdfFactory, tmp_path: Path) -> None:
    inputs = [pdfs.sample("one.pdf"), pdfs.sample("two.pdf"), pdfs.sample("three.pdf")]
    out = tmp_path / "new" / "out"
    result = run(*inputs, "-o", out, "--format", fmt)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(p.stem + suffix for p in inputs)
    first = (out / ("one" + suffix)).read_text(encoding="utf-8")
    assert first == run(inputs[0], "--format", fmt).stdout
    assert result.stdout == ""
    assert result.stderr.strip() == f"kaghaz: 3 of 3 files extracted to {out}"


def test_cli_extract_one_file_into_a_folder(sample_pdf: Path, tmp_path: Path) -> None:
    result = run(sample_pdf, "-o", f"{tmp_path}/")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "sample-fa.txt").exists()


def test_cli_extract_same_name_twice_is_refused_before_writing(pdfs: PdfFactory, tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = pdfs.sample("a/x.pdf"), pdfs.sample("b/x.pdf")
    out = tmp_path / "out"
    result = run(first, second, "-o", out)
    assert result.exit_code == 2
    assert "would both be written" in result.stderr
    assert not out.exists()


def test_cli_extract_output_folder_that_is_a_file(pdfs: PdfFactory, tmp_path: Path) -> None:
    taken = tmp_path / "taken.txt"
    taken.write_text("keep me", encoding="utf-8")
    result = run(pdfs.sample("one.pdf"), pdfs.sample("two.pdf"), "-o", taken)
    assert result.exit_code == 2
    assert "names a folder" in result.stderr
    assert taken.read_text(encoding="utf-8") == "keep me"


def test_cli_extract_unwritable_output_is_one_line(sample_pdf: Path, tmp_path: Path) -> None:
    target = tmp_path / "missing-folder" / "x.txt"
    result = run(sample_pdf, "-o", target)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"kaghaz: error: {sample_pdf}: cannot write {target}")
    assert len(result.stderr.splitlines()) == 1


def test_cli_extract_progress_bar_only_on_a_terminal(pdfs: PdfFactory, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    inputs = [pdfs.sample("one.pdf"), pdfs.junk(), pdfs.sample("two.pdf")]
    quiet = run(*inputs, "-o", tmp_path / "quiet")
    assert "━" not in quiet.stderr and "extracting" not in quiet.stderr
    monkeypatch.setattr(common, "stderr_is_terminal", lambda: True)
    shown = run(*inputs, "-o", tmp_path / "shown")
    assert shown.exit_code == 1
    assert sorted(p.name for p in (tmp_path / "shown").iterdir()) == ["one.txt", "two.txt"]
    assert f"kaghaz: error: {inputs[1]}: not a PDF" in shown.stderr


def test_cli_extract_help_has_examples() -> None:
    result = CliRunner().invoke(cli, ["extract", "--help"])
    assert result.exit_code == 0
    assert "kaghaz extract report.pdf" in result.stdout
    assert "kaghaz extract *.pdf -o out/" in result.stdout
    for option in ("--output", "--pages", "--password", "--format", "--keep-running"):
        assert option in result.stdout


def test_cli_extract_batch_over_every_producer(shared: Path, tmp_path: Path) -> None:
    """One round-trip document per producer in one batch: every file comes out, none is empty."""
    inputs = sorted((shared / "bench" / "roundtrip" / "pdf").glob("*/doc01.pdf"))
    assert len(inputs) >= 5
    named = [tmp_path / f"{source.parent.name}.pdf" for source in inputs]  # doc01.pdf from every producer
    for link, source in zip(named, inputs, strict=True):
        link.symlink_to(source)
    result = run(*named, "-o", tmp_path / "text")
    assert result.exit_code == 0, result.output
    result = run(*named, "-o", tmp_path / "json", "--format", "json")
    assert result.exit_code == 0, result.output
    for link in named:
        text = (tmp_path / "text" / f"{link.stem}.txt").read_text(encoding="utf-8")
        assert len(text) > 200, link
        value = json.loads((tmp_path / "json" / f"{link.stem}.json").read_text(encoding="utf-8"))
        assert value["text"] + "\n" == text
