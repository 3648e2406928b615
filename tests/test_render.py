"""render: the pages' content, escaping, self-containment and template overrides."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest
from markupsafe import escape

from quizgen.arrange import Quiz, arrange
from quizgen.errors import TemplateProblemError
from quizgen.render import IndexEntry, Link, render_html, render_index
from quizgen.validate import load_checked

FIXTURES = Path(__file__).parent / "fixtures"
MODES = ("quiz", "worksheet", "key")


def quiz_of(name: str, seed: int = 1) -> Quiz:
    deck, _ = load_checked(FIXTURES / name / "deck.yaml")
    return arrange(deck, seed)


@pytest.fixture(scope="module")
def mini() -> Quiz:
    return quiz_of("mini")


@pytest.fixture(scope="module")
def hostile() -> Quiz:
    return quiz_of("hostile")


def text_of(html: str) -> str:
    """Give a page's text roughly as shown: tags dropped, entities left as they are."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def test_quiz_carries_the_test_hooks_in_question_order(mini: Quiz) -> None:
    page = render_html(mini, "quiz")
    assert re.findall(r'data-item-id="([^"]+)"', page) == [
        "claim-temporary", "who-said-bridge-unsafe", "hedging-not-reached", "fact-repair-weeks"]
    assert page.count('data-action="check"') == 1
    assert '<span data-role="score">0 / 4</span>' in page
    assert page.count("<fieldset") == 4
    assert page.count("<legend>") == 4
    assert page.count('type="radio"') == 3 + 3 + 3 + 4


def test_quiz_header_names_the_deck_and_its_source(mini: Quiz) -> None:
    text = text_of(render_html(mini, "quiz"))
    assert "Media-literacy quiz · Version 1 A small deck for tests" in text
    assert ("Article: Example News, Council closes the old bridge, 2024-02-05, by A. Reporter"
            in text)


def test_quiz_embeds_answers_for_grading_as_json(mini: Quiz) -> None:
    page = render_html(mini, "quiz")
    assert ('<script type="application/json" id="quiz-data">{"answers": {"claim-temporary": '
            '"C", "fact-repair-weeks": "D", "hedging-not-reached": "B", '
            '"who-said-bridge-unsafe": "B"}, "version": "1"}</script>') in page


def test_every_distractor_why_and_the_evidence_are_in_the_quiz(mini: Quiz) -> None:
    page = render_html(mini, "quiz")
    for item in mini.deck.items:
        for distractor in item.distractors:
            assert f">{escape(distractor.why)}</p>" in page
        assert f"<blockquote>{escape(item.evidence)}</blockquote>" in page


@pytest.mark.parametrize("mode", MODES)
def test_pages_are_self_contained(mini: Quiz, mode: str) -> None:
    page = render_html(mini, mode)
    assert not re.search(r"\b(?:src|href)=", page)
    assert "url(" not in page
    assert "@import" not in page
    assert "http:" not in page
    assert "https:" not in page
    assert "default-src 'none'" in page


def test_the_policy_allows_exactly_the_inlined_script(mini: Quiz) -> None:
    page = render_html(mini, "quiz")
    script = re.search(r"<script>(.*?)</script>", page, re.DOTALL)
    assert script is not None
    digest = base64.b64encode(hashlib.sha256(script.group(1).encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}';" in page


@pytest.mark.parametrize("mode", ("worksheet", "key"))
def test_sheets_run_no_script(mini: Quiz, mode: str) -> None:
    page = render_html(mini, mode)
    assert "<script" not in page
    assert "script-src 'none'" in page


@pytest.mark.parametrize("mode", MODES)
def test_same_quiz_same_bytes(mode: str) -> None:
    assert render_html(quiz_of("mini", 3), mode) == render_html(quiz_of("mini", 3), mode)


def test_worksheet_has_version_name_line_and_lettered_options() -> None:
    quiz = quiz_of("mini", 7)
    page = render_html(quiz, "worksheet")
    text = text_of(page)
    assert "<title>A small deck for tests: worksheet, version 7</title>" in page
    assert "Worksheet · Version 7" in text
    assert "Name: Date:" in text
    for q in quiz.questions:
        options = " ".join(f"{o.letter} {escape(o.text)}" for o in q.options)
        assert f"{q.number}. {escape(q.item.prompt)} {options}" in text


def test_key_gives_number_letter_answer_kind_and_evidence() -> None:
    quiz = quiz_of("mini", 7)
    text = text_of(render_html(quiz, "key"))
    assert "Answer key — Version 7" in text
    glance = " ".join(f"{q.number}. {q.answer.letter}" for q in quiz.questions)
    assert f"At a glance {glance} Answers and evidence" in text
    for q in quiz.questions:
        answer = escape(q.answer.text)
        assert f"{q.number}. {q.answer.letter}: {answer} ({q.item.kind})" in text
        assert escape(q.item.evidence) in text


@pytest.mark.parametrize("mode", MODES)
def test_hostile_text_is_escaped_never_markup(hostile: Quiz, mode: str) -> None:
    page = render_html(hostile, mode)
    assert "<img" not in page
    assert "<svg" not in page
    assert "<u>" not in page
    assert "<b " not in page
    assert page.count("<script") == (2 if mode == "quiz" else 0)
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert ("<title>Hostile &lt;/title&gt;&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; "
            "deck &amp; co:") in page
    if mode != "key":  # the key shows no distractor
        assert "The {{ 7*7 }} library" in page  # deck text is never rendered as a template
    if mode == "quiz":  # a literal "&amp;" in a why stays literal
        assert "the library &amp;amp; not {% raw %}." in page


def test_hostile_json_cannot_close_its_script_block(hostile: Quiz) -> None:
    page = render_html(hostile, "quiz")
    data = re.search(r'<script type="application/json" id="quiz-data">(.*?)</script>', page)
    assert data is not None
    assert "<" not in data.group(1)


def test_template_dir_overrides_and_extends_the_default(mini: Quiz, tmp_path: Path) -> None:
    (tmp_path / "quiz.html").write_text(
        '{% extends "default:quiz.html" %}{% block title %}Class 7B: {{ super() }}{% endblock %}',
        encoding="utf-8")
    page = render_html(mini, "quiz", tmp_path)
    assert "<title>Class 7B: A small deck for tests: quiz</title>" in page
    assert 'data-action="check"' in page


def test_template_dir_can_replace_a_partial(mini: Quiz, tmp_path: Path) -> None:
    (tmp_path / "_sheet.css").write_text(".sheet { color: rebeccapurple; }\n", encoding="utf-8")
    page = render_html(mini, "worksheet", tmp_path)
    assert ".sheet { color: rebeccapurple; }" in page
    assert ".quick {" not in page


def test_unknown_variable_names_the_template_and_line(mini: Quiz, tmp_path: Path) -> None:
    (tmp_path / "worksheet.html").write_text("<p>\n{{ deck.titel }}</p>\n", encoding="utf-8")
    with pytest.raises(TemplateProblemError) as err:
        render_html(mini, "worksheet", tmp_path)
    assert str(err.value).startswith(f"{tmp_path / 'worksheet.html'}, line 2: ")
    assert "'titel'" in str(err.value)


def test_syntax_error_names_the_template_and_line(mini: Quiz, tmp_path: Path) -> None:
    (tmp_path / "answer-key.html").write_text("<p>\n\n{% if %}</p>\n", encoding="utf-8")
    with pytest.raises(TemplateProblemError) as err:
        render_html(mini, "key", tmp_path)
    assert str(err.value).startswith(f"{tmp_path / 'answer-key.html'}, line 3: ")


def test_missing_template_is_named(mini: Quiz, tmp_path: Path) -> None:
    (tmp_path / "quiz.html").write_text('{% include "_nope.html" %}', encoding="utf-8")
    with pytest.raises(TemplateProblemError) as err:
        render_html(mini, "quiz", tmp_path)
    assert str(err.value) == ("template '_nope.html' not found; it is neither in "
                              "--template-dir nor built in")


def test_unknown_mode_is_a_programming_error(mini: Quiz) -> None:
    with pytest.raises(ValueError, match="unknown mode 'exam'"):
        render_html(mini, "exam")


def test_index_lists_each_deck_with_its_count_and_links() -> None:
    entries = [
        IndexEntry("mini", "A small deck for tests", 4,
                   (Link("Quiz", "mini/quiz.html"), Link("Worksheet", "mini/worksheet.html"))),
        IndexEntry("one", "<One> & only", 1, (Link("Quiz", "one/quiz.html"),)),
    ]
    page = render_index(entries)
    text = text_of(page)
    assert "A small deck for tests 4 items · mini Quiz Worksheet" in text
    assert "&lt;One&gt; &amp; only 1 item · one Quiz" in text
    assert re.findall(r'href="([^"]+)"', page) == [
        "mini/quiz.html", "mini/worksheet.html", "one/quiz.html"]


def test_sheet_header_names_the_filters_a_version_was_built_with() -> None:
    deck, _ = load_checked(FIXTURES / "mini" / "deck.yaml")
    quiz = arrange(deck, 4, count=2, kinds=("fact", "hedging"))
    for mode, kicker in [("worksheet", "Worksheet ·"), ("key", "Answer key —"),
                         ("quiz", "Media-literacy quiz ·")]:
        assert (f'<p class="kicker">{kicker} Version 4 · --kind fact --kind hedging --count 2</p>'
                in render_html(quiz, mode))


def test_a_200_question_quiz_page_stays_under_400_kb() -> None:
    from dataclasses import replace

    bundled = sorted((FIXTURES.parent.parent / "decks").glob("*/deck.yaml"))
    deck, _ = load_checked(bundled[0] if bundled else FIXTURES / "mini" / "deck.yaml")
    items = tuple(replace(deck.items[n % len(deck.items)], id=f"{deck.items[0].id}-{n}")
                  for n in range(200))
    page = render_html(arrange(replace(deck, items=items), 1), "quiz")
    assert page.count("<fieldset") == 200
    assert len(page.encode("utf-8")) < 400 * 1024
