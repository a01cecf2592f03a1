"""``kaghaz extract``: PDF files to plain text or JSON.

A thin shell over :func:`kaghaz.batch.extract_one`: it parses the options into one
:class:`~kaghaz.settings.Settings`, extracts, and writes. Every failure the library reports is printed
as one line, ``kaghaz: error: <file>: <what happened>; <what to do>``, never as a traceback.

Exit status: 0 when every file was extracted (warnings about single pages do not count), 1 when any
file failed, 2 for a usage error (a bad option value, several files without ``-o``).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Literal

import click

from kaghaz.batch import Outcome, extract_one, one_line, output_paths, unexpected_reason
from kaghaz.cli.common import EXIT_FAILED, fail, is_folder, make_folder, run_batch, say
from kaghaz.errors import SettingsError
from kaghaz.output import SUFFIXES, render_pieces
from kaghaz.settings import Settings

_HELP = """Extract the text of PDF files, in logical order, as a Persian reader would type it.

\b
One file prints its text: pages separated by a form feed, paragraphs by a blank line. Running
headers, footers and page numbers are left out (see --keep-running); they are always in the JSON.
Several files need -o FOLDER and each gives FOLDER/<name>.txt (or .json); files that fail are
listed at the end, the others still come out.

\b
Examples:
  kaghaz extract report.pdf
  kaghaz extract report.pdf --pages 2-5 -o report.txt
  kaghaz extract report.pdf --format json -o report.json
  kaghaz extract *.pdf -o out/

\b
Exit status: 0 all files extracted; 1 some file failed (each is listed
with its reason); 2 bad usage.
"""


def _warn_problems(outcome: Outcome, tell: Callable[[str], None]) -> None:
    """One warning line per page problem (no text layer, unmapped glyphs, ...)."""
    if outcome.document is None:
        return
    for problem in outcome.document.problems:
        tell(f"kaghaz: warning: {outcome.path}: {one_line(problem.message)}")


def _write_stdout(pieces: Iterable[str]) -> str | None:
    """Write UTF-8 whatever the locale says (a C locale must not turn Persian into an error).

    Returns a one-line reason when the output cannot be written (a full disk); a closed pipe (the
    reader, such as ``head``, has seen enough) ends the program quietly instead.
    """
    try:
        sys.stdout.flush()
        binary = getattr(sys.stdout, "buffer", None)
        for piece in pieces:
            if binary is None:
                sys.stdout.write(piece)
            else:
                binary.write(piece.encode("utf-8"))
        (binary or sys.stdout).flush()
    except BrokenPipeError:  # e.g. piped into `head`: stop quietly, as cat does
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(EXIT_FAILED)
    except OSError as error:
        return f"cannot write the output ({error.strerror or error}); free some space or use -o elsewhere"
    except Exception as error:  # the pieces are rendered as they are written
        return unexpected_reason(error, "writing the output")
    return None


def _write_file(target: Path, pieces: Iterable[str]) -> str | None:
    """Write ``pieces`` to ``target`` as UTF-8; return a one-line reason when that fails."""
    try:
        with target.open("w", encoding="utf-8", newline="\n") as handle:
            for piece in pieces:
                handle.write(piece)
    except Exception as error:  # OSError, or a bug while rendering: leave no half-written file behind
        if target.is_file():
            target.unlink()
        if isinstance(error, OSError):
            return f"cannot write {target} ({error.strerror or error}); choose another -o"
        return unexpected_reason(error, "writing the output")
    return None


def _extract_one_file(path: Path, settings: Settings, fmt: Literal["text", "json"], output: Path | None) -> None:
    outcome = extract_one(path, settings)
    _warn_problems(outcome, say)
    if outcome.document is None:
        fail([f"kaghaz: error: {outcome.message}"])
    pieces = render_pieces(outcome.document, fmt)
    problem = _write_stdout(pieces) if output is None else _write_file(output, pieces)
    if problem:
        fail([f"kaghaz: error: {path}: {problem}"])


def _extract_to_folder(paths: Sequence[Path], settings: Settings, fmt: Literal["text", "json"],
                       folder: Path) -> None:
    try:
        targets = output_paths(paths, folder, SUFFIXES[fmt])
    except SettingsError as error:
        raise click.UsageError(str(error)) from None
    make_folder(folder)

    def job(path: Path, target: Path) -> Callable[[Callable[[str], None]], str | None]:
        def run(tell: Callable[[str], None]) -> str | None:
            outcome = extract_one(path, settings)
            _warn_problems(outcome, tell)
            if outcome.document is None:
                return outcome.message
            problem = _write_file(target, render_pieces(outcome.document, fmt))
            return f"{outcome.path}: {problem}" if problem else None
        return run

    run_batch([job(path, target) for path, target in zip(paths, targets, strict=True)], "extracting",
              "extracted to", folder)


@click.command("extract", help=_HELP, short_help="Extract Persian text from PDF files, as text or JSON.",
               no_args_is_help=True)
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=True))
@click.option("-o", "--output", "output", metavar="PATH", type=str, default=None,
              help="Write to this file instead of the terminal (e.g. -o report.txt); with several files, "
                   "or a path that ends in / or is a folder, write one file per input into that folder "
                   "(e.g. -o out/), creating it if needed.")
@click.option("--pages", metavar="RANGES", default=None,
              help="Extract only these pages, counting from 1 (e.g. --pages 2-5, --pages 1,3,7- for 1, 3 and "
                   "7 to the end).")
@click.option("--password", metavar="TEXT", default=None,
              help="Password of an encrypted PDF (e.g. --password 's3cret'); with several files it is tried "
                   "on each.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: the plain text; json: pages, blocks and lines with boxes, direction and kind, and "
                   "the glyph behind every character (schema in docs/json.md). E.g. --format json.")
@click.option("--keep-running", is_flag=True, default=False,
              help="Keep running headers, footers and page numbers in the plain text; by default they are "
                   "left out (e.g. kaghaz extract --keep-running book.pdf).")
def extract_command(files: tuple[Path, ...], output: str | None, pages: str | None, password: str | None,
                    fmt: Literal["text", "json"], keep_running: bool) -> None:
    try:
        settings = Settings(password=password, keep_running=keep_running).with_pages(pages)
    except SettingsError as error:
        raise click.BadParameter(str(error), param_hint="--pages") from None
    if output is not None and (len(files) > 1 or is_folder(Path(output), output)):
        folder = Path(output)
        if folder.exists() and not folder.is_dir():
            raise click.UsageError(f"-o {output} is a file, but with several inputs -o names a folder "
                                   "(e.g. -o out/)")
        _extract_to_folder(files, settings, fmt, folder)
        return
    if len(files) > 1:
        raise click.UsageError(f"{len(files)} files given but no -o; name a folder for their outputs, e.g. "
                               f"kaghaz extract {' '.join(str(f) for f in files[:2])}{' ...' if len(files) > 2 else ''}"
                               " -o out/ (or extract one file at a time to print it)")
    _extract_one_file(files[0], settings, fmt, Path(output) if output is not None else None)
