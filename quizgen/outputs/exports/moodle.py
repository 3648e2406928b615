"""Moodle XML: one single-answer multichoice question per item, per-option feedback."""

from __future__ import annotations

from quizgen.errors import Problem
from quizgen.outputs.exports._common import (
    ExportSettings,
    check_deck_xml,
    first_problem_per_item,
    render_template,
    source_line,
    xml_problems,
)
from quizgen.quiz import Quiz


def check(quiz: Quiz, settings: ExportSettings) -> list[Problem]:
    """Give a warning for each item Moodle XML cannot hold: only a control character."""
    check_deck_xml(quiz.deck, "Moodle XML")
    return first_problem_per_item(xml_problems(quiz, "Moodle XML"))


def render(quiz: Quiz, settings: ExportSettings) -> bytes:
    """Give the Moodle XML file: a category named after the deck, then the questions."""
    context = {"quiz": quiz, "deck": quiz.deck, "questions": quiz.questions,
               "source_line": source_line(quiz.deck)}
    return render_template("moodle.xml", context, settings).encode("utf-8")
