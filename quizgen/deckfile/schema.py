"""The deck file's schema: turning composed YAML nodes into a Deck and its SourceMap."""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from quizgen.deckfile.files import UnreadableFileError, decode_text, read_capped
from quizgen.deckfile.sourcemap import ItemLines
from quizgen.errors import DeckError, Problem
from quizgen.model import DRAFT, Deck, Distractor, Item, Source
from quizgen.util import did_you_mean, display_path

DECK_FIELDS = {"id": True, "title": True, "language": False, "source": True, "items": True}
SOURCE_FIELDS = {"outlet": True, "headline": True, "published": True, "byline": False,
                 "article": True}
ITEM_FIELDS = {"id": True, "kind": True, "prompt": True, "answer": True, "distractors": True,
               "evidence": True, "explanation": False, "tags": False, "difficulty": False,
               "status": False, "scare_quotes": False}
DISTRACTOR_FIELDS = {"text": True, "why": True}
DIFFICULTIES = {"1": 1, "2": 2, "3": 3}
STATUSES = (DRAFT,)
#: Deck fields that the checks of the items do not depend on.
_COSMETIC = frozenset({"title", "language", "source.outlet", "source.headline",
                       "source.published", "source.byline"})


class Reader:
    """Turns composed YAML nodes into a Deck, gathering every structural problem.

    ``item_lines`` gets where each loaded item stands, in the order of ``Deck.items``.
    """

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.item_count = 0
        self.item_lines: list[ItemLines] = []

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
        return Deck(deck_id, title, source, tuple(items), article, language)

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
        """Give the article's text, checking it is a file in the deck folder and not empty."""
        name = source.article
        shown = repr(name if len(name) <= 80 else name[:80] + "…")

        def bad(message: str, code: str) -> str:
            self.problem(node, f"{shown} {message}", field="source.article", code=code)
            return ""

        if "\0" in name:
            return bad("holds a NUL character; give the article's file name", "article-bad-path")
        folder = path.parent
        target = Path(os.path.realpath(folder / name))
        if not target.is_relative_to(os.path.realpath(folder)):
            link = " (through a symbolic link)" if _is_link(folder / name) else ""
            return bad(f"lies outside the deck folder{link}; keep the article beside deck.yaml",
                       "article-outside")
        try:
            data = read_capped(folder / name, "the article", folder)
        except UnreadableFileError as err:
            detail = err.reason.removeprefix("the article ")
            if detail.startswith("is a directory"):
                detail = "is a directory"
            code = {"missing": "article-missing", "not-a-file": "article-not-a-file",
                    "link-loop": "article-not-a-file", "bad-path": "article-bad-path",
                    "outside-folder": "article-outside"}.get(err.code, "unreadable")
            hint = "; put the article text beside deck.yaml" if code != "unreadable" else ""
            return bad(f"{detail}{hint}", code)
        try:
            text = decode_text(data, "the article", display_path(target))
        except DeckError as err:
            self.problems.extend(err.problems)
            return ""
        if not text.strip():
            self.problem(node, f"{shown} is empty", field="source.article",
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
        scare_quotes = self.texts(fields.get("scare_quotes"), label, "scare_quotes")
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
                self.problem(fields["status"], f"is {status!r}; the only status is "
                             f"{DRAFT!r} (delete the line to accept a drafted item)",
                             label, "status", code="bad-status")
        distractors = self.distractors(fields.get("distractors"), label, lines)
        # A misspelt extra field is reported but does not hide the item's other problems;
        # anything else wrong with its shape leaves the item out of the content checks.
        if any(p.code != "unknown-field" for p in self.problems[before:]):
            return None
        self.item_lines.append(ItemLines(node.start_mark.line + 1, lines))
        return Item(values["id"], values["kind"], values["prompt"], values["answer"],
                    distractors, values["evidence"], explanation, tags, difficulty, status,
                    scare_quotes)

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



def _is_link(path: Path) -> bool:
    try:
        return path.is_symlink()
    except (OSError, ValueError):
        return False


def _shape(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return f"the text {str(node.value)[:40]!r}"
