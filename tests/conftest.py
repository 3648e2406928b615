"""Shared fixtures: small real decks copied into tmp_path, to break one rule at a time."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).parent.parent


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
