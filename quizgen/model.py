"""The deck as plain data: what deck.yaml holds, after loading."""

from __future__ import annotations

from dataclasses import dataclass, replace

#: The item kinds, in the order the README teaches them, with the skill each trains.
KINDS: dict[str, str] = {
    "fact": "who did what, where, when, how many",
    "who-said": "match a quote or paraphrase to its source",
    "source-type": "how a source is identified",
    "anonymity": "which sources are anonymous, and the reason the article gives",
    "claim-vs-fact": "the reporter's own assertions versus a party's characterization",
    "hedging": "what hedges and attribution verbs signal",
    "corroboration": "how many and which sources stand behind a claim",
    "independence": "parties to the dispute versus outside analysts",
    "background": "this week's news versus context",
    "main-claim": "the article's central claim and whose claim it is",
}

#: Each kind in plain words, as the quiz's score breakdown names it for students.
KIND_NAMES: dict[str, str] = {
    "fact": "Facts",
    "who-said": "Who said it",
    "source-type": "Kinds of source",
    "anonymity": "Anonymous sources",
    "claim-vs-fact": "Claim or fact",
    "hedging": "Hedging and attribution",
    "corroboration": "Backing for a claim",
    "independence": "Sides and outsiders",
    "background": "News or background",
    "main-claim": "The main claim",
}


#: The one value of an item's `status`: written by `quizgen draft`, not yet reviewed.
DRAFT = "draft"
#: How `quizgen draft` begins a deck field it could not know ("TODO: outlet").
PLACEHOLDER_MARK = "TODO:"


@dataclass(frozen=True)
class Distractor:
    """A wrong option and the reason it is wrong."""

    text: str
    why: str


@dataclass(frozen=True)
class Item:
    """One multiple-choice item: a prompt, its answer and its distractors."""

    id: str
    kind: str
    prompt: str
    answer: str
    distractors: tuple[Distractor, ...]
    evidence: str
    explanation: str = ""
    tags: tuple[str, ...] = ()
    difficulty: int = 2
    #: "draft" for an item written by `quizgen draft` and not yet reviewed, else empty.
    status: str = ""
    #: passages the item puts in quotation marks on purpose, though the article lacks them
    scare_quotes: tuple[str, ...] = ()

    @property
    def draft(self) -> bool:
        """Tell whether the item still waits for its author's review."""
        return self.status == DRAFT

    def content(self) -> dict[str, object]:
        """Give the item's content as deck.yaml names it."""
        data: dict[str, object] = {
            "id": self.id,
            "kind": self.kind,
            "prompt": self.prompt,
            "answer": self.answer,
            "distractors": [{"text": d.text, "why": d.why} for d in self.distractors],
            "evidence": self.evidence,
            "explanation": self.explanation,
            "tags": list(self.tags),
            "difficulty": self.difficulty,
            # Only when given, so that decks without them export as before.
            **({"scare_quotes": list(self.scare_quotes)} if self.scare_quotes else {}),
        }
        if self.status:
            data["status"] = self.status
        return data


@dataclass(frozen=True)
class Source:
    """Where the article comes from."""

    outlet: str
    headline: str
    published: str
    article: str  # path relative to deck.yaml
    byline: str = ""

    def line(self) -> str:
        """Give the source line shown under quoted evidence: outlet, headline, date."""
        return f"{self.outlet}, “{self.headline}”, {self.published}"


@dataclass(frozen=True)
class Deck:
    """A curated bank of items about one article.

    Where it was read from (its file, each field's line) is kept apart, in the SourceMap
    that reading a deck file gives, so a deck made by a program is a deck like any other.
    """

    id: str
    title: str
    source: Source
    items: tuple[Item, ...]
    article_text: str
    language: str = "en"

    def reviewed(self) -> Deck:
        """Give the deck without the items still marked draft."""
        if not any(item.draft for item in self.items):
            return self
        return replace(self, items=tuple(item for item in self.items if not item.draft))

    def to_dict(self) -> dict[str, object]:
        """Give the deck as one JSON-ready document whose names mirror deck.yaml."""
        return {
            "id": self.id,
            "title": self.title,
            "language": self.language,
            "source": {
                "outlet": self.source.outlet,
                "headline": self.source.headline,
                "published": self.source.published,
                "byline": self.source.byline,
                "article": self.source.article,
            },
            "items": [item.content() for item in self.items],
        }
