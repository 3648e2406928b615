"""Commands that make outputs of decks: html, anki, export and build."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import click

from quizgen.cli import cli, deck_paths, load_owned, warn
from quizgen.model import KINDS
from quizgen.outputs import EXPORT, PAGE, names
from quizgen.quiz import DEFAULT_SEED

T = TypeVar("T")

@cli.command()
@click.argument("deck", metavar="DECK")
@click.option("--format", "fmt", type=click.Choice(names(EXPORT)), default="json",
              show_default=True, help="The export format.")
@click.option("-o", "--output", default="-", metavar="FILE|-", show_default=True,
              help="Where to write; - for standard output.")
def export(deck: str, fmt: str, output: str) -> None:
    """Export a validated deck as one JSON document whose names mirror deck.yaml.

    \b
    Example:
        quizgen export iran-pakistan-2024 --format json -o deck.json
    """
    from quizgen.outputs import Context, get
    from quizgen.outputs.write import output_path, write_atomic
    from quizgen.quiz import arrange

    output_format = get(fmt)
    loaded, _, own = load_owned(deck)
    target = None if output == "-" else output_path(output, own)
    quiz = arrange(loaded, ordering=output_format.ordering)
    (data,) = output_format.render(Context(quiz)).values()
    if target is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        write_atomic(target, data)
        click.echo(output)


_TEMPLATE_DIR = click.Path(exists=True, file_okay=False, path_type=Path)


@cli.command()
@click.argument("deck", metavar="DECK")
@click.option("-o", "--output", metavar="FILE|-",
              help="Where to write; - for standard output.  [default: DECKID-MODE.html, "
                   "or DECKID-MODE-vSEED.html with --seed]")
@click.option("--mode", type=click.Choice(names(PAGE)), default="quiz", show_default=True,
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
    from quizgen.outputs import Context, get
    from quizgen.outputs.write import output_path, write_atomic
    from quizgen.quiz import arrange

    page_output = get(mode)
    loaded, _, own = load_owned(deck)
    if output not in (None, "-"):
        output_path(output, own)
    quiz = arrange(loaded, DEFAULT_SEED if seed is None else seed, count, kinds, tags,
                   ordering=page_output.ordering)
    (page,) = page_output.render(Context(quiz, template_dir)).values()
    if output == "-":
        click.echo(page.decode("utf-8"), nl=False)
        return
    if output is None:
        version = "" if seed is None else f"-v{seed}"
        stem = Path(page_output.file_name(loaded.id)).stem
        output = f"{loaded.id}-{stem}{version}.html"
    write_atomic(output_path(output, own), page)
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
    from quizgen.builder import commit, iter_plan, step_count

    paths = deck_paths(decks)
    steps = iter_plan(paths, out_dir, seed, template_dir, on_warning=warn)
    if sys.stdout.isatty():
        planned = list(_with_progress(steps, lambda: step_count(paths)))
    else:
        planned = list(steps)  # piped: only the paths, nothing else
    for path in commit(planned, out_dir, paths, warn=lambda note: click.echo(note, err=True)):
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
@click.option("-o", "--output", metavar="FILE.apkg",
              help="Where to write the deck.  [default: DECKID.apkg]")
@click.option("--frozen", is_flag=True,
              help="Refuse to build, writing nothing, when the deck's anki-lock.json is stale "
                   "(for CI).")
def anki(deck: str, output: str | None, frozen: bool) -> None:
    """Write an Anki deck (.apkg) that updates a student's cards in place on re-import.

    Each note carries the time its item last changed, kept in anki-lock.json beside
    deck.yaml (commit it): the lock is updated when items change. Prints the files written.

    \b
    Examples:
        quizgen anki iran-pakistan-2024
        quizgen anki decks/iran-pakistan-2024 --frozen -o /tmp/check.apkg
    """
    from quizgen.outputs.anki import LOCK_FILE, write_apkg
    from quizgen.outputs.write import output_path
    from quizgen.util import display_path

    loaded, folder, own = load_owned(deck)
    target = output_path(output or f"{loaded.id}.apkg", own)
    result = write_apkg(loaded, target, lock_path=folder / LOCK_FILE, frozen=frozen)
    click.echo(result.path)
    if result.lock_written:
        click.echo(display_path(result.lock_path))
        click.echo(f"{display_path(result.lock_path)}: {result.diff.summary()}", err=True)
