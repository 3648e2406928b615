"""Finding decks: a DECK argument, the decks under ./decks, the bundled ones."""

from __future__ import annotations

import re
from pathlib import Path

from quizgen.errors import DeckNotFoundError
from quizgen.resources import bundled_decks_dir

DECK_FILE = "deck.yaml"
# The deck id is the first top-level `id:` line; reading it this way spares parsing a whole
# deck just to find out which deck it is.
_ID_LINE = re.compile(r"""^id:[ \t]*(["']?)([^"'#\s]+)\1[ \t]*(?:#.*)?$""", re.M)


def _decks_in(folder: Path) -> list[Path]:
    try:
        if not folder.is_dir():
            return []
        return sorted(p / DECK_FILE for p in folder.iterdir() if (p / DECK_FILE).is_file())
    except OSError as err:
        raise DeckNotFoundError(f"{folder}: cannot be read: {err.strerror or err}") from err


def _local(cwd: Path | None) -> Path:
    return cwd / "decks" if cwd else Path("decks")


def deck_search_dirs(cwd: Path | None = None) -> list[Path]:
    """Give the folders searched for deck ids: ./decks first, then the bundled decks."""
    local, bundled = _local(cwd), bundled_decks_dir()
    dirs = [local] if local.is_dir() else []
    if not dirs or local.resolve() != bundled.resolve():
        dirs.append(bundled)
    return dirs


def discover_decks(cwd: Path | None = None) -> list[Path]:
    """Give the deck.yaml files under ./decks, or the bundled ones when there is none."""
    return _decks_in(_local(cwd)) or _decks_in(bundled_decks_dir())


def deck_id_of(path: Path) -> str | None:
    """Give the id a deck.yaml declares on its top-level id line, without parsing the rest."""
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            head = handle.read(64 * 1024)
    except OSError:
        return None
    match = _ID_LINE.search(head)
    return match.group(2) if match else None


def find_deck_by_id(deck_id: str, cwd: Path | None = None) -> Path | None:
    """Give the deck.yaml of the deck with this id (or folder name), ./decks first."""
    for folder in deck_search_dirs(cwd):
        by_folder = folder / deck_id / DECK_FILE
        if by_folder.is_file():
            return by_folder
        for path in _decks_in(folder):
            if deck_id_of(path) == deck_id:
                return path
    return None


def resolve_deck(arg: str, cwd: Path | None = None) -> Path:
    """Give the deck.yaml a DECK argument names: a deck folder, its deck.yaml, or a deck id."""
    path = Path(arg)
    try:
        if path.is_dir() and (path / DECK_FILE).exists():
            return path / DECK_FILE  # a folder holding a deck.yaml (or something so named)
        if path.exists() and not path.is_dir():
            return path
        # A bare name is a deck id first: a folder of the same name that holds no deck
        # (a build's output folder, say) does not hide the deck.
        if "/" not in arg and "\\" not in arg:
            found = find_deck_by_id(arg, cwd)
            if found is not None:
                return found
        if path.is_dir():
            return path / DECK_FILE  # the loader says that there is no deck.yaml in it
    except OSError as err:
        raise DeckNotFoundError(f"{arg}: cannot be read: {err.strerror or err}") from err
    raise DeckNotFoundError(
        f"{arg}: no such deck; give a deck folder, its deck.yaml, "
        "or the id of a deck that 'quizgen list' shows"
    )
