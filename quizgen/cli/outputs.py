"""Commands that make outputs of decks: html, anki, export and build."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

import click

from quizgen.cli import cli, deck_paths, load_owned, warn
from quizgen.errors import QuizgenError
from quizgen.model import KINDS
from quizgen.outputs import EXPORT, PAGE, names
from quizgen.quiz import DEFAULT_SEED, Selection

T = TypeVar("T")


def _stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def check_target(output: str, *, binary: bool = False, page: bool = False,
                 protected: Sequence[Path] = ()) -> None:
    """Refuse, before any work, an output quizgen must not write: say why and what to do.

    A binary file never goes to a terminal; a page is HTML, never PDF; a file goes only
    into a folder that exists (a mistyped folder is not created), and never replaces one of
    the deck's own files (protected: its deck.yaml, article and lock).
    """
    from quizgen.errors import OutputError

    if output == "-":
        if binary and _stdout_is_terminal():
            raise OutputError("standard output is a terminal, and this file is binary: "
                              "redirect it (> FILE) or give -o FILE")
        return
    from quizgen.outputs.write import output_path

    path = output_path(output, protected)
    if page and path.suffix.lower() == ".pdf":
        raise OutputError(f"{output}: quizgen writes HTML, not PDF; write "
                          f"{path.with_suffix('.html')} and print it to PDF from the browser "
                          "(Print, then Save as PDF)")
    folder = path.parent
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise OutputError(f"{output}: the folder {folder} {what}; create it first or give "
                          "another -o")


def _emit(output: str, data: bytes, binary: bool, protected: Sequence[Path] = ()) -> None:
    """Write data to the file output names (atomically), or to standard output for -."""
    from quizgen.outputs.write import output_path, write_atomic

    if output == "-":
        if binary:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        else:
            click.echo(data.decode("utf-8"), nl=False)
        return
    write_atomic(output_path(output, protected), data)
    click.echo(output)


def _selection_options(func: Callable[..., None]) -> Callable[..., None]:
    """Add the options that choose a quiz's items: --count, --kind, --tag and --pick."""
    for option in reversed((
        click.option("--count", type=click.IntRange(min=1), metavar="N",
                     help="Draw N of the items left by the filters, spread across kinds; "
                          "the same N items for every --seed."),
        click.option("--kind", "kinds", multiple=True, metavar="KIND",
                     type=click.Choice(list(KINDS)),
                     help=f"Keep items of this kind (repeatable: any of them): "
                          f"{', '.join(KINDS)}."),
        click.option("--tag", "tags", multiple=True, metavar="TAG",
                     help="Keep items with this tag (repeatable: any of them)."),
        click.option("--pick", type=click.IntRange(min=1), default=1, show_default=True,
                     metavar="N",
                     help="With --count: take the N-th fixed draw, another set of items."),
    )):
        func = option(func)
    return func


_TEMPLATE_DIR = click.Path(exists=True, file_okay=False, path_type=Path)


@cli.command()
@click.argument("deck", metavar="DECK")
@click.option("--format", "fmt", type=click.Choice(names(EXPORT)), default="json",
              show_default=True,
              help="json: the validated deck; moodle, gift, aiken: Moodle; qti: Canvas, "
                   "Blackboard, Brightspace, Schoology; kahoot, quizizz, blooket, gimkit, "
                   "quizlet: game and flashcard platforms; h5p: an H5P Question Set.")
@click.option("-o", "--output", default="-", metavar="FILE|-", show_default=True,
              help="Where to write; - for standard output (never a terminal for a binary "
                   "format).")
@click.option("--seed", type=int, default=DEFAULT_SEED, show_default=True, metavar="N",
              help="The order of questions and options, for formats that keep one.")
@_selection_options
@click.option("--time-limit", type=int, default=30, show_default=True, metavar="SECONDS",
              help="Seconds per question, where the platform times questions (Kahoot: 5, "
                   "10, 20, 30, 60, 90, 120 or 240; Blooket: at most 300).")
@click.option("--strict", is_flag=True,
              help="Exit 1 when an item has to be left out (over a platform's limits).")
@click.option("--template-dir", type=_TEMPLATE_DIR, metavar="DIR",
              help="Templates here override the built-in ones of the text formats "
                   "(templates/export; extend them as default:NAME).")
@click.option("--include-drafts", is_flag=True,
              help="Include items still marked status: draft (a preview for the deck's "
                   "author; left out otherwise).")
def export(deck: str, fmt: str, output: str, seed: int, count: int | None,
           kinds: tuple[str, ...], tags: tuple[str, ...], pick: int, time_limit: int,
           strict: bool, template_dir: Path | None, include_drafts: bool) -> None:
    """Export a validated deck, or the items chosen from it, for a classroom platform.

    Each item becomes one single-answer question: its answer the one correct option, its
    distractors the others (each with its why as feedback where the platform has
    feedback), in the order of --seed. An item a platform cannot hold (too long, too many
    options) is left out with a warning naming it and the limit, never cut; --strict makes
    that an error. json gives the deck as one document whose names mirror deck.yaml.

    \b
    Examples:
        quizgen export iran-pakistan-2024 --format moodle -o bank.xml
        quizgen export iran-pakistan-2024 --format kahoot --count 10 --time-limit 20 -o k.xlsx
        quizgen export iran-pakistan-2024 --format json -o deck.json
    """
    from quizgen.outputs import Context, get
    from quizgen.quiz import arrange

    output_format = get(fmt)
    loaded, _, own = load_owned(deck, include_drafts)
    check_target(output, binary=output_format.binary, protected=own)
    quiz = arrange(loaded, seed, count, kinds, tags, ordering=output_format.ordering,
                   pick=pick)
    context = Context(quiz, template_dir, settings={"time_limit": time_limit})
    left_out = output_format.check(context)
    for problem in left_out:
        warn(problem)
    files = output_format.render(context)
    if not files:
        raise QuizgenError(f"{quiz.deck.id}: no item fits the {output_format.label} export "
                           f"({len(left_out)} left out, each named above)")
    if strict and left_out:
        raise QuizgenError(f"{quiz.deck.id}: --strict: {len(left_out)} of "
                           f"{len(quiz.questions)} items left out of the "
                           f"{output_format.label} export; nothing written")
    (data,) = files.values()
    _emit(output, data, output_format.binary, protected=own)


#: Other names --mode accepts for a page, as teachers call it.
MODE_ALIASES = {"answer-key": "key"}


def default_page_name(deck_id: str, stem: str, seed: int | None, selection: Selection) -> str:
    """Give the file name of a page made without -o: all that tells it from another page.

    ``<deck>-<page>`` then ``-v<seed>`` when a seed was given, then the selection (count,
    kinds, tags, draw), so a page of another version or selection never replaces it.
    """
    parts = [deck_id, stem, "" if seed is None else f"v{seed}", selection.slug()]
    return "-".join(filter(None, parts)) + ".html"


@cli.command()
@click.argument("deck", metavar="DECK")
@click.option("-o", "--output", metavar="FILE|-",
              help="Where to write; - for standard output.  [default: DECKID-MODE.html, with "
                   "-vSEED and the selection added when given]")
@click.option("--mode", type=click.Choice([*names(PAGE), *MODE_ALIASES]), default="quiz",
              show_default=True,
              help="quiz: interactive, graded in the page; article: the article, its "
                   "paragraphs numbered; worksheet: printable sheet; key (or answer-key): "
                   "the answer key of that sheet; present: one question at a time, for a "
                   "projector.")
@click.option("--seed", type=int, metavar="N",
              help="The version: picks the order of questions and options.  [default: 1]")
@_selection_options
@click.option("--no-article", "no_article", is_flag=True,
              help="Leave the article out of the page (the worksheet's handout).")
@click.option("--template-dir", type=_TEMPLATE_DIR, metavar="DIR",
              help="Templates here override the built-in ones (extend them as default:NAME).")
@click.option("--include-drafts", is_flag=True,
              help="Include items still marked status: draft (a preview for the deck's "
                   "author; left out otherwise).")
def html(deck: str, output: str | None, mode: str, seed: int | None, count: int | None,
         kinds: tuple[str, ...], tags: tuple[str, ...], pick: int, no_article: bool,
         template_dir: Path | None, include_drafts: bool) -> None:
    """Write one self-contained HTML page: a quiz, a worksheet, its key or present mode.

    --count and the filters choose the items, the same for every --seed; the seed orders
    them. A quiz, a worksheet and a key built with the same --seed (and selection) share
    their order and agree letter for letter. The quiz shows the article beside the
    questions, and the worksheet ends with it as a handout (--no-article leaves it out).
    To print a page as PDF, open it in a browser and print it.

    \b
    Examples:
        quizgen html iran-pakistan-2024
        quizgen html iran-pakistan-2024 --mode worksheet --seed 2 --count 10
        quizgen html iran-pakistan-2024 --mode key --seed 2 --count 10 -o key-v2.html
        quizgen html iran-pakistan-2024 --kind who-said --kind hedging -o - > practice.html
        quizgen html iran-pakistan-2024 --mode present -o present.html
    """
    from quizgen.outputs import Context, get
    from quizgen.quiz import arrange

    page_output = get(MODE_ALIASES.get(mode, mode))
    loaded, _, own = load_owned(deck, include_drafts)
    if output is not None:
        check_target(output, page=True, protected=own)
    quiz = arrange(loaded, DEFAULT_SEED if seed is None else seed, count, kinds, tags,
                   ordering=page_output.ordering, pick=pick)
    settings = {"article": False} if no_article else {}
    (page,) = page_output.render(Context(quiz, template_dir, settings=settings)).values()
    if output is None:
        stem = Path(page_output.file_name(loaded.id)).stem
        output = default_page_name(loaded.id, stem, seed, quiz.chosen_by)
    _emit(output, page, binary=False, protected=own)


@cli.command()
@click.argument("decks", nargs=-1, metavar="[DECK]...")
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("dist"), show_default=True, metavar="DIR",
              help="The folder to build into (made if missing).")
@click.option("--seed", type=int, default=DEFAULT_SEED, show_default=True, metavar="N",
              help="The first printed version: versions are N, N+1, ...")
@click.option("--versions", type=click.IntRange(min=1), default=2, show_default=True,
              metavar="N", help="How many worksheet and answer-key pairs to print.")
@_selection_options
@click.option("--template-dir", type=_TEMPLATE_DIR, metavar="DIR",
              help="Templates here override the built-in ones (extend them as default:NAME).")
def build(decks: tuple[str, ...], out_dir: Path, seed: int, versions: int,
          count: int | None, kinds: tuple[str, ...], tags: tuple[str, ...], pick: int,
          template_dir: Path | None) -> None:
    """Build every output of every deck: a page for students, one for the teacher.

    For students, DIR/index.html links each deck's quiz, Anki deck and article, in
    DIR/<deck id>/; it never links an answer. For the teacher, DIR/teacher/index.html links
    the worksheets and answer keys of versions --seed, --seed+1, ... (--versions of them)
    and every other teacher output, in DIR/teacher/<deck id>/. The quiz gets an order of its
    own, shared with no printed version (the teacher page says which seed). The selection
    options choose the same items for every version and the quiz. The decks' anki-lock.json
    files are brought up to date. With no DECK, builds every deck under ./decks, or the
    bundled ones. Prints the paths it wrote, one a line.

    \b
    Examples:
        quizgen build
        quizgen build iran-pakistan-2024 -o site --seed 3 --versions 4 --count 10
    """
    from quizgen.builder import Plan, commit, iter_plan, step_count

    paths = deck_paths(decks)
    plan = Plan(seed=seed, versions=versions, selection=Selection(kinds, tags, count, pick))
    steps = iter_plan(paths, out_dir, plan, template_dir, on_warning=warn)
    if sys.stdout.isatty():
        planned = list(_with_progress(steps, lambda: step_count(paths, plan)))
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
@click.option("-o", "--output", metavar="FILE.apkg|-",
              help="Where to write the deck; - for standard output (never a terminal).  "
                   "[default: DECKID.apkg]")
@click.option("--frozen", is_flag=True,
              help="Refuse to build, writing nothing, when the deck's anki-lock.json is stale "
                   "(for CI).")
def anki(deck: str, output: str | None, frozen: bool) -> None:
    """Write an Anki deck (.apkg) that updates a student's cards in place on re-import.

    Each note carries the time its item last changed, and each card its option order, kept
    in anki-lock.json beside deck.yaml (commit it): the lock is updated when items change.
    Prints the files written.

    \b
    Examples:
        quizgen anki iran-pakistan-2024
        quizgen anki decks/iran-pakistan-2024 --frozen -o /tmp/check.apkg
    """
    from quizgen.outputs.anki import LOCK_FILE, plan_apkg
    from quizgen.outputs.write import write_atomic
    from quizgen.util import display_path

    loaded, folder, own = load_owned(deck, include_drafts=None)
    if output is not None:
        check_target(output, binary=True, protected=own)
    target = output or f"{loaded.id}.apkg"
    lock_path = folder / LOCK_FILE
    result = plan_apkg(loaded, lock_path, frozen=frozen)
    # The lock first: an .apkg whose times the lock does not hold must never be handed out.
    if result.lock_json is not None:
        write_atomic(lock_path, result.lock_json)
    _emit(target, result.apkg, binary=True, protected=own)
    if result.lock_json is not None:
        where = display_path(lock_path)
        click.echo(where, err=target == "-")
        click.echo(f"{where}: {result.diff.summary()}", err=True)
