"""Versions a teacher can trust, and the students' page apart from the teacher's.

Every version of a selection asks the same items; the seed only orders them; a sheet and its
key show one code; the students' index never links an answer; the quiz has its own order.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import Copies, run

from quizgen import builder
from quizgen.outputs import EXPORT, OUTPUTS, TEACHER, Context, Files, Output
from quizgen.quiz import arrange
from quizgen.validation import load_checked

DECK = "iran-pakistan-2024"
SELECTION = ("--count", "10", "--kind", "who-said", "--kind", "hedging")


def ids_in(path: Path) -> list[str]:
    return re.findall(r'data-item-id="([^"]+)"', path.read_text(encoding="utf-8"))


def code_in(path: Path) -> str:
    (code,) = re.findall(r'data-role="version-code">([^<]+)<', path.read_text(encoding="utf-8"))
    return code


def page(copies: Copies, tmp_path: Path, mode: str, seed: str, *options: str) -> Path:
    out = tmp_path / f"{mode}-{seed}-{len(list(tmp_path.iterdir()))}.html"
    code, _, err = run("html", str(copies.shipped(DECK)), "--mode", mode, "--seed", seed,
                       *options, "-o", str(out))
    assert (code, err) == (0, "")
    return out


def test_two_seeds_ask_the_same_ten_items_in_other_orders_with_matching_keys(
        copies: Copies, tmp_path: Path) -> None:
    sheets = {seed: page(copies, tmp_path, "worksheet", seed, *SELECTION) for seed in "12"}
    keys = {seed: page(copies, tmp_path, "key", seed, *SELECTION) for seed in "12"}
    one, two = ids_in(sheets["1"]), ids_in(sheets["2"])
    assert len(one) == len(set(one)) == 10
    assert sorted(one) == sorted(two)
    assert one != two
    for seed in "12":
        assert ids_in(keys[seed]) == ids_in(sheets[seed])
        assert code_in(keys[seed]) == code_in(sheets[seed])
        assert re.fullmatch(r"[0-9A-Z]{3}-[0-9A-Z]{3}", code_in(sheets[seed]))
    assert code_in(sheets["1"]) != code_in(sheets["2"])
    text = sheets["1"].read_text(encoding="utf-8")
    deck, _ = load_checked(copies.shipped(DECK))
    pool = sum(item.kind in ("who-said", "hedging") for item in deck.items)
    assert (f'<p class="version-line"><span data-role="selection">10 questions drawn from '
            f'{pool} · kinds: who-said, hedging · tags: all</span> · Code '
            f'<code data-role="version-code">{code_in(sheets["1"])}</code></p>') in text


def test_the_code_changes_with_the_selection_and_with_one_items_text(
        copies: Copies, tmp_path: Path) -> None:
    base = code_in(page(copies, tmp_path, "worksheet", "1", *SELECTION))
    assert base == code_in(page(copies, tmp_path, "key", "1", *SELECTION))
    others = {
        code_in(page(copies, tmp_path, "worksheet", "1", *SELECTION, "--pick", "2")),
        code_in(page(copies, tmp_path, "worksheet", "1", "--count", "10", "--kind", "who-said",
                     "--kind", "fact")),
        code_in(page(copies, tmp_path, "worksheet", "1", "--count", "9", "--kind", "who-said",
                     "--kind", "hedging")),
    }
    assert base not in others and len(others) == 3
    chosen = ids_in(page(copies, tmp_path, "worksheet", "1", *SELECTION))
    yaml = copies.shipped(DECK) / "deck.yaml"
    text = yaml.read_text(encoding="utf-8")
    start = text.index(f"  - id: {chosen[0]}\n")
    at = text.index("    prompt: ", start) + len("    prompt: ")
    quote = '"' if text[at] == '"' else ""
    yaml.write_text(text[:at] + quote + "Reworded: " + text[at + len(quote):], encoding="utf-8")
    reworded = page(copies, tmp_path, "worksheet", "1", *SELECTION)
    assert ids_in(reworded) == chosen  # the same questions in the same order ...
    assert code_in(reworded) != base  # ... but not the same sheet


def test_the_code_hashes_the_arranged_quiz() -> None:
    deck, _ = load_checked(Path(__file__).parent / "fixtures" / "mini" / "deck.yaml")
    assert arrange(deck, 1).version_code == arrange(deck, 1).version_code
    assert len({arrange(deck, seed).version_code for seed in range(1, 21)}) == 20


def test_a_draw_spreads_across_kinds_and_another_pick_draws_other_items() -> None:
    deck, _ = load_checked(Path(__file__).parent.parent / "decks" / DECK / "deck.yaml")
    first = arrange(deck, 1, count=10)
    assert len({q.item.kind for q in first.questions}) == 10  # ten kinds, one item each
    for seed in (2, 3, 99):
        assert ({q.item.id for q in arrange(deck, seed, count=10).questions}
                == {q.item.id for q in first.questions})
    second = arrange(deck, 1, count=10, pick=2)
    assert not {q.item.id for q in second.questions} & {q.item.id for q in first.questions}
    assert second.built_with == "--seed 1 --count 10 --pick 2"


def test_pick_without_count_says_what_is_missing(copies: Copies) -> None:
    assert run("html", str(copies.shipped(DECK)), "--pick", "2", "-o", "-") == (
        1, "", "Error: --pick 2 chooses among draws of --count items; without --count every "
               "item is asked, so give --count too\n")


def test_page_names_made_without_o_say_what_tells_them_apart(
        copies: Copies, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    deck = str(copies.shipped(DECK))
    runs = [
        (("--mode", "worksheet"), "iran-pakistan-2024-worksheet.html"),
        (("--mode", "worksheet", "--seed", "2", *SELECTION),
         "iran-pakistan-2024-worksheet-v2-10q-hedging+who-said.html"),
        (("--mode", "answer-key", "--seed", "2", *SELECTION),
         "iran-pakistan-2024-answer-key-v2-10q-hedging+who-said.html"),
        (("--mode", "worksheet", "--seed", "2", *SELECTION, "--pick", "2"),
         "iran-pakistan-2024-worksheet-v2-10q-hedging+who-said-pick2.html"),
        (("--mode", "worksheet", "--seed", "2", "--tag", "anonymous-source"),
         "iran-pakistan-2024-worksheet-v2-tag-anonymous-source.html"),
    ]
    for options, name in runs:
        assert run("html", deck, *options) == (0, f"{name}\n", "")
    assert sorted(p.name for p in tmp_path.glob("*.html")) == sorted(name for _, name in runs)


def test_answer_key_is_another_name_for_key(copies: Copies) -> None:
    deck = str(copies.shipped(DECK))
    assert (run("html", deck, "--mode", "answer-key", *SELECTION, "-o", "-")
            == run("html", deck, "--mode", "key", *SELECTION, "-o", "-"))


# The build


def render_notes(context: Context) -> Files:
    """A stand-in for a teacher's output added to the registry."""
    return {"class-notes.html": f"<p>{context.quiz.deck.id}</p>".encode()}


CLASS_NOTES = Output("class-notes", ".html", "Class notes", TEACHER, "stable", EXPORT,
                     "test_versions:render_notes",
                     howto="Notes for the class discussion.")


@pytest.fixture
def site(copies: Copies, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(builder, "OUTPUTS", (*OUTPUTS, CLASS_NOTES))
    out = tmp_path / "site" / "nested"  # build makes its folder, parents included
    code, _, err = run("build", str(copies.shipped(DECK)), "-o", str(out), "--versions", "3",
                       *SELECTION)
    assert code == 0
    # Nothing to warn of but the items a platform cannot hold, one line a platform.
    assert all(" items left out of the " in line for line in err.splitlines()), err
    return out


def hrefs(path: Path) -> list[str]:
    return re.findall(r'href="([^"]+)"', path.read_text(encoding="utf-8"))


def test_the_students_page_links_no_answer(site: Path) -> None:
    links = hrefs(site / "index.html")
    assert links == [f"{DECK}/quiz.html", f"{DECK}/article.html", f"{DECK}/{DECK}.apkg"]
    for link in links:
        assert not re.search(r"key|worksheet|sourc|teacher", link)
        assert (site / link).is_file()
    assert "teacher" not in (site / "index.html").read_text(encoding="utf-8").lower()


def test_the_teachers_page_links_every_sheet_key_and_teacher_output(site: Path) -> None:
    teacher = site / "teacher" / "index.html"
    assert hrefs(teacher) == [
        "../index.html",
        *(f"{DECK}/{name}-v{v}.html" for v in (1, 2, 3)
          for name in ("worksheet", "answer-key", "present")),
        f"{DECK}/sourcing-map.html", f"{DECK}/{DECK}.json",
        *(f"{DECK}/{DECK}-{name}" for name in ("moodle.xml", "gift.txt", "aiken.txt", "qti.zip",
                                               "kahoot.xlsx", "quizizz.xlsx", "blooket.csv",
                                               "gimkit.csv", "quizlet.txt", "h5p.h5p")),
        f"{DECK}/class-notes.html",
        f"../{DECK}/quiz.html", f"../{DECK}/article.html", f"../{DECK}/{DECK}.apkg"]
    for link in hrefs(teacher):
        assert (teacher.parent / link).resolve().is_file()
    text = teacher.read_text(encoding="utf-8")
    assert ('<a href="iran-pakistan-2024/class-notes.html">Class notes</a> <span class="howto">'
            'Notes for the class discussion.</span>') in text
    codes = re.findall(r'data-role="version-code">([^<]+)<', text)
    assert codes == [code_in(site / "teacher" / DECK / f"worksheet-v{v}.html") for v in (1, 2, 3)]


def test_every_version_asks_the_same_items_and_the_quiz_has_an_order_of_its_own(
        site: Path) -> None:
    teacher = site / "teacher" / DECK
    quiz = ids_in(site / DECK / "quiz.html")
    printed = [ids_in(teacher / f"worksheet-v{v}.html") for v in (1, 2, 3)]
    assert len(quiz) == 10
    for order in printed:
        assert sorted(order) == sorted(quiz)
        assert order != quiz
    assert len({tuple(order) for order in printed}) == 3
    assert ('<p class="howto" data-role="quiz-seed">The quiz uses seed 4: its order is none of '
            "the printed versions', so it gives away no test. To print more versions later, use "
            "other seeds (<code>quizgen html iran-pakistan-2024 --mode worksheet --seed 5 "
            "--kind who-said --kind hedging --count 10</code> "
            "and on).</p>") in (
        site / "teacher" / "index.html").read_text(encoding="utf-8")
    assert "Version 4" in (site / DECK / "quiz.html").read_text(encoding="utf-8")


def test_the_article_page_numbers_every_line(site: Path, copies: Copies) -> None:
    text = (site / DECK / "article.html").read_text(encoding="utf-8")
    lines = [line for line in (copies.shipped(DECK) / "article.txt").read_text(
        encoding="utf-8").splitlines() if line.strip()]
    assert 'data-role="article"' in text
    assert re.findall(r'data-paragraph="(\d+)"', text) == [str(n) for n in
                                                          range(1, len(lines) + 1)]


# Where outputs may go


def test_a_pdf_name_is_refused_with_what_to_do(copies: Copies, tmp_path: Path) -> None:
    assert run("html", str(copies.shipped(DECK)), "--mode", "worksheet", "-o",
               str(tmp_path / "sheet.pdf")) == (
        1, "", f"Error: {tmp_path / 'sheet.pdf'}: quizgen writes HTML, not PDF; write "
               f"{tmp_path / 'sheet.html'} and print it to PDF from the browser (Print, then "
               "Save as PDF)\n")
    assert not (tmp_path / "sheet.pdf").exists()


@pytest.mark.parametrize("command", [("html",), ("anki",), ("export", "--format", "json")])
def test_a_missing_folder_is_named_not_made(copies: Copies, tmp_path: Path,
                                            command: tuple[str, ...]) -> None:
    target = tmp_path / "missing" / "dir" / "x.out"
    lock = copies.shipped(DECK) / "anki-lock.json"
    before = lock.read_bytes()
    assert run(command[0], str(copies.shipped(DECK)), *command[1:], "-o", str(target)) == (
        1, "", f"Error: {target}: the folder {target.parent} does not exist; create it first "
               "or give another -o\n")
    assert not (tmp_path / "missing").exists()
    assert lock.read_bytes() == before


def test_export_takes_the_selection(copies: Copies) -> None:
    import json

    code, out, _ = run("export", str(copies.shipped(DECK)), "--format", "json", *SELECTION)
    assert code == 0
    items = json.loads(out)["items"]
    assert len(items) == 10
    assert {item["kind"] for item in items} == {"who-said", "hedging"}


def test_the_apkg_goes_to_a_pipe_but_never_to_a_terminal(copies: Copies, tmp_path: Path) -> None:
    deck = str(copies.shipped(DECK))
    assert run("anki", deck, "-o", str(tmp_path / "deck.apkg"))[0] == 0
    # Piped, the bytes are the file's.
    piped = subprocess.run([sys.executable, "-m", "quizgen", "anki", deck, "-o", "-"],
                           capture_output=True, check=True)
    assert piped.stdout == (tmp_path / "deck.apkg").read_bytes()
    # A terminal gets a sentence instead of binary noise.
    import pty

    leader, follower = pty.openpty()
    try:
        done = subprocess.run([sys.executable, "-m", "quizgen", "anki", deck, "-o", "-"],
                              stdout=follower, stderr=subprocess.PIPE, check=False,
                              env={**os.environ, "COLUMNS": "200"})
    finally:
        os.close(follower)
    os.close(leader)
    assert done.returncode == 1
    assert done.stderr.decode() == ("Error: standard output is a terminal, and this file is "
                                    "binary: redirect it (> FILE) or give -o FILE\n")


def test_a_key_left_by_an_older_build_beside_the_quiz_is_warned_of(copies: Copies,
                                                                   tmp_path: Path) -> None:
    old = tmp_path / "dist" / DECK / "answer-key.html"
    old.parent.mkdir(parents=True)
    old.write_text("an older build's key", encoding="utf-8")
    code, _, err = run("build", str(copies.shipped(DECK)), "-o", str(tmp_path / "dist"))
    assert code == 0
    assert err.splitlines()[0] == (
        f"{old}: warning: left by an older quizgen beside the students' files, where anyone "
        "with the link can open it; teacher's files now go under teacher/: delete it")
    assert all(" items left out of the " in line for line in err.splitlines()[1:])
