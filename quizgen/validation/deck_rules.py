"""Rules that read a deck as a whole: quotations, give-aways, the length cue, form and stems.

Pure functions over a loaded Deck. Each finding is a tuple (item id or None, field, severity,
code, message); ``validate`` turns them into Problems with file and line.

- quotation integrity: a passage in quotation marks must be the article's (or the headline's)
  words, unless the item lists it under ``scare_quotes``;
- give-away: one item's prompt holds the words that set another item's answer apart;
- length cue across the deck: the answer is the longest option in more items than chance
  predicts (a one-sided test of the count, see ``length_cue``);
- option form: the answer is the only option of its shape ("A concession…" among "That…");
- negative stems: "which … not", "none", "except" in a prompt, written in lower case.
"""

from __future__ import annotations

import functools
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator

from quizgen.fold import fold_text
from quizgen.model import Deck, Item
from quizgen.validation.rules import STOPWORDS, WORD

#: (item id or None for the whole deck, field, severity, code, message)
Finding = tuple[str | None, str, str, str, str]

#: The length cue is reported when a count this unlikely under chance is reached.
LENGTH_CUE_ALPHA = 0.05
#: Up to this many items the tail probability is exact; beyond, a normal approximation.
_EXACT_UP_TO = 500
_WORST_SHOWN = 3
#: An option this many characters longer than every other one stands out to the eye.
LENGTH_CUE_MARGIN = 5
#: Words of another item's prompt that a give-away prompt shares besides its answer.
GIVE_AWAY_CONTEXT = 2

# ------------------------------------------------------------------------------ quotations

# After fold_text every double quote is '"' and every single quote is "'".
_DOUBLE = re.compile(r'"([^"]*)"')
# A single quote opens after a non-word character and closes before one, so the apostrophes
# of "Iran's" and "don't" neither open nor close a passage.
_SINGLE = re.compile(r"(?<![\w'])'(?=\S)((?:[^']|'(?=\w))*?)(?<=\S)'(?!\w)")
# An ellipsis or a bracketed insertion ("[sic]", "[Iran]") marks a gap in a quotation.
_GAP = re.compile(r"\.\.\.|…|\[[^\]]*\]")
_QUOTE_WORD = re.compile(r"\w+(?:'\w+)*")


#: Every character fold_text turns into a quotation mark: a text with none quotes nothing.
_QUOTE_CHARS = frozenset("\"'\u2018\u2019\u201a\u201b\u2032`\u00b4\u201c\u201d\u201e\u201f"
                         "\u2033\u00ab\u00bb")


def quoted_passages(text: str) -> list[str]:
    """Give the passages of text in quotation marks, outermost first: double, then single."""
    if _QUOTE_CHARS.isdisjoint(text):
        return []  # most whys and options: no need to fold them
    folded = fold_text(text)
    passages = [m.group(1) for m in _DOUBLE.finditer(folded)]
    rest = _DOUBLE.sub(" ", folded)
    passages += [m.group(1) for m in _SINGLE.finditer(rest)]
    return [p for p in passages if p.strip()]


def _word_line(text: str) -> str:
    """Give text as its words, case folded, one space between and around them."""
    return " " + " ".join(_QUOTE_WORD.findall(fold_text(text).casefold())) + " "


def quoted_sources(deck: Deck) -> tuple[str, str]:
    """Give the article and the headline as word lines, where quotations are looked up."""
    return _word_line(deck.article_text), _word_line(deck.source.headline)


def _pieces(passage: str) -> list[str]:
    """Give the runs of words a quotation holds between its gaps (ellipses, [brackets])."""
    return [line for part in _GAP.split(passage) if (line := _word_line(part)).strip()]


def _item_texts(item: Item) -> Iterator[tuple[str, str]]:
    yield "prompt", item.prompt
    yield "answer", item.answer
    for i, distractor in enumerate(item.distractors):
        yield f"distractors[{i}].text", distractor.text
        yield f"distractors[{i}].why", distractor.why
    yield "explanation", item.explanation


def quotations(deck: Deck, item: Item,
               sources: tuple[str, ...] | None = None) -> Iterator[Finding]:
    """Warn about a quoted passage whose words are not the article's or the headline's.

    sources: the article and headline as word lines (see quoted_sources), made once a deck.
    """
    if sources is None:
        sources = quoted_sources(deck)
    allowed = {_word_line(s) for s in item.scare_quotes}
    for field, text in _item_texts(item):
        for passage in quoted_passages(text):
            if _word_line(passage) in allowed:
                continue
            if all(any(piece in source for source in sources) for piece in _pieces(passage)):
                continue
            yield (item.id, field, "warning", "quote-not-in-article",
                   f"quotes {passage!r}, which is not in the article or the headline; quote "
                   "the exact words, or list the passage under scare_quotes if the quotation "
                   "marks are the deck's own")


# ------------------------------------------------------------------------------- give-aways

# The words item rules read, and the same stopwords ("article" too: every stem has it).
_WORD = WORD
_STOPWORDS = STOPWORDS | {"article"}
# Enough of a suffix to hear "anonymity" in "anonymous" and "mediation" in "mediator".
_SUFFIXES = ("ations", "ation", "ators", "ator", "ities", "ity", "ously", "ous", "ing", "ed",
             "s")


def _root(word: str) -> str:
    word = word.removesuffix("'s")
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


@functools.lru_cache(maxsize=1 << 14)
def keywords(text: str) -> frozenset[str]:
    """Give the roots of text's words of four letters or more, stopwords left out.

    Kept for the texts seen last: each prompt and option is asked for more than once.
    """
    words = _WORD.findall(fold_text(text).casefold())
    return frozenset(_root(w) for w in words if len(w) >= 4 and w not in _STOPWORDS)


def distinctive(item: Item) -> frozenset[str]:
    """Give the keywords of the answer that no distractor has: what sets the answer apart."""
    others: set[str] = set()
    for distractor in item.distractors:
        others |= keywords(distractor.text)
    return keywords(item.answer) - others


def _needed(words: frozenset[str]) -> int:
    """Give how many of an answer's distinctive words a prompt must hold to give it away."""
    return len(words) if len(words) <= 2 else max(2, math.ceil(0.4 * len(words)))


def give_aways(items: Iterable[Item]) -> Iterator[Finding]:
    """Warn about a prompt that holds another item's answer and speaks of its question.

    Item A gives away item B when A's prompt holds the distinctive words of B's answer (all
    of one or two; two fifths, and at least two, of more) and at least GIVE_AWAY_CONTEXT
    other words of B's prompt: a reader then meets B's question and its answer together.
    """
    items = list(items)
    wanted: dict[int, frozenset[str]] = {}
    asked: dict[int, frozenset[str]] = {}
    holders: defaultdict[str, list[int]] = defaultdict(list)  # keyword -> answers that have it
    for index, item in enumerate(items):
        words = distinctive(item)
        if words:
            wanted[index] = words
            asked[index] = keywords(item.prompt) - words
            for word in words:
                holders[word].append(index)
    for index, item in enumerate(items):
        prompt = keywords(item.prompt)
        hits: defaultdict[int, int] = defaultdict(int)
        for word in prompt:
            for other in holders.get(word, ()):
                hits[other] += 1
        for other in sorted(hits):
            if other == index or hits[other] < _needed(wanted[other]):
                continue
            context = sorted(prompt & asked[other])
            if len(context) < GIVE_AWAY_CONTEXT:
                continue
            held = ", ".join(repr(w) for w in sorted(prompt & wanted[other]))
            yield (item.id, "prompt", "warning", "give-away",
                   f"gives away the answer of item {items[other].id!r} "
                   f"({items[other].answer!r}): it holds {held} from that answer and "
                   f"{', '.join(repr(w) for w in context)} from its prompt; reword one of "
                   "the two")


# ---------------------------------------------------------------------------- length cue


def _tail(chances: list[float], count: int) -> float:
    """Give P(K >= count) when K counts successes of independent trials with these chances."""
    if len(chances) <= _EXACT_UP_TO:
        dist = [1.0]  # dist[j] = P(j successes so far)
        for p in chances:
            nxt = [0.0] * (len(dist) + 1)
            for j, q in enumerate(dist):
                nxt[j] += q * (1 - p)
                nxt[j + 1] += q * p
            dist = nxt
        return min(1.0, sum(dist[count:]))
    mean = sum(chances)
    sd = math.sqrt(sum(p * (1 - p) for p in chances))
    return 0.5 * math.erfc((count - 0.5 - mean) / (sd * math.sqrt(2)))


def length_cue(items: Iterable[Item]) -> Iterator[Finding]:
    """Warn when the answer is the option that stands out by length more often than chance.

    An option stands out when it is LENGTH_CUE_MARGIN characters longer than every other
    option of its item. Were the answer any one of the n options at random, it would be that
    option with chance 1/n, so over the items where one option stands out the count of
    answers that do follows a Poisson binomial law with mean sum(1/n). A count above the mean
    whose one-sided tail probability is under LENGTH_CUE_ALPHA is a cue a test-wise student
    can use: pick the visibly longest option.
    """
    chances: list[float] = []
    longest: list[tuple[int, str]] = []  # (characters ahead of the next option, item id)
    for item in items:
        lengths = [len(fold_text(item.answer))] + [len(fold_text(d.text))
                                                   for d in item.distractors]
        if len(lengths) < 2:
            continue
        first, second = sorted(lengths, reverse=True)[:2]
        if first - second < LENGTH_CUE_MARGIN:
            continue
        chances.append(1 / len(lengths))
        if lengths[0] == first:
            longest.append((first - second, item.id))
    expected, count = sum(chances), len(longest)
    if count <= expected:
        return
    tail = _tail(chances, count)
    if tail >= LENGTH_CUE_ALPHA:
        return
    worst = sorted(longest, key=lambda pair: (-pair[0], pair[1]))[:_WORST_SHOWN]
    named = ", ".join(f"{item_id!r} (+{ahead})" for ahead, item_id in worst)
    yield (None, "items", "warning", "deck-length-cue",
           f"in {len(chances)} items one option is {LENGTH_CUE_MARGIN} or more characters "
           f"longer than the others, and it is the answer in {count}, where chance predicts "
           f"{expected:.1f} (one-sided p = {tail:.3f}); a student who picks the longest option "
           f"beats chance; shorten the answers of {named} first")


# ---------------------------------------------------------------------------- option form

# Openers that give an option a shape of its own: a "that" clause, a reason, an infinitive.
_OPENERS = frozenset({"that", "because", "to", "by", "since"})


def _shape(text: str) -> str:
    words = _WORD.findall(fold_text(text).casefold())
    return words[0] if words and words[0] in _OPENERS else ""


def option_form(item: Item) -> Iterator[Finding]:
    """Warn when every distractor has one shape and the answer another ("That…" or not)."""
    shapes = {_shape(d.text) for d in item.distractors}
    answer = _shape(item.answer)
    if len(item.distractors) >= 2 and len(shapes) == 1 and answer not in shapes:
        (theirs,) = shapes
        said = f"start with {theirs.capitalize()!r}" if theirs else "start without one"
        yield (item.id, "answer", "warning", "odd-form",
               f"is the only option of its form: the distractors all {said}, the answer "
               f"{'starts with ' + repr(answer.capitalize()) if answer else 'does not'}; "
               "give every option the same grammatical shape")


# -------------------------------------------------------------------------- negative stems

# "Which … is not", "what … doesn't", or "none", "except", "neither" anywhere: a question
# that asks for the one option that is false. "Why was he not named?" asks for a reason.
_NEGATIVE = re.compile(
    r"\b(?:which|what|who|whose|whom)\b.*?\b(?:(?:is|are|was|were|do|does|did|has|have|had|"
    r"can|could|would|should|will|may|might)\s+(not|never)|(\w+n't))\b"
    r"|\b(none|except|neither)\b",
    re.IGNORECASE,
)


def negative_stem(item: Item) -> Iterator[Finding]:
    """Warn about a negative question ("which … not", "none", "except") in lower case."""
    text = fold_text(item.prompt)
    for passage in quoted_passages(item.prompt):
        text = text.replace(passage, " ")
    for match in _NEGATIVE.finditer(text):
        word = next(group for group in match.groups() if group)
        if word != word.upper():
            yield (item.id, "prompt", "warning", "negative-stem",
                   f"asks a negative question with {word!r} in lower case; write it in "
                   f"capitals ({word.upper()}) so a hurried reader does not miss it, or ask "
                   "the question the positive way")
            return


# -------------------------------------------------------------------------------- the lot


def deck_rules(deck: Deck) -> Iterator[Finding]:
    """Give every finding of these rules: item by item in file order, then the deck's."""
    by_item: defaultdict[str, list[Finding]] = defaultdict(list)
    for finding in give_aways(deck.items):
        by_item[finding[0] or ""].append(finding)
    sources = quoted_sources(deck)
    for item in deck.items:
        yield from quotations(deck, item, sources)
        yield from by_item.pop(item.id, [])
        yield from option_form(item)
        yield from negative_stem(item)
    yield from length_cue(deck.items)
