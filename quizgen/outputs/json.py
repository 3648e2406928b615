"""The JSON export: the validated deck as one document whose names mirror deck.yaml."""

from __future__ import annotations

import json

from quizgen.model import Deck
from quizgen.outputs import Context, Files


def deck_json(deck: Deck) -> str:
    """Give the deck as indented JSON text, ending with a newline."""
    return json.dumps(deck.to_dict(), ensure_ascii=False, indent=2) + "\n"


def render(context: Context) -> Files:
    """Give the deck document (the validated deck, whatever the quiz's order)."""
    deck = context.quiz.deck
    return {f"{deck.id}.json": deck_json(deck).encode("utf-8")}
