"""The quiz page as a student uses it: in real headless Chromium, from file://."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from quizgen.model import KIND_NAMES, KINDS
from quizgen.quiz import Quiz, arrange
from quizgen.validation import load_checked

if TYPE_CHECKING:
    from playwright.sync_api import Page

from .conftest import BUNDLED, BUNDLED_ITEMS, FIXTURES, Visit, built_quiz_seed, page_path

N = BUNDLED_ITEMS  # the bundled deck's questions: tests follow its revisions

DECKS = {"mini": FIXTURES / "mini" / "deck.yaml", "hostile": FIXTURES / "hostile" / "deck.yaml",
         "iran-pakistan-2024": BUNDLED}


#: True once "Try again" has reshuffled: it ends by focusing the first option.
RESET_DONE = "document.activeElement && document.activeElement.matches('input[type=radio]')"


def quiz_of(deck_id: str, page_name: str = "quiz.html") -> Quiz:
    """Give the quiz as a default build arranged it for that page."""
    deck, _ = load_checked(DECKS[deck_id])
    if page_name == "quiz.html":  # the quiz has an order of its own
        return arrange(deck, built_quiz_seed(deck))
    return arrange(deck, 1)  # the sheets of version 1


def choose(page: Page, item_id: str, text: str) -> None:
    """Click the label of the option whose text is exactly text."""
    question = page.locator(f'[data-item-id="{item_id}"]')
    question.locator("label").filter(has=page.get_by_text(text, exact=True)).click()


def confirm(page: Page, question: str | None = None) -> None:
    """Answer the page's inline "are you sure?" with yes, checking its question if given."""
    box = page.locator('[data-role="confirm"]')
    if question is not None:
        assert box.locator(".confirm-text").inner_text() == question
    box.locator('[data-action="confirm"]').click()


def pick(page: Page, item_id: str, letter: str) -> None:
    """Click the label of the option lettered so when the page was built (quicker)."""
    page.click(f'[data-item-id="{item_id}"] label:has(input[value="{letter}"])')


def test_the_page_gets_ready_from_file(site: Path, visit: Callable[..., Visit]) -> None:
    page = visit(site / "mini" / "quiz.html").page
    page.wait_for_selector("html[data-ready]")
    assert page.locator('[data-action="check"]').is_enabled()
    assert page.locator('[data-role="progress"]').inner_text() == "0 of 4 questions answered"
    assert page.locator('[data-role="result"]').is_hidden()
    assert page.locator(".feedback").evaluate_all("els => els.every(e => e.hidden)")


@pytest.mark.parametrize("deck_id", ["mini", "iran-pakistan-2024"])
def test_all_right_scores_m_of_m(site: Path, visit: Callable[..., Visit], deck_id: str) -> None:
    quiz = quiz_of(deck_id)
    page = visit(site / deck_id / "quiz.html").page
    for q in quiz.questions:
        if deck_id == "mini":
            choose(page, q.item.id, q.answer.text)
        else:
            pick(page, q.item.id, q.answer.letter)
    total = len(quiz.questions)
    assert page.locator('[data-role="progress"]').inner_text() == (
        f"{total} of {total} questions answered")
    page.click('[data-action="check"]')
    assert page.locator('[data-role="score"]').inner_text() == f"{total} / {total}"
    assert page.locator(".verdict").all_inner_texts() == ["Correct."] * total
    assert page.locator(".why:visible").count() == 0
    kinds = {k: sum(q.item.kind == k for q in quiz.questions) for k in quiz.kinds()}
    # Kinds in plain words, each with its meaning on screen (no tooltip a phone never shows).
    assert page.locator(".kind").evaluate_all("ks => ks.map(k => k.textContent)") == [
        f"{KIND_NAMES[kind]} {n} / {n} {KINDS[kind]}" for kind, n in kinds.items()]
    assert page.locator(".kind-meaning").first.is_visible()
    assert page.evaluate("document.activeElement.id") == "result-title"


def test_all_wrong_scores_zero_and_shows_each_why(site: Path,
                                                  visit: Callable[..., Visit]) -> None:
    quiz = quiz_of("mini")
    page = visit(site / "mini" / "quiz.html").page
    chosen = {}
    for q in quiz.questions:
        wrong = next(o for o in q.options if not o.correct)
        chosen[q.item.id] = wrong
        choose(page, q.item.id, wrong.text)
    page.click('[data-action="check"]')
    assert page.locator('[data-role="score"]').inner_text() == "0 / 4"
    assert page.locator('[data-role="summary"]').inner_text() == (
        "0 right answers, 4 wrong answers.")
    for q in quiz.questions:
        box = page.locator(f'[data-item-id="{q.item.id}"]')
        wrong = chosen[q.item.id]
        assert box.get_attribute("data-state") == "incorrect"
        assert box.locator(".verdict").inner_text() == f"Incorrect: you chose {wrong.letter}."
        assert box.locator(".why:visible").all_inner_texts() == [
            f"Why not “{wrong.text}”? {wrong.why}"]
        assert box.locator(".answer-line").inner_text() == (
            f"The answer is {q.answer.letter}: {q.answer.text}")
        assert box.locator(".explanation").inner_text() == q.item.explanation
        assert box.locator("blockquote").inner_text() == q.item.evidence
        assert box.locator("figcaption").inner_text() == (
            "— Example News, Council closes the old bridge, 2024-02-05")
        assert box.locator(".is-answer .mark").inner_text() == "correct answer"
        assert box.locator(".is-wrong .mark").inner_text() == "your answer"


def test_unanswered_questions_count_wrong_and_are_flagged(site: Path,
                                                          visit: Callable[..., Visit]) -> None:
    quiz = quiz_of("mini")
    record = visit(site / "mini" / "quiz.html")
    page = record.page
    first = quiz.questions[0]
    choose(page, first.item.id, first.answer.text)
    page.click('[data-action="check"]')
    confirm(page, "You have answered 1 of 4 questions. The 3 left blank count as wrong. "
                  "Check anyway?")
    assert page.locator('[data-role="score"]').inner_text() == "1 / 4"
    assert page.locator('[data-role="summary"]').inner_text() == (
        "1 right answer, 0 wrong answers, 3 not answered.")
    assert page.locator(".verdict").all_inner_texts() == ["Correct."] + ["Not answered."] * 3
    notice = page.locator('[data-role="result"] [data-role="unanswered"]')
    assert notice.is_visible()
    assert notice.inner_text() == "1 of 4 answered; unanswered questions count as wrong."
    assert page.locator('[data-role="announce"]').inner_text() == (
        "1 of 4 answered; unanswered questions count as wrong. "
        "Score 1 / 4. 1 right answer, 0 wrong answers, 3 not answered.")
    assert record.dialogs == []


def test_no_unanswered_notice_when_everything_is_answered(site: Path,
                                                          visit: Callable[..., Visit]) -> None:
    quiz = quiz_of("mini")
    record = visit(site / "mini" / "quiz.html")
    page = record.page
    for q in quiz.questions:
        choose(page, q.item.id, q.answer.text)
    page.click('[data-action="check"]')
    assert page.locator('[data-role="unanswered"]').is_hidden()
    assert page.locator('[data-role="announce"]').inner_text() == (
        "Score 4 / 4. 4 right answers, 0 wrong answers.")
    assert record.dialogs == []


def test_checking_an_untouched_quiz_asks_first_in_the_page(site: Path,
                                                           visit: Callable[..., Visit]) -> None:
    # One stray tap no longer grades 0 / 60 and locks the page: it asks, inline (a phone
    # shows no browser dialog well), and "Keep answering" leaves everything as it was.
    record = visit(site / "iran-pakistan-2024" / "quiz.html")
    page = record.page
    page.click('[data-action="check"]')
    question = (f"You have answered 0 of {N} questions. The {N} left blank count as wrong. "
                "Check anyway?")
    assert page.locator('[data-role="confirm"] .confirm-text').inner_text() == question
    assert page.evaluate("document.activeElement.dataset.action") == "confirm"
    assert page.locator('[data-action="check"]').is_hidden()
    page.click('[data-action="cancel"]')
    assert page.locator('[data-role="confirm"]').is_hidden()
    assert page.locator('[data-role="result"]').is_hidden()
    assert page.locator('[data-action="check"]').is_visible()
    page.click('[data-action="check"]')
    confirm(page, question)
    assert page.locator('[data-role="score"]').inner_text() == f"0 / {N}"
    assert page.locator('[data-role="unanswered"]').inner_text() == (
        f"0 of {N} answered; unanswered questions count as wrong.")
    assert record.dialogs == []


def test_keyboard_alone_completes_grades_and_retries(site: Path,
                                                     visit: Callable[..., Visit]) -> None:
    quiz = quiz_of("mini")
    page = visit(site / "mini" / "quiz.html").page
    page.wait_for_selector("html[data-ready]")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.action") == "skip"
    for q in quiz.questions:
        page.keyboard.press("Tab")  # into the question's radio group, on its first option
        assert page.evaluate("document.activeElement.closest('[data-item-id]').dataset.itemId"
                             ) == q.item.id
        index = [o.correct for o in q.options].index(True)
        if index == 0:
            page.keyboard.press("Space")
        for _ in range(index):
            page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.action") == "check"
    page.keyboard.press("Enter")
    assert page.locator('[data-role="score"]').inner_text() == "4 / 4"
    assert page.evaluate("document.activeElement.id") == "result-title"
    for q in quiz.questions:  # each question's feedback, then its link to the article
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('[data-item-id]').dataset.itemId"
                             ) == q.item.id
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.dataset.role") == "evidence-link"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.action") == "retry"
    page.keyboard.press("Enter")  # asks first, its "yes" focused
    assert page.evaluate("document.activeElement.dataset.action") == "confirm"
    page.keyboard.press("Enter")
    assert page.locator('[data-role="result"]').is_hidden()
    assert page.locator("input:checked").count() == 0
    assert page.evaluate("document.activeElement.type") == "radio"


def test_try_again_clears_and_reshuffles(site: Path, visit: Callable[..., Visit]) -> None:
    quiz = quiz_of("iran-pakistan-2024")
    page = visit(site / "iran-pakistan-2024" / "quiz.html").page

    def layout() -> list[list[str]]:
        rows: list[list[str]] = page.locator("[data-item-id]").evaluate_all(
            "qs => qs.map(q => [q.dataset.itemId].concat(Array.from("
            "q.querySelectorAll('.options > label'), l => l.textContent)))")
        return rows

    before = layout()
    kicker = page.locator(".kicker")
    version = quiz.version
    assert kicker.inner_text() == f"Media-literacy quiz · Version {version}"
    for q in quiz.questions[:5]:
        pick(page, q.item.id, q.answer.letter)
    page.click('[data-action="check"]')
    confirm(page)
    assert page.locator('[data-role="score"]').inner_text() == f"5 / {len(quiz.questions)}"
    assert page.locator('[data-action="retry"]:visible').count() == 1  # one "Try again"
    page.locator('[data-action="retry"]').click()
    confirm(page, "Start again? This clears all your answers and reshuffles the questions.")
    after = layout()
    assert after != before
    # The version printed on the sheets no longer describes this order.
    assert kicker.inner_text() == f"Media-literacy quiz · Version {version}, reshuffled"
    assert page.locator(".page-foot").inner_text().endswith(f"· Version {version}, reshuffled")
    assert sorted(row[0] for row in after) == sorted(row[0] for row in before)
    assert page.locator("input:checked").count() == 0
    assert page.locator("input:disabled").count() == 0
    assert page.locator(".feedback:visible, .why:visible, .mark").count() == 0
    assert page.locator(".num").all_inner_texts() == [
        f"{n}." for n in range(1, len(quiz.questions) + 1)]
    for letters in page.locator(".options").evaluate_all(
            "os => os.map(o => Array.from(o.querySelectorAll('.letter'), l => l.textContent)"
            ".join(''))"):
        assert letters == "ABCDE"[: len(letters)]
    assert page.locator('[data-action="check"]').is_visible()
    # Graded again after the reshuffle, the right answers still score.
    for q in quiz.questions:
        choose(page, q.item.id, q.answer.text)
    page.click('[data-action="check"]')
    total = len(quiz.questions)
    assert page.locator('[data-role="score"]').inner_text() == f"{total} / {total}"


@pytest.mark.parametrize("page_name", ["quiz.html", "worksheet.html", "answer-key.html"])
def test_no_network_request_at_all(site: Path, visit: Callable[..., Visit],
                                   page_name: str) -> None:
    quiz = quiz_of("iran-pakistan-2024")
    path = page_path(site, "iran-pakistan-2024", page_name)
    record = visit(path)
    page = record.page
    if page_name == "quiz.html":
        for q in quiz.questions[::2]:
            pick(page, q.item.id, "A")
        page.click('[data-action="check"]')
        confirm(page)
        page.locator('[data-role="evidence-link"]').first.click()
        page.locator('[data-action="retry"]').click()
        confirm(page)
        page.wait_for_function(RESET_DONE)
    page.wait_for_load_state("networkidle")
    assert record.requests == [path.as_uri()]


def test_index_page_makes_no_request_and_links_every_students_page(
        site: Path, visit: Callable[..., Visit]) -> None:
    record = visit(site / "index.html")
    hrefs = record.page.locator("a").evaluate_all("as => as.map(a => a.href)")
    assert hrefs == [(site / deck / page).as_uri()
                     for deck in ("mini", "hostile", "iran-pakistan-2024")
                     for page in ("quiz.html", "article.html", f"{deck}.apkg")]
    assert record.requests == [(site / "index.html").as_uri()]


def test_hostile_texts_show_as_text_and_run_nothing(site: Path,
                                                    visit: Callable[..., Visit]) -> None:
    quiz = quiz_of("hostile")
    record = visit(site / "hostile" / "quiz.html")
    page = record.page
    deck = quiz.deck
    assert page.title() == f"{deck.title}: quiz"
    assert page.locator("h1").inner_text() == deck.title
    for q in quiz.questions:
        box = page.locator(f'[data-item-id="{q.item.id}"]')
        assert box.locator("legend").inner_text() == f"{q.number}. {q.item.prompt}"
        assert box.locator(".options > label").evaluate_all(
            "ls => ls.map(l => l.textContent)") == [
            f"{o.letter} {o.text}" for o in q.options]
        wrong = next(o for o in q.options if not o.correct)
        choose(page, q.item.id, wrong.text)
    page.click('[data-action="check"]')
    for q in quiz.questions:
        box = page.locator(f'[data-item-id="{q.item.id}"]')
        wrong = next(o for o in q.options if not o.correct)
        assert box.locator(".why:visible").inner_text() == f"Why not “{wrong.text}”? {wrong.why}"
        assert box.locator("blockquote").inner_text() == q.item.evidence
        assert box.locator("figcaption").inner_text() == (
            f"— {deck.source.outlet}, {deck.source.headline}, {deck.source.published}")
        assert box.locator(".answer-line").inner_text() == (
            f"The answer is {q.answer.letter}: {q.answer.text}")
    page.locator('[data-action="retry"]').click()
    confirm(page)
    page.wait_for_function(RESET_DONE)
    assert record.dialogs == []
    assert page.evaluate("document.scripts.length") == 2
    assert page.locator("img, svg, b, i, u, em").count() == 0
    assert record.requests == [(site / "hostile" / "quiz.html").as_uri()]


@pytest.mark.parametrize("page_name", ["worksheet.html", "answer-key.html"])
def test_hostile_sheets_show_text_and_run_nothing(site: Path, visit: Callable[..., Visit],
                                                  page_name: str) -> None:
    quiz = quiz_of("hostile", page_name)
    record = visit(page_path(site, "hostile", page_name))
    page = record.page
    assert page.locator("h1").inner_text() == quiz.deck.title
    prompts = page.locator(".prompt, .asked").all_inner_texts()
    expected = [f"{q.number}. {q.item.prompt}" if page_name == "worksheet.html"
                else f"{q.number}. {q.item.prompt} ({q.item.kind})" for q in quiz.questions]
    assert prompts == expected
    assert record.dialogs == []
    assert page.evaluate("document.scripts.length") == 0
    assert page.locator("img, svg, b, u, em").count() == 0


def test_phone_width_has_no_sideways_scroll(site: Path, visit: Callable[..., Visit]) -> None:
    quiz = quiz_of("iran-pakistan-2024")
    page = visit(site / "iran-pakistan-2024" / "quiz.html", width=375, height=740).page
    for q in quiz.questions[::3]:
        pick(page, q.item.id, q.options[-1].letter)
    page.click('[data-action="check"]')
    confirm(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    # The sticky bar stays on screen and keeps its button reachable.
    bar = page.locator(".actions").bounding_box()
    assert bar is not None and bar["y"] + bar["height"] <= 740


def test_print_hides_buttons(site: Path, visit: Callable[..., Visit]) -> None:
    page = visit(site / "mini" / "quiz.html").page
    page.emulate_media(media="print")
    assert page.locator("button:visible").count() == 0
    assert page.locator("[data-item-id]:visible").count() == 4


def test_index_offers_students_their_pages_and_the_teacher_page_the_rest(
        site: Path, visit: Callable[..., Visit]) -> None:
    page = visit(site / "index.html").page
    deck = page.locator('[data-deck-id="mini"]')
    groups = deck.locator(".group").evaluate_all(
        "gs => gs.map(g => [g.querySelector('h3').textContent,"
        " Array.from(g.querySelectorAll('a'), a => a.textContent)])")
    assert groups == [["For students", ["Quiz", "Article", "Anki deck"]]]
    assert page.get_by_role("list", name="For students").first.is_visible()
    assert page.locator('[data-role="answers-note"]').inner_text().startswith(
        "The quiz checks your answers in the page itself")
    teacher = visit(site / "teacher" / "index.html").page
    rows = teacher.locator('[data-deck-id="mini"] tbody tr').evaluate_all(
        "rs => rs.map(r => Array.from(r.querySelectorAll('a'), a => a.textContent))")
    assert rows == [["Worksheet", "Answer key", "Present mode"]] * 2
    assert teacher.get_by_role("table", name="Printed versions").first.is_visible()


def focus_ring(page: Page) -> dict[str, float]:
    """Give the box of what shows focus: the option's label for a radio, else the element."""
    box: dict[str, float] = page.evaluate(
        "() => { const a = document.activeElement;"
        " const shown = a.closest('label') || a;"
        " const r = shown.getBoundingClientRect();"
        " return {top: r.top, bottom: r.bottom, inBar: !!a.closest('.actions'),"
        "  barTop: document.querySelector('.actions').getBoundingClientRect().top}; }")
    return box


def test_keyboard_focus_is_never_hidden_under_the_sticky_bar_on_a_phone(
        site: Path, visit: Callable[..., Visit]) -> None:
    # WCAG 2.4.11: tabbing (and arrowing down each group to its last option) on a 375 px
    # phone must scroll every focused option fully above the "Check answers" bar.
    quiz = quiz_of("iran-pakistan-2024")
    page = visit(site / "iran-pakistan-2024" / "quiz.html", width=375, height=740).page
    page.wait_for_selector("html[data-ready]")
    # The bar's height is measured after the first layout.
    page.wait_for_function("document.documentElement.style.scrollPaddingBottom !== ''")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.action") == "skip"
    seen = 0
    for q in quiz.questions:
        page.keyboard.press("Tab")
        for step in range(len(q.options)):
            if step:
                page.keyboard.press("ArrowDown")
            box = focus_ring(page)
            assert not box["inBar"]
            assert box["top"] >= 0, (q.number, step, box)
            assert box["bottom"] <= box["barTop"], (q.number, step, box)
            seen += 1
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.action") == "check"
    assert seen == sum(len(q.options) for q in quiz.questions)
