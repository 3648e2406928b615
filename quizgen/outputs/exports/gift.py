"""Moodle GIFT: one multiple-choice question per item, titled with the item id."""

from __future__ import annotations

from quizgen.arrange import Quiz
from quizgen.errors import Problem
from quizgen.outputs.exports._common import ExportSettings, render_template

NAME = "gift"
SUFFIX = ".txt"
BINARY = False
LABEL = "Moodle GIFT"
HOWTO = ("Moodle: Question bank → Import → GIFT format → choose the file → Import (to keep this "
         "option order, set the quiz's Shuffle within questions to No)")


def check(quiz: Quiz, settings: ExportSettings) -> list[Problem]:
    """Give nothing: escaped, any text fits GIFT."""
    return []


def render(quiz: Quiz, settings: ExportSettings) -> bytes:
    """Give the GIFT file: a category named after the deck, then the questions."""
    context = {"quiz": quiz, "deck": quiz.deck, "questions": quiz.questions}
    return render_template("gift.txt", context, settings).encode("utf-8")
