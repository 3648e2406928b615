"""The classroom-platform exports: one module each, imported only when asked for.

Each module ``quizgen.outputs.exports.<name>`` defines NAME, SUFFIX, BINARY, LABEL, HOWTO
(one line for the teacher page: where to import it), ``check(quiz, settings)`` (a warning
per item the platform cannot hold) and ``render(quiz, settings)`` (the file's bytes, for a
quiz whose left-out items are already removed).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from quizgen.arrange import Quiz
    from quizgen.errors import Problem
    from quizgen.outputs.exports._common import ExportSettings

#: Every export format, by name, in the order the teacher page lists them.
FORMATS: dict[str, str] = {
    name: f"quizgen.outputs.exports.{name}"
    for name in ("moodle", "gift", "aiken", "qti", "kahoot", "quizizz", "blooket", "gimkit",
                 "quizlet", "h5p")
}


class ExportFormat(Protocol):
    """What an export module gives (a module, so its names are read-only here)."""

    @property
    def NAME(self) -> str: ...
    @property
    def SUFFIX(self) -> str: ...
    @property
    def BINARY(self) -> bool: ...
    @property
    def LABEL(self) -> str: ...
    @property
    def HOWTO(self) -> str: ...

    def check(self, quiz: Quiz, settings: ExportSettings) -> list[Problem]: ...

    def render(self, quiz: Quiz, settings: ExportSettings) -> bytes: ...


def export_format(name: str) -> ExportFormat:
    """Give the module of an export format by its name."""
    if name not in FORMATS:
        raise ValueError(f"unknown export format {name!r}; use one of {', '.join(FORMATS)}")
    module: ExportFormat = importlib.import_module(FORMATS[name])
    return module


def export_quiz(quiz: Quiz, fmt: str,
                settings: ExportSettings | None = None) -> tuple[bytes, list[Problem]]:
    """Give a quiz's export in one format and a warning for each item left out of it.

    Raises ExportError when the settings do not suit the platform or no item is left.
    """
    from quizgen.errors import ExportError
    from quizgen.loader import _no_gc
    from quizgen.outputs.exports._common import ExportSettings, without

    settings = settings or ExportSettings()
    module = export_format(fmt)
    problems = module.check(quiz, settings)
    kept = without(quiz, [p.item for p in problems if p.item is not None])
    if not kept.questions:
        raise ExportError(f"{quiz.deck.id}: no item fits the {module.LABEL} export; "
                          f"{len(problems)} left out (the first: {problems[0]})")
    with _no_gc():  # many small acyclic objects: the collector would run quadratically often
        return module.render(kept, settings), problems


def export_to(deck_path: Path | str, fmt: str, seed: int | None = None,
              count: int | None = None, kinds: Iterable[str] = (), tags: Iterable[str] = (),
              settings: ExportSettings | None = None) -> tuple[bytes, list[Problem]]:
    """Give a deck's export in one format: the file's bytes and the warnings to print.

    The deck is validated first (DeckError on errors); the warnings are the deck's own,
    then one per item the platform cannot hold (code "left-out": the item is not in the
    file). A caller's --strict turns the left-out ones into exit 1.
    """
    from quizgen.arrange import DEFAULT_SEED, arrange
    from quizgen.validate import load_checked

    deck, warnings = load_checked(deck_path)
    quiz = arrange(deck, DEFAULT_SEED if seed is None else seed, count, kinds, tags)
    data, problems = export_quiz(quiz, fmt, settings)
    return data, [*warnings, *problems]
