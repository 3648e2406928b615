"""build and the html/build commands: the files written, their bytes, what is printed."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SHIPPED, Copies, run

from quizgen.builder import build, step_count
from quizgen.cli.outputs import _with_progress
from quizgen.errors import DeckError, QuizgenError

#: What a build writes for students (beside the .apkg) and, per version, for the teacher.
STUDENT_PAGES = ("quiz.html", "article.html")
PRINTED = ("worksheet", "answer-key", "present")
PLATFORMS = ("moodle.xml", "gift.txt", "aiken.txt", "qti.zip", "kahoot.xlsx", "quizizz.xlsx",
             "blooket.csv", "gimkit.csv", "quizlet.txt", "h5p.h5p")
# Builds bring a deck's anki-lock.json up to date, so every test here builds copies.
FIXTURES = Path("/nonexistent")  # replaced, for each test, by a copy of tests/fixtures


@pytest.fixture(autouse=True)
def _copied_fixtures(copies: Copies, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.modules[__name__], "FIXTURES", copies.fixtures)


def outputs_of(site: Path, deck: str, lock: Path | None = None,
               platforms: tuple[str, ...] = PLATFORMS,
               versions: tuple[int, ...] = (1, 2)) -> list[Path]:
    """Give the files a build writes for one deck, in order; lock when it was (re)written."""
    teacher = site / "teacher" / deck
    return [*(site / deck / page for page in STUDENT_PAGES),
            *(teacher / f"{page}-v{v}.html" for page in PRINTED for v in versions),
            *([lock] if lock else []), site / deck / f"{deck}.apkg",
            teacher / "sourcing-map.html", teacher / f"{deck}.json",
            *(teacher / f"{deck}-{name}" for name in platforms)]


SITE_PAGES = ("index.html", "teacher/index.html")


def ids_in(path: Path) -> list[str]:
    return re.findall(r'data-item-id="([^"]+)"', path.read_text(encoding="utf-8"))


def test_build_writes_each_page_of_each_deck_then_the_index(tmp_path: Path) -> None:
    decks = [FIXTURES / "mini" / "deck.yaml", FIXTURES / "hostile" / "deck.yaml"]
    written = build(decks, tmp_path / "site")
    site = tmp_path / "site"
    assert written == (outputs_of(site, "mini", FIXTURES / "mini" / "anki-lock.json")
                       # Aiken cannot hold & < > (Moodle escapes them twice): no file.
                       + outputs_of(site, "hostile", FIXTURES / "hostile" / "anki-lock.json",
                                    tuple(p for p in PLATFORMS if p != "aiken.txt"))
                       + [site / page for page in SITE_PAGES])
    # A step per output of each deck and one for its index entry (kept, not reported): the
    # locks are no steps, and the hostile deck's Aiken export is a step with no file.
    assert step_count(decks) == len(written) - 2 + 1 + 2
    assert all(path.stat().st_size > 1000 for path in written if path.suffix == ".html")


def test_index_links_the_students_outputs_with_titles_and_counts(tmp_path: Path) -> None:
    build([FIXTURES / "mini", FIXTURES / "hostile" / "deck.yaml"], tmp_path)
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'href="([^"]+)"', index) == [
        f"{deck}/{page}" for deck in ("mini", "hostile")
        for page in ("quiz.html", "article.html", f"{deck}.apkg")]
    assert re.findall(r"<h2>(.*?)</h2>", index) == [
        "A small deck for tests",
        "Hostile &lt;/title&gt;&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; deck &amp; co",
    ]
    assert "4 items · <code>mini</code>" in index
    assert "2 items · <code>hostile</code>" in index
    for href in re.findall(r'href="([^"]+)"', index):
        assert (tmp_path / href).is_file()


def test_the_teachers_index_links_every_teacher_file_and_what_students_get(
        tmp_path: Path) -> None:
    build([FIXTURES / "mini"], tmp_path)
    page = (tmp_path / "teacher" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'href="([^"]+)"', page) == [
        "../index.html", "mini/worksheet-v1.html", "mini/answer-key-v1.html",
        "mini/present-v1.html", "mini/worksheet-v2.html", "mini/answer-key-v2.html",
        "mini/present-v2.html", "mini/sourcing-map.html", "mini/mini.json",
        *(f"mini/mini-{name}" for name in PLATFORMS),
        "../mini/quiz.html", "../mini/article.html", "../mini/mini.apkg"]
    for href in re.findall(r'href="([^"]+)"', page):
        assert (tmp_path / "teacher" / href).resolve().is_file()


def test_two_builds_with_one_seed_are_byte_identical(tmp_path: Path, copies: Copies) -> None:
    decks = [FIXTURES / "mini" / "deck.yaml", *(copies.shipped(name) for name in SHIPPED)]
    # The first build also writes the copied mini deck's lock; only the site is compared.
    first = [p for p in build(decks, tmp_path / "a", seed=4) if p.is_relative_to(tmp_path / "a")]
    second = build(decks, tmp_path / "b", seed=4)
    for one, two in zip(first, second, strict=True):
        assert one.read_bytes() == two.read_bytes(), one.relative_to(tmp_path / "a")


def test_two_versions_ask_the_same_items_in_different_orders(tmp_path: Path) -> None:
    build([FIXTURES / "mini"], tmp_path)
    one, two = (ids_in(tmp_path / "teacher" / "mini" / f"worksheet-v{v}.html") for v in (1, 2))
    assert sorted(one) == sorted(two)
    assert one != two


def test_each_versions_sheet_and_key_share_the_order_and_the_quiz_has_its_own(
        tmp_path: Path) -> None:
    build([FIXTURES / "mini"], tmp_path, seed=9)
    teacher = tmp_path / "teacher" / "mini"
    quiz = ids_in(tmp_path / "mini" / "quiz.html")
    for version in (9, 10):
        sheet = ids_in(teacher / f"worksheet-v{version}.html")
        assert sheet == ids_in(teacher / f"answer-key-v{version}.html")
        assert len(sheet) == 4
        assert quiz != sheet
    assert "The quiz uses seed 11:" in (tmp_path / "teacher" / "index.html").read_text("utf-8")


def test_a_bad_deck_stops_the_build_before_anything_is_written(tmp_path: Path) -> None:
    build([FIXTURES / "mini"], tmp_path / "site")
    before = {p: p.read_bytes() for p in (tmp_path / "site").rglob("*.*")}
    bad = tmp_path / "bad"
    shutil.copytree(FIXTURES / "mini", bad)
    yaml = bad / "deck.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("kind: fact", "kind: facts"),
                    encoding="utf-8")
    with pytest.raises(DeckError, match="'facts' is not a kind"):
        build([FIXTURES / "mini", bad], tmp_path / "site", seed=2)
    after = {p: p.read_bytes() for p in (tmp_path / "site").rglob("*.*")}
    assert after == before


def test_two_decks_with_one_id_are_refused(tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(FIXTURES / "mini", copy)
    with pytest.raises(QuizgenError, match="deck id 'mini' is also the id of"):
        build([FIXTURES / "mini", copy], tmp_path / "site")
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_deck_builds(name: str, tmp_path: Path, copies: Copies) -> None:
    from quizgen.validation import load_checked

    deck = copies.shipped(name)
    loaded, _ = load_checked(deck)
    written = build([deck], tmp_path)
    assert written == [*outputs_of(tmp_path, loaded.id), *(tmp_path / p for p in SITE_PAGES)]
    assert len(ids_in(tmp_path / loaded.id / "quiz.html")) == len(loaded.items)
    assert f"{len(loaded.items)} items" in (tmp_path / "index.html").read_text(encoding="utf-8")


# The commands


def test_build_command_piped_prints_only_the_paths(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(FIXTURES / "mini", tmp_path / "decks" / "mini")
    code, out, err = run("build")
    assert (code, err) == (0, "")
    assert out == (
        "dist/mini/quiz.html\ndist/mini/article.html\n"
        "dist/teacher/mini/worksheet-v1.html\ndist/teacher/mini/worksheet-v2.html\n"
        "dist/teacher/mini/answer-key-v1.html\ndist/teacher/mini/answer-key-v2.html\n"
        "dist/teacher/mini/present-v1.html\ndist/teacher/mini/present-v2.html\n"
        "decks/mini/anki-lock.json\ndist/mini/mini.apkg\ndist/teacher/mini/sourcing-map.html\n"
        "dist/teacher/mini/mini.json\n"
        + "".join(f"dist/teacher/mini/mini-{name}\n" for name in PLATFORMS)
        + "dist/index.html\ndist/teacher/index.html\n")
    assert (tmp_path / "dist" / "mini" / "quiz.html").is_file()


def test_build_command_takes_decks_a_folder_and_a_seed(tmp_path: Path) -> None:
    code, out, _ = run("build", str(FIXTURES / "mini"), "-o", str(tmp_path / "out"),
                       "--seed", "3")
    assert code == 0
    assert out.splitlines()[-1] == str(tmp_path / "out" / "teacher" / "index.html")
    assert "Version 3" in (tmp_path / "out" / "teacher" / "mini" / "worksheet-v3.html"
                           ).read_text("utf-8")


def test_build_command_error_is_one_line_and_exit_1(tmp_path: Path) -> None:
    code, out, err = run("build", str(tmp_path / "nowhere"), "-o", str(tmp_path / "out"))
    assert (code, out) == (1, "")
    assert err == (f"Error: {tmp_path / 'nowhere'}: no such deck; give a deck folder, its "
                   "deck.yaml, or the id of a deck that 'quizgen list' shows\n")


def test_progress_bar_goes_to_stderr_once_the_work_takes_a_moment(
        capsys: pytest.CaptureFixture[str]) -> None:
    paths = [Path("a"), Path("b"), Path("c")]
    assert list(_with_progress(iter(paths), lambda: 3, after=0.0)) == paths
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "Building" in captured.err
    assert list(_with_progress(iter(paths), lambda: 3, after=60.0)) == paths
    assert capsys.readouterr() == ("", "")


def test_html_command_writes_deckid_mode_html_here(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    deck = str(FIXTURES / "mini")
    assert run("html", deck) == (0, "mini-quiz.html\n", "")
    assert run("html", deck, "--mode", "worksheet") == (0, "mini-worksheet.html\n", "")
    assert run("html", deck, "--mode", "key", "--seed", "2") == (
        0, "mini-answer-key-v2.html\n", "")
    page = (tmp_path / "mini-answer-key-v2.html").read_text(encoding="utf-8")
    assert "Answer key — Version 2" in page


def test_html_command_to_stdout_matches_the_file(tmp_path: Path) -> None:
    deck = str(FIXTURES / "mini")
    code, out, _ = run("html", deck, "--mode", "worksheet", "--seed", "5", "-o", "-")
    assert code == 0
    assert run("html", deck, "--mode", "worksheet", "--seed", "5",
               "-o", str(tmp_path / "w.html"))[0] == 0
    assert out == (tmp_path / "w.html").read_text(encoding="utf-8")


def test_html_command_filters_and_samples(tmp_path: Path) -> None:
    out = tmp_path / "q.html"
    code, _, _ = run("html", str(FIXTURES / "mini"), "--kind", "fact", "--kind", "hedging",
                     "-o", str(out))
    assert code == 0
    assert sorted(ids_in(out)) == ["fact-repair-weeks", "hedging-not-reached"]
    assert run("html", str(FIXTURES / "mini"), "--tag", "quote", "--count", "1",
               "-o", str(out))[0] == 0
    assert ids_in(out) == ["who-said-bridge-unsafe"]


def test_html_command_count_too_large_is_an_error(tmp_path: Path) -> None:
    assert run("html", str(FIXTURES / "mini"), "--count", "5", "-o", str(tmp_path / "q.html")) == (
        1, "", "Error: mini: --count 5 asks for more items than the 4 items in the deck; use "
               "--count 4 or fewer\n")
    assert not (tmp_path / "q.html").exists()


def test_html_command_refuses_an_unknown_kind() -> None:
    code, _, err = run("html", str(FIXTURES / "mini"), "--kind", "gossip")
    assert code == 2
    assert "Invalid value for '--kind': 'gossip' is not one of 'fact', 'who-said'" in err


def test_html_command_template_error_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "quiz.html").write_text("{{ nope }}\n", encoding="utf-8")
    code, out, err = run("html", str(FIXTURES / "mini"), "--template-dir", str(tmp_path),
                         "-o", "-")
    assert (code, out) == (1, "")
    assert err == (f"Error: {tmp_path / 'quiz.html'}, line 1: 'nope' is undefined; check the "
                   "name against the documented variables\n")


def test_help_keeps_jinja_out_of_quizgen_help() -> None:
    import subprocess

    code = ("import sys; from quizgen.cli import cli\n"
            "try:\n    cli.main(['--help'], standalone_mode=False)\nexcept SystemExit:\n    pass\n"
            "assert 'jinja2' not in sys.modules, 'jinja2 imported for --help'\n"
            "assert 'genanki' not in sys.modules, 'genanki imported for --help'\n")
    subprocess.run([sys.executable, "-c", code], check=True, stdout=subprocess.DEVNULL)


def test_sources_loads_neither_the_outputs_nor_package_metadata() -> None:
    # `quizgen sources` is run once per article in batches: it loads only its own command.
    import subprocess

    article = ROOT / "decks" / "iran-pakistan-2024" / "article.txt"
    code = ("import sys; from quizgen.cli import cli\n"
            f"cli.main(['sources', '--json', {str(article)!r}], standalone_mode=False)\n"
            "loaded = [m for m in ('quizgen.outputs', 'importlib.metadata', 'jinja2')\n"
            "          if m in sys.modules]\n"
            "assert not loaded, loaded\n")
    subprocess.run([sys.executable, "-c", code], check=True, stdout=subprocess.DEVNULL)


def test_a_build_that_fails_late_leaves_the_previous_site_whole(tmp_path: Path) -> None:
    site = tmp_path / "site"
    build([FIXTURES / "mini"], site, seed=1)
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    # The lock is read only for the last output of the deck, after its pages are made.
    (FIXTURES / "mini" / "anki-lock.json").write_text("{", encoding="utf-8")
    with pytest.raises(QuizgenError, match=r"anki-lock\.json: not valid JSON"):
        build([FIXTURES / "mini"], site, seed=5)
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


def test_a_broken_template_leaves_the_previous_site_whole(tmp_path: Path) -> None:
    site = tmp_path / "site"
    build([FIXTURES / "mini"], site, seed=1)
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "worksheet.html").write_text(
        '{% extends "default:worksheet.html" %}{% block title %}{{ nope }}{% endblock %}',
        encoding="utf-8")
    with pytest.raises(QuizgenError, match="'nope' is undefined"):
        build([FIXTURES / "mini"], site, seed=7, template_dir=templates)
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


def test_one_deck_named_twice_is_built_once(tmp_path: Path) -> None:
    written = build([FIXTURES / "mini", FIXTURES / "mini" / "deck.yaml"], tmp_path)
    assert written == [*outputs_of(tmp_path, "mini", FIXTURES / "mini" / "anki-lock.json"),
                       *(tmp_path / p for p in SITE_PAGES)]


@pytest.mark.parametrize("name", SHIPPED)
def test_a_stale_lock_in_a_copied_deck_is_rewritten_there_and_nowhere_else(
        name: str, tmp_path: Path, copies: Copies) -> None:
    shipped_lock = ROOT / "decks" / name / "anki-lock.json"
    before = shipped_lock.read_bytes()
    deck = copies.shipped(name)
    text = (deck / "deck.yaml").read_text(encoding="utf-8")
    # Inside the quotes, if the prompt has them: the deck's own wording may hold ": ".
    revised = re.sub(r"(    prompt: [\"']?)", r"\1Revised - ", text, count=1)
    (deck / "deck.yaml").write_text(revised, encoding="utf-8")
    written = build([deck], tmp_path / "site", now=2_000_000_000)
    assert deck / "anki-lock.json" in written
    assert (deck / "anki-lock.json").read_bytes() != before
    assert shipped_lock.read_bytes() == before  # and the session guard checks every file


def test_the_sourcing_map_is_built_for_the_teacher_only(tmp_path: Path) -> None:
    build([FIXTURES / "mini"], tmp_path / "site")
    page = (tmp_path / "site" / "teacher" / "mini" / "sourcing-map.html").read_text(
        encoding="utf-8")
    assert 'data-role="sources"' in page
    assert "Dana Reyes" in page
    teacher = (tmp_path / "site" / "teacher" / "index.html").read_text(encoding="utf-8")
    student = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'href="mini/sourcing-map.html"' in teacher
    assert "sourcing-map" not in student


def test_a_build_of_one_deck_keeps_the_others_on_the_index_pages(tmp_path: Path) -> None:
    site = tmp_path / "site"
    build([FIXTURES / "mini"], site)
    build([FIXTURES / "hostile"], site)
    for page in ("index.html", "teacher/index.html"):
        text = (site / page).read_text(encoding="utf-8")
        assert "A small deck for tests" in text and "Hostile &lt;/title&gt;" in text, page
    assert 'href="mini/quiz.html"' in (site / "index.html").read_text(encoding="utf-8")
    assert (site / "mini" / "quiz.html").is_file()
    # A deck folder removed by hand leaves the index pages at the next build.
    import shutil as sh

    sh.rmtree(site / "mini")
    build([FIXTURES / "hostile"], site)
    assert "A small deck for tests" not in (site / "index.html").read_text(encoding="utf-8")
