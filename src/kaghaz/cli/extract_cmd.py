"""``kaghaz extract``: placeholder until the extraction command lands."""

from __future__ import annotations

import click


@click.command("extract")
@click.argument("files", nargs=-1, required=True)
def extract_command(files: tuple[str, ...]) -> None:
    """Extract Persian text from PDF files (not implemented yet).

    Example: kaghaz extract report.pdf
    """
    raise click.ClickException("extract is not implemented yet")
