"""The checks of one item: errors stop a build, warnings point at test-wise cues."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from statistics import mean

from quizgen.errors import Problem
from quizgen.fold import ArticleIndex, fold_option, fold_text
from quizgen.model import KINDS, Item
from quizgen.util import did_you_mean

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MIN_DISTRACTORS, MAX_DISTRACTORS = 2, 4
#: An answer this many times longer than its distractors' mean length gives itself away.
LENGTH_CUE_RATIO = 1.5

# Options that point at other options instead of saying something. The whole option is
# matched: "All the answers came from Iranian officials" is a real option.
_CATCH_ALL = re.compile(
    r"^(?:(?:all|none|neither|both)\s+(?:of\s+)?(?:the\s+)?"
    r"(?:above|options|answers|choices|these|them|the\s+above)"
    r"|both\s+[a-e]\s+and\s+[a-e]|neither\s+[a-e]\s+nor\s+[a-e]"
    r"|[a-e]\s*(?:and|&|,)\s*[a-e](?:\s+(?:only|both))?)\W*$",
    re.IGNORECASE,
)
# Hedges that may come before a number: "nearly 100", "more than two".
_HEDGE = re.compile(r"^(?:about|nearly|around|almost|roughly|more than|fewer than|less than|"
                    r"over|under|at least|at most|exactly|some|only|just)\s+", re.IGNORECASE)
_NUMBER_WORDS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
    "eighty ninety hundred hundreds thousand thousands million millions billion billions "
    "dozen dozens".split()
)
WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
STOPWORDS = frozenset(
    """about above after again against also among been before being below between both
    but by could did does doing down during each few from further had has have having
    here hers herself himself into itself just more most must nor not now once only other
    ought ours over own same should some such than that their theirs them themselves then
    there these they this those through under until very were what when where which while
    whom with would your yours said says told""".split()
)


def number_like(text: str) -> bool:
    """Tell whether an option is a number: "3", "-3%", "¥500", "½", "nearly 100", "a dozen",
    "twenty-one", "two bases".

    A number word followed by a capitalized word is a name ("Ten Downing Street").
    """
    text = _HEDGE.sub("", fold_text(text), count=1)
    head = text.lstrip("+-")
    if head[:1] and unicodedata.category(head[0]) == "Sc":  # a currency sign
        head = head[1:]
    if re.match(r"\.?\d", head) or (head[:1] and unicodedata.numeric(head[0], None) is not None):
        return True
    words = re.split(r"[\s-]+", text)
    if words and words[0].casefold() in ("a", "an") and len(words) > 1:
        words = words[1:]
    if not words or words[0].casefold() not in _NUMBER_WORDS:
        return False
    return len(words) == 1 or not words[1][:1].isupper() or words[1].casefold() in _NUMBER_WORDS


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 4 and word.endswith("s") else word


def _words(text: str) -> set[str]:
    return {_stem(w) for w in WORD.findall(fold_text(text).casefold())}


#: Bidirectional controls reorder what a reader sees: an answer can display reversed, or
#: like another option. They have no place anywhere in a deck.
BIDI_CONTROLS = {"\u202a": "a left-to-right embedding", "\u202b": "a right-to-left embedding",
                 "\u202c": "a pop directional formatting", "\u202d": "a left-to-right override",
                 "\u202e": "a right-to-left override", "\u2066": "a left-to-right isolate",
                 "\u2067": "a right-to-left isolate", "\u2068": "a first strong isolate",
                 "\u2069": "a pop directional isolate"}
#: Invisible characters that make two options look identical while they differ (or hide a
#: catch-all option from its check). The zero-width joiner and non-joiner (U+200D, U+200C)
#: stay allowed: emoji and Persian or Urdu text need them.
INVISIBLES = {"\u200b": "a zero-width space", "\u00ad": "a soft hyphen",
              "\u2060": "a word joiner", "\ufeff": "a zero-width no-break space"}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # tab and newline are text
_BIDI = re.compile("[" + "".join(BIDI_CONTROLS) + "]")
_INVISIBLE = re.compile("[" + "".join(INVISIBLES) + "]")


def hidden_characters(text: str, invisibles: bool) -> list[tuple[str, str]]:
    """Give what is wrong with the characters of one field: (message, code) pairs.

    Bidirectional and control characters anywhere; with invisibles, the zero-width space,
    soft hyphen, word joiner and BOM too (prompts and options, where they mislead).
    """
    found = []
    for pattern, names, code, why in (
            (_BIDI, BIDI_CONTROLS, "bidi-control", "it reorders how the text displays"),
            (_CONTROL, None, "control-character", "it is not text"),
            (_INVISIBLE if invisibles else None, INVISIBLES, "invisible-character",
             "it makes options that differ look alike")):
        match = pattern.search(text) if pattern is not None else None
        if match is not None:
            char = match.group()
            name = names[char] if names else "a control character"
            found.append((f"holds {name} (U+{ord(char):04X}) at character {match.start() + 1}"
                          f"; {why}: delete it", code))
    return found


#: Gives the line of one of the item's fields, for messages (None when not known).
LineOf = Callable[[str], "int | None"]


def check_item(item: Item, index: ArticleIndex, file: str,
               line_of: LineOf = lambda field: None, headline: str = "") -> Iterator[Problem]:
    """Give every problem of one item: its own fields, options and evidence.

    headline, folded, is a second place evidence may come from besides the article.
    """
    def error(field: str, message: str, code: str) -> Problem:
        return Problem(file, message, item.id, field, line_of(field), "error", code)

    def warning(field: str, message: str, code: str) -> Problem:
        return Problem(file, message, item.id, field, line_of(field), "warning", code)

    texts_of = [("prompt", item.prompt, True), ("answer", item.answer, True),
                ("evidence", item.evidence, False), ("explanation", item.explanation, False)]
    for i, distractor in enumerate(item.distractors):
        texts_of += [(f"distractors[{i}].text", distractor.text, True),
                     (f"distractors[{i}].why", distractor.why, False)]
    texts_of += [(f"tags[{i}]", tag, False) for i, tag in enumerate(item.tags)]
    for field, text, shown_as_option in texts_of:
        for message, code in hidden_characters(text, shown_as_option):
            yield error(field, message, code)
    if not ID_PATTERN.fullmatch(item.id):
        yield error("id", f"{item.id!r} is not a lowercase slug (letters, digits and single "
                    "hyphens, like 'brew-domestic-pressure')", "bad-id")
    if item.kind not in KINDS:
        yield error("kind", f"{item.kind!r} is not a kind{did_you_mean(item.kind, KINDS)}; "
                    f"use one of {', '.join(KINDS)}", "unknown-kind")
    count = len(item.distractors)
    if not MIN_DISTRACTORS <= count <= MAX_DISTRACTORS:
        yield error("distractors", f"has {count}; give {MIN_DISTRACTORS} to "
                    f"{MAX_DISTRACTORS} distractors", "distractor-count")
    for tag in item.tags:
        if any(ch.isspace() for ch in tag):
            yield error("tags", f"{tag!r} has a space; Anki splits tags on spaces, "
                        "so use hyphens", "bad-tag")
        elif "::" in tag and "" in tag.split("::"):
            yield error("tags", f"{tag!r} has an empty part; Anki reads '::' as a parent "
                        "tag and its child, so put a name on each side", "bad-tag")

    options = [("answer", item.answer)] + [
        (f"distractors[{i}].text", d.text) for i, d in enumerate(item.distractors)
    ]
    keys: dict[str, str] = {}
    for field, text in options:
        key = fold_option(text)
        if key in keys:
            what = ("repeats the answer" if keys[key] == "answer"
                    else f"repeats {keys[key]}")
            yield error(field, f"{what}; every option must differ", "repeated-option")
        else:
            keys[key] = field
        if _CATCH_ALL.search(fold_text(text)):
            yield error(field, f"{text!r} is a catch-all option; write a real alternative",
                        "catch-all-option")

    # Evidence may quote the headline too: a headline can say what the body only attributes.
    in_headline = bool(headline) and fold_text(item.evidence) in headline
    if item.evidence not in index and not in_headline:
        yield error("evidence", _evidence_message(item.evidence, index), "evidence-not-found")

    texts = [d.text for d in item.distractors]
    if texts and len(item.answer) > LENGTH_CUE_RATIO * mean(len(t) for t in texts):
        yield warning("answer", f"is {len(item.answer)} characters against a mean of "
                      f"{mean(len(t) for t in texts):.0f} for the distractors; the longest "
                      "option gives itself away", "length-cue")
    distractor_words = set().union(*(_words(t) for t in texts)) if texts else set()
    distinctive = {w for w in _words(item.answer) - distractor_words
                   if len(w) >= 4 and w not in STOPWORDS}
    clang = sorted(distinctive & _words(item.prompt))
    if clang:
        yield warning("prompt", f"shares {', '.join(repr(w) for w in clang)} with the answer "
                      "alone; the echo gives the answer away", "clang-cue")
    forms = {number_like(t) for _, t in options}
    if len(forms) > 1:
        yield warning("distractors", "mixes numbers with other options; make every option "
                      "the same form", "mixed-form")
    if not item.explanation:
        yield warning("explanation", "missing; say what the item teaches", "no-explanation")


def _evidence_message(evidence: str, index: ArticleIndex) -> str:
    folded = fold_text(evidence)
    found = index.matched_prefix(evidence)
    if len(found) < 8:
        return (f"not found in the article or the headline: {folded[:50]!r}; copy a span of "
                "either exactly")
    tail = found if len(found) <= 30 else "…" + found[-30:].split(" ", 1)[-1]
    return (f"not found in the article or the headline: the article matches up to {tail!r}, "
            f"then reads {folded[len(found):][:30]!r}; copy a span of either exactly")
