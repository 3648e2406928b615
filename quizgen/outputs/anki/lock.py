"""anki-lock.json: when each item's notes last changed, so that Anki updates them in place.

Anki's importer updates a note only when the incoming note's modification time is newer than
the one in the student's collection. The lock keeps, per item, a hash of the item as rendered
into note fields and the time it last changed; the note types' templates and CSS get the same.
A rebuild with nothing changed therefore gives the same times, and the same .apkg.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from quizgen.errors import LockError

LOCK_FILE = "anki-lock.json"
_SHOWN = 10  # item ids named in a summary; the rest are counted
_COMMENT = ("Written by 'quizgen anki'; commit it. 'mod' is when an item's Anki notes last "
            "changed: Anki updates a note on re-import only when this time is newer. 'order' "
            "is a multiple-choice card's option order (0 the answer, then the distractors as "
            "deck.yaml lists them), kept so its letters never move.")


def content_hash(content: object) -> str:
    """Give the sha256 of a canonical JSON of content (sorted keys, no spaces, UTF-8)."""
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Entry:
    """A hash of some content, the time (whole seconds) it last changed, and its note type.

    For an item with lettered options, ``order`` is its card's option order: the index of
    the option at A, B, ... (0 is the answer, then the distractors in deck.yaml's order).
    """

    hash: str
    mod: int
    note_type: str = ""  # for an item: the name of its note's type; Anki cannot change it
    order: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, object]:
        """Give the entry as a JSON-ready mapping."""
        data: dict[str, object] = {"hash": self.hash, "mod": self.mod}
        if self.note_type:
            data["note_type"] = self.note_type
        if self.order:
            data["order"] = list(self.order)
        return data


@dataclass(frozen=True)
class Lock:
    """The entries of anki-lock.json: one per item id, and one for the note types."""

    items: dict[str, Entry] = field(default_factory=dict)
    note_types: Entry | None = None
    #: Items removed from the deck, by id, as they last were: students may still have them.
    retired: dict[str, Entry] = field(default_factory=dict)

    def to_json(self) -> str:
        """Give the lock as sorted, indented JSON with a trailing newline."""
        data: dict[str, object] = {
            "_comment": _COMMENT,
            "items": {key: entry.to_dict() for key, entry in self.items.items()},
        }
        if self.note_types is not None:
            data["note_types"] = self.note_types.to_dict()
        if self.retired:
            data["retired"] = {key: entry.to_dict() for key, entry in self.retired.items()}
        return json.dumps(data, sort_keys=True, ensure_ascii=False, indent=2) + "\n"

    def orders(self) -> dict[str, tuple[int, ...]]:
        """Give every option order the lock keeps, by item id (a retired item's too)."""
        return {key: entry.order for key, entry in (self.retired | self.items).items()
                if entry.order}

    def latest(self) -> int:
        """Give the newest mod time in the lock, or 0 when it is empty."""
        mods = [entry.mod for entry in self.items.values()]
        if self.note_types is not None:
            mods.append(self.note_types.mod)
        return max(mods, default=0)


@dataclass(frozen=True)
class LockDiff:
    """How a deck differs from its lock: which items changed, are new or were removed."""

    changed: tuple[str, ...] = ()
    new: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    note_types_changed: bool = False
    missing: bool = False  # there was no lock at all
    #: Changed items whose note would change type: Anki leaves such a note as it was.
    retyped: tuple[str, ...] = ()

    @property
    def stale(self) -> bool:
        """Tell whether the lock needs rewriting for this deck."""
        return bool(self.missing or self.changed or self.new or self.removed
                    or self.note_types_changed)

    def summary(self) -> str:
        """Give what differs in words, e.g. "2 changed items (a, b), 1 new item (c)"."""
        if self.missing:
            return f"written for {len(self.new)} {'item' if len(self.new) == 1 else 'items'}"
        parts = []
        for label, ids in (("changed", self.changed), ("new", self.new),
                           ("removed", self.removed)):
            if ids:
                noun = "item" if len(ids) == 1 else "items"
                shown = ", ".join(ids[:_SHOWN])
                more = f" and {len(ids) - _SHOWN} more" if len(ids) > _SHOWN else ""
                parts.append(f"{len(ids)} {label} {noun} ({shown}{more})")
        if self.note_types_changed:
            parts.append("note type templates or CSS changed")
        return ", ".join(parts) if parts else "up to date"


#: Anki keeps times as 32-bit seconds in places; a lock time outside this range is corrupt.
MAX_MOD = 2**31 - 1


def _order(value: object) -> bool:
    """Tell whether value is an option order: each index of 2 to 5 options once."""
    return (isinstance(value, list) and all(type(n) is int for n in value)
            and 2 <= len(value) <= 5 and sorted(value) == list(range(len(value))))


def _entry(value: object, where: str) -> Entry:
    if (not isinstance(value, dict) or not isinstance(value.get("hash"), str)
            or type(value.get("mod")) is not int or not 0 <= value["mod"] <= MAX_MOD
            or not isinstance(value.get("note_type", ""), str)):
        raise LockError(f"{where} must be {{\"hash\": text, \"mod\": whole seconds since "
                        "1970}; restore the lock from version control")
    order = value.get("order", [])
    if order != [] and not _order(order):
        raise LockError(f"{where}: \"order\" must list each option's index once (0 to the "
                        "number of options less one); restore the lock from version control")
    return Entry(value["hash"], value["mod"], value.get("note_type", ""), tuple(order))


def read_lock(path: Path) -> Lock | None:
    """Give the lock stored at path, None when there is no such file; raise LockError if bad.

    The lock must be a regular file in its deck's folder (a link out of it is refused: a
    build would rewrite another deck's lock through it), of at most 32 MB.
    """
    from quizgen.deckfile.files import UnreadableFileError, read_capped

    path = Path(path)
    try:
        raw = read_capped(path, "the lock", path.parent)
    except UnreadableFileError as err:
        if err.code == "missing" and not path.is_symlink():
            return None
        fix = ("; make it a file of this deck's own" if err.code == "outside-folder"
               else "; delete it and run quizgen anki to write a new one")
        raise LockError(f"{path}: {err.reason}{fix}") from None
    try:
        text = raw.decode("utf-8-sig")  # an editor may have added a BOM
    except UnicodeDecodeError as err:
        raise LockError(f"{path}: is not UTF-8 text (byte 0x{raw[err.start]:02x} at offset "
                        f"{err.start}); restore it from version control") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise LockError(f"{path}: not valid JSON (line {err.lineno}, column {err.colno}); "
                        "restore it from version control") from None
    except (ValueError, RecursionError) as err:  # a 5,000-digit number, 100,000 brackets
        what = "nested too deeply" if isinstance(err, RecursionError) else str(err)
        raise LockError(f"{path}: not a lock quizgen wrote ({what}); restore it from "
                        "version control") from None
    if _has_surrogate(data):
        raise LockError(f"{path}: holds a lone surrogate escape (\\ud800 and the like), "
                        "which is not text; restore it from version control")
    if not isinstance(data, dict) or not isinstance(data.get("items"), dict):
        raise LockError(f"{path}: has no \"items\" mapping; restore it from version control")
    items = {str(key): _entry(value, f"{path}: item {key!r}")
             for key, value in data["items"].items()}
    note_types = data.get("note_types")
    retired = data.get("retired", {})
    if not isinstance(retired, dict):
        raise LockError(f"{path}: \"retired\" must be a mapping of item ids; restore the lock "
                        "from version control")
    return Lock(items, None if note_types is None
                else _entry(note_types, f"{path}: \"note_types\""),
                {str(key): _entry(value, f"{path}: retired item {key!r}")
                 for key, value in retired.items()})


def _has_surrogate(data: object) -> bool:
    """Tell whether parsed JSON holds a string that cannot be UTF-8 (a lone surrogate)."""
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            if any("\ud800" <= ch <= "\udfff" for ch in value):
                return True
        elif isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return False


def compare(lock: Lock | None, hashes: dict[str, str], note_types_hash: str,
            note_type_of: dict[str, str] | None = None) -> LockDiff:
    """Give how the items' hashes (in deck order) and the note types' hash differ from lock.

    note_type_of names each item's note type, to find the items whose type would change.
    """
    if lock is None:
        return LockDiff(new=tuple(hashes), note_types_changed=True, missing=True)
    changed = tuple(key for key, digest in hashes.items()
                    if key in lock.items and lock.items[key].hash != digest)
    types = note_type_of or {}
    # An item keeps its note type while in the deck, and after it leaves (a removed item
    # stays in students' collections): an id that comes back must come back as the same type.
    before = {key: entry.note_type for key, entry in (lock.retired | lock.items).items()}
    retyped = tuple(key for key in hashes
                    if before.get(key, "") not in ("", types.get(key, "")))
    new = tuple(key for key in hashes if key not in lock.items)
    removed = tuple(sorted(key for key in lock.items if key not in hashes))
    note_types_changed = lock.note_types is None or lock.note_types.hash != note_types_hash
    return LockDiff(changed, new, removed, note_types_changed, retyped=retyped)


def _bump(old: Entry | None, digest: str, now: int, note_type: str = "",
          order: tuple[int, ...] = ()) -> Entry:
    if old is None:
        return Entry(digest, now, note_type, order)
    if old.hash == digest:
        return Entry(digest, old.mod, note_type, order)
    # Strictly newer than before, even if the clock went back or two builds share a second:
    # Anki skips an incoming note whose time is not newer than the one it has.
    mod = max(now, old.mod + 1)
    if mod > MAX_MOD:
        raise LockError(f"a lock time would pass {MAX_MOD} (the year 2038); restore the lock "
                        "from version control")
    return Entry(digest, mod, note_type, order)


def update(lock: Lock | None, hashes: dict[str, str], note_types_hash: str, now: int,
           note_type_of: dict[str, str] | None = None,
           orders: Mapping[str, Sequence[int]] | None = None) -> Lock:
    """Give the lock for these hashes: changed entries get max(now, old + 1), others keep theirs.

    Items missing from hashes move to "retired"; new ones get now. note_type_of names each
    item's note type, and orders each lettered item's option order, which the lock keeps.
    """
    old = lock or Lock()
    types = note_type_of or {}
    kept = orders or {}
    # An item that comes back after removal continues from its retired entry: its time must
    # still beat the note students kept.
    items = {key: _bump(old.items.get(key) or old.retired.get(key), digest, now,
                        types.get(key, ""), tuple(kept.get(key, ())))
             for key, digest in sorted(hashes.items())}
    retired = {key: entry for key, entry in (old.retired | old.items).items() if key not in items}
    return Lock(items, _bump(old.note_types, note_types_hash, now), dict(sorted(retired.items())))
