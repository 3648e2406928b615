"""The output registry: every file quizgen makes from a deck, in one place.

Each per-deck output is one ``Output``: its name (the ``--mode`` or ``--format`` value), file
suffix, audience, the ordering it asks ``arrange`` for, a ``check(quiz)`` for what it cannot
hold and a ``render(context)`` that does no writing and gives the files it makes as
``{relative name: bytes}``. ``build``, ``html``, ``anki`` and ``export`` all read ``OUTPUTS``.

Adding a format is one module with ``render(context) -> Files`` (and, if the format has
limits, ``check(quiz) -> list[Problem]``) plus one ``Output(...)`` line below. The modules
load only when used, so reading the registry (as ``quizgen --help`` does) imports nothing.

Site-level pages, built once from every deck's results rather than from one quiz (the index
pages), are ``SitePage`` entries in ``SITE_PAGES``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quizgen.quiz import SEEDED, STABLE

if TYPE_CHECKING:
    from quizgen.errors import Problem
    from quizgen.outputs.anki.lock import Lock
    from quizgen.quiz import Quiz

STUDENT, TEACHER = "student", "teacher"
PAGE, PACKAGE, EXPORT = "page", "package", "export"

#: The files an output makes: names relative to the deck's folder in a build, and content.
Files = dict[str, bytes]
#: A file name under this prefix belongs in the deck's own folder (the Anki lock), not in
#: the build's output: it is written first, and only by commands that may update the deck.
DECK_FOLDER = "deck:"


@dataclass(frozen=True)
class Context:
    """What an output renders from: the arranged quiz and the settings of this run."""

    quiz: Quiz
    template_dir: Path | None = None
    #: The deck's anki-lock.json as read (None: none yet), for outputs that keep one.
    lock: Lock | None = None
    #: Where that lock lives, as messages name it.
    lock_name: str = "anki-lock.json"
    #: The deck folder as messages name it ("run quizgen anki DECK").
    deck_name: str = ""
    #: With frozen, an output that would change the deck's lock raises instead.
    frozen: bool = False
    #: Whole seconds standing for now, for outputs that stamp a change time (tests inject it).
    now: int | None = None
    #: Format-specific settings (an export's time limit; article=False: the worksheet
    #: without the article).
    settings: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Output:
    """One output of a deck, as the registry knows it."""

    name: str  # the --mode / --format value
    suffix: str  # ".html", ".apkg", ".json"
    label: str  # link text on the index pages
    audience: str  # STUDENT or TEACHER: which index page offers it
    ordering: str  # SEEDED or STABLE: what it asks arrange() for
    kind: str  # PAGE, PACKAGE or EXPORT
    renderer: str  # "module:function", loaded when first used
    checker: str = ""  # "module:function" giving what the format cannot hold, if anything
    #: Its file name in a build: "{id}" stands for the deck id. Default: name + suffix.
    filename: str = ""
    #: One line for the teacher on what it is for or how to import it.
    howto: str = ""

    @property
    def binary(self) -> bool:
        """Tell whether the file is binary (and so never written to a terminal)."""
        return self.suffix not in (".html", ".json", ".xml", ".txt", ".csv")

    def file_name(self, deck_id: str) -> str:
        """Give this output's file name in a build of the deck."""
        return (self.filename or self.name + self.suffix).format(id=deck_id)

    def render(self, context: Context) -> Files:
        """Give the files this output makes of the context's quiz; nothing is written."""
        render: Callable[[Context], Files] = _load(self.renderer)
        return render(context)

    def check(self, quiz: Quiz) -> list[Problem]:
        """Give what this output cannot hold of the quiz, as problems naming the item."""
        if not self.checker:
            return []
        check: Callable[[Quiz], list[Problem]] = _load(self.checker)
        return check(quiz)


@dataclass(frozen=True)
class SitePage:
    """A page built once for the whole site from every deck's results (an index page)."""

    name: str
    filename: str  # relative to the build's output folder
    audience: str
    renderer: str  # "module:function" taking (entries, template_dir) and giving Files

    def render(self, entries: Sequence[Any], template_dir: Path | None = None) -> Files:
        """Give the page's files, made from every deck's index entry."""
        render: Callable[[Sequence[Any], Path | None], Files] = _load(self.renderer)
        return render(entries, template_dir)


def _load(spec: str) -> Any:
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


_PAGES = "quizgen.outputs.pages"
#: Every per-deck output, in the order a build makes and the index pages list them.
OUTPUTS: tuple[Output, ...] = (
    Output("quiz", ".html", "Quiz", STUDENT, SEEDED, PAGE, f"{_PAGES}:render_quiz",
           howto="The interactive quiz: graded in the page, works offline."),
    Output("worksheet", ".html", "Worksheet", TEACHER, SEEDED, PAGE,
           f"{_PAGES}:render_worksheet", howto="The printable sheet of this version."),
    Output("key", ".html", "Answer key", TEACHER, SEEDED, PAGE, f"{_PAGES}:render_key",
           filename="answer-key.html", howto="The answer key of the worksheet."),
    Output("present", ".html", "Present mode", TEACHER, SEEDED, PAGE,
           f"{_PAGES}:render_present",
           howto="For a projector: one question at a time in large type, answers on demand."),
    Output("anki", ".apkg", "Anki deck", STUDENT, STABLE, PACKAGE,
           "quizgen.outputs.anki:render", filename="{id}.apkg",
           howto="Anki: File → Import; re-import a corrected deck the same way."),
    Output("json", ".json", "JSON", TEACHER, STABLE, EXPORT, "quizgen.outputs.json:render",
           filename="{id}.json", howto="The validated deck as one JSON document."),
)
#: The pages built once per site.
SITE_PAGES: tuple[SitePage, ...] = (
    SitePage("index", "index.html", STUDENT, "quizgen.outputs.site:render_index"),
)
#: The outputs `quizgen build` makes for every deck.
BUILT = ("quiz", "worksheet", "key", "anki")


def get(name: str) -> Output:
    """Give the registered output of this name; KeyError when there is none."""
    for output in OUTPUTS:
        if output.name == name:
            return output
    raise KeyError(name)


def names(kind: str | None = None) -> list[str]:
    """Give the names of the registered outputs, of one kind when given."""
    return [output.name for output in OUTPUTS if kind is None or output.kind == kind]
