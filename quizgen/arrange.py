"""Choosing and ordering a deck's items and options: the one order every output shares."""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass

from quizgen.errors import SelectionError
from quizgen.model import KINDS, Deck, Item

#: The seed used when none is given; it is the "version" printed on sheets.
DEFAULT_SEED = 1
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


def _describe(kinds: Iterable[str], tags: Iterable[str]) -> str:
    parts = [f"--kind {k}" for k in kinds] + [f"--tag {t}" for t in tags]
    return " ".join(parts)


def arrange(deck: Deck, seed: int = DEFAULT_SEED, count: int | None = None,
            kinds: Iterable[str] = (), tags: Iterable[str] = ()) -> Quiz:
    """Give the quiz a seed draws from a deck: items filtered, sampled and shuffled.

    An item is kept when its kind is one of ``kinds`` (any kind when empty) and it carries
    one of ``tags`` (any tags when empty). ``count`` samples that many of the kept items
    (the command line only passes 1 or more; a library caller passing less gets an error).
    The answers' letters are spread evenly over the chosen questions (see _arrange_options).
    """
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
