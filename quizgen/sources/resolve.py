"""Sources: resolve each mention (pronoun, description, surname) and type each source."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from quizgen.sources.lexicon import (
    CAPITALS,
    COUNTRIES,
    DAYS_MONTHS,
    DETERMINERS,
    DOCUMENT_WORDS,
    EXPERT_WORDS,
    GOVERNMENT_WORDS,
    INSTITUTION_WORDS,
    NUMBERS,
    OFFICIAL_WORDS,
    TITLES,
    UNNAMED_WORDS,
)
from quizgen.sources.mentions import Mention, subject_before
from quizgen.sources.model import Attribution, Source, Span

_HEAD_CUT = re.compile(
    r"\s+(?:of|for|at|in|from|close\s+to|familiar\s+with|with|who|that|which|on|to|under|"
    r"within|inside|among|involved|briefed|knowledgeable|based)\b", re.IGNORECASE)
_PERSONAL = frozenset({"he", "she", "i"})
_NAME_WORD = re.compile(r"[A-Z][\w’'.-]*[\w]|[A-Z]")
_HONORIFICS = frozenset("mr. mrs. ms. dr. mr mrs ms dr miss sir".split())
_PLURAL_PRONOUNS = frozenset({"they", "we"})
_RELATIVE = frozenset({"who", "which", "that"})
_ANONYMITY = re.compile(
    r"(?:speaking\s+|who\s+spoke\s+|spoke\s+|talking\s+)?on\s+(?:the\s+)?condition\s+"
    r"(?:of|that\s+(?:he|she|they)\s+not\s+be)\s+(?:anonymity|named|identified)"
    r"(?P<r1>\s+(?:due\s+to|because|as|since|given|in\s+order\s+to|to\s+discuss|to\s+speak|"
    r"for\s+fear|out\s+of)\b[^.;,]*)?"
    r"|(?:who\s+|and\s+)?(?:declined|asked|requested)\s+not\s+to\s+be\s+(?:named|identified)"
    r"(?P<r2>\s+(?:due\s+to|because|as|since|given|for\s+fear)\b[^.;,]*)?"
    r"|(?:who\s+|and\s+)?(?:declined|asked|requested)\s+(?:to\s+remain\s+)?anonym(?:ity|ous)"
    r"(?P<r3>\s+(?:due\s+to|because|as|since|given|for\s+fear)\b[^.;,]*)?"
    r"|(?P<r4>(?:because|as|since)\s+(?:he|she|they|the\s+\w+)\s+(?:was|were|is|are)\s+not\s+"
    r"(?:authori[sz]ed|permitted|allowed|cleared)\s+to\s+[^.;,]*)"
    r"|(?P<r5>(?:who\s+)?(?:was|were|is|are)\s+not\s+(?:authori[sz]ed|permitted|allowed|"
    r"cleared)\s+to\s+(?:speak|talk|comment|discuss)[^.;,]*)", re.IGNORECASE)


@dataclass
class _Entry:
    source: Source
    key: str
    head: str
    plural: bool
    person: bool
    last_name: str | None = None
    order: int = 0
    sentences: set[int] = field(default_factory=set)
    seen: set[tuple[int, int]] = field(default_factory=set)  # mention spans already listed


def _head(phrase: str) -> str:
    core = _HEAD_CUT.split(phrase, maxsplit=1)[0]
    words = re.findall(r"[\w’'-]+", core.lower())
    return words[-1].rstrip("’'s") if words else ""


def _words(phrase: str) -> list[str]:
    return re.findall(r"[\w’'.-]+", phrase.lower())


def _name_in(phrase: str) -> str | None:
    """Give the longest run of capitalised words that reads as a person's or body's name."""
    best: str | None = None
    for run in re.finditer(r"(?:[A-Z][\w’'.-]*(?:\s+(?:(?:de|da|del|al|bin|van|von|la|el)\s+)?"
                           r"[A-Z][\w’'.-]*)*)", phrase):
        words = [w for w in run.group().split() if w.lower() not in TITLES]
        while words and words[0].lower() in DETERMINERS:
            words = words[1:]
        if len(words) == 1 and run.start() == 0 and (
                words[0].lower() in OFFICIAL_WORDS | UNNAMED_WORDS | INSTITUTION_WORDS
                | DOCUMENT_WORDS | (GOVERNMENT_WORDS - COUNTRIES) | EXPERT_WORDS):
            continue
        if not words:
            continue
        if all(w.lower().rstrip("’'s") in DAYS_MONTHS for w in words):
            continue
        if len(words) == 1 and words[0].lower() in {"the", "a", "an", "one", "another", "both",
                                                    "two", "three", "but", "and"}:
            continue
        candidate = " ".join(words)
        if best is None or len(candidate) > len(best):
            best = candidate
    return best


def _nationality(word: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][a-z]+(?:ian|ean|an|ese|i|ish|ic)", word))


class Resolver:
    """Keeps the article's sources and resolves each new mention against them."""

    def __init__(self, text: str, sents: list[tuple[int, int, int]]) -> None:
        self.text = text
        self.sents = sents
        self.starts = [s for s, _, _ in sents]
        self.entries: list[_Entry] = []
        self.recent: list[_Entry] = []  # the sources of attributions, most recent last
        self.no_response_ids: set[str] = set()
        self._positions: dict[str, list[int]] | None = None
        self.attributed_ids: set[str] = set()

    # -- mentions --------------------------------------------------------------------------

    def resolve(self, attribution: Attribution) -> str | None:
        """Give the id of the source this attribution's mention refers to (None if unknown)."""
        if attribution.mention is None:
            return None
        entry = self._lookup(attribution.mention, attribution)
        if entry is None:
            return None
        self.recent.append(entry)
        if attribution.non_response:
            self.no_response_ids.add(entry.source.id)
        else:
            self.attributed_ids.add(entry.source.id)
        entry.sentences.add(self._sentence_index(attribution.cue.start))
        if (attribution.mention.start, attribution.mention.end) not in entry.seen:
            entry.seen.add((attribution.mention.start, attribution.mention.end))
            entry.source.mentions.append(attribution.mention)
        return entry.source.id

    def non_response(self, mention: Mention, span: Span) -> str | None:
        """Give the source that did not respond (a new one, or one already quoted)."""
        m = Span(mention.start, mention.end, self.text[mention.start:mention.end])
        fake = Attribution(None, m, span, None, False)
        entry = self._lookup(m, fake)
        if entry is None:
            return None
        self.no_response_ids.add(entry.source.id)
        if (m.start, m.end) not in entry.seen:
            entry.seen.add((m.start, m.end))
            entry.source.mentions.append(m)
        return entry.source.id

    def _sentence_index(self, pos: int) -> int:
        return max(0, bisect_right(self.starts, pos) - 1)

    def _lookup(self, mention: Span, attribution: Attribution) -> _Entry | None:
        phrase = mention.text.strip()
        low = phrase.lower()
        if low == "i":  # outside a quotation, "I" is the writer (an opinion piece, a column)
            return self._writer(mention)
        if low in _PERSONAL:
            return self._latest(lambda e: e.person and not e.plural)
        if low in _PLURAL_PRONOUNS:
            return self._latest(lambda e: e.plural or e.source.type in (
                "government", "institutional-statement", "group"))
        if low == "it":
            return self._it(mention)
        if low in _RELATIVE:
            sentence = self.sents[self._sentence_index(mention.start)]
            antecedent = subject_before(self.text, sentence[0], mention.start)
            if antecedent is None:
                return None
            span = Span(antecedent.start, antecedent.end,
                        self.text[antecedent.start:antecedent.end])
            if span.text.lower() in _RELATIVE | _PERSONAL | _PLURAL_PRONOUNS | {"it"}:
                return None
            return self._lookup(span, Attribution(None, span, attribution.cue, None, False))
        return self._noun_phrase(mention, attribution)

    def _writer(self, mention: Span) -> _Entry:
        for entry in self.entries:
            if entry.key == "\x00writer":
                return entry
        source = Source(f"tmp{len(self.entries)}", None, "the writer (first person)",
                        "named-person", False)
        entry = _Entry(source, "\x00writer", "writer", False, True, order=len(self.entries))
        self.entries.append(entry)
        return entry

    def _latest(self, accept: object) -> _Entry | None:
        assert callable(accept)
        for entry in reversed(self.recent[-12:]):
            if accept(entry):
                return entry
        for entry in reversed(self.entries):
            if accept(entry):
                return entry
        return None

    def _it(self, mention: Span) -> _Entry | None:
        sentence = self.sents[self._sentence_index(mention.start)]
        before = self.text[sentence[0]:mention.start]
        for match in re.finditer(r"(?<![\w’'])([A-Z][\w-]+)(?:’s|'s)?", before):
            word = match.group(1)
            if word.lower() in COUNTRIES:
                preceding = before[:match.start()].rstrip().split()
                if preceding and preceding[-1].lower() in {"in", "on", "at", "to", "into",
                                                           "against", "from", "near", "toward",
                                                           "towards", "across", "inside"}:
                    continue
                span = Span(sentence[0] + match.start(1), sentence[0] + match.end(1), word)
                return self._noun_phrase(span, None)
        return self._latest(lambda e: e.source.type in ("government", "institutional-statement",
                                                        "document") and not e.plural)

    def _noun_phrase(self, mention: Span, attribution: Attribution | None) -> _Entry | None:
        entry = self._find_or_add(mention, attribution)
        if entry is not None and (mention.start, mention.end) not in entry.seen:
            # An antecedent ("Pakistan" for "what it said"): where the source is named.
            entry.seen.add((mention.start, mention.end))
            entry.source.mentions.append(mention)
        return entry

    def _find_or_add(self, mention: Span, attribution: Attribution | None) -> _Entry | None:
        phrase = re.sub(r"^(?:[Tt]he|[Aa]n?)\s+", "", mention.text.strip())
        low = phrase.lower()
        definite = re.match(r"(?i)the\b", mention.text.strip()) is not None
        name = _name_in(mention.text)
        if name is not None and all(_nationality(w) or w.lower() in COUNTRIES | GOVERNMENT_WORDS
                                    for w in name.split()) and len(mention.text.split()) > 1:
            name = None  # "Iranian officials", "Iran's foreign ministry": a description
        head = _head(phrase)
        core_words = _HEAD_CUT.split(phrase, maxsplit=1)[0].split()
        if name is not None and core_words and core_words[-1][:1].islower():
            name = None  # "the ultra-hardline Sunni Muslim militant group": a description
        # Same text again: the same source.
        for entry in self.entries:
            if entry.key == low:
                return entry
        if name is not None:
            last = name.split()[-1].lower()
            for entry in reversed(self.entries):
                if entry.last_name == last or (entry.source.name or "").lower() == name.lower():
                    return entry
        elif definite and head:
            for entry in reversed(self.entries):
                if entry.head == head and not entry.plural:
                    return entry
                if entry.source.type == "group" and head in (entry.source.description or ""):
                    continue
        return self._new(mention, phrase, name, head, attribution)

    def _new(self, mention: Span, phrase: str, name: str | None, head: str,
             attribution: Attribution | None) -> _Entry:
        low_words = _words(mention.text)
        description = None
        if attribution is not None:
            description = (attribution.description.text if attribution.description is not None
                           else self._description(mention))
        group = name is None and _is_group(mention.text)
        plural = group or (head.endswith("s") and not head.endswith("ss")) or (
            bool(low_words) and low_words[0] in NUMBERS)
        if name is not None and name.lower() in CAPITALS and len(low_words) == 1:
            country = CAPITALS[name.lower()]
            for entry in self.entries:
                if (entry.source.name or "").lower() == country.lower():
                    entry.key = name.lower()
                    return entry
        if name is not None and not group:
            first = name.split()[0].lower()
            if name.lower() in COUNTRIES or first in COUNTRIES:
                kind, person, plural = "government", False, False
            elif any(w in INSTITUTION_WORDS | GOVERNMENT_WORDS for w in _words(name)):
                kind, person = "institutional-statement", False
            else:
                context = " ".join(low_words + _words(description or ""))
                if any(w in EXPERT_WORDS for w in context.split()) or "think tank" in context:
                    kind = "named-expert"
                elif any((w in OFFICIAL_WORDS or w in TITLES) and w not in _HONORIFICS
                         for w in context.split()):
                    kind = "named-official"
                else:
                    kind = "named-person"
                person = True
                plural = False
            source = Source("", name, description, kind, False)
            extra = [w for w in mention.text.split() if w.lower() not in _HONORIFICS
                     and w not in name.split()]
            if kind != "named-person" and not description and extra:
                source.description = mention.text  # "Defense Secretary Ash Carter"
        else:
            kind, person = _describe(low_words, head, group)
            anonymous = kind in ("anonymous-official", "unnamed-source") or (
                kind == "group" and name is None)
            source = Source("", None, mention.text.strip(), kind, anonymous)
            if group:
                source.members = [_member(part) for part in re.split(
                    r",\s*|\s+and\s+", mention.text.strip()) if part.strip()]
        source.id = f"tmp{len(self.entries)}"
        entry = _Entry(source, re.sub(r"^(?:the|an?)\s+", "", mention.text.strip().lower()),
                       head, plural, person, order=len(self.entries))
        if name is not None and person:
            entry.last_name = name.split()[-1].lower()
        self.entries.append(entry)
        return entry

    def _description(self, mention: Span) -> str | None:
        sentence = self.sents[self._sentence_index(mention.start)]
        rest = self.text[mention.end:sentence[1]]
        match = re.match(r",\s+((?:an?|the|who|director|head|chief|president|professor|"
                         r"spokes\w+|senior|former|[a-z][\w-]*\s+(?:of|at|for))\b[^;]*?),\s+",
                         rest)
        if match is None:
            return None
        description = match.group(1)
        # Keep a second appositive that describes the first ("…, an international …").
        more = re.match(r"(an?\s[^,;]*?),\s+", rest[match.end():])
        if more is not None and not re.search(r"\b(?:said|says|told|added)\b", more.group(1)):
            description += ", " + more.group(1)
        return description

    # -- the finished list -----------------------------------------------------------------

    def finish(self, attributions: list[Attribution]) -> list[Source]:
        """Number the sources in order of first mention, type the silent ones, find reasons."""
        used = self.attributed_ids | self.no_response_ids
        entries = [e for e in self.entries if e.source.id in used]
        ordered = sorted(entries, key=lambda e: min((m.start for m in e.source.mentions),
                                                     default=0))
        mapping: dict[str, str] = {}
        out: list[Source] = []
        for number, entry in enumerate(ordered, start=1):
            source = entry.source
            old = source.id
            mapping[old] = f"s{number}"
            source.id = f"s{number}"
            source.mentions.sort()
            if old in self.no_response_ids and old not in self.attributed_ids:
                source.type, source.anonymous = "no-response", False
            elif source.type == "named-person" and source.name:
                source.type = self._title_type(source.name)
            self._anonymity(entry)
            out.append(source)
        for attribution in attributions:
            if attribution.source is not None:
                attribution.source = mapping.get(attribution.source)
        self.mapping = mapping
        return out

    def _title_type(self, name: str) -> str:
        """Look for the title the article gives a named person anywhere ("Attorney General
        Loretta E. Lynch", "Lynch, the attorney general,"): an official or an expert."""
        last = name.split()[-1]
        if self._positions is None:  # one pass over the text, shared by every name
            self._positions = {}
            for word in _NAME_WORD.finditer(self.text):
                self._positions.setdefault(word.group(), []).append(word.start())
        for start in self._positions.get(last, [])[:40]:
            end = start + len(last)
            before = re.split(r"[.;:,“”\"()\n]", self.text[max(0, start - 60):start])[-1]
            words = _words(before)[-5:]
            after = self.text[end:end + 90]
            if after.startswith(","):
                words += _words(after[1:].split(",")[0])
            if any(w in EXPERT_WORDS for w in words):
                return "named-expert"
            if any(w in OFFICIAL_WORDS and w not in _HONORIFICS for w in words):
                return "named-official"
        return "named-person"

    def _anonymity(self, entry: _Entry) -> None:
        source = entry.source
        if not source.anonymous:
            return
        indices = set(entry.sentences)
        for mention in source.mentions:
            indices.add(self._sentence_index(mention.start))
        for index in sorted(indices):
            s_start, s_end, _ = self.sents[index]
            match = _ANONYMITY.search(self.text, s_start, s_end)
            if match is None:
                continue
            source.anonymity_span = Span(match.start(), match.end(), match.group())
            for group in ("r1", "r2", "r3", "r4", "r5"):
                if match.group(group):
                    source.anonymity_reason = match.group(group).strip()
                    break
            return


_PERSON_HEADS = OFFICIAL_WORDS | UNNAMED_WORDS | EXPERT_WORDS | {
    "analysts", "insiders", "officials", "experts", "sources", "residents", "witnesses",
    "diplomats", "lawmakers", "aides", "advisers", "advisors", "members", "supporters"}


def _is_group(phrase: str) -> bool:
    """Tell "three officials, one insider and an analyst" (several sources) from one source."""
    parts = [p for p in re.split(r",\s*|\s+and\s+", phrase.strip()) if p.strip()]
    if len(parts) < 2:
        return False
    return all(_head(p) in _PERSON_HEADS or p.split()[0].lower() in NUMBERS | {"one", "an", "a"}
               for p in parts)


def _describe(words: list[str], head: str, group: bool) -> tuple[str, bool]:
    """Type a source known only by a description; say whether it is a person."""
    if group:
        return "group", True
    wordset = set(words)
    if head in DOCUMENT_WORDS:
        return "document", False
    if head in COUNTRIES or head in GOVERNMENT_WORDS or (
            len(words) <= 2 and wordset & GOVERNMENT_WORDS):
        return "government", False
    if head in INSTITUTION_WORDS:
        return "institutional-statement", False
    if head.rstrip("s") in OFFICIAL_WORDS or head in OFFICIAL_WORDS:
        return "anonymous-official", True
    if head in UNNAMED_WORDS or head.rstrip("s") in UNNAMED_WORDS or head in EXPERT_WORDS or (
            head.rstrip("s") in EXPERT_WORDS):
        return "unnamed-source", True
    if wordset & INSTITUTION_WORDS:
        return "institutional-statement", False
    return "unnamed-source", True


def _member(part: str) -> dict[str, object]:
    words = _words(part)
    head = _head(re.sub(r"^(?:the|an?|one|two|three|four|five|six|seven|eight|nine|ten|"
                        r"several|some)\s+(?:of\s+the\s+)?", "", part.strip(), flags=re.I))
    kind, _ = _describe(words, head, False)
    return {"description": part.strip(), "type": kind,
            "anonymous": kind in ("anonymous-official", "unnamed-source")}
