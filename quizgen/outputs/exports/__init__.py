"""The classroom-platform exports: one module each, imported only when asked for.

Each format is one entry of the output registry (``quizgen.outputs.OUTPUTS``: its name,
suffix, label and how to import it) and one module ``quizgen.outputs.exports.<name>``
defining ``check(quiz, settings)`` (a warning per item the platform cannot hold) and
``render(quiz, settings)`` (the file's bytes, for a quiz whose left-out items are already
removed). ``render`` and ``check`` below serve every format to the registry.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from quizgen.outputs import EXPORT, OUTPUTS, Context, Files, get

if TYPE_CHECKING:
    from quizgen.errors import Problem
    from quizgen.outputs.exports._common import ExportSettings
    from quizgen.quiz import Quiz

#: The registry's renderer for every platform export.
RENDERER = "quizgen.outputs.exports:render"
#: Every platform export, by name, in the registry's order (the teacher page's).
FORMATS: dict[str, str] = {
    output.name: f"quizgen.outputs.exports.{output.name}"
    for output in OUTPUTS if output.kind == EXPORT and output.renderer == RENDERER
}


class ExportFormat(Protocol):
    """What an export module gives (a module, so its names are read-only here)."""

    def check(self, quiz: Quiz, settings: ExportSettings) -> list[Problem]: ...

    def render(self, quiz: Quiz, settings: ExportSettings) -> bytes: ...


def export_format(name: str) -> ExportFormat:
    """Give the module of an export format by its name."""
    if name not in FORMATS:
        raise ValueError(f"unknown export format {name!r}; use one of {', '.join(FORMATS)}")
    module: ExportFormat = importlib.import_module(FORMATS[name])
    return module


def settings_of(context: Context) -> ExportSettings:
    """Give the export settings a context carries (``settings["time_limit"]``)."""
    from quizgen.outputs.exports._common import DEFAULT_TIME_LIMIT, ExportSettings

    return ExportSettings(int(context.settings.get("time_limit", DEFAULT_TIME_LIMIT)),
                          context.template_dir)


def check(context: Context) -> list[Problem]:
    """Give a warning for each item of the context's quiz its platform cannot hold."""
    return export_format(context.output).check(context.quiz, settings_of(context))


def render(context: Context) -> Files:
    """Give the context's export, the items its platform cannot hold left out.

    When no item fits at all there is no file (check says why for each item).
    """
    data, _ = _export(context.quiz, context.output, settings_of(context))
    if data is None:
        return {}
    return {get(context.output).file_name(context.quiz.deck.id): data}


def _export(quiz: Quiz, fmt: str,
            settings: ExportSettings) -> tuple[bytes | None, list[Problem]]:
    """Give the export's bytes (None when no item fits) and a warning per item left out."""
    from quizgen.deckfile.yamlparse import no_gc
    from quizgen.outputs.exports._common import without

    module = export_format(fmt)
    problems = module.check(quiz, settings)
    kept = without(quiz, [p.item for p in problems if p.item is not None])
    if not kept.questions:
        return None, problems
    with no_gc():  # many small acyclic objects: the collector would run quadratically often
        return module.render(kept, settings), problems


def export_quiz(quiz: Quiz, fmt: str,
                settings: ExportSettings | None = None) -> tuple[bytes, list[Problem]]:
    """Give a quiz's export in one format and a warning for each item left out of it.

    Raises ExportError when the settings do not suit the platform or no item is left.
    """
    from quizgen.errors import ExportError
    from quizgen.outputs.exports._common import ExportSettings

    data, problems = _export(quiz, fmt, settings or ExportSettings())
    if data is None:
        raise ExportError(f"{quiz.deck.id}: no item fits the {get(fmt).label} export; "
                          f"{len(problems)} left out (the first: {problems[0]})")
    return data, problems


def export_to(deck_path: Path | str, fmt: str, seed: int | None = None,
              count: int | None = None, kinds: Iterable[str] = (), tags: Iterable[str] = (),
              settings: ExportSettings | None = None) -> tuple[bytes, list[Problem]]:
    """Give a deck's export in one format: the file's bytes and the warnings to print.

    The deck is validated first (DeckError on errors); the warnings are the deck's own,
    then one per item the platform cannot hold (code "left-out": the item is not in the
    file). A caller's --strict turns the left-out ones into exit 1.
    """
    from quizgen.quiz import DEFAULT_SEED, arrange
    from quizgen.validation import load_checked

    deck, warnings = load_checked(deck_path)
    quiz = arrange(deck, DEFAULT_SEED if seed is None else seed, count, kinds, tags)
    data, problems = export_quiz(quiz, fmt, settings)
    return data, [*warnings, *problems]
