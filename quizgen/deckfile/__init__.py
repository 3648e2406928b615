"""Reading a deck file: deck.yaml and its article into a Deck, and where each part stands."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from quizgen.deckfile.files import MAX_BYTES, read_text
from quizgen.deckfile.schema import Reader
from quizgen.deckfile.sourcemap import ItemLines, SourceMap
from quizgen.deckfile.yamlparse import compose, no_gc
from quizgen.errors import DeckError, Problem
from quizgen.model import Deck
from quizgen.util import display_path

__all__ = ["MAX_BYTES", "ItemLines", "Reading", "SourceMap", "load_deck", "read_deck",
           "read_text"]


@dataclass(frozen=True)
class Reading:
    """What reading a deck.yaml gave: the deck (None if unusable), its problems, its size."""

    deck: Deck | None
    problems: list[Problem]
    item_count: int  # the entries under items:, loaded or not
    where: SourceMap


def load_deck(path: Path | str) -> Deck:
    """Give the Deck in a deck.yaml, or raise DeckError listing every structural problem."""
    reading = read_deck(path)
    if reading.problems or reading.deck is None:
        raise DeckError(reading.problems)
    return reading.deck


def deck_file(path: Path | str) -> Path:
    """Give the deck.yaml a path names: the file itself, or the one in a deck folder."""
    path = Path(path)
    try:
        if path.is_dir() and path.name != "deck.yaml":
            return path / "deck.yaml"
    except OSError as err:
        raise DeckError([Problem(str(path), f"cannot be read: {err.strerror or err}",
                                 code="unreadable")]) from err
    return path


def read_deck(path: Path | str) -> Reading:
    """Give what a deck.yaml holds: the deck with every item that loaded, and the problems.

    An unreadable file, or one that is not YAML, raises DeckError.
    """
    path = deck_file(path)
    file = display_path(path)
    root = compose(read_text(path, "the deck file", file, path.parent), file)
    reader = Reader(file)
    with no_gc():
        deck = reader.deck(root, path)
    return Reading(deck, reader.problems, reader.item_count,
                   SourceMap(path, file, tuple(reader.item_lines)))
