"""Where a deck's parts stand in its file: kept beside the Deck, not inside it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class ItemLines:
    """Where one item starts in deck.yaml, and where each of its fields' keys stand."""

    start: int | None = None
    #: "distractors[1].why": 23, for messages
    fields: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class SourceMap:
    """Where a deck was read from: its file, and the line of each loaded item and field.

    ``items`` lines up with ``Deck.items``: the n-th entry places the n-th loaded item.
    """

    path: Path  # the deck.yaml file
    file: str  # the file as messages name it
    items: tuple[ItemLines, ...] = ()

    @property
    def folder(self) -> Path:
        """Give the deck's folder: where its article and lock live."""
        return self.path.parent

    def line(self, index: int, field: str | None = None) -> int | None:
        """Give the line of the index-th item's field (or of the item, failing that)."""
        if not 0 <= index < len(self.items):
            return None
        where = self.items[index]
        return where.fields.get(field, where.start) if field else where.start
