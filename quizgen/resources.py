"""Where the built-in templates and bundled decks live, installed or in a source tree."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    # A wheel puts templates/ and decks/ inside the package; a source tree or an editable
    # install keeps them beside it.
    inside = _PACKAGE / name
    return inside if inside.is_dir() else _PACKAGE.parent / name


def templates_dir() -> Path:
    """Give the folder of the built-in templates."""
    return _shipped("templates")


def bundled_decks_dir() -> Path:
    """Give the folder of the decks that ship with quizgen."""
    return _shipped("decks")
