"""The command line as a user types it: exact output and exit codes, through CliRunner."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import run

from quizgen import __version__
from quizgen.cli import cli

FIXTURES = Path(__file__).parent / "fixtures"


def break_deck(workdir: Path, old: str, new: str) -> None:
    path = workdir / "decks" / "mini" / "deck.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_version() -> None:
    assert run("--version") == (0, f"quizgen, version {__version__}\n", "")


def test_a_mistyped_command_gets_a_suggestion() -> None:
    code, out, err = run("sourcse", "article.txt")
    assert (code, out) == (2, "")
    assert err.endswith("Error: No such command 'sourcse'. Did you mean 'sources'?\n")


def test_validate_a_valid_deck(workdir: Path) -> None:
    ok = (0, "decks/mini/deck.yaml: 4 items, 0 errors, 0 warnings: valid\n", "")
    assert run("validate") == ok
    assert run("validate", "mini") == ok
    assert run("validate", "decks/mini") == ok
    assert run("validate", "decks/mini/deck.yaml", "--strict") == ok


def test_validate_reports_every_problem_and_exits_1(workdir: Path) -> None:
    break_deck(workdir, "    kind: hedging\n", "    kind: hedge\n")
    break_deck(workdir, "    explanation: A number attributed to the mayor, not checked by the "
               "reporter.\n", "")
    assert run("validate") == (1, (
        "decks/mini/deck.yaml:25, item 'hedging-not-reached', field 'kind': 'hedge' is not a "
        "kind; use one of fact, who-said, source-type, anonymity, claim-vs-fact, hedging, "
        "corroboration, independence, background, main-claim\n"
        "decks/mini/deck.yaml:37, item 'fact-repair-weeks', field 'explanation': warning: "
        "missing; say what the item teaches\n"
        "decks/mini/deck.yaml: 4 items, 1 error, 1 warning: INVALID\n"), "")


def test_warnings_fail_only_under_strict(workdir: Path) -> None:
    break_deck(workdir, "    explanation: A number attributed to the mayor, not checked by the "
               "reporter.\n", "")
    code, out, _ = run("validate")
    assert (code, out.splitlines()[-1]) == (
        0, "decks/mini/deck.yaml: 4 items, 0 errors, 1 warning: valid")
    code, out, _ = run("validate", "--strict")
    assert (code, out.splitlines()[-1]) == (
        1, "decks/mini/deck.yaml: 4 items, 0 errors, 1 warning: INVALID")


def test_validate_json(workdir: Path) -> None:
    break_deck(workdir, "    kind: hedging\n", "    kind: hedge\n")
    code, out, _ = run("validate", "--json")
    assert code == 1
    assert json.loads(out) == [{
        "path": "decks/mini/deck.yaml", "id": "mini", "items": 4, "valid": False,
        "errors": 1, "warnings": 0,
        "problems": [{
            "severity": "error", "code": "unknown-kind", "file": "decks/mini/deck.yaml",
            "line": 25, "item": "hedging-not-reached", "field": "kind",
            "message": "'hedge' is not a kind; use one of fact, who-said, source-type, "
                       "anonymity, claim-vs-fact, hedging, corroboration, independence, "
                       "background, main-claim",
        }],
    }]


def test_validate_an_unreadable_deck(workdir: Path) -> None:
    (workdir / "decks" / "mini" / "deck.yaml").write_text("id: [\n", encoding="utf-8")
    assert run("validate") == (1, (
        "decks/mini/deck.yaml:2: YAML syntax: did not find expected node content, column 1\n"
        "decks/mini/deck.yaml: 1 error, 0 warnings: INVALID\n"), "")


def test_unknown_deck_is_one_line_on_stderr(workdir: Path) -> None:
    assert run("validate", "nope") == (1, "", (
        "Error: nope: no such deck; give a deck folder, its deck.yaml, or the id of a deck "
        "that 'quizgen list' shows\n"))


def test_bad_usage_exits_2(workdir: Path) -> None:
    code, out, err = run("validate", "--bogus")
    assert (code, out) == (2, "")
    assert err == ("Usage: quizgen validate [OPTIONS] [DECK]...\n"
                   "Try 'quizgen validate --help' for help.\n\nError: No such option '--bogus'.\n")


def test_list(workdir: Path) -> None:
    assert run("list") == (0, (
        "mini  4 items  A small deck for tests\n"
        "  decks/mini/deck.yaml\n"
        "  kinds: claim-vs-fact 1, fact 1, hedging 1, who-said 1\n"), "")
    code, out, _ = run("list", "--json")
    assert code == 0
    assert json.loads(out) == [{
        "id": "mini", "title": "A small deck for tests", "items": 4,
        "kinds": {"claim-vs-fact": 1, "fact": 1, "hedging": 1, "who-said": 1},
        "path": "decks/mini/deck.yaml"}]


def test_export_json_mirrors_deck_yaml(workdir: Path) -> None:
    code, out, err = run("export", "mini", "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert list(data) == ["id", "title", "language", "source", "items"]
    assert data["source"] == {"outlet": "Example News", "headline": "Council closes the old "
                              "bridge", "published": "2024-02-05", "byline": "A. Reporter",
                              "article": "article.txt"}
    assert data["items"][2] == {
        "id": "fact-repair-weeks", "kind": "fact",
        "prompt": "How long did the mayor say repairs would take?", "answer": "about six weeks",
        "distractors": [
            {"text": "about two weeks", "why": "The article says six."},
            {"text": "about six months", "why": "The article says weeks, not months."},
            {"text": "about ten weeks", "why": "The article says six."}],
        "evidence": "repairs would take about six weeks",
        "explanation": "A number attributed to the mayor, not checked by the reporter.",
        "tags": ["numbers"], "difficulty": 1}


def test_export_to_a_file_and_a_failed_export_keeps_it(workdir: Path) -> None:
    assert run("export", "mini", "-o", "out.json") == (0, "out.json\n", "")
    good = (workdir / "out.json").read_bytes()
    assert json.loads(good)["id"] == "mini"
    break_deck(workdir, "    kind: hedging\n", "    kind: hedge\n")
    code, out, err = run("export", "mini", "-o", "out.json")
    assert (code, out) == (1, "")
    assert err.startswith("Error: decks/mini/deck.yaml:25, item 'hedging-not-reached', "
                          "field 'kind': 'hedge' is not a kind")
    assert (workdir / "out.json").read_bytes() == good
    assert sorted(p.name for p in workdir.iterdir()) == ["decks", "out.json"]


def test_every_command_has_help_with_an_example() -> None:
    for name in cli.list_commands(None):  # type: ignore[arg-type]
        code, out, _ = run(name, "--help")
        assert code == 0
        assert re.search(r"^  Examples?:\n      quizgen " + name, out, re.M), name


def test_python_dash_m_and_no_traceback(tmp_path: Path) -> None:
    (tmp_path / "deck.yaml").write_bytes(b"\xff\xfe")
    proc = subprocess.run([sys.executable, "-m", "quizgen", "validate", str(tmp_path)],
                          capture_output=True, text=True, cwd=tmp_path, check=False)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr + proc.stdout
    assert proc.stdout == (
        "deck.yaml:1: the deck file is not UTF-8 text (byte 0xff at offset 0); "
        "save it as UTF-8\n"
        "deck.yaml: 1 error, 0 warnings: INVALID\n")


def test_validate_reports_structural_and_content_problems_together(workdir: Path) -> None:
    break_deck(workdir, "    difficulty: \"1\"\n", "    difficulty: \"1\"\n    colour: red\n")
    break_deck(workdir, "    kind: hedging\n", "    kind: hedge\n")
    break_deck(workdir, "      - text: about ten weeks\n", "      - text: about six weeks\n")
    code, out, _ = run("validate")
    assert code == 1
    assert [line.split(": ", 1)[0] for line in out.splitlines()] == [
        "decks/mini/deck.yaml:24, item 'who-said-bridge-unsafe', field 'colour'",
        "decks/mini/deck.yaml:26, item 'hedging-not-reached', field 'kind'",
        "decks/mini/deck.yaml:47, item 'fact-repair-weeks', field 'distractors[2].text'",
        "decks/mini/deck.yaml",
    ]
    assert out.splitlines()[-1] == "decks/mini/deck.yaml: 4 items, 3 errors, 0 warnings: INVALID"


def test_a_deck_is_found_by_its_id_whatever_its_folder(workdir: Path) -> None:
    (workdir / "decks" / "mini").rename(workdir / "decks" / "my-deck")
    assert run("validate", "mini") == (
        0, "decks/my-deck/deck.yaml: 4 items, 0 errors, 0 warnings: valid\n", "")


def test_a_folder_without_a_deck_does_not_hide_a_deck_id(workdir: Path) -> None:
    (workdir / "mini").mkdir()  # say, the output folder of an earlier build
    (workdir / "mini" / "quiz.html").write_text("", encoding="utf-8")
    assert run("validate", "mini") == (
        0, "decks/mini/deck.yaml: 4 items, 0 errors, 0 warnings: valid\n", "")
    assert run("validate", "./mini") == (1, (
        "mini/deck.yaml: the deck file does not exist\n"
        "mini/deck.yaml: 1 error, 0 warnings: INVALID\n"), "")


def test_validate_json_reports_a_missing_deck_and_goes_on(workdir: Path) -> None:
    code, out, err = run("validate", "nope", "mini", "--json")
    assert (code, err) == (1, "")
    data = json.loads(out)
    assert [(d["path"], d["valid"]) for d in data] == [("nope", False),
                                                     ("decks/mini/deck.yaml", True)]
    assert data[0]["problems"][0]["message"] == (
        "no such deck; give a deck folder, its deck.yaml, or the id of a deck that "
        "'quizgen list' shows")


def test_two_decks_with_one_id_are_invalid(workdir: Path) -> None:
    shutil.copytree(workdir / "decks" / "mini", workdir / "decks" / "mini-copy")
    code, out, _ = run("validate")
    assert code == 1
    assert out.splitlines() == [
        "decks/mini/deck.yaml: 4 items, 0 errors, 0 warnings: valid",
        "decks/mini-copy/deck.yaml, field 'id': 'mini' is also the id of decks/mini/deck.yaml; "
        "each deck needs its own id",
        "decks/mini-copy/deck.yaml: 4 items, 1 error, 0 warnings: INVALID",
    ]


def test_a_misspelt_field_does_not_hide_the_items_other_problems(workdir: Path) -> None:
    break_deck(workdir, "    explanation: Reporters say this",
               "    explenation: Reporters say this")
    break_deck(workdir, "    kind: hedging\n", "    kind: hedge\n")
    break_deck(workdir, "title: A small deck for tests", "titel: A small deck for tests")
    code, out, _ = run("validate")
    assert code == 1
    assert [line.split(": ", 1)[0] for line in out.splitlines()] == [
        "decks/mini/deck.yaml:1, field 'title'",
        "decks/mini/deck.yaml:2, field 'titel'",
        "decks/mini/deck.yaml:24, item 'hedging-not-reached', field 'explanation'",
        "decks/mini/deck.yaml:25, item 'hedging-not-reached', field 'kind'",
        "decks/mini/deck.yaml:34, item 'hedging-not-reached', field 'explenation'",
        "decks/mini/deck.yaml",
    ]


def test_ids_are_matched_before_folder_names(workdir: Path) -> None:
    # decks/alpha holds the deck with id beta; decks/gamma the one with id alpha.
    decks = workdir / "decks"
    (decks / "mini").rename(decks / "alpha")
    shutil.copytree(decks / "alpha", decks / "gamma")
    for folder, deck_id in (("alpha", "beta"), ("gamma", "alpha")):
        path = decks / folder / "deck.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("id: mini\n", f"id: {deck_id}\n",
                                                                 1), encoding="utf-8")
    assert run("validate", "alpha")[1] == (
        "decks/gamma/deck.yaml: 4 items, 0 errors, 0 warnings: valid\n")
    assert run("validate", "beta")[1] == (
        "decks/alpha/deck.yaml: 4 items, 0 errors, 0 warnings: valid\n")


def test_one_deck_named_three_ways_is_checked_once(workdir: Path) -> None:
    assert run("validate", "mini", "decks/mini", f"{workdir}/decks/mini/deck.yaml") == (
        0, "decks/mini/deck.yaml: 4 items, 0 errors, 0 warnings: valid\n", "")
