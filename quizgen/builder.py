"""Building a site: every registered output of every deck, and the pages that link them.

A build plans every file in memory first (``iter_plan``), then hands the plan to one commit
step (``commit``): a deck that fails validation, a template error or a stale lock late in the
plan leaves the previous build whole.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from quizgen.decks import unique_decks
from quizgen.errors import Problem, QuizgenError
from quizgen.model import Deck
from quizgen.outputs import BUILT, DECK_FOLDER, OUTPUTS, SITE_PAGES, Context, Output
from quizgen.outputs.anki.lock import LOCK_FILE, read_lock
from quizgen.outputs.site import IndexEntry, Link
from quizgen.outputs.write import write_atomic
from quizgen.quiz import DEFAULT_SEED, Quiz, arrange
from quizgen.util import display_path
from quizgen.validation import load_placed

#: A file to write and its content.
Planned = tuple[Path, bytes]


@dataclass(frozen=True)
class Loaded:
    """A validated deck and the folder it was read from."""

    deck: Deck
    folder: Path


def built_outputs() -> list[Output]:
    """Give the registered outputs a build makes for every deck, in the registry's order."""
    return [output for output in OUTPUTS if output.name in BUILT]


def step_count(deck_paths: Sequence[Path]) -> int:
    """Give how many steps a build of these decks takes (for a progress bar)."""
    return len(unique_decks(deck_paths)) * len(built_outputs()) + len(SITE_PAGES)


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


def iter_plan(deck_paths: Sequence[Path], out_dir: Path, seed: int = DEFAULT_SEED,
              template_dir: Path | None = None,
              on_warning: Callable[[Problem], None] | None = None,
              now: int | None = None) -> Iterator[list[Planned]]:
    """Make every output of every deck and the site pages in memory, giving each as made.

    Nothing is written: every deck is validated, and every page and package made, before
    commit() writes the first file.
    """
    out_dir = Path(out_dir)
    entries = []
    for loaded in load_decks(deck_paths, on_warning):
        deck = loaded.deck
        quizzes: dict[str, Quiz] = {}
        links = []
        for output in built_outputs():
            quiz = quizzes.get(output.ordering)
            if quiz is None:
                quiz = quizzes[output.ordering] = arrange(deck, seed, ordering=output.ordering)
            files = output.render(deck_context(quiz, loaded.folder, template_dir, now))
            yield place(files, out_dir / deck.id, loaded.folder)
            filename = output.file_name(deck.id)
            links.append(Link(output.label, f"{deck.id}/{filename}", output.audience))
        entries.append(IndexEntry(deck.id, deck.title, len(deck.items), tuple(links)))
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
          template_dir: Path | None = None, now: int | None = None) -> list[Path]:
    """Build every output of every deck and the site pages; give the paths written, in order."""
    return commit(list(iter_plan(deck_paths, out_dir, seed, template_dir, now=now)))
