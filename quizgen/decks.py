"""Finding decks: a DECK argument, the decks under ./decks, the bundled ones."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from quizgen.errors import DeckNotFoundError
from quizgen.resources import bundled_decks_dir

DECK_FILE = "deck.yaml"


def _decks_in(folder: Path) -> list[Path]:
    try:
        if not folder.is_dir():
            return []
        entries = sorted(folder.iterdir())
    except OSError as err:
        raise DeckNotFoundError(str(folder), f"cannot be read: {err.strerror or err}") from err
    found = []
    for entry in entries:
        candidate = entry / DECK_FILE
        try:
            if candidate.is_file():
                found.append(candidate)
        except OSError:
            # An unreadable folder is this one deck's problem (the loader names it), not a
            # reason to refuse every other deck.
            found.append(candidate)
    return found


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
    """Give the id a deck.yaml declares, reading only as far as its top-level id."""
    import yaml

    loader: Any = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
    depth, key = 0, None  # key: the top-level key whose value comes next, if any
    from quizgen.deckfile.files import UnreadableFileError, read_capped

    try:
        text = read_capped(path, "the deck file").decode("utf-8-sig")
    except (UnreadableFileError, UnicodeDecodeError):
        return None
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                if depth == 0 and not isinstance(event, yaml.MappingStartEvent):
                    return None  # not a deck: the top level is not a mapping
                depth += 1
                if depth == 2:
                    key = None  # a nested value: the next top-level scalar is a key
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
            elif depth == 1 and isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent)):
                if key is None:
                    key = getattr(event, "value", "") or "\0"
                elif key == "id":
                    return str(getattr(event, "value", "")).strip() or None
                else:
                    key = None
    except yaml.YAMLError:
        return None
    return None


def unique_decks(paths: Sequence[Path]) -> list[Path]:
    """Give the deck paths with any deck named twice (by folder and by file, say) once."""
    seen: dict[Path, Path] = {}
    for path in map(Path, paths):
        file = path / DECK_FILE if path.is_dir() else path
        seen.setdefault(Path(os.path.realpath(file)), path)  # a link loop does not raise
    return list(seen.values())


def find_deck_by_id(deck_id: str, cwd: Path | None = None) -> Path | None:
    """Give the deck.yaml of the deck with this id, ./decks first; else a folder so named."""
    dirs = deck_search_dirs(cwd)
    for folder in dirs:
        for path in _decks_in(folder):
            if deck_id_of(path) == deck_id:
                return path
    for folder in dirs:
        by_folder = folder / deck_id / DECK_FILE
        if by_folder.is_file():
            return by_folder
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
        raise DeckNotFoundError(arg, f"cannot be read: {err.strerror or err}") from err
    raise DeckNotFoundError(arg, "no such deck; give a deck folder, its deck.yaml, or the id "
                                 "of a deck that 'quizgen list' shows")
