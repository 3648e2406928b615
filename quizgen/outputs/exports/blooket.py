"""Blooket's CSV import template: a title row, 8 headers on row 2, a question a row from 3."""

from __future__ import annotations

from quizgen.errors import Problem
from quizgen.outputs.exports._common import (
    ExportSettings,
    check_time_limit,
    csv_bytes,
    option_count_problems,
)
from quizgen.quiz import Quiz

PLATFORM = "Blooket"
MAX_TIME, MAX_ANSWERS = 300, 4
TITLE = ("Blooket\nImport Template", "", "", "", "", "", "", "")
HEADERS = ("Question #", "Question Text", "Answer 1", "Answer 2", "Answer 3\n(Optional)",
           "Answer 4\n(Optional)", "Time Limit (sec)\n(Max: 300 seconds)",
           "Correct Answer(s)\n(Only include Answer #)")


def check(quiz: Quiz, settings: ExportSettings) -> list[Problem]:
    """Give a warning for each item with more than 4 options."""
    check_time_limit(settings, PLATFORM, most=MAX_TIME)
    return option_count_problems(quiz, PLATFORM, MAX_ANSWERS)


def render(quiz: Quiz, settings: ExportSettings) -> bytes:
    """Give the CSV in the layout of Blooket's template."""
    seconds = check_time_limit(settings, PLATFORM, most=MAX_TIME)
    rows: list[tuple[object, ...]] = [TITLE, HEADERS]
    for q in quiz.questions:
        answers = [option.text for option in q.options]
        answers += [""] * (MAX_ANSWERS - len(answers))
        rows.append((q.number, q.item.prompt, *answers, seconds, q.options.index(q.answer) + 1))
    return csv_bytes(rows)
