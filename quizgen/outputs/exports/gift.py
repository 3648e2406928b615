"""Moodle GIFT: one multiple-choice question per item, titled with the item id."""

from __future__ import annotations

from quizgen.errors import Problem
from quizgen.outputs.exports._common import ExportSettings, render_template
from quizgen.quiz import Quiz


def check(quiz: Quiz, settings: ExportSettings) -> list[Problem]:
    """Give nothing: escaped, any text fits GIFT."""
    return []


def render(quiz: Quiz, settings: ExportSettings) -> bytes:
    """Give the GIFT file: a category named after the deck, then the questions."""
    context = {"quiz": quiz, "deck": quiz.deck, "questions": quiz.questions}
    return render_template("gift.txt", context, settings).encode("utf-8")
