"""The JSON export: the validated deck as one document whose names mirror deck.yaml."""

from __future__ import annotations

import json
from dataclasses import replace

from quizgen.model import Deck
from quizgen.outputs import Context, Files


def deck_json(deck: Deck) -> str:
    """Give the deck as indented JSON text, ending with a newline."""
    return json.dumps(deck.to_dict(), ensure_ascii=False, indent=2) + "\n"


def render(context: Context) -> Files:
    """Give the deck document: the validated deck with the quiz's items, in deck order.

    Without a selection that is the whole deck; with one (--kind, --tag, --count), the
    items it chose, whatever the quiz's order.
    """
    deck = context.quiz.deck
    chosen = {q.item.id for q in context.quiz.questions}
    if len(chosen) != len(deck.items):
        deck = replace(deck, items=tuple(item for item in deck.items if item.id in chosen))
    return {f"{deck.id}.json": deck_json(deck).encode("utf-8")}
