"""The Quiz, and arranging one: choosing a deck's items and ordering them and their options.

Every output gets its quiz from arrange(), with one of two named orderings:

- SEEDED: the seed shuffles the chosen items and each item's options, keeping the answers'
  letters near their fair share (the quiz, the printed sheets, the platform exports);
- STABLE: every item in deck order, each with its options in an order fixed by the deck and
  item ids alone, never by a seed (Anki, whose cards must not move when a deck is rebuilt).
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterable
from dataclasses import dataclass

from quizgen.errors import SelectionError
from quizgen.model import KINDS, Deck, Item

#: The seed used when none is given; it is the "version" printed on sheets.
DEFAULT_SEED = 1
#: The orderings an output can ask arrange() for.
SEEDED, STABLE = "seeded", "stable"
ORDERINGS = (SEEDED, STABLE)
#: The letters of a question's options, in order: every output letters options from here.
LETTERS = "ABCDE"


@dataclass(frozen=True)
class Option:
    """One lettered option of a question: the answer or a distractor with its reason."""

    letter: str
    text: str
    correct: bool
    why: str = ""  # empty for the answer


@dataclass(frozen=True)
class Question:
    """An item as it stands in one quiz: its number and its options in order."""

    number: int
    item: Item
    options: tuple[Option, ...]

    @property
    def answer(self) -> Option:
        """Give the correct option."""
        return next(option for option in self.options if option.correct)


@dataclass(frozen=True)
class Quiz:
    """The chosen items of a deck, in order, each with its options in order."""

    deck: Deck
    seed: int
    questions: tuple[Question, ...]
    #: The filters that chose the items, as options to give again ("--kind fact --count 5").
    selection: str = ""

    @property
    def version(self) -> str:
        """Give the version printed on sheets and keys: the seed."""
        return str(self.seed)

    @property
    def built_with(self) -> str:
        """Give the options that rebuild this quiz ("--seed 2 --kind fact --count 5")."""
        return " ".join(filter(None, [f"--seed {self.seed}", self.selection]))

    def kinds(self) -> list[str]:
        """Give the kinds of the chosen items, in the order KINDS lists them."""
        present = {question.item.kind for question in self.questions}
        return [kind for kind in KINDS if kind in present]


def _rng(*parts: object) -> random.Random:
    # Seeding with a str hashes it with SHA-512: the same in every process, whatever
    # PYTHONHASHSEED is (hash() of a str is not).
    return random.Random("/".join(["quizgen", *map(str, parts)]))


#: How far (in questions) a letter may run ahead of its fair share before it is passed over.
SLACK = 1.5


def _arrange_options(deck: Deck, items: list[Item], seed: int) -> list[tuple[Option, ...]]:
    """Give each item's options in order, keeping the answers' letters near their fair share.

    Each item's answer takes a letter at random among its own, so an item with five options
    is answered E about one time in five, like any other letter. A letter's fair share so far
    is the sum, over the items visited that have that letter, of 1/their number of options.
    A letter SLACK or more answers behind its share is taken first; one SLACK or more ahead is
    passed over. So a key never reads
    "C, C, B, C, C", yet the letters are not forced into an exact rotation that would let
    whoever knows three of four answers deduce the fourth. The distractors fill the other
    places in seeded random order. Items are visited in a seeded random order, so an item's
    letters depend on the items chosen with it.
    """
    rng = _rng(deck.id, seed, "options")
    for item in items:
        if 1 + len(item.distractors) > len(LETTERS):  # validation allows at most 4
            raise ValueError(f"item {item.id!r} has {1 + len(item.distractors)} options; at "
                             f"most {len(LETTERS)}")
    visit = list(range(len(items)))
    rng.shuffle(visit)
    used = [0] * len(LETTERS)
    fair = [0.0] * len(LETTERS)
    arranged: list[tuple[Option, ...]] = [() for _ in items]
    for n in visit:
        item = items[n]
        size = 1 + len(item.distractors)
        for k in range(size):
            fair[k] += 1 / size
        behind = [k for k in range(size) if fair[k] - used[k] >= SLACK]
        places = (behind or [k for k in range(size) if used[k] - fair[k] < SLACK]
                  or list(range(size)))
        place = rng.choice(places)
        used[place] += 1
        wrong = [(d.text, False, d.why) for d in item.distractors]
        rng.shuffle(wrong)
        choices = [*wrong[:place], (item.answer, True, ""), *wrong[place:]]
        arranged[n] = tuple(Option(LETTERS[k], text, correct, why)
                            for k, (text, correct, why) in enumerate(choices))
    return arranged


def option_order(deck_id: str, item_id: str, count: int) -> list[int]:
    """Give the STABLE order of an item's options (0 is the answer), fixed forever.

    It depends on the deck and item ids alone, never on a seed or the options' text, so a
    rebuild gives the same order and a reworded option keeps its letter.
    """
    def key(index: int) -> bytes:
        return hashlib.sha256(f"quizgen:{deck_id}:{item_id}:{index}".encode()).digest()

    return sorted(range(count), key=key)


def _stable_options(deck: Deck, item: Item) -> tuple[Option, ...]:
    choices = [(item.answer, True, "")] + [(d.text, False, d.why) for d in item.distractors]
    if len(choices) > len(LETTERS):  # validation allows at most 4 distractors
        raise ValueError(f"item {item.id!r} has {len(choices)} options; at most "
                         f"{len(LETTERS)}")
    order = option_order(deck.id, item.id, len(choices))
    return tuple(Option(LETTERS[k], *choices[index]) for k, index in enumerate(order))


def _describe(kinds: Iterable[str], tags: Iterable[str]) -> str:
    parts = [f"--kind {k}" for k in kinds] + [f"--tag {t}" for t in tags]
    return " ".join(parts)


def arrange(deck: Deck, seed: int = DEFAULT_SEED, count: int | None = None,
            kinds: Iterable[str] = (), tags: Iterable[str] = (),
            ordering: str = SEEDED) -> Quiz:
    """Give the quiz a seed draws from a deck: items filtered, sampled and shuffled.

    With ``ordering=STABLE`` the seed plays no part: every item that the filters keep, in
    deck order, each with its options in their fixed order (see option_order).

    An item is kept when its kind is one of ``kinds`` (any kind when empty) and it carries
    one of ``tags`` (any tags when empty). ``count`` samples that many of the kept items
    (the command line only passes 1 or more; a library caller passing less gets an error).
    The answers' letters are spread evenly over the chosen questions (see _arrange_options).
    """
    if ordering not in ORDERINGS:
        raise ValueError(f"unknown ordering {ordering!r}; use one of {', '.join(ORDERINGS)}")
    kinds, tags = tuple(kinds), tuple(tags)
    pool = [item for item in deck.items
            if (not kinds or item.kind in kinds) and (not tags or set(item.tags) & set(tags))]
    if not pool:
        raise SelectionError(
            f"{deck.id}: no item matches {_describe(kinds, tags)}; the deck has kinds "
            f"{', '.join(sorted({i.kind for i in deck.items}))} and tags "
            f"{', '.join(sorted({t for i in deck.items for t in i.tags})) or '(none)'}"
        )
    if count is not None:
        if count < 1:
            raise SelectionError(f"--count is {count}; ask for at least 1 item")
        if count > len(pool):
            one = len(pool) == 1
            which = (f" that {'matches' if one else 'match'} {_describe(kinds, tags)}"
                     if kinds or tags else " in the deck")
            raise SelectionError(
                f"{deck.id}: --count {count} asks for more items than the {len(pool)} "
                f"{'item' if one else 'items'}{which}; use --count {len(pool)} or fewer"
            )
    if ordering == STABLE:
        chosen = pool[:count]
        options = [_stable_options(deck, item) for item in chosen]
    else:
        order = _rng(deck.id, seed, "items")
        # sample() of the whole pool is a shuffle; with a count it also chooses.
        chosen = order.sample(pool, len(pool) if count is None else count)
        options = _arrange_options(deck, chosen, seed)
    questions = tuple(Question(number, item, opts)
                      for number, (item, opts) in enumerate(zip(chosen, options, strict=True),
                                                             start=1))
    selection = " ".join(filter(None, [_describe(kinds, tags),
                                       f"--count {count}" if count is not None else ""]))
    return Quiz(deck, seed, questions, selection)
