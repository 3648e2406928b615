"""Kahoot's quiz spreadsheet: title on B2, headers on row 8 (B–H), one question a row from 9."""

from __future__ import annotations

from quizgen.errors import Problem
from quizgen.outputs.exports._common import (
    ExportSettings,
    check_deck_xml,
    check_time_limit,
    first_problem_per_item,
    left_out,
    option_count_problems,
    option_field,
    shown_texts,
    source_line,
    utf16_length,
    xlsx,
    xml_problems,
)
from quizgen.quiz import Quiz

PLATFORM = "Kahoot"
TIME_LIMITS = (5, 10, 20, 30, 60, 90, 120, 240)
MAX_QUESTION, MAX_ANSWER, MAX_ANSWERS = 120, 75, 4
HEADER_ROW = 8
HEADERS = ("Question - max 120 characters", "Answer 1 - max 75 characters",
           "Answer 2 - max 75 characters", "Answer 3 - max 75 characters",
           "Answer 4 - max 75 characters",
           "Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs",
           "Correct answer(s) - choose at least one")
COLUMNS = "BCDEFGH"


def check(quiz: Quiz, settings: ExportSettings) -> list[Problem]:
    """Give a warning for each item over Kahoot's limits (120/75 characters, 4 answers).

    Characters are counted as Kahoot's web editor counts them: UTF-16 units, so an emoji
    counts 2 and one with joiners more.
    """
    check_deck_xml(quiz.deck, PLATFORM)
    check_time_limit(settings, PLATFORM, TIME_LIMITS)
    problems = option_count_problems(quiz, PLATFORM, MAX_ANSWERS)
    for q in quiz.questions:
        size = utf16_length(q.item.prompt)
        if size > MAX_QUESTION:
            problems.append(left_out(quiz, q.item, PLATFORM,
                                     f"the question has {size} characters; Kahoot takes at "
                                     f"most {MAX_QUESTION}", "prompt"))
        for option in q.options:
            size = utf16_length(option.text)
            if size > MAX_ANSWER:
                problems.append(left_out(quiz, q.item, PLATFORM,
                                         f"an answer has {size} characters; Kahoot takes at "
                                         f"most {MAX_ANSWER}",
                                         option_field(q, option.text, option.correct)))
    problems += xml_problems(quiz, PLATFORM, shown_texts)
    order = {q.item.id: q.number for q in quiz.questions}
    return first_problem_per_item(sorted(problems, key=lambda p: order[p.item or ""]))


def render(quiz: Quiz, settings: ExportSettings) -> bytes:
    """Give the spreadsheet in the layout of Kahoot's template."""
    seconds = check_time_limit(settings, PLATFORM, TIME_LIMITS)
    deck = quiz.deck
    cells: list[tuple[str, object]] = [
        ("B2", deck.title),
        ("B3", f"Questions on {source_line(deck)}"),
        ("B4", f"quizgen: deck {deck.id}, version {quiz.version}"),
    ]
    cells += [(f"{column}{HEADER_ROW}", header)
              for column, header in zip(COLUMNS, HEADERS, strict=True)]
    for q in quiz.questions:
        if len(q.options) > len("CDEF"):  # check() leaves these out; never cut one
            raise ValueError(f"item {q.item.id!r} has {len(q.options)} options")
        row = HEADER_ROW + q.number
        cells += [(f"A{row}", q.number), (f"B{row}", q.item.prompt)]
        cells += [(f"{column}{row}", option.text)
                  for column, option in zip("CDEF", q.options, strict=False)]
        cells += [(f"G{row}", seconds), (f"H{row}", q.options.index(q.answer) + 1)]
    widths = {"A": 5, "B": 60, "C": 30, "D": 30, "E": 30, "F": 30, "G": 16, "H": 16}
    return xlsx(cells, "Sheet1", deck.title, widths)
