"""The README's promises: its first two commands, CI running the same test command, documented CLI."""

from __future__ import annotations

import os
import re
import stat

import click
import pytest

from conftest import ROOT
from kaghaz.cli import cli

README = (ROOT / "README.md").read_text(encoding="utf-8")
CI_RUN = ROOT / ".ci" / "run"
TRY_COMMAND = "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/kaghaz extract samples/sample-fa.pdf"
TEST_COMMAND = "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/python -m pytest -q"


def _first_code_block(text: str) -> list[str]:
    match = re.search(r"```[a-z]*\n(.*?)```", text, re.DOTALL)
    assert match, "the README has no code block"
    return [line for line in match.group(1).splitlines() if line.strip()]


def test_readme_starts_with_the_two_commands() -> None:
    head = README.splitlines()[:8]
    assert head[0].startswith("# kaghaz")
    assert _first_code_block("\n".join(head) + "\n") == [TRY_COMMAND, TEST_COMMAND]
    assert (ROOT / "samples" / "sample-fa.pdf").is_file()


def test_readme_ci_runs_the_readme_test_command() -> None:
    """.ci/run runs the README's test command, in parts, and is executable."""
    script = CI_RUN.read_text(encoding="utf-8")
    assert TEST_COMMAND in script  # quoted in a comment, for the reader
    lines = [line.strip() for line in script.splitlines() if not line.lstrip().startswith("#")]
    assert '"$PYTHON" -m venv .venv' in lines
    assert ".venv/bin/pip install -q -e '.[test]'" in lines
    assert ".venv/bin/python -m pytest -q" in lines
    assert "python3" in script and 'PYTHON=${PYTHON:-python3}' in script
    assert os.stat(CI_RUN).st_mode & stat.S_IXUSR
    assert script.startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in script and "-eq 5" in script  # no test collected is a failure


def test_readme_links_exist() -> None:
    for target in re.findall(r"\]\(([^)#]+)\)", README):
        if "://" in target:
            continue
        assert (ROOT / target).exists(), target


def test_readme_names_every_extract_option() -> None:
    command = cli.commands["extract"]
    for param in command.params:
        if isinstance(param, click.Option) and param.name != "help":
            assert any(opt in README for opt in param.opts), param.opts


def _commands(group: click.Group, prefix: str = "kaghaz") -> list[tuple[str, click.Command]]:
    found: list[tuple[str, click.Command]] = [(prefix, group)]
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found.extend(_commands(command, f"{prefix} {name}"))
        else:
            found.append((f"{prefix} {name}", command))
    return found


@pytest.mark.parametrize(("name", "command"), _commands(cli), ids=lambda v: v if isinstance(v, str) else "")
def test_readme_every_command_is_documented_with_an_example(name: str, command: click.Command) -> None:
    assert command.help and command.help.strip(), f"{name} has no help text"
    assert f"{name} " in command.help or f"{name}\n" in command.help, f"{name}'s help shows no example"
    for param in command.params:
        if isinstance(param, click.Option) and param.name not in ("help", "version"):
            assert param.help and param.help.strip(), f"{name} {param.opts} has no help text"


def test_readme_every_extract_option_has_an_example() -> None:
    for param in cli.commands["extract"].params:
        if isinstance(param, click.Option) and param.name != "help":
            assert param.help and ("e.g." in param.help or "E.g." in param.help), param.opts
