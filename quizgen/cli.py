"""The command line: each command reads its arguments, calls the library and prints.

Heavy libraries (jinja2, genanki) are imported inside the commands that use them, so that
``quizgen --help`` answers at once.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import click

from quizgen import __version__
from quizgen.errors import DeckError, Problem, QuizgenError


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
    from quizgen.loader import display_path, load_deck
    from quizgen.validate import errors_of
    from quizgen.validate import validate as check

    reports, ok = [], True
    for path in _deck_paths(decks):
        items: int | None = None
        deck_id: str | None = None
        try:
            deck = load_deck(path)
            problems: list[Problem] = check(deck)
            items, deck_id = len(deck.items), deck.id
        except DeckError as err:
            problems = err.problems
        stopping = errors_of(problems, strict)
        ok = ok and not stopping
        reports.append((display_path(path), deck_id, items, problems, not stopping))
    if as_json:
        click.echo(_dump_json([
            {"path": file, "id": deck_id, "items": items, "valid": valid,
             "errors": sum(p.severity == "error" for p in problems),
             "warnings": sum(p.severity == "warning" for p in problems),
             "problems": [p.to_dict() for p in problems]}
            for file, deck_id, items, problems, valid in reports
        ]), nl=False)
    else:
        for file, _, items, problems, valid in reports:
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
    from quizgen.decks import resolve_deck
    from quizgen.output import write_atomic
    from quizgen.validate import load_checked

    loaded, _ = load_checked(resolve_deck(deck))
    text = _dump_json(loaded.to_dict())
    if output == "-":
        click.echo(text, nl=False)
    else:
        write_atomic(Path(output), text)
        click.echo(output)


def main() -> None:
    """Run the command line."""
    cli(prog_name="quizgen")
