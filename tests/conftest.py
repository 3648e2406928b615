"""Shared fixtures: small real decks copied into tmp_path, to break one rule at a time."""

from __future__ import annotations

import shutil
from collections.abc import Callable
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
