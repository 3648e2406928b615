"""A build is all or nothing: killed, interrupted, failing or racing, it leaves a whole site."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from conftest import FIXTURES, run

from quizgen.builder import build
from quizgen.errors import OutputError

HERE = Path(__file__).parent
#: Lock times in the future: a changed item then gets old + 1 whatever the clock says, so the
#: new site's bytes are known before the build that is killed makes them.
FUTURE = 1_900_000_000


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(proj: Path) -> list[str]:
    return sorted([p.name for p in proj.iterdir() if ".quizgen-" in p.name]
                  + [p.name for p in proj.rglob(".quizgen-*")]
                  + [p.name for p in proj.rglob("*.tmp")])


@pytest.fixture
def changed(tmp_path: Path) -> Path:
    """Give a work folder: proj/ with a built site (two decks) and the mini deck changed since,
    old/ and new/ holding the site and mini's lock before and after building the change."""
    proj = tmp_path / "proj"
    for name in ("mini", "hostile"):
        shutil.copytree(FIXTURES / name, proj / "decks" / name)
    build([proj / "decks" / "mini", proj / "decks" / "hostile"], proj / "dist", now=FUTURE)
    old = tmp_path / "old"
    shutil.copytree(proj / "dist", old / "dist")
    shutil.copy(proj / "decks/mini/anki-lock.json", old / "anki-lock.json")
    yaml = proj / "decks/mini/deck.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace(
        "What does \"could not immediately be reached for comment\" tell you?",
        "What does the phrase \"could not immediately be reached for comment\" tell you?"),
        encoding="utf-8")
    ahead = tmp_path / "ahead"
    shutil.copytree(proj, ahead)
    build([ahead / "decks" / "mini"], ahead / "dist")
    new = tmp_path / "new"
    shutil.copytree(ahead / "dist", new / "dist")
    shutil.copy(ahead / "decks/mini/anki-lock.json", new / "anki-lock.json")
    shutil.rmtree(ahead)
    assert tree(old / "dist") != tree(new / "dist")
    assert tree(new / "dist")["hostile/hostile.apkg"] == tree(old / "dist")["hostile/hostile.apkg"]
    return tmp_path


def drive(work: Path, trials: int, mode: str) -> tuple[dict[str, object], list[dict[str, object]],
                                                          dict[str, object]]:
    done = subprocess.run([sys.executable, str(HERE / "kill_driver.py"), str(work), str(trials),
                           "11", mode], capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    return lines[0], lines[1:-1], lines[-1]


def test_kill_9_at_100_moments_of_the_write_phase_leaves_old_or_new_whole(changed: Path) -> None:
    calibration, trials, final = drive(changed, 100, "KILL")
    assert calibration["code"] == 0 and calibration["new"] is True
    assert len(trials) == 100
    killed = [t for t in trials if t["signal"] == 9]
    assert len(killed) >= 95  # a draw past the last call lets the build finish
    states = [(t["site"], t["lock"]) for t in trials]
    # The site is wholly old or wholly new; the lock is never behind the site.
    assert set(states) <= {("old", "old"), ("old", "new"), ("new", "new")}, states
    assert ("old", "new") in states and ("new", "new") in states  # kills landed all over
    # The next build sweeps what the kills left and finishes the job.
    assert final == {"final": 0, "new": True, "leftovers": []}
    counts = Counter(f"site {site}, lock {lock}" for site, lock in states)
    print(f"kill -9 at {len(killed)} of {calibration['calibration']} calls: "
          f"{sum(s[0] == 'mixed' for s in states)} mixed sites; {dict(sorted(counts.items()))}")


@pytest.mark.parametrize(("mode", "code"), [("INT", 130), ("TERM", 143)])
def test_an_interrupted_build_leaves_no_temporary_file(changed: Path, mode: str,
                                                       code: int) -> None:
    _, trials, final = drive(changed, 25, mode)
    for trial in trials:
        assert trial["signal"] is None, trial  # the signal stops the build, it is not fatal
        assert trial["code"] in (code, 0), repr(trial)
        assert trial["leftovers"] == [], trial
        assert (trial["site"], trial["lock"]) in {("old", "old"), ("old", "new"),
                                                  ("new", "new")}, trial
    assert {t["site"] for t in trials} == {"old", "new"}
    assert final == {"final": 0, "new": True, "leftovers": []}


def test_five_concurrent_builds_end_with_one_consistent_site(changed: Path) -> None:
    proj = changed / "proj"
    env = {**os.environ, "PYTHONPATH": str(HERE.parent)}
    builds = [subprocess.Popen([sys.executable, "-m", "quizgen", "build", "decks/mini",
                                "-o", "dist"], cwd=proj, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True) for _ in range(5)]
    results = [(b.wait(timeout=120), b.stdout.read(), b.stderr.read())  # type: ignore[union-attr]
               for b in builds]
    assert [code for code, _, _ in results] == [0] * 5, results
    for _, out, err in results:
        assert out.splitlines()[-1] == "dist/teacher/index.html"
        assert err in ("", f"{proj / 'dist'}: waiting for another build of this folder to "
                           "finish\n")
    assert tree(proj / "dist") == tree(changed / "new" / "dist")
    assert (proj / "decks/mini/anki-lock.json").read_bytes() == \
        (changed / "new" / "anki-lock.json").read_bytes()
    assert leftovers(proj) == []


def test_a_build_failing_while_it_stages_leaves_site_and_lock_as_they_were(
        changed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import quizgen.outputs.commit as commit

    proj = changed / "proj"
    real_write = os.write
    written = 0

    def full_disk(fd: int, data: bytes) -> int:  # the disk fills after two files
        nonlocal written
        written += 1
        if written > 2:
            raise OSError(28, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(commit.os, "write", full_disk)
    with pytest.raises(OutputError, match=r"dist: cannot write the new site: No space left on "
                                          r"device; the previous site is whole"):
        build([proj / "decks/mini"], proj / "dist")
    assert tree(proj / "dist") == tree(changed / "old" / "dist")
    # The lock went ahead (it is written first, and a lock ahead of its site is safe).
    assert (proj / "decks/mini/anki-lock.json").read_bytes() == \
        (changed / "new" / "anki-lock.json").read_bytes()
    assert leftovers(proj) == []


def test_other_decks_and_other_files_in_the_output_folder_survive(changed: Path) -> None:
    proj = changed / "proj"
    (proj / "dist" / "notes.txt").write_text("mine", encoding="utf-8")
    (proj / "dist" / "mini" / "stale.html").write_text("old output", encoding="utf-8")
    build([proj / "decks/mini"], proj / "dist")
    site = tree(proj / "dist")
    assert site.pop("notes.txt") == b"mine"
    assert site == tree(changed / "new" / "dist")  # mini/ replaced whole: stale.html is gone


def test_the_output_folder_may_be_a_link_and_stays_one(changed: Path) -> None:
    proj = changed / "proj"
    (proj / "dist").rename(proj / "real-site")
    (proj / "dist").symlink_to("real-site")
    build([proj / "decks/mini"], proj / "dist")
    assert (proj / "dist").is_symlink()
    assert tree(proj / "real-site") == tree(changed / "new" / "dist")


@pytest.mark.parametrize("where", [".", "decks"])
def test_an_output_folder_that_would_take_a_deck_or_here_along_is_refused(
        changed: Path, monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    proj = changed / "proj"
    monkeypatch.chdir(proj)
    before = tree(proj)
    code, out, err = run("build", "decks/mini", "-o", where)
    assert code == 1 and out == ""
    expected = {
        ".": "Error: .: is the current folder or holds it; a build replaces its output "
             "folder, so give it one of its own (-o dist)\n",
        "decks": "Error: decks: a build would replace decks/mini, which holds the deck "
                 "decks/mini; build into another folder\n",
    }[where]
    assert err == expected
    assert tree(proj) == before


def test_a_killed_swap_without_exchange_is_undone_by_the_next_build(changed: Path) -> None:
    from quizgen.outputs.commit import OLD, sweep

    proj = changed / "proj"
    (proj / "dist").rename(proj / f".dist.{OLD}abc")  # killed between the two renames
    sweep(proj / "dist")
    assert tree(proj / "dist") == tree(changed / "old" / "dist")
    assert leftovers(proj) == []


def test_an_apkg_path_that_is_a_folder_is_replaced_with_the_deck_folder(changed: Path) -> None:
    proj = changed / "proj"
    (proj / "dist/mini/mini.apkg").unlink()
    (proj / "dist/mini/mini.apkg").mkdir()
    build([proj / "decks/mini"], proj / "dist")
    assert tree(proj / "dist") == tree(changed / "new" / "dist")


def test_a_read_only_deck_folder_stops_the_build_before_anything_is_written(
        changed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import quizgen.outputs.commit as commit

    proj = changed / "proj"
    real_access = os.access

    def read_only(path: object, mode: int, **kwargs: object) -> bool:
        # As "chmod a-w decks/mini" does for anyone but root.
        if os.path.realpath(str(path)) == str(proj / "decks/mini") and mode & os.W_OK:
            return False
        return real_access(path, mode)  # type: ignore[arg-type]

    monkeypatch.setattr(commit.os, "access", read_only)
    monkeypatch.chdir(proj)
    code, out, err = run("build", "decks/mini", "-o", "dist")
    assert (code, out) == (1, "")
    assert err == ("Error: decks/mini: cannot write here (permission denied); the deck's "
                   "anki-lock.json must be updated with the site\n")
    assert tree(proj / "dist") == tree(changed / "old" / "dist")
    assert (proj / "decks/mini/anki-lock.json").read_bytes() == \
        (changed / "old" / "anki-lock.json").read_bytes()


def test_without_exchange_the_site_is_swapped_by_two_renames(
        changed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import quizgen.outputs.commit as commit

    monkeypatch.setattr(commit, "_exchange", lambda one, two: False)
    proj = changed / "proj"
    build([proj / "decks/mini"], proj / "dist")
    assert tree(proj / "dist") == tree(changed / "new" / "dist")
    assert leftovers(proj) == []


def test_where_the_parent_is_not_writable_each_deck_folder_is_swapped_in_and_it_says_so(
        changed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import quizgen.outputs.commit as commit

    proj = changed / "proj"
    real_writable = commit._writable
    monkeypatch.setattr(commit, "_writable", lambda folder: folder != proj and
                        real_writable(folder))
    (proj / "dist" / "notes.txt").write_text("mine", encoding="utf-8")
    monkeypatch.chdir(proj)
    code, out, err = run("build", "decks/mini", "-o", "dist")
    assert (code, out.splitlines()[-1]) == (0, "dist/teacher/index.html")
    assert err == (f"{proj / 'dist'}: replaced folder by folder, not as a whole ({proj} is not "
                   "writable)\n")
    site = tree(proj / "dist")
    assert site.pop("notes.txt") == b"mine"
    assert site == tree(changed / "new" / "dist")
    assert leftovers(proj) == []


def test_ctrl_c_while_writing_says_what_is_left(changed: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import signal

    import quizgen.outputs.commit as commit

    proj = changed / "proj"
    real_write_new = commit._write_new

    def interrupted(*args: object) -> None:
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C, while the first new file is written
        real_write_new(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(commit, "_write_new", interrupted)
    monkeypatch.chdir(proj)
    assert run("build", "decks/mini", "-o", "dist") == (
        130, "", "Error: dist: interrupted (SIGINT) before the site was replaced; the previous "
                 "site is whole\n")
    assert tree(proj / "dist") == tree(changed / "old" / "dist")
    assert leftovers(proj) == []


def test_a_build_owns_each_decks_folders_whole_and_shared_pages_alone() -> None:
    from quizgen.builder import owned_prefixes

    # The layout of today, and one with the teacher's pages in a folder of their own.
    assert owned_prefixes(dict.fromkeys(["mini/quiz.html", "mini/mini.apkg", "index.html"],
                                        b"")) == ["index.html", "mini/"]
    assert owned_prefixes(dict.fromkeys([
        "mini/quiz.html", "mini/mini.apkg", "teacher/mini/worksheet.html",
        "teacher/mini/answer-key.html", "teacher/index.html", "index.html"], b"")) == [
        "index.html", "mini/", "teacher/index.html", "teacher/mini/"]
