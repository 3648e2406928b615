"""Building every output of every deck into one folder, with an index page linking them."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from quizgen.arrange import DEFAULT_SEED, Quiz, arrange
from quizgen.decks import unique_decks
from quizgen.errors import Problem, QuizgenError
from quizgen.loader import display_path
from quizgen.model import Deck
from quizgen.output import write_atomic
from quizgen.render import PAGES, STUDENT, IndexEntry, Link, render_html, render_index
from quizgen.validate import load_checked

INDEX = "index.html"

#: A file to write and its content.
Planned = tuple[Path, bytes | str]
#: Makes one output of a deck at a path: the files to write, that path last.
Maker = Callable[[Deck, Quiz, Path], list[Planned]]


@dataclass(frozen=True)
class Output:
    """One file built for every deck: its name in the deck's folder, its label, its maker."""

    filename: str  # "{id}" stands for the deck id
    label: str
    make: Maker
    audience: str  # who the index page offers it to: render.STUDENT or render.TEACHER


def _page(mode: str, template_dir: Path | None) -> Maker:
    def make(deck: Deck, quiz: Quiz, path: Path) -> list[Planned]:
        return [(path, render_html(quiz, mode, template_dir))]

    return make


def _anki(deck: Deck, quiz: Quiz, path: Path) -> list[Planned]:
    from quizgen.apkg import plan_apkg  # genanki loads only when a build gets this far

    plan = plan_apkg(deck)
    # The lock first, as `quizgen anki` does; a build that moved it names it, so the deck's
    # author knows to commit it.
    lock = [(plan.lock_path, plan.lock_json)] if plan.lock_json is not None else []
    return [*lock, (path, plan.apkg)]


def outputs(template_dir: Path | None = None) -> list[Output]:
    """Give the files built for each deck, in the order they are written and linked."""
    return [
        *(Output(page.filename, page.label, _page(page.mode, template_dir), page.audience)
          for page in PAGES),
        Output("{id}.apkg", "Anki deck", _anki, STUDENT),
    ]


def step_count(deck_paths: Sequence[Path], template_dir: Path | None = None) -> int:
    """Give how many outputs a build of these decks makes (for a progress bar)."""
    return len(unique_decks(deck_paths)) * len(outputs(template_dir)) + 1


def iter_plan(deck_paths: Sequence[Path], out_dir: Path, seed: int = DEFAULT_SEED,
              template_dir: Path | None = None,
              on_warning: Callable[[Problem], None] | None = None) -> Iterator[list[Planned]]:
    """Make every output of every deck and the index, in memory, giving each as it is made.

    Nothing is written: every deck is validated, and every page and package made, before
    write_planned writes the first file, so a failure leaves the previous build whole.
    """
    out_dir = Path(out_dir)
    decks: list[Deck] = []
    seen: dict[str, Path] = {}
    for path in unique_decks(deck_paths):
        deck, warnings = load_checked(path)
        if on_warning is not None:
            for problem in warnings:
                on_warning(problem)
        if deck.id in seen:
            raise QuizgenError(f"{display_path(path)}: deck id {deck.id!r} is also the id of "
                               f"{display_path(seen[deck.id])}; each deck in a build needs "
                               "its own id")
        seen[deck.id] = path
        decks.append(deck)
    entries = []
    for deck in decks:
        quiz = arrange(deck, seed)
        links = []
        for output in outputs(template_dir):
            filename = output.filename.format(id=deck.id)
            yield output.make(deck, quiz, out_dir / deck.id / filename)
            links.append(Link(output.label, f"{deck.id}/{filename}", output.audience))
        entries.append(IndexEntry(deck.id, deck.title, len(deck.items), tuple(links)))
    yield [(out_dir / INDEX, render_index(entries, template_dir))]


def write_planned(planned: Sequence[list[Planned]]) -> list[Path]:
    """Write what iter_plan made, in order; give the paths written."""
    written = []
    for files in planned:
        for path, content in files:
            write_atomic(path, content)
            written.append(path)
    return written


def build(deck_paths: Sequence[Path], out_dir: Path, seed: int = DEFAULT_SEED,
          template_dir: Path | None = None) -> list[Path]:
    """Build every output of every deck and the index; give the paths written, in order."""
    return write_planned(list(iter_plan(deck_paths, out_dir, seed, template_dir)))
