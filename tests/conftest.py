"""Shared fixtures: small real decks copied into tmp_path, to break one rule at a time."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).parent.parent
#: The folder names of the shipped decks: tests name them, and work on copies.
SHIPPED = sorted(p.parent.name for p in (ROOT / "decks").glob("*/deck.yaml"))


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    """Run quizgen as a user types it (in this process); give exit code, stdout, stderr."""
    from click.testing import CliRunner

    from quizgen.cli import cli

    result = CliRunner().invoke(cli, list(args), input=input, prog_name="quizgen",
                                catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@dataclass(frozen=True)
class Copies:
    """Copies of the shipped decks and the fixtures, safe to build, lock and edit."""

    root: Path

    @property
    def decks(self) -> Path:
        """Give the folder holding a copy of every shipped deck."""
        return self.root / "decks"

    @property
    def fixtures(self) -> Path:
        """Give the folder holding a copy of tests/fixtures."""
        return self.root / "fixtures"

    def shipped(self, name: str) -> Path:
        """Give the copy of the shipped deck in folder name."""
        return self.decks / name

    def fixture(self, name: str) -> Path:
        """Give the copy of the fixture deck in folder name."""
        return self.fixtures / name


@pytest.fixture
def copies(tmp_path: Path) -> Copies:
    """Give copies of every shipped deck and every fixture under tmp_path."""
    made = Copies(tmp_path / "copies")
    shutil.copytree(ROOT / "decks", made.decks)
    shutil.copytree(FIXTURES, made.fixtures)
    return made


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Give a fresh current directory whose ./decks holds a copy of the mini deck."""
    shutil.copytree(FIXTURES / "mini", tmp_path / "decks" / "mini")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def mini_deck(tmp_path: Path) -> Path:
    """Give a copy of the mini deck's folder in tmp_path."""
    folder = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", folder)
    return folder


@pytest.fixture
def edit_deck(mini_deck: Path) -> Callable[[str, str], Path]:
    """Give a function that replaces text in the mini deck's deck.yaml (exactly once)."""

    def edit(old: str, new: str) -> Path:
        path = mini_deck / "deck.yaml"
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"fixture text not found once: {old!r}"
        path.write_text(text.replace(old, new), encoding="utf-8")
        return path

    return edit


def _snapshot() -> dict[Path, bytes]:
    return {path: path.read_bytes() for folder in (ROOT / "decks", FIXTURES)
            for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture(scope="session", autouse=True)
def _repository_decks_stay_untouched() -> Iterator[None]:
    """Fail the run if any test wrote into the shipped decks or the fixtures.

    A build brings a deck's anki-lock.json up to date: tests build copies, and a committed
    lock that is stale must fail its own test rather than be quietly rewritten by another.
    """
    before = _snapshot()
    yield
    after = _snapshot()
    changed = sorted(str(p.relative_to(ROOT)) for p in before.keys() | after.keys()
                     if before.get(p) != after.get(p))
    assert changed == [], f"tests changed files in the repository: {changed}"
