"""Finding decks: a DECK argument, the decks under ./decks, the bundled ones."""

from __future__ import annotations

from pathlib import Path

from quizgen.errors import DeckNotFoundError
from quizgen.resources import bundled_decks_dir

DECK_FILE = "deck.yaml"


def _decks_in(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p / DECK_FILE for p in folder.iterdir() if (p / DECK_FILE).is_file())


def deck_search_dirs(cwd: Path | None = None) -> list[Path]:
    """Give the folders searched for deck ids: ./decks first, then the bundled decks."""
    local = cwd / "decks" if cwd else Path("decks")
    bundled = bundled_decks_dir()
    dirs = [local] if local.is_dir() else []
    if not dirs or local.resolve() != bundled.resolve():
        dirs.append(bundled)
    return dirs


def discover_decks(cwd: Path | None = None) -> list[Path]:
    """Give the deck.yaml files under ./decks, or the bundled ones when there is none."""
    local = _decks_in(cwd / "decks" if cwd else Path("decks"))
    return local or _decks_in(bundled_decks_dir())


def resolve_deck(arg: str, cwd: Path | None = None) -> Path:
    """Give the deck.yaml a DECK argument names: a deck folder, its deck.yaml, or a deck id."""
    path = Path(arg)
    if path.is_dir() and path.name != DECK_FILE:
        return path / DECK_FILE
    if path.exists():
        return path  # a file, or a deck.yaml that is not a file: the loader says which
    if "/" not in arg and "\\" not in arg:
        for folder in deck_search_dirs(cwd):
            candidate = folder / arg / DECK_FILE
            if candidate.is_file():
                return candidate
    raise DeckNotFoundError(
        f"{arg}: no such deck; give a deck folder, its deck.yaml, "
        "or the id of a deck that 'quizgen list' shows"
    )
