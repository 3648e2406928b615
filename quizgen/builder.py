"""Building a site: every registered output of every deck, and the pages that link them.

A build plans every file in memory first (``iter_plan``), then hands the plan to one commit
step (``commit``): a deck that fails validation, a template error or a stale lock late in the
plan leaves the previous build whole.

The layout keeps students and the teacher apart. Outputs for students (the quiz, the Anki
deck, the article) go to ``<out>/<deck id>/`` and are linked from ``<out>/index.html``;
everything for the teacher goes to ``<out>/teacher/<deck id>/``, linked from
``<out>/teacher/index.html``. Worksheets and keys are printed in ``versions`` versions (seeds
``seed``, ``seed + 1``, ...); every other seeded output (the quiz first) uses one seed of its
own whose order no printed version shares, so the practice quiz never gives away a test.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from quizgen.decks import unique_decks
from quizgen.errors import Problem, QuizgenError
from quizgen.model import Deck
from quizgen.outputs import (
    DECK_FOLDER,
    EXPORT,
    OUTPUTS,
    PACKAGE,
    SITE_PAGES,
    TEACHER,
    Context,
    Output,
)
from quizgen.outputs.anki.lock import LOCK_FILE, read_lock
from quizgen.outputs.site import IndexEntry, Link, Version
from quizgen.outputs.write import write_atomic
from quizgen.quiz import DEFAULT_SEED, SEEDED, STABLE, Quiz, Selection, arrange
from quizgen.util import display_path
from quizgen.validation import load_placed

#: The folder, inside a build's output, that holds everything for the teacher.
TEACHER_DIR = "teacher"
#: How many seeds after the printed ones the quiz may try for an order of its own.
_SEED_TRIES = 100

#: A file to write and its content.
Planned = tuple[Path, bytes]


@dataclass(frozen=True)
class Loaded:
    """A validated deck and the folder it was read from."""

    deck: Deck
    folder: Path


@dataclass(frozen=True)
class Plan:
    """What a build makes of each deck: which items, how many printed versions, from which seed."""

    seed: int = DEFAULT_SEED
    versions: int = 2
    selection: Selection = field(default_factory=Selection)

    def printed_seeds(self) -> list[int]:
        """Give the seeds of the printed versions, in order."""
        return [self.seed + n for n in range(self.versions)]


def built_outputs() -> list[Output]:
    """Give the registered outputs a build makes for every deck, in the registry's order."""
    return list(OUTPUTS)


def step_count(deck_paths: Sequence[Path], plan: Plan | None = None) -> int:
    """Give how many steps a build of these decks takes (for a progress bar)."""
    versions = (plan or Plan()).versions
    per_deck = sum(versions if output.versioned else 1 for output in built_outputs())
    return len(unique_decks(deck_paths)) * per_deck + len(SITE_PAGES)


def load_decks(deck_paths: Sequence[Path],
               on_warning: Callable[[Problem], None] | None = None) -> list[Loaded]:
    """Give every deck validated, refusing two decks with one id; warnings go to on_warning.

    Items still marked draft are left out: students only ever get reviewed items. A deck
    with no reviewed item yet is skipped, with a warning that says so.
    """
    loaded: list[Loaded] = []
    seen: dict[str, Path] = {}
    for path in unique_decks(deck_paths):
        deck, where, warnings = load_placed(path, include_drafts=False)
        if not deck.items:
            warnings = [*warnings, Problem(
                where.file, "skipped: every item is still a draft; review them first "
                "(delete each item's status: draft line)", severity="warning",
                code="all-drafts")]
        if on_warning is not None:
            for problem in warnings:
                on_warning(problem)
        if not deck.items:
            continue
        if deck.id in seen:
            raise QuizgenError(f"{display_path(path)}: deck id {deck.id!r} is also the id of "
                               f"{display_path(seen[deck.id])}; each deck in a build needs "
                               "its own id")
        seen[deck.id] = path
        loaded.append(Loaded(deck, where.folder))
    return loaded


def deck_context(quiz: Quiz, folder: Path, template_dir: Path | None = None,
                 now: int | None = None, frozen: bool = False) -> Context:
    """Give the context an output of a deck renders in: its quiz, lock and settings."""
    lock_path = folder / LOCK_FILE
    return Context(quiz, template_dir, lock=read_lock(lock_path),
                   lock_name=display_path(lock_path), deck_name=display_path(folder),
                   frozen=frozen, now=now)


def place(files: dict[str, bytes], out_dir: Path, folder: Path) -> list[Planned]:
    """Give where each rendered file goes: the deck's own files (its lock) first."""
    own = [(folder / name.removeprefix(DECK_FOLDER), data)
           for name, data in files.items() if name.startswith(DECK_FOLDER)]
    rest = [(out_dir / name, data) for name, data in files.items()
            if not name.startswith(DECK_FOLDER)]
    return own + rest


def _arrange(deck: Deck, plan: Plan, seed: int, ordering: str = SEEDED) -> Quiz:
    chosen = plan.selection
    return arrange(deck, seed, chosen.count, chosen.kinds, chosen.tags, ordering=ordering,
                   pick=chosen.pick)


def quiz_seed(deck: Deck, plan: Plan, printed: Sequence[Quiz]) -> int:
    """Give the seed of the quiz students get: the first after the printed ones whose order
    (items and options) is none of theirs, so the quiz gives away no printed version."""
    taken = {quiz.version_code for quiz in printed}
    first = plan.seed + plan.versions
    for seed in range(first, first + _SEED_TRIES):
        if _arrange(deck, plan, seed).version_code not in taken:
            return seed
    return first  # a deck of one item has one order


def _subfolder(output: Output) -> str:
    return TEACHER_DIR if output.audience == TEACHER else ""


def _warn_of_old_teacher_files(folder: Path, deck: Deck,
                               on_warning: Callable[[Problem], None] | None) -> None:
    """Warn of a teacher's file an older quizgen left beside the students' (an answer key)."""
    if on_warning is None:
        return
    for output in built_outputs():
        old = folder / output.file_name(deck.id)
        if output.audience == TEACHER and old.is_file():
            on_warning(Problem(display_path(old), "left by an older quizgen beside the "
                               "students' files, where anyone with the link can open it; "
                               "teacher's files now go under teacher/: delete it",
                               severity="warning", code="old-teacher-file"))


def _report_left_out(output: Output, context: Context,
                     on_warning: Callable[[Problem], None] | None) -> None:
    """Warn, in one line, of the items an output leaves out (over a platform's limits)."""
    if on_warning is None:
        return
    problems = output.check(context)
    if not problems:
        return
    deck_id = context.quiz.deck.id
    ids = list(dict.fromkeys(p.item for p in problems if p.item is not None))
    shown = ", ".join(ids[:3]) + (f" and {len(ids) - 3} more" if len(ids) > 3 else "")
    on_warning(Problem(
        deck_id, f"{len(ids)} of {len(context.quiz.questions)} items left out of the "
        f"{output.label} (over its limits: {shown}); quizgen export {deck_id} --format "
        f"{output.name} says why for each", severity="warning", code="left-out"))


def iter_plan(deck_paths: Sequence[Path], out_dir: Path, plan: Plan | int = DEFAULT_SEED,
              template_dir: Path | None = None,
              on_warning: Callable[[Problem], None] | None = None,
              now: int | None = None) -> Iterator[list[Planned]]:
    """Make every output of every deck and the site pages in memory, giving each as made.

    Nothing is written: every deck is validated, and every page and package made, before
    commit() writes the first file. A plain int for plan is the first printed seed.
    """
    if isinstance(plan, int):
        plan = Plan(seed=plan)
    out_dir = Path(out_dir)
    entries = []
    for loaded in load_decks(deck_paths, on_warning):
        deck = loaded.deck
        printed = [_arrange(deck, plan, seed) for seed in plan.printed_seeds()]
        own_seed = quiz_seed(deck, plan, printed)
        quizzes = {SEEDED: _arrange(deck, plan, own_seed)}
        links = []
        _warn_of_old_teacher_files(out_dir / deck.id, deck, on_warning)
        for output in built_outputs():
            where = Path(_subfolder(output), deck.id)
            if output.versioned:
                runs = [(quiz, quiz.version) for quiz in printed]
            elif output.kind == EXPORT and output.ordering == SEEDED:
                # A platform's copy follows printed version 1, so the two agree.
                runs = [(printed[0], "")]
            else:
                quiz = quizzes.get(output.ordering)
                if quiz is None:
                    # A package (the Anki deck) is always the whole deck: its lock keeps
                    # every item; other stable outputs take the selection.
                    quiz = quizzes[output.ordering] = (
                        arrange(deck, ordering=STABLE) if output.kind == PACKAGE
                        else _arrange(deck, plan, own_seed, output.ordering))
                runs = [(quiz, "")]
            for quiz, version in runs:
                context = deck_context(quiz, loaded.folder, template_dir, now)
                _report_left_out(output, context, on_warning)
                files = output.render(context)
                if not files:  # nothing fits the platform: no file, no link
                    yield []
                    continue
                name = output.file_name(deck.id, version)
                if version:  # each printed version under a name of its own
                    files = {name if key == output.file_name(deck.id) else key: data
                             for key, data in files.items()}
                yield place(files, out_dir / where, loaded.folder)
                href = (where / name).as_posix()
                links.append(Link(output.label, href, output.audience, output.howto, version))
        versions = tuple(Version(quiz.version, quiz.version_code) for quiz in printed)
        entries.append(IndexEntry(deck.id, deck.title, len(deck.items), tuple(links),
                                  quiz_seed=own_seed, versions=versions,
                                  selection=printed[0].selection_label,
                                  selection_options=printed[0].selection))
    for page in SITE_PAGES:
        files = page.render(entries, template_dir)
        yield [(out_dir / name, data) for name, data in files.items()]


def commit(planned: Sequence[list[Planned]]) -> list[Path]:
    """Write what iter_plan made, in order; give the paths written."""
    written = []
    for files in planned:
        for path, content in files:
            write_atomic(path, content)
            written.append(path)
    return written


def build(deck_paths: Sequence[Path], out_dir: Path, seed: int = DEFAULT_SEED,
          template_dir: Path | None = None, now: int | None = None, versions: int = 2,
          selection: Selection | None = None) -> list[Path]:
    """Build every output of every deck and the site pages; give the paths written, in order."""
    plan = Plan(seed, versions, selection or Selection())
    return commit(list(iter_plan(deck_paths, out_dir, plan, template_dir, now=now)))
