"""Quizlet import text: one card a line, the prompt, a tab, the answer (distractors dropped)."""

from __future__ import annotations

from quizgen.errors import Problem
from quizgen.outputs.exports._common import ExportSettings, first_problem_per_item, left_out
from quizgen.quiz import Quiz

PLATFORM = "Quizlet"


def check(quiz: Quiz, settings: ExportSettings) -> list[Problem]:
    """Give a warning for each item whose prompt or answer holds a tab or a line break."""
    problems = []
    for q in quiz.questions:
        for field, text in (("prompt", q.item.prompt), ("answer", q.item.answer)):
            if any(char in text for char in "\t\r\n"):
                problems.append(left_out(
                    quiz, q.item, PLATFORM,
                    "a tab or line break would split the card; Quizlet reads them as "
                    "separators", field))
    return first_problem_per_item(problems)


def render(quiz: Quiz, settings: ExportSettings) -> bytes:
    """Give one line per item: prompt TAB answer."""
    return "".join(f"{q.item.prompt}\t{q.item.answer}\n" for q in quiz.questions).encode("utf-8")
