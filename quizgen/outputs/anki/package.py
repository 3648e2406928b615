"""Writing Anki notes as an .apkg whose bytes depend only on the deck and its lock.

genanki stamps the time of writing into note, model and zip entry times; the subclasses here
carry each note's own time from anki-lock.json instead, and the zip entries a fixed time.
"""

from __future__ import annotations

import io
import itertools
import sqlite3
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import genanki

from quizgen.model import Deck
from quizgen.outputs.anki.lock import Lock
from quizgen.outputs.anki.notetypes import NoteSpec, NoteType, _escape, anki_deck_id, deck_name

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can say: entries carry no build time


class _Model(genanki.Model):  # type: ignore[misc]
    """A genanki Model that carries its own mod time, from the lock."""

    def __init__(self, note_type: NoteType, mod: int) -> None:
        super().__init__(
            note_type.model_id, note_type.name,
            fields=[{"name": name} for name in note_type.fields],
            templates=[{"name": note_type.template, "qfmt": note_type.front,
                        "afmt": note_type.back}],
            css=note_type.css,
        )
        self.mod = mod

    def to_json(self, timestamp: float, deck_id: int) -> Any:
        return super().to_json(self.mod, deck_id)


class _Note(genanki.Note):  # type: ignore[misc]
    """A genanki Note written with its own mod time instead of the package's timestamp."""

    def __init__(self, model: _Model, spec: NoteSpec, mod: int, due: int) -> None:
        super().__init__(model=model, fields=list(spec.fields), tags=list(spec.tags),
                         guid=spec.guid, due=due)
        self.mod = mod

    def write_to_db(self, cursor: sqlite3.Cursor, timestamp: float, deck_id: int,
                    id_gen: Any) -> None:
        super().write_to_db(cursor, self.mod, deck_id, id_gen)


def package_bytes(deck: Deck, notes: dict[str, NoteSpec],
                  types: tuple[NoteType, NoteType], lock: Lock,
                  arrival: Sequence[str] | None = None) -> bytes:
    """Give the .apkg for these notes, with every mod time taken from lock: same input, same bytes.

    lock must hold an entry for every item in notes and for the note types. arrival gives
    the item ids in the order their new cards should come (their ``due``); default: notes'.
    """
    if lock.note_types is None:
        raise ValueError("the lock has no note types entry")
    models = {t.name: _Model(t, lock.note_types.mod) for t in types}
    anki_deck = genanki.Deck(anki_deck_id(deck), deck_name(deck),
                             description=_escape(f"Questions on {deck.source.line()}"))
    if arrival is None:
        arrival = list(notes)
    elif sorted(arrival) != sorted(notes):
        raise ValueError("arrival must name every note's item once")
    for due, item_id in enumerate(arrival):
        spec = notes[item_id]
        anki_deck.add_note(_Note(models[spec.note_type.name], spec, lock.items[item_id].mod, due))
    for model in models.values():
        anki_deck.add_model(model)  # both types always, so their mod moves together

    # Note and card ids count up from the newest time in the lock: fixed by deck and lock.
    stamp = lock.latest()
    with tempfile.TemporaryDirectory(prefix="quizgen-apkg-") as tmp:
        db_path = Path(tmp) / "collection.anki2"
        conn = sqlite3.connect(db_path)
        try:
            genanki.Package(anki_deck).write_to_db(conn.cursor(), stamp,
                                                   itertools.count(stamp * 1000))
            conn.commit()
        finally:
            conn.close()
        collection = db_path.read_bytes()

    # genanki's own write_to_file stamps the zip entries with the time of writing; these
    # entries carry a fixed time so the same deck and lock give the same bytes.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in (("collection.anki2", collection), ("media", b"{}")):
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()
