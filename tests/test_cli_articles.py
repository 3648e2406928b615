"""quizgen sources and quizgen draft as a user types them: outputs, files and one-line errors."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, run

from quizgen.deckfile import load_deck

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


# -------------------------------------------------------------- a saved news page

PAGE = FIXTURES / "sources" / "page" / "ferry.html"
FERRY = {"headline": "Island ferry service suspended after engine fire",
         "outlet": "Harbour Herald", "published": "2026-11-28", "byline": "Priya Natarajan",
         "language": "en"}


@pytest.fixture
def page(tmp_path: Path) -> Path:
    copy = tmp_path / "ferry.html"
    shutil.copy(PAGE, copy)
    return copy


def test_sources_on_a_saved_page_carries_its_text_and_metadata(page: Path) -> None:
    code, out, err = run("sources", str(page), "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["article"] == str(page)
    assert data["metadata"] == FERRY
    text = data["text"]  # the page is not the text: the text travels with its offsets
    assert text.startswith("Island ferry service suspended after engine fire\n")
    assert text.endswith("The Maritime and Coastguard Agency did not respond to a request for "
                         "comment.")
    for clutter in ("<", "cookies", "Subscribe", "Most read", "morning briefing", "Privacy",
                    "All rights reserved", "dataLayer"):
        assert clutter not in text, clutter
    for attribution in data["attributions"]:
        for key in ("mention", "cue", "content"):
            span = attribution[key]
            if span is not None:
                assert text[span["start"]:span["end"]] == span["text"]
    quotes = {a["content"]["text"].rstrip("."): a["mention"]["text"]
              for a in data["attributions"] if a["direct"] and a["mention"]}
    assert quotes["Nobody was hurt, and the crew put the fire out within minutes"] == \
        "Colin MacLeod"


def test_draft_of_a_saved_page_writes_its_text_and_its_metadata(
        page: Path, tmp_path: Path) -> None:
    out = tmp_path / "decks"
    code, stdout, err = run("draft", str(page), "--id", "ferry-fire", "-o", str(out))
    assert code == 0, err
    folder = out / "ferry-fire"
    assert stdout == f"{folder}\n"
    text = json.loads(run("sources", str(page), "--json")[1])["text"]
    assert (folder / "article.txt").read_bytes() == text.encode("utf-8")
    deck = load_deck(folder / "deck.yaml")
    assert (deck.title, deck.source.headline, deck.source.outlet, deck.source.published,
            deck.source.byline, deck.source.article) == (
        FERRY["headline"], FERRY["headline"], "Harbour Herald", "2026-11-28",
        "Priya Natarajan", "article.txt")
    code, report, _ = run("validate", str(folder))
    assert code == 0
    assert "placeholder" not in report  # the page said everything the deck needs
    # "Two crew members" is no distractor among names: options keep one form.
    assert "mixes numbers with other options" not in report


# ------------------------------------------------ the bundled article, end to end

STOP = frozenset("a an the of in at for to and on by from with its it’s s".split())


def words_of(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold())) - STOP


def folded(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold().replace("’", "'")))


def notes_in(apkg: Path, tmp_path: Path) -> list[str]:
    with zipfile.ZipFile(apkg) as archive:
        (tmp_path / "c.db").write_bytes(archive.read("collection.anki2"))
    conn = sqlite3.connect(tmp_path / "c.db")
    fields = [row[0] for row in conn.execute("select flds from notes")]
    conn.close()
    return fields


def test_the_bundled_article_drafts_a_deck_to_review_preview_and_ship(tmp_path: Path) -> None:
    article = tmp_path / "iran.txt"
    shutil.copy(BUNDLED, article)
    code, _, err = run("draft", str(article), "--id", "iran-draft", "-o", str(tmp_path),
                       "--title", "Iran and Pakistan", "--outlet", "Reuters", "--headline",
                       "Iran and Pakistan trade strikes", "--published", "2024-01-19",
                       "--byline", "Parisa Hafezi")
    assert code == 0, err
    folder = tmp_path / "iran-draft"
    deck_yaml = folder / "deck.yaml"
    deck = load_deck(deck_yaml)
    ids = [item.id for item in deck.items]
    assert len(ids) > 10 and {item.status for item in deck.items} == {"draft"}

    # validate accepts it: every item is one "not reviewed" warning, and nothing else.
    code, report, _ = run("validate", str(folder))
    assert code == 0
    lines = report.splitlines()
    assert lines[-1] == (f"{deck_yaml}: {len(ids)} items, 0 errors, {len(ids)} warnings: "
                         "valid")
    assert all("warning: not reviewed: written by quizgen draft" in line
               for line in lines[:-1]), [line for line in lines if "not reviewed" not in line]

    # The author previews the drafts: a quiz, a worksheet and a key, each item marked.
    for mode in ("quiz", "worksheet", "key"):
        code, page_html, err = run("html", str(folder), "--include-drafts", "--mode", mode,
                                   "-o", "-")
        assert code == 0, (mode, err)
        assert sorted(re.findall(r'data-item-id="([^"]+)"', page_html)) == sorted(ids), mode
        assert page_html.count('<span class="draft-badge">draft</span>') == len(ids), mode

    # Accepting two items (deleting their status lines) ships exactly those two.
    text = deck_yaml.read_text(encoding="utf-8")
    accepted = ids[:2]
    for item_id in accepted:
        block = f'  - id: "{item_id}"\n'
        at = text.index(block)
        status = text.index('    status: "draft"\n', at)
        text = text[:status] + text[status + len('    status: "draft"\n'):]
    deck_yaml.write_text(text, encoding="utf-8")
    code, _, err = run("anki", str(folder), "-o", str(tmp_path / "iran.apkg"))
    assert code == 0, err
    lock = json.loads((folder / "anki-lock.json").read_text(encoding="utf-8"))
    assert sorted(lock["items"]) == sorted(accepted)
    notes = notes_in(tmp_path / "iran.apkg", tmp_path)
    assert len(notes) == 2
    code, page_html, _ = run("html", str(folder), "-o", "-")
    assert code == 0
    assert sorted(re.findall(r'data-item-id="([^"]+)"', page_html)) == sorted(accepted)
    assert "draft-badge" not in page_html.split("</style>")[-1]


def test_the_bundled_articles_drafted_speakers_are_the_curated_decks(tmp_path: Path) -> None:
    article = tmp_path / "iran.txt"
    shutil.copy(BUNDLED, article)
    assert run("draft", str(article), "--id", "iran-draft", "-o", str(tmp_path))[0] == 0
    drafted = [i for i in load_deck(tmp_path / "iran-draft" / "deck.yaml").items
               if i.kind == "who-said"]
    curated = [i for i in load_deck(ROOT / "decks" / "iran-pakistan-2024" / "deck.yaml").items
               if i.kind == "who-said"]
    assert drafted and curated
    # A speaker is told apart by the words no other drafted speaker has: "insider" for "An
    # Iranian insider", "security" for "A senior Iranian security official".
    speakers = {i.answer for i in drafted}
    own = {s: words_of(s) - set().union(*(words_of(o) for o in speakers if o != s))
           for s in speakers}
    assert all(own.values()), own

    def who(answer: str) -> set[str]:
        return {s for s in speakers if own[s] & words_of(answer)}

    # Every speaker the curated deck asks about is a drafted speaker, and the reverse.
    assert [i.answer for i in curated if len(who(i.answer)) != 1] == []
    assert {s for i in curated for s in who(i.answer)} == speakers
    # Where a curated item's evidence holds a drafted quotation, both name one speaker; and
    # each drafted speaker is met that way at least once.
    met = set()
    for item in drafted:
        quote = re.sub(r"^.*?“|”\?$", "", item.prompt)
        pieces = [folded(p) for p in quote.split("…") if folded(p)]
        for other in curated:
            if all(p in folded(other.evidence) for p in pieces):
                assert who(other.answer) == {item.answer}, (item.prompt, other.id)
                met.add(item.answer)
    assert met == speakers
