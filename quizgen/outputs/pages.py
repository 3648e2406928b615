"""The HTML pages of one quiz: the interactive quiz, the worksheet, its answer key and the
projector's present mode."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from quizgen.fold import fold_text
from quizgen.outputs import Context, Files, get
from quizgen.outputs.templating import environment, render_template
from quizgen.quiz import Quiz

#: The template each page renders, by its output name.
TEMPLATES = {"quiz": "quiz.html", "worksheet": "worksheet.html", "key": "answer-key.html",
             "present": "present.html"}


@dataclass(frozen=True)
class Paragraph:
    """One non-empty line of the article, numbered from 1 as the pages show it."""

    number: int
    text: str

    @property
    def subheading(self) -> bool:
        """Tell whether the line is a subheading: short, lettered, none in lower case.

        ("IRAN ‘LOST PATIENCE’"); it stays a numbered paragraph, only drawn as a heading.
        """
        text = self.text
        return (len(text) <= 80 and any(c.isalpha() for c in text)
                and not any(c.islower() for c in text))


def paragraphs(article: str) -> list[Paragraph]:
    """Give the article's paragraphs: every non-empty line, numbered from 1."""
    lines = [line.strip() for line in article.splitlines()]
    return [Paragraph(number, text)
            for number, text in enumerate((line for line in lines if line), start=1)]


class EvidenceFinder:
    """Finds the paragraphs a span of evidence lies in, the article folded once for all."""

    def __init__(self, article: list[Paragraph]) -> None:
        folded = [fold_text(paragraph.text) for paragraph in article]
        self._text = " ".join(folded)
        self._spans: list[tuple[int, int, int]] = []  # start, end, paragraph number
        offset = 0
        for paragraph, text in zip(article, folded, strict=True):
            self._spans.append((offset, offset + len(text), paragraph.number))
            offset += len(text) + 1

    def __call__(self, evidence: str) -> list[int]:
        """Give the numbers of the paragraphs the evidence lies in, in order.

        Evidence is found as validation finds it (quotes, dashes and white space folded), in
        the article's paragraphs joined by one space, so a span running over a line break
        names both paragraphs. Evidence not found (never, for a valid deck) names none.
        """
        needle = fold_text(evidence)
        start = self._text.find(needle) if needle else -1
        if start < 0:
            return []
        end = start + len(needle)
        return [number for first, last, number in self._spans if first < end and start < last]


def evidence_paragraphs(article: list[Paragraph], evidence: str) -> list[int]:
    """Give the numbers of the article's paragraphs that a span of evidence lies in."""
    return EvidenceFinder(article)(evidence)


def order_hash(quiz: Quiz) -> str:
    """Give a short hash of the quiz's questions and options in order.

    It keys a student's saved answers, so a page of another selection or order (a rebuilt
    deck, another --count) never restores answers given to different questions.
    """
    parts = [quiz.deck.id]
    for question in quiz.questions:
        parts.append(question.item.id)
        parts.extend(f"{option.letter}={option.text}" for option in question.options)
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]


def quiz_data(quiz: Quiz) -> dict[str, object]:
    """Give what the quiz page's script needs: each item's answer letter, the storage key."""
    return {
        "deck": quiz.deck.id,
        "version": quiz.version,
        "answers": {q.item.id: q.answer.letter for q in quiz.questions},
        "store": f"quizgen:{quiz.deck.id}:v{quiz.version}:{order_hash(quiz)}",
    }


def render_page(quiz: Quiz, mode: str = "quiz", template_dir: Path | str | None = None,
                article: bool = True) -> str:
    """Give one self-contained HTML page of a quiz: the quiz, worksheet, key or present mode.

    ``article=False`` leaves the article out of the page (the worksheet's handout).
    """
    if mode not in TEMPLATES:
        raise ValueError(f"unknown mode {mode!r}; use one of {', '.join(TEMPLATES)}")
    deck = quiz.deck
    text = paragraphs(deck.article_text)
    find = EvidenceFinder(text)
    context = {
        "mode": mode,
        "quiz": quiz,
        "deck": deck,
        "source": deck.source,
        "questions": quiz.questions,
        "version": quiz.version,
        "quiz_kinds": quiz.kinds(),
        "data": quiz_data(quiz),
        "article": text if article else [],
        "evidence_at": {q.item.id: find(q.item.evidence) for q in quiz.questions},
    }
    return render_template(environment(template_dir), TEMPLATES[mode], context)


def render(context: Context) -> Files:
    """Give the page the context names (quiz, worksheet, key or present) as a build's file.

    ``settings["article"] = False`` leaves the article out (the worksheet's handout).
    """
    article = bool(context.settings.get("article", True))
    page = render_page(context.quiz, context.output, context.template_dir, article)
    return {get(context.output).file_name(context.quiz.deck.id): page.encode("utf-8")}
