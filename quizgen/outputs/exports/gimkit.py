"""Gimkit's spreadsheet import template (CSV): a title row, headers, a question a row."""

from __future__ import annotations

from quizgen.errors import Problem
from quizgen.outputs.exports._common import ExportSettings, csv_bytes, option_count_problems
from quizgen.quiz import Quiz

PLATFORM = "Gimkit"
MAX_INCORRECT = 3
TITLE = ("Gimkit Spreadsheet Import Template", "", "", "", "")
HEADERS = ("Question", "Correct Answer", "Incorrect Answer 1", "Incorrect Answer 2 (Optional)",
           "Incorrect Answer 3 (Optional)")


def check(quiz: Quiz, settings: ExportSettings) -> list[Problem]:
    """Give a warning for each item with more than 3 wrong answers."""
    return option_count_problems(quiz, PLATFORM, 1 + MAX_INCORRECT)


def render(quiz: Quiz, settings: ExportSettings) -> bytes:
    """Give the CSV: the answer, then the distractors in the quiz's order."""
    rows: list[tuple[str, ...]] = [TITLE, HEADERS]
    for q in quiz.questions:
        wrong = [option.text for option in q.options if not option.correct]
        wrong += [""] * (MAX_INCORRECT - len(wrong))
        rows.append((q.item.prompt, q.answer.text, *wrong))
    return csv_bytes(rows)
