"""Benchmark the HTML outputs against their budgets; prints the figures the README quotes.

    python benchmarks/bench_html.py [--runs N]

1. the size of a 200-question quiz page (a synthetic deck: the bundled deck's items, cycled
   under new ids, so the texts have real lengths); budget 400 KB;
2. how soon that page is usable in headless Chromium: from navigation start to the moment
   its script has enabled the "Check answers" button (``window.quizgenReadyAt``, read from
   ``performance.now()``); budget 300 ms;
3. the wall time of ``quizgen build`` of the bundled deck as a whole process; budget 1 s;
4. how many A4 pages the bundled deck's worksheet and answer key print to (Chromium's own
   print to PDF); the key lists every option with why it is wrong, so it is watched:
   budget 17 pages.

Medians of several runs. Exits 1 when a figure is over its budget.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from quizgen.deckfile import deck_file
from quizgen.decks import discover_decks
from quizgen.outputs.pages import render_page as render_html
from quizgen.quiz import arrange
from quizgen.resources import bundled_decks_dir
from quizgen.validation import load_checked

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SIZE_BUDGET = 400 * 1024
READY_BUDGET_MS = 300.0
BUILD_BUDGET_S = 1.0
KEY_PAGES_BUDGET = 17


def bundled_deck() -> Path:
    found = sorted(bundled_decks_dir().glob("*/deck.yaml")) or discover_decks()
    if not found:
        sys.exit("no bundled deck found")
    return found[0]


def synthetic_deck(source: Path, folder: Path, size: int = 200) -> Path:
    """Write a deck of `size` items cycling the source deck's items; give its deck.yaml."""
    deck, _ = load_checked(source)
    items = []
    for n in range(size):
        item = deck.items[n % len(deck.items)].content()
        item["id"] = f"{item['id']}-{n}"
        item["difficulty"] = str(item["difficulty"])
        items.append(item)
    data = deck.to_dict()
    data["id"], data["title"], data["items"] = "synthetic-200", f"{size} questions", items
    shutil.copy(deck_file(source).parent / deck.source.article, folder / deck.source.article)
    path = folder / "deck.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def time_to_usable(page_path: Path, runs: int) -> list[float]:
    from playwright.sync_api import sync_playwright

    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for _ in range(runs + 1):
            page = browser.new_page()
            page.goto(page_path.as_uri(), wait_until="commit")
            page.wait_for_selector("html[data-ready]", state="attached")
            times.append(float(page.evaluate("window.quizgenReadyAt")))
            page.close()
        browser.close()
    return times[1:]  # the first run warms the browser up


def printed_pages(pages: dict[str, str]) -> dict[str, int]:
    """Give how many A4 pages each rendered page prints to in Chromium."""
    from playwright.sync_api import sync_playwright

    counts = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for name, html in pages.items():
            path = Path(tmp) / f"{name}.html"
            path.write_text(html, encoding="utf-8")
            page = browser.new_page()
            page.goto(path.as_uri())
            pdf = page.pdf(format="A4")
            counts[name] = len(re.findall(rb"/Type\s*/Page\b", pdf))
            page.close()
        browser.close()
    return counts


def build_times(deck: Path, runs: int) -> list[float]:
    times = []
    with tempfile.TemporaryDirectory() as out:
        for _ in range(runs):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "quizgen", "build", str(deck), "-o", out],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times.append(time.perf_counter() - started)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per timing (default 7)")
    runs = parser.parse_args().runs
    source = bundled_deck()
    over = False
    with tempfile.TemporaryDirectory() as tmp:
        deck_path = synthetic_deck(source, Path(tmp))
        deck, _ = load_checked(deck_path)
        page = render_html(arrange(deck, 1), "quiz")
        page_path = Path(tmp) / "quiz.html"
        page_path.write_text(page, encoding="utf-8")
        size = len(page.encode("utf-8"))
        over |= size > SIZE_BUDGET
        print(f"200-question quiz page: {size / 1024:.0f} KB "
              f"(budget {SIZE_BUDGET // 1024} KB, {size / len(deck.items):.0f} bytes a question)")
        ready = time_to_usable(page_path, runs)
        median = statistics.median(ready)
        over |= median > READY_BUDGET_MS
        print(f"usable after navigation start: median {median:.0f} ms, "
              f"max {max(ready):.0f} ms over {runs} loads (budget {READY_BUDGET_MS:.0f} ms)")
    built = build_times(source, runs)
    median = statistics.median(built)
    over |= median > BUILD_BUDGET_S
    print(f"quizgen build {source.parent.name} (whole process): median {median * 1000:.0f} ms, "
          f"max {max(built) * 1000:.0f} ms over {runs} runs (budget {BUILD_BUDGET_S:.0f} s)")
    bundled, _ = load_checked(source)
    quiz = arrange(bundled, 1)
    printed = printed_pages({mode: render_html(quiz, mode) for mode in ("worksheet", "key")})
    over |= printed["key"] > KEY_PAGES_BUDGET
    print(f"{source.parent.name} printed on A4: worksheet {printed['worksheet']} pages, "
          f"answer key {printed['key']} pages (budget {KEY_PAGES_BUDGET})")
    print("over budget" if over else "all within budget")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
