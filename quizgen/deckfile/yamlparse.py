"""Composing deck.yaml with every scalar kept a string, and YAML mistakes said plainly."""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import yaml

from quizgen.errors import DeckError, Problem

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
def no_gc() -> Iterator[None]:
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


# Where an alias can stand: at the start of a node. A cheap test that skips the event scan
# below for the usual deck, which has no "*" there at all.
_MAYBE_ALIAS = re.compile(r"(?:^|[\s\[{,])\*[^\s\]},]", re.MULTILINE)


def refuse_aliases(text: str, file: str) -> None:
    """Raise DeckError on a YAML alias (*name), before anything is composed.

    An alias repeats a node without repeating its text: 3,000 aliases of one 1 MB anchor
    make a 2 MB file hold 3 GB of deck. A deck has no use for them.
    """
    if not _MAYBE_ALIAS.search(text):
        return
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                mark = event.start_mark
                where = f" (column {mark.column + 1})" if mark is not None else ""
                raise DeckError([Problem(
                    file, f"YAML alias *{event.anchor}{where}: a deck may not repeat a value "
                    "by reference; write the text out",
                    line=mark.line + 1 if mark is not None else None, code="yaml-alias")])
    except yaml.YAMLError:
        return  # compose() reports the mistake with its hint


def compose(text: str, file: str) -> yaml.Node:
    """Give the YAML node tree of a deck file's text; raise DeckError on a YAML mistake."""
    refuse_aliases(text, file)
    try:
        with no_gc():
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
    return root
