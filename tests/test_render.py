"""render: the pages' content, escaping, self-containment and template overrides."""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import run
from markupsafe import escape

from quizgen.errors import TemplateProblemError
from quizgen.fold import fold_text
from quizgen.outputs import OUTPUTS, PAGE
from quizgen.outputs.pages import (
    TEMPLATES,
    Paragraph,
    evidence_paragraphs,
    order_hash,
    paragraphs,
)
from quizgen.outputs.pages import render_page as render_html
from quizgen.outputs.site import IndexEntry, Link, Version, teacher_page
from quizgen.outputs.site import index_page as render_index
from quizgen.quiz import Quiz, arrange
from quizgen.validation import load_checked

FIXTURES = Path(__file__).parent / "fixtures"
MODES = ("quiz", "worksheet", "key", "present")


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
            '"A", "fact-repair-weeks": "D", "hedging-not-reached": "B", '
            '"who-said-bridge-unsafe": "C"}, "deck": "mini", '
            f'"store": "quizgen:mini:v1:{order_hash(mini)}", "version": "1"}}</script>') in page


def test_saved_answers_are_keyed_by_deck_version_and_the_questions_in_order(
        mini: Quiz) -> None:
    # A student's answers come back only to the page that asked those questions in that order.
    assert re.fullmatch(r"[0-9a-f]{12}", order_hash(mini))
    assert order_hash(quiz_of("mini")) == order_hash(mini)
    assert order_hash(quiz_of("mini", 2)) != order_hash(mini)
    assert order_hash(arrange(mini.deck, 1, count=3)) != order_hash(mini)
    first = mini.questions[0]
    reworded = replace(first, options=(replace(first.options[0], text="Another text"),
                                       *first.options[1:]))
    assert order_hash(replace(mini, questions=(reworded, *mini.questions[1:]))) != (
        order_hash(mini))


def test_every_distractor_why_and_the_evidence_are_in_the_quiz(mini: Quiz) -> None:
    page = render_html(mini, "quiz")
    for item in mini.deck.items:
        for distractor in item.distractors:
            assert f">{escape(distractor.why)}</p>" in page
        assert f"<blockquote>{escape(item.evidence)}</blockquote>" in page


@pytest.mark.parametrize("mode", MODES)
def test_pages_are_self_contained(mini: Quiz, mode: str) -> None:
    page = render_html(mini, mode)
    assert not re.search(r"\b(?:src|href)=(?!\"#)", page)  # links within the page only
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


def test_key_lists_every_option_marks_the_answer_and_says_why_the_others_are_wrong() -> None:
    quiz = quiz_of("mini", 7)
    page = render_html(quiz, "key")
    text = text_of(page)
    assert "Answer key — Version 7" in text
    glance = " ".join(f"{q.number}. {q.answer.letter}" for q in quiz.questions)
    assert f"At a glance {glance} Answers, why the others are wrong, and evidence" in text
    for q in quiz.questions:
        options = " ".join(
            f"{o.letter} {escape(o.text)} ✓ answer" if o.correct
            else f"{o.letter} {escape(o.text)} — {escape(o.why)}" for o in q.options)
        evidence = escape(q.item.evidence)
        explanation = escape(q.item.explanation)
        assert (f"{q.number}. {escape(q.item.prompt)} ({q.item.kind}) {options} {evidence} "
                f"{explanation}") in text


def test_key_quotes_the_evidence_without_repeating_the_source_line() -> None:
    page = render_html(quiz_of("mini", 7), "key")
    # The header names the article once; no "— Example News, …" under every quote.
    assert text_of(page).count("Council closes the old bridge") == 1
    assert "<figcaption>" not in page


@pytest.mark.parametrize("mode", MODES)
def test_hostile_text_is_escaped_never_markup(hostile: Quiz, mode: str) -> None:
    page = render_html(hostile, mode)
    assert "<img" not in page
    assert "<svg" not in page
    assert "<u>" not in page
    assert "<b " not in page
    assert page.count("<script") == {"quiz": 2, "present": 1}.get(mode, 0)
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert ("<title>Hostile &lt;/title&gt;&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; "
            "deck &amp; co:") in page
    assert "The {{ 7*7 }} library" in page  # deck text is never rendered as a template
    if mode != "worksheet":  # a literal "&amp;" in a why stays literal
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


def test_index_lists_each_deck_with_its_count_and_only_the_students_links() -> None:
    entries = [
        IndexEntry("mini", "A small deck for tests", 4,
                   (Link("Quiz", "mini/quiz.html", "student"),
                    Link("Worksheet", "teacher/mini/worksheet-v1.html", "teacher"))),
        IndexEntry("one", "<One> & only", 1, (Link("Quiz", "one/quiz.html", "student"),)),
    ]
    page = render_index(entries)
    text = text_of(page)
    assert "A small deck for tests 4 items · mini For students Quiz &lt;One&gt;" in text
    assert "&lt;One&gt; &amp; only 1 item · one For students Quiz" in text
    assert "For the teacher" not in text
    assert re.findall(r'href="([^"]+)"', page) == ["mini/quiz.html", "one/quiz.html"]


def build_links(deck: str) -> tuple[Link, ...]:
    """Give the links quizgen build makes for a deck, in the order it writes them."""
    return (Link("Quiz", f"{deck}/quiz.html"), Link("Worksheet", f"{deck}/worksheet.html"),
            Link("Answer key", f"{deck}/answer-key.html"), Link("Anki deck", f"{deck}/{deck}.apkg"))


def test_index_keeps_the_teachers_pages_apart_from_the_students() -> None:
    # Links made without an audience are grouped by file name; none of the teacher's shows.
    page = render_index([IndexEntry("mini", "Mini", 4, build_links("mini"))])
    text = text_of(page)
    assert ("The quiz checks your answers in the page itself: it is for practice. Read the "
            "article first, or keep it open beside the questions.") in text
    assert "Mini 4 items · mini For students Quiz Anki deck" in text
    assert re.findall(r'href="([^"]+)"', page) == ["mini/quiz.html", "mini/mini.apkg"]


def test_the_teachers_page_lists_versions_with_codes_and_every_teacher_output() -> None:
    entry = IndexEntry(
        "mini", "Mini", 4,
        (Link("Quiz", "mini/quiz.html", "student", "The quiz."),
         Link("Worksheet", "teacher/mini/worksheet-v1.html", "teacher", "Print it.", "1"),
         Link("Answer key", "teacher/mini/answer-key-v1.html", "teacher", "Mark with it.", "1"),
         Link("Worksheet", "teacher/mini/worksheet-v2.html", "teacher", "Print it.", "2"),
         Link("Answer key", "teacher/mini/answer-key-v2.html", "teacher", "Mark with it.", "2"),
         Link("Sourcing map", "teacher/mini/sources.html", "teacher", "Who says what.")),
        quiz_seed=3, versions=(Version("1", "AAA-111"), Version("2", "BBB-222")),
        selection="4 questions · kinds: all · tags: all")
    page = teacher_page([entry])
    assert re.findall(r'href="([^"]+)"', page) == [
        "../index.html", "mini/worksheet-v1.html", "mini/answer-key-v1.html",
        "mini/worksheet-v2.html", "mini/answer-key-v2.html", "mini/sources.html",
        "../mini/quiz.html"]
    text = text_of(page)
    assert ("Mini 4 items · mini · 4 questions · kinds: all · tags: all Printed versions "
            "Every version asks the same questions in another order; a sheet and its key show "
            "the same code. Worksheet: Print it. Answer key: Mark with it. Version Code Files "
            "1 AAA-111 Worksheet · Answer key 2 BBB-222 Worksheet · Answer key "
            "Also for the teacher Sourcing map Who says what. "
            "What students get Quiz The quiz. The quiz uses seed 3: its order is none of the "
            "printed versions', so it gives away no test. To print more versions later, use "
            "other seeds (quizgen html mini --mode worksheet --seed 4 and on).") in text


def test_a_link_says_whom_it_is_for() -> None:
    assert [link.group for link in build_links("d")] == ["student", "teacher", "teacher", "student"]
    assert Link("Key, as a student page", "d/answer-key.html", "student").group == "student"
    assert Link("Notes", "d/notes.html").group == "teacher"  # unknown: never among the students'


def test_the_registry_is_the_one_mapping_of_modes_to_files() -> None:
    pages = [output for output in OUTPUTS if output.kind == PAGE]
    assert [(p.name, p.file_name("d"), p.label, p.audience) for p in pages] == [
        ("quiz", "quiz.html", "Quiz", "student"),
        ("article", "article.html", "Article", "student"),
        ("worksheet", "worksheet.html", "Worksheet", "teacher"),
        ("key", "answer-key.html", "Answer key", "teacher"),
        ("present", "present.html", "Present mode", "teacher")]
    assert [p.file_name("d", "2") for p in pages if p.versioned] == [
        "worksheet-v2.html", "answer-key-v2.html", "present-v2.html"]
    assert list(TEMPLATES) == [p.name for p in pages if p.name != "article"]
    assert all((Path(__file__).parent.parent / "templates" / "html" / name).is_file()
               for name in TEMPLATES.values())


def test_importing_the_cli_and_the_registry_leaves_jinja_and_genanki_unloaded() -> None:
    # The CLI reads the registry at startup; `quizgen --help` must not pay for them.
    import subprocess
    import sys

    code = ("import sys, quizgen.cli; from quizgen.outputs import OUTPUTS\n"
            "assert 'jinja2' not in sys.modules, 'jinja2 imported'\n"
            "assert 'genanki' not in sys.modules, 'genanki imported'\n")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_students_see_only_the_version_and_the_key_gives_the_options_to_rebuild_it() -> None:
    deck, _ = load_checked(FIXTURES / "mini" / "deck.yaml")
    quiz = arrange(deck, 4, count=2, kinds=("fact", "hedging"))
    worksheet, key, page = (render_html(quiz, mode) for mode in ("worksheet", "key", "quiz"))
    assert '<p class="kicker">Worksheet · Version 4</p>' in worksheet
    assert '<p class="kicker">Answer key — Version 4</p>' in key
    assert ('<p class="kicker">Media-literacy quiz · <span data-role="version">Version 4</span>'
            '</p>') in page
    for student_page in (worksheet, page):
        assert "--kind" not in student_page
        assert "--count" not in student_page
    assert ("For the worksheet marked Version 4: 2 questions. Built with: "
            "--seed 4 --kind fact --kind hedging --count 2") in text_of(key)


@pytest.mark.parametrize(("mode", "label"), [("worksheet", "Version 7"),
                                             ("key", "Answer key · Version 7")])
def test_printed_pages_carry_the_deck_version_and_page_number(mode: str, label: str) -> None:
    quiz = quiz_of("mini", 7)
    page = render_html(quiz, mode)
    assert 'content: "A small deck for tests";' in page
    assert (f'content: "{label} · {quiz.version_code} · page " counter(page) " of " '
            'counter(pages);') in page


def test_deck_text_in_the_print_footer_cannot_leave_its_css_string(hostile: Quiz) -> None:
    page = render_html(hostile, "key")
    assert ('content: "Hostile \\00003c/title\\00003e\\00003cscript\\00003ealert(\'title\')'
            '\\00003c/script\\00003e deck \\000026 co";') in page
    style = page[page.index("<style>"):page.index("</style>")]
    assert "<" not in style.replace("<style>", "")


def test_a_200_question_quiz_page_stays_under_400_kb() -> None:
    bundled = sorted((FIXTURES.parent.parent / "decks").glob("*/deck.yaml"))
    deck, _ = load_checked(bundled[0] if bundled else FIXTURES / "mini" / "deck.yaml")
    items = tuple(replace(deck.items[n % len(deck.items)], id=f"{deck.items[0].id}-{n}")
                  for n in range(200))
    page = render_html(arrange(replace(deck, items=items), 1), "quiz")
    assert page.count("<fieldset") == 200
    assert len(page.encode("utf-8")) < 400 * 1024


def run_html_with(template_dir: Path, mode: str = "quiz") -> tuple[int, str, str]:
    """Run `quizgen html mini --template-dir DIR -o -` as a user would; give code, out, err."""
    return run("html", str(FIXTURES / "mini"), "--mode", mode, "--template-dir",
               str(template_dir), "-o", "-")


@pytest.mark.parametrize(("source", "line", "message"), [
    ("<p>\n{{ 1/0 }}</p>\n", 2, "ZeroDivisionError: division by zero"),
    ("<p>\n\n{{ questions|sum }}</p>\n", 3,
     "TypeError: unsupported operand type(s) for +: 'int' and 'Question'"),
])
def test_an_error_raised_in_a_users_template_is_one_line_naming_file_and_line(
        tmp_path: Path, source: str, line: int, message: str) -> None:
    (tmp_path / "quiz.html").write_text(source, encoding="utf-8")
    assert run_html_with(tmp_path) == (
        1, "", f"Error: {tmp_path / 'quiz.html'}, line {line}: {message}\n")


def test_a_template_extending_itself_says_how_to_extend_the_builtin(tmp_path: Path) -> None:
    (tmp_path / "quiz.html").write_text(
        '{% extends "quiz.html" %}{% block title %}7B{% endblock %}\n', encoding="utf-8")
    assert run_html_with(tmp_path) == (
        1, "", f"Error: {tmp_path / 'quiz.html'}: templates extend or include each other "
               'without end; to extend the built-in, write {% extends "default:quiz.html" %}\n')


def test_a_template_that_is_not_utf8_says_to_save_it_as_utf8(tmp_path: Path) -> None:
    (tmp_path / "answer-key.html").write_bytes(
        "<p>\n<p>Clé {{ version }}</p>\n".encode("latin-1"))
    assert run_html_with(tmp_path, "key") == (
        1, "", f"Error: {tmp_path / 'answer-key.html'}, line 2: this template is not UTF-8 "
               "text (byte 0xE9); save it as UTF-8\n")


def test_a_partial_that_is_not_utf8_is_named_too(tmp_path: Path) -> None:
    (tmp_path / "_sheet.css").write_bytes(b"/* \xff */\n")
    code, out, err = run_html_with(tmp_path, "worksheet")
    assert (code, out) == (1, "")
    assert err == (f"Error: {tmp_path / '_sheet.css'}, line 1: this template is not UTF-8 "
                   "text (byte 0xFF); save it as UTF-8\n")


BUNDLED = FIXTURES.parent.parent / "decks" / "iran-pakistan-2024" / "deck.yaml"


def test_every_non_empty_line_of_the_article_is_a_numbered_paragraph() -> None:
    assert paragraphs("First line.\n\n  \nSECOND ‘HEAD’\r\nThird, last.\n(Wire)") == [
        Paragraph(1, "First line."), Paragraph(2, "SECOND ‘HEAD’"), Paragraph(3, "Third, last."),
        Paragraph(4, "(Wire)")]
    assert [p.subheading for p in paragraphs("A line.\nIRAN ‘LOST PATIENCE’\n(Reuters)\n2024")
            ] == [False, True, False, False]


def test_evidence_names_every_paragraph_it_spans_folding_quotes_dashes_and_space() -> None:
    article = paragraphs("One “quoted” line.\nTwo – a dash.\nThree.\nFour.")
    assert evidence_paragraphs(article, 'One "quoted"   line.') == [1]
    assert evidence_paragraphs(article, "line. Two - a dash. Three") == [1, 2, 3]
    assert evidence_paragraphs(article, "Four.") == [4]
    assert evidence_paragraphs(article, "Five.") == []
    deck, _ = load_checked(BUNDLED)
    text = paragraphs(deck.article_text)
    headline = fold_text(deck.source.headline)
    for item in deck.items:
        # Every item of the bundled deck links to its place, unless it quotes the headline.
        assert evidence_paragraphs(text, item.evidence) or fold_text(item.evidence) in headline
    across = f"{text[7].text[-25:]}\n{text[8].text[:25]}"  # the end of 8, the start of 9
    assert evidence_paragraphs(text, across) == [8, 9]


def article_numbers(page: str) -> list[str]:
    return re.findall(r'data-paragraph="(\d+)"', page)


def test_the_quiz_carries_the_article_and_where_each_quote_stands(mini: Quiz) -> None:
    page = render_html(mini, "quiz")
    assert page.count('data-role="article"') == 1
    assert article_numbers(page) == ["1", "2", "3", "4", "5"]
    assert ('<p class="para" id="para-2" data-paragraph="2" tabindex="-1"><span class="pnum">2'
            '</span> “The bridge is not safe for heavy lorries,” said Dana Reyes, an engineer at '
            'Harbor Consulting, an independent firm.</p>') in page
    assert re.findall(r'data-at="([^"]+)"', page) == ["4", "2", "3", "4"]
    assert "Example News · By A. Reporter · " in text_of(page)


def test_the_worksheet_ends_with_the_article_unless_asked_not_to(mini: Quiz) -> None:
    page = render_html(mini, "worksheet")
    assert article_numbers(page) == ["1", "2", "3", "4", "5"]
    assert page.index('data-role="article"') > page.rindex("data-item-id")
    assert "The article follows the questions, its paragraphs numbered." in text_of(page)
    code, out, err = run("html", str(FIXTURES / "mini"), "--mode", "worksheet", "--no-article",
                         "-o", "-")
    assert (code, err) == (0, "")
    assert out == render_html(mini, "worksheet", article=False)
    assert 'data-role="article"' not in out
    assert "data-paragraph" not in out
    assert "The article follows" not in out
    assert re.findall(r'data-item-id="([^"]+)"', out) == [q.item.id for q in mini.questions]


@pytest.mark.parametrize("mode", MODES)
def test_every_page_marks_every_question_with_its_item_id(mini: Quiz, mode: str) -> None:
    page = render_html(mini, mode)
    assert re.findall(r'data-item-id="([^"]+)"', page) == [q.item.id for q in mini.questions]


def test_the_quiz_names_kinds_in_plain_words_with_their_meaning(mini: Quiz) -> None:
    page = render_html(mini, "quiz")
    assert ('<span class="kind-name">Who said it</span> <span class="kind-score">0 / 0</span>'
            ) in page
    assert '<span class="kind-meaning">match a quote or paraphrase to its source</span>' in page
    assert "title=" not in page  # no meaning hidden in a tooltip that phones never show


def test_present_mode_shows_each_question_with_its_answer_folded_away(mini: Quiz) -> None:
    code, out, err = run("html", str(FIXTURES / "mini"), "--mode", "present", "-o", "-")
    assert (code, err) == (0, "")
    assert out == render_html(mini, "present")
    assert "<title>A small deck for tests: present mode, version 1</title>" in out
    assert out.count('<section class="slide"') == len(mini.questions)
    assert out.count('<details class="reveal" data-role="reveal">') == len(mini.questions)
    text = text_of(out)
    for q in mini.questions:
        assert (f"Question {q.number} of 4 · ") in text
        assert f"The answer is {q.answer.letter}: {escape(q.answer.text)}" in text
    # Each question carries the paragraph its evidence is quoted from, for the projector.
    assert article_numbers(out) == ["4", "2", "3", "4"]
    assert "The article, paragraph 2" in text
