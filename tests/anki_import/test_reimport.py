"""Import quizgen's .apkg into a real Anki collection, study, fix the bank, and re-import."""

from __future__ import annotations

import html
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import genanki
import pytest
from click.testing import CliRunner

from quizgen.cli import cli
from quizgen.outputs import anki
from quizgen.outputs.anki import notetypes as apkg
from quizgen.outputs.anki import write_apkg
from quizgen.outputs.anki.lock import LOCK_FILE
from quizgen.resources import templates_dir
from quizgen.validation import load_checked

from .conftest import Student, template_errors

pytestmark = pytest.mark.anki

# Build times a little in the past, as they would be for a deck built before class.
T0 = int(time.time()) - 7200
T1 = T0 + 3600
MINI_ITEMS = ("who-said-bridge-unsafe", "hedging-not-reached", "fact-repair-weeks",
              "claim-temporary")
SOURCE_LINE = "Example News, “Council closes the old bridge”, 2024-02-05"


def guid(item_id: str, *extra: str) -> str:
    return str(genanki.guid_for("quizgen", "mini", item_id, *extra))


ALL_GUIDS = {guid(i) for i in MINI_ITEMS}


def build(folder: Path, out: Path, now: int) -> Path:
    deck, _ = load_checked(folder / "deck.yaml")
    write_apkg(deck, out, lock_path=folder / LOCK_FILE, now=now)
    return out


def mcq_card(student: Student, item_id: str) -> int:
    note = student.note_by_guid(guid(item_id))
    (card_id,) = note.card_ids()
    return int(card_id)


def test_first_import_gives_one_note_per_item(
    mini_deck: Path, tmp_path: Path, new_student: Callable[[], Student]
) -> None:
    student = new_student()
    log = student.import_apkg(build(mini_deck, tmp_path / "mini.apkg", T0))

    assert student.guids(log.new) == ALL_GUIDS
    assert (len(log.updated), len(log.duplicate), len(log.conflicting)) == (0, 0, 0)
    assert student.note_count() == len(MINI_ITEMS)
    col = student.col
    assert len(col.find_notes('"note:quizgen MCQ"')) == len(MINI_ITEMS) - 1
    assert len(col.find_notes('"note:quizgen Recall"')) == 1  # the who-said item
    assert sorted(col.decks.all_names()) == ["Default", "Media literacy",
                                             "Media literacy::A small deck for tests"]
    note = student.note_by_guid(guid("who-said-bridge-unsafe"))
    assert sorted(note.tags) == ["deck::mini", "kind::who-said", "named-source", "quizgen",
                                 "quote"]
    assert note.mod == T0


def test_every_card_renders_with_evidence_and_source_on_the_back(
    mini_deck: Path, tmp_path: Path, new_student: Callable[[], Student]
) -> None:
    student = new_student()
    student.import_apkg(build(mini_deck, tmp_path / "mini.apkg", T0))
    cards = student.rendered()

    assert len(cards) == len(MINI_ITEMS)
    for question, answer in cards.values():
        assert template_errors(question) == []
        assert template_errors(answer) == []
        assert html.escape(SOURCE_LINE, quote=False) in answer
    question, answer = cards[mcq_card(student, "fact-repair-weeks")]
    for option in ("about two weeks", "about six months", "about ten weeks", "about six weeks"):
        assert option in question
    assert "repairs would take about six weeks" in answer
    assert "The article says weeks, not months." in answer
    assert "A number attributed to the mayor, not checked by the reporter." in answer
    assert "repairs would take about six weeks" not in question


def test_a_fixed_item_updates_its_note_in_place_and_keeps_the_review_history(
    mini_deck: Path, tmp_path: Path, edit_deck: Callable[[str, str], Path],
    new_student: Callable[[], Student],
) -> None:
    student = new_student()
    student.import_apkg(build(mini_deck, tmp_path / "v1.apkg", T0))
    card_id = mcq_card(student, "fact-repair-weeks")
    student.answer(card_id)
    studied = student.history(card_id)
    assert studied[0][4] == 1 and len(studied[1]) == 1  # one rep, one review logged

    edit_deck("A number attributed to the mayor, not checked by the reporter.",
              "A number the mayor gave; the reporter did not check it.")
    log = student.import_apkg(build(mini_deck, tmp_path / "v2.apkg", T1))

    assert student.guids(log.updated) == {guid("fact-repair-weeks")}
    assert (len(log.new), len(log.conflicting)) == (0, 0)
    assert student.guids(log.duplicate) == ALL_GUIDS - {guid("fact-repair-weeks")}
    assert student.note_count() == len(MINI_ITEMS)
    assert student.history(card_id) == studied
    answer = student.col.get_card(card_id).render_output(reload=True).answer_text
    assert "A number the mayor gave; the reporter did not check it." in answer
    assert "not checked by the reporter" not in answer


def test_a_rebuild_with_nothing_changed_is_identical_and_updates_nothing(
    mini_deck: Path, tmp_path: Path, new_student: Callable[[], Student],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    first = runner.invoke(cli, ["anki", str(mini_deck), "-o", "first.apkg"])
    assert first.exit_code == 0, first.output
    lock = (mini_deck / "anki-lock.json").read_bytes()
    # An hour later by the clock: nothing may carry the time of the build.
    monkeypatch.setattr(anki, "clock", lambda: int(time.time()) + 3600)
    second = runner.invoke(cli, ["anki", str(mini_deck), "-o", "second.apkg"])
    assert second.exit_code == 0, second.output
    assert second.stdout == "second.apkg\n"  # the lock is current, so it is not rewritten

    assert (tmp_path / "second.apkg").read_bytes() == (tmp_path / "first.apkg").read_bytes()
    assert (mini_deck / "anki-lock.json").read_bytes() == lock
    student = new_student()
    assert student.guids(student.import_apkg(tmp_path / "first.apkg").new) == ALL_GUIDS
    log = student.import_apkg(tmp_path / "second.apkg")
    assert (len(log.new), len(log.updated), len(log.conflicting)) == (0, 0, 0)
    assert student.guids(log.duplicate) == ALL_GUIDS


def test_a_css_change_updates_the_note_type_and_keeps_notes_and_history(
    mini_deck: Path, tmp_path: Path, new_student: Callable[[], Student],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(templates_dir() / "anki", templates / "anki")
    monkeypatch.setattr(apkg, "templates_dir", lambda: templates)
    student = new_student()
    student.import_apkg(build(mini_deck, tmp_path / "v1.apkg", T0))
    card_id = mcq_card(student, "hedging-not-reached")
    student.answer(card_id)
    studied = student.history(card_id)

    css = templates / "anki" / "cards.css"
    css.write_text(css.read_text(encoding="utf-8") + ".quizgen .kind { color: teal; }\n",
                   encoding="utf-8")
    log = student.import_apkg(build(mini_deck, tmp_path / "v2.apkg", T1))

    for name in ("quizgen MCQ", "quizgen Recall"):
        note_type = student.col.models.by_name(name)
        assert note_type["css"].endswith(".quizgen .kind { color: teal; }\n")
        assert note_type["mod"] == T1
    names = [name for name in student.col.models.all_names() if name.startswith("quizgen")]
    assert names == ["quizgen MCQ", "quizgen Recall"]  # updated in place, not copied
    assert (len(log.new), len(log.updated), len(log.conflicting)) == (0, 0, 0)
    assert student.note_count() == len(MINI_ITEMS)
    assert student.history(card_id) == studied
    question = student.col.get_card(card_id).render_output(reload=True).css
    assert "color: teal" in question


def test_an_added_item_arrives_as_one_new_note(
    mini_deck: Path, tmp_path: Path, new_student: Callable[[], Student]
) -> None:
    student = new_student()
    student.import_apkg(build(mini_deck, tmp_path / "v1.apkg", T0))
    with (mini_deck / "deck.yaml").open("a", encoding="utf-8") as handle:
        handle.write(
            "  - id: fact-vote-day\n"
            "    kind: fact\n"
            "    prompt: On which day did the council vote?\n"
            "    answer: Monday\n"
            "    distractors:\n"
            "      - {text: Tuesday, why: The article says Monday.}\n"
            "      - {text: Friday, why: The article says Monday.}\n"
            "    evidence: The town council voted on Monday to close the old bridge\n"
            "    explanation: The day comes from the first sentence.\n"
        )
    log = student.import_apkg(build(mini_deck, tmp_path / "v2.apkg", T1))

    assert student.guids(log.new) == {guid("fact-vote-day")}
    assert (len(log.updated), len(log.conflicting)) == (0, 0)
    assert student.guids(log.duplicate) == ALL_GUIDS
    assert student.note_count() == len(MINI_ITEMS) + 1


def test_a_students_edit_stays_until_that_item_changes(
    mini_deck: Path, tmp_path: Path, edit_deck: Callable[[str, str], Path],
    new_student: Callable[[], Student],
) -> None:
    student = new_student()
    student.import_apkg(build(mini_deck, tmp_path / "v1.apkg", T0))
    for item_id in ("claim-temporary", "hedging-not-reached"):
        note = student.note_by_guid(guid(item_id))
        note["Explanation"] = "My own note."
        student.col.update_note(note)

    edit_deck("Reporters say this when they tried", "Reporters write this when they tried")
    # Rebuilt after the student's edit, as a correction always is.
    log = student.import_apkg(build(mini_deck, tmp_path / "v2.apkg", int(time.time()) + 2))

    assert student.guids(log.updated) == {guid("hedging-not-reached")}
    assert student.note_by_guid(guid("claim-temporary"))["Explanation"] == "My own note."
    assert student.note_by_guid(guid("hedging-not-reached"))["Explanation"].startswith(
        "Reporters write this when they tried")


def test_markup_in_a_deck_shows_as_text_on_every_card(
    tmp_path: Path, new_student: Callable[[], Student]
) -> None:
    folder = Path(__file__).parent.parent / "fixtures" / "hostile"
    deck, _ = load_checked(folder / "deck.yaml")
    out = tmp_path / "hostile.apkg"
    write_apkg(deck, out, lock_path=tmp_path / "anki-lock.json", now=T0)
    student = new_student()
    student.import_apkg(out)
    cards = student.rendered()

    assert len(cards) == 2  # one card per item
    for question, answer in cards.values():
        for side in (question, answer):
            assert template_errors(side) == []
            assert "<script" not in side and "<img" not in side and "<svg" not in side
    question, answer = cards[mcq_card_of(student, "hostile", "hostile-markup")]
    assert "What did the council close? &lt;svg onload=alert(5)&gt;" in question
    assert "The {{ 7*7 }} library" in question
    assert "Markup such as &lt;em&gt;this&lt;/em&gt; &amp; \"quotes\" stays text." in answer


def mcq_card_of(student: Student, deck_id: str, item_id: str) -> int:
    note = student.note_by_guid(str(genanki.guid_for("quizgen", deck_id, item_id)))
    return int(note.card_ids()[0])


def test_the_error_texts_looked_for_are_the_ones_this_anki_shows(
    mini_deck: Path, tmp_path: Path, new_student: Callable[[], Student],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Guards the checks above: a broken template must be caught by template_errors.
    templates = tmp_path / "templates"
    shutil.copytree(templates_dir() / "anki", templates / "anki")
    front = templates / "anki" / "mcq_front.html"
    front.write_text(front.read_text(encoding="utf-8").replace("{{Prompt}}", "{{Promt}}"),
                     encoding="utf-8")
    monkeypatch.setattr(apkg, "templates_dir", lambda: templates)
    student = new_student()
    student.import_apkg(build(mini_deck, tmp_path / "broken.apkg", T0))

    question = student.col.get_card(mcq_card(student, "claim-temporary")).question()
    assert template_errors(question) == ["template has a problem", "there is no field called"]


def test_a_removed_item_stays_in_the_students_collection(
    mini_deck: Path, tmp_path: Path, new_student: Callable[[], Student]
) -> None:
    student = new_student()
    student.import_apkg(build(mini_deck, tmp_path / "v1.apkg", T0))
    path = mini_deck / "deck.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("  - id: claim-temporary")], encoding="utf-8")
    log = student.import_apkg(build(mini_deck, tmp_path / "v2.apkg", T1))

    assert (len(log.new), len(log.updated)) == (0, 0)
    assert student.guids(log.duplicate) == ALL_GUIDS - {guid("claim-temporary")}
    assert student.note_count() == len(MINI_ITEMS)
    assert student.note_by_guid(guid("claim-temporary"))["ItemId"] == "claim-temporary"
