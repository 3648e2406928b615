"""Reading an analysis as `quizgen sources --json` gives it: spans checked, sources labelled.

The sourcing map and the draft writer both start from that JSON dict (a contract), not from
the analysis engine's objects, so either can be fed an analysis saved earlier or written by
hand. Everything here is plain data and cheap to import.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from quizgen.errors import QuizgenError

#: The source types of the contract, each with the label a teacher reads.
TYPE_LABELS: dict[str, str] = {
    "named-official": "Named official",
    "named-expert": "Named expert",
    "named-person": "Named person",
    "anonymous-official": "Anonymous official",
    "unnamed-source": "Unnamed source",
    "institutional-statement": "Institutional statement",
    "government": "Government or party",
    "group": "Group of sources",
    "document": "Document or report",
    "no-response": "No response",
}

_SENTENCE_END = re.compile(r"[.!?][”’\"')\]]*\s+")
# A full stop after these ends an abbreviation, not a sentence ("Jan. 3", "Mr. Brew").
_ABBREVIATIONS = frozenset("""jan feb mar apr jun jul aug sep sept oct nov dec mr mrs ms dr st
prof gen col lt sgt rep sen gov no vs etc inc corp co ltd jr sr u.s u.k u.n e.g i.e""".split())


class AnalysisError(QuizgenError):
    """Raised when an analysis does not fit its text: a span out of range or reading otherwise."""


@dataclass(frozen=True)
class Span:
    """A stretch of the analysed text: [start, end) and what it reads."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class SourceView:
    """One source of the analysis, with what a reader is shown of it."""

    id: str
    number: int  # 1-based position in the analysis, shown as the source's badge
    name: str
    description: str
    type: str
    anonymous: bool
    reason: str  # the anonymity reason the article gives, "" when none
    mentions: tuple[Span, ...]

    @property
    def type_label(self) -> str:
        """Give the source's type as a teacher reads it ("Named expert")."""
        return TYPE_LABELS.get(self.type, self.type.replace("-", " ").capitalize())

    @property
    def label(self) -> str:
        """Give the source as the article identifies it: name and description, or either."""
        if self.name and self.description:
            return f"{self.name}, {self.description}"
        return capitalize(self.name or self.description or f"Source {self.number}")

    @property
    def short(self) -> str:
        """Give a short label: the name with the description up to its first comma."""
        if self.name and self.description:
            return f"{self.name}, {self.description.split(',')[0]}"
        return self.name or capitalize(self.description) or self.label

    @property
    def inline(self) -> str:
        """Give the source as it reads inside a sentence: its name, or its description."""
        return self.name or self.description or f"source {self.number}"


@dataclass(frozen=True)
class Attribution:
    """One attribution: who (as resolved and as written), the cue, what is attributed."""

    index: int  # position in the analysis
    source: SourceView | None
    mention: Span | None
    cue: Span | None
    content: Span | None
    direct: bool
    characterization: bool

    def spans(self) -> list[Span]:
        """Give the attribution's spans that exist, content first."""
        return [s for s in (self.content, self.cue, self.mention) if s is not None]

    @property
    def start(self) -> int:
        return min(s.start for s in self.spans())

    @property
    def end(self) -> int:
        return max(s.end for s in self.spans())


@dataclass(frozen=True)
class Hedge:
    """A hedge or qualifier ("appear to", "might"), or a non-response when source is set."""

    span: Span
    kind: str
    source: SourceView | None = None


@dataclass(frozen=True)
class View:
    """An analysis dict read against its text."""

    text: str
    article: str
    sources: tuple[SourceView, ...]
    attributions: tuple[Attribution, ...]
    hedges: tuple[Hedge, ...]
    non_responses: tuple[Hedge, ...]
    paragraphs: tuple[tuple[int, int], ...]
    metadata: dict[str, str]

    def source(self, source_id: str | None) -> SourceView | None:
        return next((s for s in self.sources if s.id == source_id), None)

    @cached_property
    def _starts(self) -> list[int]:
        return [start for start, _ in self.paragraphs]

    def paragraph_of(self, offset: int) -> int:
        """Give the 1-based number of the paragraph holding offset (the nearest before it)."""
        return max(1, bisect.bisect_right(self._starts, offset))

    def paragraphs_of(self, span: Span) -> list[int]:
        """Give the numbers of the paragraphs a span touches."""
        first, last = self.paragraph_of(span.start), self.paragraph_of(max(span.start,
                                                                            span.end - 1))
        return list(range(first, last + 1))

    def attributions_of(self, source: SourceView) -> list[Attribution]:
        return [a for a in self.attributions if a.source is source]

    def sentence(self, start: int, end: int, limit: int = 600) -> tuple[int, int]:
        """Give [start, end) widened to whole sentences within its paragraphs.

        Sentence ends are guessed (". " after an abbreviation like "Jan." is taken for one),
        which only makes the span shorter: it stays an exact stretch of the text. Past limit
        characters the span is left as it was.
        """
        p_start = self.paragraphs[self.paragraph_of(start) - 1][0]
        p_end = self.paragraphs[self.paragraph_of(max(start, end - 1)) - 1][1]
        new_start = p_start
        for match in _SENTENCE_END.finditer(self.text, p_start, start):
            if self._ends_sentence(match, p_start):
                new_start = match.end()
        new_end = p_end
        for match in _SENTENCE_END.finditer(self.text, max(end - 1, start), p_end):
            if self._ends_sentence(match, p_start):
                new_end = match.start() + 1
                break
        # A closing quote right after the full stop belongs to the sentence.
        while new_end < p_end and self.text[new_end] in "”’\"')]":
            new_end += 1
        new_start, new_end = min(new_start, start), max(new_end, end)
        if new_end - new_start > limit:
            return start, end
        return new_start, new_end


    def _ends_sentence(self, match: re.Match[str], floor: int) -> bool:
        """Tell whether a full stop and the space after it end a sentence."""
        after = self.text[match.end():match.end() + 1]
        if after and (after.islower() or after.isdigit()):
            return False
        if self.text[match.start()] != ".":
            return True
        word = re.search(r"[\w.]*$", self.text[max(floor, match.start() - 12):match.start()])
        return not (word and word.group().casefold() in _ABBREVIATIONS)


def capitalize(text: str) -> str:
    """Give text with its first letter in upper case, the rest untouched."""
    return text[:1].upper() + text[1:]


def _span(raw: object, text: str, where: str) -> Span | None:
    if raw is None:
        return None
    if not isinstance(raw, Mapping):
        raise AnalysisError(f"{where} is not a span of text, start and end")
    start, end, said = raw.get("start"), raw.get("end"), raw.get("text")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)):
        raise AnalysisError(f"{where}: offsets {start!r}–{end!r} lie outside the text "
                            f"({len(text)} characters); the analysis is of another text")
    if isinstance(said, str) and text[start:end] != said:
        raise AnalysisError(f"{where}: the text at {start}–{end} reads "
                            f"{text[start:end][:40]!r}, not {said[:40]!r}; the analysis is "
                            "of another text")
    return Span(text[start:end], start, end)


def _str(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _list(analysis: Mapping[str, Any], key: str) -> Sequence[Any]:
    value = analysis.get(key) or []
    if not isinstance(value, list):
        raise AnalysisError(f"the analysis's {key!r} is not a list")
    return value


def read_view(analysis: Mapping[str, Any], text: str) -> View:
    """Give the analysis read against text, or raise AnalysisError naming the first misfit."""
    sources = []
    for n, raw in enumerate(_list(analysis, "sources"), start=1):
        where = f"source {n}"
        mentions = tuple(s for i, m in enumerate(raw.get("mentions") or [])
                         if (s := _span(m, text, f"{where}, mention {i + 1}")) is not None)
        sources.append(SourceView(
            id=str(raw.get("id") or f"s{n}"), number=n, name=_str(raw.get("name")),
            description=_str(raw.get("description")), type=_str(raw.get("type")),
            anonymous=bool(raw.get("anonymous")), reason=_str(raw.get("anonymity_reason")),
            mentions=mentions))
    by_id = {s.id: s for s in sources}
    attributions = []
    for n, raw in enumerate(_list(analysis, "attributions")):
        where = f"attribution {n + 1}"
        attribution = Attribution(
            index=n, source=by_id.get(str(raw.get("source"))),
            mention=_span(raw.get("mention"), text, f"{where}, mention"),
            cue=_span(raw.get("cue"), text, f"{where}, cue"),
            content=_span(raw.get("content"), text, f"{where}, content"),
            direct=bool(raw.get("direct")), characterization=bool(raw.get("characterization")))
        if attribution.spans():
            attributions.append(attribution)
    hedges = []
    for n, raw in enumerate(_list(analysis, "hedges")):
        span = _span(raw, text, f"hedge {n + 1}")
        if span is not None and span.end > span.start:
            hedges.append(Hedge(span, _str(raw.get("kind"))))
    non_responses = []
    for n, raw in enumerate(_list(analysis, "non_responses")):
        span = _span(raw, text, f"non-response {n + 1}")
        if span is not None and span.end > span.start:
            non_responses.append(Hedge(span, "non-response", by_id.get(str(raw.get("source")))))
    paragraphs = tuple(sorted(
        (p["start"], p["end"]) for p in _list(analysis, "paragraphs")
        if isinstance(p, Mapping) and _span(p, text, "a paragraph") is not None
        and p["end"] > p["start"]))
    if not paragraphs:
        paragraphs = tuple(_lines(text))
    metadata = {key: _str(value) for key, value in (analysis.get("metadata") or {}).items()}
    return View(text, str(analysis.get("article") or ""), tuple(sources),
                tuple(sorted(attributions, key=lambda a: (a.start, a.index))), tuple(hedges),
                tuple(non_responses), paragraphs, metadata)


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """Give each non-blank line as a paragraph, without its line break."""
    for match in re.finditer(r"[^\r\n]+", text):
        if match.group().strip():
            yield match.start(), match.end()
