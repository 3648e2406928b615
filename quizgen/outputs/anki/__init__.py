"""The Anki deck: one note per item in quizgen's own note types, as a stable .apkg.

Safe re-import (DESIGN.md) rests on four things: fixed model ids and field names
(notetypes), GUIDs from the deck and item ids (notetypes), each note's mod time from
anki-lock.json (lock), and an .apkg whose bytes depend only on the deck and the lock
(package). This module is the lock policy that ties them together, and decides two things a
student notices over months:

- each multiple-choice card's option order: kept in the lock once chosen, so its letters
  never move; chosen (for a new item, or one whose number of options changed) so that the
  answers' letters stay balanced over the deck's lettered cards (quizgen.quiz's
  balanced_orders). Recall cards show no letters and take no part.
- the order new cards arrive in (their ``due``): kinds interleaved, each kind spread evenly
  over the deck, instead of deck order's long runs of one kind.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from quizgen.errors import RetypedItemError, StaleLockError
from quizgen.model import Deck, Item
from quizgen.outputs import DECK_FOLDER, Context, Files
from quizgen.outputs.anki.lock import LOCK_FILE, Lock, LockDiff, compare, read_lock, update
from quizgen.outputs.anki.notetypes import (
    RECALL_KINDS,
    deck_notes,
    item_hashes,
    note_types,
    note_types_hash,
)
from quizgen.outputs.anki.package import package_bytes
from quizgen.outputs.write import write_atomic
from quizgen.quiz import STABLE, Quiz, arrange, balanced_orders, with_orders
from quizgen.util import display_path

__all__ = ["LOCK_FILE", "AnkiBuild", "AnkiPlan", "plan", "plan_apkg", "render", "write_apkg"]


@dataclass(frozen=True)
class AnkiPlan:
    """An .apkg ready to write, and the lock text to write first when the lock changed."""

    apkg: bytes
    lock_json: str | None  # None: the lock as read is current
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


def clock() -> int:
    """Give the current time in whole seconds: the time a changed item's notes get."""
    return int(time.time())


def option_orders(deck: Deck, items: Sequence[Item], lock: Lock | None) -> dict[str, list[int]]:
    """Give each lettered card's option order: the lock's, else one that keeps letters even."""
    lettered = [item for item in items if item.kind not in RECALL_KINDS]
    return balanced_orders(deck, lettered, lock.orders() if lock is not None else {})


def arrival_order(items: Sequence[Item]) -> list[str]:
    """Give the item ids in the order their new cards arrive: kinds interleaved.

    The n-th of a kind's k items (in deck order) stands at (n + 1/2) / k of the way through,
    so every kind is spread over the whole deck and a day's new cards mix kinds.
    """
    kinds = list(dict.fromkeys(item.kind for item in items))
    sizes = {kind: sum(item.kind == kind for item in items) for kind in kinds}
    seen: dict[str, int] = {}
    keyed = []
    for item in items:
        rank = seen[item.kind] = seen.get(item.kind, -1) + 1
        keyed.append(((2 * rank + 1) / (2 * sizes[item.kind]), kinds.index(item.kind), item.id))
    return [item_id for _, _, item_id in sorted(keyed)]


def plan(quiz: Quiz, context: Context) -> AnkiPlan:
    """Give the .apkg of a STABLE quiz and its lock brought up to date, writing nothing.

    The lock is context.lock (as read; None when there is none yet). With context.frozen,
    a stale lock raises StaleLockError. context.now (whole seconds) stands for the time.
    Each lettered card's option order comes from the lock (see option_orders).
    """
    deck = quiz.deck
    old = context.lock
    orders = option_orders(deck, [q.item for q in quiz.questions], old)
    quiz = with_orders(quiz, orders)
    types = note_types()
    notes = deck_notes(quiz, types)
    hashes = item_hashes(notes)
    types_hash = note_types_hash(types)
    note_type_of = {item_id: spec.note_type.name for item_id, spec in notes.items()}
    lock_name = context.lock_name
    diff = compare(old, hashes, types_hash, note_type_of)
    if diff.retyped:
        raise RetypedItemError(
            f"{lock_name}: {', '.join(repr(i) for i in diff.retyped)} would "
            "change note type (its kind moved to or from who-said), and Anki keeps a note's "
            "type: students would never see the change. Give the item a new id, or keep its "
            "kind; if no student has imported this deck yet, delete its entry (under \"items\" "
            "or \"retired\") from the lock")
    now = clock() if context.now is None else context.now
    lock = update(old, hashes, types_hash, now, note_type_of, orders)
    changed = old is None or lock.to_json() != old.to_json()
    if context.frozen and (diff.stale or changed):
        rerun = f"run quizgen anki {context.deck_name or deck.id}"
        if old is None:
            raise StaleLockError(f"{lock_name} does not exist; {rerun} to write it")
        what = diff.summary() if diff.stale else "written by an older quizgen"
        raise StaleLockError(f"{lock_name} is stale: {what}; {rerun} to update it")
    arrival = arrival_order([q.item for q in quiz.questions])
    return AnkiPlan(package_bytes(deck, notes, types, lock, arrival),
                    lock.to_json() if changed else None, len(notes), diff)


def render(context: Context) -> Files:
    """Give the .apkg, and the lock's new content (in the deck's folder) when it moved."""
    result = plan(context.quiz, context)
    files = {f"{context.quiz.deck.id}.apkg": result.apkg}
    if result.lock_json is not None:
        files = {DECK_FOLDER + LOCK_FILE: result.lock_json.encode("utf-8"), **files}
    return files


def plan_apkg(deck: Deck, lock_path: Path, *, frozen: bool = False,
              now: int | None = None) -> AnkiPlan:
    """Give a validated deck's .apkg and its lock (read from lock_path) brought up to date."""
    lock_path = Path(lock_path)
    context = Context(arrange(deck, ordering=STABLE), lock=read_lock(lock_path),
                      lock_name=display_path(lock_path),
                      deck_name=display_path(lock_path.parent), frozen=frozen, now=now)
    return plan(context.quiz, context)


def write_apkg(deck: Deck, path: Path, *, lock_path: Path, frozen: bool = False,
               now: int | None = None) -> AnkiBuild:
    """Write a validated deck's .apkg to path and bring its lock at lock_path up to date.

    The lock is rewritten only when it changed, and before the .apkg: an .apkg whose times
    the lock does not hold must never be handed out. With frozen, a stale lock raises
    StaleLockError and nothing is written. now (whole seconds) stands for the current time.
    """
    result = plan_apkg(deck, lock_path, frozen=frozen, now=now)
    if result.lock_json is not None:
        write_atomic(Path(lock_path), result.lock_json)
    write_atomic(Path(path), result.apkg)
    return AnkiBuild(Path(path), Path(lock_path), result.notes, result.diff,
                     result.lock_json is not None)
