"""The wording of drafted items: options naming sources, why each distractor is wrong, lessons."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from quizgen.drafting.words import fold_words
from quizgen.sources.dictview import TYPE_LABELS, Attribution, SourceView, capitalize

#: The neighbouring labels of each type: the distractors of its source-type item.
NEIGHBOURS: dict[str, tuple[str, ...]] = {
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

TYPE_LESSONS: dict[str, str] = {
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

STOCK_REASONS = (
    ("They were not authorised to speak to the media",
     "A common reason in news reports, but the article does not give it for this source.",
     r"authori[sz]"),
    ("They feared reprisals for speaking out",
     "The article says nothing about reprisals against this source.", r"reprisal|retaliat"),
    ("To protect themselves and their families",
     "The article says nothing about this source’s safety.", r"safety|danger"),
)


def fallbacks(attribution: Attribution) -> list[tuple[str, str]]:
    """Give the fallback distractors of a who-said item with few other sources."""
    cue = attribution.cue.text if attribution.cue else "quotation marks"
    return [("The reporters, in their own voice",
             f"The words are in quotation marks and credited with “{cue}”; they are not the "
             "reporters’ own.")]


def fair(other: SourceView, source: SourceView) -> bool:
    """Tell whether other is a fair distractor for source: a ministry speaks for its
    government, so neither is a fair distractor for the other."""
    return {other.type, source.type} != {"government", "institutional-statement"}


def is_person(source: SourceView) -> bool:
    return source.type not in ("government", "institutional-statement", "document", "group",
                               "no-response")


#: How many other sources a who-said item considers, the most alike first: 4 are used,
#: the rest stand by in case some read the same as the answer or each other.
MAX_RIVALS = 8
#: An option naming a source stays under this many characters where it can.
_OPTION_LENGTH = 45


def option_of(source: SourceView) -> str:
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


def identified(source: SourceView) -> str:
    """Give the source as the article identifies it, inside a sentence."""
    if source.name:
        return source.label
    return inline(source)


def inline(source: SourceView) -> str:
    """Give the source as it reads inside a sentence: "Gregory Brew", "a senior official"."""
    return lower_article(source.inline)


def lower_article(text: str) -> str:
    """Give text with a leading "A", "An" or "The" in lower case, to sit inside a sentence."""
    return re.sub(r"^(A|An|The)(?=\s)", lambda m: m.group().lower(), text)


def credit(attribution: Attribution) -> str:
    """Give the mention and cue in their order in the article: "he said", "said Koval"."""
    parts = sorted((s for s in (attribution.mention, attribution.cue) if s is not None),
                   key=lambda s: s.start)
    return " … ".join(s.text for s in parts) if len(parts) == 2 and (
        parts[1].start - parts[0].end > 2) else " ".join(s.text for s in parts)


def type_why(wrong: str, source: SourceView, quote: Callable[[str], str]) -> str:
    """Give why a neighbouring type label does not fit this source; quote puts the source's
    description in quotation marks when the article has those words."""
    name, desc = source.name, lower_article(source.description or source.inline)
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
            return f"The article does not describe this source as holding an office: {quote(desc)}."
        return "An organisation or document speaks here, not an unnamed person."
    if wrong == "unnamed-source":
        if source.type == "group":
            return "The article counts several sources together here, not one insider."
        return f"The article describes this source as an office holder: {quote(desc)}."
    if wrong == "institutional-statement":
        if source.type == "government":
            return ("No statement by a named ministry or agency is cited here; the "
                    "government or party is credited as a whole.")
        if source.type == "group":
            return "These are people, counted together, not a statement by an organisation."
        return "This is one person, not a statement issued by an organisation."
    if wrong == "government":
        return f"The words come from a specific body, {quote(desc)}, not a government as a whole."
    if wrong == "group":
        return "The article cites this source on its own, not as part of a counted group."
    return (f"The article identifies this source as "
            f"{TYPE_LABELS.get(source.type, source.type).lower()}, not as "
            f"{TYPE_LABELS.get(wrong, wrong).lower()}.")


def reason_option(reason: str) -> str:
    """Give the stated reason for anonymity as an option: "Due to sensitivity of the matter"."""
    text = re.sub(r"^(?:speaking\s+)?(?:on\s+(?:the\s+)?condition\s+of\s+anonymity\s*,?\s*)?",
                  "", reason.strip(), flags=re.IGNORECASE)
    text = re.sub(r"^(?:because|as|since)\s+", "", text, flags=re.IGNORECASE)
    return capitalize(text.rstrip(" .,;"))


# Each lesson quotes only the hedge itself ({hedge}): a drafted item puts no word in
# quotation marks that the article does not have.
_HEDGE_READINGS: tuple[tuple[str, str, str], ...] = (
    (r"appear|seem|apparent", "An impression, not a confirmed fact",
     "The wording “{hedge}” reports an impression: someone reads signs or intentions, and "
     "the article does not confirm them."),
    (r"\b(?:might|may|could|would|possibl\w*|potential\w*|likely|perhaps|probabl\w*)\b",
     "A possibility, not a certainty",
     "The wording “{hedge}” presents a possibility; a careful reader keeps it apart from "
     "what has happened."),
    (r"large part|partly|largely|mostly|primarily|mainly|in part",
     "A partial cause or share, not the whole",
     "The wording “{hedge}” says this is one cause or share among others, not the whole "
     "story."),
    (r"seen as|consider|regard|view", "A view some hold, not an established fact",
     "The wording “{hedge}” reports how someone views something: ask whose view it is."),
    (r"\b(?:about|around|nearly|roughly|approximately|almost|some)\b",
     "An approximate figure, not an exact one",
     "The wording “{hedge}” gives an approximate figure, honest about uncertainty; "
     "repeating it as exact overstates what is known."),
)


def hedge_reading(text: str) -> tuple[str, str]:
    """Give what a hedge signals (the answer of its item) and the lesson, quoting the hedge."""
    for pattern, answer, lesson in _HEDGE_READINGS:
        if re.search(pattern, text, re.IGNORECASE):
            return answer, lesson.format(hedge=text)
    return ("A qualified claim, not a certain one",
            f"The wording “{text}” qualifies a claim: read it as less than certain, and ask "
            "what the qualification leaves open.")


def non_response_reading(text: str) -> tuple[str, list[tuple[str, str]], str]:
    """Give what a non-response means, the distractors with their why, and the lesson; the
    lesson quotes only the article's own words (text)."""
    folded = text.casefold()
    denied = ("They denied what the article reports",
              "No denial is reported: silence is neither a denial nor a confirmation.")
    if re.search(r"declin|refus", folded):
        return ("They were reached and chose not to comment", [
            ("They could not be contacted",
             "Declining means they were reached and chose not to answer."), denied,
            ("They confirmed the report off the record",
             "Nothing says they confirmed anything; they chose not to comment.")],
            f"The wording “{text}” reports a choice not to answer; it is neither a denial nor a "
            "confirmation.")
    if re.search(r"reach|contact|unavailable", folded):
        return ("The reporters could not get hold of them", [
            ("They refused to answer questions",
             "Not being reached is not refusing; a refusal is reported as declining to "
             "comment."), denied,
            ("They asked not to be named",
             "That would be anonymity; here no contact was made at all.")],
            f"The wording “{text}” means no contact was made, not that anyone refused"
            + ("; “immediately” hints that an answer may still come later."
               if re.search(r"\bimmediately\b", folded) else "."))
    return ("They were asked and have not answered", [
        ("They refused to comment",
         "Not answering is not an explicit refusal; a refusal is reported as declining to "
         "comment."), denied,
        ("They asked not to be named",
         "That would be anonymity; here a request went unanswered.")],
        f"The wording “{text}” reports a request that went unanswered: silence is neither a "
        "denial nor an admission, and an answer may still come.")


def distinct(answer: str, options: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """Give the options that differ from the answer and each other (folded), in order."""
    seen = {fold_words(answer)}
    out = []
    for text, why in options:
        key = fold_words(text)
        if key and key not in seen and why:
            seen.add(key)
            out.append((text, why))
    return out
