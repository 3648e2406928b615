"""Drafting a deck from an article's analysis: items an author reviews, one by one.

The analysis is the dict `quizgen sources --json` prints (see `quizgen.sources.dictview`).
Each drafted item is marked `status: draft`; deleting that line is how an author accepts it.
Every item is built from spans of the article, so its evidence always validates, and its id
is a slug of its kind, a few key words and a short hash of its span: rerunning the draft on
the same article gives the same ids.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from quizgen.errors import OutputError, QuizgenError
from quizgen.model import Deck, Distractor, Item, Source
from quizgen.sources.dictview import (
    TYPE_LABELS,
    Attribution,
    SourceView,
    View,
    capitalize,
    read_view,
)

#: What an unknown deck field reads until the author fills it in: "TODO: outlet".
PLACEHOLDER = "TODO: {field}"
DRAFT = "draft"
_PRONOUNS = frozenset("he she they it we i you him her them".split())
_STOP = frozenset("""a an the and or but of to in on at by for from with as is are was were be
been being has have had that this these those it its their his her he she they we our your
said says told would will could should may might not no into than then there here about over
after before also which who whom what when where while very more most some such only just
""".split())
_NUMBERS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split())}
_VAGUE = frozenset("several some many few dozens dozen number couple handful various".split())
_QUOTES = "“”‘’\"'«»„‚"


class DraftError(QuizgenError):
    """Raised when no draft can be written: not English, nothing attributed, a bad deck id."""


# ------------------------------------------------------------------------ small helpers


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _slug_words(text: str, count: int) -> list[str]:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = [w for w in re.findall(r"[a-z0-9]+", ascii_text.lower()) if w not in _STOP]
    return words[:count]


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:6]


def _item_id(kind: str, key: str, span: str) -> str:
    """Give kind-key-words-hash: stable for the same article, whatever else it drafts."""
    words = _slug_words(key, 3)
    return "-".join([kind, *words, _digest(kind, key, span)])


def _trim(text: str, limit: int = 140) -> str:
    """Give text cut at a word boundary to about limit characters, with "…" when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _quoted(text: str) -> str:
    """Give a quotation's words without the marks and the comma that close it."""
    return _trim(text.strip().strip(_QUOTES).strip().rstrip(",.").strip(_QUOTES).strip(), 160)


def _possessive(who: str) -> str:
    return who + ("’" if who.endswith("s") else "’s")


def _word_count(n: int) -> str:
    words = {v: k for k, v in _NUMBERS.items()}
    return capitalize(words.get(n, str(n)))


def _is_english(language: str) -> bool:
    return re.fullmatch(r"en(?:[-_][a-z0-9]+)*", language.strip().casefold()) is not None


class _Drafter:
    """Builds the items of one article, in the order of the deck file."""

    def __init__(self, view: View) -> None:
        self.view = view
        self.items: list[Item] = []
        self.ids: set[str] = set()
        self.options = {s.id: _option(s) for s in view.sources}
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
        chosen = _distinct(answer, distractors)[:4]
        if len(chosen) < 2 or not evidence:
            return
        item_id = base = _item_id(kind, key, span)
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
            words = _quoted(content.text)
            if len(words.split()) < 6:
                prompt = f"Who is quoted using the words “{words}”?"
            else:
                prompt = f"Who said: “{words}”?"
            # A counted group ("three officials and an analyst") reads as a number among
            # names, and it may hold the speaker: not a distractor for one source's words.
            # A ministry speaks for its government: neither is a fair distractor for the other.
            rivals = [s for s in self.rivals(source) if s.type != "group" and _fair(s, source)]
            rivals = rivals[:_MAX_RIVALS]
            others = [(self.options[s.id], self.who_said_why(s, attribution))
                      for s in rivals]
            others += _fallbacks(attribution)
            mention = attribution.mention
            credit = _credit(attribution)
            if mention is None:
                explanation = (f"The quotation carries no cue of its own; the sentences "
                               f"around it credit it to {_described(source)}.")
                difficulty = 3
            elif mention.text.casefold() in _PRONOUNS:
                explanation = (f"The quotation carries only “{credit}”: trace "
                               f"“{mention.text}” back to the source it stands for, "
                               f"{_described(source)}.")
                difficulty = 2
            elif _fold(source.name or source.description) in _fold(mention.text):
                explanation = f"The article credits these words directly: “{credit}”."
                difficulty = 1 if source.name else 2
            else:
                explanation = (f"The article credits these words with “{credit}”: "
                               f"“{mention.text}” is {_described(source)}, introduced "
                               "earlier in the article.")
                difficulty = 2
            explanation += " " + _TYPE_LESSONS.get(source.type, "")
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
                     _option(source), others, self.evidence(start, attribution.end),
                     explanation.strip(), tags, difficulty)

    def rivals(self, source: SourceView) -> list[SourceView]:
        """Give the other sources, the most confusable first: same type, then neighbours."""
        order = [source.type, *_NEIGHBOURS.get(source.type, ())]

        def rank(other: SourceView) -> tuple[int, int]:
            if other.type in order:
                return (order.index(other.type), other.number)
            if other.type in ("no-response", "group"):
                return (len(order) + 2, other.number)
            person = other.type not in ("government", "institutional-statement", "document")
            return (len(order) + (0 if person == _is_person(source) else 1), other.number)

        mine = _fold(self.options[source.id])
        return sorted((s for s in self.view.sources
                       if s is not source and _fold(self.options[s.id]) != mine), key=rank)

    def who_said_why(self, other: SourceView, attribution: Attribution) -> str:
        quotes = self.quotes_of(other)
        said = self.attributions_of(other)
        if quotes and quotes[0].content is not None:
            return (f"{capitalize(other.inline)} is quoted elsewhere, saying "
                    f"“{_trim(_quoted(quotes[0].content.text), 70)}”, not these words.")
        if said and said[0].content is not None:
            return (f"{capitalize(other.inline)} is cited on something else: "
                    f"“{_trim(said[0].content.text, 70)}”.")
        silent = [r for r in self.view.non_responses if r.source is other]
        if silent:
            return (f"{capitalize(other.inline)} {silent[0].span.text}: the article "
                    "quotes nothing from them.")
        return f"{capitalize(other.inline)} is mentioned, but nothing is quoted from them."

    # -- source-type and anonymity

    def source_types(self) -> None:
        for source in self.view.sources:
            if source.type not in _NEIGHBOURS:
                continue
            first = source.mentions[0] if source.mentions else None
            said = self.attributions_of(source)
            if first is None and not said:
                continue
            where = (first.start, first.end) if first else (said[0].start, said[0].end)
            as_written = first.text if first else source.label
            self.add("source-type", source.inline, as_written,
                     f"How does the article identify “{_trim(as_written, 110)}”?",
                     TYPE_LABELS[source.type],
                     [(TYPE_LABELS[t], _type_why(t, source)) for t in _NEIGHBOURS[source.type]],
                     self.evidence(*where), _TYPE_LESSONS[source.type],
                     [source.type, "anonymous-source" if source.anonymous else "sourcing"],
                     1 if source.name else 2)

    def anonymity(self) -> None:
        anonymous = [s for s in self.view.sources if s.anonymous]
        for source in anonymous:
            reason = _reason(source.reason)
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
                if other is not source and other.reason and _fold(other.reason) != _fold(
                        source.reason):
                    options.append((_reason(other.reason), f"That reason is given for "
                                    f"{other.inline}, not for this source."))
            if reason:
                options.append(("No reason is given", f"A reason is given: “{source.reason}”."))
            options += [(text, why) for text, why, key in _STOCK_REASONS
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
            segment = _trim(self.window(start, end, 6), 240)
            described = _quoted(content.text)
            lesson = (f"Wording such as “{cue.text}” lets reporters pass on a party’s account "
                      "without vouching for it")
            who = source.inline if source else "a party the article cites"
            named_in_prompt = source is None or any(
                w in _fold(segment).split() for w in _slug_words(source.inline, 4))
            if named_in_prompt:
                # The party is named in the passage itself: ask what the wording does.
                prompt = f"The article says “{segment}”. What does “{cue.text}” tell you?"
                answer = "A party’s claim, not a fact the reporters vouch for"
                options = [
                    ("The reporters have confirmed the description",
                     f"“{cue.text}” hands the description to {who}; it does not confirm it."),
                    ("The description is the reporters’ own",
                     f"The reporters pass on {_possessive(who)} words instead of stating them."),
                    ("Every party agrees with the description",
                     f"Nothing in the wording says others accept it; it stays "
                     f"{_possessive(who)} claim."),
                ]
            else:
                assert source is not None
                prompt = f"In “{segment}”, whose description is “{described}”?"
                answer = _option(source)
                options = [("The reporters, in their own voice",
                            f"“{cue.text}” hands the description to {source.inline}; the "
                            "reporters do not state it as fact.")]
                options += [(self.options[s.id], f"“{cue.text}” points to {source.inline}, "
                                                 f"not to {s.inline}.")
                            for s in self.rivals(source)[:_MAX_RIVALS]
                            if s.type not in ("no-response", "group") and _fair(s, source)]
            self.add("claim-vs-fact", f"{who} {described}", content.text, prompt, answer,
                     options, self.evidence(start, end),
                     f"{lesson}: “{described}” is {_possessive(who)} description, not a fact "
                     "the article vouches for.", ["attribution", "characterization"], 2)

    # -- hedging: hedges and non-responses

    def hedges(self) -> None:
        for hedge in self.view.hedges:
            text = hedge.span.text
            answer, lesson = _hedge_reading(text)
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
            answer, options, lesson = _non_response_reading(text)
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
            counted = _count(group)
            if counted is None:
                continue
            n, terms = counted
            claim = _trim(content.text, 120)
            breakdown = " + ".join(str(t) for t in terms)
            sum_text = f"{breakdown} = {n}" if len(terms) > 1 else str(n)
            options = []
            for wrong in (n - 1, n + 1, n + 2 if n - 2 < 1 else n - 2):
                if wrong >= 1:
                    noun = "source" if wrong == 1 else "sources"
                    off = f"{_word_count(abs(wrong - n))} too {'many' if wrong > n else 'few'}"
                    options.append((f"{_word_count(wrong)} {noun}",
                                    f"{off}: count “{group}”: {sum_text}."))
            self.add("corroboration", f"{group} {claim}", content.text,
                     f"How many sources does the article cite for the claim that “{claim}”?",
                     f"{_word_count(n)} sources", options,
                     self.evidence(attribution.start, attribution.end),
                     "Counting sources is only the start: ask how many are named, and how "
                     "independent they are of each other and of the parties.",
                     ["counting", "anonymous-source" if source.anonymous else "sourcing"],
                     1 if len(terms) == 1 else 2)


# ------------------------------------------------------------------------- the wording


#: The neighbouring labels of each type: the distractors of its source-type item.
_NEIGHBOURS: dict[str, tuple[str, ...]] = {
    "named-official": ("named-expert", "anonymous-official", "institutional-statement"),
    "named-expert": ("named-official", "named-person", "anonymous-official"),
    "named-person": ("named-expert", "named-official", "unnamed-source"),
    "anonymous-official": ("named-official", "unnamed-source", "institutional-statement"),
    "unnamed-source": ("anonymous-official", "named-person", "group"),
    "institutional-statement": ("government", "anonymous-official", "named-official"),
    "government": ("institutional-statement", "named-official", "anonymous-official"),
    "group": ("anonymous-official", "unnamed-source", "institutional-statement"),
    "document": ("institutional-statement", "named-expert", "government"),
}

_TYPE_LESSONS: dict[str, str] = {
    "named-official": "A named official speaks on the record for an office: readers know who "
                      "is accountable for the words.",
    "named-expert": "A named expert with a stated affiliation can be checked: readers can "
                    "look up who they are and what they have said before.",
    "named-person": "A named person speaks on the record from their own experience, not for "
                    "an office or as an expert.",
    "anonymous-official": "An anonymous official holds a post but is not named, so readers "
                          "must take the outlet’s word for who the source is.",
    "unnamed-source": "An unnamed source is described but not named, and not as an office "
                      "holder: readers cannot check who it is.",
    "institutional-statement": "An institutional statement gives an organisation’s declared "
                               "position, on the record, not one person’s view.",
    "government": "A government or party is cited as a whole: the article does not say which "
                  "person or document speaks for it.",
    "group": "Several sources are counted together: the article does not say which of them "
             "said what.",
    "document": "A document or report is cited: it can, in principle, be found and read in "
                "full.",
}

_STOCK_REASONS = (
    ("They were not authorised to speak to the media",
     "A common reason in news reports, but the article does not give it for this source.",
     r"authori[sz]"),
    ("They feared reprisals for speaking out",
     "The article says nothing about reprisals against this source.", r"reprisal|retaliat"),
    ("To protect themselves and their families",
     "The article says nothing about this source’s safety.", r"safety|danger"),
)


def _fallbacks(attribution: Attribution) -> list[tuple[str, str]]:
    """Give the fallback distractors of a who-said item with few other sources."""
    cue = attribution.cue.text if attribution.cue else "quotation marks"
    return [("The reporters, in their own voice",
             f"The words are in quotation marks and credited with “{cue}”; they are not the "
             "reporters’ own.")]


def _fair(other: SourceView, source: SourceView) -> bool:
    """Tell whether other is a fair distractor for source: a ministry speaks for its
    government, so neither is a fair distractor for the other."""
    return {other.type, source.type} != {"government", "institutional-statement"}


def _is_person(source: SourceView) -> bool:
    return source.type not in ("government", "institutional-statement", "document", "group",
                               "no-response")


#: How many other sources a who-said item considers, the most alike first: 4 are used,
#: the rest stand by in case some read the same as the answer or each other.
_MAX_RIVALS = 8
#: An option naming a source stays under this many characters where it can.
_OPTION_LENGTH = 45


def _option(source: SourceView) -> str:
    """Give a source as an option: a name alone ("Gregory Brew"), or the description, cut
    before a trailing phrase when long ("An Iranian insider", not "… close to the clerics").
    """
    if source.name:
        return source.name
    label = capitalize(source.description) if source.description else source.label
    if len(label) <= _OPTION_LENGTH:
        return label
    cut = re.search(r"^\S+\s+\S+.*?(?=,| close to | who | at | in | from | with | for )",
                    label)
    return cut.group() if cut else label


def _described(source: SourceView) -> str:
    """Give the source as the article identifies it, inside a sentence."""
    if source.name:
        return source.label
    return source.description or source.inline


def _credit(attribution: Attribution) -> str:
    """Give the mention and cue in their order in the article: "he said", "said Koval"."""
    parts = sorted((s for s in (attribution.mention, attribution.cue) if s is not None),
                   key=lambda s: s.start)
    return " … ".join(s.text for s in parts) if len(parts) == 2 and (
        parts[1].start - parts[0].end > 2) else " ".join(s.text for s in parts)


def _type_why(wrong: str, source: SourceView) -> str:
    """Give why a neighbouring type label does not fit this source."""
    name, desc = source.name, source.description or source.inline
    if name and source.type == "government" and wrong.startswith("named-"):
        return f"{name} is a government or party cited as a whole, not one named person."
    if name and not source.description and wrong.startswith("named-"):
        return (f"The article identifies {name} as "
                f"{TYPE_LABELS.get(source.type, source.type).lower()}, not as "
                f"{TYPE_LABELS.get(wrong, wrong).lower()}.")
    person = source.type not in ("institutional-statement", "government", "document", "group")
    if wrong.startswith("named-") and not name:
        return "The article gives no name for this source."
    if wrong in ("anonymous-official", "unnamed-source") and name:
        return f"The article names this source: {name}."
    if wrong == "named-official":
        return f"{name} is described as {desc}, not as holding an office."
    if wrong == "named-expert":
        return f"{name} is described as {desc}, not as an outside expert."
    if wrong == "named-person":
        return f"{name} is cited as {desc}, not as a private person."
    if wrong == "anonymous-official":
        if source.type == "group":
            return "The article counts several sources together here, not one official."
        if person:
            return f"The article does not describe this source as holding an office: “{desc}”."
        return "An organisation or document speaks here, not an unnamed person."
    if wrong == "unnamed-source":
        if source.type == "group":
            return "The article counts several sources together here, not one insider."
        return f"The article describes this source as an office holder: “{desc}”."
    if wrong == "institutional-statement":
        if source.type == "government":
            return ("No statement by a named ministry or agency is cited here; the "
                    "government or party is credited as a whole.")
        if source.type == "group":
            return "These are people, counted together, not a statement by an organisation."
        return "This is one person, not a statement issued by an organisation."
    if wrong == "government":
        return f"The words come from a specific body, “{desc}”, not a government as a whole."
    if wrong == "group":
        return "The article cites this source on its own, not as part of a counted group."
    return (f"The article identifies this source as "
            f"{TYPE_LABELS.get(source.type, source.type).lower()}, not as "
            f"{TYPE_LABELS.get(wrong, wrong).lower()}.")


def _reason(reason: str) -> str:
    """Give the stated reason for anonymity as an option: "Due to sensitivity of the matter"."""
    text = re.sub(r"^(?:speaking\s+)?(?:on\s+(?:the\s+)?condition\s+of\s+anonymity\s*,?\s*)?",
                  "", reason.strip(), flags=re.IGNORECASE)
    text = re.sub(r"^(?:because|as|since)\s+", "", text, flags=re.IGNORECASE)
    return capitalize(text.rstrip(" .,;"))


_HEDGE_READINGS: tuple[tuple[str, str, str], ...] = (
    (r"appear|seem|apparent", "An impression, not a confirmed fact",
     "“Appear” and “seem” report an impression: someone reads signs or intentions, and the "
     "article does not confirm them."),
    (r"\b(?:might|may|could|would|possibl\w*|potential\w*|likely|perhaps|probabl\w*)\b",
     "A possibility, not a certainty",
     "Words like “might”, “could” and “potential” present a possibility; a careful reader "
     "keeps it apart from what has happened."),
    (r"large part|partly|largely|mostly|primarily|mainly|in part",
     "A partial cause or share, not the whole",
     "Words like “in large part” say this is one cause or share among others, not the whole "
     "story."),
    (r"seen as|consider|regard|view", "A view some hold, not an established fact",
     "“Is seen as” reports how someone views something: ask whose view it is."),
    (r"\b(?:about|around|nearly|roughly|approximately|almost|some)\b",
     "An approximate figure, not an exact one",
     "An approximate figure is honest about uncertainty; repeating it as exact overstates "
     "what is known."),
)


def _hedge_reading(text: str) -> tuple[str, str]:
    for pattern, answer, lesson in _HEDGE_READINGS:
        if re.search(pattern, text, re.IGNORECASE):
            return answer, lesson
    return ("A qualified claim, not a certain one",
            "A hedge qualifies a claim: read it as less than certain, and ask what the "
            "qualification leaves open.")


def _non_response_reading(text: str) -> tuple[str, list[tuple[str, str]], str]:
    folded = text.casefold()
    denied = ("They denied what the article reports",
              "No denial is reported: silence is neither a denial nor a confirmation.")
    if re.search(r"declin|refus", folded):
        return ("They were reached and chose not to comment", [
            ("They could not be contacted",
             "Declining means they were reached and chose not to answer."), denied,
            ("They confirmed the report off the record",
             "Nothing says they confirmed anything; they chose not to comment.")],
            "Declining to comment is a choice not to answer; it is neither a denial nor a "
            "confirmation.")
    if re.search(r"reach|contact|unavailable", folded):
        return ("The reporters could not get hold of them", [
            ("They refused to answer questions",
             "Not being reached is not refusing; a refusal is reported as declining to "
             "comment."), denied,
            ("They asked not to be named",
             "That would be anonymity; here no contact was made at all.")],
            "“Could not be reached” means no contact was made, not that anyone refused; "
            "“immediately” hints that an answer may still come later.")
    return ("They were asked and have not answered", [
        ("They refused to comment",
         "Not answering is not an explicit refusal; a refusal is reported as declining to "
         "comment."), denied,
        ("They asked not to be named",
         "That would be anonymity; here a request went unanswered.")],
        "A request went unanswered: silence is neither a denial nor an admission, and an "
        "answer may still come.")


def _count(group: str) -> tuple[int, list[int]] | None:
    """Give the number of sources a group counts ("three officials and an analyst": 4)."""
    tokens = re.findall(r"[\w’'-]+|,", group.casefold())
    terms = []
    for i, token in enumerate(tokens):
        if token in _VAGUE:
            return None
        at_item = i == 0 or tokens[i - 1] in (",", "and")
        if not at_item:
            continue
        if token in _NUMBERS:
            terms.append(_NUMBERS[token])
        elif token.isdigit():
            terms.append(int(token))
        elif token in ("a", "an", "one"):
            terms.append(1)
    total = sum(terms)
    return (total, terms) if total >= 2 else None


def _distinct(answer: str, options: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """Give the options that differ from the answer and each other (folded), in order."""
    seen = {_fold(answer)}
    out = []
    for text, why in options:
        key = _fold(text)
        if key and key not in seen and why:
            seen.add(key)
            out.append((text, why))
    return out


# ------------------------------------------------------------------------- the deck


def draft_items(view: View) -> list[Item]:
    """Give the draft items of an analysed article, grouped by kind."""
    drafter = _Drafter(view)
    steps: tuple[Callable[[], None], ...] = (
        drafter.who_said, drafter.source_types, drafter.anonymity, drafter.characterizations,
        drafter.hedges, drafter.non_responses, drafter.corroboration)
    for step in steps:
        step()
    return drafter.items


def _check_language(*languages: str | None) -> None:
    for language in languages:
        if language and not _is_english(language):
            raise DraftError(
                f"the article is in {language!r}; quizgen draft's rules read English news "
                "only, so it drafts nothing for it")


def _valid_id(deck_id: str) -> None:
    from quizgen.validation.rules import ID_PATTERN

    if not ID_PATTERN.fullmatch(deck_id):
        raise DraftError(f"--id {deck_id!r} is not a lowercase slug (letters, digits and single "
                         "hyphens, like 'iran-pakistan-2024')")


def _validated(items: list[Item], deck: Deck) -> tuple[list[Item], list[str]]:
    """Give the items that pass validate's errors, and a note per item left out."""
    from quizgen.validation import validate

    bad: dict[str, str] = {}
    for problem in validate(deck):
        if problem.severity == "error" and problem.item is not None:
            bad.setdefault(problem.item, f"{problem.field}: {problem.message}")
    return ([i for i in items if i.id not in bad],
            [f"{item_id}: {why}" for item_id, why in bad.items()])


def draft_deck(analysis: Mapping[str, Any], text: str, *, deck_id: str,
               title: str | None = None, outlet: str | None = None,
               headline: str | None = None, published: str | None = None,
               byline: str | None = None, language: str = "en",
               article_name: str = "article.txt") -> str:
    """Give the text of a draft deck.yaml for an analysed article.

    analysis is the dict `quizgen sources --json` prints; text is the analysed text. Raises
    DraftError for a deck id that is not a slug, an article not in English, or an article
    with no attribution; AnalysisError for an analysis that does not fit the text.
    """
    _valid_id(deck_id)
    view = read_view(analysis, text)
    meta = view.metadata
    _check_language(language, meta.get("language"))
    name = view.article or article_name
    if not view.attributions:
        raise DraftError(f"{name}: found no attribution (no quotation, no “said” or "
                         "“according to”); there is nothing to draft items from")
    fields = {
        "outlet": outlet or meta.get("outlet") or PLACEHOLDER.format(field="outlet"),
        "headline": headline or meta.get("headline") or PLACEHOLDER.format(field="headline"),
        "published": published or meta.get("published")
        or PLACEHOLDER.format(field="published"),
        "byline": byline or meta.get("byline") or PLACEHOLDER.format(field="byline"),
    }
    deck_title = (title or headline or meta.get("headline")
                  or PLACEHOLDER.format(field="title"))
    source = Source(fields["outlet"], fields["headline"], fields["published"], article_name,
                    fields["byline"])
    items = draft_items(view)
    deck = Deck(deck_id, deck_title, source, tuple(items), text, language or "en")
    items, left_out = _validated(items, deck)
    if not items:
        raise DraftError(f"{name}: no item could be drafted from its attributions")
    return _yaml(deck_id, deck_title, language or "en", source, items, left_out)


# ------------------------------------------------------------------------- YAML

_YAML_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r",
                 "\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P", "\ufeff": "\\uFEFF"}


_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]')


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _YAML_ESCAPES:
        return _YAML_ESCAPES[char]
    code = ord(char)
    return f"\\x{code:02X}" if code <= 0xFF else f"\\u{code:04X}"


def yaml_string(text: str) -> str:
    """Give text as a double-quoted YAML scalar that reads back as exactly text."""
    return '"' + _NEEDS_ESCAPE.sub(_escape, text) + '"'


def _yaml(deck_id: str, title: str, language: str, source: Source, items: Sequence[Item],
          left_out: Sequence[str]) -> str:
    q = yaml_string
    lines = [
        "# Drafted by quizgen draft. Every item is marked `status: draft`: review it, mend it,",
        "# then delete its status line to accept it. Fields reading \"TODO: …\" are unknown:",
        "# fill them in (delete the byline if the article has none).",
    ]
    lines += [f"# Left out, failing validation: {note}" for note in left_out]
    lines += [
        f"id: {q(deck_id)}",
        f"title: {q(title)}",
        f"language: {q(language)}",
        "source:",
        f"  outlet: {q(source.outlet)}",
        f"  headline: {q(source.headline)}",
        f"  published: {q(source.published)}",
        f"  byline: {q(source.byline)}",
        f"  article: {q(source.article)}",
        "items:",
    ]
    kind = None
    for item in items:
        if item.kind != kind:
            kind = item.kind
            lines += ["", f"  # {'-' * (72 - len(kind))} {kind}", ""]
        else:
            lines.append("")
        lines += [
            f"  - id: {q(item.id)}",
            f"    kind: {q(item.kind)}",
            f"    status: {q(item.status)}",
            f"    prompt: {q(item.prompt)}",
            f"    answer: {q(item.answer)}",
            "    distractors:",
        ]
        for d in item.distractors:
            lines += [f"      - text: {q(d.text)}", f"        why: {q(d.why)}"]
        lines += [
            f"    evidence: {q(item.evidence)}",
            f"    explanation: {q(item.explanation)}",
            f"    tags: [{', '.join(q(t) for t in item.tags)}]",
            f"    difficulty: {q(str(item.difficulty))}",
        ]
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------- writing


def write_draft(analysis: Mapping[str, Any], text: str, out_dir: Path | str, *, deck_id: str,
                article: Path | str | None = None, force: bool = False,
                title: str | None = None, outlet: str | None = None,
                headline: str | None = None, published: str | None = None,
                byline: str | None = None, language: str = "en") -> Path:
    """Write the deck folder OUT_DIR/ID (deck.yaml and article.txt) and give its path.

    The article is copied byte for byte from `article` when the analysis is of that file as
    read; when the analysis carries its own "text" (a saved HTML page) or no file is given,
    the analysed text is written. The folder is built beside its destination and renamed
    into place, so a failure leaves nothing half-written. An existing folder is refused
    unless force is set, and then replaced whole.
    """
    _valid_id(deck_id)
    target = Path(out_dir) / deck_id
    if (target.exists() or target.is_symlink()) and not force:
        raise DraftError(f"{target}: already exists; choose another --id, or pass --force "
                         "to replace it")
    deck_yaml = draft_deck(analysis, text, deck_id=deck_id, title=title, outlet=outlet,
                           headline=headline, published=published, byline=byline,
                           language=language)
    if article is not None and "text" not in analysis:
        try:
            article_bytes = Path(article).read_bytes()
        except OSError as err:
            raise OutputError(f"{article}: cannot read: {err.strerror or err}") from err
    else:
        article_bytes = text.encode("utf-8")
    if target.exists() and not target.is_dir():
        raise OutputError(f"{target}: is a file, not a deck folder; remove it or choose "
                          "another --id")
    _write_folder(target, {"deck.yaml": deck_yaml.encode("utf-8"),
                           "article.txt": article_bytes})
    return target


def _write_folder(target: Path, files: Mapping[str, bytes]) -> None:
    from quizgen.outputs.write import _umask

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp",
                                    dir=target.parent))
    except OSError as err:
        raise OutputError(f"{target.parent}: cannot write here: {err.strerror or err}") from err
    old: Path | None = None
    try:
        mask = _umask()
        os.chmod(tmp, 0o777 & ~mask)
        for name, data in files.items():
            path = tmp / name
            path.write_bytes(data)
            os.chmod(path, 0o666 & ~mask)
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old",
                                        dir=target.parent))
            os.rename(target, old / target.name)
            try:
                os.rename(tmp, target)
            except OSError:
                os.rename(old / target.name, target)  # put the old folder back
                raise
        else:
            os.rename(tmp, target)
    except BaseException as err:  # Ctrl-C too: leave no temporary folder behind
        shutil.rmtree(tmp, ignore_errors=True)
        if old is not None and not (old / target.name).exists():
            shutil.rmtree(old, ignore_errors=True)
        if isinstance(err, OSError):
            raise OutputError(f"{target}: cannot write: {err.strerror or err}") from err
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)

