"""Bad input: every case gives one line naming the file and what to do, a non-zero exit, no traceback.

The bad files are made here, in tmp_path (see ``PdfFactory`` in conftest.py); none is shipped.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import kaghaz
from conftest import ROOT, PdfFactory
from kaghaz.batch import Status, extract_many
from kaghaz.cli import cli
from kaghaz.errors import (
    CorruptPdfError,
    EmptyPdfError,
    EncryptedPdfError,
    InputError,
    KaghazError,
    NotAPdfError,
)


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, ["extract", *map(str, args)])


def assert_one_line_error(result: Result, path: Path, *words: str) -> str:
    """The run failed with exit 1 and exactly one stderr line ``kaghaz: error: <path>: ...; ...``."""
    assert result.exit_code == 1, (result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    line = lines[0]
    assert line.startswith(f"kaghaz: error: {path}: "), line
    assert ";" in line, f"the message should say what to do next: {line}"
    for word in words:
        assert word in line, (word, line)
    return line


def _unreadable(pdfs: PdfFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = pdfs.sample("unreadable.pdf")
    path.chmod(0)
    if os.geteuid() == 0:  # root reads anything: make opening this one file fail as it would for a user
        real_open = Path.open

        def refuse(self: Path, *args: object, **kwargs: object) -> object:
            if self == path:
                raise PermissionError(13, "Permission denied", str(self))
            return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(Path, "open", refuse)
    return path


# (case id, how to make the file, extra CLI arguments, words the message must hold)
BAD_CASES: list[tuple[str, Callable[[PdfFactory, Path], Path], tuple[str, ...], tuple[str, ...]]] = [
    ("not-a-pdf", lambda p, _: p.junk(), (), ("not a PDF", "%PDF-")),
    ("html-page", lambda p, _: p.junk("page.pdf", b"<!DOCTYPE html><html><body>404</body></html>"), (),
     ("not a PDF", "HTML")),
    ("empty-file", lambda p, _: p.junk("empty.pdf", b""), (), ("empty", "0 bytes")),
    ("truncated", lambda p, _: p.truncated(), (), ("damaged or truncated", "repair")),
    ("truncated-early", lambda p, _: p.truncated("early.pdf", 0.05), (), ("damaged or truncated",)),
    ("corrupt", lambda p, _: p.corrupt(), (), ("damaged or truncated",)),
    ("encrypted-no-password", lambda p, _: p.encrypted("secret"), (), ("encrypted", "--password")),
    ("encrypted-wrong-password", lambda p, _: p.encrypted("secret"), ("--password", "nope"),
     ("password given is wrong", "--password")),
    ("zero-pages", lambda p, _: p.zero_pages(), (), ("no pages",)),
    ("no-text-layer", lambda p, _: p.blank(pages=2), (), ("no text layer", "OCR")),
    ("huge-page", lambda p, _: p.huge(), (), ("too large", "30000 x 30000")),
    ("pages-out-of-range", lambda p, _: p.sample(), ("--pages", "7-9"), ("--pages", "page count")),
    ("missing-file", lambda p, tmp: tmp / "nowhere.pdf", (), ("no such file",)),
    ("directory", lambda p, tmp: tmp, (), ("folder", "*.pdf")),
]


@pytest.mark.parametrize(("make", "args", "words"), [c[1:] for c in BAD_CASES], ids=[c[0] for c in BAD_CASES])
def test_bad_input_cli_prints_one_line_and_fails(make: Callable[[PdfFactory, Path], Path], args: tuple[str, ...],
                                                 words: tuple[str, ...], pdfs: PdfFactory, tmp_path: Path) -> None:
    path = make(pdfs, tmp_path)
    assert_one_line_error(run(path, *args), path, *words)


def test_bad_input_unreadable_file(pdfs: PdfFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _unreadable(pdfs, monkeypatch)
    assert_one_line_error(run(path), path, "cannot be read", "permission")


def test_bad_input_right_password_extracts(pdfs: PdfFactory, sample_truth: str) -> None:
    path = pdfs.encrypted("secret")
    result = run(path, "--password", "secret")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert "\f" in result.stdout and len(result.stdout) > len(sample_truth) // 2


def test_bad_input_password_on_plain_pdf_is_ignored(pdfs: PdfFactory) -> None:
    result = run(pdfs.sample(), "--password", "unneeded")
    assert result.exit_code == 0, result.output


def test_bad_input_some_pages_without_text_layer_warn_only(pdfs: PdfFactory) -> None:
    path = pdfs.sample_plus_blank()
    result = run(path)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip()
    warnings = result.stderr.splitlines()
    assert len(warnings) == 1, warnings
    assert warnings[0].startswith(f"kaghaz: warning: {path}: page 2 ")
    assert "needs OCR" in warnings[0]


def test_bad_input_one_huge_page_among_good_ones_warns(pdfs: PdfFactory) -> None:
    path = pdfs.huge(with_normal_page=True)
    result = run(path)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip()
    assert result.stderr.startswith(f"kaghaz: warning: {path}: page 1 ")


def test_bad_input_batch_lists_every_failure_and_writes_the_rest(pdfs: PdfFactory, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    good = [pdfs.sample("first.pdf"), pdfs.sample("second.pdf")]
    bad = [pdfs.junk(), pdfs.truncated(), pdfs.encrypted("secret"), pdfs.zero_pages(), pdfs.blank(),
           pdfs.huge(), tmp_path / "nowhere.pdf", _unreadable(pdfs, monkeypatch)]
    out = tmp_path / "out"
    result = run(good[0], *bad, good[1], "-o", out)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert sorted(p.name for p in out.iterdir()) == ["first.txt", "second.txt"]
    errors = [line for line in result.stderr.splitlines() if line.startswith("kaghaz: error: ")]
    assert [line.removeprefix("kaghaz: error: ").split(": ")[0] for line in errors] == [str(p) for p in bad]
    assert f"2 of {len(bad) + 2} files extracted" in result.stderr


def test_bad_input_batch_survives_an_unexpected_exception(pdfs: PdfFactory, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import kaghaz.extraction

    real_extract = kaghaz.extraction.extract
    cursed = pdfs.sample("cursed.pdf")

    def extract(path: Path, settings: kaghaz.Settings | None = None) -> kaghaz.Document:
        if Path(path) == cursed:
            raise RuntimeError("boom\nsecond line")
        return real_extract(path, settings)

    monkeypatch.setattr(kaghaz.extraction, "extract", extract)
    good = pdfs.sample()
    out = tmp_path / "out"
    result = run(cursed, good, "-o", out)
    assert result.exit_code == 1
    assert (out / "good.txt").exists() and not (out / "cursed.txt").exists()
    line = next(line for line in result.stderr.splitlines() if line.startswith("kaghaz: error: "))
    assert line.startswith(f"kaghaz: error: {cursed}: unexpected error (RuntimeError: boom second line)")
    assert "bug" in line
    assert "Traceback" not in result.output


def test_bad_input_single_file_unexpected_exception_is_one_line(pdfs: PdfFactory,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import kaghaz.extraction

    def explode(path: Path, settings: kaghaz.Settings | None = None) -> kaghaz.Document:
        raise MemoryError("out of memory")

    monkeypatch.setattr(kaghaz.extraction, "extract", explode)
    path = pdfs.sample()
    assert_one_line_error(run(path), path, "unexpected error (MemoryError: out of memory)")


@pytest.mark.parametrize("to_file", [False, True], ids=["stdout", "file"])
def test_bad_input_unexpected_exception_while_writing_json(to_file: bool, pdfs: PdfFactory, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import kaghaz.output

    def explode(page: object) -> object:
        raise ValueError("cannot serialise")

    monkeypatch.setattr(kaghaz.output, "_page", explode)
    path, target = pdfs.sample(), tmp_path / "x.json"
    result = run(path, "--format", "json", *(["-o", str(target)] if to_file else []))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.stderr.startswith(f"kaghaz: error: {path}: unexpected error while writing the output (ValueError")
    assert not target.exists()


@pytest.mark.parametrize(("make", "error"), [
    (lambda p: p.junk(), NotAPdfError),
    (lambda p: p.truncated(), CorruptPdfError),
    (lambda p: p.encrypted("secret"), EncryptedPdfError),
    (lambda p: p.zero_pages(), EmptyPdfError),
], ids=["not-a-pdf", "truncated", "encrypted", "zero-pages"])
def test_bad_input_library_raises_kaghaz_errors(make: Callable[[PdfFactory], Path], error: type[InputError],
                                                pdfs: PdfFactory) -> None:
    path = make(pdfs)
    with pytest.raises(error) as caught:
        kaghaz.extract(path)
    assert isinstance(caught.value, KaghazError)
    assert caught.value.path == path
    assert str(caught.value) == f"{path}: {caught.value.reason}"
    assert "\n" not in str(caught.value)


def test_bad_input_error_does_not_depend_on_the_file_before(pdfs: PdfFactory) -> None:
    """pdfium keeps its last error across loads; an encrypted file read first must not make a later
    zero-page file look encrypted (nor the other way round)."""
    locked, empty, broken = pdfs.encrypted("secret"), pdfs.zero_pages(), pdfs.truncated()
    outcomes = list(extract_many([locked, empty, broken, empty, locked]))
    assert [o.status for o in outcomes] == [Status.FAILED] * 5
    reasons = [o.reason or "" for o in outcomes]
    assert "encrypted" in reasons[0] and "encrypted" in reasons[4]
    assert "no pages" in reasons[1] and "no pages" in reasons[3]
    assert "damaged" in reasons[2]


def test_bad_input_real_process_has_no_traceback(pdfs: PdfFactory) -> None:
    """The installed entry point, in a real process: exit status and stderr as a user sees them."""
    path = pdfs.truncated()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-m", "kaghaz", "extract", str(path)], capture_output=True, text=True,
                          env=env, check=False, timeout=120)
    assert done.returncode == 1
    assert done.stderr.startswith(f"kaghaz: error: {path}: is damaged or truncated")
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
