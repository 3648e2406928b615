"""The draft items of one article, kind by kind, each built from spans of the article."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from quizgen.drafting.wording import (
    MAX_RIVALS,
    NEIGHBOURS,
    STOCK_REASONS,
    TYPE_LESSONS,
    credit,
    distinct,
    fair,
    fallbacks,
    hedge_reading,
    identified,
    is_person,
    non_response_reading,
    option_of,
    reason_option,
    type_why,
)
from quizgen.drafting.words import (
    PRONOUNS,
    count_sources,
    fold_words,
    make_id,
    possessive,
    quoted,
    slug_words,
    trim,
    word_count,
)
from quizgen.model import DRAFT, Distractor, Item
from quizgen.sources.dictview import TYPE_LABELS, Attribution, SourceView, View, capitalize


class Drafter:
    """Builds the items of one article, in the order of the deck file."""

    def __init__(self, view: View) -> None:
        self.view = view
        self.items: list[Item] = []
        self.ids: set[str] = set()
        self.options = {s.id: option_of(s) for s in view.sources}
        self.said: dict[str, list[Attribution]] = {s.id: [] for s in view.sources}
        for attribution in view.attributions:
            if attribution.source is not None:
                self.said[attribution.source.id].append(attribution)

    # -- plumbing

    def evidence(self, start: int, end: int) -> str:
        a, b = self.view.sentence(start, end)
        return self.view.text[a:b].strip()

    def add(self, kind: str, key: str, span: str, prompt: str, answer: str,
            distractors: Sequence[tuple[str, str]], evidence: str, explanation: str,
            tags: Sequence[str], difficulty: int) -> None:
        chosen = distinct(answer, distractors)[:4]
        if len(chosen) < 2 or not evidence:
            return
        item_id = base = make_id(kind, key, span)
        n = 2
        while item_id in self.ids:  # the same words twice in one article
            item_id, n = f"{base}-{n}", n + 1
        self.ids.add(item_id)
        self.items.append(Item(
            id=item_id, kind=kind, prompt=prompt, answer=answer,
            distractors=tuple(Distractor(t, w) for t, w in chosen), evidence=evidence,
            explanation=explanation, tags=tuple(dict.fromkeys(tags)), difficulty=difficulty,
            status=DRAFT))

    def attributions_of(self, source: SourceView) -> list[Attribution]:
        return self.said.get(source.id, [])

    def quotes_of(self, source: SourceView) -> list[Attribution]:
        return [a for a in self.attributions_of(source) if a.direct and a.content]

    # -- who-said

    def who_said(self) -> None:
        for attribution in self.view.attributions:
            source, content = attribution.source, attribution.content
            if not attribution.direct or source is None or content is None:
                continue
            words = quoted(content.text)
            if len(words.split()) < 6:
                prompt = f"Who is quoted using the words “{words}”?"
            else:
                prompt = f"Who said: “{words}”?"
            # A counted group ("three officials and an analyst") reads as a number among
            # names, and it may hold the speaker: not a distractor for one source's words.
            # A ministry speaks for its government: neither is a fair distractor for the other.
            rivals = [s for s in self.rivals(source) if s.type != "group" and fair(s, source)]
            rivals = rivals[:MAX_RIVALS]
            others = [(self.options[s.id], self.who_said_why(s, attribution))
                      for s in rivals]
            others += fallbacks(attribution)
            mention = attribution.mention
            credited = credit(attribution)
            if mention is None:
                explanation = (f"The quotation carries no cue of its own; the sentences "
                               f"around it credit it to {identified(source)}.")
                difficulty = 3
            elif mention.text.casefold() in PRONOUNS:
                explanation = (f"The quotation carries only “{credited}”: trace "
                               f"“{mention.text}” back to the source it stands for, "
                               f"{identified(source)}.")
                difficulty = 2
            elif fold_words(source.name or source.description) in fold_words(mention.text):
                explanation = f"The article credits these words directly: “{credited}”."
                difficulty = 1 if source.name else 2
            else:
                explanation = (f"The article credits these words with “{credited}”: "
                               f"“{mention.text}” is {identified(source)}, introduced "
                               "earlier in the article.")
                difficulty = 2
            explanation += " " + TYPE_LESSONS.get(source.type, "")
            tags = ["quote", source.type]
            if source.anonymous or source.name:
                tags.append("anonymous-source" if source.anonymous else "named-source")
            start = attribution.start
            if mention is None:  # take in the sentence that names the speaker, if it is near
                here = self.view.paragraph_of(start)
                start = min([start] + [a.start for a in self.attributions_of(source)
                                       if a.start < start and a.mention is not None
                                       and self.view.paragraph_of(a.start) == here])
            self.add("who-said", f"{source.inline} {words}", content.text, prompt,
                     option_of(source), others, self.evidence(start, attribution.end),
                     explanation.strip(), tags, difficulty)

    def rivals(self, source: SourceView) -> list[SourceView]:
        """Give the other sources, the most confusable first: same type, then neighbours."""
        order = [source.type, *NEIGHBOURS.get(source.type, ())]

        def rank(other: SourceView) -> tuple[int, int]:
            if other.type in order:
                return (order.index(other.type), other.number)
            if other.type in ("no-response", "group"):
                return (len(order) + 2, other.number)
            person = other.type not in ("government", "institutional-statement", "document")
            return (len(order) + (0 if person == is_person(source) else 1), other.number)

        mine = fold_words(self.options[source.id])
        return sorted((s for s in self.view.sources
                       if s is not source and fold_words(self.options[s.id]) != mine), key=rank)

    def who_said_why(self, other: SourceView, attribution: Attribution) -> str:
        quotes = self.quotes_of(other)
        said = self.attributions_of(other)
        if quotes and quotes[0].content is not None:
            return (f"{capitalize(other.inline)} is quoted elsewhere, saying "
                    f"“{trim(quoted(quotes[0].content.text), 70)}”, not these words.")
        if said and said[0].content is not None:
            return (f"{capitalize(other.inline)} is cited on something else: "
                    f"“{trim(said[0].content.text, 70)}”.")
        silent = [r for r in self.view.non_responses if r.source is other]
        if silent:
            return (f"{capitalize(other.inline)} {silent[0].span.text}: the article "
                    "quotes nothing from them.")
        return f"{capitalize(other.inline)} is mentioned, but nothing is quoted from them."

    # -- source-type and anonymity

    def source_types(self) -> None:
        for source in self.view.sources:
            if source.type not in NEIGHBOURS:
                continue
            first = source.mentions[0] if source.mentions else None
            said = self.attributions_of(source)
            if first is None and not said:
                continue
            where = (first.start, first.end) if first else (said[0].start, said[0].end)
            as_written = first.text if first else source.label
            self.add("source-type", source.inline, as_written,
                     f"How does the article identify “{trim(as_written, 110)}”?",
                     TYPE_LABELS[source.type],
                     [(TYPE_LABELS[t], type_why(t, source)) for t in NEIGHBOURS[source.type]],
                     self.evidence(*where), TYPE_LESSONS[source.type],
                     [source.type, "anonymous-source" if source.anonymous else "sourcing"],
                     1 if source.name else 2)

    def anonymity(self) -> None:
        anonymous = [s for s in self.view.sources if s.anonymous]
        for source in anonymous:
            reason = reason_option(source.reason)
            first = source.mentions[0] if source.mentions else None
            said = self.attributions_of(source)
            where = (first.start, first.end) if first else (
                (said[0].start, said[0].end) if said else None)
            if source.reason:
                found = self.view.text.find(source.reason, where[0] if where else 0)
                if found < 0:
                    found = self.view.text.find(source.reason)
                if found >= 0:
                    where = (found, found + len(source.reason))
            if where is None:
                continue
            options: list[tuple[str, str]] = []
            for other in anonymous:
                if other is not source and other.reason and fold_words(other.reason) != fold_words(
                        source.reason):
                    options.append((reason_option(other.reason), f"That reason is given for "
                                    f"{other.inline}, not for this source."))
            if reason:
                options.append(("No reason is given", f"A reason is given: “{source.reason}”."))
            options += [(text, why) for text, why, key in STOCK_REASONS
                        if not re.search(key, source.reason.casefold())]
            if reason:
                explanation = (f"The article says why it does not name this source: "
                               f"“{source.reason}”. Good practice is to give readers that "
                               "reason; judge whether it is specific enough.")
            else:
                explanation = ("The article asks readers to trust this source without "
                               "saying why it is not named. Noticing a missing reason is "
                               "the skill.")
            self.add("anonymity", source.inline, source.reason or source.inline,
                     f"Why does the article not name {source.inline}?",
                     reason or "No reason is given", options, self.evidence(*where),
                     explanation, ["anonymous-source", source.type], 1 if reason else 2)

    # -- claim-vs-fact

    def characterizations(self) -> None:
        for attribution in self.view.attributions:
            source, content, cue = attribution.source, attribution.content, attribution.cue
            if not attribution.characterization or content is None or cue is None:
                continue
            start, end = min(cue.start, content.start), max(cue.end, content.end)
            segment = trim(self.window(start, end, 6), 240)
            described = quoted(content.text)
            lesson = (f"Wording such as “{cue.text}” lets reporters pass on a party’s account "
                      "without vouching for it")
            who = source.inline if source else "a party the article cites"
            named_in_prompt = source is None or any(
                w in fold_words(segment).split() for w in slug_words(source.inline, 4))
            if named_in_prompt:
                # The party is named in the passage itself: ask what the wording does.
                prompt = f"The article says “{segment}”. What does “{cue.text}” tell you?"
                answer = "A party’s claim, not a fact the reporters vouch for"
                options = [
                    ("The reporters have confirmed the description",
                     f"“{cue.text}” hands the description to {who}; it does not confirm it."),
                    ("The description is the reporters’ own",
                     f"The reporters pass on {possessive(who)} words instead of stating them."),
                    ("Every party agrees with the description",
                     f"Nothing in the wording says others accept it; it stays "
                     f"{possessive(who)} claim."),
                ]
            else:
                assert source is not None
                prompt = f"In “{segment}”, whose description is “{described}”?"
                answer = option_of(source)
                options = [("The reporters, in their own voice",
                            f"“{cue.text}” hands the description to {source.inline}; the "
                            "reporters do not state it as fact.")]
                options += [(self.options[s.id], f"“{cue.text}” points to {source.inline}, "
                                                 f"not to {s.inline}.")
                            for s in self.rivals(source)[:MAX_RIVALS]
                            if s.type not in ("no-response", "group") and fair(s, source)]
            self.add("claim-vs-fact", f"{who} {described}", content.text, prompt, answer,
                     options, self.evidence(start, end),
                     f"{lesson}: “{described}” is {possessive(who)} description, not a fact "
                     "the article vouches for.", ["attribution", "characterization"], 2)

    # -- hedging: hedges and non-responses

    def hedges(self) -> None:
        for hedge in self.view.hedges:
            text = hedge.span.text
            answer, lesson = hedge_reading(text)
            context = self.window(hedge.span.start, hedge.span.end)
            options = [
                ("A fact the reporters have confirmed",
                 f"“{text}” softens the claim; the wording does not present it as confirmed."),
                ("A sign that the claim is false",
                 "A hedge marks uncertainty, not falsehood: the claim may well be true."),
                ("A word-for-word quotation from a source",
                 "A hedge is a choice of words, not a quotation mark; the reporters or a "
                 "source may use it."),
            ]
            after = self.view.text[hedge.span.end:hedge.span.end + 40].split()[:3]
            self.add("hedging", " ".join([text, *after]), f"{context}|{hedge.span.start}",
                     f"The article writes “{context}”. What does “{text}” signal here?",
                     answer, options, self.evidence(hedge.span.start, hedge.span.end), lesson,
                     ["hedge"], 2)

    def window(self, start: int, end: int, words: int = 7) -> str:
        """Give [start, end) with a few words either side, within its sentence."""
        a, b = self.view.sentence(start, end)
        before = list(re.finditer(r"\S+", self.view.text[a:start]))
        after = list(re.finditer(r"\S+", self.view.text[end:b]))
        first = a + before[-words].start() if len(before) >= words else a
        last = end + after[words - 1].end() if len(after) >= words else b
        text = " ".join(self.view.text[first:last].split())
        if len(before) > words:
            text = "…" + text
        if len(after) > words:
            return text + "…"
        return text.rstrip(".")

    def non_responses(self) -> None:
        for response in self.view.non_responses:
            text = response.span.text
            who = response.source.inline if response.source else "a party to the story"
            answer, options, lesson = non_response_reading(text)
            self.add("hedging", f"{who} {text}", text,
                     f"The article says {who} “{text}”. What does that mean?", answer, options,
                     self.evidence(response.span.start, response.span.end), lesson,
                     ["non-response", "vocabulary"], 1)

    # -- corroboration

    def corroboration(self) -> None:
        for attribution in self.view.attributions:
            source, content = attribution.source, attribution.content
            if source is None or content is None or source.type != "group":
                continue
            group = source.description or source.name
            counted = count_sources(group)
            if counted is None:
                continue
            n, terms = counted
            claim = trim(content.text, 120)
            breakdown = " + ".join(str(t) for t in terms)
            sum_text = f"{breakdown} = {n}" if len(terms) > 1 else str(n)
            options = []
            for wrong in (n - 1, n + 1, n + 2 if n - 2 < 1 else n - 2):
                if wrong >= 1:
                    noun = "source" if wrong == 1 else "sources"
                    off = f"{word_count(abs(wrong - n))} too {'many' if wrong > n else 'few'}"
                    options.append((f"{word_count(wrong)} {noun}",
                                    f"{off}: count “{group}”: {sum_text}."))
            self.add("corroboration", f"{group} {claim}", content.text,
                     f"How many sources does the article cite for the claim that “{claim}”?",
                     f"{word_count(n)} sources", options,
                     self.evidence(attribution.start, attribution.end),
                     "Counting sources is only the start: ask how many are named, and how "
                     "independent they are of each other and of the parties.",
                     ["counting", "anonymous-source" if source.anonymous else "sourcing"],
                     1 if len(terms) == 1 else 2)


def draft_items(view: View) -> list[Item]:
    """Give the draft items of an analysed article, grouped by kind."""
    drafter = Drafter(view)
    steps: tuple[Callable[[], None], ...] = (
        drafter.who_said, drafter.source_types, drafter.anonymity, drafter.characterizations,
        drafter.hedges, drafter.non_responses, drafter.corroboration)
    for step in steps:
        step()
    return drafter.items
