"""The sourcing map: one offline HTML page showing who says what in a news article.

It is drawn from an analysis as `quizgen sources --json` gives it (see `dictview`): the
article with every attribution marked by source, a table of the sources and a summary a
teacher can read aloud. The page is for the teacher: it gives away who-said answers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quizgen.sources.dictview import SourceView, View, capitalize, read_view

if TYPE_CHECKING:
    from quizgen.outputs import Context, Files

TEMPLATE = "sources.html"
#: Colours cycle past this many sources; the number badge tells them apart.
PALETTE = 10
# Nesting order of marks that start and end together: outermost first.
_RANK = {"content": 0, "non-response": 1, "reason": 2, "cue": 3, "mention": 4, "hedge": 5}


@dataclass(frozen=True)
class Mark:
    """One marked stretch of the article: an attribution's content, cue or mention, a hedge."""

    kind: str  # content, cue, mention, hedge, non-response or reason (for anonymity)
    start: int
    end: int
    source_id: str = ""  # "" when the attribution is not tied to a source
    badge: str = ""  # the source's number, "?" when unresolved
    colour: int = 0  # 1..PALETTE, 0 for unresolved or none
    direct: bool = False
    label: str = ""  # what a screen reader announces on focus
    ref: int = 0  # content, cue, mention: the attribution's number in the analysis, from 1
    order: tuple[int, int, int, int] = (0, 0, 0, 0)

    @property
    def focusable(self) -> bool:
        return self.kind in ("content", "non-response", "reason", "hedge")


@dataclass(frozen=True)
class Event:
    """One step of a paragraph's markup: open a mark, close it, or plain text."""

    kind: str  # "open", "close" or "text"
    mark: Mark | None = None
    text: str = ""
    first: bool = True  # for "open": the mark's first piece (later ones continue it)


@dataclass
class Paragraph:
    """One paragraph of the article, as events, with its number from 1."""

    number: int
    events: list[Event] = field(default_factory=list)
    subhead: bool = False  # a short all-capitals line: a subheading of the article


@dataclass(frozen=True)
class SourceRow:
    """One row of the table of sources."""

    source: SourceView
    colour: int
    attributions: int
    quotes: int
    paragraphs: tuple[int, ...]

    @property
    def anonymity(self) -> str:
        if not self.source.anonymous:
            return "No"
        return f"Yes: {self.source.reason}" if self.source.reason else "Yes: no reason given"


def colour_of(source: SourceView | None) -> int:
    """Give a source's colour, 1..PALETTE by its position; 0 for no source."""
    return 0 if source is None else (source.number - 1) % PALETTE + 1


def _who(source: SourceView | None) -> str:
    if source is None:
        return "a source the analysis could not identify"
    return f"source {source.number}, {source.label} ({source.type_label.lower()})"


def marks(view: View) -> list[Mark]:
    """Give every mark of the article: attributions' spans, hedges and non-responses."""
    out: list[Mark] = []

    def add(kind: str, start: int, end: int, source: SourceView | None, label: str = "",
            direct: bool = False, ref: int = 0) -> None:
        if end <= start:
            return
        out.append(Mark(kind, start, end, source.id if source else "",
                        str(source.number) if source else "?", colour_of(source), direct,
                        label, ref, (start, -end, _RANK[kind], len(out))))

    quotes = sum(a.direct for a in view.attributions)
    paraphrases = len(view.attributions) - quotes
    seen: Counter[bool] = Counter()
    for attribution in view.attributions:
        seen[attribution.direct] += 1
        what = (f"Quotation {seen[True]} of {quotes}" if attribution.direct
                else f"Paraphrase {seen[False]} of {paraphrases}")
        if attribution.characterization:
            what += ", a party's characterization"
        label = f"{what}, from {_who(attribution.source)}"
        if attribution.cue is not None:
            label += f"; cue: {attribution.cue.text}"
        source, ref = attribution.source, attribution.index + 1
        if attribution.content is not None:
            add("content", attribution.content.start, attribution.content.end, source, label,
                attribution.direct, ref)
        if attribution.cue is not None:
            add("cue", attribution.cue.start, attribution.cue.end, source, ref=ref)
        if attribution.mention is not None:
            add("mention", attribution.mention.start, attribution.mention.end, source, ref=ref)
    # Every other place the article names or describes a source, in bold like a mention.
    taken = {(m.start, m.end) for m in out if m.kind == "mention"}
    for source in view.sources:
        for mention in source.mentions:
            if (mention.start, mention.end) not in taken:
                add("mention", mention.start, mention.end, source)
    # The reason the article gives for keeping a source anonymous, where it first says it.
    for source in view.sources:
        if source.anonymous and source.reason:
            after = source.mentions[0].start if source.mentions else 0
            found = view.text.find(source.reason, after)
            found = view.text.find(source.reason) if found < 0 else found
            if found >= 0:
                add("reason", found, found + len(source.reason), source,
                    f"Why the article does not name {_who(source)}: {source.reason}")
    for hedge in view.hedges:
        add("hedge", hedge.span.start, hedge.span.end, None, f"Hedge: {hedge.span.text}")
    for response in view.non_responses:
        add("non-response", response.span.start, response.span.end, response.source,
            f"No response, from {_who(response.source)}")
    return out


def paragraphs(view: View, all_marks: Sequence[Mark]) -> list[Paragraph]:
    """Give the article's paragraphs as events, overlapping marks split so that they nest.

    Each stretch between two mark boundaries is wrapped in the marks covering it, outermost
    first; a mark that crosses another's end (or a paragraph's) is closed and reopened.
    """
    result = []
    opened: set[Mark] = set()
    # Each mark in the paragraphs it touches: found by bisection, so a long article with
    # many marks costs marks × log(paragraphs), not marks × paragraphs.
    buckets: list[list[Mark]] = [[] for _ in view.paragraphs]
    for mark in all_marks:
        first = view.paragraph_of(mark.start) - 1
        for n in range(first, view.paragraph_of(max(mark.start, mark.end - 1))):
            buckets[n].append(mark)
    for number, (p_start, p_end) in enumerate(view.paragraphs, start=1):
        here = [m for m in buckets[number - 1] if m.start < p_end and m.end > p_start]
        cuts = sorted({p_start, p_end} | {max(m.start, p_start) for m in here}
                      | {min(m.end, p_end) for m in here})
        paragraph = Paragraph(number, subhead=_is_subhead(view.text[p_start:p_end]))
        stack: list[Mark] = []
        for a, b in pairwise(cuts):
            active = sorted((m for m in here if m.start <= a and m.end >= b),
                            key=lambda m: m.order)
            keep = 0
            while keep < min(len(stack), len(active)) and stack[keep] is active[keep]:
                keep += 1
            paragraph.events.extend(Event("close", m) for m in reversed(stack[keep:]))
            for mark in active[keep:]:
                paragraph.events.append(Event("open", mark, first=mark not in opened))
                opened.add(mark)
            stack = active
            paragraph.events.append(Event("text", text=view.text[a:b]))
        paragraph.events.extend(Event("close", m) for m in reversed(stack))
        result.append(paragraph)
    return result


def _is_subhead(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and len(line) <= 60 and all(c.isupper() for c in letters)


def source_rows(view: View) -> list[SourceRow]:
    """Give a row per source: how many attributions rest on it, and where."""
    rows = []
    for source in view.sources:
        own = view.attributions_of(source)
        spans = [s for a in own for s in a.spans()] + [
            r.span for r in view.non_responses if r.source is source]
        where = sorted({n for s in spans for n in view.paragraphs_of(s)})
        rows.append(SourceRow(source, colour_of(source), len(own),
                              sum(a.direct for a in own), tuple(where)))
    return rows


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def _names(labels: Sequence[str]) -> str:
    """Give "a, b and c"; "a; b; and c" when a label holds a comma or "and" itself."""
    if len(labels) <= 1:
        return "".join(labels)
    if any("," in label or " and " in label for label in labels):
        return "; ".join(labels[:-1]) + "; and " + labels[-1]
    return ", ".join(labels[:-1]) + " and " + labels[-1]


def summary(view: View) -> str:
    """Give one paragraph a teacher can read aloud about how the article is sourced."""
    total = len(view.attributions)
    if not total:
        return "The analysis found no attribution in this article: nothing in it is credited " \
               "to a source."
    quotes = sum(a.direct for a in view.attributions)
    cited = [s for s in view.sources if view.attributions_of(s)]
    parts = [f"The article credits {_plural(total, 'statement')} to "
             f"{_plural(len(cited), 'source')}: {_plural(quotes, 'direct quotation')} and "
             f"{_plural(total - quotes, 'paraphrase')}."]
    unnamed = [a for a in view.attributions if a.source is not None and a.source.anonymous]
    anonymous = [s for s in cited if s.anonymous]
    if anonymous:
        reasons, n = sum(bool(s.reason) for s in anonymous), len(anonymous)
        if not reasons:
            given = "it never says why" if n == 1 else "it says why for none of them"
        elif reasons < n:
            given = f"it says why for {reasons} of the {n}"
        else:
            given = "it says why" if n == 1 else "it says why for each of them"
        parts.append(f"{len(unnamed)} of {total} rest on sources the article does not name "
                     f"({_names([s.inline for s in anonymous])}); "
                     f"{given}.")
    else:
        parts.append("Every source it cites is named.")
    unresolved = sum(a.source is None for a in view.attributions)
    if unresolved:
        parts.append(f"{_plural(unresolved, 'attribution')} could not be tied to a source.")
    if cited:
        counts = {s: len(view.attributions_of(s)) for s in cited}
        top = max(counts.values())
        leaders = [s for s in cited if counts[s] == top]
        if len(leaders) == 1:
            parts.append(f"The most cited source is {leaders[0].inline} "
                         f"({_plural(top, 'attribution')}).")
        elif len(leaders) < len(cited):
            parts.append(f"The most cited sources are {_names([s.inline for s in leaders])} "
                         f"({top} attributions each).")
    characterizations = sum(a.characterization for a in view.attributions)
    if characterizations:
        places = "In 1 place" if characterizations == 1 else f"In {characterizations} places"
        parts.append(f"{places} the article hands a description to a party (“what it "
                     "described as…”) instead of stating it as fact.")
    if view.hedges:
        words = _names(list(dict.fromkeys(f"“{h.span.text}”" for h in view.hedges)))
        parts.append(f"It hedges {_plural(len(view.hedges), 'time')}: {words}.")
    for response in view.non_responses:
        who = response.source.inline if response.source else "A party"
        parts.append(f"{capitalize(who)}: “{response.span.text}”.")
    return " ".join(parts)


def _article_name(path: str) -> str:
    """Give a title for an article known only by its path: "iran-2024/article.txt"."""
    parts = Path(path).parts[-2:] if path else ()
    return "/".join(parts) or "An article"


def render_map(analysis: Mapping[str, Any], text: str, *, title: str | None = None,
               template_dir: Path | str | None = None) -> str:
    """Give the sourcing map of an article as one self-contained HTML page.

    analysis is the dict `quizgen sources --json` prints for the article; text is the text
    it was made from (its offsets index it). Raises AnalysisError when they do not fit.
    """
    from quizgen.outputs.templating import environment, render_template

    view = read_view(analysis, text)
    all_marks = marks(view)
    meta = view.metadata
    context = {
        "title": title or meta.get("headline") or _article_name(view.article),
        "meta": {key: meta.get(key, "") for key in ("headline", "outlet", "published",
                                                    "byline")},
        "language": meta.get("language") or "en",
        "article": view.article,
        "summary": summary(view),
        "rows": source_rows(view),
        "unresolved": sum(a.source is None for a in view.attributions),
        "paragraphs": paragraphs(view, all_marks),
        "counts": {"attributions": len(view.attributions),
                   "quotes": sum(a.direct for a in view.attributions),
                   "hedges": len(view.hedges), "marked": sum(m.focusable for m in all_marks)},
        "palette": PALETTE,
    }
    return render_template(environment(template_dir), TEMPLATE, context)



def render_output(context: Context) -> Files:
    """Give the sourcing map of the context's deck, as the registry's "sources" output."""
    from quizgen.outputs import get
    from quizgen.sources import analyse_text

    deck = context.quiz.deck
    analysis = analyse_text(deck.article_text)
    meta = {"headline": deck.source.headline, "outlet": deck.source.outlet,
            "published": deck.source.published, "byline": deck.source.byline or None,
            "language": deck.language}
    data = analysis.to_dict(deck.source.article) | {"metadata": meta}
    page = render_map(data, analysis.text, title=deck.title,
                      template_dir=context.template_dir)
    return {get("sources").file_name(deck.id): page.encode("utf-8")}
