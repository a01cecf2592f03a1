"""``kaghaz repair``: placeholder until the repair issue lands."""

from __future__ import annotations

import click


@click.command("repair")
@click.argument("file", required=False, default="-")
def repair_command(file: str) -> None:
    """Repair Persian text that another tool garbled (not implemented yet).

    Example: kaghaz repair garbled.txt
    """
    raise click.ClickException("repair is not implemented yet")
