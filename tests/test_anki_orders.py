"""Anki's option orders and arrival order: balanced letters, kept in the lock, kinds mixed."""

from __future__ import annotations

import json
import shutil
import sqlite3
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from quizgen.model import Deck, Item
from quizgen.outputs import anki
from quizgen.outputs.anki import arrival_order, option_orders
from quizgen.outputs.anki.lock import LOCK_FILE, read_lock
from quizgen.quiz import LETTERS, STABLE, arrange, balanced_orders, option_order
from quizgen.validation import load_checked

FIXTURES = Path(__file__).parent / "fixtures"
BUNDLED = Path(__file__).parent.parent / "decks" / "iran-pakistan-2024"
T0, T1 = 1_760_000_000, 1_760_003_600


@pytest.fixture(scope="module")
def bundled() -> Deck:
    return load_checked(BUNDLED / "deck.yaml")[0]


def lettered(deck: Deck) -> list[Item]:
    return [item for item in deck.items if item.kind != "who-said"]


def excess(items: list[Item], orders: dict[str, list[int]]) -> dict[str, float]:
    """Give how far each letter's answers run above its fair share over these items."""
    used: Counter[str] = Counter(LETTERS[orders[item.id].index(0)] for item in items)
    fair: Counter[str] = Counter()
    for item in items:
        size = 1 + len(item.distractors)
        for letter in LETTERS[:size]:
            fair[letter] += 1 / size
    return {letter: used[letter] - fair[letter] for letter in LETTERS}


def test_the_bundled_decks_letters_are_balanced(bundled: Deck) -> None:
    # Before: B 18, D 16, A 9, C 8, E 0 over the 51 lettered cards.
    orders = option_orders(bundled, bundled.items, None)
    assert sorted(orders) == sorted(item.id for item in lettered(bundled))  # no recall card
    assert max(excess(lettered(bundled), orders).values()) <= 2


def test_the_shipped_lock_keeps_an_order_for_every_lettered_card(bundled: Deck) -> None:
    lock = read_lock(BUNDLED / LOCK_FILE)
    assert lock is not None
    # A retired item keeps its order in the lock, in case it comes back; the rest are the deck's.
    orders = {key: list(order) for key, order in lock.orders().items() if key in lock.items}
    assert sorted(orders) == sorted(item.id for item in lettered(bundled))
    assert max(excess(lettered(bundled), orders).values()) <= 2
    # Every letter answers somewhere: the balance is not bought by leaving one out.
    letters = Counter(LETTERS[order.index(0)] for order in orders.values())
    assert set(letters) >= {"A", "B", "C", "D"}


def test_kept_orders_stay_and_new_items_even_out_the_letters(bundled: Deck) -> None:
    items = lettered(bundled)
    # The first twelve cards were all answered A: the others must leave A alone.
    kept = {item.id: [0, *range(1, 1 + len(item.distractors))] for item in items[:12]}
    orders = balanced_orders(bundled, items, kept)
    assert all(orders[item.id] == kept[item.id] for item in items[:12])
    assert max(excess(items, orders).values()) <= 2
    assert sum(LETTERS[orders[item.id].index(0)] == "A" for item in items[12:]) <= 1


def test_a_lock_skewed_on_every_letter_of_a_new_item_still_gives_it_an_order(
        bundled: Deck) -> None:
    # 21 kept four-option cards answered A, B and C seven times each: a new three-option
    # card finds all its letters more than one answer ahead of their share.
    four = [item for item in lettered(bundled) if len(item.distractors) == 3][:21]
    answers = ([0, 1, 2, 3], [1, 0, 2, 3], [1, 2, 0, 3])
    kept = {item.id: answers[n % 3] for n, item in enumerate(four)}
    base = four[-1]
    new = Item("new-three", base.kind, base.prompt, base.answer, base.distractors[:2],
               base.evidence)
    orders = balanced_orders(bundled, [*four, new], kept)
    assert sorted(orders["new-three"]) == [0, 1, 2]
    assert {key: orders[key] for key in kept} == kept


def test_an_order_that_no_longer_fits_its_item_is_chosen_again(bundled: Deck) -> None:
    item = lettered(bundled)[0]
    orders = balanced_orders(bundled, [item], {item.id: [1, 0]})  # it had two options
    assert sorted(orders[item.id]) == list(range(1 + len(item.distractors)))


def test_an_item_keeps_its_old_hashed_order_when_that_fits_the_balance(bundled: Deck) -> None:
    # Bringing an older lock up to date re-letters as few cards as it can.
    orders = option_orders(bundled, bundled.items, None)
    same = [item.id for item in lettered(bundled)
            if orders[item.id] == option_order(bundled.id, item.id, 1 + len(item.distractors))]
    # Most cards keep the letters an older quizgen gave them (the bundled deck: 42 of 51).
    assert len(same) >= 0.75 * len(lettered(bundled))


def test_stable_arrange_takes_the_fixed_orders_given() -> None:
    deck = load_checked(FIXTURES / "mini" / "deck.yaml")[0]
    item = next(i for i in deck.items if i.id == "fact-repair-weeks")
    quiz = arrange(deck, ordering=STABLE, fixed_orders={item.id: [1, 0, 2, 3]})
    (question,) = [q for q in quiz.questions if q.item.id == item.id]
    assert [o.text for o in question.options] == [
        item.distractors[0].text, item.answer, *(d.text for d in item.distractors[1:])]
    assert question.answer.letter == "B"
    with pytest.raises(ValueError, match=r"\[0, 1\] is not an order of its 4 options"):
        arrange(deck, ordering=STABLE, fixed_orders={item.id: [0, 1]})


def mcq_letters(apkg: Path) -> dict[str, str]:
    """Give each MCQ note's answer letter in an .apkg, by item id."""
    with zipfile.ZipFile(apkg) as archive:
        data = archive.read("collection.anki2")
    conn = sqlite3.connect(":memory:")
    conn.deserialize(data)
    rows = conn.execute("select flds from notes").fetchall()
    letters = {}
    for (fields,) in rows:
        values = fields.split("\x1f")
        if len(values) == 18:  # an MCQ note: ... Letter is field 7, ItemId the last
            letters[values[-1]] = values[6]
    return letters


def test_the_lock_keeps_each_cards_order_and_a_rebuild_uses_it(tmp_path: Path) -> None:
    folder = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", folder)
    deck = load_checked(folder / "deck.yaml")[0]
    anki.write_apkg(deck, tmp_path / "a.apkg", lock_path=folder / LOCK_FILE, now=T0)
    data = json.loads((folder / LOCK_FILE).read_text(encoding="utf-8"))
    orders = {key: entry.get("order") for key, entry in data["items"].items()}
    assert orders["who-said-bridge-unsafe"] is None  # a recall card has no letters
    assert all(orders[key] for key in ("hedging-not-reached", "fact-repair-weeks",
                                       "claim-temporary"))
    letters = mcq_letters(tmp_path / "a.apkg")
    assert letters == {key: LETTERS[order.index(0)] for key, order in orders.items() if order}

    # The author (or a merge) moves one card's answer to another letter: the lock rules.
    moved = [1, 0, *range(2, len(orders["fact-repair-weeks"]))]
    data["items"]["fact-repair-weeks"]["order"] = moved
    (folder / LOCK_FILE).write_text(json.dumps(data), encoding="utf-8")
    result = anki.write_apkg(deck, tmp_path / "b.apkg", lock_path=folder / LOCK_FILE, now=T1)
    assert result.diff.changed == ("fact-repair-weeks",)
    assert mcq_letters(tmp_path / "b.apkg")["fact-repair-weeks"] == "B"
    assert read_lock(folder / LOCK_FILE).items["fact-repair-weeks"].mod == T1  # type: ignore[union-attr]


def test_new_cards_arrive_with_kinds_interleaved(bundled: Deck) -> None:
    kind = {item.id: item.kind for item in bundled.items}
    order = [kind[item_id] for item_id in arrival_order(bundled.items)]
    assert sorted(order) == sorted(kind.values())
    assert len(set(order[:20])) == 10  # every kind in the first day's twenty
    assert all(len(set(order[n:n + 3])) > 1 for n in range(len(order) - 2))


def test_the_apkg_gives_new_cards_their_arrival_order(tmp_path: Path, bundled: Deck) -> None:
    anki.write_apkg(bundled, tmp_path / "b.apkg", lock_path=tmp_path / LOCK_FILE, now=T0)
    with zipfile.ZipFile(tmp_path / "b.apkg") as archive:
        data = archive.read("collection.anki2")
    conn = sqlite3.connect(":memory:")
    conn.deserialize(data)
    rows = conn.execute("select n.flds from cards c join notes n on n.id = c.nid "
                        "order by c.due").fetchall()
    # The MCQ note's ItemId is its last field; a Recall note's is its seventh.
    ids = [f.split("\x1f")[-1] if len(f.split("\x1f")) == 18 else f.split("\x1f")[6]
           for (f,) in rows]
    assert ids == arrival_order(bundled.items)
