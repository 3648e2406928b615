"""Draft items about the sources: who said each quotation, how each source is identified,
and why an anonymous one is not named."""

from __future__ import annotations

import re

from quizgen.drafting.items import Drafter
from quizgen.drafting.wording import (
    MAX_RIVALS,
    NEIGHBOURS,
    STOCK_REASONS,
    TYPE_LESSONS,
    credit,
    fair,
    fallbacks,
    identified,
    inline,
    option_of,
    reason_option,
    type_why,
)
from quizgen.drafting.words import PRONOUNS, fold_words, quoted, shorter_quotes, trim
from quizgen.sources.dictview import TYPE_LABELS, SourceView, Span, capitalize


def _who_said_prompt(words: str) -> str:
    if len(words.split()) < 6:
        return f"Who is quoted using the words “{words}”?"
    return f"Who said: “{words}”?"


def who_said(d: Drafter) -> None:
    """Add a who-said item for every direct quotation whose speaker is resolved."""
    for attribution in d.view.attributions:
        source, content = attribution.source, attribution.content
        if not attribution.direct or source is None or content is None:
            continue
        words = quoted(content.text)
        # A counted group ("three officials and an analyst") reads as a number among
        # names, and it may hold the speaker: not a distractor for one source's words.
        # A ministry speaks for its government: neither is a fair distractor for the other.
        rivals = [s for s in d.rivals(source) if s.type != "group" and fair(s, source)]
        others = [(d.options[s.id], _who_said_why(d, s)) for s in rivals[:MAX_RIVALS]]
        others += fallbacks(attribution)
        mention = attribution.mention
        credited = credit(attribution)
        if mention is None:
            explanation = (f"The quotation carries no cue of its own; the sentences "
                           f"around it credit it to {identified(source)}.")
            difficulty = 3
        elif mention.text.casefold() in PRONOUNS:
            explanation = (f"The quotation carries only {d.quote(credited)}: trace "
                           f"{d.quote(mention.text)} back to the source it stands for, "
                           f"{identified(source)}.")
            difficulty = 2
        elif fold_words(source.name or source.description) in fold_words(mention.text):
            explanation = f"The article credits these words directly: {d.quote(credited)}."
            difficulty = 1 if source.name else 2
        else:
            explanation = (f"The article credits these words with {d.quote(credited)}: "
                           f"{d.quote(mention.text)} is {identified(source)}, introduced "
                           "earlier in the article.")
            difficulty = 2
        explanation += " " + TYPE_LESSONS.get(source.type, "")
        tags = ["quote", source.type]
        if source.anonymous or source.name:
            tags.append("anonymous-source" if source.anonymous else "named-source")
        start = attribution.start
        if mention is None:  # take in the sentence that names the speaker, if it is near
            here = d.view.paragraph_of(start)
            start = min([start] + [a.start for a in d.attributions_of(source)
                                   if a.start < start and a.mention is not None
                                   and d.view.paragraph_of(a.start) == here])
        # Should the whole quotation echo the answer or give another item away, a part of
        # it will do: "We have warned everyone that any action against our nation…".
        d.add("who-said", f"{source.inline} {words}", content.text, _who_said_prompt(words),
              option_of(source), others, d.evidence(start, attribution.end),
              explanation.strip(), tags, difficulty,
              [_who_said_prompt(w) for w in shorter_quotes(words)])


def _who_said_why(d: Drafter, other: SourceView) -> str:
    """Give why another source did not say the quotation: what the article has them say."""
    quotes = d.quotes_of(other)
    said = d.attributions_of(other)
    who = inline(other)
    if quotes and quotes[0].content is not None:
        return (f"The article quotes {who} elsewhere, saying "
                f"“{trim(quoted(quotes[0].content.text), 70)}”, not these words.")
    if said and said[0].content is not None:
        return (f"The article cites {who} on something else: "
                f"“{trim(said[0].content.text, 70)}”.")
    silent = [r for r in d.view.non_responses if r.source is other]
    if silent:
        return f"{capitalize(who)} {silent[0].span.text}: the article quotes nothing from them."
    return f"The article mentions {who} but quotes nothing from them."


#: Mentions that identify no one on their own: "How does the article identify “it”?"
_BARE = PRONOUNS | {"that", "this", "which", "who", "whom"}


def _as_written(source: SourceView) -> list[Span]:
    """Give the source's mentions that identify it, not "he" or "it": those reading as its
    name or description first, then the others, each in the article's order."""
    seen: set[str] = set()
    out = []
    for mention in source.mentions:
        key = fold_words(mention.text)
        if key and key not in _BARE and key not in seen:
            seen.add(key)
            out.append(mention)
    own = {fold_words(source.name), fold_words(source.description)} - {""}
    return sorted(out, key=lambda m: fold_words(m.text) not in own)


def source_types(d: Drafter) -> None:
    """Add a source-type item for every source identified in the article."""
    for source in d.view.sources:
        if source.type not in NEIGHBOURS:
            continue
        mentions = _as_written(source)
        said = d.attributions_of(source)
        if mentions:
            first = mentions[0]
            where, as_written = (first.start, first.end), first.text
        elif said:
            where, as_written = (said[0].start, said[0].end), source.label
        else:
            continue
        asked = [f"How does the article identify “{trim(m.text, 110)}”?" for m in mentions]
        if not asked:
            asked = [f"How does the article identify {d.quote(trim(as_written, 110))}?"]
        d.add("source-type", source.inline, as_written, asked[0],
              TYPE_LABELS[source.type],
              [(TYPE_LABELS[t], type_why(t, source, d.quote)) for t in NEIGHBOURS[source.type]],
              d.evidence(*where), TYPE_LESSONS[source.type],
              [source.type, "anonymous-source" if source.anonymous else "sourcing"],
              1 if source.name else 2, asked[1:])


def anonymity(d: Drafter) -> None:
    """Add an anonymity item for every anonymous source: the reason given, or none."""
    anonymous = [s for s in d.view.sources if s.anonymous]
    for source in anonymous:
        reason = reason_option(source.reason)
        first = source.mentions[0] if source.mentions else None
        said = d.attributions_of(source)
        where = (first.start, first.end) if first else (
            (said[0].start, said[0].end) if said else None)
        if source.reason:
            found = d.view.text.find(source.reason, where[0] if where else 0)
            if found < 0:
                found = d.view.text.find(source.reason)
            if found >= 0:
                where = (found, found + len(source.reason))
        if where is None:
            continue
        options: list[tuple[str, str]] = []
        for other in anonymous:
            if other is not source and other.reason and (
                    fold_words(other.reason) != fold_words(source.reason)):
                options.append((reason_option(other.reason), "That reason is given for "
                                f"{inline(other)}, not for this source."))
        if reason:
            options.append(("No reason is given",
                            f"A reason is given: {d.quote(source.reason)}."))
        options += [(text, why) for text, why, key in STOCK_REASONS
                    if not re.search(key, source.reason.casefold())]
        if reason:
            explanation = (f"The article says why it does not name this source: "
                           f"{d.quote(source.reason)}. Good practice is to give readers "
                           "that reason; judge whether it is specific enough.")
        else:
            explanation = ("The article asks readers to trust this source without "
                           "saying why it is not named. Noticing a missing reason is "
                           "the skill.")
        d.add("anonymity", source.inline, source.reason or source.inline,
              f"Why does the article not name {inline(source)}?",
              reason or "No reason is given", options, d.evidence(*where),
              explanation, ["anonymous-source", source.type], 1 if reason else 2)
