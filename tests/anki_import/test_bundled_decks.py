"""Every deck that ships with quizgen: its lock is current and every card reads well in Anki."""

from __future__ import annotations

import html
import time
from collections.abc import Callable
from pathlib import Path

import genanki
import pytest
from click.testing import CliRunner

from quizgen.cli import cli
from quizgen.outputs.anki import write_apkg
from quizgen.quiz import LETTERS, option_order
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


@pytest.mark.parametrize("deck_yaml", BUNDLED, ids=[p.parent.name for p in BUNDLED])
def test_every_card_renders_with_its_answer_evidence_and_source(
    deck_yaml: Path, tmp_path: Path, new_student: Callable[[], Student]
) -> None:
    deck, _ = load_checked(deck_yaml)
    out = tmp_path / f"{deck.id}.apkg"
    write_apkg(deck, out, lock_path=tmp_path / "anki-lock.json", now=int(time.time()))
    student = new_student()
    log = student.import_apkg(out)
    quotes = [item for item in deck.items if item.kind == "who-said"]

    assert len(log.new) == student.note_count() == len(deck.items)
    assert len(student.col.find_notes('"note:quizgen MCQ"')) == len(deck.items) - len(quotes)
    assert len(student.col.find_notes('"note:quizgen Recall"')) == len(quotes)
    for question, answer in student.rendered().values():
        assert (template_errors(question), template_errors(answer)) == ([], [])

    def text(value: str) -> str:
        return html.escape(value, quote=False)

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
            letter = LETTERS[option_order(deck.id, item.id, len(item.distractors) + 1).index(0)]
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
