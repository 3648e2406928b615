"""Building every output of every deck into one folder, with an index page linking them."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from quizgen.arrange import DEFAULT_SEED, Quiz, arrange
from quizgen.errors import Problem, QuizgenError
from quizgen.model import Deck
from quizgen.output import write_atomic
from quizgen.render import IndexEntry, Link, render_html, render_index
from quizgen.validate import load_checked

INDEX = "index.html"

#: Writes one output of a deck to a path; gives every file it wrote, that path first.
Writer = Callable[[Deck, Quiz, Path], list[Path]]


@dataclass(frozen=True)
class Output:
    """One file built for every deck: its name in the deck's folder, its label, its writer."""

    filename: str  # "{id}" stands for the deck id
    label: str
    write: Writer


def _page(mode: str, template_dir: Path | None) -> Writer:
    def write(deck: Deck, quiz: Quiz, path: Path) -> list[Path]:
        write_atomic(path, render_html(quiz, mode, template_dir))
        return [path]

    return write


def _anki(deck: Deck, quiz: Quiz, path: Path) -> list[Path]:
    from quizgen.apkg import write_apkg  # genanki loads only when a build gets this far

    result = write_apkg(deck, path)
    # A build that moved the lock says so: the deck's author commits it.
    return [path, result.lock_path] if result.lock_written else [path]


def outputs(template_dir: Path | None = None) -> list[Output]:
    """Give the files built for each deck, in the order they are written and linked."""
    return [
        Output("quiz.html", "Quiz", _page("quiz", template_dir)),
        Output("worksheet.html", "Worksheet", _page("worksheet", template_dir)),
        Output("answer-key.html", "Answer key", _page("key", template_dir)),
        Output("{id}.apkg", "Anki deck", _anki),
    ]


def step_count(deck_paths: Sequence[Path], template_dir: Path | None = None) -> int:
    """Give how many files a build of these decks writes (for a progress bar)."""
    return len(deck_paths) * len(outputs(template_dir)) + 1


def iter_build(deck_paths: Sequence[Path], out_dir: Path, seed: int = DEFAULT_SEED,
               template_dir: Path | None = None,
               on_warning: Callable[[Problem], None] | None = None) -> Iterator[Path]:
    """Build every output of every deck and the index, giving each path once it is written.

    Every deck is loaded and validated before anything is written, so a bad deck leaves the
    previous build untouched.
    """
    out_dir = Path(out_dir)
    decks: list[Deck] = []
    seen: dict[str, Path] = {}
    for path in deck_paths:
        deck, warnings = load_checked(path)
        if on_warning is not None:
            for problem in warnings:
                on_warning(problem)
        if deck.id in seen:
            raise QuizgenError(f"{path}: deck id {deck.id!r} is also the id of {seen[deck.id]}; "
                               "each deck in a build needs its own id")
        seen[deck.id] = path
        decks.append(deck)
    entries = []
    for deck in decks:
        quiz = arrange(deck, seed)
        links = []
        for output in outputs(template_dir):
            filename = output.filename.format(id=deck.id)
            yield from output.write(deck, quiz, out_dir / deck.id / filename)
            links.append(Link(output.label, f"{deck.id}/{filename}"))
        entries.append(IndexEntry(deck.id, deck.title, len(deck.items), tuple(links)))
    index = out_dir / INDEX
    write_atomic(index, render_index(entries, template_dir))
    yield index


def build(deck_paths: Sequence[Path], out_dir: Path, seed: int = DEFAULT_SEED,
          template_dir: Path | None = None) -> list[Path]:
    """Build every output of every deck and the index; give the paths written, in order."""
    return list(iter_build(deck_paths, out_dir, seed, template_dir))
