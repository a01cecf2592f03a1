"""What the commands share: one-line messages on stderr, the progress bar, failing with a list.

Every line a command says about a file is ``kaghaz: error: <file>: <what happened>; <what to do>``
or ``kaghaz: warning: ...``, on standard error, never a traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import click

EXIT_FAILED = 1


def say(line: str) -> None:
    """Write one line to standard error."""
    click.echo(line, err=True)


def stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


@contextmanager
def progress(total: int, label: str) -> Iterator[tuple[Callable[[str], None], Callable[[], None]]]:
    """A rich progress bar on stderr when it is a terminal; yields (print a line, advance by one).

    ``label`` names the work (``extracting``, ``repairing``).
    """
    if total < 2 or not stderr_is_terminal():
        yield say, lambda: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(stderr=True)
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield (lambda line: console.print(line, markup=False, highlight=False, soft_wrap=True),
               lambda: bar.advance(task))


def fail(lines: Sequence[str]) -> NoReturn:
    """Say ``lines`` and exit with status 1."""
    for line in lines:
        say(line)
    raise click.exceptions.Exit(EXIT_FAILED)


def is_folder(output: Path, raw: str) -> bool:
    """Whether ``-o`` names a folder: an existing one, or a path written with a trailing slash."""
    return output.is_dir() or raw.endswith(("/", os.sep))


def make_folder(folder: Path) -> None:
    """Create the ``-o`` folder (and its parents) or stop with a usage error that says why."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise click.UsageError(f"-o {folder}: cannot create the folder ({error.strerror or error}); "
                               "choose another -o") from None


def run_batch(jobs: Sequence[Callable[[Callable[[str], None]], str | None]], label: str, done: str,
              folder: Path) -> None:
    """Run every job in turn, going on past failures; report them all at the end and exit 1 if any.

    A job gets the function that prints a line above the progress bar and returns ``None``, or the
    line ``<file>: <reason>`` when its file failed. ``label`` names the work on the progress bar
    (``repairing``); ``done`` says what became of the files (``repaired into``).
    """
    failures: list[str] = []
    finished = 0
    try:
        with progress(len(jobs), label) as (tell, advance):
            for job in jobs:
                failure = job(tell)
                if failure is not None:
                    failures.append(failure)
                finished += 1
                advance()
    except KeyboardInterrupt:
        fail([f"kaghaz: interrupted after {finished} of {len(jobs)} files"]
             + [f"kaghaz: error: {line}" for line in failures])
    good = len(jobs) - len(failures)
    if failures:
        fail([f"kaghaz: {good} of {len(jobs)} files {done} {folder}; {len(failures)} failed:"]
             + [f"kaghaz: error: {line}" for line in failures])
    say(f"kaghaz: {good} of {len(jobs)} files {done} {folder}")
