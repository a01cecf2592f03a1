"""The ``kaghaz`` command: a thin shell over the library.

Each subcommand lives in its own module, parses its options into a :class:`~kaghaz.settings.Settings`,
calls one library function and prints. Library errors become one-line messages and a non-zero exit.
"""

from __future__ import annotations

import click

from kaghaz import __version__
from kaghaz.cli.extract_cmd import extract_command
from kaghaz.cli.repair_cmd import repair_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kaghaz")
def cli() -> None:
    """kaghaz: faithful Persian text from PDFs, and repair of garbled Persian text.

    \b
    Examples:
      kaghaz extract report.pdf
      kaghaz extract *.pdf -o out/
      kaghaz repair garbled.txt --explain
    """


cli.add_command(extract_command)
cli.add_command(repair_command)


def main() -> None:
    """Entry point of the ``kaghaz`` console script."""
    cli()
