"""Worksheet and key agree as printed; axe finds nothing serious on any page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from click.testing import CliRunner

from quizgen.builder import build

if TYPE_CHECKING:
    from playwright.sync_api import Page

from .conftest import BUNDLED, FIXTURES, Visit, page_path


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
        " answer: li.querySelector('.is-answer .text').textContent,"
        " marked: Array.from(li.querySelectorAll('.choices li'), o => o.textContent)}))")
    return rows


@pytest.mark.parametrize("seed", [1, 2])
def test_worksheet_and_key_of_one_seed_agree_letter_for_letter(
        tmp_path: Path, visit: Callable[..., Visit], seed: int) -> None:
    from quizgen.validation import load_checked

    deck, _ = load_checked(BUNDLED)
    answers = {item.id: item.answer for item in deck.items}
    build([BUNDLED], tmp_path, seed=seed, versions=1)
    teacher = tmp_path / "teacher" / deck.id
    sheet = worksheet_rows(visit(teacher / f"worksheet-v{seed}.html").page)
    key_page = visit(teacher / f"answer-key-v{seed}.html").page
    key = key_rows(key_page)
    assert len(sheet) == len(key) == len(deck.items)
    glance = key_page.locator(".quick li").all_inner_texts()
    for n, (row, answer) in enumerate(zip(sheet, key, strict=True), start=1):
        assert row["id"] == answer["id"]
        assert row["number"] == answer["number"] == f"{n}."
        assert row["options"][answer["letter"]] == answers[row["id"]]
        assert answer["answer"] == answers[row["id"]]
        # The key lists the sheet's options in the sheet's order, the answer marked.
        item = next(i for i in deck.items if i.id == row["id"])
        whys = {d.text: d.why for d in item.distractors}
        assert answer["marked"] == [
            f"{letter} {text} ✓ answer" if letter == answer["letter"]
            else f"{letter} {text} — {whys[text]}" for letter, text in row["options"].items()]
        assert glance[n - 1].split() == [f"{n}.", answer["letter"]]
    assert key_page.locator(".kicker").inner_text() == f"Answer key — Version {seed}"
    assert key_page.locator('[data-role="built-with"]').inner_text() == f"--seed {seed}"


def test_two_versions_print_different_sheets(site: Path, visit: Callable[..., Visit]) -> None:
    teacher = site / "teacher" / "iran-pakistan-2024"
    one = worksheet_rows(visit(teacher / "worksheet-v1.html").page)
    two = worksheet_rows(visit(teacher / "worksheet-v2.html").page)
    assert [r["id"] for r in one] != [r["id"] for r in two]
    assert sorted(r["id"] for r in one) == sorted(r["id"] for r in two)


def test_worksheet_never_splits_a_question_across_pages(site: Path,
                                                        visit: Callable[..., Visit]) -> None:
    page = visit(page_path(site, "iran-pakistan-2024", "worksheet.html")).page
    page.emulate_media(media="print")
    assert page.locator(".sheet > li").evaluate_all(
        "lis => lis.every(li => getComputedStyle(li).breakInside === 'avoid')")
    assert page.locator("button, script").count() == 0
    assert page.get_by_text("Name:").is_visible()


def pdf_pages(page: Page, path: Path) -> list[str]:
    """Print the page to an A4 PDF as Chromium prints it; give each page's text."""
    import shutil
    import subprocess

    if shutil.which("pdftotext") is None:  # fail, never skip: CI must read the pages
        pytest.fail("pdftotext is missing: install Debian's poppler-utils with the README's "
                    "test command, then run pytest again", pytrace=False)
    page.pdf(path=str(path), format="A4")
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    return text.split("\f")[:-1]


def test_every_printed_worksheet_page_says_whose_and_which_version(
        tmp_path: Path, visit: Callable[..., Visit]) -> None:
    # Built as the teacher in the user test did; students see "Version 2", never the flags.
    from quizgen.cli import cli

    out = tmp_path / "ws.html"
    result = CliRunner().invoke(cli, ["html", str(BUNDLED), "--mode", "worksheet", "--seed",
                                      "2", "--kind", "who-said", "--kind", "hedging",
                                      "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = visit(out).page
    assert page.locator(".kicker").inner_text() == "Worksheet · Version 2"
    code = page.locator('[data-role="version-code"]').inner_text()
    pages = pdf_pages(page, tmp_path / "ws.pdf")
    assert len(pages) >= 2
    title = "Iran and Pakistan trade strikes (January 2024)"
    for number, text in enumerate(pages, start=1):
        lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
        assert lines[-1].startswith(title), lines[-1]
        assert lines[-1].endswith(f"Version 2 · {code} · page {number} of {len(pages)}"), (
            lines[-1])
        assert "--kind" not in text
        if number > 1:  # a loose page still has room for the student's name
            assert lines[0].startswith("Name: ___"), lines[0]
    assert pages[0].count("Name:") == 1


def test_every_printed_key_page_says_which_version_and_the_key_stays_short(
        site: Path, tmp_path: Path, visit: Callable[..., Visit]) -> None:
    page = visit(page_path(site, "iran-pakistan-2024", "answer-key.html")).page
    code = page.locator('[data-role="version-code"]').inner_text()
    pages = pdf_pages(page, tmp_path / "key.pdf")
    # 15 A4 pages before every option and its why were listed; the source line under each
    # quote went, and a question may break between its parts.
    assert len(pages) <= 17
    for number, text in enumerate(pages, start=1):
        last = text.strip().splitlines()[-1].strip()
        assert last.endswith(f"Answer key · Version 1 · {code} · page {number} of {len(pages)}"), (
            last)


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
    # Let the bars finish growing.
    page.wait_for_function("document.getAnimations().every(a => a.playState === 'finished')")
    assert serious(page) == []


@pytest.mark.parametrize("deck_id, page_name", [
    ("iran-pakistan-2024", "worksheet.html"),
    ("iran-pakistan-2024", "answer-key.html"),
    ("hostile", "worksheet.html"),
    ("iran-pakistan-2024", "article.html"),
    (".", "index.html"),
    ("teacher", "index.html"),
])
def test_axe_finds_nothing_serious_on_the_sheets(site: Path, visit: Callable[..., Visit],
                                                 deck_id: str, page_name: str) -> None:
    assert serious(visit(page_path(site, deck_id, page_name)).page) == []


def test_hostile_fixture_is_a_valid_deck() -> None:
    from quizgen.validation import load_checked

    deck, warnings = load_checked(FIXTURES / "hostile" / "deck.yaml", strict=True)
    assert (len(deck.items), warnings) == (2, [])
