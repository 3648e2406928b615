"""The command line: each command reads its arguments, calls the library and prints.

Heavy libraries (jinja2, genanki) are imported inside the commands that use them, so that
``quizgen --help`` answers at once. The commands live in the modules beside this one, by what
they work on: decks (list, validate), outputs (html, anki, export, build), articles
(sources, draft).
"""

from __future__ import annotations

import contextlib
import errno
import importlib
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from quizgen.errors import DeckError, Problem, QuizgenError
from quizgen.util import printable

if TYPE_CHECKING:
    from quizgen.model import Deck


#: Each command and the module beside this one that defines it. A module is imported when one
#: of its commands is asked for, so ``quizgen sources`` does not pay for the output registry.
COMMANDS = {"list": "decks", "validate": "decks", "html": "outputs", "anki": "outputs",
            "export": "outputs", "build": "outputs", "sources": "articles", "draft": "articles"}


class QuizgenGroup(click.Group):
    """Loads commands on first use; turns every QuizgenError into one line per problem on
    stderr and exit 1."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Name every command, loaded or not (for --help)."""
        return sorted(set(super().list_commands(ctx)) | COMMANDS.keys())

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """Give a command, importing the module that registers it the first time.

        An unknown name loads every module, so that click's "Did you mean …?" can see the
        commands to suggest (it reads the registered ones).
        """
        if cmd_name not in self.commands:
            modules = ([COMMANDS[cmd_name]] if cmd_name in COMMANDS
                       else sorted(set(COMMANDS.values())))
            for module in modules:
                importlib.import_module(f"quizgen.cli.{module}")
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; turn quizgen's errors and Ctrl-C into one line and an exit code."""
        try:
            return super().invoke(ctx)
        except DeckError as err:
            for problem in err.problems:
                click.echo(f"Error: {printable(str(problem))}", err=True)
            ctx.exit(1)
        except QuizgenError as err:
            click.echo(f"Error: {printable(str(err))}", err=True)
            ctx.exit(getattr(err, "exit_code", 1))
        except KeyboardInterrupt:
            # Ctrl-C outside a build's write step (which says what it left): 130, as a shell
            # reports a process stopped by SIGINT, rather than click's "Aborted!" and 1.
            click.echo("Error: interrupted (SIGINT)", err=True)
            ctx.exit(130)


def deck_paths(decks: tuple[str, ...]) -> list[Path]:
    from quizgen.decks import discover_decks, resolve_deck

    if decks:
        return [resolve_deck(arg) for arg in decks]
    found = discover_decks()
    if not found:
        raise QuizgenError("no decks found: give a DECK, or run where ./decks holds deck folders")
    return found


def warn(problem: Problem) -> None:
    click.echo(printable(str(problem)), err=True)


def load(deck: str, include_drafts: bool | None = False) -> Deck:
    """Give the validated deck a DECK argument names, its warnings printed on stderr."""
    return load_placed(deck, include_drafts)[0]


def load_placed(deck: str, include_drafts: bool | None = False) -> tuple[Deck, Path]:
    """Give the validated deck a DECK argument names and its folder; warnings on stderr."""
    loaded, folder, _ = load_owned(deck, include_drafts)
    return loaded, folder


def load_owned(deck: str, include_drafts: bool | None = False
               ) -> tuple[Deck, Path, list[Path]]:
    """Give the validated deck a DECK argument names, its folder and its own files (deck.yaml,
    article, lock), which no output may replace; warnings on stderr.

    Items still marked draft are left out (and their problems with them) unless
    include_drafts; None means never, for a command that has no --include-drafts (anki).
    A deck left with no item is an error that says so.
    """
    from quizgen.decks import resolve_deck
    from quizgen.outputs.anki.lock import LOCK_FILE
    from quizgen.validation import load_placed as load_deck_placed

    loaded, where, warnings = load_deck_placed(resolve_deck(deck),
                                               include_drafts=bool(include_drafts))
    for problem in warnings:
        warn(problem)
    if not loaded.items:
        raise QuizgenError(f"{where.file}: every item is still a draft; review them first "
                           "(delete each item's status: draft line)"
                           + ("" if include_drafts is None else
                              ", or preview them with --include-drafts"))
    own = [where.path, where.folder / loaded.source.article, where.folder / LOCK_FILE]
    return loaded, where.folder, own


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' * (count != 1)}"


def dump_json(data: object) -> str:
    """Give data as JSON, with every character a terminal may act on as a \\u escape."""
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return _TERMINAL_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# JSON escapes C0 controls itself; C1 controls and bidirectional controls it leaves raw.
_TERMINAL_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """Print the version and stop (read only when asked: it costs an importlib.metadata)."""
    if value and not ctx.resilient_parsing:
        import quizgen

        click.echo(f"quizgen, version {quizgen.__version__}")
        ctx.exit()


@click.group(cls=QuizgenGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-V", "--version", is_flag=True, expose_value=False, is_eager=True,
              callback=_print_version, help="Show the version and exit.")
def cli() -> None:
    """Build media-literacy quizzes and Anki decks from curated items about a news article.

    DECK is a deck folder, its deck.yaml, or the id of a deck under ./decks or of a bundled
    deck (see `quizgen list`).

    \b
    Example:
        quizgen validate iran-pakistan-2024 --strict
    """




def main() -> None:
    """Run the command line: every failure one line on stderr, never a traceback.

    SIGTERM stops quizgen as Ctrl-C does, so temporary files are removed on the way out.
    Standard output that is closed, full or gone is an error (exit 1), not lost output.
    """
    import signal
    import sys

    def terminate(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, terminate)
    if sys.stdout is None:  # started with standard output closed (>&-)
        _fail("standard output is closed; quizgen prints what it does there "
              "(send it to /dev/null to discard it)")
    try:
        try:
            code = cli.main(prog_name="quizgen", standalone_mode=False)
        except SystemExit as stop:  # list and validate exit with their verdict
            code = stop.code
        except click.exceptions.Exit as stop:
            code = stop.exit_code
        except click.ClickException as err:
            err.show()
            code = err.exit_code
        except click.Abort:
            click.echo("Aborted!", err=True)
            code = 1
        sys.stdout.flush()
    except OSError as err:  # writing to standard output failed: a full disk, a closed pipe
        if err.errno == errno.EPIPE:
            _fail(None)  # the reader left (quizgen list | head): nothing to say
        _fail(f"cannot write to standard output: {err.strerror or err}")
    sys.exit(code if isinstance(code, int) else 0 if code is None else 1)


def _fail(message: str | None) -> NoReturn:
    """Say why quizgen stops on stderr (if it is there), and exit 1 without flushing stdout."""
    import os
    import sys

    if message is not None:
        with contextlib.suppress(OSError, AttributeError, ValueError):
            sys.stderr.write(f"Error: {message}\n")
            sys.stderr.flush()
    # What is still buffered for stdout cannot be written either: drop it, not a traceback.
    with contextlib.suppress(OSError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    os._exit(1)


__all__ = ["cli", "main"]
