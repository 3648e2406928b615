"""The command line: each command reads its arguments, calls the library and prints.

Heavy libraries (jinja2, genanki) are imported inside the commands that use them, so that
``quizgen --help`` answers at once.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from quizgen import __version__
from quizgen.arrange import DEFAULT_SEED
from quizgen.errors import DeckError, Problem, QuizgenError
from quizgen.model import KINDS
from quizgen.render import MODES

if TYPE_CHECKING:
    from quizgen.model import Deck

T = TypeVar("T")


class QuizgenGroup(click.Group):
    """Turns every QuizgenError into one line per problem on stderr and exit 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DeckError as err:
            for problem in err.problems:
                click.echo(f"Error: {problem}", err=True)
            ctx.exit(1)
        except QuizgenError as err:
            click.echo(f"Error: {err}", err=True)
            ctx.exit(1)


def _deck_paths(decks: tuple[str, ...]) -> list[Path]:
    from quizgen.decks import discover_decks, resolve_deck

    if decks:
        return [resolve_deck(arg) for arg in decks]
    found = discover_decks()
    if not found:
        raise QuizgenError("no decks found: give a DECK, or run where ./decks holds deck folders")
    return found


def _warn(problem: Problem) -> None:
    click.echo(str(problem), err=True)


def _load(deck: str) -> Deck:
    """Give the validated deck a DECK argument names, its warnings printed on stderr."""
    from quizgen.decks import resolve_deck
    from quizgen.validate import load_checked

    loaded, warnings = load_checked(resolve_deck(deck))
    for problem in warnings:
        _warn(problem)
    return loaded


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' * (count != 1)}"


def _dump_json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


@click.group(cls=QuizgenGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="quizgen")
def cli() -> None:
    """Build media-literacy quizzes and Anki decks from curated items about a news article.

    DECK is a deck folder, its deck.yaml, or the id of a deck under ./decks or of a bundled
    deck (see `quizgen list`).

    \b
    Example:
        quizgen validate iran-pakistan-2024 --strict
    """


@cli.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the decks as JSON.")
def list_cmd(as_json: bool) -> None:
    """List the decks under ./decks, or the bundled ones when there is none.

    \b
    Example:
        quizgen list --json
    """
    from quizgen.loader import display_path, load_deck

    rows, failed = [], False
    for path in _deck_paths(()):
        try:
            deck = load_deck(path)
        except DeckError as err:
            click.echo(f"Error: {err}", err=True)
            failed = True
            continue
        kinds = Counter(item.kind for item in deck.items)
        rows.append({"id": deck.id, "title": deck.title, "items": len(deck.items),
                     "kinds": dict(sorted(kinds.items())), "path": display_path(path)})
    if as_json:
        click.echo(_dump_json(rows), nl=False)
    else:
        for row in rows:
            kinds_text = ", ".join(f"{k} {n}" for k, n in row["kinds"].items())  # type: ignore[attr-defined]
            click.echo(f"{row['id']}  {row['items']} items  {row['title']}")
            click.echo(f"  {row['path']}")
            click.echo(f"  kinds: {kinds_text}")
    if failed:
        sys.exit(1)


@cli.command()
@click.argument("decks", nargs=-1, metavar="[DECK]...")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--json", "as_json", is_flag=True, help="Print the problems as JSON.")
def validate(decks: tuple[str, ...], strict: bool, as_json: bool) -> None:
    """Check decks: errors stop a build, warnings point at cues that give answers away.

    With no DECK, checks every deck under ./decks, or the bundled ones.
    Exits 0 when every deck is valid, 1 when not.

    \b
    Example:
        quizgen validate decks/iran-pakistan-2024 --strict
    """
    from quizgen.decks import resolve_deck, unique_decks
    from quizgen.errors import DeckNotFoundError
    from quizgen.validate import Report, check_decks, errors_of

    found: list[Path | Report] = []
    for arg in decks:
        try:
            found.append(resolve_deck(arg))
        except DeckNotFoundError as err:
            if not as_json:
                raise
            # As JSON, a deck that is not there is one more invalid report, not a stop.
            found.append(Report(arg, None, None, [Problem(arg, err.reason, code="not-found")]))
    if not decks:
        found = list(_deck_paths(()))
    paths = [f for f in found if isinstance(f, Path)]
    # check_decks gives one report per deck, for the paths unique_decks keeps, in order.
    checked = dict(zip(unique_decks(paths), check_decks(paths), strict=True))
    reports = [entry if isinstance(entry, Report) else checked.pop(entry)
               for entry in found if isinstance(entry, Report) or entry in checked]
    ok = all(not errors_of(r.problems, strict) for r in reports)
    rows = [(r.file, r.deck_id, r.items, r.problems, not errors_of(r.problems, strict))
            for r in reports]
    if as_json:
        click.echo(_dump_json([
            {"path": file, "id": deck_id, "items": items, "valid": valid,
             "errors": sum(p.severity == "error" for p in problems),
             "warnings": sum(p.severity == "warning" for p in problems),
             "problems": [p.to_dict() for p in problems]}
            for file, deck_id, items, problems, valid in rows
        ]), nl=False)
    else:
        for file, _, items, problems, valid in rows:
            for problem in problems:
                click.echo(str(problem))
            errors = sum(p.severity == "error" for p in problems)
            warnings = len(problems) - errors
            size = f"{items} items, " if items is not None else ""
            click.echo(f"{file}: {size}{_plural(errors, 'error')}, "
                       f"{_plural(warnings, 'warning')}: {'valid' if valid else 'INVALID'}")
    sys.exit(0 if ok else 1)


@cli.command()
@click.argument("deck", metavar="DECK")
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True,
              help="The export format.")
@click.option("-o", "--output", default="-", metavar="FILE|-", show_default=True,
              help="Where to write; - for standard output.")
def export(deck: str, fmt: str, output: str) -> None:
    """Export a validated deck as one JSON document whose names mirror deck.yaml.

    \b
    Example:
        quizgen export iran-pakistan-2024 --format json -o deck.json
    """
    from quizgen.output import write_atomic

    text = _dump_json(_load(deck).to_dict())
    if output == "-":
        click.echo(text, nl=False)
    else:
        write_atomic(Path(output), text)
        click.echo(output)


_TEMPLATE_DIR = click.Path(exists=True, file_okay=False, path_type=Path)


@cli.command()
@click.argument("deck", metavar="DECK")
@click.option("-o", "--output", metavar="FILE|-",
              help="Where to write; - for standard output.  [default: DECKID-MODE.html, "
                   "or DECKID-MODE-vSEED.html with --seed]")
@click.option("--mode", type=click.Choice(list(MODES)), default="quiz", show_default=True,
              help="quiz: interactive, graded in the page; worksheet: printable sheet; "
                   "key: the answer key of that sheet.")
@click.option("--seed", type=int, metavar="N",
              help="The version: picks the order of questions and options.  [default: 1]")
@click.option("--count", type=click.IntRange(min=1), metavar="N",
              help="Sample N of the items left by the filters.")
@click.option("--kind", "kinds", multiple=True, metavar="KIND",
              type=click.Choice(list(KINDS)),
              help=f"Keep items of this kind (repeatable: any of them): {', '.join(KINDS)}.")
@click.option("--tag", "tags", multiple=True, metavar="TAG",
              help="Keep items with this tag (repeatable: any of them).")
@click.option("--template-dir", type=_TEMPLATE_DIR, metavar="DIR",
              help="Templates here override the built-in ones (extend them as default:NAME).")
def html(deck: str, output: str | None, mode: str, seed: int | None, count: int | None,
         kinds: tuple[str, ...], tags: tuple[str, ...], template_dir: Path | None) -> None:
    """Write one self-contained HTML page: an interactive quiz, a worksheet or its key.

    A worksheet and a key built with the same --seed (and filters) agree letter for letter.

    \b
    Examples:
        quizgen html iran-pakistan-2024
        quizgen html iran-pakistan-2024 --mode worksheet --seed 2 --count 10
        quizgen html iran-pakistan-2024 --mode key --seed 2 --count 10 -o key-v2.html
        quizgen html iran-pakistan-2024 --kind who-said --kind hedging -o - > practice.html
    """
    from quizgen.arrange import arrange
    from quizgen.output import write_atomic
    from quizgen.render import render_html

    loaded = _load(deck)
    quiz = arrange(loaded, DEFAULT_SEED if seed is None else seed, count, kinds, tags)
    page = render_html(quiz, mode, template_dir)
    if output == "-":
        click.echo(page, nl=False)
        return
    if output is None:
        version = "" if seed is None else f"-v{seed}"
        output = f"{loaded.id}-{Path(MODES[mode]).stem}{version}.html"
    write_atomic(Path(output), page)
    click.echo(output)


@cli.command()
@click.argument("decks", nargs=-1, metavar="[DECK]...")
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("dist"), show_default=True, metavar="DIR",
              help="The folder to build into.")
@click.option("--seed", type=int, default=DEFAULT_SEED, show_default=True, metavar="N",
              help="The version of every worksheet, key and quiz built.")
@click.option("--template-dir", type=_TEMPLATE_DIR, metavar="DIR",
              help="Templates here override the built-in ones (extend them as default:NAME).")
def build(decks: tuple[str, ...], out_dir: Path, seed: int, template_dir: Path | None) -> None:
    """Build every output of every deck, plus an index page linking them all.

    For each deck: DIR/<deck id>/quiz.html, worksheet.html, answer-key.html and
    <deck id>.apkg (the Anki deck; its anki-lock.json is brought up to date); then
    DIR/index.html. With no DECK, builds every deck under ./decks, or the bundled ones.
    Prints the paths it wrote, one a line.

    \b
    Examples:
        quizgen build
        quizgen build iran-pakistan-2024 -o site --seed 2
    """
    from quizgen.build import iter_plan, step_count, write_planned

    paths = _deck_paths(decks)
    steps = iter_plan(paths, out_dir, seed, template_dir, on_warning=_warn)
    if sys.stdout.isatty():
        planned = list(_with_progress(steps, lambda: step_count(paths, template_dir)))
    else:
        planned = list(steps)  # piped: only the paths, nothing else
    for path in write_planned(planned):
        click.echo(path)


def _with_progress(steps: Iterator[T], total: Callable[[], int],
                   after: float = 0.3) -> Iterator[T]:
    """Give the steps, drawing a progress bar on stderr once they take more than a moment."""
    import time
    from contextlib import ExitStack

    started, done = time.monotonic(), 0
    with ExitStack() as stack:
        bar = None
        for step in steps:
            done += 1
            if bar is None and time.monotonic() - started > after:
                bar = stack.enter_context(
                    click.progressbar(length=total(), label="Building", file=sys.stderr))
                bar.update(done)
            elif bar is not None:
                bar.update(1)
            yield step


@cli.command()
@click.argument("deck", metavar="DECK")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              metavar="FILE.apkg", help="Where to write the deck.  [default: DECKID.apkg]")
@click.option("--frozen", is_flag=True,
              help="Refuse to build, writing nothing, when the deck's anki-lock.json is stale "
                   "(for CI).")
def anki(deck: str, output: Path | None, frozen: bool) -> None:
    """Write an Anki deck (.apkg) that updates a student's cards in place on re-import.

    Each note carries the time its item last changed, kept in anki-lock.json beside
    deck.yaml (commit it): the lock is updated when items change. Prints the files written.

    \b
    Examples:
        quizgen anki iran-pakistan-2024
        quizgen anki decks/iran-pakistan-2024 --frozen -o /tmp/check.apkg
    """
    from quizgen.apkg import write_apkg
    from quizgen.loader import display_path

    loaded = _load(deck)
    result = write_apkg(loaded, output or Path(f"{loaded.id}.apkg"), frozen=frozen)
    click.echo(result.path)
    if result.lock_written:
        click.echo(display_path(result.lock_path))
        click.echo(f"{display_path(result.lock_path)}: {result.diff.summary()}", err=True)


def main() -> None:
    """Run the command line."""
    cli(prog_name="quizgen")
