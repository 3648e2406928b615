"""quizgen sources and quizgen draft as a user types them: outputs, files and one-line errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, run

DAM = FIXTURES / "sources" / "dam" / "article.txt"
BUNDLED = ROOT / "decks" / "iran-pakistan-2024" / "article.txt"


@pytest.fixture
def dam(tmp_path: Path) -> Path:
    copy = tmp_path / "dam.txt"
    shutil.copy(DAM, copy)
    return copy


def test_sources_json_is_one_object_per_article_with_offsets_into_the_file(
        dam: Path, tmp_path: Path) -> None:
    bundled = tmp_path / "iran.txt"
    shutil.copy(BUNDLED, bundled)
    code, out, err = run("sources", str(dam), str(bundled), "--json")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert len(lines) == 2
    for line, path in zip(lines, (dam, bundled), strict=True):
        data = json.loads(line)
        assert data["article"] == str(path)
        assert "text" not in data  # the file as read is the analysed text
        with open(path, encoding="utf-8", newline="") as handle:
            text = handle.read()
        ids = {source["id"] for source in data["sources"]}
        for attribution in data["attributions"]:
            assert attribution["source"] is None or attribution["source"] in ids
            for key in ("mention", "cue", "content"):
                span = attribution[key]
                if span is not None:
                    assert text[span["start"]:span["end"]] == span["text"]
    dam_data = json.loads(lines[0])
    minister = next(s for s in dam_data["sources"] if s["name"] == "Lena Koval")
    assert (minister["type"], minister["anonymous"]) == ("named-official", False)
    quotes = [a for a in dam_data["attributions"]
              if a["direct"] and a["source"] == minister["id"]]
    assert [a["content"]["text"] for a in quotes] == [
        "The cracks are serious but not dangerous yet",
        "We will not take risks with people’s homes."]


def test_sources_report_and_map(dam: Path, tmp_path: Path) -> None:
    code, out, _ = run("sources", str(dam))
    assert code == 0
    assert out.splitlines()[0].startswith(f"{dam}: ")
    assert "Lena Koval, the region’s water minister" in out
    code, out, _ = run("sources", str(dam), "-o", str(tmp_path / "map.html"))
    assert (code, out) == (0, f"{tmp_path / 'map.html'}\n")
    page = (tmp_path / "map.html").read_text(encoding="utf-8")
    assert 'data-role="sources"' in page and "data-source-id=" in page
    code, _, err = run("sources", str(dam), str(dam), "-o", str(tmp_path / "map.html"))
    assert code == 2
    assert "-o writes the map of one article; give exactly one ARTICLE" in err


@pytest.mark.parametrize(("content", "message"), [
    (b"", "the article is empty"),
    (b"\xff\xfe\x00bad", "a binary file, not a text or HTML article"),
    (b"The weather was fine on Monday. Nobody spoke.\n", "no attribution found"),
])
def test_sources_and_draft_refuse_bad_articles_in_one_line(
        tmp_path: Path, content: bytes, message: str) -> None:
    article = tmp_path / "bad.txt"
    article.write_bytes(content)
    for args in (("sources", str(article)),
                 ("draft", str(article), "--id", "bad", "-o", str(tmp_path / "out"))):
        code, out, err = run(*args)
        assert code == 1, args
        assert out == ""
        assert len(err.splitlines()) == 1 and message in err, err
        assert "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_a_directory_is_not_an_article(tmp_path: Path) -> None:
    code, _, err = run("sources", str(tmp_path))
    assert code == 1
    assert err == f"Error: {tmp_path}: is a directory, not an article file\n"


def test_draft_writes_a_deck_that_validates_with_its_drafts_as_warnings(
        dam: Path, tmp_path: Path) -> None:
    out = tmp_path / "decks"
    code, stdout, err = run("draft", str(dam), "--id", "varna-dam", "-o", str(out),
                            "--outlet", "Example Wire", "--published", "2026-11-30")
    assert code == 0, err
    folder = out / "varna-dam"
    assert stdout == f"{folder}\n"
    assert (folder / "article.txt").read_bytes() == DAM.read_bytes()
    code, report, _ = run("validate", str(folder))
    assert code == 0
    drafted = [line for line in report.splitlines() if "warning: not reviewed" in line]
    assert len(drafted) == int(report.splitlines()[-1].split(": ")[1].split()[0])
    assert run("validate", str(folder), "--strict")[0] == 1
    # Nothing reviewed yet: a student's page or Anki deck cannot be made from it.
    code, _, err = run("anki", str(folder), "-o", str(tmp_path / "d.apkg"))
    assert code == 1 and "every item is still a draft" in err
    code, page, _ = run("html", str(folder), "--include-drafts", "-o", "-")
    assert code == 0 and page.count("data-item-id=") > 5
    # Again: refused, unless --force; the same article gives the same ids.
    first = (folder / "deck.yaml").read_text(encoding="utf-8")
    code, _, err = run("draft", str(dam), "--id", "varna-dam", "-o", str(out))
    assert code == 1 and "already exists" in err
    assert run("draft", str(dam), "--id", "varna-dam", "-o", str(out), "--force",
               "--outlet", "Example Wire", "--published", "2026-11-30")[0] == 0
    assert (folder / "deck.yaml").read_text(encoding="utf-8") == first


def test_draft_refuses_an_id_that_is_not_a_slug(dam: Path, tmp_path: Path) -> None:
    code, _, err = run("draft", str(dam), "--id", "Varna Dam", "-o", str(tmp_path))
    assert code == 1
    assert "is not a lowercase slug" in err
    assert list(tmp_path.iterdir()) == [dam]
