"""What an article analysis gives back: spans, sources, attributions, hedges, non-responses."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SOURCE_TYPES = (
    "named-official",
    "named-expert",
    "named-person",
    "anonymous-official",
    "unnamed-source",
    "institutional-statement",
    "government",
    "group",
    "document",
    "no-response",
)


@dataclass(frozen=True, order=True)
class Span:
    """A stretch of the analysed text: ``text[start:end] == span.text``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        """Give the span as the JSON contract spells it."""
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass
class Source:
    """One source of the article, however many times it is mentioned."""

    id: str
    name: str | None
    description: str | None
    type: str
    anonymous: bool
    anonymity_reason: str | None = None
    anonymity_span: Span | None = None
    mentions: list[Span] = field(default_factory=list)
    members: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Give the source as the JSON contract spells it."""
        out: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "description": self.description,
            "type": self.type,
            "anonymous": self.anonymous,
            "anonymity_reason": self.anonymity_reason,
            "anonymity_span": (None if self.anonymity_span is None
                               else self.anonymity_span.to_dict()),
            "mentions": [m.to_dict() for m in self.mentions],
        }
        if self.members:
            out["members"] = self.members
        return out


@dataclass
class Attribution:
    """One claim put on a source: who (mention), the cue word(s) and what was said."""

    source: str | None
    mention: Span | None
    cue: Span
    content: Span | None
    direct: bool
    characterization: bool = False
    paragraph: int = 0
    #: The appositive that describes the mention here ("…, an analyst at Eurasia Group, …").
    description: Span | None = None
    #: "declined to comment": the source is on record as not saying anything.
    non_response: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Give the attribution as the JSON contract spells it."""
        return {
            "source": self.source,
            "mention": None if self.mention is None else self.mention.to_dict(),
            "cue": self.cue.to_dict(),
            "content": None if self.content is None else self.content.to_dict(),
            "direct": self.direct,
            "characterization": self.characterization,
            "paragraph": self.paragraph,
            "description": None if self.description is None else self.description.to_dict(),
            "non_response": self.non_response,
        }


@dataclass(frozen=True)
class Hedge:
    """A hedge or qualifier ("appear to", "might", "is seen as")."""

    span: Span
    kind: str

    def to_dict(self) -> dict[str, Any]:
        """Give the hedge as one flat mapping."""
        return {**self.span.to_dict(), "kind": self.kind}


@dataclass(frozen=True)
class NonResponse:
    """A source that could not be reached or would not comment."""

    source: str | None
    span: Span
    mention: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        """Give the non-response as one flat mapping."""
        return {
            "source": self.source,
            **self.span.to_dict(),
            "mention": None if self.mention is None else self.mention.to_dict(),
        }


@dataclass
class Analysis:
    """Every attribution, source, hedge and non-response found in one text."""

    text: str
    sources: list[Source]
    attributions: list[Attribution]
    hedges: list[Hedge]
    non_responses: list[NonResponse]
    paragraphs: list[tuple[int, int]]
    metadata: dict[str, str | None] = field(default_factory=dict)
    #: False when the analysed text is not the file as read (an HTML page's extracted text).
    text_is_file: bool = True

    def source(self, source_id: str | None) -> Source | None:
        """Give the source with this id, or None."""
        return next((s for s in self.sources if s.id == source_id), None)

    def to_dict(self, article: str) -> dict[str, Any]:
        """Give the analysis in the shape ``quizgen sources --json`` prints."""
        meta = {key: self.metadata.get(key) for key in
                ("headline", "outlet", "published", "byline", "language")}
        out: dict[str, Any] = {
            "article": article,
            "sources": [s.to_dict() for s in self.sources],
            "attributions": [a.to_dict() for a in self.attributions],
            "hedges": [h.to_dict() for h in self.hedges],
            "non_responses": [n.to_dict() for n in self.non_responses],
            "paragraphs": [{"start": s, "end": e} for s, e in self.paragraphs],
            "metadata": meta,
        }
        if not self.text_is_file:
            out["text"] = self.text
        return out
