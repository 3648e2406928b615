"""Every export read back by an independent reader, item by item, as its platform would."""

from __future__ import annotations

import copy
import datetime
import re
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import yaml

from quizgen.deckfile import load_deck
from quizgen.errors import ExportError, TemplateProblemError
from quizgen.outputs import get
from quizgen.outputs.exports import FORMATS, export_format, export_quiz, export_to
from quizgen.outputs.exports._common import ExportSettings, without
from quizgen.quiz import Quiz, arrange
from quizgen.validation import load_checked

from .conftest import HOSTILE_DECK, HOSTILE_LEFT_OUT
from .readers import READERS, Read

ALL = list(FORMATS)
#: Formats that carry each item's id, each distractor's why, and the general feedback.
WITH_IDS = {"moodle", "gift", "qti", "h5p"}
WITH_FEEDBACK = {"moodle", "gift", "qti", "h5p"}
WITH_GENERAL = {"moodle", "gift", "qti", "h5p", "quizizz"}
#: Formats whose file keeps the options in the quiz's order (Gimkit puts the answer first
#: and shuffles in the game; Quizlet keeps the answer only).
IN_ORDER = {"moodle", "gift", "aiken", "qti", "kahoot", "quizizz", "blooket", "h5p"}


def quiz_of(folder: Path, seed: int = 1, **filters: object) -> Quiz:
    return arrange(load_deck(folder), seed, **filters)  # type: ignore[arg-type]


def expected_general(fmt: str, quiz: Quiz, q_index: int) -> list[str]:
    item, source = quiz.questions[q_index].item, quiz.deck.source
    parts = [item.explanation, f"Evidence: {item.evidence}", f"Source: {source.line()}"]
    return [" ".join(parts)] if fmt == "h5p" else parts


def assert_reads_as(fmt: str, reads: list[Read], quiz: Quiz) -> None:
    """Assert the file holds the quiz's questions, in order, each exactly as the deck says."""
    assert [r.prompt for r in reads] == [q.item.prompt for q in quiz.questions]
    for index, (read, q) in enumerate(zip(reads, quiz.questions, strict=True)):
        item = q.item
        assert [text for text, correct in read.options if correct] == [item.answer]
        if fmt == "quizlet":
            assert read.options == [(item.answer, True)]
        else:
            wrong = [text for text, correct in read.options if not correct]
            assert sorted(wrong) == sorted(d.text for d in item.distractors)
        if fmt in IN_ORDER:
            assert read.options == [(o.text, o.correct) for o in q.options]
        if fmt == "gimkit":
            assert read.options == [(item.answer, True)] + [
                (o.text, False) for o in q.options if not o.correct]
        if fmt in WITH_FEEDBACK:
            assert read.feedback == {d.text: d.why for d in item.distractors}
        if fmt in WITH_GENERAL:
            assert read.general == expected_general(fmt, quiz, index)
        if fmt in WITH_IDS:
            expected_id = {"moodle": item.id, "gift": item.id, "qti": f"qg-{item.id}",
                           "h5p": str(uuid.uuid5(uuid.UUID(
                               "6f1c1f0e-2b7a-4f57-9d0e-7a51c0a5e3d1"),
                               f"{quiz.deck.id}/{item.id}"))}[fmt]
            assert read.id == expected_id
        if fmt in ("moodle",):
            assert read.extra["name"] == item.id
            assert read.extra["tags"] == ["quizgen", item.kind, *item.tags]
        if fmt in ("qti", "h5p"):
            assert read.extra["title"] == item.id
        if fmt in ("kahoot", "quizizz", "blooket"):
            assert read.extra["seconds"] in (30, "30")
        if fmt in ("kahoot", "blooket"):
            assert read.extra["number"] in (q.number, str(q.number))


@pytest.mark.parametrize("fmt", ALL)
def test_bundled_deck_reads_back_item_by_item(fmt: str, bundled_deck: Path) -> None:
    quiz = quiz_of(bundled_deck, seed=3)
    data, problems = export_quiz(quiz, fmt)
    kept = without(quiz, [p.item for p in problems if p.item])
    assert len(kept.questions) == len(quiz.questions) - len(problems)
    assert_reads_as(fmt, READERS[fmt](data), kept)


@pytest.mark.parametrize("fmt", ALL)
def test_hostile_deck_round_trips_or_is_left_out_with_a_warning(fmt: str,
                                                                hostile_deck: Path) -> None:
    quiz = quiz_of(hostile_deck, seed=1)
    data, problems = export_quiz(quiz, fmt)
    assert {p.item for p in problems} == HOSTILE_LEFT_OUT[fmt]
    assert len(problems) == len(HOSTILE_LEFT_OUT[fmt])  # one line per item
    for problem in problems:
        assert problem.severity == "warning" and problem.code == "left-out"
        assert problem.file == "hostile-exports"
        assert re.match(r"left out of the [A-Za-z ]+ export: ", problem.message)
    assert_reads_as(fmt, READERS[fmt](data), without(quiz, HOSTILE_LEFT_OUT[fmt]))


def test_left_out_warnings_name_the_item_field_and_limit(hostile_deck: Path) -> None:
    quiz = quiz_of(hostile_deck)
    lines = {fmt: sorted(map(str, export_quiz(quiz, fmt)[1]))
             for fmt in ("kahoot", "blooket", "gimkit", "aiken", "quizlet")}
    assert lines["kahoot"] == [
        "hostile-exports, item 'aiken-prompt', field 'answer': warning: left out of the "
        "Kahoot export: an answer has 84 characters; Kahoot takes at most 75",
        "hostile-exports, item 'five-options', field 'distractors': warning: left out of the "
        "Kahoot export: it has 5 options; Kahoot takes at most 4",
        "hostile-exports, item 'long-prompt', field 'prompt': warning: left out of the "
        "Kahoot export: the question has 180 characters; Kahoot takes at most 120",
    ]
    assert lines["blooket"] == [
        "hostile-exports, item 'five-options', field 'distractors': warning: left out of the "
        "Blooket export: it has 5 options; Blooket takes at most 4"]
    assert lines["gimkit"] == [
        "hostile-exports, item 'five-options', field 'distractors': warning: left out of the "
        "Gimkit export: it has 5 options; Gimkit takes at most 4"]
    assert lines["aiken"] == [
        "hostile-exports, item 'aiken-prompt', field 'prompt': warning: left out of the Aiken "
        "export: a prompt starting 'B) was ' would be read as an option or answer line",
        "hostile-exports, item 'gift-specials', field 'distractors[2].text': warning: left "
        "out of the Aiken export: Moodle's Aiken importer escapes '>' in an option twice, so "
        "it would not show as typed",
        "hostile-exports, item 'markup', field 'distractors[0].text': warning: left out of "
        "the Aiken export: Moodle's Aiken importer escapes '&' in an option twice, so it "
        "would not show as typed",
    ]
    assert lines["quizlet"] == [
        "hostile-exports, item 'quotes', field 'answer': warning: left out of the Quizlet "
        "export: a tab or line break would split the card; Quizlet reads them as separators"]


def test_kahoot_counts_characters_as_its_editor_does(hostile_deck: Path) -> None:
    # 👩‍👩‍👧‍👦 is 7 code points but 11 UTF-16 units: an answer of 65 code points made of
    # it and text is 75+ units, over Kahoot's limit.
    text = (hostile_deck / "deck.yaml").read_text(encoding="utf-8")
    family = "👩‍👩‍👧‍👦"
    long_answer = family * 6 + " family"  # 6 * 7 + 7 = 49 code points, 6 * 11 + 7 = 73 units
    longer = family * 7 + "!"  # 50 code points, 78 units
    text = text.replace("👩‍👩‍👧‍👦 a family emoji", long_answer, 1)
    text = text.replace("👍🏽 a toned thumb", longer, 1)
    (hostile_deck / "deck.yaml").write_text(text, encoding="utf-8")
    problems = export_format("kahoot").check(quiz_of(hostile_deck, tags=["scripts"]),
                                             ExportSettings())
    assert [str(p) for p in problems] == [
        "hostile-exports, item 'scripts', field 'distractors[1].text': warning: left out of "
        "the Kahoot export: an answer has 78 characters; Kahoot takes at most 75"]
    assert len(long_answer) == 49 and len(longer) == 50


@pytest.mark.parametrize("fmt", ALL)
def test_another_seed_gives_another_order_and_the_same_ids(fmt: str,
                                                           bundled_deck: Path) -> None:
    one = READERS[fmt](export_quiz(quiz_of(bundled_deck, seed=1), fmt)[0])
    two = READERS[fmt](export_quiz(quiz_of(bundled_deck, seed=2), fmt)[0])
    assert [r.prompt for r in one] != [r.prompt for r in two]
    assert sorted(r.prompt for r in one) == sorted(r.prompt for r in two)
    by_prompt = {r.prompt: r for r in two}
    if fmt in IN_ORDER:
        assert any(r.options != by_prompt[r.prompt].options for r in one)
    for read in one:
        assert sorted(read.options) == sorted(by_prompt[read.prompt].options)
        assert read.id == by_prompt[read.prompt].id  # ids and H5P subcontent ids stay


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> object:
    """Give a function that moves the clock: time.time, and openpyxl's datetime.now."""

    def move(when: datetime.datetime) -> None:
        class Moved(datetime.datetime):
            @classmethod
            def now(cls, tz: datetime.tzinfo | None = None) -> Moved:  # type: ignore[override]
                return cls.fromtimestamp(when.timestamp(), tz)

        fake = type(sys)("datetime")
        fake.datetime = Moved  # type: ignore[attr-defined]
        fake.timezone = datetime.timezone  # type: ignore[attr-defined]
        monkeypatch.setattr(time, "time", lambda: when.timestamp())
        monkeypatch.setattr("openpyxl.packaging.core.datetime", fake)
        monkeypatch.setattr("openpyxl.writer.excel.datetime", fake)

    return move


@pytest.mark.parametrize("fmt", ALL)
def test_same_bytes_whatever_the_clock(fmt: str, bundled_deck: Path, clock: object) -> None:
    quiz = quiz_of(bundled_deck, seed=5)
    clock(datetime.datetime(2024, 1, 2, 3, 4, 5))  # type: ignore[operator]
    first = export_quiz(quiz, fmt)[0]
    assert time.time() == datetime.datetime(2024, 1, 2, 3, 4, 5).timestamp()
    clock(datetime.datetime(2031, 6, 7, 8, 9, 10))  # type: ignore[operator]
    second = export_quiz(quiz_of(bundled_deck, seed=5), fmt)[0]
    assert first == second


def test_time_limit_is_written_where_the_platform_has_one(bundled_deck: Path) -> None:
    quiz = quiz_of(bundled_deck, count=3)
    sixty = ExportSettings(time_limit=60)
    assert {r.extra["seconds"] for r in READERS["kahoot"](export_quiz(quiz, "kahoot",
                                                                      sixty)[0])} == {60}
    assert {r.extra["seconds"] for r in READERS["blooket"](
        export_quiz(quiz, "blooket", ExportSettings(time_limit=300))[0])} == {"300"}
    assert {r.extra["seconds"] for r in READERS["quizizz"](
        export_quiz(quiz, "quizizz", ExportSettings(time_limit=45))[0])} == {45}
    # Formats without a time per question ignore it.
    assert export_quiz(quiz, "moodle", ExportSettings(time_limit=45))[0] == \
        export_quiz(quiz, "moodle")[0]


@pytest.mark.parametrize(("fmt", "seconds", "message"), [
    ("kahoot", 45, "--time-limit 45: Kahoot takes 5, 10, 20, 30, 60, 90, 120 or 240 seconds"),
    ("quizizz", 50, "--time-limit 50: Quizizz takes 5, 10, 20, 30, 45, 60, 90, 120, 180, "
                    "300, 600 or 900 seconds"),
    ("blooket", 301, "--time-limit 301: Blooket takes 1 to 300 seconds"),
])
def test_a_time_limit_the_platform_cannot_take_is_refused(fmt: str, seconds: int,
                                                           message: str,
                                                           bundled_deck: Path) -> None:
    with pytest.raises(ExportError) as err:
        export_quiz(quiz_of(bundled_deck), fmt, ExportSettings(time_limit=seconds))
    assert str(err.value) == message


def test_export_to_gives_deck_warnings_then_left_out_items(hostile_deck: Path) -> None:
    data, problems = export_to(hostile_deck, "kahoot", seed=1)
    codes = [p.code for p in problems]
    _, deck_warnings = load_checked(hostile_deck)
    assert deck_warnings and "left-out" not in {p.code for p in deck_warnings}
    assert codes == [p.code for p in deck_warnings] + ["left-out"] * 3
    assert [p.item for p in problems if p.code == "left-out"] == [
        q.item.id for q in quiz_of(hostile_deck).questions
        if q.item.id in HOSTILE_LEFT_OUT["kahoot"]]
    assert len(READERS["kahoot"](data)) == 8 - 3


def test_export_to_applies_the_seed_and_filters(bundled_deck: Path) -> None:
    data, problems = export_to(bundled_deck, "moodle", seed=4, count=5, kinds=["who-said"],
                               tags=["quote"])
    quiz = quiz_of(bundled_deck, seed=4, count=5, kinds=["who-said"], tags=["quote"])
    assert problems == []
    assert_reads_as("moodle", READERS["moodle"](data), quiz)
    kahoot = READERS["kahoot"](export_to(bundled_deck, "kahoot", kinds=["who-said"])[0])
    assert {r.extra["title"] for r in kahoot} == {quiz.deck.title}


def test_an_export_no_item_fits_is_an_error(hostile_deck: Path) -> None:
    with pytest.raises(ExportError) as err:
        export_to(hostile_deck, "kahoot", tags=["five"])
    assert str(err.value) == (
        "hostile-exports: no item fits the Kahoot spreadsheet export; 1 left out (the first: "
        "hostile-exports, item 'five-options', field 'distractors': warning: left out of the "
        "Kahoot export: it has 5 options; Kahoot takes at most 4)")


def test_category_and_bank_are_named_after_the_deck(hostile_deck: Path) -> None:
    quiz = quiz_of(hostile_deck)
    title = "Hostile // exports: {GIFT} <b>&amp;<//b> “quotes”"  # a / inside a name doubled
    assert READERS["moodle"](export_quiz(quiz, "moodle")[0])[0].extra["category"] == [
        f"$course$/top/{title}"]
    assert READERS["gift"](export_quiz(quiz, "gift")[0])[0].extra["category"] == \
        f"$course$/top/{title}"
    qti = READERS["qti"](export_quiz(quiz, "qti")[0])
    assert qti[0].extra["assessment"] == quiz.deck.title
    h5p = READERS["h5p"](export_quiz(quiz, "h5p")[0])
    assert h5p[0].extra["package"]["title"] == quiz.deck.title  # type: ignore[index]


def test_a_control_character_is_left_out_of_xml_formats(hostile_deck: Path) -> None:
    deck = copy.deepcopy(HOSTILE_DECK)
    five = next(item for item in deck["items"] if item["id"] == "five-options")
    five["prompt"] = "How many\x01 parties were named in the report?"
    (hostile_deck / "deck.yaml").write_text(yaml.safe_dump(deck, allow_unicode=True),
                                            encoding="utf-8")
    quiz = quiz_of(hostile_deck)
    for fmt in ("moodle", "qti", "kahoot", "quizizz"):
        problems = [p for p in export_quiz(quiz, fmt)[1] if p.item == "five-options"]
        assert [(p.item, p.field) for p in problems] == [
            ("five-options", "distractors" if fmt == "kahoot" else "prompt")]
    problem = export_quiz(quiz, "moodle")[1][0]
    assert problem.message == ("left out of the Moodle XML export: the control character "
                               "U+0001 cannot be written in an XML file")


@pytest.mark.parametrize("fmt", ["moodle", "qti", "kahoot", "quizizz"])
def test_a_control_character_in_the_deck_title_is_an_error(fmt: str,
                                                            hostile_deck: Path) -> None:
    deck = copy.deepcopy(HOSTILE_DECK)
    deck["title"] = "Bell\x07 deck"
    (hostile_deck / "deck.yaml").write_text(yaml.safe_dump(deck, allow_unicode=True),
                                            encoding="utf-8")
    with pytest.raises(ExportError) as err:
        export_quiz(quiz_of(hostile_deck), fmt)
    platform = {"moodle": "Moodle XML", "qti": "QTI", "kahoot": "Kahoot",
                "quizizz": "Quizizz"}[fmt]
    assert str(err.value) == (
        f"hostile-exports, field 'title': the control character U+0007 cannot be written in "
        f"the {platform} file (XML); remove it from deck.yaml")


def test_a_user_template_overrides_a_built_in_one(hostile_deck: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "aiken.txt").write_text("{% for q in questions %}{{ q.item.id }}\n{% endfor %}",
                                    encoding="utf-8")
    quiz = quiz_of(hostile_deck, tags=["long"])
    data, _ = export_quiz(quiz, "aiken", ExportSettings(template_dir=mine))
    assert data == b"long-prompt\n"
    (mine / "gift.txt").write_text("{{ questions[0].nope }}", encoding="utf-8")
    with pytest.raises(TemplateProblemError) as err:
        export_quiz(quiz, "gift", ExportSettings(template_dir=mine))
    assert re.fullmatch(r".*gift\.txt, line 1: .*'nope'.*", str(err.value))


def test_listing_the_formats_imports_no_heavy_library() -> None:
    code = ("import sys, quizgen.cli, quizgen.outputs.exports as e; "
            "print(list(e.FORMATS), [m for m in ('openpyxl', 'jinja2', 'lxml') "
            "if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out == ("['moodle', 'gift', 'aiken', 'qti', 'kahoot', 'quizizz', 'blooket', "
                   "'gimkit', 'quizlet', 'h5p'] []\n")


@pytest.mark.parametrize("fmt", ALL)
def test_every_format_says_what_it_is_and_how_to_import_it(fmt: str) -> None:
    output = get(fmt)
    assert callable(export_format(fmt).render)
    assert output.suffix in (".xml", ".txt", ".zip", ".xlsx", ".csv", ".h5p")
    assert (output.suffix in (".zip", ".xlsx", ".h5p")) == output.binary
    assert output.label and "\n" not in output.howto and "→" in output.howto
    assert output.audience == "teacher"
