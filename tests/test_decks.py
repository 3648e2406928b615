"""Every shipped deck is a test case: it validates strictly, and the bundled one is complete."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from pathlib import Path

import pytest

from quizgen.fold import fold_text
from quizgen.model import KINDS
from quizgen.validation import load_checked

ROOT = Path(__file__).parent.parent
DECKS = sorted((ROOT / "decks").glob("*/deck.yaml"))
BUNDLED = ROOT / "decks" / "iran-pakistan-2024"
# The article as Reuters published it and the project received it (shared/article/).
ARTICLE_SHA256 = "30db650c83c6fd4063e6b33288a521ef6b905d7c2c61a194204535cf60a46ede"


def test_there_are_decks() -> None:
    assert [p.parent.name for p in DECKS] == ["iran-pakistan-2024"]


@pytest.mark.parametrize("path", DECKS, ids=[p.parent.name for p in DECKS])
def test_every_deck_is_valid_under_strict(path: Path) -> None:
    deck, warnings = load_checked(path, strict=True)
    assert warnings == []
    assert deck.id == path.parent.name  # the folder name is how `quizgen html ID` finds it


def test_the_article_is_copied_byte_for_byte() -> None:
    data = (BUNDLED / "article.txt").read_bytes()
    assert hashlib.sha256(data).hexdigest() == ARTICLE_SHA256
    assert data.decode("utf-8").rstrip("\n").endswith("(Reuters)")


def test_the_bundled_deck_covers_the_kinds() -> None:
    deck, _ = load_checked(BUNDLED, strict=True)
    kinds = Counter(item.kind for item in deck.items)
    assert len(deck.items) >= 45
    assert len(kinds) >= 8 and set(kinds) <= set(KINDS)
    assert max(kinds.values()) <= len(deck.items) / 3
    for item in deck.items:
        assert 3 <= 1 + len(item.distractors) <= 5
        assert item.explanation and item.tags and item.difficulty in (1, 2, 3)


def test_every_quotation_in_the_article_has_a_who_said_item() -> None:
    deck, _ = load_checked(BUNDLED, strict=True)
    quotes = re.findall(r"“([^”]+)”", deck.article_text)
    assert len(quotes) == 8
    evidence = [fold_text(item.evidence) for item in deck.items if item.kind == "who-said"]
    missing = [q for q in quotes if not any(fold_text(q) in e for e in evidence)]
    assert missing == []
