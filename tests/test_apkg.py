"""The .apkg as quizgen writes it: note types, fields, identity, lock handling, exact bytes."""

from __future__ import annotations

import io
import re
import shutil
import sqlite3
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import genanki
import pytest
from conftest import run

from quizgen.errors import OutputError, RetypedItemError, StaleLockError
from quizgen.model import Deck
from quizgen.outputs import anki
from quizgen.outputs.anki import notetypes
from quizgen.outputs.anki.lock import LOCK_FILE, read_lock
from quizgen.outputs.anki.notetypes import (
    MCQ_FIELDS,
    MCQ_MODEL_ID,
    RECALL_FIELDS,
    RECALL_MODEL_ID,
    NoteSpec,
    anki_deck_id,
    deck_name,
    item_hashes,
    note_types,
)
from quizgen.outputs.anki.package import _Model
from quizgen.quiz import STABLE, arrange, option_order
from quizgen.resources import templates_dir
from quizgen.validation import load_checked

FIXTURES = Path(__file__).parent / "fixtures"
T0, T1 = 1_760_000_000, 1_760_003_600
DECK_ID = 1820894753  # pinned: every build of a deck carries the same deck id


def write_apkg(deck: Deck, path: Path, **options: Any) -> anki.AnkiBuild:
    return anki.write_apkg(deck, path, **options)


def write_from(folder: Path, path: Path, **options: Any) -> anki.AnkiBuild:
    """Write the .apkg of the deck in folder, with the lock in that folder."""
    return anki.write_apkg(load(folder), path, lock_path=folder / LOCK_FILE, **options)


def deck_notes(deck: Deck) -> dict[str, NoteSpec]:
    from quizgen.outputs.anki.notetypes import deck_notes as notes_of

    return notes_of(arrange(deck, ordering=STABLE))


def load(folder: Path) -> Deck:
    return load_checked(folder / "deck.yaml")[0]


def collection(path: Path) -> tuple[list[zipfile.ZipInfo], sqlite3.Connection]:
    """Give an .apkg's zip entries and its collection opened in memory."""
    with zipfile.ZipFile(path) as archive:
        infos = archive.infolist()
        data = archive.read("collection.anki2")
    conn = sqlite3.connect(":memory:")
    conn.deserialize(data)
    return infos, conn


# --- what a student's collection depends on: never change these ---------------------------

def test_note_types_keep_their_ids_names_and_fields() -> None:
    mcq, recall = note_types()
    assert (mcq.model_id, mcq.name, mcq.template) == (1950057184, "quizgen MCQ",
                                                       "Multiple choice")
    assert (recall.model_id, recall.name, recall.template) == (1784673974, "quizgen Recall",
                                                               "Recall")
    assert (MCQ_MODEL_ID, RECALL_MODEL_ID) == (1950057184, 1784673974)
    assert MCQ_FIELDS == ("Prompt", "A", "B", "C", "D", "E", "Letter", "Answer", "WhyA", "WhyB",
                          "WhyC", "WhyD", "WhyE", "Explanation", "Evidence", "Source", "Kind",
                          "ItemId")
    assert RECALL_FIELDS == ("Prompt", "Answer", "Explanation", "Evidence", "Source", "Kind",
                             "ItemId", "Wrong1", "Wrong2", "Wrong3", "Wrong4", "WhyWrong1",
                             "WhyWrong2", "WhyWrong3", "WhyWrong4")


def test_option_order_depends_on_the_ids_alone() -> None:
    # A new order would move every student's answer letters: this is pinned.
    assert option_order("mini", "who-said-bridge-unsafe", 3) == [2, 0, 1]
    assert option_order("mini", "hedging-not-reached", 4) == [3, 0, 2, 1]
    assert option_order("mini", "fact-repair-weeks", 5) == [2, 3, 4, 0, 1]
    assert option_order("other", "x", 5) == option_order("other", "x", 5)


def test_deck_identity_comes_from_the_deck() -> None:
    deck = load(FIXTURES / "mini")
    assert deck_name(deck) == "Media literacy::A small deck for tests"
    assert anki_deck_id(deck) == DECK_ID


@pytest.mark.parametrize("name", ["mcq_front.html", "mcq_back.html", "recall_front.html",
                                  "recall_back.html"])
def test_templates_name_only_fields_of_their_note_type(name: str) -> None:
    text = (templates_dir() / "anki" / name).read_text(encoding="utf-8")
    fields = MCQ_FIELDS if name.startswith("mcq") else RECALL_FIELDS
    used = {token.lstrip("#/^") for token in re.findall(r"\{\{([^}]*)\}\}", text)}
    assert used - {"Field"} <= set(fields)  # {{Field}} appears in the explaining comment
    assert re.search(r"\{%|(?<!\{)\{#", text) is None  # Anki templates, not Jinja


# --- notes ---------------------------------------------------------------------------------

def test_each_item_gives_one_note_a_quote_a_recall_card() -> None:
    deck = load(FIXTURES / "mini")
    notes = deck_notes(deck)
    source = "Example News, “Council closes the old bridge”, 2024-02-05"
    assert list(notes) == [item.id for item in deck.items]
    assert {item_id: (n.note_type.name, n.guid) for item_id, n in notes.items()} == {
        item.id: ("quizgen Recall" if item.kind == "who-said" else "quizgen MCQ",
                  genanki.guid_for("quizgen", "mini", item.id)) for item in deck.items}
    recall, mcq = notes["who-said-bridge-unsafe"], notes["fact-repair-weeks"]
    assert recall.content()["fields"] == {
        "Prompt": 'Who said the bridge "is not safe for heavy lorries"?',
        "Answer": "Dana Reyes, an engineer",
        "Explanation": "The quote is attributed by name, with the speaker's job and firm.",
        "Evidence": "“The bridge is not safe for heavy lorries,” said Dana Reyes",
        "Source": source, "Kind": "who-said", "ItemId": "who-said-bridge-unsafe",
        "Wrong1": "The mayor of the town", "Wrong2": "A council spokesperson",
        "Wrong3": "", "Wrong4": "",
        "WhyWrong1": 'The mayor called the closure "a temporary measure".',
        "WhyWrong2": "The spokesperson could not be reached.", "WhyWrong3": "", "WhyWrong4": "",
    }
    letters = mcq.content()["fields"]
    assert isinstance(letters, dict)
    assert {k: letters[k] for k in ("A", "B", "C", "D", "E", "Letter", "Answer")} == {
        "A": "about six months", "B": "about ten weeks", "C": "about six weeks",
        "D": "about two weeks", "E": "", "Letter": "C", "Answer": "about six weeks"}
    assert (letters["WhyA"], letters["WhyC"]) == ("The article says weeks, not months.", "")
    assert recall.tags == ("quizgen", "kind::who-said", "deck::mini", "quote", "named-source")


def test_markup_in_a_deck_is_escaped_in_every_field() -> None:
    deck = load(FIXTURES / "hostile")
    notes = deck_notes(deck)
    fields = [f for spec in notes.values() for f in spec.fields]
    assert not [f for f in fields if "<" in f or ">" in f]
    assert notes["hostile-markup"].field("Answer") == (
        "The &lt;img src=x onerror=alert(1)&gt; bridge")
    assert notes["hostile-markup"].field("Explanation") == (
        'Markup such as &lt;em&gt;this&lt;/em&gt; &amp; "quotes" stays text.')


def test_genanki_html_warning_is_an_error_in_the_tests() -> None:
    mcq = note_types()[0]
    note = genanki.Note(model=_Model(mcq, T0), fields=["1 < 2 > 0"] * len(mcq.fields))
    with pytest.raises(UserWarning, match="invalid HTML tags"):
        note._check_invalid_html_tags_in_fields()


def test_a_change_in_how_an_item_is_rendered_changes_its_hash(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "mini", tmp_path / "mini")
    before = item_hashes(deck_notes(load(tmp_path / "mini")))
    path = tmp_path / "mini" / "deck.yaml"
    text = path.read_text(encoding="utf-8")
    # A comment moves every item's line: no content changed.
    path.write_text("# moved\n" + text, encoding="utf-8")
    assert item_hashes(deck_notes(load(tmp_path / "mini"))) == before
    # The outlet shows on every card's source line: every item changed.
    path.write_text(text.replace("outlet: Example News", "outlet: Example Daily"),
                    encoding="utf-8")
    after = item_hashes(deck_notes(load(tmp_path / "mini")))
    assert [k for k in before if before[k] != after[k]] == list(before)


# --- the .apkg and the lock ----------------------------------------------------------------

def test_the_same_deck_and_lock_give_the_same_bytes(mini_deck: Path, tmp_path: Path) -> None:
    deck = load(mini_deck)
    write_apkg(deck, tmp_path / "a.apkg", lock_path=mini_deck / LOCK_FILE, now=T0)
    # An hour later by the injected clock: no byte may depend on it.
    result = write_apkg(deck, tmp_path / "b.apkg", lock_path=mini_deck / LOCK_FILE, now=T1)

    assert result.lock_written is False
    assert (tmp_path / "a.apkg").read_bytes() == (tmp_path / "b.apkg").read_bytes()
    infos, conn = collection(tmp_path / "a.apkg")
    assert [(i.filename, i.date_time) for i in infos] == [
        ("collection.anki2", (1980, 1, 1, 0, 0, 0)), ("media", (1980, 1, 1, 0, 0, 0))]
    assert conn.execute("select count(*), min(mod), max(mod) from notes").fetchone() == (
        4, T0, T0)


def test_a_rebuild_moves_only_the_changed_items_time(
    mini_deck: Path, tmp_path: Path, edit_deck: Callable[[str, str], Path]
) -> None:
    write_from(mini_deck, tmp_path / "v1.apkg", now=T0)
    edit_deck("Not reached is not the same as refusing.", "Not reached is not refusing.")
    result = write_from(mini_deck, tmp_path / "v2.apkg", now=T1)

    assert result.diff.summary() == "1 changed item (hedging-not-reached)"
    assert (result.notes, result.lock_written) == (4, True)
    _, conn = collection(tmp_path / "v2.apkg")
    mods = dict(conn.execute("select guid, mod from notes"))
    assert mods.pop(genanki.guid_for("quizgen", "mini", "hedging-not-reached")) == T1
    assert set(mods.values()) == {T0}
    lock = read_lock(mini_deck / "anki-lock.json")
    assert lock is not None
    assert {k: e.mod for k, e in lock.items.items()} == {
        "claim-temporary": T0, "fact-repair-weeks": T0, "hedging-not-reached": T1,
        "who-said-bridge-unsafe": T0}


def test_changed_css_moves_the_note_types_time_only(
    mini_deck: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_from(mini_deck, tmp_path / "v1.apkg", now=T0)
    templates = tmp_path / "templates"
    shutil.copytree(templates_dir() / "anki", templates / "anki")
    with (templates / "anki" / "cards.css").open("a", encoding="utf-8") as css:
        css.write(".card { font-size: 22px; }\n")
    monkeypatch.setattr(notetypes, "templates_dir", lambda: templates)
    result = write_from(mini_deck, tmp_path / "v2.apkg", now=T1)

    assert result.diff.summary() == "note type templates or CSS changed"
    _, conn = collection(tmp_path / "v2.apkg")
    assert conn.execute("select max(mod) from notes").fetchone() == (T0,)
    (models,) = conn.execute("select models from col").fetchone()
    assert models.count(f'"mod": {T1}') == 2


def test_frozen_refuses_a_stale_lock_and_writes_nothing(
    mini_deck: Path, tmp_path: Path, edit_deck: Callable[[str, str], Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    write_from(mini_deck, tmp_path / "v1.apkg", now=T0)
    lock = (mini_deck / "anki-lock.json").read_bytes()
    edit_deck("about ten weeks", "about nine weeks")
    edit_deck("  - id: claim-temporary", "  - id: claim-temporary-measure")

    with pytest.raises(StaleLockError) as caught:
        write_from(mini_deck, tmp_path / "v2.apkg", frozen=True, now=T1)
    assert str(caught.value) == (
        "mini/anki-lock.json is stale: 1 changed item (fact-repair-weeks), 1 new item "
        "(claim-temporary-measure), 1 removed item (claim-temporary); run quizgen anki mini "
        "to update it")
    assert not (tmp_path / "v2.apkg").exists()
    assert (mini_deck / "anki-lock.json").read_bytes() == lock


def test_frozen_refuses_a_missing_lock(mini_deck: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(mini_deck.parent)
    with pytest.raises(StaleLockError, match=r"^mini/anki-lock.json does not exist; run "
                                             r"quizgen anki mini to write it$"):
        write_from(mini_deck, mini_deck.parent / "x.apkg", frozen=True)
    assert sorted(p.name for p in mini_deck.parent.iterdir()) == ["mini"]
    assert not (mini_deck / "anki-lock.json").exists()


def test_a_kind_change_across_note_types_is_refused(
    mini_deck: Path, edit_deck: Callable[[str, str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Anki keeps a note's type: the same GUID arriving with another type is reported as a
    # conflict and skipped, so a student would never see the correction.
    monkeypatch.chdir(mini_deck.parent)
    write_from(mini_deck, mini_deck.parent / "v1.apkg", now=T0)
    lock = (mini_deck / "anki-lock.json").read_bytes()
    edit_deck("    kind: who-said\n", "    kind: source-type\n")
    with pytest.raises(RetypedItemError, match=(
            r"^mini/anki-lock.json: 'who-said-bridge-unsafe' would change note type \(its kind "
            r"moved to or from who-said\), and Anki keeps a note's type: students would never "
            r"see the change. Give the item a new id, or keep its kind; if no student has "
            r"imported this deck yet, delete its entry \(under \"items\" or \"retired\"\) from "
            r"the lock$")):
        write_from(mini_deck, mini_deck.parent / "v2.apkg", now=T1)
    assert not (mini_deck.parent / "v2.apkg").exists()
    assert (mini_deck / "anki-lock.json").read_bytes() == lock
    # The way out the message gives: a new id is a new note.
    edit_deck("  - id: who-said-bridge-unsafe\n", "  - id: source-type-engineer\n")
    result = write_from(mini_deck, mini_deck.parent / "v2.apkg", now=T1)
    assert (result.diff.new, result.diff.removed) == (("source-type-engineer",),
                                                      ("who-said-bridge-unsafe",))


# --- the command ---------------------------------------------------------------------------

def test_anki_writes_the_deck_and_its_lock(workdir: Path) -> None:
    assert run("anki", "mini") == (
        0, "mini.apkg\ndecks/mini/anki-lock.json\n",
        "decks/mini/anki-lock.json: written for 4 items\n")
    assert (workdir / "mini.apkg").is_file()
    # Nothing changed: the lock stays as it is, and only the deck is written.
    (workdir / "out").mkdir()
    assert run("anki", "decks/mini", "-o", "out/deck.apkg", "--frozen") == (
        0, "out/deck.apkg\n", "")
    assert (workdir / "out" / "deck.apkg").read_bytes() == (workdir / "mini.apkg").read_bytes()


def test_anki_frozen_fails_on_a_stale_lock(workdir: Path) -> None:
    assert run("anki", "mini", "-o", "first.apkg")[0] == 0
    path = workdir / "decks" / "mini" / "deck.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Dana Reyes, an engineer",
                                                             "Dana Reyes, engineer"),
                    encoding="utf-8")
    assert run("anki", "mini", "-o", "second.apkg", "--frozen") == (
        1, "", "Error: decks/mini/anki-lock.json is stale: 1 changed item "
               "(who-said-bridge-unsafe); run quizgen anki decks/mini to update it\n")
    assert not (workdir / "second.apkg").exists()


def test_anki_leaves_the_last_good_deck_when_the_deck_is_invalid(workdir: Path) -> None:
    assert run("anki", "mini")[0] == 0
    good = (workdir / "mini.apkg").read_bytes()
    path = workdir / "decks" / "mini" / "deck.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("kind: fact", "kind: gossip"),
                    encoding="utf-8")
    code, out, err = run("anki", "mini")
    assert (code, out) == (1, "")
    assert err.startswith("Error: decks/mini/deck.yaml:") and "'gossip' is not a kind" in err
    assert (workdir / "mini.apkg").read_bytes() == good


def test_no_warning_while_building_a_deck_full_of_markup(tmp_path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        write_apkg(load(FIXTURES / "hostile"), tmp_path / "h.apkg",
                   lock_path=tmp_path / "lock.json", now=T0)
    _, conn = collection(tmp_path / "h.apkg")
    (flds,) = conn.execute("select group_concat(flds, '') from notes").fetchone()
    assert "<" not in flds


def test_apkg_bytes_are_a_zip_anki_reads(tmp_path: Path) -> None:
    write_apkg(load(FIXTURES / "mini"), tmp_path / "m.apkg", lock_path=tmp_path / "l.json",
               now=T0)
    with zipfile.ZipFile(io.BytesIO((tmp_path / "m.apkg").read_bytes())) as archive:
        assert archive.namelist() == ["collection.anki2", "media"]
        assert archive.read("media") == b"{}"
        assert archive.testzip() is None


def test_the_lock_is_written_before_the_apkg(
    mini_deck: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An .apkg whose times the lock does not hold must never be handed out: when the lock
    # cannot be written, no .apkg is.
    def refuse(path: Path, data: bytes | str) -> None:
        raise OutputError(f"{path}: cannot write here: Permission denied")

    monkeypatch.setattr(anki, "write_atomic", refuse)
    with pytest.raises(OutputError, match=r"anki-lock\.json: cannot write here"):
        write_from(mini_deck, tmp_path / "m.apkg", now=T0)
    assert not (tmp_path / "m.apkg").exists()


def test_an_item_removed_then_back_under_another_note_type_is_refused(
    mini_deck: Path, edit_deck: Callable[[str, str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(mini_deck.parent)
    path = mini_deck / "deck.yaml"
    original = path.read_text(encoding="utf-8")
    write_from(mini_deck, mini_deck.parent / "v1.apkg", now=T0)
    quote_item = original[original.index("  - id: who-said-bridge-unsafe"):
                          original.index("  - id: hedging-not-reached")]
    path.write_text(original.replace(quote_item, ""), encoding="utf-8")
    write_from(mini_deck, mini_deck.parent / "v2.apkg", now=T1)
    path.write_text(original.replace("    kind: who-said\n", "    kind: fact\n"), encoding="utf-8")
    with pytest.raises(RetypedItemError, match=r"^mini/anki-lock.json: 'who-said-bridge-unsafe' "
                                               r"would change note type"):
        write_from(mini_deck, mini_deck.parent / "v3.apkg", now=T1 + 60)


def test_frozen_refuses_a_lock_it_would_rewrite(
    mini_deck: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A lock from before note types were recorded matches every hash, yet would be rewritten:
    # --frozen must write nothing, so it fails.
    monkeypatch.chdir(mini_deck.parent)
    write_from(mini_deck, mini_deck.parent / "v1.apkg", now=T0)
    lock = mini_deck / "anki-lock.json"
    old = re.sub(r',\n\s*"note_type": "[^"]+"', "", lock.read_text(encoding="utf-8"))
    lock.write_text(old, encoding="utf-8")
    with pytest.raises(StaleLockError, match=r"^mini/anki-lock.json is stale: written by an "
                                             r"older quizgen; run quizgen anki mini to update "
                                             r"it$"):
        write_from(mini_deck, mini_deck.parent / "v2.apkg", frozen=True, now=T1)
    assert lock.read_text(encoding="utf-8") == old
    assert not (mini_deck.parent / "v2.apkg").exists()
