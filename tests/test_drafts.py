"""The review workflow: items marked status: draft are reported, previewed, never shipped."""

from __future__ import annotations

import json
import re
import sqlite3
import zipfile
from collections.abc import Callable
from pathlib import Path

from conftest import run

DRAFT_LINE = "    tags: [numbers]\n"  # the fact-repair-weeks item's last field but one


def ids_in(page: str) -> list[str]:
    return sorted(re.findall(r'data-item-id="([^"]+)"', page))


def draft_one(edit_deck: Callable[[str, str], Path]) -> Path:
    """Mark the mini deck's fact-repair-weeks item as a draft; give the deck folder."""
    return edit_deck(DRAFT_LINE, DRAFT_LINE + "    status: draft\n").parent


def test_validate_reports_each_draft_as_a_warning_and_strict_fails(
        edit_deck: Callable[[str, str], Path]) -> None:
    deck = draft_one(edit_deck)
    code, out, _ = run("validate", str(deck))
    assert code == 0
    assert out.splitlines() == [
        f"{deck / 'deck.yaml'}:51, item 'fact-repair-weeks', field 'status': warning: not "
        "reviewed: written by quizgen draft; check it against the article, then delete its "
        "status line",
        f"{deck / 'deck.yaml'}: 4 items, 0 errors, 1 warning: valid"]
    assert run("validate", str(deck), "--strict")[0] == 1


def test_a_status_other_than_draft_is_an_error(edit_deck: Callable[[str, str], Path]) -> None:
    deck = edit_deck(DRAFT_LINE, DRAFT_LINE + "    status: reviewed\n").parent
    code, out, _ = run("validate", str(deck))
    assert code == 1
    assert out.splitlines()[0] == (
        f"{deck / 'deck.yaml'}:51, item 'fact-repair-weeks', field 'status': is 'reviewed'; "
        "the only status is 'draft' (delete the line to accept a drafted item)")


def test_html_and_export_leave_drafts_out_unless_asked(
        edit_deck: Callable[[str, str], Path]) -> None:
    deck = draft_one(edit_deck)
    code, page, err = run("html", str(deck), "-o", "-")
    assert (code, err) == (0, "")  # a draft left out is no problem to report
    assert ids_in(page) == ["claim-temporary", "hedging-not-reached", "who-said-bridge-unsafe"]
    code, page, _ = run("html", str(deck), "-o", "-", "--include-drafts")
    assert code == 0
    assert "fact-repair-weeks" in ids_in(page)
    code, out, _ = run("export", str(deck))
    assert [i["id"] for i in json.loads(out)["items"]] == [
        "who-said-bridge-unsafe", "hedging-not-reached", "claim-temporary"]
    code, out, _ = run("export", str(deck), "--include-drafts")
    items = {i["id"]: i for i in json.loads(out)["items"]}
    assert items["fact-repair-weeks"]["status"] == "draft"
    assert "status" not in items["claim-temporary"]


def test_anki_never_puts_a_draft_in_the_package_or_the_lock(
        edit_deck: Callable[[str, str], Path], tmp_path: Path) -> None:
    deck = draft_one(edit_deck)
    code, _, _ = run("anki", str(deck), "-o", str(tmp_path / "m.apkg"))
    assert code == 0
    lock = json.loads((deck / "anki-lock.json").read_text(encoding="utf-8"))
    assert sorted(lock["items"]) == ["claim-temporary", "hedging-not-reached",
                                     "who-said-bridge-unsafe"]
    with zipfile.ZipFile(tmp_path / "m.apkg") as archive:
        (tmp_path / "c.db").write_bytes(archive.read("collection.anki2"))
    conn = sqlite3.connect(tmp_path / "c.db")
    fields = [row[0] for row in conn.execute("select flds from notes")]
    conn.close()
    assert len(fields) == 3
    assert not any("fact-repair-weeks" in f for f in fields)


def test_build_skips_a_deck_with_no_reviewed_item_and_says_so(
        edit_deck: Callable[[str, str], Path], tmp_path: Path) -> None:
    path = edit_deck("    tags: [hedge]\n", "    tags: [hedge]\n    status: draft\n")
    deck = path.parent
    text = path.read_text(encoding="utf-8")
    for field in ("    tags: [quote, named-source]\n", DRAFT_LINE, "    tags: [claim, mayor]\n"):
        assert text.count(field) == 1, field
        text = text.replace(field, field + "    status: draft\n")
    path.write_text(text, encoding="utf-8")
    code, out, err = run("build", str(deck), "-o", str(tmp_path / "site"))
    assert code == 0
    assert f"{path}: warning: skipped: every item is still a draft; review them first " \
           "(delete each item's status: draft line)" in err.splitlines()
    assert out.splitlines() == [str(tmp_path / "site" / "index.html"),
                                str(tmp_path / "site" / "teacher" / "index.html")]
    code, _, err = run("anki", str(deck), "-o", str(tmp_path / "m.apkg"))
    assert (code, err.strip()) == (1, f"Error: {path}: every item is still a draft; review "
                                      "them first (delete each item's status: draft line)")


def test_a_placeholder_left_by_draft_is_a_warning(edit_deck: Callable[[str, str], Path]) -> None:
    path = edit_deck("  outlet: Example News\n", '  outlet: "TODO: outlet"\n')
    code, out, _ = run("validate", str(path.parent))
    assert code == 0
    assert out.splitlines() == [
        f"{path}, field 'source.outlet': warning: is the placeholder 'TODO: outlet' that "
        "quizgen draft left; fill it in from the article's page",
        f"{path}: 4 items, 0 errors, 1 warning: valid"]
