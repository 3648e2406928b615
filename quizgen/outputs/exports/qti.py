"""QTI 1.2 package (Canvas, Blackboard, Brightspace/D2L, Schoology): manifest and assessment."""

from __future__ import annotations

from quizgen.errors import Problem
from quizgen.outputs.exports._common import (
    ExportSettings,
    check_deck_xml,
    deterministic_zip,
    first_problem_per_item,
    render_template,
    source_line,
    xml_problems,
)
from quizgen.quiz import Quiz


def ident(quiz: Quiz) -> str:
    """Give the assessment's identifier: the deck id, made a valid XML name."""
    return f"qg-{quiz.deck.id}"


def check(quiz: Quiz, settings: ExportSettings) -> list[Problem]:
    """Give a warning for each item QTI's XML cannot hold: only a control character."""
    check_deck_xml(quiz.deck, "QTI")
    return first_problem_per_item(xml_problems(quiz, "QTI"))


def render(quiz: Quiz, settings: ExportSettings) -> bytes:
    """Give the package: imsmanifest.xml and the assessment in a folder of its own."""
    name = ident(quiz)
    path = f"{name}/{name}.xml"
    context = {"quiz": quiz, "deck": quiz.deck, "questions": quiz.questions, "ident": name,
               "assessment_path": path, "source_line": source_line(quiz.deck)}
    manifest = render_template("qti/imsmanifest.xml", context, settings)
    assessment = render_template("qti/assessment.xml", context, settings)
    return deterministic_zip([("imsmanifest.xml", manifest.encode("utf-8")),
                              (path, assessment.encode("utf-8"))])
