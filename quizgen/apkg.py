"""The Anki deck: quizgen's own note types, one note per item, written as a stable .apkg.

Safe re-import (DESIGN.md) rests on four things kept here: fixed model ids and field names,
GUIDs from the deck and item ids, each note's mod time from anki-lock.json, and an .apkg whose
bytes depend only on the deck and the lock.
"""

from __future__ import annotations

import hashlib
import html
import io
import itertools
import sqlite3
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import genanki

from quizgen.arrange import LETTERS
from quizgen.errors import RetypedItemError, StaleLockError
from quizgen.loader import display_path
from quizgen.lock import LOCK_FILE, Lock, LockDiff, compare, content_hash, read_lock, update
from quizgen.model import Deck, Item
from quizgen.output import write_atomic
from quizgen.resources import templates_dir

# Anki knows a note type by its id: a student's notes stay attached to it only while it never
# changes. These two were drawn at random once; changing either strands every imported note.
MCQ_MODEL_ID = 1950057184
RECALL_MODEL_ID = 1784673974
MCQ_NAME = "quizgen MCQ"
RECALL_NAME = "quizgen Recall"

# Changing these names, their order or the template names is a breaking change: Anki would
# import the note type as a new one beside the old, and duplicate every note.
MCQ_FIELDS = ("Prompt", *LETTERS, "Letter", "Answer", *(f"Why{x}" for x in LETTERS),
              "Explanation", "Evidence", "Source", "Kind", "ItemId")
WRONG = tuple(range(1, len(LETTERS)))  # a Recall card lists the distractors, unlettered
RECALL_FIELDS = ("Prompt", "Answer", "Explanation", "Evidence", "Source", "Kind", "ItemId",
                 *(f"Wrong{n}" for n in WRONG), *(f"WhyWrong{n}" for n in WRONG))
#: Kinds whose note is a Recall flashcard instead of a multiple-choice one: recalling who
#: said a quote trains more than recognising the speaker among four.
RECALL_KINDS = frozenset({"who-said"})

DECK_PREFIX = "Media literacy::"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can say: entries carry no build time


@dataclass(frozen=True)
class NoteType:
    """One of quizgen's note types, as Anki stores it."""

    model_id: int
    name: str
    fields: tuple[str, ...]
    template: str  # the card template's name
    front: str
    back: str
    css: str

    def content(self) -> dict[str, object]:
        """Give what the lock hashes: everything Anki would see change."""
        return {"id": self.model_id, "name": self.name, "fields": list(self.fields),
                "template": self.template, "front": self.front, "back": self.back,
                "css": self.css}


@dataclass(frozen=True)
class NoteSpec:
    """One note as quizgen renders it: its type, GUID, field texts (HTML-escaped) and tags."""

    note_type: NoteType
    guid: str
    fields: tuple[str, ...]
    tags: tuple[str, ...]

    def content(self) -> dict[str, object]:
        """Give what the lock hashes for this note."""
        return {"note_type": self.note_type.name, "guid": self.guid,
                "fields": dict(zip(self.note_type.fields, self.fields, strict=True)),
                "tags": list(self.tags)}

    def field(self, name: str) -> str:
        """Give the text of the named field."""
        return self.fields[self.note_type.fields.index(name)]


@dataclass(frozen=True)
class AnkiPlan:
    """An .apkg ready to write, and the lock text to write first when the lock changed."""

    apkg: bytes
    lock_path: Path
    lock_json: str | None  # None: the lock on disk is current
    notes: int
    diff: LockDiff


@dataclass(frozen=True)
class AnkiBuild:
    """What write_apkg did: where it wrote, how many notes, how the lock moved."""

    path: Path
    lock_path: Path
    notes: int
    diff: LockDiff
    lock_written: bool


def note_types() -> tuple[NoteType, NoteType]:
    """Give the MCQ and Recall note types, their templates and CSS read from templates/anki/."""
    folder = templates_dir() / "anki"

    def read(name: str) -> str:
        return (folder / name).read_text(encoding="utf-8")

    css = read("cards.css")
    return (
        NoteType(MCQ_MODEL_ID, MCQ_NAME, MCQ_FIELDS, "Multiple choice",
                 read("mcq_front.html"), read("mcq_back.html"), css),
        NoteType(RECALL_MODEL_ID, RECALL_NAME, RECALL_FIELDS, "Recall",
                 read("recall_front.html"), read("recall_back.html"), css),
    )


def deck_name(deck: Deck) -> str:
    """Give the Anki deck name, which Anki matches decks by: keep the title stable."""
    return DECK_PREFIX + deck.title


def anki_deck_id(deck: Deck) -> int:
    """Give a stable Anki deck id derived from the deck id."""
    digest = hashlib.sha256(f"quizgen deck {deck.id}".encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:8], "big") % (1 << 30)


def option_order(deck_id: str, item_id: str, count: int) -> list[int]:
    """Give the order of an item's options (0 is the answer) on its card, fixed forever.

    It depends on the deck and item ids alone, never on a seed or the options' text, so a
    rebuild gives the same fields and a reworded option keeps its letter.
    """
    def key(index: int) -> bytes:
        return hashlib.sha256(f"quizgen:{deck_id}:{item_id}:{index}".encode()).digest()

    return sorted(range(count), key=key)


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def _tags(deck: Deck, item: Item) -> tuple[str, ...]:
    # Anki treats tags case-insensitively: keep the first spelling of each.
    tags: dict[str, str] = {}
    for tag in ("quizgen", f"kind::{item.kind}", f"deck::{deck.id}", *item.tags):
        tags.setdefault(tag.casefold(), tag)
    return tuple(tags.values())


def item_note(deck: Deck, item: Item, types: tuple[NoteType, NoteType]) -> NoteSpec:
    """Give an item's one note: a Recall note for who-said items, an MCQ note otherwise.

    Its GUID comes from the deck and item ids alone, so a corrected item updates in place.
    """
    mcq, recall = types
    guid = genanki.guid_for("quizgen", deck.id, item.id)
    source = _escape(deck.source.line())
    shared = {"Prompt": _escape(item.prompt), "Answer": _escape(item.answer),
              "Explanation": _escape(item.explanation), "Evidence": _escape(item.evidence),
              "Source": source, "Kind": _escape(item.kind), "ItemId": _escape(item.id)}
    tags = _tags(deck, item)
    if item.kind in RECALL_KINDS:
        wrong = {f"Wrong{n}": "" for n in WRONG} | {f"WhyWrong{n}": "" for n in WRONG}
        for n, distractor in zip(WRONG, item.distractors, strict=False):
            wrong[f"Wrong{n}"] = _escape(distractor.text)
            wrong[f"WhyWrong{n}"] = _escape(distractor.why)
        fields = shared | wrong
        return NoteSpec(recall, guid, tuple(fields[name] for name in recall.fields), tags)
    options = [(item.answer, "")] + [(d.text, d.why) for d in item.distractors]
    if len(options) > len(LETTERS):  # validation allows at most 4 distractors
        raise ValueError(f"item {item.id!r} has {len(options)} options; a card holds "
                         f"{len(LETTERS)}")
    order = option_order(deck.id, item.id, len(options))
    texts = [""] * len(LETTERS)
    whys = [""] * len(LETTERS)
    for position, index in enumerate(order):
        texts[position] = _escape(options[index][0])
        whys[position] = _escape(options[index][1])
    mcq_fields = {**shared, "Letter": LETTERS[order.index(0)],
                  **dict(zip(LETTERS, texts, strict=True)),
                  **{f"Why{x}": w for x, w in zip(LETTERS, whys, strict=True)}}
    return NoteSpec(mcq, guid, tuple(mcq_fields[name] for name in mcq.fields), tags)


def deck_notes(deck: Deck, types: tuple[NoteType, NoteType] | None = None
               ) -> dict[str, NoteSpec]:
    """Give every item's note by item id, in deck order."""
    types = types or note_types()
    return {item.id: item_note(deck, item, types) for item in deck.items}


def note_types_hash(types: tuple[NoteType, NoteType]) -> str:
    """Give the hash the lock keeps for the note types' fields, templates and CSS."""
    return content_hash([t.content() for t in types])


def item_hashes(notes: dict[str, NoteSpec]) -> dict[str, str]:
    """Give each item's content hash: the hash of its note as rendered into fields."""
    return {item_id: content_hash(spec.content()) for item_id, spec in notes.items()}


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
                  types: tuple[NoteType, NoteType], lock: Lock) -> bytes:
    """Give the .apkg for these notes, with every mod time taken from lock: same input, same bytes.

    lock must hold an entry for every item in notes and for the note types.
    """
    if lock.note_types is None:
        raise ValueError("the lock has no note types entry")
    models = {t.name: _Model(t, lock.note_types.mod) for t in types}
    anki_deck = genanki.Deck(anki_deck_id(deck), deck_name(deck),
                             description=_escape(f"Questions on {deck.source.line()}"))
    for due, (item_id, spec) in enumerate(notes.items()):
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


def plan_apkg(deck: Deck, *, lock_path: Path | None = None, frozen: bool = False,
              now: int | None = None) -> AnkiPlan:
    """Give a validated deck's .apkg bytes and its lock brought up to date, writing nothing.

    The lock defaults to the deck folder's anki-lock.json. With frozen, a stale lock raises
    StaleLockError. now (whole seconds) stands for the current time, for tests.
    """
    lock_path = Path(lock_path) if lock_path is not None else deck.folder / LOCK_FILE
    types = note_types()
    notes = deck_notes(deck, types)
    hashes = item_hashes(notes)
    types_hash = note_types_hash(types)
    note_type_of = {item_id: spec.note_type.name for item_id, spec in notes.items()}
    old = read_lock(lock_path)
    diff = compare(old, hashes, types_hash, note_type_of)
    if diff.retyped:
        raise RetypedItemError(
            f"{display_path(lock_path)}: {', '.join(repr(i) for i in diff.retyped)} would "
            "change note type (its kind moved to or from who-said), and Anki keeps a note's "
            "type: students would never see the change. Give the item a new id, or keep its "
            "kind; if no student has imported this deck yet, delete its entry (under \"items\" "
            "or \"retired\") from the lock")
    lock = update(old, hashes, types_hash, int(time.time()) if now is None else now,
                  note_type_of)
    changed = old is None or lock.to_json() != old.to_json()
    if frozen and (diff.stale or changed):
        rerun = f"run quizgen anki {display_path(deck.folder)}"
        if old is None:
            raise StaleLockError(f"{display_path(lock_path)} does not exist; {rerun} to "
                                 "write it")
        what = diff.summary() if diff.stale else "written by an older quizgen"
        raise StaleLockError(f"{display_path(lock_path)} is stale: {what}; {rerun} to "
                             "update it")
    return AnkiPlan(package_bytes(deck, notes, types, lock), lock_path,
                    lock.to_json() if changed else None, len(notes), diff)


def write_apkg(deck: Deck, path: Path, *, lock_path: Path | None = None, frozen: bool = False,
               now: int | None = None) -> AnkiBuild:
    """Write a validated deck's .apkg to path and bring its anki-lock.json up to date.

    The lock is rewritten only when it changed, and before the .apkg: an .apkg whose times
    the lock does not hold must never be handed out. With frozen, a stale lock raises
    StaleLockError and nothing is written. now (whole seconds) stands for the current time.
    """
    plan = plan_apkg(deck, lock_path=lock_path, frozen=frozen, now=now)
    if plan.lock_json is not None:
        write_atomic(plan.lock_path, plan.lock_json)
    write_atomic(Path(path), plan.apkg)
    return AnkiBuild(Path(path), plan.lock_path, plan.notes, plan.diff,
                     plan.lock_json is not None)
