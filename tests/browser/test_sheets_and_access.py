"""Worksheet and key agree as printed; axe finds nothing serious on any page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from quizgen.build import build

if TYPE_CHECKING:
    from playwright.sync_api import Page

from .conftest import BUNDLED, FIXTURES, Visit


def worksheet_rows(page: Page) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = page.locator(".sheet > li").evaluate_all(
        "lis => lis.map(li => ({id: li.dataset.itemId,"
        " number: li.querySelector('.num').textContent,"
        " options: Object.fromEntries(Array.from(li.querySelectorAll('.choices li'),"
        "   o => [o.querySelector('.letter').textContent, o.lastElementChild.textContent]))}))")
    return rows


def key_rows(page: Page) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = page.locator(".key-item").evaluate_all(
        "lis => lis.map(li => ({id: li.dataset.itemId,"
        " number: li.querySelector('.num').textContent,"
        " letter: li.querySelector('[data-role=letter]').textContent,"
        " answer: li.querySelector('h3').textContent}))")
    return rows


@pytest.mark.parametrize("seed", [1, 2])
def test_worksheet_and_key_of_one_seed_agree_letter_for_letter(
        tmp_path: Path, visit: Callable[..., Visit], seed: int) -> None:
    from quizgen.validate import load_checked

    deck, _ = load_checked(BUNDLED)
    answers = {item.id: item.answer for item in deck.items}
    build([BUNDLED], tmp_path, seed=seed)
    sheet = worksheet_rows(visit(tmp_path / deck.id / "worksheet.html").page)
    key_page = visit(tmp_path / deck.id / "answer-key.html").page
    key = key_rows(key_page)
    assert len(sheet) == len(key) == len(deck.items)
    glance = key_page.locator(".quick li").all_inner_texts()
    for n, (row, answer) in enumerate(zip(sheet, key, strict=True), start=1):
        assert row["id"] == answer["id"]
        assert row["number"] == answer["number"] == f"{n}."
        assert row["options"][answer["letter"]] == answers[row["id"]]
        assert answer["answer"] == (f"{n}. {answer['letter']}: {answers[row['id']]} "
                                    f"({next(i.kind for i in deck.items if i.id == row['id'])})")
        assert glance[n - 1].split() == [f"{n}.", answer["letter"]]
    assert f"Version {seed}" in key_page.locator(".kicker").inner_text()


def test_two_seeds_print_different_sheets(tmp_path: Path, visit: Callable[..., Visit]) -> None:
    build([BUNDLED], tmp_path / "one", seed=1)
    build([BUNDLED], tmp_path / "two", seed=2)
    one = worksheet_rows(visit(tmp_path / "one" / "iran-pakistan-2024" / "worksheet.html").page)
    two = worksheet_rows(visit(tmp_path / "two" / "iran-pakistan-2024" / "worksheet.html").page)
    assert [r["id"] for r in one] != [r["id"] for r in two]
    assert sorted(r["id"] for r in one) == sorted(r["id"] for r in two)


def test_worksheet_never_splits_a_question_across_pages(site: Path,
                                                        visit: Callable[..., Visit]) -> None:
    page = visit(site / "iran-pakistan-2024" / "worksheet.html").page
    page.emulate_media(media="print")
    assert page.locator(".sheet > li").evaluate_all(
        "lis => lis.every(li => getComputedStyle(li).breakInside === 'avoid')")
    assert page.locator("button, script").count() == 0
    assert page.get_by_text("Name:").is_visible()


def serious(page: Page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]

    results = Axe().run(page)
    return [f"{v['id']} ({v['impact']}): {v['help']} at "
            f"{[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_serious_on_the_quiz(site: Path, visit: Callable[..., Visit],
                                               scheme: str) -> None:
    page = visit(site / "mini" / "quiz.html", color_scheme=scheme).page
    page.wait_for_selector("html[data-ready]")
    assert serious(page) == []
    labels = page.locator("[data-item-id]")
    for n in range(labels.count()):
        labels.nth(n).locator("label").nth(n % 2).click()
    page.click('[data-action="check"]')
    page.wait_for_timeout(500)  # let the bars finish growing
    assert serious(page) == []


@pytest.mark.parametrize("deck_id, page_name", [
    ("iran-pakistan-2024", "worksheet.html"),
    ("iran-pakistan-2024", "answer-key.html"),
    ("hostile", "worksheet.html"),
    (".", "index.html"),
])
def test_axe_finds_nothing_serious_on_the_sheets(site: Path, visit: Callable[..., Visit],
                                                 deck_id: str, page_name: str) -> None:
    assert serious(visit(site / deck_id / page_name).page) == []


def test_hostile_fixture_is_a_valid_deck() -> None:
    from quizgen.validate import load_checked

    deck, warnings = load_checked(FIXTURES / "hostile" / "deck.yaml", strict=True)
    assert (len(deck.items), warnings) == (2, [])
