"""Reading deck.yaml and its article into a Deck, with every scalar kept a string."""

from __future__ import annotations

import difflib
import gc
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from quizgen.errors import DeckError, Problem
from quizgen.model import Deck, Distractor, Item, Source

_BASE: Any = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
_TAGS = {yaml.ScalarNode: "tag:yaml.org,2002:str", yaml.SequenceNode: "tag:yaml.org,2002:seq",
         yaml.MappingNode: "tag:yaml.org,2002:map"}


class _Loader(_BASE):  # type: ignore[misc]
    """libyaml's composer when PyYAML has it (about 4x faster), the pure-Python one otherwise.

    Every scalar is text to quizgen, so tag resolution is a lookup: PyYAML's own resolver
    costs more than the parsing itself on a large deck.
    """

    def resolve(self, kind: type, value: object, implicit: object) -> str:
        return _TAGS[kind]

#: Files larger than this are refused before they are read: no real deck comes near it.
MAX_BYTES = 32 * 1024 * 1024

DECK_FIELDS = {"id": True, "title": True, "language": False, "source": True, "items": True}
SOURCE_FIELDS = {"outlet": True, "headline": True, "published": True, "byline": False,
                 "article": True}
ITEM_FIELDS = {"id": True, "kind": True, "prompt": True, "answer": True, "distractors": True,
               "evidence": True, "explanation": False, "tags": False, "difficulty": False,
               "status": False}
#: The values an item's optional `status` may take: "draft" marks an item not yet reviewed.
STATUSES = ("draft",)
DISTRACTOR_FIELDS = {"text": True, "why": True}
DIFFICULTIES = {"1": 1, "2": 2, "3": 3}
#: Deck fields that the checks of the items do not depend on.
_COSMETIC = frozenset({"title", "language", "source.outlet", "source.headline",
                       "source.published", "source.byline"})


def display_path(path: Path) -> str:
    """Give a path as a user would type it: relative to here when it lies below here."""
    try:
        return os.path.relpath(path) if path.resolve().is_relative_to(Path.cwd()) else str(path)
    except (OSError, ValueError):
        return str(path)


def read_text(path: Path, what: str, file: str) -> str:
    """Give a file's UTF-8 text, or raise DeckError saying why it cannot be read."""
    def fail(message: str) -> DeckError:
        return DeckError([Problem(file, message, code="unreadable")])

    try:
        if path.is_dir():
            raise fail(f"{what} is a directory, not a file")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise fail(f"{what} is {size / 2**20:.0f} MB; quizgen reads files of at most "
                       f"{MAX_BYTES // 2**20} MB")
        data = path.read_bytes()
    except FileNotFoundError:
        raise fail(f"{what} does not exist") from None
    except OSError as err:
        raise fail(f"{what} cannot be read: {err.strerror or err}") from err
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise DeckError([Problem(
            file, f"{what} is not UTF-8 text (byte 0x{data[err.start]:02x} at offset "
            f"{err.start}); save it as UTF-8", line=line, code="encoding",
        )]) from err


class _Reader:
    """Turns composed YAML nodes into a Deck, gathering every structural problem."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.item_count = 0

    def problem(self, node: yaml.Node | None, message: str, item: str | None = None,
                field: str | None = None, code: str = "structure") -> None:
        line = node.start_mark.line + 1 if node is not None else None
        self.problems.append(Problem(self.file, message, item, field, line, code=code))

    def mapping(self, node: yaml.Node, fields: dict[str, bool], what: str,
                item: str | None = None, prefix: str = "",
                lines: dict[str, int] | None = None) -> dict[str, yaml.Node] | None:
        """Give a mapping's values by key, after checking its keys against fields.

        lines, when given, gets the line of each known key (with prefix), for messages.
        """
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"{what} must be a mapping of field: value, "
                               f"not {_shape(node)}", item, prefix.rstrip(".") or None)
            return None
        values: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key is None:
                self.problem(key_node, f"{what} has a key that is not plain text", item)
            elif key in values:
                self.problem(key_node, "appears twice; keep one", item, prefix + key,
                             code="duplicate-field")
            elif key not in fields:
                self.problem(key_node, f"unknown field in {what}{did_you_mean(key, fields)} "
                                       f"(known: {', '.join(fields)})", item, prefix + key,
                             code="unknown-field")
            else:
                values[key] = value_node
                if lines is not None:
                    lines[prefix + key] = key_node.start_mark.line + 1
        for name, required in fields.items():
            if required and name not in values:
                self.problem(node, f"missing; {what} needs it", item, prefix + name,
                             code="missing-field")
        return values

    def text(self, node: yaml.Node | None, item: str | None, field: str,
             required: bool = True) -> str:
        """Give a scalar's text, stripped; record a problem when it is not a non-empty one."""
        if node is None:
            return ""
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, f"must be text, not {_shape(node)}", item, field)
            return ""
        value = str(node.value).strip()
        if required and not value:
            self.problem(node, "is empty", item, field, code="empty-field")
        return value

    def texts(self, node: yaml.Node | None, item: str | None, field: str) -> tuple[str, ...]:
        """Give a sequence of scalars' texts."""
        if node is None:
            return ()
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, f"must be a list, not {_shape(node)}", item, field)
            return ()
        return tuple(self.text(child, item, f"{field}[{i}]") for i, child in enumerate(node.value))

    def deck(self, root: yaml.Node, path: Path) -> Deck | None:
        """Give the deck with every item that loaded, or None when the deck itself is bad.

        A problem in one item leaves that item out, so the other items can still be checked
        and every problem reported at once; a problem outside the items leaves no deck.
        """
        fields = self.mapping(root, DECK_FIELDS, "the deck")
        if fields is None:
            return None
        deck_id = self.text(fields.get("id"), None, "id")
        title = self.text(fields.get("title"), None, "title")
        language = self.text(fields.get("language"), None, "language") or "en"
        source, article_node = self.source(fields.get("source"))
        items_node = fields.get("items")
        items: list[Item] = []
        if isinstance(items_node, yaml.SequenceNode):
            if not items_node.value:
                self.problem(items_node, "is empty; a deck needs at least one item",
                             field="items", code="empty-field")
            self.item_count = len(items_node.value)
            for index, node in enumerate(items_node.value):
                item = self.item(node, index)
                if item is not None:
                    items.append(item)
        elif items_node is not None:
            self.problem(items_node, f"must be a list of items, not {_shape(items_node)}",
                         field="items")
        if self.deck_level_problem() or source is None:
            return None
        article = self.article(source, path, article_node)
        if self.deck_level_problem():
            return None
        return Deck(deck_id, title, source, tuple(items), article, path, language)

    def deck_level_problem(self) -> bool:
        """Tell whether the deck itself is unusable for checking its items.

        A problem outside the items names no item. An unknown field, or a bad title, language
        or source detail other than the article, is reported but leaves the items checkable.
        """
        return any(p.item is None and p.code != "unknown-field" and p.field not in _COSMETIC
                   for p in self.problems)

    def source(self, node: yaml.Node | None) -> tuple[Source | None, yaml.Node | None]:
        """Give the source, and the node of its article field for messages."""
        if node is None:
            return None, None
        fields = self.mapping(node, SOURCE_FIELDS, "source", prefix="source.")
        if fields is None:
            return None, None
        values = {name: self.text(fields.get(name), None, f"source.{name}", required)
                  for name, required in SOURCE_FIELDS.items()}
        return Source(**values), fields.get("article", node)

    def article(self, source: Source, path: Path, node: yaml.Node | None) -> str:
        """Give the article's text, checking it lies in the deck folder and is not empty."""
        folder = path.parent.resolve()
        target = (folder / source.article).resolve()
        if not target.is_relative_to(folder):
            link = " (through a symbolic link)" if (folder / source.article).is_symlink() else ""
            self.problem(node, f"{source.article!r} lies outside the deck folder{link}; keep "
                               "the article beside deck.yaml", field="source.article",
                         code="article-outside")
            return ""
        if not target.is_file():
            what = "is a directory" if target.is_dir() else "does not exist"
            self.problem(node, f"{source.article!r} {what}; put the article text beside "
                               "deck.yaml", field="source.article", code="article-missing")
            return ""
        try:
            text = read_text(target, "the article", display_path(target))
        except DeckError as err:
            self.problems.extend(err.problems)
            return ""
        if not text.strip():
            self.problem(node, f"{source.article!r} is empty", field="source.article",
                         code="article-empty")
        return text

    def item(self, node: yaml.Node, index: int) -> Item | None:
        label = f"items[{index}]"
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if getattr(key_node, "value", None) == "id" and isinstance(
                    value_node, yaml.ScalarNode
                ) and str(value_node.value).strip():
                    label = str(value_node.value).strip()
                    break
        before = len(self.problems)
        lines: dict[str, int] = {}
        fields = self.mapping(node, ITEM_FIELDS, "an item", label, lines=lines)
        if fields is None:
            return None
        values = {name: self.text(fields.get(name), label, name)
                  for name in ("id", "kind", "prompt", "answer", "evidence")}
        explanation = self.text(fields.get("explanation"), label, "explanation", False)
        tags = self.texts(fields.get("tags"), label, "tags")
        difficulty = 2
        if "difficulty" in fields:
            raw = self.text(fields["difficulty"], label, "difficulty")
            if raw and raw not in DIFFICULTIES:
                self.problem(fields["difficulty"], f"is {raw!r}; use 1 (easy), 2 or 3 (hard)",
                             label, "difficulty", code="bad-difficulty")
            difficulty = DIFFICULTIES.get(raw, 2)
        status = ""
        if "status" in fields:
            status = self.text(fields["status"], label, "status")
            if status and status not in STATUSES:
                self.problem(fields["status"], f"is {status!r}; the only status is 'draft' "
                             "(delete the line once the item is reviewed)", label, "status",
                             code="bad-status")
        distractors = self.distractors(fields.get("distractors"), label, lines)
        # A misspelt extra field is reported but does not hide the item's other problems;
        # anything else wrong with its shape leaves the item out of the content checks.
        if any(p.code != "unknown-field" for p in self.problems[before:]):
            return None
        line = node.start_mark.line + 1
        return Item(values["id"], values["kind"], values["prompt"], values["answer"],
                    distractors, values["evidence"], explanation, tags, difficulty, line,
                    lines, status)

    def distractors(self, node: yaml.Node | None, label: str,
                    lines: dict[str, int]) -> tuple[Distractor, ...]:
        if node is None:
            return ()
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, f"must be a list of {{text, why}}, not {_shape(node)}",
                         label, "distractors")
            return ()
        result = []
        for i, child in enumerate(node.value):
            prefix = f"distractors[{i}]."
            fields = self.mapping(child, DISTRACTOR_FIELDS, "a distractor", label, prefix,
                                  lines)
            if fields is not None:
                result.append(Distractor(self.text(fields.get("text"), label, prefix + "text"),
                                         self.text(fields.get("why"), label, prefix + "why")))
        return tuple(result)


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """Give "; did you mean 'x'?" for the closest known word, or "" when none is close."""
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.7)
    return f"; did you mean {close[0]!r}?" if close else ""


def _shape(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return f"the text {str(node.value)[:40]!r}"


# What libyaml's complaints usually mean in a deck file, said the way a teacher can act on.
_YAML_HINTS = (
    ("mapping values are not allowed", "a value holding ': ' must be in quotes, or this line "
                                       "is indented further than the field above it"),
    ("did not find expected '-' indicator", "this line is indented less than the list entry "
                                            "it belongs to"),
    ("did not find expected key", "a line is indented differently from the field above it, "
                                  "or text goes on after a closing quote: quote the whole "
                                  "value"),
    ("could not find expected ':'", "a field name needs ':' after it, and a long value "
                                    "must be indented under its field"),
    ("found unexpected end of stream", "a quote is opened and never closed"),
)


def _yaml_hint(reason: str, text: str, line: int | None) -> str:
    lines = text.splitlines()
    if line is not None and line < len(lines):
        indent = lines[line][: len(lines[line]) - len(lines[line].lstrip())]
        if "\t" in indent:
            return "; indent with spaces, not tabs"
    for phrase, hint in _YAML_HINTS:
        if phrase in reason:
            return f"; {hint}"
    return ""


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small acyclic objects.

    Each collection walks every live object, so on a 10,000-item deck the collector ran
    quadratically often in effect and took four fifths of the load time.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass(frozen=True)
class Reading:
    """What reading a deck.yaml gave: the deck (None if unusable), its problems, its size."""

    deck: Deck | None
    problems: list[Problem]
    item_count: int  # the entries under items:, loaded or not


def load_deck(path: Path | str) -> Deck:
    """Give the Deck in a deck.yaml, or raise DeckError listing every structural problem."""
    reading = read_deck(path)
    if reading.problems or reading.deck is None:
        raise DeckError(reading.problems)
    return reading.deck


def read_deck(path: Path | str) -> Reading:
    """Give what a deck.yaml holds: the deck with every item that loaded, and the problems.

    An unreadable file, or one that is not YAML, raises DeckError.
    """
    path = Path(path)
    try:
        if path.is_dir() and path.name != "deck.yaml":
            path = path / "deck.yaml"
    except OSError as err:
        raise DeckError([Problem(str(path), f"cannot be read: {err.strerror or err}",
                                 code="unreadable")]) from err
    file = display_path(path)
    text = read_text(path, "the deck file", file)
    try:
        with _no_gc():
            root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        where = f", column {mark.column + 1}" if mark is not None else ""
        reason = err.problem or err.context or "malformed YAML"
        if err.context and reason.startswith("but "):  # "expected one thing, but found..."
            reason = f"{err.context}, {reason}"
        hint = _yaml_hint(reason, text, mark.line if mark else None)
        raise DeckError([Problem(
            file, f"YAML syntax: {reason}{where}{hint}", line=mark.line + 1 if mark else None,
            code="yaml",
        )]) from err
    except yaml.YAMLError as err:
        first = str(err).strip().splitlines()[0] if str(err).strip() else "malformed YAML"
        raise DeckError([Problem(file, f"YAML syntax: {first}", code="yaml")]) from err
    if root is None:
        raise DeckError([Problem(file, "is empty; a deck needs id, title, source and items",
                                 code="empty-file")])
    reader = _Reader(file)
    with _no_gc():
        deck = reader.deck(root, path)
    return Reading(deck, reader.problems, reader.item_count)
