"""The article page: the news article the questions are about, its paragraphs numbered.

Every non-empty line of the article file is a paragraph (subheadings and the closing credit
included), numbered from 1 by ``pages.paragraphs``, so a question's "paragraph 4" means the
same line on the quiz, the worksheet's handout and this page.
"""

from __future__ import annotations

from quizgen.outputs import Context, Files, get
from quizgen.outputs.pages import paragraphs
from quizgen.outputs.templating import environment, render_template


def render(context: Context) -> Files:
    """Give the article page of the context's deck."""
    deck = context.quiz.deck
    page = render_template(environment(context.template_dir), "article.html", {
        "deck": deck, "source": deck.source, "article": paragraphs(deck.article_text),
    })
    return {get("article").file_name(deck.id): page.encode("utf-8")}
