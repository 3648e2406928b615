"""Drafting a deck from an article's analysis: items an author reviews, one by one.

The analysis is the dict `quizgen sources --json` prints (see `quizgen.sources.dictview`).
Each drafted item is marked `status: draft`; deleting that line is how an author accepts it.
Every item is built from spans of the article, so its evidence always validates, and its id
is a slug of its kind, a few key words and a short hash of its span: rerunning the draft on
the same article gives the same ids.

The package: `sourcing` and `claims` build the items kind by kind with the `items`
drafter (`wording` and `words` hold their phrases and word work), `review` checks them as
validate does, `yamltext` writes deck.yaml, `folder` puts the folder in place.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from quizgen.drafting.claims import characterizations, corroboration, hedges, non_responses
from quizgen.drafting.folder import write_folder
from quizgen.drafting.items import Drafter
from quizgen.drafting.review import review
from quizgen.drafting.sourcing import anonymity, source_types, who_said
from quizgen.drafting.words import is_english
from quizgen.drafting.yamltext import deck_text, yaml_string
from quizgen.errors import OutputError, QuizgenError
from quizgen.model import DRAFT, PLACEHOLDER_MARK, Deck, Source
from quizgen.sources.dictview import View, read_view

__all__ = ["DRAFT", "PLACEHOLDER", "DraftError", "draft_deck", "write_draft",
           "yaml_string"]

#: What an unknown deck field reads until the author fills it in: "TODO: outlet".
PLACEHOLDER = PLACEHOLDER_MARK + " {field}"


class DraftError(QuizgenError):
    """Raised when no draft can be written: not English, nothing attributed, a bad deck id."""


def _check_language(*languages: str | None) -> None:
    for language in languages:
        if language and not is_english(language):
            raise DraftError(
                f"the article is in {language!r}; quizgen draft's rules read English news "
                "only, so it drafts nothing for it")


def _valid_id(deck_id: str) -> None:
    from quizgen.validation.rules import ID_PATTERN

    if not ID_PATTERN.fullmatch(deck_id):
        raise DraftError(f"--id {deck_id!r} is not a lowercase slug (letters, digits and single "
                         "hyphens, like 'iran-pakistan-2024')")


def _drafter(view: View) -> Drafter:
    """Give the drafter of an analysed article with its items built, grouped by kind."""
    drafter = Drafter(view)
    steps: tuple[Callable[[Drafter], None], ...] = (
        who_said, source_types, anonymity, characterizations, hedges, non_responses,
        corroboration)
    for step in steps:
        step(drafter)
    return drafter


def draft_deck(analysis: Mapping[str, Any], text: str, *, deck_id: str,
               title: str | None = None, outlet: str | None = None,
               headline: str | None = None, published: str | None = None,
               byline: str | None = None, language: str = "en",
               article_name: str = "article.txt") -> str:
    """Give the text of a draft deck.yaml for an analysed article.

    analysis is the dict `quizgen sources --json` prints; text is the analysed text. Raises
    DraftError for a deck id that is not a slug, an article not in English, or an article
    with no attribution; AnalysisError for an analysis that does not fit the text.
    """
    _valid_id(deck_id)
    view = read_view(analysis, text)
    meta = view.metadata
    _check_language(language, meta.get("language"))
    name = view.article or article_name
    if not view.attributions:
        raise DraftError(f"{name}: found no attribution (no quotation, no “said” or "
                         "“according to”); there is nothing to draft items from")
    fields = {
        "outlet": outlet or meta.get("outlet") or PLACEHOLDER.format(field="outlet"),
        "headline": headline or meta.get("headline") or PLACEHOLDER.format(field="headline"),
        "published": published or meta.get("published")
        or PLACEHOLDER.format(field="published"),
        "byline": byline or meta.get("byline") or PLACEHOLDER.format(field="byline"),
    }
    deck_title = (title or headline or meta.get("headline")
                  or PLACEHOLDER.format(field="title"))
    source = Source(fields["outlet"], fields["headline"], fields["published"], article_name,
                    fields["byline"])
    drafter = _drafter(view)
    items, left_out = review(
        drafter.items, drafter.prompts,
        lambda kept: Deck(deck_id, deck_title, source, kept, text, language or "en"))
    if not items:
        raise DraftError(f"{name}: no item could be drafted from its attributions")
    return deck_text(deck_id, deck_title, language or "en", source, items, left_out)


def write_draft(analysis: Mapping[str, Any], text: str, out_dir: Path | str, *, deck_id: str,
                article: Path | str | None = None, force: bool = False,
                title: str | None = None, outlet: str | None = None,
                headline: str | None = None, published: str | None = None,
                byline: str | None = None, language: str = "en") -> Path:
    """Write the deck folder OUT_DIR/ID (deck.yaml and article.txt) and give its path.

    The article is copied byte for byte from `article` when the analysis is of that file as
    read; when the analysis carries its own "text" (a saved HTML page) or no file is given,
    the analysed text is written. The folder is built beside its destination and renamed
    into place, so a failure leaves nothing half-written. An existing folder is refused
    unless force is set, and then replaced whole.
    """
    _valid_id(deck_id)
    target = Path(out_dir) / deck_id
    if (target.exists() or target.is_symlink()) and not force:
        raise DraftError(f"{target}: already exists; choose another --id, or pass --force "
                         "to replace it")
    deck_yaml = draft_deck(analysis, text, deck_id=deck_id, title=title, outlet=outlet,
                           headline=headline, published=published, byline=byline,
                           language=language)
    if article is not None and "text" not in analysis:
        try:
            article_bytes = Path(article).read_bytes()
        except OSError as err:
            raise OutputError(f"{article}: cannot read: {err.strerror or err}") from err
    else:
        article_bytes = text.encode("utf-8")
    if target.exists() and not target.is_dir():
        raise OutputError(f"{target}: is a file, not a deck folder; remove it or choose "
                          "another --id")
    write_folder(target, {"deck.yaml": deck_yaml.encode("utf-8"),
                           "article.txt": article_bytes})
    return target
