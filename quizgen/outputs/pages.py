"""The HTML pages of one quiz: the interactive quiz, the worksheet and its answer key."""

from __future__ import annotations

from pathlib import Path

from quizgen.outputs import Context, Files, get
from quizgen.outputs.templating import environment, render_template
from quizgen.quiz import Quiz

#: The template each page renders, by its output name.
TEMPLATES = {"quiz": "quiz.html", "worksheet": "worksheet.html", "key": "answer-key.html"}


def quiz_data(quiz: Quiz) -> dict[str, object]:
    """Give what the quiz page's script needs to grade: each item's answer letter."""
    return {
        "deck": quiz.deck.id,
        "version": quiz.version,
        "answers": {q.item.id: q.answer.letter for q in quiz.questions},
    }


def render_page(quiz: Quiz, mode: str = "quiz",
                template_dir: Path | str | None = None) -> str:
    """Give one self-contained HTML page of a quiz: the quiz, the worksheet or the key."""
    if mode not in TEMPLATES:
        raise ValueError(f"unknown mode {mode!r}; use one of {', '.join(TEMPLATES)}")
    deck = quiz.deck
    context = {
        "mode": mode,
        "quiz": quiz,
        "deck": deck,
        "source": deck.source,
        "questions": quiz.questions,
        "version": quiz.version,
        "quiz_kinds": quiz.kinds(),
        "data": quiz_data(quiz),
    }
    return render_template(environment(template_dir), TEMPLATES[mode], context)


def render(context: Context) -> Files:
    """Give the page the context names (quiz, worksheet or key) as the file a build writes."""
    page = render_page(context.quiz, context.output, context.template_dir)
    return {get(context.output).file_name(context.quiz.deck.id): page.encode("utf-8")}
