"""A student's Anki: a real, headless Anki collection to import quizgen's .apkg files into.

The folder is not called tests/anki: that name would shadow the real ``anki`` package.
Without the ``anki`` package these tests fail (never skip), locally as under CI=true.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

try:
    # anki.collection first: importing anki.cards before it fails on a circular import.
    from anki.collection import Collection, ImportAnkiPackageRequest
    from anki.scheduler_pb2 import CardAnswer
except ImportError as err:  # what a missing test extra looks like
    ANKI_MISSING: str | None = (
        f"the 'anki' package cannot be imported ({err}); install the test extras and run the "
        "tests as the README says: pip install -e '.[test]' && pytest"
    )
else:
    ANKI_MISSING = None

#: Texts Anki puts on a card when a template is broken or the card would be empty.
TEMPLATE_ERRORS = ("template has a problem", "there is no field called",
                   "the front of this card is blank")


def template_errors(html: str) -> list[str]:
    """Give the Anki template error texts found in a rendered card side."""
    lowered = html.casefold()
    return [text for text in TEMPLATE_ERRORS if text in lowered]


@dataclass
class Student:
    """One student's collection, driven the way the desktop app drives it."""

    col: Any

    def import_apkg(self, path: Path) -> Any:
        """Import an .apkg with the collection's default options; give the import log."""
        # The collection's own presets: update notes and note types "if newer", no merging.
        options = self.col._backend.get_import_anki_package_presets()
        log = self.col.import_anki_package(
            ImportAnkiPackageRequest(package_path=str(path), options=options)
        ).log
        self.col.models._clear_cache()  # an import that changed a note type leaves it stale
        return log

    def guids(self, entries: Any) -> set[str]:
        """Give the GUIDs of the notes in one list of an import log (new, updated, ...)."""
        return {self.col.get_note(entry.id.nid).guid for entry in entries}

    def note_count(self) -> int:
        """Give how many notes the collection holds."""
        return int(self.col.note_count())

    def note_by_guid(self, guid: str) -> Any:
        """Give the note with this GUID."""
        nid = self.col.db.scalar("select id from notes where guid = ?", guid)
        assert nid is not None, f"no note with GUID {guid!r}"
        return self.col.get_note(nid)

    def answer(self, card_id: int) -> None:
        """Answer one card "Good" with the v3 scheduler, as a review would."""
        card = self.col.get_card(card_id)
        card.start_timer()
        states = self.col._backend.get_scheduling_states(card.id)
        self.col.sched.answer_card(
            self.col.sched.build_answer(card=card, states=states, rating=CardAnswer.GOOD)
        )

    def history(self, card_id: int) -> tuple[Any, ...]:
        """Give a card's scheduling (type, queue, due, ivl, reps) and its review log rows."""
        row = self.col.db.first("select type, queue, due, ivl, reps from cards where id = ?",
                                card_id)
        revlog = self.col.db.all("select * from revlog where cid = ? order by id", card_id)
        return (tuple(row), tuple(tuple(r) for r in revlog))

    def rendered(self) -> dict[int, tuple[str, str]]:
        """Give every card's question and answer HTML by card id."""
        out = {}
        for cid in self.col.find_cards(""):
            card = self.col.get_card(cid)
            output = card.render_output(reload=True)
            out[cid] = (output.question_text, output.answer_text)
        return out


@pytest.fixture(autouse=True)
def _anki_present() -> None:
    if ANKI_MISSING is not None:
        pytest.fail(ANKI_MISSING, pytrace=False)


@pytest.fixture
def new_student(tmp_path: Path) -> Iterator[Callable[[], Student]]:
    """Give a factory of fresh, empty collections in tmp_path, closed after the test."""
    opened: list[Student] = []

    def make() -> Student:
        student = Student(Collection(str(tmp_path / f"collection-{len(opened)}.anki2")))
        opened.append(student)
        return student

    yield make
    for student in opened:
        student.col.close()
