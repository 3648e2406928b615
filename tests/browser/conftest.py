"""Real headless Chromium for the page tests: one browser per session, a fresh page per test.

Debian's chromium is driven through the playwright package; no browser is downloaded. When
it is missing the tests fail (never skip), so CI cannot pass without having run them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import pytest

from quizgen.builder import build

if TYPE_CHECKING:  # playwright is imported in the fixture, which fails clearly without it
    from playwright.sync_api import Browser, Dialog, Page

    from quizgen.model import Deck

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
FIXTURES = Path(__file__).parent.parent / "fixtures"
ROOT = Path(__file__).parent.parent.parent
BUNDLED = ROOT / "decks" / "iran-pakistan-2024" / "deck.yaml"


def _count_items() -> int:
    from quizgen.validation import load_checked

    return len(load_checked(BUNDLED)[0].items)


#: How many questions the bundled deck asks: the tests follow the deck's revisions.
BUNDLED_ITEMS = _count_items()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Give headless Chromium, or fail saying how to install it."""
    if not Path(CHROMIUM).is_file() or not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: the browser tests need Debian's chromium. "
                    "Install it with the README's test command "
                    "(sudo apt-get install -y chromium), then run pytest again.",
                    pytrace=False)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as err:
        pytest.fail(f"the playwright package is missing ({err}); install the test extras "
                    "with the README's test command", pytrace=False)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Give a build (seed 1) of the mini, hostile and bundled decks."""
    out = tmp_path_factory.mktemp("site")
    # A build brings each deck's anki-lock.json up to date: build copies, not the repo's decks.
    copies = tmp_path_factory.mktemp("decks")
    for folder in (FIXTURES / "mini", FIXTURES / "hostile", BUNDLED.parent):
        shutil.copytree(folder, copies / folder.name)
    build([copies / "mini", copies / "hostile", copies / BUNDLED.parent.name], out)
    return out


#: Where a build puts each page of a deck: the students' beside the quiz, the teacher's
#: (version 1 of the printed ones) under teacher/.
TEACHER_PAGES = {"worksheet.html": "worksheet-v1.html", "answer-key.html": "answer-key-v1.html"}


def page_path(site: Path, deck_id: str, page_name: str) -> Path:
    """Give the file a build wrote for a deck's page (a sheet: its version 1)."""
    if page_name in TEACHER_PAGES:
        return site / "teacher" / deck_id / TEACHER_PAGES[page_name]
    return site / deck_id / page_name


def built_quiz_seed(deck: Deck) -> int:
    """Give the seed a default build gives a deck's quiz (one no printed version shares)."""
    from quizgen.builder import Plan, quiz_seed
    from quizgen.quiz import arrange

    plan = Plan()
    return quiz_seed(deck, plan, [arrange(deck, seed) for seed in plan.printed_seeds()])


@dataclass
class Visit:
    """A page with everything it did recorded: requests, dialogs, errors."""

    page: Page
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture
def visit(browser: Browser) -> Iterator[Callable[..., Visit]]:
    """Give a function opening a file in a fresh browser context, recording what it does."""
    contexts = []
    visits: list[Visit] = []

    def open_page(path: Path, width: int = 1280, height: int = 900,
                  color_scheme: Literal["light", "dark"] = "light") -> Visit:
        context = browser.new_context(
            viewport={"width": width, "height": height}, color_scheme=color_scheme,
            service_workers="block")
        contexts.append(context)
        page = context.new_page()
        record = Visit(page)
        page.on("request", lambda request: record.requests.append(request.url))
        page.on("pageerror", lambda error: record.errors.append(str(error)))
        page.on("console", lambda message: record.errors.append(message.text)
                if message.type == "error" else None)

        def on_dialog(dialog: Dialog) -> None:
            record.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.goto(path.as_uri())
        visits.append(record)
        return record

    yield open_page
    for context in contexts:
        context.close()
    for record in visits:
        assert record.errors == [], f"the page reported errors: {record.errors}"
