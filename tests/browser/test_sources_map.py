"""The sourcing map in headless Chromium: every attribution marked, reachable, announced."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from quizgen.sources.map import render_map

from .conftest import BUNDLED, FIXTURES, Visit
from .test_sheets_and_access import serious

SOURCES = FIXTURES / "sources"
CASES = {
    "dam": (SOURCES / "dam" / "analysis.json", SOURCES / "dam" / "article.txt"),
    "bundled": (SOURCES / "iran-pakistan-2024.json", BUNDLED.parent / "article.txt"),
}
# Each content piece's text without its badge, its source and its attribution number.
PIECES = """els => els.map(el => {
  const copy = el.cloneNode(true);
  copy.querySelectorAll('.badge').forEach(b => b.remove());
  return {text: copy.textContent, source: el.dataset.sourceId,
          attribution: Number(el.dataset.attribution), label: el.getAttribute('aria-label'),
          badge: (el.querySelector(':scope > .badge') || {}).textContent || null};
})"""


def analysis_of(case: str) -> tuple[dict[str, Any], str]:
    analysis_path, article = CASES[case]
    with open(article, encoding="utf-8", newline="") as file:
        text = file.read()
    return json.loads(analysis_path.read_text(encoding="utf-8")), text


def map_page(tmp_path: Path, case: str) -> Path:
    analysis, text = analysis_of(case)
    path = tmp_path / f"{case}-map.html"
    path.write_text(render_map(analysis, text), encoding="utf-8")
    return path


@pytest.mark.parametrize("case", CASES)
def test_every_attribution_is_marked_with_its_source(tmp_path: Path,
                                                     visit: Callable[..., Visit],
                                                     case: str) -> None:
    analysis, _ = analysis_of(case)
    page = visit(map_page(tmp_path, case)).page
    pieces = page.locator('[data-role="article"] [data-mark="content"]').evaluate_all(PIECES)
    numbers = {s["id"]: n for n, s in enumerate(analysis["sources"], start=1)}
    for n, attribution in enumerate(analysis["attributions"], start=1):
        mine = [p for p in pieces if p["attribution"] == n]
        # A quote over several paragraphs is one piece per paragraph: joined, they are it.
        assert "".join(p["text"] for p in mine) == attribution["content"]["text"].replace(
            "\n", ""), n
        assert {p["source"] for p in mine} == {attribution["source"]}
        assert mine[0]["badge"] == str(numbers[attribution["source"]])
        source = analysis["sources"][numbers[attribution["source"]] - 1]
        # The label names the source: its number, and its name or description.
        assert f"from source {numbers[source['id']]}, " in mine[0]["label"]
        assert (source["name"] or source["description"][1:]) in mine[0]["label"]
        assert mine[0]["label"].startswith("Quotation" if attribution["direct"]
                                           else "Paraphrase")
    paragraphs = page.locator('[data-role="article"] [data-paragraph]')
    assert paragraphs.count() == len(analysis["paragraphs"])
    assert paragraphs.evaluate_all("ps => ps.map(p => p.dataset.paragraph)") == [
        str(n) for n in range(1, len(analysis["paragraphs"]) + 1)]
    rows = page.locator('[data-role="sources"] tbody tr')
    assert rows.evaluate_all("rs => rs.map(r => r.dataset.source)") == [
        s["id"] for s in analysis["sources"]]


@pytest.mark.parametrize("case", CASES)
def test_tab_reaches_every_marked_passage_in_reading_order(tmp_path: Path,
                                                           visit: Callable[..., Visit],
                                                           case: str) -> None:
    page = visit(map_page(tmp_path, case)).page
    marked = page.locator('[data-role="article"] [tabindex="0"]')
    expected = marked.evaluate_all(
        "els => els.map(e => e.dataset.mark + ':' + e.getAttribute('aria-label'))")
    analysis, _ = analysis_of(case)
    assert len(expected) >= len(analysis["attributions"]) + len(analysis["hedges"])
    reached = []
    for _ in range(len(expected) + 1):
        page.keyboard.press("Tab")
        focused = page.evaluate("(() => { const e = document.activeElement;"
                                " return e && e.dataset.mark ? e.dataset.mark + ':' +"
                                " e.getAttribute('aria-label') : null; })()")
        if focused is not None:
            reached.append(focused)
    assert reached == expected


def test_the_map_requests_nothing(tmp_path: Path, visit: Callable[..., Visit]) -> None:
    path = map_page(tmp_path, "bundled")
    record = visit(path)
    record.page.wait_for_load_state("load")
    assert record.requests == [path.as_uri()]


@pytest.mark.parametrize("width", [375, 1920])
def test_the_map_fits_a_phone_and_a_projector(tmp_path: Path, visit: Callable[..., Visit],
                                              width: int) -> None:
    page = visit(map_page(tmp_path, "bundled"), width=width, height=900).page
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # On a phone the table turns into one card per source, each field labelled.
    cell = page.locator('[data-role="sources"] tr[data-source="s9"] td[data-label="Anonymous"]')
    label = cell.evaluate("td => getComputedStyle(td, '::before').content")
    assert label == ('"Anonymous: "' if width == 375 else "none")
    assert cell.inner_text().endswith("Yes: due to sensitivity of the matter")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("case", CASES)
def test_axe_finds_nothing_serious_on_the_map(tmp_path: Path, visit: Callable[..., Visit],
                                              case: str, scheme: str) -> None:
    page = visit(map_page(tmp_path, case), color_scheme=scheme).page
    assert serious(page) == []


def test_highlighting_one_source_leaves_only_its_marks(tmp_path: Path,
                                                      visit: Callable[..., Visit]) -> None:
    page = visit(map_page(tmp_path, "bundled")).page
    article = page.locator('[data-role="article"]')
    shown = """els => els.map(el => getComputedStyle(el).backgroundColor !== 'rgba(0, 0, 0, 0)'
               && getComputedStyle(el.querySelector('.badge') || el).display !== 'none')"""
    official = article.locator('[data-mark="content"][data-source-id="s9"]')
    insider = article.locator('[data-mark="content"][data-source-id="s8"]')
    assert official.evaluate_all(shown) == [True] * 3
    assert insider.evaluate_all(shown) == [True] * 3
    page.get_by_role("radio", name="A senior Iranian security official").check()
    assert official.evaluate_all(shown) == [True] * 3
    assert insider.evaluate_all(shown) == [False] * 3
    assert insider.first.evaluate("el => getComputedStyle(el).color") == official.first.evaluate(
        "el => getComputedStyle(el).color")  # dimmed marks keep the text's full contrast
    assert serious(page) == []
    page.get_by_role("radio", name="all sources").check()
    assert insider.evaluate_all(shown) == [True] * 3
