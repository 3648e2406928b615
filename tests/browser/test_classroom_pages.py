"""The pages in class: the article beside the quiz, a student's work kept and undone only
when asked, the keyboard's short way to "Check answers", the projector's present mode and
the worksheet's article handout. In real headless Chromium, from file://."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from quizgen.fold import fold_text
from quizgen.outputs.pages import evidence_paragraphs, paragraphs, render_page
from quizgen.quiz import Quiz, arrange
from quizgen.validation import load_checked

if TYPE_CHECKING:
    from playwright.sync_api import Page

from .conftest import BUNDLED, BUNDLED_ITEMS, Visit, built_quiz_seed
from .test_quiz_page import confirm, pick
from .test_sheets_and_access import pdf_pages, serious

N = BUNDLED_ITEMS  # the bundled deck's questions: tests follow its revisions


def bundled(seed: int = 1) -> Quiz:
    deck, _ = load_checked(BUNDLED)
    return arrange(deck, seed)


def built() -> Quiz:
    """Give the bundled deck's quiz as a default build arranged it (an order of its own)."""
    deck, _ = load_checked(BUNDLED)
    return arrange(deck, built_quiz_seed(deck))


def written(tmp_path: Path, mode: str, seed: int = 1, article: bool = True) -> Path:
    """Give a page of the bundled deck written under tmp_path (the deck is only read)."""
    path = tmp_path / f"{mode}-{seed}{'' if article else '-no-article'}.html"
    path.write_text(render_page(bundled(seed), mode, article=article), encoding="utf-8")
    return path


def in_view(page: Page, selector: str) -> bool:
    """Tell whether the element is wholly inside the viewport and inside its scrolled box."""
    visible: bool = page.eval_on_selector(selector, """el => {
        const r = el.getBoundingClientRect();
        let box = {top: 0, bottom: innerHeight};
        const scroller = el.closest('.article');
        if (scroller && scroller.scrollHeight > scroller.clientHeight) {
            const s = scroller.getBoundingClientRect();
            box = {top: Math.max(0, s.top), bottom: Math.min(innerHeight, s.bottom)};
        }
        return r.height > 0 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
    }""")
    return visible


def answer(page: Page, letters: dict[str, str]) -> None:
    """Click the options lettered so (as built) in one go: for tests where answering is only
    the setting, not what is tested (pick() clicks each through Playwright, more slowly)."""
    page.evaluate("""letters => Object.entries(letters).forEach(([id, letter]) =>
        document.querySelector(`[data-item-id="${id}"] input[value="${letter}"]`).click())""",
                  letters)


def focused(page: Page, what: str = "dataset.action") -> str:
    value: str = page.evaluate(f"document.activeElement && document.activeElement.{what}")
    return value


def checked(page: Page) -> dict[str, str]:
    answers: dict[str, str] = page.locator("[data-item-id]").evaluate_all(
        "qs => Object.fromEntries(qs.filter(q => q.querySelector('input:checked'))"
        ".map(q => [q.dataset.itemId, q.querySelector('input:checked').value]))")
    return answers


# The article ----------------------------------------------------------------------------

def test_the_quiz_shows_the_article_beside_the_questions(site: Path,
                                                         visit: Callable[..., Visit]) -> None:
    deck = bundled().deck
    page = visit(site / deck.id / "quiz.html", width=1366, height=768).page
    page.wait_for_selector("html[data-ready]")
    article = page.locator('[data-role="article"]')
    assert article.is_visible()
    lines = [line.strip() for line in deck.article_text.splitlines() if line.strip()]
    assert article.locator("[data-paragraph]").evaluate_all(
        "ps => ps.map(p => [p.dataset.paragraph, p.querySelector('.pnum').textContent,"
        " p.textContent.slice(p.querySelector('.pnum').textContent.length + 1)])") == [
        [str(n), str(n), line] for n, line in enumerate(lines, start=1)]
    assert article.locator("h2").inner_text() == deck.source.headline
    assert article.locator(".byline").inner_text() == (
        f"{deck.source.outlet} · By {deck.source.byline} · {deck.source.published}")
    # Side by side: the article's column starts right of the questions', both on screen.
    questions = page.locator(".questions").bounding_box()
    box = article.bounding_box()
    assert questions is not None and box is not None
    assert box["x"] >= questions["x"] + questions["width"]
    assert box["y"] < 768 and questions["y"] < 768
    assert page.locator('[data-action="article"]').is_hidden()  # no toggle needed
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366


def test_a_projector_shows_the_article_beside_about_three_whole_questions(
        site: Path, visit: Callable[..., Visit]) -> None:
    # At 1920 x 1080 the quiz was one narrow column with two questions on screen at most.
    page = visit(site / "iran-pakistan-2024" / "quiz.html", width=1920, height=1080).page
    page.wait_for_selector("html[data-ready]")
    article = page.locator('[data-role="article"]').bounding_box()
    questions = page.locator(".questions").bounding_box()
    assert article is not None and questions is not None
    assert questions["width"] >= 1000 and article["width"] >= 600
    assert article["x"] >= questions["x"] + questions["width"]
    whole = page.evaluate("""() => Array.from(document.querySelectorAll('.question'), q => {
        q.scrollIntoView();
        const bar = document.querySelector('.actions').getBoundingClientRect().top;
        return Array.from(document.querySelectorAll('.question')).filter(other => {
            const r = other.getBoundingClientRect();
            return r.top >= 0 && r.bottom <= bar; }).length; }).slice(0, 50)""")
    assert min(whole) >= 2 and sum(whole) / len(whole) >= 2.75, whole


def test_a_phone_opens_the_article_with_a_button_and_comes_back(
        site: Path, visit: Callable[..., Visit]) -> None:
    page = visit(site / "iran-pakistan-2024" / "quiz.html", width=375, height=740).page
    page.wait_for_selector("html[data-ready]")
    article = page.locator('[data-role="article"]')
    toggle = page.locator('[data-action="article"]')
    assert article.is_hidden()
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert article.is_visible()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert focused(page, "id") == "article-title"
    box = article.bounding_box()
    assert box is not None and (box["x"], box["y"], box["width"]) == (0, 0, 375)
    # It covers the questions, and keeps the keyboard: Shift+Tab finds nothing behind it.
    assert page.locator('[data-action="article-back"]').inner_text() == "Back to the questions"
    page.keyboard.press("Shift+Tab")
    assert focused(page) in ("article-back", None)
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("!document.activeElement.closest('.quiz-column')")
    page.locator('[data-action="article-back"]').click()
    assert article.is_hidden()
    assert focused(page) == "article"
    toggle.click()
    page.keyboard.press("Escape")
    assert article.is_hidden()
    assert focused(page) == "article"
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


@pytest.mark.parametrize("width, height", [(1366, 768), (375, 740)])
def test_after_grading_an_evidence_link_scrolls_to_and_highlights_its_paragraphs(
        site: Path, visit: Callable[..., Visit], width: int, height: int) -> None:
    quiz = built()
    text = paragraphs(quiz.deck.article_text)
    page = visit(site / quiz.deck.id / "quiz.html", width=width, height=height).page
    page.wait_for_selector("html[data-ready]")
    answer(page, {q.item.id: q.answer.letter for q in quiz.questions})
    page.click('[data-action="check"]')
    headline = fold_text(quiz.deck.source.headline)
    # Every quote links to its paragraph; one from the headline has none to link to.
    assert page.locator('[data-role="evidence-link"]').count() == sum(
        fold_text(q.item.evidence) not in headline for q in quiz.questions)
    page.wait_for_selector("html[data-ready]")
    # A quote that runs over two paragraphs highlights both; then one in a single paragraph.
    for item_id in ("who-said-brew-domestic-pressure", "hedging-country-like-china"):
        q = next(q for q in quiz.questions if q.item.id == item_id)
        numbers = evidence_paragraphs(text, q.item.evidence)
        assert len(numbers) == (2 if item_id.startswith("who-said") else 1)
        link = page.locator(f'[data-item-id="{item_id}"] [data-role="evidence-link"]')
        where = (f"paragraph {numbers[0]}" if len(numbers) == 1
                 else f"paragraphs {numbers[0]}–{numbers[-1]}")
        assert link.inner_text() == f"Find it in the article: {where}"
        link.click()
        highlighted = page.locator(".is-highlighted").evaluate_all(
            "ps => ps.map(p => Number(p.dataset.paragraph))")
        assert highlighted == numbers
        for n in numbers:
            assert in_view(page, f'[data-paragraph="{n}"]'), (item_id, n)
        assert focused(page, "dataset.paragraph") == str(numbers[0])
        back = page.locator('[data-action="article-back"]')
        assert back.inner_text() == f"Back to question {q.number}"
        back.click()
        assert focused(page, "dataset.role") == "evidence-link"
        assert page.evaluate("document.activeElement.closest('[data-item-id]').dataset.itemId"
                             ) == item_id
        if width < 1100:  # on a phone the article closes again
            assert page.locator('[data-role="article"]').is_hidden()


def test_the_printed_worksheet_ends_with_the_article(tmp_path: Path,
                                                    visit: Callable[..., Visit]) -> None:
    quiz = bundled()
    text = paragraphs(quiz.deck.article_text)
    pages = pdf_pages(visit(written(tmp_path, "worksheet")).page, tmp_path / "ws.pdf")
    # The article starts on a page of its own, after the last question...
    start = next(n for n, page in enumerate(pages) if "The article · paragraphs numbered" in page)
    last_question = max(n for n, page in enumerate(pages)
                        if f"{len(quiz.questions)}. " in page.split("The article ·")[0])
    assert start == last_question + 1
    handout = " ".join(" ".join(page.split()) for page in pages[start:])
    # ...and runs to the end, every paragraph numbered, in order.
    positions = [handout.index(f"{p.number} {' '.join(p.text.split()[:4])}") for p in text]
    assert positions == sorted(positions)
    lines = [line.strip() for line in pages[-1].strip().splitlines() if line.strip()]
    assert lines[-2] == f"{text[-1].number} {text[-1].text}"  # then the running footer
    assert lines[-1].endswith(
        f"Version 1 · {quiz.version_code} · page {len(pages)} of {len(pages)}")
    without = pdf_pages(visit(written(tmp_path, "worksheet", article=False)).page,
                        tmp_path / "ws-none.pdf")
    assert len(without) == start
    assert not any("The article ·" in page or text[0].text[:40] in page for page in without)


# A student's work -----------------------------------------------------------------------

def test_answers_come_back_after_a_reload_and_only_on_their_own_page(
        site: Path, tmp_path: Path, visit: Callable[..., Visit]) -> None:
    quiz = built()
    record = visit(site / quiz.deck.id / "quiz.html")
    page = record.page
    chosen = {q.item.id: q.options[n % len(q.options)].letter
              for n, q in enumerate(quiz.questions[3:8])}
    for item_id, letter in chosen.items():
        pick(page, item_id, letter)
    page.reload()
    page.wait_for_selector("html[data-ready]")
    assert checked(page) == chosen
    assert page.locator('[data-role="progress"]').inner_text() == f"5 of {N} questions answered"
    assert page.locator('[data-role="announce"]').inner_text() == (
        "5 answers from your last visit restored.")
    # Another version, in the same browser, asks other questions in another order.
    other = record.page.context.new_page()
    other.goto(written(tmp_path, "quiz", seed=2).as_uri())
    other.wait_for_selector("html[data-ready]")
    assert checked(other) == {}
    other.close()


def test_clearing_asks_first_and_then_forgets_the_answers(site: Path,
                                                          visit: Callable[..., Visit]) -> None:
    quiz = built()
    page = visit(site / quiz.deck.id / "quiz.html").page
    clear = page.locator('[data-action="clear"]')
    assert clear.is_visible() and clear.is_disabled()  # nothing to clear yet
    for q in quiz.questions[:5]:
        pick(page, q.item.id, q.answer.letter)
    assert clear.is_enabled()
    clear.click()
    question = "Clear all 5 of your answers? This cannot be undone."
    assert page.locator('[data-role="confirm"] .confirm-text').inner_text() == question
    page.click('[data-action="cancel"]')  # "Keep them"
    assert len(checked(page)) == 5
    assert focused(page) == "clear"
    clear.click()
    confirm(page, question)
    assert checked(page) == {}
    assert page.locator('[data-role="progress"]').inner_text() == f"0 of {N} questions answered"
    page.reload()
    page.wait_for_selector("html[data-ready]")
    assert checked(page) == {}


def test_answering_while_asked_withdraws_the_stale_question(
        site: Path, visit: Callable[..., Visit]) -> None:
    quiz = built()
    page = visit(site / quiz.deck.id / "quiz.html").page
    page.click('[data-action="check"]')
    assert page.locator('[data-role="confirm"]').is_visible()
    pick(page, quiz.questions[0].item.id, "A")  # f"0 of {N} answered" is no longer true
    assert page.locator('[data-role="confirm"]').is_hidden()
    assert page.locator('[data-action="check"]').is_visible()
    assert page.locator('[data-role="progress"]').inner_text() == f"1 of {N} questions answered"
    page.click('[data-action="check"]')
    assert page.locator('[data-role="confirm"] .confirm-text').inner_text().startswith(
        f"You have answered 1 of {N} questions. The {N - 1} left blank count as wrong.")


def test_a_graded_quiz_comes_back_graded_after_a_reload(site: Path,
                                                        visit: Callable[..., Visit]) -> None:
    quiz = built()
    page = visit(site / quiz.deck.id / "quiz.html", width=375, height=740).page
    page.wait_for_selector("html[data-ready]")
    answer(page, {q.item.id: q.answer.letter if q.number % 2  # the odd ones right
                  else next(o for o in q.options if not o.correct).letter
                  for q in quiz.questions})
    page.click('[data-action="check"]')
    score = page.locator('[data-role="score"]').inner_text()
    assert score == f"{(N + 1) // 2} / {N}"  # questions 1, 3, 5, …
    page.reload()
    page.wait_for_selector("html[data-ready]")
    expect(page.locator('[data-role="score"]')).to_have_text(score)  # restored, then graded
    assert page.locator(".feedback:visible").count() == N


def test_retry_the_missed_ones_keeps_the_right_answers(site: Path,
                                                       visit: Callable[..., Visit]) -> None:
    quiz = built()
    page = visit(site / quiz.deck.id / "quiz.html").page
    right, wrong = quiz.questions[:3], quiz.questions[3:5]
    for q in right:
        pick(page, q.item.id, q.answer.letter)
    for q in wrong:
        pick(page, q.item.id, next(o for o in q.options if not o.correct).letter)
    page.click('[data-action="check"]')
    confirm(page, f"You have answered 5 of {N} questions. The {N - 5} left blank count as wrong. "
                  "Check anyway?")
    assert page.locator('[data-role="score"]').inner_text() == f"3 / {N}"
    assert page.locator('[data-action="retry"]:visible, [data-action="retry-missed"]:visible'
                        ).count() == 2
    page.click('[data-action="retry-missed"]')
    assert checked(page) == {q.item.id: q.answer.letter for q in right}
    for q in right:  # kept, marked right, not to be changed
        box = page.locator(f'[data-item-id="{q.item.id}"]')
        assert box.get_attribute("data-state") == "correct"
        assert box.locator("input:disabled").count() == len(q.options)
    for q in quiz.questions[3:]:  # open again
        box = page.locator(f'[data-item-id="{q.item.id}"]')
        assert box.get_attribute("data-state") is None
        assert box.locator("input:enabled").count() == len(q.options)
    assert focused(page, "closest('[data-item-id]').dataset.itemId") == wrong[0].item.id
    assert page.locator('[data-role="result"]').is_hidden()
    answer(page, {q.item.id: q.answer.letter for q in quiz.questions[3:]})
    page.click('[data-action="check"]')  # nothing blank: no question asked
    assert page.locator('[data-role="score"]').inner_text() == f"{N} / {N}"
    assert page.locator('[data-action="retry-missed"]').is_hidden()
    assert page.locator(".verdict:visible").all_inner_texts() == ["Correct."] * N


def test_try_again_asks_and_cancel_keeps_everything(site: Path,
                                                    visit: Callable[..., Visit]) -> None:
    quiz = built()
    page = visit(site / quiz.deck.id / "quiz.html").page
    page.wait_for_selector("html[data-ready]")
    answer(page, {q.item.id: q.answer.letter for q in quiz.questions})
    page.click('[data-action="check"]')
    page.click('[data-action="retry"]')
    assert page.locator('[data-role="confirm"] .confirm-text').inner_text() == (
        "Start again? This clears all your answers and reshuffles the questions.")
    assert page.locator('[data-action="retry"]').is_hidden()  # the bar shows the question
    page.keyboard.press("Escape")
    assert page.locator('[data-role="confirm"]').is_hidden()
    assert page.locator('[data-role="score"]').inner_text() == f"{N} / {N}"
    assert len(checked(page)) == N
    assert focused(page) == "retry"


# The keyboard ---------------------------------------------------------------------------

@pytest.mark.parametrize("width", [1366, 375])
def test_from_the_top_the_skip_link_reaches_check_answers_in_two_tabs(
        site: Path, visit: Callable[..., Visit], width: int) -> None:
    page = visit(site / "iran-pakistan-2024" / "quiz.html", width=width, height=740).page
    page.wait_for_selector("html[data-ready]")
    page.keyboard.press("Tab")
    skip = page.locator('[data-action="skip"]')
    assert focused(page) == "skip"
    assert skip.is_visible() and skip.inner_text() == "Skip to “Check answers”"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert focused(page) == "check"
    page.keyboard.press("Enter")
    assert focused(page) == "confirm"  # 0 of 60 answered: it asks


def test_after_grading_tab_reads_every_question_s_feedback_in_order(
        site: Path, visit: Callable[..., Visit]) -> None:
    quiz = built()
    page = visit(site / quiz.deck.id / "quiz.html").page
    page.wait_for_selector("html[data-ready]")
    answer(page, {q.item.id: q.options[0].letter for q in quiz.questions[::2]})
    page.click('[data-action="check"]')
    confirm(page)
    assert focused(page, "id") == "result-title"
    headline = fold_text(quiz.deck.source.headline)
    expected = [stop for q in quiz.questions for stop in (
        [q.item.id, "group", f"Feedback on question {q.number}"],
        # a quote of the headline has no paragraph to link to
        *([] if fold_text(q.item.evidence) in headline else [
            [q.item.id, "evidence-link", None]]))]
    seen = []
    for _ in expected:
        page.keyboard.press("Tab")
        stop = page.evaluate("(() => { const a = document.activeElement;"
                             " return [a.closest('[data-item-id]').dataset.itemId,"
                             " a.getAttribute('role') || a.dataset.role,"
                             " a.getAttribute('aria-label')]; })()")
        seen.append(stop)
    assert seen == expected
    page.keyboard.press("Tab")
    assert focused(page) == "retry-missed"


# The projector --------------------------------------------------------------------------

def test_present_mode_fills_a_projector_with_one_question_at_a_time(
        tmp_path: Path, visit: Callable[..., Visit]) -> None:
    quiz = bundled()
    page = visit(written(tmp_path, "present"), width=1920, height=1080).page
    page.wait_for_selector("html[data-ready]")
    slides = page.locator(".slide")
    assert slides.evaluate_all("ss => ss.map(s => s.dataset.itemId)") == [
        q.item.id for q in quiz.questions]

    def shown() -> list[str]:
        return [s for s in page.locator(".slide:visible").evaluate_all(
            "ss => ss.map(s => s.dataset.itemId)")]

    assert shown() == [quiz.questions[0].item.id]
    box = page.locator(".slide:visible").bounding_box()
    assert box is not None and box["width"] == 1920 and box["height"] >= 0.85 * 1080
    prompt_size = page.locator(".slide:visible .slide-prompt").evaluate(
        "p => parseFloat(getComputedStyle(p).fontSize)")
    assert prompt_size >= 40  # large type, read from the back of the room
    assert page.evaluate("document.documentElement.scrollHeight") <= 1080
    counter = page.locator('[data-role="counter"]')
    assert counter.inner_text() == f"1 / {N}"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert shown() == [quiz.questions[2].item.id] and counter.inner_text() == f"3 / {N}"
    page.keyboard.press("ArrowLeft")
    assert shown() == [quiz.questions[1].item.id] and counter.inner_text() == f"2 / {N}"
    q = quiz.questions[1]
    slide = page.locator(".slide:visible")
    assert slide.locator(".answer-line").is_hidden()
    assert slide.locator(".why:visible").count() == 0
    page.keyboard.press("r")
    assert slide.locator(".answer-line").inner_text() == (
        f"The answer is {q.answer.letter}: {q.answer.text}")
    assert slide.locator(".explanation").inner_text() == q.item.explanation
    assert slide.locator("blockquote").inner_text() == q.item.evidence
    assert slide.locator(".why:visible").all_inner_texts() == [o.why for o in q.options
                                                                if not o.correct]
    assert slide.locator(".is-answer .option-text").inner_text() == q.answer.text
    assert page.locator('[data-action="reveal"]').get_attribute("aria-pressed") == "true"
    numbers = evidence_paragraphs(paragraphs(quiz.deck.article_text), q.item.evidence)
    page.keyboard.press("p")
    assert slide.locator("[data-paragraph]:visible").evaluate_all(
        "ps => ps.map(p => Number(p.dataset.paragraph))") == numbers
    assert page.evaluate("document.documentElement.scrollHeight") <= 1080
    # The buttons do what the keys do.
    page.click('[data-action="next"]')
    assert shown() == [quiz.questions[2].item.id]
    assert page.locator(".slide:visible .answer-line").is_hidden()
    page.click('[data-action="reveal"]')
    assert page.locator(".slide:visible .answer-line").is_visible()
    page.click('[data-action="prev"]')
    assert counter.inner_text() == f"2 / {N}"
    page.keyboard.press("End")
    assert counter.inner_text() == f"{N} / {N}"
    assert page.locator('[data-action="next"]').is_disabled()
    page.keyboard.press("Home")
    assert counter.inner_text() == f"1 / {N}"
    assert page.locator('[data-action="prev"]').is_disabled()


def test_present_mode_keeps_its_place_on_reload(tmp_path: Path,
                                                visit: Callable[..., Visit]) -> None:
    quiz = bundled()
    page = visit(written(tmp_path, "present"), width=1366, height=768).page
    page.wait_for_selector("html[data-ready]")
    for _ in range(4):
        page.keyboard.press("PageDown")
    page.reload()
    page.wait_for_selector("html[data-ready]")
    assert page.locator('[data-role="counter"]').inner_text() == f"5 / {N}"
    assert page.locator(".slide:visible").get_attribute("data-item-id") == (
        quiz.questions[4].item.id)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_serious_in_present_mode_or_the_article(
        tmp_path: Path, site: Path, visit: Callable[..., Visit], scheme: str) -> None:
    page = visit(written(tmp_path, "present"), width=1920, height=1080,
                 color_scheme=scheme).page
    page.wait_for_selector("html[data-ready]")
    page.keyboard.press("r")
    page.keyboard.press("p")
    assert serious(page) == []
    quiz = visit(site / "iran-pakistan-2024" / "quiz.html", width=375, height=740,
                 color_scheme=scheme).page
    quiz.wait_for_selector("html[data-ready]")
    quiz.click('[data-action="check"]')
    assert serious(quiz) == []  # with the inline question asked
    confirm(quiz)
    quiz.locator('[data-role="evidence-link"]').first.click()
    assert serious(quiz) == []
