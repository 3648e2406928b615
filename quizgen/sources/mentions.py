"""Find the source as written around a cue: the subject before it, or the name after it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from quizgen.sources.lexicon import (
    BETWEEN_TAIL,
    CLAUSE_WORDS,
    DAYS_MONTHS,
    NAME_PARTICLES,
    PRONOUNS,
    TITLES,
)

_WORD = re.compile(r"[\w’'.-]+")
# A comma that separates clauses or appositives (not the one in "1,000").
_COMMA = re.compile(r",(?!\d)")
_HARD_BREAK = re.compile(r"[;:“”\"―]|''|—|–| - | -- ")
_LEADING = re.compile(
    r"(?:(?:but|and|yet|so|still|however|meanwhile|instead|now|then|also|later|earlier|as|"
    r"(?:more\s+)?from|"
    r"separately|in addition|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))"
    r"[\s,]+)+", re.IGNORECASE)
_APPOSITIVE_START = re.compile(
    r"^(?:a|an|the|who|whose|which|whom|himself|herself|its|his|her|their|one of|"
    r"[a-z][\w-]*(?:\s+of\b|\s+at\b|\s+for\b))\b")
_AFTER_STOP = re.compile(
    r",|(?<![A-Z])(?<!Mr)(?<!Ms)(?<!Dr)(?<!Jr)(?<!Sr)(?<!St)(?<!Lt)(?<!Mrs)(?<!Sen)(?<!Gov)"
    r"(?<!Rep)(?<!Gen)(?<!Col)\.(?=\s|$)|;|:|\(|—|–| - |"
    r"\s+(?:in|on|at|during|after|before|when|while|as|to|that|"
    r"about|of the\s+(?:\w+day)|last|this|earlier|later|told|adding|according|who|which|"
    r"whose)\b")

MAX_MENTION_WORDS = 14
_NP_STOP = re.compile(r"[.;:(—–]|,(?!\s+(?:and|one|two|three|an?)\b)(?!\d)| - |"
                      r"\s(?:who|which|that|whose)\s")
_FUNCTION_WORDS = frozenset("and or but nor then so yet also".split())


@dataclass(frozen=True)
class Mention:
    """A source as written: its span, and an appositive description when one is given."""

    start: int
    end: int
    description: tuple[int, int] | None = None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",’'"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ","):
        end -= 1
    return start, end


def looks_like_name(phrase: str) -> bool:
    """Tell whether a phrase is a proper name: capitalised words, maybe with particles."""
    words = re.sub(r"\([^)]*\)", " ", phrase).split()
    if not words or len(words) > 7 or words[0].lower().strip(",") in _NOT_NAMES:
        return False
    if words[0].lower() in {"the", "a", "an", "in", "on", "at", "for", "but", "and", "after",
                            "before", "with", "as", "when", "while", "if", "by", "from"}:
        return False
    if 3 <= len(words) <= 5 and all(w[:1].isupper() for w in words[-2:]) and \
            words[0][:1].isupper() and all(
                w[:1].isupper() or (w.isalpha() and not w.endswith(("ed", "ing", "ly"))
                                    and w not in _NOT_IN_TITLES) for w in words):
        return True  # "Minnesota state delegate Mary Susan": a description, then the name
    for word in words:
        core = word.strip("’'.,")
        if not core:
            return False
        if core[0].isupper() or core.lower() in NAME_PARTICLES or core.lower() in TITLES:
            continue
        return False
    return True


def subject_before(text: str, clause_start: int, cue_start: int) -> Mention | None:
    """Give the subject that ends right before a cue, its appositive aside, or None."""
    clause_start = max(clause_start, cue_start - 300)
    region_end = cue_start
    tail = BETWEEN_TAIL.search(text, max(clause_start, region_end - 100), region_end)
    if tail is not None and tail.end() == region_end:
        region_end = tail.start()
    what = _WHAT_NP.search(text, clause_start, region_end)
    if what is not None:  # "what multiple lawmakers called …", "which it says …"
        return Mention(what.start(1), what.end(1))
    relative = re.search(r"(?<![\w’'])(?:who|which|that)\s*$", text[clause_start:region_end])
    if relative is not None:
        r_start = clause_start + relative.start()
        return Mention(r_start, r_start + len(relative.group().strip()))
    aside = _DASH_ASIDE.search(text, clause_start, region_end)
    if aside is not None:  # "Gingrich — mentioned by Newsmax as … — told"
        region_end = aside.start()
    start = clause_start
    for brk in _HARD_BREAK.finditer(text, clause_start, region_end):
        start = brk.end()
    # The comma-separated parts of what comes before the cue: the subject and its appositives.
    parts: list[tuple[int, int]] = []
    pos = start
    for comma in _COMMA.finditer(text, start, region_end):
        parts.append(_trim(text, pos, comma.start()))
        pos = comma.end()
    parts.append(_trim(text, pos, region_end))
    parts = [p for p in parts if p[0] < p[1] and not _ASIDE.match(text[p[0]:p[1]])]
    # "Trump, in Kentucky, said": a place or time set off by commas is not the subject.
    while len(parts) > 1 and _PREPOSITION_PART.match(text, parts[-1][0], parts[-1][1]):
        parts.pop()
    if not parts:
        return None
    last = len(parts) - 1
    p_start, p_end = parts[last]
    # Within the last part, the subject starts after the last clause word.
    p_start = _after_clause_word(text, p_start, p_end)
    if p_start >= p_end:
        return None
    phrase = text[p_start:p_end]
    words = phrase.split()
    if words[-1].lower() in PRONOUNS:
        word_start = p_end - len(words[-1])
        return Mention(word_start, p_end)
    # Walk back over appositives to the name they describe.
    index = last
    description_end = None
    walk = last
    while walk > 0 and _is_appositive(text[parts[walk][0]:parts[walk][1]]):
        prev_start, prev_end = parts[walk - 1]
        prev_start = _after_clause_word(text, prev_start, prev_end)
        walk -= 1
        if looks_like_name(_strip_leading(text[prev_start:prev_end])):
            description_end = p_end
            index = walk
            p_start, p_end = prev_start, prev_end
            break
    lead = _LEADING.match(text, p_start, p_end)
    if lead is not None:
        p_start = lead.end()
    while p_start < p_end and text[p_start] in "([":
        p_start += 1
    if p_start >= p_end or len(text[p_start:p_end].split()) > MAX_MENTION_WORDS:
        return None
    if text[p_start:p_end].lower() in _FUNCTION_WORDS:
        return None
    if not _plausible_subject(text[p_start:p_end]):
        return None
    description = None
    if index < last and description_end is not None:
        d_start = parts[index + 1][0]
        description = (d_start, description_end)
    return Mention(p_start, p_end, description)


def _strip_leading(phrase: str) -> str:
    lead = _LEADING.match(phrase)
    return phrase if lead is None else phrase[lead.end():]


def _after_clause_word(text: str, start: int, end: int) -> int:
    best = start
    for match in _WORD.finditer(text, start, end):
        word = match.group()
        if word in CLAUSE_WORDS and word not in {"and", "or"}:
            best = match.end()
    while best < end and text[best].isspace():
        best += 1
    return best


def _is_appositive(phrase: str) -> bool:
    phrase = phrase.strip()
    if not phrase:
        return False
    if re.fullmatch(r"\d{1,3}|(?:[A-Z]-[A-Z][\w.]*)|\([^)]*\)", phrase):
        return True  # "Carlos Guerrero, 55, said": an age; "Rep. X, R-Pa., said": a party
    first = phrase.split()[0].lower()
    if phrase.lower().startswith("one of "):
        return True  # "…, one of the states suing the EPA, said"
    if first in _SUBJECT_STARTS:
        return False  # "one source", "two officials": a subject, not an appositive
    if _APPOSITIVE_START.match(phrase):
        return True
    return phrase[0].islower() and first not in PRONOUNS


_ASIDE = re.compile(
    r"(?i)(?:for example|for instance|in fact|however|though|too|meanwhile|in turn|in response|"
    r"in a statement|in an interview|on (?:mon|tues|wednes|thurs|fri|satur|sun)day|"
    r"for (?:his|her|its|their) part|at the time|at one point|instead|also|later|earlier|"
    r"in particular|in other words|of course|nonetheless|nevertheless|separately|again|"
    r"once again|last (?:week|month|year)|this (?:week|month|year))$")
_PREPOSITION_PART = re.compile(
    r"(?:in|on|at|during|after|before|for|with|from|by|like|unlike|including|asked|"
    r"interviewed|[a-z]+ing)\s")
_WHAT_NP = re.compile(r"\b(?:what|which)\s+((?:[\w’'.-]+\s+){0,4}?[\w’'.-]+)\s*$")
_DASH_ASIDE = re.compile(r"\s*[—–]\s[^—–]{3,200}?\s[—–]\s*$|\s+--\s[^-]{3,200}?\s--\s*$")
_NOT_IN_TITLES = frozenset("against in of for to at on with by from and or but the a an as "
                           "said says told than that which who".split())
_SUBJECT_STARTS = frozenset("one two three four five six seven eight nine ten another some "
                            "several many most both all few dozens".split())
_NOT_NAMES = frozenset(
    "however but and yet still meanwhile instead also now then last earlier later separately "
    "previously indeed moreover asked speaking since while when after before in on at for "
    "with as if though although because during despite amid under over so thus therefore "
    "furthermore additionally nevertheless nonetheless overall today yesterday".split())


_NAME_OF = re.compile(r"((?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'.-]*)\s+(?:of|at|from|with)\s")
_SPEECH_WORD = re.compile(r"\b(?:said|says|told|tells|wrote|added|asked)\b")
_VERBISH = re.compile(r"\b(?:is|are|was|were|be|been|has|have|had|will|would|can|could|did|"
                      r"does|do|should|must|may|might)\b")


def _plausible_subject(phrase: str) -> bool:
    """Reject clauses: a subject has no finite auxiliary and is not a bare adverbial."""
    if _VERBISH.search(phrase) or _SPEECH_WORD.search(phrase):
        return False
    first = phrase.split()[0]
    if first.endswith("ing") and first[:1].islower() and first not in (
            "nothing", "everything", "something", "anything"):
        return False
    if first.lower() in {"in", "on", "at", "for", "with", "from", "to", "by", "as", "of",
                         "into", "about", "over", "after", "before", "during", "without",
                         "than", "not", "also", "only", "just", "then"}:
        return False
    return any(ch.isalpha() for ch in phrase)


def subject_after(text: str, cue_end: int, clause_end: int) -> Mention | None:
    """Give the subject of an inversion ("…,” said Brew, an analyst …), or None."""
    start = cue_end
    while start < clause_end and text[start] in " \t\u00a0":
        start += 1
    if start >= clause_end:
        return None
    stop = _AFTER_STOP.search(text, start, clause_end)
    end = clause_end if stop is None else stop.start()
    start, end = _trim(text, start, end)
    if start >= end:
        return None
    of = _NAME_OF.match(text, start, end)
    if of is not None and looks_like_name(of.group(1)):
        end = start + len(of.group(1))  # "said Stephen Vladeck of the University of Texas"
    phrase = text[start:end]
    words = phrase.split()
    if len(words) > 8 or not _plausible_subject(phrase) or \
            words[0].lower().strip(".,") in DAYS_MONTHS:
        return None
    first = words[0]
    if not (first[0].isupper() or first.lower() in {"the", "a", "an", "one", "two", "three",
                                                    "another", "he", "she", "they", "it",
                                                    "we", "i", "former", "senior"}
            or any(w[:1].isupper() for w in words[1:])):
        return None
    description = None
    rest = text[end:clause_end]
    if rest.startswith(","):
        d_start = end + 1
        d_stop = re.compile(r"[,.;]|\s+(?:said|says|adding|added)\b").search(text, d_start,
                                                                             clause_end)
        d_end = clause_end if d_stop is None else d_stop.start()
        d_start, d_end = _trim(text, d_start, d_end)
        if d_start < d_end and _is_appositive(text[d_start:d_end]):
            description = (d_start, d_end)
    return Mention(start, end, description)


def noun_phrase_after(text: str, start: int, end: int) -> Mention | None:
    """Give the noun phrase after "according to" / "by": up to the next comma or stop."""
    while start < end and text[start].isspace():
        start += 1
    stop = _NP_STOP.search(text, start, end)
    stop_at = end if stop is None else stop.start()
    start, stop_at = _trim(text, start, stop_at)
    if start >= stop_at:
        return None
    phrase = text[start:stop_at]
    if len(phrase.split()) > MAX_MENTION_WORDS + 8:  # "according to a 52-count civil complaint …"
        return None
    description = None
    rest_comma = text[stop_at:stop_at + 1] == ","
    if rest_comma:
        nxt = re.compile(r"[,.;]").search(text, stop_at + 1, end)
        d_end = end if nxt is None else nxt.start()
        d_start, d_end = _trim(text, stop_at + 1, d_end)
        if d_start < d_end and _is_appositive(text[d_start:d_end]) and looks_like_name(phrase):
            description = (d_start, d_end)
    return Mention(start, stop_at, description)
