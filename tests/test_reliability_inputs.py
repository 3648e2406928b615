"""Every hostile input of issue 11 ends in one line naming the file and the problem, exit 1:
no traceback, no hang. Each case breaks a copy of the mini deck once."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, run

from quizgen.fold import ArticleIndex

ROOT = Path(__file__).parent.parent
DECK = "decks/mini/deck.yaml"
LOCK = "decks/mini/anki-lock.json"


def edit(workdir: Path, old: str, new: str, name: str = DECK) -> None:
    path = workdir / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def one_error(*args: str) -> str:
    """Run a command that must fail; give its one line on stderr."""
    code, out, err = run(*args)
    assert code == 1, (code, out, err)
    assert len(err.splitlines()) == 1, err
    assert "Traceback" not in err
    return err.rstrip("\n")


def replace_with(path: Path, kind: str) -> None:
    """Make path a FIFO, a link to a device, or a link that loops."""
    path.unlink()
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "loop":
        path.symlink_to(path.name)
    else:
        path.symlink_to(kind)


# ---- the deck file and the article ---------------------------------------------------

@pytest.mark.parametrize(("kind", "said"), [
    ("fifo", "is a named pipe (FIFO), not a file"),
    ("loop", "is a symbolic link that loops back on itself"),
    ("/dev/zero", "is a link to /dev/zero, outside its folder decks/mini"),
    ("/dev/urandom", "is a link to /dev/urandom, outside its folder decks/mini"),
])
def test_a_deck_file_that_is_no_file(workdir: Path, kind: str, said: str) -> None:
    replace_with(workdir / DECK, kind)
    assert one_error("build", "decks/mini") == f"Error: {DECK}: the deck file {said}"


@pytest.mark.parametrize(("kind", "said"), [
    ("fifo", "is a named pipe (FIFO), not a file; put the article text beside deck.yaml"),
    ("loop", "is a symbolic link that loops back on itself; put the article text beside "
             "deck.yaml"),
    ("/dev/zero", "lies outside the deck folder (through a symbolic link); keep the article "
                  "beside deck.yaml"),
])
def test_an_article_that_is_no_file(workdir: Path, kind: str, said: str) -> None:
    replace_with(workdir / "decks/mini/article.txt", kind)
    assert one_error("build", "mini") == (
        f"Error: {DECK}:9, field 'source.article': 'article.txt' {said}")


def test_a_device_inside_the_deck_folder_is_refused_unread(workdir: Path) -> None:
    # Where the folder itself holds the device (a bind mount, a copy of /dev): refused by kind.
    from quizgen.deckfile.files import UnreadableFileError, read_capped

    with pytest.raises(UnreadableFileError) as caught:
        read_capped(Path("/dev/zero"), "the article", Path("/dev"))
    assert caught.value.reason == "the article is a character device, not a file"


@pytest.mark.parametrize(("article", "said"), [
    ('"art\\0icle.txt"', "'art\\x00icle.txt' holds a NUL character; give the article's "
                         "file name"),
    ("a" * 5000, "'" + "a" * 80 + "…' has a path too long for this system; put the article "
                 "text beside deck.yaml"),
])
def test_an_article_path_with_a_nul_or_5000_characters(workdir: Path, article: str,
                                                       said: str) -> None:
    edit(workdir, "  article: article.txt", f"  article: {article}")
    assert one_error("build", "mini") == f"Error: {DECK}:9, field 'source.article': {said}"


def test_an_unreadable_article_folder(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import quizgen.deckfile.files as files

    (workdir / "decks/mini/sub").mkdir()
    shutil.move(workdir / "decks/mini/article.txt", workdir / "decks/mini/sub/article.txt")
    edit(workdir, "  article: article.txt", "  article: sub/article.txt")
    real_stat = os.stat

    def no_entry(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if "sub" in str(path):  # as "chmod 000 sub" does for anyone but root
            raise PermissionError(13, "Permission denied", str(path))
        return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(files.os, "stat", no_entry)
    assert one_error("build", "mini") == (
        f"Error: {DECK}:9, field 'source.article': 'sub/article.txt' cannot be read: "
        "Permission denied")


def test_a_yaml_alias_is_refused_before_it_is_expanded(workdir: Path) -> None:
    edit(workdir, "    explanation: The quote is attributed by name, with the speaker's job "
                  "and firm.\n",
         "    explanation: &big The quote is attributed by name.\n")
    path = workdir / DECK
    text = path.read_text(encoding="utf-8")
    text = text.replace("    explanation: A number attributed to the mayor, not checked by the "
                        "reporter.\n", "    explanation: *big\n")
    path.write_text(text, encoding="utf-8")
    assert one_error("build", "mini") == (
        f"Error: {DECK}:49: YAML alias *big (column 18): a deck may not repeat a value by "
        "reference; write the text out")
    assert not (workdir / "dist").exists()


def test_an_asterisk_in_text_is_no_alias(workdir: Path) -> None:
    edit(workdir, "    explanation: A number attributed to the mayor, not checked by the "
                  "reporter.\n", "    explanation: A *number* attributed to the mayor, *not* "
                  "checked.\n")
    assert run("validate", "mini")[0] == 0


def test_evidence_in_an_article_of_one_repeated_word_is_found_and_bounded() -> None:
    # 3 MB of one word: above the size the index covers, and one key for every place below it.
    for article in ("the " * 750_000 + "end of story", "the " * 100_000 + "end of story"):
        index = ArticleIndex(article)
        assert "the the the the the the the end of story" in index
        assert "the the the the the the the end of the story" not in index
        assert index.matched_prefix("the the end of the story") == "the the end of "
        assert all(len(places) <= ArticleIndex.PLACES + 1
                   for places in index._starts.values())


# ---- the lock ------------------------------------------------------------------------

@pytest.fixture
def built(workdir: Path) -> Path:
    assert run("build", "mini", "-o", "dist")[0] == 0
    return workdir


@pytest.mark.parametrize(("content", "said"), [
    ('{"items": {"a": {"hash": "x", "mod": ' + "9" * 5000 + "}}}",
     "not a lock quizgen wrote (Exceeds the limit (4300 digits) for integer string "
     "conversion: value has 5000 digits; use sys.set_int_max_str_digits() to increase the "
     "limit); restore it from version control"),
    ("[" * 100_000 + "]" * 100_000,
     "not a lock quizgen wrote (nested too deeply); restore it from version control"),
    ('{"items": {"\\ud800": {"hash": "x", "mod": 1}}}',
     "holds a lone surrogate escape (\\ud800 and the like), which is not text; restore it "
     "from version control"),
])
def test_a_lock_that_is_no_lock(built: Path, content: str, said: str) -> None:
    (built / LOCK).write_text(content, encoding="utf-8")
    assert one_error("anki", "mini") == f"Error: {LOCK}: {said}"


@pytest.mark.parametrize(("kind", "said"), [
    ("fifo", "the lock is a named pipe (FIFO), not a file; delete it and run quizgen anki "
             "to write a new one"),
    ("/dev/zero", "the lock is a link to /dev/zero, outside its folder decks/mini; make it "
                  "a file of this deck's own"),
])
def test_a_lock_that_is_no_file(built: Path, kind: str, said: str) -> None:
    replace_with(built / LOCK, kind)
    assert one_error("build", "mini") == f"Error: {LOCK}: {said}"


def test_a_lock_linked_to_another_decks_lock_is_refused_and_that_lock_kept(
        built: Path) -> None:
    shutil.copytree(FIXTURES / "hostile", built / "decks/hostile")
    assert run("anki", "hostile", "-o", "h.apkg")[0] == 0
    other = (built / "decks/hostile/anki-lock.json").read_bytes()
    (built / LOCK).unlink()
    (built / LOCK).symlink_to("../hostile/anki-lock.json")
    error = one_error("build", "mini")
    assert error == (f"Error: {LOCK}: the lock is a link to {built}/decks/hostile/"
                     "anki-lock.json, outside its folder decks/mini; make it a file of this "
                     "deck's own")
    assert (built / "decks/hostile/anki-lock.json").read_bytes() == other


def test_a_lock_with_a_bom_is_read(built: Path) -> None:
    lock = built / LOCK
    lock.write_bytes(b"\xef\xbb\xbf" + lock.read_bytes())
    assert run("anki", "mini", "--frozen", "-o", "x.apkg") == (0, "x.apkg\n", "")


@pytest.mark.parametrize(("command", "target", "name"), [
    ("anki", LOCK, "anki-lock.json"),
    ("anki", DECK, "deck.yaml"),
    ("html", "decks/mini/article.txt", "article.txt"),
    ("export", DECK, "deck.yaml"),
])
def test_an_output_that_would_replace_a_deck_file_is_refused(
        built: Path, command: str, target: str, name: str) -> None:
    before = (built / target).read_bytes()
    assert one_error(command, "mini", "-o", target) == (
        f"Error: {target}: is the deck's own {name}; an output must not replace it: write "
        "the output elsewhere")
    assert (built / target).read_bytes() == before


@pytest.mark.parametrize("command", ["anki", "html", "export"])
def test_an_output_named_as_a_folder_is_refused(workdir: Path, command: str) -> None:
    assert one_error(command, "mini", "-o", "newdir/") == (
        "Error: newdir/: is a folder; give a file name")
    assert not (workdir / "newdir").exists()


# ---- templates, decks folders ---------------------------------------------------------

@pytest.mark.parametrize(("kind", "said"), [
    ("dir", "this template is a directory, not a file"),
    ("fifo", "this template is a named pipe (FIFO), not a file"),
    ("/dev/zero", "this template is a link to /dev/zero, outside its folder templates"),
])
def test_a_template_dir_entry_that_is_no_file(workdir: Path, kind: str, said: str) -> None:
    entry = workdir / "templates" / "quiz.html"
    entry.parent.mkdir()
    if kind == "dir":
        entry.mkdir()
    else:
        entry.write_text("x", encoding="utf-8")
        replace_with(entry, kind)
    assert one_error("html", "mini", "--template-dir", "templates", "-o", "q.html") == (
        f"Error: templates/quiz.html: {said}")


def test_one_unreadable_folder_under_decks_is_that_decks_problem(
        workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (workdir / "decks" / "locked").mkdir()
    real_is_file = Path.is_file

    def is_file(self: Path) -> bool:
        if self.parent.name == "locked":  # as "chmod 000 decks/locked" does for anyone but root
            raise PermissionError(13, "Permission denied", str(self))
        return real_is_file(self)

    monkeypatch.setattr(Path, "is_file", is_file)
    assert run("validate", "mini") == (
        0, "decks/mini/deck.yaml: 4 items, 0 errors, 0 warnings: valid\n", "")
    code, out, err = run("list")
    assert code == 1
    assert out.startswith("mini  4 items  A small deck for tests\n")
    assert err == "Error: decks/locked/deck.yaml: the deck file does not exist\n"


# ---- text: invisible characters, bidi controls, terminal escapes ----------------------

@pytest.mark.parametrize(("old", "new", "where", "said"), [
    ("      - text: The mayor of the town", "      - text: Dana\u200b Reyes, an engineer",
     "16, item 'who-said-bridge-unsafe', field 'distractors[0].text'",
     "holds a zero-width space (U+200B) at character 5; it makes options that differ look "
     "alike: delete it"),
    ("      - text: The mayor of the town", "      - text: Dana Rey\u00ades, an engineer",
     "16, item 'who-said-bridge-unsafe', field 'distractors[0].text'",
     "holds a soft hyphen (U+00AD) at character 9; it makes options that differ look alike: "
     "delete it"),
    ("    answer: Dana Reyes, an engineer", "    answer: \u202eDana Reyes, an engineer",
     "14, item 'who-said-bridge-unsafe', field 'answer'",
     "holds a right-to-left override (U+202E) at character 1; it reorders how the text "
     "displays: delete it"),
    ("      - text: A council spokesperson", "      - text: All of the\u2060 above",
     "18, item 'who-said-bridge-unsafe', field 'distractors[1].text'",
     "holds a word joiner (U+2060) at character 11; it makes options that differ look "
     "alike: delete it"),
    ("        why: The spokesperson could not be reached.",
     "        why: The spokesperson \u2067could\u2069 not be reached.",
     "19, item 'who-said-bridge-unsafe', field 'distractors[1].why'",
     "holds a right-to-left isolate (U+2067) at character 18; it reorders how the text "
     "displays: delete it"),
])
def test_invisible_and_bidi_characters_are_errors(workdir: Path, old: str, new: str,
                                                  where: str, said: str) -> None:
    edit(workdir, old, new)
    code, out, _ = run("validate", "mini")
    assert code == 1
    assert f"decks/mini/deck.yaml:{where}: {said}" in out.splitlines()


def test_joiners_stay_allowed(workdir: Path) -> None:
    edit(workdir, "      - text: The mayor of the town",
         "      - text: The mayor of the town \U0001f469\u200d\U0001f4bc, "
         "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645")
    assert run("validate", "mini")[0] == 0


def test_a_bidi_control_in_the_title_is_an_error(workdir: Path) -> None:
    edit(workdir, "title: A small deck for tests", 'title: "A small \\u202edeck"')
    code, out, _ = run("validate", "mini")
    assert code == 1
    assert ("decks/mini/deck.yaml, field 'title': holds a right-to-left override (U+202E) at "
            "character 9; it reorders how the text displays: delete it") in out.splitlines()


def test_titles_that_make_one_anki_deck_are_flagged(workdir: Path) -> None:
    shutil.copytree(workdir / "decks/mini", workdir / "decks/other")
    edit(workdir, "id: mini", "id: other", "decks/other/deck.yaml")
    edit(workdir, "title: A small deck for tests", "title: A SMALL deck::for tests",
         "decks/other/deck.yaml")
    edit(workdir, "title: A small deck for tests", "title: A small deck:for tests")
    code, out, _ = run("validate")
    assert code == 1
    assert out.splitlines()[-2:] == [
        "decks/other/deck.yaml, field 'title': makes the Anki deck Media literacy::A SMALL "
        "deck:for tests, as decks/mini/deck.yaml does (Anki ignores case, and quizgen makes "
        "'::' one ':'); give it a title of its own",
        "decks/other/deck.yaml: 4 items, 1 error, 0 warnings: INVALID"]
    assert one_error("build", "-o", "dist") == (
        "Error: decks/other/deck.yaml: its title makes the same Anki deck as "
        "decks/mini/deck.yaml's (Anki ignores case, and '::' becomes ':'); give each deck a "
        "title of its own")


def test_an_empty_part_in_a_tag_is_an_error(workdir: Path) -> None:
    edit(workdir, "    tags: [quote, named-source]", "    tags: [quote, 'source::']")
    code, out, _ = run("validate", "mini")
    assert code == 1
    assert ("decks/mini/deck.yaml:22, item 'who-said-bridge-unsafe', field 'tags': "
            "'source::' has an empty part; Anki reads '::' as a parent tag and its child, so "
            "put a name on each side") in out.splitlines()


def test_list_never_prints_a_control_character(workdir: Path) -> None:
    edit(workdir, "title: A small deck for tests",
         'title: "Deck \\e]0;owned\\a\\e[2J \\x9b31m"')
    code, out, err = run("list")
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "mini  4 items  Deck \\x1b]0;owned\\x07\\x1b[2J \\x9b31m"
    code, out, _ = run("list", "--json")
    assert json.loads(out)[0]["title"] == "Deck \x1b]0;owned\x07\x1b[2J \x9b31m"
    assert "\x1b" not in out and "\x9b" not in out
    # The error it makes in validate is printed escaped too.
    code, out, _ = run("validate", "mini")
    assert "\x1b" not in out and "\x9b" not in out
    assert ("decks/mini/deck.yaml, field 'title': holds a control character (U+001B) at "
            "character 6; it is not text: delete it") in out.splitlines()


# ---- standard output closed or full ---------------------------------------------------

def quizgen(*args: str, cwd: Path, stdout: int | None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "quizgen", *args], cwd=cwd, env=env,
                          stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=120,
                          check=False)


@pytest.mark.parametrize("args", [("build", "mini", "-o", "dist"), ("list",),
                                  ("validate", "mini"), ("export", "mini"),
                                  ("html", "mini", "-o", "-")])
def test_a_full_standard_output_is_one_line_and_exit_1(workdir: Path,
                                                       args: tuple[str, ...]) -> None:
    with open("/dev/full", "w") as full:
        done = quizgen(*args, cwd=workdir, stdout=full.fileno())
    assert (done.returncode, done.stderr) == (
        1, "Error: cannot write to standard output: No space left on device\n")


def test_build_with_standard_output_closed_is_one_line_and_exit_1(workdir: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(f"{sys.executable} -m quizgen build mini -o dist >&-", shell=True,
                          cwd=workdir, env=env, capture_output=True, text=True, timeout=120,
                          check=False)
    assert (done.returncode, done.stderr) == (
        1, "Error: standard output is closed; quizgen prints what it does there (send it to "
           "/dev/null to discard it)\n")
    assert not (workdir / "dist").exists()
