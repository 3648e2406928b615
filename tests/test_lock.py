"""anki-lock.json: the rules that decide each note's mod time, and the file's exact form."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizgen.errors import LockError
from quizgen.outputs.anki.lock import (
    MAX_MOD,
    Entry,
    Lock,
    LockDiff,
    compare,
    content_hash,
    read_lock,
    update,
)

OLD = Lock({"a": Entry("sha256:a1", 100), "b": Entry("sha256:b1", 100)}, Entry("sha256:t1", 90))


def test_content_hash_is_canonical_json() -> None:
    assert content_hash({"x": 1, "y": ["é"]}) == content_hash({"y": ["é"], "x": 1})
    assert content_hash({"x": 1}) != content_hash({"x": 2})
    assert content_hash([]) == (
        "sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945")


def test_a_first_build_gives_every_item_and_the_note_types_now() -> None:
    lock = update(None, {"b": "sha256:b1", "a": "sha256:a1"}, "sha256:t1", 500)
    assert lock == Lock({"a": Entry("sha256:a1", 500), "b": Entry("sha256:b1", 500)},
                        Entry("sha256:t1", 500))


def test_an_unchanged_item_keeps_its_time_and_a_changed_one_gets_now() -> None:
    lock = update(OLD, {"a": "sha256:a1", "b": "sha256:b2"}, "sha256:t1", 500)
    assert lock == Lock({"a": Entry("sha256:a1", 100), "b": Entry("sha256:b2", 500)},
                        Entry("sha256:t1", 90))


def test_a_change_is_newer_than_before_even_when_the_clock_is_behind() -> None:
    lock = update(OLD, {"a": "sha256:a2", "b": "sha256:b1"}, "sha256:t1", 50)
    assert lock.items["a"] == Entry("sha256:a2", 101)


def test_new_items_get_now_and_removed_items_drop_out() -> None:
    lock = update(OLD, {"a": "sha256:a1", "c": "sha256:c1"}, "sha256:t1", 500)
    assert lock.items == {"a": Entry("sha256:a1", 100), "c": Entry("sha256:c1", 500)}


def test_changed_templates_bump_the_note_types_only() -> None:
    lock = update(OLD, {"a": "sha256:a1", "b": "sha256:b1"}, "sha256:t2", 500)
    assert lock == Lock(OLD.items, Entry("sha256:t2", 500))


def test_compare_names_what_is_stale() -> None:
    diff = compare(OLD, {"a": "sha256:a2", "c": "sha256:c1", "d": "sha256:d1"}, "sha256:t1")
    assert diff == LockDiff(changed=("a",), new=("c", "d"), removed=("b",))
    assert diff.stale
    assert diff.summary() == "1 changed item (a), 2 new items (c, d), 1 removed item (b)"
    assert not compare(OLD, {"a": "sha256:a1", "b": "sha256:b1"}, "sha256:t1").stale
    assert compare(OLD, {"a": "sha256:a1", "b": "sha256:b1"}, "sha256:t2").summary() == (
        "note type templates or CSS changed")


def test_a_missing_lock_is_stale() -> None:
    diff = compare(None, {"a": "sha256:a1"}, "sha256:t1")
    assert diff.stale and diff.missing
    assert diff.summary() == "written for 1 item"


def test_a_long_summary_names_ten_items_and_counts_the_rest() -> None:
    diff = LockDiff(changed=tuple(f"i{n}" for n in range(12)))
    assert diff.summary() == "12 changed items (i0, i1, i2, i3, i4, i5, i6, i7, i8, i9 and 2 more)"


def test_the_file_is_sorted_indented_json_with_a_trailing_newline(tmp_path: Path) -> None:
    text = Lock({"b": Entry("sha256:b1", 7), "a": Entry("sha256:a1", 8, order=(2, 0, 1))},
                Entry("sha256:t", 9)).to_json()
    assert text == (
        "{\n"
        '  "_comment": "Written by \'quizgen anki\'; commit it. \'mod\' is when an item\'s '
        "Anki notes last changed: Anki updates a note on re-import only when this time is "
        "newer. 'order' is a multiple-choice card's option order (0 the answer, then the "
        "distractors as deck.yaml lists them), kept so its letters never move.\",\n"
        '  "items": {\n'
        '    "a": {\n      "hash": "sha256:a1",\n      "mod": 8,\n'
        '      "order": [\n        2,\n        0,\n        1\n      ]\n    },\n'
        '    "b": {\n      "hash": "sha256:b1",\n      "mod": 7\n    }\n'
        "  },\n"
        '  "note_types": {\n    "hash": "sha256:t",\n    "mod": 9\n  }\n'
        "}\n"
    )
    path = tmp_path / "anki-lock.json"
    path.write_text(text, encoding="utf-8")
    assert read_lock(path) == Lock({"a": Entry("sha256:a1", 8, order=(2, 0, 1)),
                                    "b": Entry("sha256:b1", 7)}, Entry("sha256:t", 9))


def test_no_file_is_no_lock(tmp_path: Path) -> None:
    assert read_lock(tmp_path / "anki-lock.json") is None


@pytest.mark.parametrize(("text", "message"), [
    ("{", "not valid JSON (line 1, column 2); restore it from version control"),
    ("[]", 'has no "items" mapping; restore it from version control'),
    ('{"items": {"a": {"hash": "x", "mod": "7"}}}',
     "item 'a' must be {\"hash\": text, \"mod\": whole seconds since 1970}; restore the "
     "lock from version control"),
    ('{"items": {"a": {"hash": "x", "mod": 9223372036854775813}}}',
     "item 'a' must be {\"hash\": text, \"mod\": whole seconds since 1970}; restore the "
     "lock from version control"),
    ('{"items": {"a": {"hash": "x", "mod": -5}}}',
     "item 'a' must be {\"hash\": text, \"mod\": whole seconds since 1970}; restore the "
     "lock from version control"),
    ('{"items": {}, "note_types": {"hash": 1, "mod": 7}}',
     '"note_types" must be {"hash": text, "mod": whole seconds since 1970}; restore the lock '
     'from version control'),
    ('{"items": {}, "retired": {"a": 3}}',
     "retired item 'a' must be {\"hash\": text, \"mod\": whole seconds since 1970}; restore "
     "the lock from version control"),
    ('{"items": {}, "retired": []}',
     '"retired" must be a mapping of item ids; restore the lock from version control'),
    ('{"items": {"a": {"hash": "x", "mod": 7, "order": [0, 0, 1]}}}',
     "item 'a': \"order\" must list each option's index once (0 to the number of options "
     "less one); restore the lock from version control"),
    ('{"items": {"a": {"hash": "x", "mod": 7, "order": [0]}}}',
     "item 'a': \"order\" must list each option's index once (0 to the number of options "
     "less one); restore the lock from version control"),
])
def test_a_broken_lock_says_what_is_wrong(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "anki-lock.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LockError) as caught:
        read_lock(path)
    assert str(caught.value) == f"{path}: {message}"


def test_note_types_and_retired_items_round_trip(tmp_path: Path) -> None:
    lock = update(Lock({"a": Entry("sha256:a1", 8, "quizgen MCQ"),
                        "q": Entry("sha256:q1", 8, "quizgen Recall")}, Entry("sha256:t", 9)),
                  {"a": "sha256:a1"}, "sha256:t", 20, {"a": "quizgen MCQ"})
    assert lock == Lock({"a": Entry("sha256:a1", 8, "quizgen MCQ")}, Entry("sha256:t", 9),
                        {"q": Entry("sha256:q1", 8, "quizgen Recall")})
    text = lock.to_json()
    assert '"note_type": "quizgen MCQ"' in text
    assert text.endswith('  "retired": {\n    "q": {\n      "hash": "sha256:q1",\n'
                         '      "mod": 8,\n      "note_type": "quizgen Recall"\n    }\n  }\n}\n')
    path = tmp_path / "anki-lock.json"
    path.write_text(text, encoding="utf-8")
    assert read_lock(path) == lock


def test_an_item_that_returns_under_another_note_type_is_retyped() -> None:
    lock = Lock({"a": Entry("sha256:a1", 8, "quizgen MCQ")}, Entry("sha256:t", 9),
                {"q": Entry("sha256:q1", 50, "quizgen Recall")})
    diff = compare(lock, {"a": "sha256:a1", "q": "sha256:q2"}, "sha256:t",
                   {"a": "quizgen MCQ", "q": "quizgen MCQ"})
    assert (diff.new, diff.retyped) == (("q",), ("q",))
    same = compare(lock, {"a": "sha256:a1", "q": "sha256:q2"}, "sha256:t",
                   {"a": "quizgen MCQ", "q": "quizgen Recall"})
    assert (same.new, same.retyped) == (("q",), ())
    # Back under its old type it continues from its retired time, even with the clock behind.
    back = update(lock, {"a": "sha256:a1", "q": "sha256:q2"}, "sha256:t", 30,
                  {"a": "quizgen MCQ", "q": "quizgen Recall"})
    assert (back.retired, back.items["q"]) == ({}, Entry("sha256:q2", 51, "quizgen Recall"))


def test_a_live_item_outranks_a_stale_retired_entry() -> None:
    lock = Lock({"a": Entry("sha256:a1", 8, "quizgen MCQ")}, Entry("sha256:t", 9),
                {"a": Entry("sha256:a0", 5, "quizgen Recall")})
    diff = compare(lock, {"a": "sha256:a1"}, "sha256:t", {"a": "quizgen MCQ"})
    assert (diff.stale, diff.retyped) == (False, ())


def test_a_time_past_2038_is_refused() -> None:
    lock = Lock({"a": Entry("sha256:a1", MAX_MOD, "quizgen MCQ")}, Entry("sha256:t", 9))
    with pytest.raises(LockError, match=r"would pass 2147483647 \(the year 2038\)"):
        update(lock, {"a": "sha256:a2"}, "sha256:t", 100, {"a": "quizgen MCQ"})
