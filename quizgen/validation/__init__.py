"""Checking decks: every rule's problems, reported at once, in the order of the file."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from quizgen.deckfile import SourceMap, read_deck
from quizgen.decks import unique_decks
from quizgen.errors import DeckError, Problem
from quizgen.fold import ArticleIndex, fold_text
from quizgen.model import PLACEHOLDER_MARK, Deck
from quizgen.util import DECK_PREFIX, anki_deck_key, anki_title, display_path
from quizgen.validation.deck_rules import deck_rules
from quizgen.validation.rules import (
    ID_PATTERN,
    LineOf,
    check_item,
    hidden_characters,
    number_like,
)

__all__ = ["Report", "check_decks", "errors_of", "load_checked", "number_like", "validate"]


def validate(deck: Deck, where: SourceMap | None = None) -> list[Problem]:
    """Give every problem in a loaded deck, errors and warnings, in the order of the file.

    ``where`` places each problem at its file and line; a deck made by a program has none,
    and its problems name the deck id instead of a file.
    """
    file = where.file if where is not None else deck.id

    def lines(index: int) -> LineOf:
        return (lambda field: where.line(index, field)) if where is not None else _nowhere

    problems: list[Problem] = []
    if not ID_PATTERN.fullmatch(deck.id):
        problems.append(Problem(file, f"{deck.id!r} is not a lowercase slug "
                                "(letters, digits and single hyphens)", field="id",
                                code="bad-id"))
    source = deck.source
    for field, text in (("title", deck.title), ("language", deck.language),
                        ("source.outlet", source.outlet), ("source.headline", source.headline),
                        ("source.published", source.published),
                        ("source.byline", source.byline)):
        for message, code in hidden_characters(text, False):
            problems.append(Problem(file, message, field=field, code=code))
    for field, value in (("title", deck.title), ("source.outlet", deck.source.outlet),
                         ("source.headline", deck.source.headline),
                         ("source.published", deck.source.published),
                         ("source.byline", deck.source.byline)):
        if value.startswith(PLACEHOLDER_MARK):
            problems.append(Problem(file, f"is the placeholder {value!r} that quizgen draft "
                                    "left; fill it in from the article's page",
                                    field=field, severity="warning", code="placeholder"))
    index = ArticleIndex(deck.article_text)
    headline = fold_text(deck.source.headline)
    seen: dict[str, int] = {}
    for number, item in enumerate(deck.items):
        line_of = lines(number)
        problems.extend(check_item(item, index, file, line_of, headline))
        if item.draft:
            problems.append(Problem(
                file, "not reviewed: written by quizgen draft; check it against the article, "
                "then delete its status line", item.id, "status", line_of("status"),
                "warning", "draft"))
        if item.id in seen:
            first = lines(seen[item.id])("")
            at = f" on line {first}" if first is not None else ""
            problems.append(Problem(file, f"duplicates the id of the item{at}; ids must be "
                                    "unique", item.id, "id", line_of("id"),
                                    code="duplicate-id"))
        else:
            seen[item.id] = number
    # Rules that read the deck as a whole give findings; here they get their file and line.
    for item_id, field, severity, code, message in deck_rules(deck):
        line = lines(seen[item_id])(field) if item_id in seen else None
        problems.append(Problem(file, message, item_id, field, line, severity, code))
    return problems


def _nowhere(field: str) -> int | None:
    return None


def errors_of(problems: list[Problem], strict: bool = False) -> list[Problem]:
    """Give the problems that stop a build: the errors, and under strict the warnings too."""
    return [p for p in problems if strict or p.severity == "error"]


@dataclass(frozen=True)
class Report:
    """What checking one deck found: where it is, its id and size when known, its problems."""

    file: str
    deck_id: str | None
    items: int | None
    problems: list[Problem]


def check_decks(paths: Sequence[Path]) -> list[Report]:
    """Check every deck, structure and content, and that no two decks share an id.

    Each deck's problems are in the order of its file; a deck that cannot be read at all
    has that one problem.
    """
    reports: list[Report] = []
    owners: dict[str, str] = {}
    anki_owners: dict[str, str] = {}
    for path in unique_decks(paths):
        file = display_path(path)
        try:
            reading = read_deck(path)
        except DeckError as err:
            reports.append(Report(file, None, None, err.problems))
            continue
        problems = list(reading.problems)
        deck = reading.deck
        if deck is not None:
            # The items that loaded are checked too: every problem is reported at once.
            problems += validate(deck, reading.where)
            if deck.id in owners:
                # The Anki notes of two decks with one id would overwrite each other.
                problems.append(Problem(file, f"{deck.id!r} is also the id of {owners[deck.id]}; "
                                        "each deck needs its own id", field="id",
                                        code="duplicate-deck-id"))
            elif (key := anki_deck_key(deck.title)) in anki_owners:
                # Anki compares deck names ignoring case: both decks' cards would share one.
                problems.append(Problem(file, f"makes the Anki deck {DECK_PREFIX}"
                                        f"{anki_title(deck.title)}, as {anki_owners[key]} "
                                        "does (Anki ignores case, and quizgen makes '::' one "
                                        "':'); give it a title of its own", field="title",
                                        code="anki-deck-collision"))
            owners.setdefault(deck.id, file)
            anki_owners.setdefault(anki_deck_key(deck.title), file)
        problems.sort(key=lambda p: p.line or 0)
        reports.append(Report(file, deck.id if deck else None,
                              reading.item_count if deck else None, problems))
    return reports


def load_checked(path: Path | str, strict: bool = False,
                 include_drafts: bool = True) -> tuple[Deck, list[Problem]]:
    """Give a deck that passed validation and its warnings; raise DeckError on errors.

    Without include_drafts, the items still marked draft are left out, and so are their
    problems: a draft the author has not accepted never stops or warns a build.
    """
    deck, _, problems = load_placed(path, strict, include_drafts)
    return deck, problems


def load_placed(path: Path | str, strict: bool = False, include_drafts: bool = True
                ) -> tuple[Deck, SourceMap, list[Problem]]:
    """Give a deck that passed validation, where it was read from, and its warnings.

    The SourceMap places the deck as read, drafts included (see load_checked).
    """
    reading = read_deck(path)
    if reading.problems or reading.deck is None:
        raise DeckError(reading.problems)
    deck = reading.deck
    problems = validate(deck, reading.where)
    if not include_drafts:
        drafts = {item.id for item in deck.items if item.draft}
        problems = [p for p in problems if p.item not in drafts]
        deck = deck.reviewed()
    stopping = errors_of(problems, strict)
    if stopping:
        raise DeckError(stopping)
    return deck, reading.where, problems
