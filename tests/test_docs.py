"""README stays honest: it opens with the two commands, and documents every command."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from scraper.cli import cli

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()


def commands() -> list[tuple[str, click.Command]]:
    found = []
    for name, command in cli.commands.items():  # type: ignore[attr-defined]
        found.append((name, command))
        if isinstance(command, click.Group):
            found += [(f"{name} {sub}", c) for sub, c in command.commands.items()]
    return found


def test_readme_opens_with_the_two_commands() -> None:
    block = re.search(r"```sh\n(.*?)```", README, re.DOTALL)
    assert block is not None
    lines = [line.split("#")[0].strip() for line in block[1].strip().splitlines()]
    assert lines == ["make demo", "make test"]
    assert README.index("```sh") < README.index("\n## ")


def test_ci_runs_the_readme_test_command() -> None:
    assert (ROOT / ".ci" / "run").read_text().strip().endswith("make test")


@pytest.mark.parametrize(("name", "command"), commands(), ids=lambda v: str(v))
def test_every_command_is_documented_with_an_example(name: str, command: click.Command) -> None:
    if isinstance(command, click.Group):
        assert command.help
        return
    assert f"panelwatch {name}" in README or f"panelwatch {name.split()[0]}" in README, name
    assert command.help
    assert "Example: panelwatch " in command.help, name
