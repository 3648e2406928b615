"""Commands that read decks: list and validate."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import click

from quizgen.cli import cli, deck_paths, dump_json, plural
from quizgen.errors import DeckError, Problem
from quizgen.util import printable


@cli.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the decks as JSON.")
def list_cmd(as_json: bool) -> None:
    """List the decks under ./decks, or the bundled ones when there is none.

    \b
    Example:
        quizgen list --json
    """
    from quizgen.deckfile import load_deck
    from quizgen.util import display_path

    rows, failed = [], False
    for path in deck_paths(()):
        try:
            deck = load_deck(path)
        except DeckError as err:
            click.echo(f"Error: {printable(str(err))}", err=True)
            failed = True
            continue
        kinds = Counter(item.kind for item in deck.items)
        rows.append({"id": deck.id, "title": deck.title, "items": len(deck.items),
                     "kinds": dict(sorted(kinds.items())), "path": display_path(path)})
    if as_json:
        click.echo(dump_json(rows), nl=False)
    else:
        for row in rows:
            kinds_text = ", ".join(f"{k} {n}" for k, n in row["kinds"].items())  # type: ignore[attr-defined]
            click.echo(printable(f"{row['id']}  {row['items']} items  {row['title']}"))
            click.echo(printable(f"  {row['path']}"))
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
    from quizgen.validation import Report, check_decks, errors_of

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
        found = list(deck_paths(()))
    paths = [f for f in found if isinstance(f, Path)]
    # check_decks gives one report per deck, for the paths unique_decks keeps, in order.
    checked = dict(zip(unique_decks(paths), check_decks(paths), strict=True))
    reports = [entry if isinstance(entry, Report) else checked.pop(entry)
               for entry in found if isinstance(entry, Report) or entry in checked]
    ok = all(not errors_of(r.problems, strict) for r in reports)
    rows = [(r.file, r.deck_id, r.items, r.problems, not errors_of(r.problems, strict))
            for r in reports]
    if as_json:
        click.echo(dump_json([
            {"path": file, "id": deck_id, "items": items, "valid": valid,
             "errors": sum(p.severity == "error" for p in problems),
             "warnings": sum(p.severity == "warning" for p in problems),
             "problems": [p.to_dict() for p in problems]}
            for file, deck_id, items, problems, valid in rows
        ]), nl=False)
    else:
        for file, _, items, problems, valid in rows:
            for problem in problems:
                click.echo(printable(str(problem)))
            errors = sum(p.severity == "error" for p in problems)
            warnings = len(problems) - errors
            size = f"{items} items, " if items is not None else ""
            click.echo(f"{printable(file)}: {size}{plural(errors, 'error')}, "
                       f"{plural(warnings, 'warning')}: {'valid' if valid else 'INVALID'}")
    sys.exit(0 if ok else 1)
