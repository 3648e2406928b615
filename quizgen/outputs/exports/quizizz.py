"""Quizizz (Wayground) spreadsheet: 11 headers on row 1, descriptions on 2, a question a row."""

from __future__ import annotations

from quizgen.errors import Problem
from quizgen.outputs.exports._common import (
    ExportSettings,
    check_deck_xml,
    check_time_limit,
    first_problem_per_item,
    general_feedback,
    option_count_problems,
    shown_texts,
    xlsx,
    xml_problems,
)
from quizgen.quiz import Quiz

PLATFORM = "Quizizz"
TIME_LIMITS = (5, 10, 20, 30, 45, 60, 90, 120, 180, 300, 600, 900)
MAX_OPTIONS = 5
HEADERS = ("Question Text", "Question Type", "Option 1", "Option 2", "Option 3", "Option 4",
           "Option 5", "Correct Answer", "Time in seconds", "Image Link", "Answer explanation")
DESCRIPTIONS = ("The question", "Multiple Choice: one correct option",
                "Option 1", "Option 2", "Option 3 (optional)", "Option 4 (optional)",
                "Option 5 (optional)", "The correct option's number (1-5)",
                "Seconds to answer", "(none)", "Shown after the answer")
COLUMNS = "ABCDEFGHIJK"


def check(quiz: Quiz, settings: ExportSettings) -> list[Problem]:
    """Give a warning for each item Quizizz cannot hold: over 5 options, a control character."""
    check_deck_xml(quiz.deck, PLATFORM)
    check_time_limit(settings, PLATFORM, TIME_LIMITS)
    problems = option_count_problems(quiz, PLATFORM, MAX_OPTIONS) + xml_problems(
        quiz, PLATFORM, lambda q: [*shown_texts(q), ("explanation", q.item.explanation),
                                   ("evidence", q.item.evidence)])
    return first_problem_per_item(problems)


def render(quiz: Quiz, settings: ExportSettings) -> bytes:
    """Give the spreadsheet in the layout of Quizizz's template; data from row 3."""
    seconds = check_time_limit(settings, PLATFORM, TIME_LIMITS)
    cells: list[tuple[str, object]] = []
    for row, texts in ((1, HEADERS), (2, DESCRIPTIONS)):
        cells += [(f"{column}{row}", text) for column, text in zip(COLUMNS, texts, strict=True)]
    for q in quiz.questions:
        if len(q.options) > len("CDEFG"):  # check() leaves these out; never cut one
            raise ValueError(f"item {q.item.id!r} has {len(q.options)} options")
        row = 2 + q.number
        cells += [(f"A{row}", q.item.prompt), (f"B{row}", "Multiple Choice")]
        cells += [(f"{column}{row}", option.text)
                  for column, option in zip("CDEFG", q.options, strict=False)]
        cells += [(f"H{row}", q.options.index(q.answer) + 1), (f"I{row}", seconds),
                  (f"K{row}", general_feedback(q.item, quiz.deck))]
    widths = {"A": 60, **{c: 30 for c in "CDEFG"}, "K": 60}
    return xlsx(cells, "Sheet1", quiz.deck.title, widths)
