"""Every deck that ships with quizgen: its lock is current and every card reads well in Anki."""

from __future__ import annotations

import html
import json
import re
import shutil
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import genanki
import pytest
from click.testing import CliRunner

from quizgen.cli import cli
from quizgen.outputs.anki import write_apkg
from quizgen.outputs.anki.notetypes import deck_name
from quizgen.quiz import LETTERS
from quizgen.resources import bundled_decks_dir
from quizgen.validation import load_checked

from .conftest import Student, template_errors

pytestmark = pytest.mark.anki

BUNDLED = sorted(bundled_decks_dir().glob("*/deck.yaml"))


def test_quizgen_ships_a_deck() -> None:
    assert [path.parent.name for path in BUNDLED] != []


@pytest.mark.parametrize("deck_yaml", BUNDLED, ids=[p.parent.name for p in BUNDLED])
def test_the_committed_lock_is_current(deck_yaml: Path, tmp_path: Path) -> None:
    lock = deck_yaml.parent / "anki-lock.json"
    assert lock.is_file(), f"{lock} is missing: run quizgen anki {deck_yaml.parent} and commit it"
    before = lock.read_bytes()
    out = tmp_path / "check.apkg"
    result = CliRunner().invoke(cli, ["anki", str(deck_yaml.parent), "--frozen", "-o", str(out)])

    assert result.exit_code == 0, result.output
    assert result.stdout == f"{out}\n"
    assert lock.read_bytes() == before


def import_as_shipped(deck_yaml: Path, tmp_path: Path, student: Student) -> Any:
    """Build a bundled deck with (a copy of) its committed lock and import it; give the log."""
    deck, _ = load_checked(deck_yaml)
    lock = tmp_path / "anki-lock.json"
    shutil.copyfile(deck_yaml.parent / "anki-lock.json", lock)
    out = tmp_path / f"{deck.id}.apkg"
    write_apkg(deck, out, lock_path=lock, frozen=True, now=int(time.time()))
    return student.import_apkg(out)


def answer_letter(shown_answer: str) -> str:
    """Give the letter an MCQ card's back marks as the answer."""
    found = re.search(r"Answer: <strong>([A-E])\. ", shown_answer)
    assert found is not None, "no answer letter on the card's back"
    return found.group(1)


@pytest.mark.parametrize("deck_yaml", BUNDLED, ids=[p.parent.name for p in BUNDLED])
def test_every_card_renders_with_its_answer_evidence_and_source(
    deck_yaml: Path, tmp_path: Path, new_student: Callable[[], Student]
) -> None:
    deck, _ = load_checked(deck_yaml)
    orders = json.loads((deck_yaml.parent / "anki-lock.json").read_text(encoding="utf-8"))
    student = new_student()
    log = import_as_shipped(deck_yaml, tmp_path, student)
    quotes = [item for item in deck.items if item.kind == "who-said"]

    assert len(log.new) == student.note_count() == len(deck.items)
    assert len(student.col.find_notes('"note:quizgen MCQ"')) == len(deck.items) - len(quotes)
    assert len(student.col.find_notes('"note:quizgen Recall"')) == len(quotes)
    for question, answer in student.rendered().values():
        assert (template_errors(question), template_errors(answer)) == ([], [])

    def text(value: str) -> str:
        # Deck text as a card holds it: HTML-escaped, and "[" as &#91; so that Anki reads no
        # [sound:…] or [latex] tag in it (tests/anki_import/test_markup_inert.py shows it).
        return html.escape(value, quote=False).replace("[", "&#91;")

    source = text(deck.source.line())
    for item in deck.items:
        note = student.note_by_guid(genanki.guid_for("quizgen", deck.id, item.id))
        (card,) = note.cards()
        shown = card.render_output(reload=True)
        assert text(item.prompt) in shown.question_text
        if item.kind == "who-said":  # a recall card: nothing to pick from on the front
            assert f"<strong>{text(item.answer)}</strong>" in shown.answer_text
            assert text(item.answer) not in shown.question_text
        else:
            # The letter the lock keeps for this card.
            letter = LETTERS[orders["items"][item.id]["order"].index(0)]
            for option in [item.answer, *(d.text for d in item.distractors)]:
                assert text(option) in shown.question_text
            assert f"Answer: <strong>{letter}. {text(item.answer)}</strong>" in shown.answer_text
        for distractor in item.distractors:
            assert text(distractor.why) in shown.answer_text
        assert text(item.evidence) in shown.answer_text
        assert text(item.explanation) in shown.answer_text
        assert source in shown.answer_text
        expected_tags = {"quizgen", f"kind::{item.kind}", f"deck::{deck.id}", *item.tags}
        assert {tag.casefold() for tag in note.tags} == {t.casefold() for t in expected_tags}


@pytest.mark.parametrize("deck_yaml", BUNDLED, ids=[p.parent.name for p in BUNDLED])
def test_answer_letters_are_balanced_over_the_decks_cards(
    deck_yaml: Path, tmp_path: Path, new_student: Callable[[], Student]
) -> None:
    # A letter's fair share: 1/(number of options) from every lettered card that has it.
    deck, _ = load_checked(deck_yaml)
    student = new_student()
    import_as_shipped(deck_yaml, tmp_path, student)
    letters: Counter[str] = Counter()
    fair: Counter[str] = Counter()
    for item in deck.items:
        note = student.note_by_guid(genanki.guid_for("quizgen", deck.id, item.id))
        if note.note_type()["name"] != "quizgen MCQ":
            continue  # a recall card shows no letters
        (card,) = note.cards()
        letters[answer_letter(card.render_output(reload=True).answer_text)] += 1
        size = len(item.distractors) + 1
        for letter in LETTERS[:size]:
            fair[letter] += 1 / size
    assert sum(letters.values()) == len([i for i in deck.items if i.kind != "who-said"])
    for letter in LETTERS:
        assert letters[letter] <= fair[letter] + 2, (letter, letters, fair)


@pytest.mark.parametrize("deck_yaml", BUNDLED, ids=[p.parent.name for p in BUNDLED])
def test_the_first_days_new_cards_mix_the_kinds(
    deck_yaml: Path, tmp_path: Path, new_student: Callable[[], Student]
) -> None:
    deck, _ = load_checked(deck_yaml)
    student = new_student()
    import_as_shipped(deck_yaml, tmp_path, student)
    col = student.col
    col.decks.select(col.decks.id_for_name(deck_name(deck)))
    queued = col.sched.get_queued_cards(fetch_limit=20).cards
    kinds = [col.get_note(entry.card.note_id)["Kind"] for entry in queued]
    assert len(kinds) == 20  # Anki's default: 20 new cards a day
    assert len(set(kinds)) >= 5, kinds
    # No kind comes in a run of three.
    assert all(len(set(kinds[n:n + 3])) > 1 for n in range(len(kinds) - 2)), kinds


@pytest.mark.parametrize("deck_yaml", BUNDLED, ids=[p.parent.name for p in BUNDLED])
def test_a_corrected_card_keeps_its_letters_history_and_place(
    deck_yaml: Path, tmp_path: Path, new_student: Callable[[], Student]
) -> None:
    deck, _ = load_checked(deck_yaml)
    folder = tmp_path / "deck"
    shutil.copytree(deck_yaml.parent, folder)
    student = new_student()
    write_apkg(deck, tmp_path / "v1.apkg", lock_path=folder / "anki-lock.json", frozen=True)
    student.import_apkg(tmp_path / "v1.apkg")
    item = next(i for i in deck.items if i.kind != "who-said")
    note = student.note_by_guid(genanki.guid_for("quizgen", deck.id, item.id))
    (card_id,) = note.card_ids()
    before = student.col.get_card(card_id).render_output(reload=True)
    student.answer(card_id)
    studied = student.history(card_id)

    yaml = folder / "deck.yaml"
    text = yaml.read_text(encoding="utf-8")
    start = text.index(f"  - id: {item.id}\n")
    at = text.index("    explanation: ", start) + len("    explanation: ")
    quote = '"' if text[at] == '"' else ""
    yaml.write_text(text[:at] + quote + "Corrected. " + text[at + len(quote):],
                    encoding="utf-8")
    corrected, _ = load_checked(yaml)
    assert next(i for i in corrected.items if i.id == item.id).explanation.startswith(
        "Corrected. ")
    write_apkg(corrected, tmp_path / "v2.apkg", lock_path=folder / "anki-lock.json",
               now=int(time.time()) + 60)
    log = student.import_apkg(tmp_path / "v2.apkg")

    assert student.guids(log.updated) == {genanki.guid_for("quizgen", deck.id, item.id)}
    assert (len(log.new), len(log.conflicting)) == (0, 0)
    assert student.history(card_id) == studied
    after = student.col.get_card(card_id).render_output(reload=True)
    assert "Corrected. " in after.answer_text
    assert answer_letter(after.answer_text) == answer_letter(before.answer_text)
    assert after.question_text == before.question_text
