"""Aiken: the plainest multiple-choice text format (Moodle and others); no feedback, no ids."""

from __future__ import annotations

import re

from quizgen.errors import Problem
from quizgen.outputs.exports._common import (
    ExportSettings,
    first_problem_per_item,
    left_out,
    option_field,
    render_template,
    shown_texts,
)
from quizgen.quiz import Quiz

PLATFORM = "Aiken"
# Moodle's importer reads a line as an option when it starts like "B)" or "B." and as the
# answer when it starts "ANSWER:"; a prompt like that would not be read as a prompt.
_OPTION_LINE = re.compile(r"^[A-Z][).]")
# It escapes an option's HTML specials twice: "&" would show as "&amp;".
_TWICE_ESCAPED = re.compile(r"[&<>]")


def check(quiz: Quiz, settings: ExportSettings) -> list[Problem]:
    """Give a warning for each item Moodle's Aiken importer would not read exactly."""
    problems = []
    for q in quiz.questions:
        for field, text in shown_texts(q):
            if "\n" in text or "\r" in text:
                problems.append(left_out(quiz, q.item, PLATFORM,
                                         "Aiken holds each text on one line", field))
        prompt = q.item.prompt.strip()
        if _OPTION_LINE.match(prompt) or prompt.startswith("ANSWER:"):
            problems.append(left_out(
                quiz, q.item, PLATFORM,
                f"a prompt starting {prompt[:7]!r} would be read as an option or answer line",
                "prompt"))
        elif len(prompt) < 2:
            problems.append(left_out(quiz, q.item, PLATFORM,
                                     "Moodle skips a line shorter than 2 characters", "prompt"))
        for option in q.options:
            found = _TWICE_ESCAPED.search(option.text)
            if found:
                problems.append(left_out(
                    quiz, q.item, PLATFORM,
                    f"Moodle's Aiken importer escapes {found.group()!r} in an option twice, "
                    f"so it would not show as typed", option_field(q, option.text, option.correct)))
    return first_problem_per_item(problems)


def render(quiz: Quiz, settings: ExportSettings) -> bytes:
    """Give the Aiken file: prompt, lettered options, answer letter, a blank line."""
    context = {"quiz": quiz, "deck": quiz.deck, "questions": quiz.questions}
    return render_template("aiken.txt", context, settings).encode("utf-8")
