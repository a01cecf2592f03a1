"""Extraction of many files: one :class:`Outcome` per input, never an exception for a bad file.

``kaghaz extract *.pdf -o out/`` calls :func:`extract_one` for each file. A file that cannot be read,
or that gives no text at all, becomes a ``failed`` outcome with a one-line reason, and the next file
is read as usual (docling's ``ConversionStatus`` is the model). Unexpected exceptions (a bug in kaghaz
or in pdfium) are caught per file as well, so one strange PDF cannot stop a batch of thousands; only
``KeyboardInterrupt`` and ``SystemExit`` go through.

Deliberately not here: parallelism (pdfium is not thread-safe and a process pool belongs to the
ingest layer) and writing files (the caller decides where outputs go; :func:`output_paths` only
names them).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from kaghaz.errors import InputError, KaghazError, NoTextError, SettingsError
from kaghaz.model import Document, ProblemKind
from kaghaz.settings import Settings


class Status(StrEnum):
    """How extracting one file went."""

    OK = "ok"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class Outcome:
    """The result for one input file.

    ``document`` is set when ``status`` is ``ok``; ``reason`` is set when it is ``failed``: one line
    saying what happened and what to do, without the file name in front (``path`` names the file).
    """

    path: Path
    status: Status
    document: Document | None = None
    reason: str | None = None

    @property
    def ok(self) -> bool:
        return self.status is Status.OK

    @property
    def message(self) -> str:
        """``"<path>: <reason>"`` for a failure, ``"<path>: ok"`` otherwise."""
        return f"{self.path}: {self.reason if self.reason is not None else 'ok'}"


def one_line(text: str) -> str:
    """``text`` with its runs of white space, line breaks included, made one space.

    >>> one_line("  a    b ")
    'a b'
    """
    return " ".join(text.split())


def unexpected_reason(error: Exception, doing: str | None = None) -> str:
    """The one-line reason for an error kaghaz did not expect (``doing``: while doing what)."""
    detail = one_line(str(error)) or "no message"
    where = f" while {doing}" if doing else ""
    return (f"unexpected error{where} ({type(error).__name__}: {detail}); this is a bug in kaghaz, "
            "please report it with the file if you can share it")


def check_has_text(doc: Document, path: Path) -> None:
    """Raise :class:`~kaghaz.errors.NoTextError` when extraction gave no line of text at all.

    A document whose pages all lack a text layer (scans, text drawn as outlines), whose pages were
    all skipped (too large, unreadable), or whose ``--pages`` selection matched no page has nothing
    to show; saying so is more useful than an empty output file. A document with some text and a few
    bad pages passes: those pages are :class:`~kaghaz.model.Problem` records, reported as warnings.
    """
    if any(page.blocks for page in doc.pages):
        return
    kinds = {problem.kind for problem in doc.problems}
    if not doc.pages and not doc.problems:
        raise NoTextError("the pages selected with --pages are not in this document; check its page count", path)
    if kinds == {ProblemKind.HUGE_PAGE}:
        first = next(p for p in doc.problems if p.kind is ProblemKind.HUGE_PAGE)
        raise NoTextError(f"nothing extracted, every selected page is too large ({one_line(first.message)}); "
                          "check the file, or raise Settings.max_page_points in the Python API if such pages "
                          "are genuine", path)
    if kinds == {ProblemKind.PAGE_ERROR}:
        first = next(p for p in doc.problems if p.kind is ProblemKind.PAGE_ERROR)
        raise NoTextError(f"no page could be read ({one_line(first.message)}); "
                          "the file may be damaged, try repairing it (qpdf, mutool clean)", path)
    raise NoTextError("has no text layer (its text is drawn as outlines or images): needs OCR; "
                      "run it through an OCR tool such as ocrmypdf first", path)


def extract_one(path: Path, settings: Settings) -> Outcome:
    """Extract one file, returning a ``failed`` outcome instead of raising."""
    from kaghaz.extraction import extract  # imported here: pdfium loads only when a PDF is read

    try:
        doc = extract(path, settings)
        check_has_text(doc, path)
    except InputError as error:
        return Outcome(path, Status.FAILED, reason=one_line(error.reason))
    except KaghazError as error:
        return Outcome(path, Status.FAILED, reason=one_line(str(error)))
    except Exception as error:  # a batch must survive a bug on one file
        return Outcome(path, Status.FAILED, reason=unexpected_reason(error))
    return Outcome(path, Status.OK, document=doc)


def extract_many(paths: Iterable[Path | str], settings: Settings | None = None) -> Iterator[Outcome]:
    """Extract every file in ``paths`` in turn, yielding one :class:`Outcome` per file, in order.

    Never raises for a bad file: a file that cannot be read is a ``failed`` outcome with its reason.

    >>> [outcome.message for outcome in extract_many(["missing.pdf"])]
    ['missing.pdf: no such file; check the path and its spelling']
    """
    settings = settings or Settings()
    for path in paths:
        yield extract_one(Path(path), settings)


def output_paths(inputs: Sequence[Path], folder: Path, suffix: str) -> tuple[Path, ...]:
    """Where each input's output goes in ``folder``: ``<folder>/<stem><suffix>``.

    Raises :class:`~kaghaz.errors.SettingsError` when two inputs would write the same file (the same
    name in two folders, or a file given twice), before anything is written.

    >>> output_paths([Path("a/x.pdf"), Path("y.pdf")], Path("out"), ".txt")
    (PosixPath('out/x.txt'), PosixPath('out/y.txt'))
    >>> output_paths([Path("a/x.pdf"), Path("b/x.pdf")], Path("out"), ".txt")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kaghaz.errors.SettingsError: a/x.pdf and b/x.pdf would both be written to out/x.txt; ...
    """
    seen: dict[Path, Path] = {}
    outputs = []
    for source in inputs:
        target = folder / (source.stem + suffix)
        if target in seen:
            raise SettingsError(f"{seen[target]} and {source} would both be written to {target}; "
                                "extract them to different folders")
        seen[target] = source
        outputs.append(target)
    return tuple(outputs)
