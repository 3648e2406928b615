"""The README stays true: CI runs its test command, and it documents every command."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quizgen.cli import cli

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _sh_blocks() -> list[str]:
    return re.findall(r"^```sh\n(.*?)```", README, re.M | re.S)


def test_ci_runs_exactly_the_readme_test_command() -> None:
    test_command = _sh_blocks()[1].strip()
    assert "pytest" in test_command
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert ci[-1] == test_command


def test_the_quick_start_installs_and_builds() -> None:
    assert _sh_blocks()[0].strip() == (
        "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/quizgen build")


@pytest.mark.parametrize("command", sorted(cli.list_commands(None)))  # type: ignore[arg-type]
def test_every_command_is_in_the_readme(command: str) -> None:
    assert re.search(rf"^quizgen {command}\b", README, re.M), command
