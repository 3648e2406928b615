"""The output registry: every file quizgen makes from a deck, in one place.

Each per-deck output is one ``Output``: its name (the ``--mode`` or ``--format`` value), file
suffix, audience, the ordering it asks ``arrange`` for, a ``check(quiz)`` for what it cannot
hold and a ``render(context)`` that does no writing and gives the files it makes as
``{relative name: bytes}``. ``build``, ``html``, ``anki`` and ``export`` all read ``OUTPUTS``.

Adding a format is one module with ``render(context) -> Files`` (and, if the format has
limits, ``check(quiz) -> list[Problem]``) plus one ``Output(...)`` line below. The modules
load only when used, so reading the registry (as ``quizgen --help`` does) imports nothing.

``quizgen build`` makes every output here for every deck: those for students beside the
quiz (linked from the students' index page), those for the teacher under ``teacher/`` (linked,
each with its ``howto`` line, from the teacher's index page, which needs no change for a new
output). A ``versioned`` output (the worksheet, the key) is made once per printed version.

Site-level pages, built once from every deck's results rather than from one quiz (the index
pages), are ``SitePage`` entries in ``SITE_PAGES``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quizgen.quiz import SEEDED, STABLE

if TYPE_CHECKING:
    from quizgen.errors import Problem
    from quizgen.outputs.anki.lock import Lock
    from quizgen.quiz import Quiz

STUDENT, TEACHER = "student", "teacher"
PAGE, PACKAGE, EXPORT, ANALYSIS = "page", "package", "export", "analysis"

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
    #: The name of the output being rendered (Output.render fills it in), so one render
    #: function can serve several outputs of one family.
    output: str = ""
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
    kind: str  # PAGE, PACKAGE, EXPORT, or ANALYSIS (made from the article, not the items)
    renderer: str  # "module:function", loaded when first used
    checker: str = ""  # "module:function" giving what the output cannot hold, if anything
    #: Its file name in a build: "{id}" stands for the deck id. Default: name + suffix.
    filename: str = ""
    #: One line for the teacher on what it is for or how to import it.
    howto: str = ""
    #: Made once per printed version by a build (the worksheet and its key).
    versioned: bool = False

    @property
    def binary(self) -> bool:
        """Tell whether the file is binary (and so never written to a terminal)."""
        return self.suffix not in (".html", ".json", ".xml", ".txt", ".csv")

    def file_name(self, deck_id: str, version: str = "") -> str:
        """Give this output's file name in a build of the deck (of one printed version)."""
        name = (self.filename or self.name + self.suffix).format(id=deck_id)
        if not version:
            return name
        stem, dot, suffix = name.rpartition(".")
        return f"{stem}-v{version}{dot}{suffix}" if dot else f"{name}-v{version}"

    def render(self, context: Context) -> Files:
        """Give the files this output makes of the context's quiz; nothing is written.

        An output that cannot hold some items (see check) leaves them out of its files.
        """
        render: Callable[[Context], Files] = _load(self.renderer)
        return render(replace(context, output=self.name))

    def check(self, context: Context) -> list[Problem]:
        """Give what this output cannot hold of the context's quiz: a problem per item."""
        if not self.checker:
            return []
        check: Callable[[Context], list[Problem]] = _load(self.checker)
        return check(replace(context, output=self.name))


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


_PAGES = "quizgen.outputs.pages:render"


def _export(name: str, suffix: str, label: str, howto: str) -> Output:
    """Give a classroom platform's export: for the teacher, in the seed's order."""
    return Output(name, suffix, label, TEACHER, SEEDED, EXPORT,
                  "quizgen.outputs.exports:render", "quizgen.outputs.exports:check",
                  filename="{id}-" + name + suffix, howto=howto)


#: Every per-deck output, in the order a build makes and the index pages list them.
OUTPUTS: tuple[Output, ...] = (
    Output("quiz", ".html", "Quiz", STUDENT, SEEDED, PAGE, _PAGES,
           howto="The interactive quiz: graded in the page, works offline."),
    Output("article", ".html", "Article", STUDENT, STABLE, PAGE, "quizgen.outputs.article:render",
           howto="The article the questions are about, its paragraphs numbered."),
    Output("worksheet", ".html", "Worksheet", TEACHER, SEEDED, PAGE, _PAGES,
           howto="The printable sheet of this version.", versioned=True),
    Output("key", ".html", "Answer key", TEACHER, SEEDED, PAGE, _PAGES,
           filename="answer-key.html", howto="The answer key of the worksheet of the same "
           "version and code.", versioned=True),
    Output("present", ".html", "Present mode", TEACHER, SEEDED, PAGE, _PAGES,
           howto="For a projector: one question at a time in large type, answers on demand.",
           versioned=True),
    Output("anki", ".apkg", "Anki deck", STUDENT, STABLE, PACKAGE,
           "quizgen.outputs.anki:render", filename="{id}.apkg",
           howto="Anki: File → Import; re-import a corrected deck the same way."),
    Output("sources", ".html", "Sourcing map", TEACHER, STABLE, ANALYSIS,
           "quizgen.sources.map:render_output", filename="sourcing-map.html",
           howto="The article with every attribution marked by source, a table of sources "
                 "and a summary to read aloud (it gives away who-said and source-type "
                 "answers)."),
    Output("json", ".json", "JSON", TEACHER, STABLE, EXPORT, "quizgen.outputs.json:render",
           filename="{id}.json", howto="The validated deck as one JSON document."),
    # The classroom platforms: one module each under quizgen/outputs/exports/.
    _export("moodle", ".xml", "Moodle XML",
            "Moodle: Question bank → Import → Moodle XML format → choose the file → Import"),
    _export("gift", ".txt", "Moodle GIFT",
            "Moodle: Question bank → Import → GIFT format → choose the file → Import (to "
            "keep this option order, set the quiz's Shuffle within questions to No)"),
    _export("aiken", ".txt", "Aiken",
            "Moodle: Question bank → Import → Aiken format → choose the file → Import (no "
            "feedback; to keep this option order, set the quiz's Shuffle within questions "
            "to No)"),
    _export("qti", ".zip", "QTI 1.2 package",
            "Canvas: Settings → Import Course Content → QTI .zip file (Blackboard, "
            "Brightspace/D2L and Schoology import QTI 1.2 packages too)"),
    _export("kahoot", ".xlsx", "Kahoot spreadsheet",
            "Kahoot: Create → Kahoot → Add question → Import spreadsheet → choose the file"),
    _export("quizizz", ".xlsx", "Quizizz (Wayground) spreadsheet",
            "Quizizz (Wayground): Create → Assessment → Import from spreadsheet → choose "
            "the file"),
    _export("blooket", ".csv", "Blooket CSV",
            "Blooket: Create → Set → CSV Import → upload the file as it is (do not open it "
            "in a spreadsheet program first)"),
    _export("gimkit", ".csv", "Gimkit CSV",
            "Gimkit: Create a kit → Add questions → Import → Spreadsheet → upload the file "
            "as it is (Gimkit shuffles the answers itself)"),
    _export("quizlet", ".txt", "Quizlet flashcards",
            "Quizlet: Create → Flashcard set → Import → paste the file's text (between term "
            "and definition: Tab; between cards: New line); one card per item, prompt → "
            "answer"),
    _export("h5p", ".h5p", "H5P Question Set",
            "H5P (Moodle, WordPress, Drupal, Lumi): add H5P content → Upload → choose the "
            ".h5p file"),
)
#: The pages built once per site.
SITE_PAGES: tuple[SitePage, ...] = (
    SitePage("index", "index.html", STUDENT, "quizgen.outputs.site:render_index"),
    SitePage("teacher", "teacher/index.html", TEACHER,
             "quizgen.outputs.site:render_teacher_index"),
)


def get(name: str) -> Output:
    """Give the registered output of this name; KeyError when there is none."""
    for output in OUTPUTS:
        if output.name == name:
            return output
    raise KeyError(name)


def names(kind: str | None = None) -> list[str]:
    """Give the names of the registered outputs, of one kind when given."""
    return [output.name for output in OUTPUTS if kind is None or output.kind == kind]
