"""The deck as plain data: what deck.yaml holds, after loading."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

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
    line: int | None = None  # where the item starts in deck.yaml, for messages
    #: where each field's value starts ("distractors[1].why": 23), for messages
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    status: str = ""  # "draft" until an author reviews the item; "" once reviewed

    def content(self) -> dict[str, object]:
        """Give the item's content as deck.yaml names it (no line number).

        `status` appears only on a draft, so a reviewed item's content (and its hash in
        anki-lock.json) is what it was before the field existed.
        """
        content: dict[str, object] = {
            "id": self.id,
            "kind": self.kind,
            "prompt": self.prompt,
            "answer": self.answer,
            "distractors": [{"text": d.text, "why": d.why} for d in self.distractors],
            "evidence": self.evidence,
            "explanation": self.explanation,
            "tags": list(self.tags),
            "difficulty": self.difficulty,
        }
        if self.status:
            content["status"] = self.status
        return content


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
    """A curated bank of items about one article."""

    id: str
    title: str
    source: Source
    items: tuple[Item, ...]
    article_text: str
    path: Path  # the deck.yaml file
    language: str = "en"

    @property
    def folder(self) -> Path:
        """Give the deck's folder."""
        return self.path.parent

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
