"""The drafter: what every kind of draft item is built with, and the items built so far.

The builders of each kind (`sourcing` for who-said, source-type and anonymity; `claims` for
claim-vs-fact, hedging and corroboration) add their items here. Each item may come with
other wordings of its prompt, in order of preference, that `review` falls back on when a
prompt trips a rule of validate (it gives another item's answer away, say).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from quizgen.drafting.wording import NEIGHBOURS, distinct, is_person, option_of
from quizgen.drafting.words import fold_words, make_id, nest, quotable, word_line
from quizgen.model import DRAFT, Distractor, Item
from quizgen.sources.dictview import Attribution, SourceView, View
from quizgen.validation.rules import (
    LENGTH_CUE_RATIO,
    MAX_DISTRACTORS,
    MIN_DISTRACTORS,
    number_like,
)


class Drafter:
    """Builds the items of one article, in the order of the deck file."""

    def __init__(self, view: View) -> None:
        self.view = view
        self.items: list[Item] = []
        #: Each item's prompt and its other wordings, the preferred first.
        self.prompts: dict[str, tuple[str, ...]] = {}
        self.ids: set[str] = set()
        self.options = {s.id: option_of(s) for s in view.sources}
        self.said: dict[str, list[Attribution]] = {s.id: [] for s in view.sources}
        for attribution in view.attributions:
            if attribution.source is not None:
                self.said[attribution.source.id].append(attribution)
        self.article_line = word_line(view.text)

    def evidence(self, start: int, end: int) -> str:
        """Give the whole sentences around [start, end): an exact span of the article."""
        a, b = self.view.sentence(start, end)
        return self.view.text[a:b].strip()

    def quote(self, text: str) -> str:
        """Give text in quotation marks when the article has its words, else as it is: a
        drafted item never quotes what the article does not say."""
        return f"“{nest(text)}”" if quotable(text, self.article_line) else text

    def add(self, kind: str, key: str, span: str, prompt: str, answer: str,
            distractors: Sequence[tuple[str, str]], evidence: str, explanation: str,
            tags: Sequence[str], difficulty: int, variants: Sequence[str] = ()) -> None:
        """Add an item, its id made from kind, key and span; skip it when fewer than two
        distractors differ from the answer. variants are other wordings of the prompt."""
        options = distinct(answer, distractors)
        # "Two crew members" among names reads as a number among names (validate's
        # mixed-form warning): options of the answer's form come first, when enough are.
        alike = [o for o in options if number_like(o[0]) == number_like(answer)]
        chosen = _pick(answer, alike if len(alike) >= MIN_DISTRACTORS else options)
        if len(chosen) < MIN_DISTRACTORS or not evidence:
            return
        item_id = base = make_id(kind, key, span)
        n = 2
        while item_id in self.ids:  # the same words twice in one article
            item_id, n = f"{base}-{n}", n + 1
        self.ids.add(item_id)
        self.prompts[item_id] = tuple(dict.fromkeys([prompt, *variants]))
        self.items.append(Item(
            id=item_id, kind=kind, prompt=prompt, answer=answer,
            distractors=tuple(Distractor(t, w) for t, w in chosen), evidence=evidence,
            explanation=explanation, tags=tuple(dict.fromkeys(tags)), difficulty=difficulty,
            status=DRAFT))

    def attributions_of(self, source: SourceView) -> list[Attribution]:
        return self.said.get(source.id, [])

    def quotes_of(self, source: SourceView) -> list[Attribution]:
        return [a for a in self.attributions_of(source) if a.direct and a.content]

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

    def window(self, start: int, end: int, words: int = 7, before: int | None = None) -> str:
        """Give [start, end) with a few words either side (`before` words before it, when
        given), within its sentence; "…" marks where the sentence goes on."""
        before = words if before is None else before
        a, b = self.view.sentence(start, end)
        ahead = list(re.finditer(r"\S+", self.view.text[a:start]))
        after = list(re.finditer(r"\S+", self.view.text[end:b]))
        if before == 0:
            first = start
        elif len(ahead) >= before:
            first = a + ahead[-before].start()
        else:
            first = a
        last = end + after[words - 1].end() if len(after) >= words else b
        text = " ".join(self.view.text[first:last].split())
        if len(ahead) > before:
            text = "…" + text
        if len(after) > words:
            return text + "…"
        return text.rstrip(".")


def _too_long(answer: str, chosen: Sequence[tuple[str, str]]) -> bool:
    """Tell whether the answer is so much longer than the distractors that it stands out."""
    return len(answer) > LENGTH_CUE_RATIO * sum(len(t) for t, _ in chosen) / len(chosen)


def _pick(answer: str, options: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """Give the distractors of an item: the first few options, the most alike first, with
    the shortest swapped for a longer one left over while the answer stands out by its
    length (validate's length cue), then dropped if fewer options end that."""
    chosen, spare = list(options[:MAX_DISTRACTORS]), list(options[MAX_DISTRACTORS:])
    while chosen and _too_long(answer, chosen) and spare:
        longest = max(spare, key=lambda o: len(o[0]))
        shortest = min(chosen, key=lambda o: len(o[0]))
        if len(longest[0]) <= len(shortest[0]):
            break
        chosen[chosen.index(shortest)] = longest
        spare.remove(longest)
    fewer = list(chosen)
    while len(fewer) > MIN_DISTRACTORS and _too_long(answer, fewer):
        fewer.remove(min(fewer, key=lambda o: len(o[0])))
    return chosen if _too_long(answer, fewer) else fewer
