"""Each validation rule, broken once in a copy of the mini deck, with its exact message."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from quizgen.deckfile import read_deck
from quizgen.errors import DeckError, Problem
from quizgen.fold import fold_option
from quizgen.validation import load_checked, number_like, validate

ITEM1 = "  - id: who-said-bridge-unsafe\n"
D1 = """      - text: The mayor of the town
        why: The mayor called the closure "a temporary measure".
"""
D2 = """      - text: A council spokesperson
        why: The spokesperson could not be reached.
"""
F = "deck.yaml"

# (rule, old text, new text, the one problem expected: line, item, field, severity, message)
CASES = [
    ("unknown-field", "    difficulty: \"1\"\n", "    difficulty: \"1\"\n    colour: red\n",
     24, "who-said-bridge-unsafe", "colour", "error",
     "unknown field in an item (known: id, kind, prompt, answer, distractors, evidence, "
     "explanation, tags, difficulty, status, scare_quotes)"),
    ("missing-field", "    answer: Dana Reyes, an engineer\n", "",
     11, "who-said-bridge-unsafe", "answer", "error", "missing; an item needs it"),
    ("empty-field", "    answer: Dana Reyes, an engineer\n", "    answer: ''\n",
     14, "who-said-bridge-unsafe", "answer", "error", "is empty"),
    ("duplicate-field", "    kind: who-said\n", "    kind: who-said\n    kind: fact\n",
     13, "who-said-bridge-unsafe", "kind", "error", "appears twice; keep one"),
    ("text-not-list", "    answer: Dana Reyes, an engineer\n", "    answer: [Dana, Reyes]\n",
     14, "who-said-bridge-unsafe", "answer", "error", "must be text, not a list"),
    ("malformed-id", ITEM1, "  - id: Who_Said\n",
     11, "Who_Said", "id", "error",
     "'Who_Said' is not a lowercase slug (letters, digits and single hyphens, like "
     "'brew-domestic-pressure')"),
    ("duplicate-id", "  - id: hedging-not-reached\n", "  - id: who-said-bridge-unsafe\n",
     24, "who-said-bridge-unsafe", "id", "error",
     "duplicates the id of the item on line 11; ids must be unique"),
    ("misspelt-kind", "    kind: who-said\n", "    kind: who-sayed\n",
     12, "who-said-bridge-unsafe", "kind", "error",
     "'who-sayed' is not a kind; did you mean 'who-said'?; use one of fact, who-said, "
     "source-type, anonymity, claim-vs-fact, hedging, corroboration, independence, "
     "background, main-claim"),
    ("unknown-kind", "    kind: who-said\n", "    kind: quote\n",
     12, "who-said-bridge-unsafe", "kind", "error",
     "'quote' is not a kind; use one of fact, who-said, source-type, anonymity, "
     "claim-vs-fact, hedging, corroboration, independence, background, main-claim"),
    ("too-few-distractors", D2, "",
     15, "who-said-bridge-unsafe", "distractors", "error", "has 1; give 2 to 4 distractors"),
    ("too-many-distractors", D2, D2 + D2.replace("A council", "A town") * 1
     + D2.replace("A council", "A city") + D2.replace("A council", "A county"),
     15, "who-said-bridge-unsafe", "distractors", "error", "has 5; give 2 to 4 distractors"),
    ("distractor-without-why", D2, "      - text: A council spokesperson\n",
     18, "who-said-bridge-unsafe", "distractors[1].why", "error",
     "missing; a distractor needs it"),
    ("distractor-not-mapping", D2, "      - A council spokesperson\n",
     18, "who-said-bridge-unsafe", "distractors[1]", "error",
     "a distractor must be a mapping of field: value, not the text 'A council spokesperson'"),
    ("repeated-option", "      - text: A council spokesperson\n",
     "      - text: the MAYOR of the town!\n",
     18, "who-said-bridge-unsafe", "distractors[1].text", "error",
     "repeats distractors[0].text; every option must differ"),
    ("answer-among-distractors", "      - text: A council spokesperson\n",
     "      - text: Dana Reyes, an engineer.\n",
     18, "who-said-bridge-unsafe", "distractors[1].text", "error",
     "repeats the answer; every option must differ"),
    ("all-of-the-above", "      - text: A council spokesperson\n",
     "      - text: All of the above\n",
     18, "who-said-bridge-unsafe", "distractors[1].text", "error",
     "'All of the above' is a catch-all option; write a real alternative"),
    ("both-a-and-b", "      - text: A council spokesperson\n",
     "      - text: Both A and B\n",
     18, "who-said-bridge-unsafe", "distractors[1].text", "error",
     "'Both A and B' is a catch-all option; write a real alternative"),
    ("evidence-not-found", "said Dana Reyes\"\n", "said Dana Reyes, the mayor\"\n",
     20, "who-said-bridge-unsafe", "evidence", "error",
     "not found in the article or the headline: the article matches up to '…lorries,\" said "
     "Dana Reyes, ', then reads 'the mayor'; copy a span of either exactly"),
    ("bad-difficulty", "    difficulty: \"1\"\n", "    difficulty: 5\n",
     23, "who-said-bridge-unsafe", "difficulty", "error", "is '5'; use 1 (easy), 2 or 3 (hard)"),
    ("tag-with-space", "[quote, named-source]", "[quote, named source]",
     22, "who-said-bridge-unsafe", "tags", "error",
     "'named source' has a space; Anki splits tags on spaces, so use hyphens"),
    ("length-cue", "    answer: Dana Reyes, an engineer\n",
     "    answer: Dana Reyes, an engineer at Harbor Consulting, an independent firm\n",
     14, "who-said-bridge-unsafe", "answer", "warning",
     "is 65 characters against a mean of 22 for the distractors; the longest option gives "
     "itself away"),
    ("clang-cue", "    prompt: Who said the bridge \"is not safe for heavy lorries\"?\n",
     "    prompt: Which engineer said the bridge \"is not safe for heavy lorries\"?\n",
     13, "who-said-bridge-unsafe", "prompt", "warning",
     "shares 'engineer' with the answer alone; the echo gives the answer away"),
    ("mixed-form", "      - text: about ten weeks\n", "      - text: until the summer\n",
     41, "fact-repair-weeks", "distractors", "warning",
     "mixes numbers with other options; make every option the same form"),
    ("no-explanation",
     "    explanation: The quote is attributed by name, with the speaker's job and firm.\n", "",
     11, "who-said-bridge-unsafe", "explanation", "warning", "missing; say what the item teaches"),
]


def _problems(path: Path) -> list[Problem]:
    try:
        reading = read_deck(path)
    except DeckError as err:
        return err.problems
    if reading.problems or reading.deck is None:
        return reading.problems
    return validate(reading.deck, reading.where)


def test_the_mini_deck_is_clean(mini_deck: Path) -> None:
    assert _problems(mini_deck / F) == []


@pytest.mark.parametrize(
    ("old", "new", "line", "item", "field", "severity", "message"),
    [case[1:] for case in CASES], ids=[case[0] for case in CASES],
)
def test_each_rule_gives_one_exact_problem(
    edit_deck: Callable[[str, str], Path], old: str, new: str, line: int, item: str,
    field: str, severity: str, message: str,
) -> None:
    path = edit_deck(old, new)
    problems = _problems(path)
    assert [(p.line, p.item, p.field, p.severity, p.message) for p in problems] == [
        (line, item, field, severity, message)
    ]
    prefix = "" if severity == "error" else "warning: "
    assert str(problems[0]) == (
        f"{problems[0].file}:{line}, item {item!r}, field {field!r}: {prefix}{message}"
    )


def test_warnings_stop_a_build_only_when_strict(edit_deck: Callable[[str, str], Path]) -> None:
    path = edit_deck("    explanation: The quote is attributed by name, with the speaker's "
                     "job and firm.\n", "")
    _, warnings = load_checked(path)
    assert [w.code for w in warnings] == ["no-explanation"]
    with pytest.raises(DeckError) as caught:
        load_checked(path, strict=True)
    assert [p.code for p in caught.value.problems] == ["no-explanation"]


def test_every_problem_is_reported_at_once(edit_deck: Callable[[str, str], Path]) -> None:
    edit_deck("    kind: hedging\n", "    kind: hedge\n")
    path = edit_deck("    answer: about six weeks\n", "    answer: about six weeks\n    x: 1\n")
    problems = _problems(path)
    # Structural problems come first; the semantic check runs on a deck that loaded.
    assert [(p.item, p.field) for p in problems] == [("fact-repair-weeks", "x")]
    path = edit_deck("    x: 1\n", "")
    assert [(p.item, p.field) for p in _problems(path)] == [("hedging-not-reached", "kind")]


def test_evidence_matches_across_quote_dash_and_space_styles(
    edit_deck: Callable[[str, str], Path],
) -> None:
    path = edit_deck('evidence: "“The bridge is not safe for heavy lorries,” said Dana Reyes"',
                     "evidence: '\"The bridge   is not safe\n      for heavy lorries,\" said Dana'")
    assert _problems(path) == []


def test_evidence_may_quote_the_headline(edit_deck: Callable[[str, str], Path]) -> None:
    path = edit_deck("    evidence: repairs would take about six weeks\n",
                     "    evidence: Council closes the old bridge\n")
    assert _problems(path) == []
    path = edit_deck("    evidence: Council closes the old bridge\n",
                     "    evidence: Council closes the new bridge\n")
    assert [(p.line, p.message) for p in _problems(path)] == [
        (48, "not found in the article or the headline: 'Council closes the new bridge'; "
             "copy a span of either exactly")]


@pytest.mark.parametrize(("text", "expected"), [
    ("3", True), ("-3%", True), ("$40", True), ("nearly 100", True), ("exactly 100", True),
    ("more than two", True),
    ("Two bases", True), ("a dozen", True), ("Dozens", True), ("one hundred", True),
    ("zero", True), ("about six weeks", True), ("twenty-one", True), ("¥500", True),
    ("₹100", True), (".5", True), ("½", True),
    ("Ten Downing Street", False), ("Seven News", False), ("Gregory Brew", False),
    ("A senior official", False), ("Jaish al-Adl", False),
])
def test_number_like_options(text: str, expected: bool) -> None:
    assert number_like(text) is expected


@pytest.mark.parametrize("text", [
    "All of the above", "none of the above", "All the above", "Both of the answers",
    "All of these", "None of them.", "Both A and B", "Neither A nor B", "A and B", "A & C only",
    "b, c",
])
def test_catch_all_options_are_errors(edit_deck: Callable[[str, str], Path], text: str) -> None:
    path = edit_deck("      - text: A council spokesperson\n", f"      - text: {text}\n")
    assert [p.code for p in _problems(path) if p.severity == "error"] == ["catch-all-option"]


@pytest.mark.parametrize("text", [
    "Pakistan said all of them were militants", "A bank and a bakery", "Both governments",
    "Both options remain open, the official said", "All the answers came from officials",
    "It said none of the options were on the table", "Neither answers the question",
])
def test_ordinary_options_are_not_catch_alls(
    edit_deck: Callable[[str, str], Path], text: str
) -> None:
    path = edit_deck("      - text: A council spokesperson\n", f"      - text: {text}\n")
    assert [p.code for p in _problems(path) if p.severity == "error"] == []


def test_a_sign_makes_a_different_option() -> None:
    assert fold_option("-3%") != fold_option("3%")
    assert fold_option("−3 %") == fold_option("-3%")
    assert fold_option("+3") == fold_option("3")
    assert fold_option("The Mayor!") == fold_option("the  mayor")


@pytest.mark.parametrize("dash", ["\u2014", "\u2013", "\u2212", "\u2015"])
def test_evidence_typed_with_a_hyphen_matches_an_article_dash(
    mini_deck: Path, edit_deck: Callable[[str, str], Path], dash: str,
) -> None:
    article = mini_deck / "article.txt"
    article.write_text(article.read_text(encoding="utf-8")
                       + f"\nThe repairs {dash} all of them {dash} start on Monday.\n",
                       encoding="utf-8")
    path = edit_deck("evidence: repairs would take about six weeks",
                     "evidence: The repairs - all of them - start on Monday.")
    assert _problems(path) == []
    path = edit_deck("evidence: The repairs - all of them - start on Monday.",
                     "evidence: The repairs - all of them - start on Tuesday.")
    assert [p.code for p in _problems(path)] == ["evidence-not-found"]
