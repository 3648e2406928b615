"""Commands that read a news article itself: sources (its sourcing map) and draft (a deck)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from quizgen.cli import cli, plural
from quizgen.errors import QuizgenError

if TYPE_CHECKING:
    from quizgen.sources import Analysis

_ARTICLE = click.Path(path_type=Path, dir_okay=True)


def _report(analysis: Analysis, article: Path) -> list[str]:
    """Give the sourcing of an article as lines a reader can scan in a terminal."""
    from quizgen.sources.dictview import read_view
    from quizgen.sources.map import summary

    data = analysis.to_dict(str(article))
    view = read_view(data, analysis.text)
    direct = sum(1 for a in analysis.attributions if a.direct)
    lines = [f"{article}: {plural(len(analysis.sources), 'source')}, "
             f"{plural(len(analysis.attributions), 'attribution')} "
             f"({plural(direct, 'direct quotation')})",
             summary(view), "", "Sources:"]
    counts: dict[str | None, int] = {}
    for attribution in analysis.attributions:
        counts[attribution.source] = counts.get(attribution.source, 0) + 1
    for source in analysis.sources:
        row = source.to_dict()
        who = row["name"] or row["description"] or "(unnamed)"
        if row["name"] and row["description"]:
            who = f"{row['name']}, {row['description']}"
        anonymous = ""
        if row["anonymous"]:
            anonymous = f"; anonymous: {row['anonymity_reason'] or 'no reason given'}"
        lines.append(f"  {row['id']:>4}  {row['type']:<24} {who} "
                     f"[{plural(counts.get(source.id, 0), 'attribution')}{anonymous}]")
    lines += ["", "Attributions:"]
    starts = [start for start, _ in analysis.paragraphs]
    for attribution in analysis.attributions:
        item: dict[str, Any] = attribution.to_dict()
        paragraph = sum(1 for start in starts if start <= item["cue"]["start"])
        content = item["content"]["text"] if item["content"] else ""
        if len(content) > 70:
            content = content[:67] + "…"
        mark = "quote" if item["direct"] else "says "
        lines.append(f"  ¶{paragraph:<3} {item['source'] or '?':>4}  {mark}  "
                     f"[{item['cue']['text']}] {content}")
    return lines


@cli.command()
@click.argument("articles", nargs=-1, required=True, metavar="ARTICLE...", type=_ARTICLE)
@click.option("--json", "as_json", is_flag=True,
              help="Print each article's analysis as one JSON object, one line an article.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              metavar="MAP.html", help="Write the sourcing map page (one ARTICLE only).")
def sources(articles: tuple[Path, ...], as_json: bool, output: Path | None) -> None:
    """Report every attribution in a news article: who says what, and how they are named.

    ARTICLE is plain UTF-8 text (paragraphs on lines of their own) or a news page saved as
    HTML (its text and headline, outlet, date and byline are extracted; nothing is fetched).
    Finds direct quotations and their speakers, indirect attributions, the sources with
    their type and anonymity (and the reason given), non-responses and hedges.

    \b
    Examples:
        quizgen sources article.txt
        quizgen sources article.txt -o sourcing-map.html
        quizgen sources *.txt --json > analyses.jsonl
    """
    from quizgen.sources import analyse_file

    if output is not None and len(articles) != 1:
        raise click.UsageError("-o writes the map of one article; give exactly one ARTICLE")
    for article in articles:
        analysis = analyse_file(article)
        if as_json:
            click.echo(json.dumps(analysis.to_dict(str(article)), ensure_ascii=False))
        elif output is None:
            click.echo("\n".join(_report(analysis, article)))
        if output is not None:
            from quizgen.outputs.write import write_atomic
            from quizgen.sources.map import render_map

            page = render_map(analysis.to_dict(str(article)), analysis.text)
            write_atomic(output, page)
            click.echo(output, err=as_json)


@cli.command()
@click.argument("article", type=_ARTICLE)
@click.option("--id", "deck_id", required=True, metavar="ID",
              help="The new deck's id: a lowercase slug, stable forever (Anki keys on it).")
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("decks"), show_default=True, metavar="DIR",
              help="Where the deck folder DIR/ID is made.")
@click.option("--title", help="The deck's title.  [default: the headline]")
@click.option("--outlet", help="The publication, e.g. Reuters.")
@click.option("--headline", help="The article's headline.")
@click.option("--published", metavar="DATE", help="The publication date, e.g. 2024-01-19.")
@click.option("--byline", help="The reporters, as the byline gives them.")
@click.option("--language", default="en", show_default=True,
              help="The article's language; the rules read English only.")
@click.option("--force", is_flag=True, help="Replace an existing deck folder DIR/ID.")
def draft(article: Path, deck_id: str, out_dir: Path, title: str | None, outlet: str | None,
          headline: str | None, published: str | None, byline: str | None, language: str,
          force: bool) -> None:
    """Draft a deck from a news article, every item marked for its author's review.

    Writes DIR/ID/ with the article (copied byte for byte; the extracted text for an HTML
    page) and deck.yaml: who-said items for every quotation, source-type and anonymity
    items for the sources, claim-vs-fact, hedging and corroboration items, each marked
    status: draft. Review each against the article and delete its status line to accept
    it; until then validate warns, and no student page or Anki deck includes it. What the
    article does not say (outlet, date…) is left as a "TODO:" placeholder.

    \b
    Example:
        quizgen draft article.txt --id dam-collapse-2026 --outlet Reuters \\
            --published 2026-11-30
    """
    from quizgen.drafting import write_draft
    from quizgen.sources import analyse_file
    from quizgen.util import display_path

    analysis = analyse_file(article)
    folder = write_draft(analysis.to_dict(str(article)), analysis.text, out_dir,
                         deck_id=deck_id, article=article, force=force, title=title,
                         outlet=outlet, headline=headline, published=published,
                         byline=byline, language=language)
    from quizgen.deckfile import load_deck

    try:
        items = len(load_deck(folder).items)
    except QuizgenError:  # the draft validated in memory; say nothing more than the path
        items = 0
    click.echo(display_path(folder))
    click.echo(f"{display_path(folder / 'deck.yaml')}: drafted {plural(items, 'item')}, each "
               "status: draft; review them against the article, then delete each status "
               "line (quizgen validate lists what is left)", err=True)
