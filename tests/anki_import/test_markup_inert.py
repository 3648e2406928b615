"""Deck text that Anki or MathJax would read as markup reaches a real collection as text."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from quizgen.outputs.anki import write_apkg
from quizgen.validation import load_checked

from .conftest import Student, template_errors

pytestmark = pytest.mark.anki

#: Every syntax Anki's renderer (sound, TTS, LaTeX) or MathJax would act on.
MARKUP = {
    "sound": "[sound:boom.mp3]",
    "tts": "[anki:tts lang=en_US]Speak this aloud[/anki:tts]",
    "play": "[anki:play:q:0]",
    "latex": "[latex]\\frac{1}{2}[/latex]",
    "inline": "[$]x^2[/$]",
    "display": "[$$]y^2[/$$]",
    "mathjax": "\\(a+b\\)",
    "mathjax-display": "\\[c+d\\]",
}
ARTICLE = ("The engineer wrote " + " and ".join(MARKUP.values()) + " in the report.\n"
           "The council met on Monday.\n")


def quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def markup_deck(folder: Path) -> Path:
    folder.mkdir()
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    values = list(MARKUP.values())
    items = []
    for kind, n in (("fact", 0), ("who-said", 1)):
        items.append(f"""  - id: markup-{kind}
    kind: {kind}
    prompt: {quoted("What did the engineer write? " + values[n])}
    answer: {quoted("The words " + values[2 + n])}
    distractors:
      - text: {quoted("The words " + values[4 + n])}
        why: {quoted("Not this: " + values[6 + n])}
      - text: {quoted("Nothing " + values[(5 + n) % 8])}
        why: {quoted("Not this either " + values[0])}
    evidence: {quoted(ARTICLE.splitlines()[0])}
    explanation: {quoted("All of it is text: " + " ".join(values))}
""")
    (folder / "deck.yaml").write_text(f"""id: markup
title: {quoted("Part 1::Sound " + values[0])}
source:
  outlet: {quoted("News " + values[3])}
  headline: {quoted("Headline " + values[6])}
  published: "2024-02-05"
  article: article.txt
items:
{"".join(items)}""", encoding="utf-8")
    return folder


def shown(rendered: str) -> str:
    """Give the text a reader sees in a card side's HTML (tags dropped, entities decoded)."""
    without_style = re.sub(r"<style>.*?</style>", "", rendered, flags=re.DOTALL)
    return html.unescape(re.sub(r"<[^>]+>", "", without_style))


def test_anki_markup_in_deck_text_shows_as_typed_in_a_real_collection(
        tmp_path: Path, new_student: Callable[[], Student]) -> None:
    deck, _ = load_checked(markup_deck(tmp_path / "markup"))  # valid: errors would raise
    apkg = write_apkg(deck, tmp_path / "markup.apkg", lock_path=tmp_path / "markup" / "lock",
                      now=1_700_000_000).path
    student = new_student()
    student.import_apkg(apkg)
    col = student.col
    # "::" in the title makes no nested deck.
    assert sorted(col.decks.all_names()) == [
        "Default", "Media literacy", "Media literacy::Part 1:Sound [sound:boom.mp3]"]
    sides_seen = 0
    for card_id in col.find_cards(""):
        card = col.get_card(card_id)
        output = card.render_output(reload=True)
        assert list(output.question_av_tags) == [] and list(output.answer_av_tags) == []
        for side in (output.question_text, output.answer_text):
            sides_seen += 1
            assert template_errors(side) == []
            # No sound or TTS reference, no LaTeX image, nothing MathJax would typeset.
            assert "[anki:play" not in side and "<img" not in side
            latex = col._backend.extract_latex(text=side, svg=False, expand_clozes=False)
            assert list(latex.latex) == []
            assert re.search(r"\\[()\[\]]", side) is None, side
        text = shown(output.answer_text)
        for value in MARKUP.values():
            if value in deck.items[0].explanation:
                assert value in text, (value, text)  # shown as typed
    assert sides_seen == 4
