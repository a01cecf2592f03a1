"""``kaghaz repair``: repair Persian text that another tool garbled.

A thin shell over :mod:`kaghaz.repair`: it reads the file (or standard input) as bytes, lets the
library decode and repair it, and writes the result. Without ``--explain`` or ``--diagnose`` the
text streams through in bounded memory, however large it is. Several files (``kaghaz repair *.txt
-o fixed/``) each give ``FOLDER/<name>.txt``; a file that cannot be read or repaired is listed at the
end and the others still come out (exit status 1 then).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

import click

from kaghaz.batch import one_line, output_paths, unexpected_reason
from kaghaz.cli.common import is_folder, make_folder, run_batch
from kaghaz.errors import InputError, KaghazError, SettingsError
from kaghaz.settings import Settings


@contextmanager
def _open_input(file: str) -> Iterator[tuple[BinaryIO, str]]:
    if file == "-":
        yield sys.stdin.buffer, "standard input"
        return
    path = Path(file)
    if not path.exists():
        raise InputError("no such file; check the path", path)
    if path.is_dir():
        raise InputError("is a folder, not a text file", path)
    try:
        with path.open("rb") as handle:
            yield handle, str(path)
    except PermissionError as error:
        raise InputError(f"cannot be read ({error.strerror}); check its permissions", path) from None


@contextmanager
def _open_output(output: str | None) -> Iterator[BinaryIO]:
    if output is None or output == "-":
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    path = Path(output)
    if path.is_dir():
        raise InputError("is a folder; give a file name for the repaired text", path)
    try:
        path.touch()
    except OSError as error:
        raise InputError(f"cannot be written ({error.strerror}); choose another output path", path) from None
    with path.open("wb") as handle:
        yield handle


def _repair_to_file(source: Path, target: Path, settings: Settings) -> str | None:
    """Repair ``source`` into ``target``; return a one-line reason instead of raising.

    The text goes to a temporary file beside ``target`` first, so a file that fails half-way leaves
    nothing behind.
    """
    from kaghaz.repair import repair_stream

    partial = target.with_name(target.name + ".part")
    try:
        with _open_input(str(source)) as (handle, name), partial.open("wb") as out:
            for piece in repair_stream(handle, settings, name):
                out.write(piece.encode("utf-8"))
        partial.replace(target)
    except KaghazError as error:
        partial.unlink(missing_ok=True)
        return error.reason if isinstance(error, InputError) else str(error)
    except OSError as error:
        partial.unlink(missing_ok=True)
        return f"cannot write {target} ({error.strerror or error}); choose another -o"
    except Exception as error:  # a batch must survive a bug on one file
        partial.unlink(missing_ok=True)
        return unexpected_reason(error, "repairing it")
    return None


def _repair_to_folder(sources: Sequence[Path], folder: Path, settings: Settings) -> None:
    """Repair every file of ``sources`` into ``folder``, going on past failures, listed at the end."""
    try:
        targets = output_paths(sources, folder, ".txt")
    except SettingsError as error:
        raise click.UsageError(str(error)) from None
    for source, target in zip(sources, targets, strict=True):
        if source.exists() and target.exists() and source.resolve() == target.resolve():
            raise click.UsageError(f"-o {folder} would write {target} over its input; choose another folder")
    make_folder(folder)

    def job(source: Path, target: Path) -> Callable[[Callable[[str], None]], str | None]:
        def run(_: Callable[[str], None]) -> str | None:
            reason = _repair_to_file(source, target, settings)
            return None if reason is None else f"{source}: {one_line(reason)}"
        return run

    run_batch([job(source, target) for source, target in zip(sources, targets, strict=True)], "repairing",
              "repaired into", folder)


def _read_all(handle: BinaryIO, settings: Settings, name: str) -> str:
    from kaghaz.repair import decode_chunks

    return "".join(decode_chunks(handle, settings.encoding, name))


@click.command("repair")
@click.argument("files", nargs=-1)
@click.option("--explain", is_flag=True, help="List every fix applied: name, line, before and after.")
@click.option("--diagnose", is_flag=True, help="Say what damage each line shows, without repairing.")
@click.option("--zwnj", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Restore lost ZWNJ where the document shows ZWNJ loss (auto), everywhere the lexicon "
                   "says so (always), or never.")
@click.option("--encoding", default="utf-8", show_default=True, help="Encoding of the input text.")
@click.option("-o", "--output", metavar="PATH", default=None,
              help="Write the repaired text to this file instead of standard output; with several files, "
                   "or a path that ends in / or is a folder, write FOLDER/<name>.txt for each (e.g. -o fixed/), "
                   "creating the folder if needed.")
def repair_command(files: tuple[str, ...], explain: bool, diagnose: bool, zwnj: str, encoding: str,
                   output: str | None) -> None:
    """Repair Persian text that another tool garbled (FILES, or - or nothing for standard input).

    \b
    Examples:
      kaghaz repair garbled.txt -o fixed.txt
      pdftotext report.pdf - | kaghaz repair
      kaghaz repair garbled.txt --explain
      kaghaz repair garbled.txt --diagnose
      kaghaz repair dump/*.txt -o fixed/

    \b
    Exit status: 0 all repaired; 1 a file could not be read or written (with
    several files, each is listed at the end and the others still come out);
    2 bad usage.
    """
    from kaghaz.repair import diagnose as diagnose_text
    from kaghaz.repair import repair_and_explain, repair_stream

    try:
        settings = Settings(zwnj=zwnj, encoding=encoding)  # type: ignore[arg-type]
    except KaghazError as error:
        raise click.UsageError(str(error)) from None
    if output is not None and output != "-" and (len(files) > 1 or is_folder(Path(output), output)):
        if explain or diagnose:
            raise click.UsageError("--explain and --diagnose take one file; repair several files without them")
        if "-" in files:
            raise click.UsageError("standard input (-) has no name to write into a folder; give it alone")
        if Path(output).exists() and not Path(output).is_dir():
            raise click.UsageError(f"-o {output} is a file, but with several inputs -o names a folder (e.g. -o fixed/)")
        _repair_to_folder([Path(f) for f in files], Path(output), settings)
        return
    if len(files) > 1:
        raise click.UsageError(f"{len(files)} files given but no -o; name a folder for the repaired files, e.g. "
                               f"kaghaz repair {' '.join(files[:2])}{' ...' if len(files) > 2 else ''} -o fixed/")
    file = files[0] if files else "-"
    try:
        with _open_input(file) as (handle, name):
            if diagnose:
                report = diagnose_text(_read_all(handle, settings, name), settings)
                click.echo(f"damage: {', '.join(report.damage) or 'none found'}")
                for line in report.lines:
                    if line.kind.value != "blank":
                        click.echo(f"{line.line + 1:>6}  {line.kind.value:<16} {line.confidence:.2f}  {line.text[:60]}")
                return
            if explain:
                result = repair_and_explain(_read_all(handle, settings, name), settings)
                if output is not None:
                    with _open_output(output) as out:
                        out.write(result.text.encode("utf-8"))
                click.echo(f"{len(result.steps)} fixes")
                for step in result.steps:
                    click.echo(f"line {step.line + 1}: {step.fix}")
                    click.echo(f"  - {step.before}")
                    click.echo(f"  + {step.after}")
                return
            with _open_output(output) as out:
                for piece in repair_stream(handle, settings, name):
                    out.write(piece.encode("utf-8"))
    except KaghazError as error:
        raise click.ClickException(str(error)) from None
    except BrokenPipeError:
        sys.stderr.close()
