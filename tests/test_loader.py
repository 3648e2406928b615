"""Reading deck.yaml: strings stay strings, and every bad file gives one clear problem."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizgen.deckfile import MAX_BYTES, load_deck, read_deck
from quizgen.errors import DeckError, QuizgenError
from quizgen.model import Deck


def _only_problem(path: Path) -> str:
    with pytest.raises(DeckError) as caught:
        load_deck(path)
    assert len(caught.value.problems) == 1, caught.value.problems
    return str(caught.value.problems[0])


def test_loads_the_mini_deck_as_plain_data(mini_deck: Path) -> None:
    deck = load_deck(mini_deck)  # a folder works as well as its deck.yaml
    assert (deck.id, deck.title, deck.language) == ("mini", "A small deck for tests", "en")
    assert deck.source.line() == "Example News, “Council closes the old bridge”, 2024-02-05"
    assert [item.id for item in deck.items] == [
        "who-said-bridge-unsafe", "hedging-not-reached", "fact-repair-weeks", "claim-temporary"]
    first = deck.items[0]
    assert first.distractors[1].why == "The spokesperson could not be reached."
    assert (first.tags, first.difficulty) == (("quote", "named-source"), 1)
    where = read_deck(mini_deck).where  # positions are kept beside the deck, not in it
    assert (where.line(0), where.line(0, "prompt"), where.file) == (
        11, 13, str(mini_deck / "deck.yaml"))
    assert deck.article_text.startswith("The town council voted on Monday")


def test_every_scalar_stays_a_string(edit_deck: Callable[[str, str], Path]) -> None:
    edit_deck("title: A small deck for tests", "title: no")
    edit_deck('published: "2024-02-05"', "published: 2024-02-05")
    path = edit_deck("    answer: about six weeks\n", "    answer: 6\n")
    deck = load_deck(path)
    assert deck.title == "no"
    assert deck.source.published == "2024-02-05"
    assert deck.items[2].answer == "6"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("title: A small deck for tests", "title: [unclosed",
         "deck.yaml:3: YAML syntax: did not find expected ',' or ']', column 9"),
        ("language: en\n", "language: en\ntitle: Another title\n",
         "deck.yaml:4, field 'title': appears twice; keep one"),
        ("  article: article.txt", "  article: ../article.txt",
         "deck.yaml:9, field 'source.article': '../article.txt' lies outside the deck folder; "
         "keep the article beside deck.yaml"),
        ("  article: article.txt", "  article: /etc/hostname",
         "deck.yaml:9, field 'source.article': '/etc/hostname' lies outside the deck folder; "
         "keep the article beside deck.yaml"),
        ("  article: article.txt", "  article: missing.txt",
         "deck.yaml:9, field 'source.article': 'missing.txt' does not exist; put the article "
         "text beside deck.yaml"),
        ("  article: article.txt", "  article: .",
         "deck.yaml:9, field 'source.article': '.' is a directory; put the article text beside "
         "deck.yaml"),
    ],
    ids=["syntax", "duplicate-key", "article-outside", "article-absolute",
         "article-missing", "article-directory"],
)
def test_structural_problems(
    edit_deck: Callable[[str, str], Path], old: str, new: str, expected: str
) -> None:
    path = edit_deck(old, new)
    assert _only_problem(path) == f"{path.parent / expected}"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("title: A small deck for tests", "title: Note: a small deck",
         "2: YAML syntax: mapping values are not allowed in this context, column 12; a value "
         "holding ': ' must be in quotes, or this line is indented further than the field above "
         "it"),
        ("    answer: Dana Reyes, an engineer", "      answer: Dana Reyes, an engineer",
         "14: YAML syntax: mapping values are not allowed in this context, column 13; a value "
         "holding ': ' must be in quotes, or this line is indented further than the field above "
         "it"),
        ("        why: The spokesperson could not be reached.",
         "      why: The spokesperson could not be reached.",
         "19: YAML syntax: did not find expected '-' indicator, column 7; this line is indented "
         "less than the list entry it belongs to"),
        ('    prompt: Who said the bridge "is not safe for heavy lorries"?',
         '    prompt: "Who said" the bridge is not safe?',
         "13: YAML syntax: did not find expected key, column 24; a line is indented differently "
         "from the field above it, or text goes on after a closing quote: quote the whole value"),
        ("    kind: who-said\n", "\tkind: who-said\n",
         "12: YAML syntax: found a tab character that violates indentation, column 1; indent "
         "with spaces, not tabs"),
        ("    tags: [claim, mayor]", '    tags: [claim, mayor]\n    difficulty: "2',
         "66: YAML syntax: found unexpected end of stream, column 1; a quote is opened and "
         "never closed"),
    ],
    ids=["colon-in-value", "over-indented", "under-indented", "text-after-quote", "tab",
         "unclosed-quote"],
)
def test_yaml_mistakes_come_with_a_hint(
    edit_deck: Callable[[str, str], Path], old: str, new: str, expected: str
) -> None:
    path = edit_deck(old, new)
    assert _only_problem(path) == f"{path}:{expected}"


def test_a_misspelt_field_suggests_the_right_one(edit_deck: Callable[[str, str], Path]) -> None:
    path = edit_deck("    explanation: The quote", "    explenation: The quote")
    with pytest.raises(DeckError) as caught:
        load_deck(path)
    assert [str(p).split(": ", 1)[1] for p in caught.value.problems] == [
        "unknown field in an item; did you mean 'explanation'? (known: id, kind, prompt, "
        "answer, distractors, evidence, explanation, tags, difficulty, status, scare_quotes)"]


def test_items_missing_and_empty(mini_deck: Path) -> None:
    path = mini_deck / "deck.yaml"
    head = path.read_text(encoding="utf-8").split("items:")[0]
    path.write_text(head, encoding="utf-8")
    assert _only_problem(path) == f"{path}:1, field 'items': missing; the deck needs it"
    path.write_text(head + "items: []\n", encoding="utf-8")
    assert _only_problem(path) == (
        f"{path}:10, field 'items': is empty; a deck needs at least one item")
    path.write_text(head + "items:\n  id: x\n", encoding="utf-8")
    assert _only_problem(path) == (
        f"{path}:11, field 'items': must be a list of items, not a mapping")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "is empty; a deck needs id, title, source and items"),
        (b"# only a comment\n", "is empty; a deck needs id, title, source and items"),
        (b"- a\n- b\n", "1: the deck must be a mapping of field: value, not a list"),
        (b"just text\n", "1: the deck must be a mapping of field: value, not the text 'just text'"),
        (b"id: caf\xe9\n", "1: the deck file is not UTF-8 text (byte 0xe9 at offset 7); "
                           "save it as UTF-8"),
        (b"a: 1\n---\nb: 2\n", "2: YAML syntax: expected a single document in the stream, "
                               "but found another document, column 1"),
    ],
    ids=["empty", "comment-only", "list", "scalar", "not-utf8", "two-documents"],
)
def test_bad_files(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "deck.yaml"
    path.write_bytes(content)
    separator = "" if expected[0].isdigit() else ": "
    assert _only_problem(path) == f"{path}{':' if separator == '' else separator}{expected}"


def test_a_deck_yaml_that_is_a_directory(tmp_path: Path) -> None:
    (tmp_path / "deck.yaml").mkdir()
    assert _only_problem(tmp_path / "deck.yaml") == (
        f"{tmp_path / 'deck.yaml'}: the deck file is a directory, not a file")


def test_a_missing_deck_yaml(tmp_path: Path) -> None:
    assert _only_problem(tmp_path / "deck.yaml") == (
        f"{tmp_path / 'deck.yaml'}: the deck file does not exist")


def test_a_50_mb_file_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "deck.yaml"
    with path.open("wb") as handle:
        handle.truncate(50 * 2**20)
    assert MAX_BYTES < 50 * 2**20
    assert _only_problem(path) == (
        f"{path}: the deck file is 50 MB; quizgen reads files of at most 32 MB")


def test_an_empty_article(mini_deck: Path) -> None:
    (mini_deck / "article.txt").write_text(" \n", encoding="utf-8")
    assert _only_problem(mini_deck / "deck.yaml") == (
        f"{mini_deck / 'deck.yaml'}:9, field 'source.article': 'article.txt' is empty")


def test_a_non_utf8_article(mini_deck: Path) -> None:
    (mini_deck / "article.txt").write_bytes(b"ok\nna\xefve\n")
    assert _only_problem(mini_deck / "deck.yaml") == (
        f"{mini_deck / 'article.txt'}:2: the article is not UTF-8 text (byte 0xef at offset "
        "5); save it as UTF-8")


# The loader's contract under arbitrary input: a Deck, or the project's own error.
_scalars = st.one_of(st.text(max_size=20), st.integers(), st.booleans(), st.none())
_yaml_values = st.recursive(
    _scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.sampled_from(["id", "title", "source", "items", "kind", "prompt",
                                         "answer", "distractors", "text", "why", "evidence",
                                         "article", "outlet", "headline", "published",
                                         "tags", "difficulty", "x"]), children, max_size=6),
    ),
    max_leaves=25,
)


def _load_or_own_error(path: Path) -> None:
    try:
        assert isinstance(load_deck(path), Deck)
    except QuizgenError as err:
        assert str(err) and "\n" not in str(err)


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=_yaml_values)
def test_fuzz_yaml_documents(tmp_path: Path, document: object) -> None:
    (tmp_path / "article.txt").write_text("Some words of an article.", encoding="utf-8")
    path = tmp_path / "deck.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    _load_or_own_error(path)


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_fuzz_bytes(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "deck.yaml"
    path.write_bytes(data)
    _load_or_own_error(path)


def test_status_draft_loads_and_any_other_status_is_an_error(
        edit_deck: Callable[[str, str], Path]) -> None:
    path = edit_deck("    explanation: The quote", "    status: draft\n    explanation: The quote")
    deck = load_deck(path)
    assert [item.status for item in deck.items].count("draft") == 1
    assert [item.content().get("status") for item in deck.items].count("draft") == 1
    path.write_text(path.read_text(encoding="utf-8").replace("status: draft", "status: done"),
                    encoding="utf-8")
    with pytest.raises(DeckError) as caught:
        load_deck(path)
    assert [(p.field, p.code) for p in caught.value.problems] == [("status", "bad-status")]
