"""``kaghaz repair``: repair Persian text that another tool garbled.

A thin shell over :mod:`kaghaz.repair`: it reads the file (or standard input) as bytes, lets the
library decode and repair it, and writes the result. Without ``--explain`` or ``--diagnose`` the
text streams through in bounded memory, however large it is.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

import click

from kaghaz.errors import InputError, KaghazError
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


def _read_all(handle: BinaryIO, settings: Settings, name: str) -> str:
    from kaghaz.repair import decode_chunks

    return "".join(decode_chunks(handle, settings.encoding, name))


@click.command("repair")
@click.argument("file", required=False, default="-")
@click.option("--explain", is_flag=True, help="List every fix applied: name, line, before and after.")
@click.option("--diagnose", is_flag=True, help="Say what damage each line shows, without repairing.")
@click.option("--zwnj", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Restore lost ZWNJ where the document shows ZWNJ loss (auto), everywhere the lexicon "
                   "says so (always), or never.")
@click.option("--encoding", default="utf-8", show_default=True, help="Encoding of the input text.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write the repaired text to this file instead of standard output.")
def repair_command(file: str, explain: bool, diagnose: bool, zwnj: str, encoding: str, output: str | None) -> None:
    """Repair Persian text that another tool garbled (FILE, or - for standard input).

    \b
    Examples:
      kaghaz repair garbled.txt -o fixed.txt
      pdftotext report.pdf - | kaghaz repair
      kaghaz repair garbled.txt --explain
      kaghaz repair garbled.txt --diagnose
    """
    from kaghaz.repair import diagnose as diagnose_text
    from kaghaz.repair import repair_and_explain, repair_stream

    try:
        settings = Settings(zwnj=zwnj, encoding=encoding)  # type: ignore[arg-type]
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
