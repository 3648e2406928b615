"""The Quiz, and arranging one: choosing a deck's items and ordering them and their options.

Choosing and ordering are apart. The filters, ``count`` and ``pick`` choose the items (a draw
spread across kinds, fixed by the deck, the filters and the pick number, never by a seed), so
every version of a sheet asks the same questions. Every output then gets its order from
arrange(), with one of two named orderings:

- SEEDED: the seed shuffles the chosen items and each item's options, keeping the answers'
  letters near their fair share (the quiz, the printed sheets, the platform exports);
- STABLE: the chosen items in deck order, each with its options in an order fixed once and
  kept (Anki, whose cards must not move when a deck is rebuilt): the order given in
  ``fixed_orders`` (Anki's lock keeps them), else one fixed by the deck and item ids alone.
  balanced_orders() chooses the orders to keep so the answers' letters come out even.
"""

from __future__ import annotations

import hashlib
import json
import math
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

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
class Selection:
    """What chose a quiz's items: the kind and tag filters, the count and the draw (pick)."""

    kinds: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    count: int | None = None
    pick: int = 1

    def options(self) -> str:
        """Give the selection as options to give again ("--kind fact --count 5 --pick 2")."""
        return " ".join(filter(None, [_describe(self.kinds, self.tags),
                                      f"--count {self.count}" if self.count is not None else "",
                                      f"--pick {self.pick}" if self.pick != 1 else ""]))

    def slug(self) -> str:
        """Give the selection as a file-name part ("10q-hedging+who-said-tag-x-pick2"), or ""."""
        parts = []
        if self.count is not None:
            parts.append(f"{self.count}q")
        if self.kinds:
            parts.append("+".join(sorted(set(self.kinds))))
        if self.tags:
            tags = "+".join(sorted(set(self.tags)))
            safe = all(c.isascii() and (c.isalnum() or c in "-_.+") for c in tags)
            # A tag a file name cannot hold, or a long list, goes by a short hash instead.
            parts.append(f"tag-{tags}" if safe and len(tags) <= 60
                         else f"tags-{_code(json.dumps(sorted(set(self.tags))), 6)}")
        if self.pick != 1:
            parts.append(f"pick{self.pick}")
        return "-".join(parts)


@dataclass(frozen=True)
class Quiz:
    """The chosen items of a deck, in order, each with its options in order."""

    deck: Deck
    seed: int
    questions: tuple[Question, ...]
    #: The filters that chose the items, as options to give again ("--kind fact --count 5").
    selection: str = ""
    #: The same, as data.
    chosen_by: Selection = Selection()
    #: How many items the filters left, before --count drew from them.
    pool_size: int = 0

    @property
    def version(self) -> str:
        """Give the version printed on sheets and keys: the seed."""
        return str(self.seed)

    @property
    def built_with(self) -> str:
        """Give the options that rebuild this quiz ("--seed 2 --kind fact --count 5")."""
        return " ".join(filter(None, [f"--seed {self.seed}", self.selection]))

    @property
    def version_code(self) -> str:
        """Give a short code of the quiz as arranged ("K7Q-4MX"): a sheet and its key share it.

        It hashes the deck id, then each question's item id, prompt and option texts in
        order, so any other question, order or wording gives another code.
        """
        payload = json.dumps([self.deck.id, [[q.item.id, q.item.prompt,
                                              [o.text for o in q.options]]
                                             for q in self.questions]],
                             ensure_ascii=False, separators=(",", ":"))
        code = _code(payload, 6)
        return f"{code[:3]}-{code[3:]}"

    @property
    def selection_label(self) -> str:
        """Give the selection in words for a sheet: count, kinds and tags (and the draw)."""
        chosen = self.chosen_by
        n = len(self.questions)
        questions = f"{n} question{'s' * (n != 1)}"
        if chosen.count is not None and self.pool_size > n:
            questions += f" drawn from {self.pool_size}"
        parts = [questions,
                 "kinds: " + (", ".join(chosen.kinds) if chosen.kinds else "all"),
                 "tags: " + (", ".join(chosen.tags) if chosen.tags else "all")]
        if chosen.pick != 1:
            parts.append(f"draw {chosen.pick}")
        return " · ".join(parts)

    def kinds(self) -> list[str]:
        """Give the kinds of the chosen items, in the order KINDS lists them."""
        present = {question.item.kind for question in self.questions}
        return [kind for kind in KINDS if kind in present]


#: The letters of version codes: Crockford's base 32, without I, L, O and U.
_CODE_LETTERS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def _code(text: str, length: int) -> str:
    number = int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")
    out = []
    for _ in range(length):
        number, digit = divmod(number, len(_CODE_LETTERS))
        out.append(_CODE_LETTERS[digit])
    return "".join(out)


def _rng(*parts: object) -> random.Random:
    # Seeding with a str hashes it with SHA-512: the same in every process, whatever
    # PYTHONHASHSEED is (hash() of a str is not).
    return random.Random("/".join(["quizgen", *map(str, parts)]))


#: How far (in questions) a letter may run ahead of its fair share before it is passed over.
SLACK = 1.5


def _arrange_options(deck: Deck, items: list[Item], seed: int) -> list[tuple[Option, ...]]:
    """Give each item's options in order, keeping the answers' letters near their fair share.

    Each item's answer takes each of its own letters with the same chance, so an item with
    five options is answered E one time in five, like any other letter. The letters are cut
    into bands at the quiz's option counts (with three-, four- and five-option items: A-C, D
    and E). An item first chooses its band, then a letter in the band, balanced against the
    other items that chose that band: a letter's fair share so far is the sum, over those
    items, of 1/the band's width. A letter SLACK or more answers behind its share is taken
    first; one SLACK or more ahead is passed over.

    The band is chosen cut by cut: at each cut inside the item's letters, "at or above it?"
    with the chance that keeps every letter at 1/size. Each cut's answers come from one
    systematic sample (a running sum of the chances and one random phase per cut), so the
    items that pass a cut stay within one of its expected count: a band of one letter (D
    among three- and four-option items) is balanced too. (Balancing over all of an item's
    letters at once favoured a letter few items have: it is never behind and seldom ahead.)

    So a key never reads "C, C, B, C, C", yet the letters are not forced into an exact
    rotation that would let whoever knows three of four answers deduce the fourth. The
    distractors fill the other places in seeded random order. Items are visited in a seeded
    random order, so an item's letters depend on the items chosen with it.
    """
    rng = _rng(deck.id, seed, "options")
    sizes = [_size(item) for item in items]  # checks each against LETTERS first
    cuts = sorted(set(sizes))
    visit = list(range(len(items)))
    rng.shuffle(visit)
    # One random phase and running sum per cut that some item's letters span, drawn from
    # their own stream so that the letters' draws stay those a quiz of one band takes.
    bands = _rng(deck.id, seed, "bands")
    phase = {cut: bands.random() for cut in cuts[:-1]}
    passed = dict.fromkeys(cuts[:-1], 0.0)
    used = [0] * len(LETTERS)
    fair = [0.0] * len(LETTERS)
    arranged: list[tuple[Option, ...]] = [() for _ in items]
    for n in visit:
        item, size = items[n], sizes[n]
        low, high = 0, size
        for cut in cuts:
            if cut >= size:
                break
            # At or above this cut, given at or above `low`: (size - cut) of (size - low).
            before = math.floor(passed[cut] + phase[cut])
            passed[cut] += (size - cut) / (size - low)
            if math.floor(passed[cut] + phase[cut]) == before:
                high = cut
                break
            low = cut
        band = range(low, high)
        for k in band:
            fair[k] += 1 / len(band)
        behind = [k for k in band if fair[k] - used[k] >= SLACK]
        places = (behind or [k for k in band if used[k] + 1 - fair[k] <= SLACK]
                  or list(band))
        place = rng.choice(places)
        used[place] += 1
        wrong = [(d.text, False, d.why) for d in item.distractors]
        rng.shuffle(wrong)
        choices = [*wrong[:place], (item.answer, True, ""), *wrong[place:]]
        arranged[n] = tuple(Option(LETTERS[k], text, correct, why)
                            for k, (text, correct, why) in enumerate(choices))
    return arranged


def option_order(deck_id: str, item_id: str, count: int) -> list[int]:
    """Give the hashed order of an item's options (0 is the answer), fixed forever.

    It depends on the deck and item ids alone, never on a seed or the options' text, so a
    rebuild gives the same order and a reworded option keeps its letter. STABLE uses it for
    an item that fixed_orders does not name; balanced_orders() orders distractors by it.
    """
    def key(index: int) -> bytes:
        return hashlib.sha256(f"quizgen:{deck_id}:{item_id}:{index}".encode()).digest()

    return sorted(range(count), key=key)


def _size(item: Item) -> int:
    size = 1 + len(item.distractors)
    if size > len(LETTERS):  # validation allows at most 4 distractors
        raise ValueError(f"item {item.id!r} has {size} options; at most {len(LETTERS)}")
    return size


def fits(order: Sequence[int], item: Item) -> bool:
    """Tell whether order is an order of this item's options (each index once)."""
    return sorted(order) == list(range(1 + len(item.distractors)))


def _stable_options(deck: Deck, item: Item,
                    order: Sequence[int] | None = None) -> tuple[Option, ...]:
    choices = [(item.answer, True, "")] + [(d.text, False, d.why) for d in item.distractors]
    size = _size(item)
    if order is None:
        order = option_order(deck.id, item.id, size)
    elif not fits(order, item):
        raise ValueError(f"item {item.id!r}: {list(order)} is not an order of its {size} "
                         "options")
    return tuple(Option(LETTERS[k], *choices[index]) for k, index in enumerate(order))


def balanced_orders(deck: Deck, items: Sequence[Item],
                    kept: Mapping[str, Sequence[int]]) -> dict[str, list[int]]:
    """Give every item's STABLE option order: the kept one, else one that keeps letters even.

    An order in ``kept`` that still fits its item (as many options as before) stays. Each
    other item, in the order given, puts its answer at a letter among its own that is behind
    its fair share (the sum of 1/number of options over the items that have that letter):
    the letter the hashed order (option_order) gives it when that one is nearly as far
    behind as the furthest, else one of those chosen by the item's id; its distractors
    follow the hashed order. Unless kept orders were skewed already, no letter then ends
    more than two answers above its fair share; an unchanged item keeps its letters for good.
    """
    used = [0] * len(LETTERS)
    fair = [0.0] * len(LETTERS)
    orders: dict[str, list[int]] = {}
    for item in items:
        order = kept.get(item.id)
        if order is not None and fits(order, item):
            orders[item.id] = list(order)
            size = _size(item)
            for k in range(size):
                fair[k] += 1 / size
            used[list(order).index(0)] += 1
    for item in items:
        if item.id in orders:
            continue
        size = _size(item)
        for k in range(size):
            fair[k] += 1 / size
        behind = [fair[k] - used[k] for k in range(size)]
        best = max(behind)
        # A letter at most one answer ahead of its share ends at most two ahead once taken,
        # and shares only grow: take one of those nearly as far behind as the furthest (or
        # the furthest behind, when kept orders left every letter of this item further ahead).
        floor = max(best - 1, min(best, -1))
        places = [k for k in range(size) if behind[k] >= floor - 1e-9]
        hashed = option_order(deck.id, item.id, size)
        if hashed.index(0) in places:
            # The order quizgen gave this item before it kept orders: its card keeps its
            # letters when a lock without orders is brought up to date.
            place = hashed.index(0)
        else:
            digest = hashlib.sha256(f"quizgen:{deck.id}:{item.id}:answer".encode()).digest()
            place = places[int.from_bytes(digest[:4], "big") % len(places)]
        used[place] += 1
        wrong = [index for index in hashed if index != 0]
        orders[item.id] = [*wrong[:place], 0, *wrong[place:]]
    return orders


def _describe(kinds: Iterable[str], tags: Iterable[str]) -> str:
    parts = [f"--kind {k}" for k in kinds] + [f"--tag {t}" for t in tags]
    return " ".join(parts)


def _seats(sizes: list[int], count: int, pick: int,
           tie_order: list[int]) -> tuple[list[int], list[int]]:
    """Give how many items each kind gives to draw ``pick`` of ``count``, and to those before.

    When ``count`` reaches the number of kinds, every kind gives one item first (a sheet of
    ten drawn from ten kinds asks one of each); the rest of ``count`` is shared as below.
    """
    present = [k for k, size in enumerate(sizes) if size]
    if len(present) > 1 and count >= len(present):
        one = [1 if size else 0 for size in sizes]
        rest = [size - first for size, first in zip(sizes, one, strict=True)]
        if count == len(present) or not sum(rest):
            seats, before = [0] * len(sizes), [0] * len(sizes)
        else:
            seats, before = _shares(rest, count - len(present), pick, tie_order)
        return ([s + first for s, first in zip(seats, one, strict=True)],
                [b + (pick - 1) * first for b, first in zip(before, one, strict=True)])
    return _shares(sizes, count, pick, tie_order)


def _shares(sizes: list[int], count: int, pick: int,
            tie_order: list[int]) -> tuple[list[int], list[int]]:
    """Give each kind's share of ``count`` (proportional to its size) for draw ``pick``.

    Each kind gets its whole share; the seats left over go to the kinds with the largest
    fractions first (ties in ``tie_order``), and each further draw passes them on to the
    next kinds in that order, round and round.
    """
    total = sum(sizes)
    base = [count * size // total for size in sizes]
    before = [(pick - 1) * b for b in base]
    left = count - sum(base)
    if not left:
        return base, before
    fraction = [count * size - b * total for size, b in zip(sizes, base, strict=True)]
    candidates = sorted((k for k in range(len(sizes)) if fraction[k] > 0),
                        key=lambda k: (-fraction[k], tie_order.index(k)))
    covered, m = (pick - 1) * left, len(candidates)
    for i, k in enumerate(candidates):
        before[k] += (covered - i + m - 1) // m if covered > i else 0
    seats = list(base)
    for j in range(left):
        seats[candidates[(covered + j) % m]] += 1
    return seats, before


def draw(deck: Deck, pool: Sequence[Item], count: int | None, pick: int = 1) -> list[Item]:
    """Give the items draw ``pick`` takes from the pool: the same for every seed, deck order.

    Each kind gives its share of ``count`` (see _seats), taken from a fixed shuffle of
    that kind's items (by deck and kind alone); draw 2 takes the items after draw 1's in
    each shuffle, and so on round, so successive draws repeat items as late as they can.
    """
    if count is None or count >= len(pool):
        return list(pool)
    kinds = list(dict.fromkeys(item.kind for item in pool))
    groups = [[item for item in pool if item.kind == kind] for kind in kinds]
    shuffled = []
    for kind, group in zip(kinds, groups, strict=True):
        # Shuffle all the deck's items of the kind, then keep those the filters left: a
        # narrower filter draws in the same order.
        ids = sorted(item.id for item in deck.items if item.kind == kind)
        _rng(deck.id, "draw", kind).shuffle(ids)
        by_id = {item.id: item for item in group}
        shuffled.append([by_id[i] for i in ids if i in by_id])
    tie_order = list(range(len(kinds)))
    _rng(deck.id, "draw", "kinds", *kinds).shuffle(tie_order)
    seats, before = _seats([len(group) for group in groups], count, pick, tie_order)
    chosen = {item.id for group, n, start in zip(shuffled, seats, before, strict=True)
              for item in (group[(start + j) % len(group)] for j in range(n))}
    return [item for item in pool if item.id in chosen]


def arrange(deck: Deck, seed: int = DEFAULT_SEED, count: int | None = None,
            kinds: Iterable[str] = (), tags: Iterable[str] = (),
            ordering: str = SEEDED, pick: int = 1,
            fixed_orders: Mapping[str, Sequence[int]] | None = None) -> Quiz:
    """Give the quiz of a deck: items filtered and drawn, then ordered by the seed.

    An item is kept when its kind is one of ``kinds`` (any kind when empty) and it carries
    one of ``tags`` (any tags when empty). ``count`` draws that many of the kept items,
    spread across kinds; ``pick`` says which fixed draw (see draw()). The seed never changes
    which items are drawn, only their order and their options' order. (The command line
    only passes a count of 1 or more; a library caller passing less gets an error.)

    With ``ordering=SEEDED`` the answers' letters are spread evenly over the chosen
    questions (see _arrange_options). With ``ordering=STABLE`` the seed plays no part: the
    drawn items in deck order, each with the option order ``fixed_orders`` gives for it,
    else the hashed one (see option_order).
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
    if pick < 1:
        raise SelectionError(f"--pick is {pick}; draws are numbered from 1")
    if pick != 1 and count is None:
        raise SelectionError(f"--pick {pick} chooses among draws of --count items; without "
                             "--count every item is asked, so give --count too")
    drawn = draw(deck, pool, count, pick)
    if ordering == STABLE:
        chosen = drawn
        fixed = fixed_orders or {}
        options = [_stable_options(deck, item, fixed.get(item.id)) for item in chosen]
    else:
        order = _rng(deck.id, seed, "items")
        # sample() of all the drawn items is a shuffle (and the order older quizgen gave
        # a quiz of the whole pool, so a sheet of the whole deck keeps its version).
        chosen = order.sample(drawn, len(drawn))
        options = _arrange_options(deck, chosen, seed)
    questions = tuple(Question(number, item, opts)
                      for number, (item, opts) in enumerate(zip(chosen, options, strict=True),
                                                             start=1))
    chosen_by = Selection(kinds, tags, count, pick)
    return Quiz(deck, seed, questions, chosen_by.options(), chosen_by, len(pool))


def with_orders(quiz: Quiz, fixed_orders: Mapping[str, Sequence[int]]) -> Quiz:
    """Give a STABLE quiz with its questions' options put in the given orders (by item id)."""
    questions = tuple(replace(q, options=_stable_options(quiz.deck, q.item,
                                                          fixed_orders.get(q.item.id)))
                      for q in quiz.questions)
    return replace(quiz, questions=questions)
