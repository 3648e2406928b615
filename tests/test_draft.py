"""quizgen draft: a deck of draft items from an article's analysis, valid and stable."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from quizgen.deckfile import load_deck
from quizgen.deckfile.yamlparse import _Loader
from quizgen.drafting import DraftError, draft_deck, write_draft, yaml_string
from quizgen.errors import OutputError
from quizgen.sources.dictview import AnalysisError
from quizgen.validation import load_checked

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
ROOT = Path(__file__).parent.parent
BUNDLED = ROOT / "decks" / "iran-pakistan-2024"
DAM = FIXTURES / "dam" / "article.txt"


def read(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as file:
        return file.read()


def dam() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / "dam" / "analysis.json").read_text("utf-8"))
    return data


def bundled() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / "iran-pakistan-2024.json").read_text("utf-8"))
    return data


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold())) - {"the", "a", "an", "in", "of", "s"}


def test_the_small_article_drafts_a_valid_deck_of_drafts(tmp_path: Path) -> None:
    folder = write_draft(dam(), read(DAM), tmp_path, deck_id="varna-dam", article=DAM)
    assert folder == tmp_path / "varna-dam"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["varna-dam"]
    assert sorted(p.name for p in folder.iterdir()) == ["article.txt", "deck.yaml"]
    assert (folder / "article.txt").read_bytes() == DAM.read_bytes()
    deck, _warnings = load_checked(folder)  # raises on any error
    assert (deck.id, deck.title, deck.language) == ("varna-dam", "Varna dam to close for "
                                                    "repairs", "en")
    assert (deck.source.outlet, deck.source.published, deck.source.byline) == (
        "Example Wire", "2026-11-30", "TODO: byline")
    assert {item.status for item in deck.items} == {"draft"}
    kinds = [item.kind for item in deck.items]
    assert {kind: kinds.count(kind) for kind in dict.fromkeys(kinds)} == {
        "who-said": 3, "source-type": 6, "anonymity": 3, "claim-vs-fact": 1, "hedging": 4,
        "corroboration": 1}
    who_said = [item for item in deck.items if item.kind == "who-said"]
    assert [(i.prompt, i.answer) for i in who_said] == [
        ("Who said: “The cracks are serious but not dangerous yet”?", "Lena Koval"),
        ("Who said: “We will not take risks with people’s homes”?", "Lena Koval"),
        ("Who is quoted using the words “long overdue”?", "A local farmer")]
    # Other sources, the most alike first: for an official, the expert, the anonymous
    # official and the institution before the farmer.
    assert [d.text for d in who_said[0].distractors] == [
        "Tomas Berg", "A senior ministry official", "The utility", "A local farmer"]
    # A quote with no cue of its own takes in the sentence that names its speaker.
    assert who_said[1].evidence == (
        "“The cracks are serious but not dangerous yet,” said Lena Koval, the region’s water "
        "minister. “We will not take risks with people’s homes.”")
    for item in deck.items:
        assert item.evidence in deck.article_text, item.id
        assert item.explanation and item.tags, item.id
        assert re.fullmatch(rf"{item.kind}(-[a-z0-9]+)*-[0-9a-f]{{6}}", item.id), item.id


def test_an_anonymity_item_gives_the_stated_reason_and_others_as_distractors(
        tmp_path: Path) -> None:
    deck = load_deck(write_draft(dam(), read(DAM), tmp_path, deck_id="dam") / "deck.yaml")
    item = next(i for i in deck.items if i.kind == "anonymity" and "ministry" in i.prompt)
    assert item.content() == {
        "id": "anonymity-senior-ministry-official-19069f",
        "kind": "anonymity",
        "prompt": "Why does the article not name a senior ministry official?",
        "answer": "He was not authorised to brief reporters",
        "distractors": [
            {"text": "No reason is given",
             "why": "A reason is given: “because he was not authorised to brief reporters”."},
            {"text": "They feared reprisals for speaking out",
             "why": "The article says nothing about reprisals against this source."},
            {"text": "To protect themselves and their families",
             "why": "The article says nothing about this source’s safety."}],
        "evidence": "A senior ministry official, speaking on condition of anonymity because he "
                    "was not authorised to brief reporters, said the cracks had been known "
                    "since spring.",
        "explanation": "The article says why it does not name this source: “because he was "
                       "not authorised to brief reporters”. Good practice is to give readers "
                       "that reason; judge whether it is specific enough.",
        "tags": ["anonymous-source", "anonymous-official"],
        "difficulty": 1,
        "status": "draft",
    }
    farmer = next(i for i in deck.items if i.kind == "anonymity" and "farmer" in i.prompt)
    assert farmer.answer == "No reason is given"
    assert farmer.distractors[0].text == "He was not authorised to brief reporters"
    assert farmer.distractors[0].why == ("That reason is given for a senior ministry official, "
                                         "not for this source.")


def test_a_group_of_sources_is_counted_for_corroboration(tmp_path: Path) -> None:
    deck = load_deck(write_draft(dam(), read(DAM), tmp_path, deck_id="dam") / "deck.yaml")
    item = next(i for i in deck.items if i.kind == "corroboration")
    assert (item.answer, [(d.text, d.why) for d in item.distractors]) == (
        "Three sources", [
            ("Two sources", "One too few: count “two regional officials and an engineer”: "
                            "2 + 1 = 3."),
            ("Four sources", "One too many: count “two regional officials and an engineer”: "
                             "2 + 1 = 3."),
            ("One source", "Two too few: count “two regional officials and an engineer”: "
                           "2 + 1 = 3.")])


def test_ids_are_stable_and_do_not_shift_when_other_items_go() -> None:
    first = draft_deck(dam(), read(DAM), deck_id="dam")
    assert draft_deck(dam(), read(DAM), deck_id="dam") == first
    fewer = dam()
    del fewer["attributions"][6]  # the farmer's quote
    ids = set(re.findall(r'^  - id: "([^"]+)"', first, re.MULTILINE))
    kept = set(re.findall(r'^  - id: "([^"]+)"', draft_deck(fewer, read(DAM), deck_id="dam"),
                          re.MULTILINE))
    assert kept < ids
    assert ids - kept == {"who-said-local-farmer-long-117436"}


def test_unknown_source_fields_get_a_placeholder_and_options_win(tmp_path: Path) -> None:
    analysis = dam()
    analysis["metadata"] = {"headline": None, "outlet": None, "published": None,
                            "byline": None, "language": None}
    deck = load_deck(write_draft(analysis, read(DAM), tmp_path, deck_id="dam") / "deck.yaml")
    assert (deck.title, deck.source.outlet, deck.source.headline, deck.source.published,
            deck.source.byline) == ("TODO: title", "TODO: outlet", "TODO: headline",
                                    "TODO: published", "TODO: byline")
    text = draft_deck(dam(), read(DAM), deck_id="dam", title="Dam: repairs", outlet="AP",
                      published="2026-12-01", byline="A. Writer")
    assert text.split("items:")[0].splitlines()[3:] == [
        'id: "dam"', 'title: "Dam: repairs"', 'language: "en"', "source:",
        '  outlet: "AP"', '  headline: "Varna dam to close for repairs"',
        '  published: "2026-12-01"', '  byline: "A. Writer"', '  article: "article.txt"']


def test_a_saved_page_writes_the_extracted_text_not_the_page(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>ignored</p></body></html>", encoding="utf-8")
    analysis = dam()
    analysis["text"] = read(DAM)
    folder = write_draft(analysis, read(DAM), tmp_path / "out", deck_id="dam", article=page)
    assert (folder / "article.txt").read_bytes() == DAM.read_bytes()


@pytest.mark.parametrize("edit, kwargs, message", [
    (lambda a: a["metadata"].update(language="fr"), {},
     "the article is in 'fr'; quizgen draft's rules read English news only, so it drafts "
     "nothing for it"),
    (lambda a: None, {"language": "de"},
     "the article is in 'de'; quizgen draft's rules read English news only, so it drafts "
     "nothing for it"),
    (lambda a: a.update(attributions=[]), {},
     "article.txt: found no attribution (no quotation, no “said” or “according to”); there "
     "is nothing to draft items from"),
    (lambda a: None, {"deck_id": "Varna Dam"},
     "--id 'Varna Dam' is not a lowercase slug (letters, digits and single hyphens, like "
     "'iran-pakistan-2024')"),
])
def test_what_cannot_be_drafted_is_refused_and_nothing_is_written(
        tmp_path: Path, edit: Any, kwargs: dict[str, str], message: str) -> None:
    analysis = dam()
    edit(analysis)
    options = {"deck_id": "dam", **kwargs}
    with pytest.raises(DraftError) as caught:
        write_draft(analysis, read(DAM), tmp_path, article=DAM, **options)
    assert str(caught.value) == message
    assert list(tmp_path.iterdir()) == []


def test_an_analysis_of_another_text_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(AnalysisError):
        write_draft(dam(), read(DAM)[10:], tmp_path, deck_id="dam", article=DAM)
    assert list(tmp_path.iterdir()) == []


def test_an_existing_folder_is_refused_unless_forced_then_replaced_whole(
        tmp_path: Path) -> None:
    folder = tmp_path / "dam"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(DraftError) as caught:
        write_draft(dam(), read(DAM), tmp_path, deck_id="dam", article=DAM)
    assert str(caught.value) == (f"{folder}: already exists; choose another --id, or pass "
                                 "--force to replace it")
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    write_draft(dam(), read(DAM), tmp_path, deck_id="dam", article=DAM, force=True)
    assert sorted(p.name for p in folder.iterdir()) == ["article.txt", "deck.yaml"]
    assert [p.name for p in tmp_path.iterdir()] == ["dam"]  # no temporary folder left


def test_an_unwritable_destination_is_one_error_and_leaves_nothing(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(OutputError) as caught:
        write_draft(dam(), read(DAM), blocker, deck_id="dam", article=DAM)
    assert str(caught.value).startswith(f"{blocker}: cannot write here: ")
    assert [p.name for p in tmp_path.iterdir()] == ["file"]


@pytest.mark.parametrize("text", [
    'plain', 'say "hi" \\ back', "tab\there\nnew line", "next\x85line\u2028sep\u2029para",
    "\x00\x07\x1b\x7f\x9f", "# not a comment: - [x] {y} &z *w !v %u @t `s", "\ufeffbom",
    "emoji 🗞️ and ‘curly’ “quotes” — dash", " leading and trailing ", "", "yes", "2024-01-19",
])
def test_yaml_strings_read_back_exactly(text: str) -> None:
    node = yaml.compose(f"key: {yaml_string(text)}\n", Loader=_Loader)
    assert node is not None
    assert node.value[0][1].value == text


def test_the_bundled_articles_draft_asks_who_said_each_quotation(tmp_path: Path) -> None:
    # The drafted speakers against the curated deck's: test_cli_articles, on the live analysis.
    article = BUNDLED / "article.txt"
    folder = write_draft(bundled(), read(article), tmp_path, deck_id="iran-draft",
                         article=article, title="Iran and Pakistan trade strikes")
    deck, _ = load_checked(folder)
    drafted = {re.sub(r"^.*?“|”\?$", "", i.prompt): i.answer
               for i in deck.items if i.kind == "who-said"}
    assert len(drafted) == 8
    for quote in drafted:
        assert all(piece.strip() in deck.article_text for piece in quote.split("…")), quote
    assert set(drafted.values()) == {"Gregory Brew", "The foreign ministry in Tehran",
                                     "An Iranian insider", "A senior Iranian security official",
                                     "Michael Kugelman"}
    kinds = {item.kind for item in deck.items}
    assert kinds == {"who-said", "source-type", "anonymity", "claim-vs-fact", "hedging",
                     "corroboration"}
    official = next(i for i in deck.items if i.kind == "anonymity" and "security" in i.prompt)
    assert official.answer == "Due to sensitivity of the matter"
    # Evidence is whole sentences: "Jan. 3" does not end one.
    brew = next(i for i in deck.items if i.kind == "source-type" and "Brew" in i.prompt)
    assert brew.evidence.startswith("Gregory Brew, an analyst at Eurasia Group")
    assert brew.evidence.endswith("in the wake of a deadly Jan. 3 bombing claimed by the "
                                  "Islamic State group.")


def test_drafting_leaves_the_analysis_untouched() -> None:
    analysis = bundled()
    before = copy.deepcopy(analysis)
    draft_deck(analysis, read(BUNDLED / "article.txt"), deck_id="x")
    assert analysis == before


# ------------------------------------------------------- drafts that pass the deck rules


@pytest.mark.parametrize("analysis, article", [(dam, DAM), (bundled, BUNDLED / "article.txt")],
                         ids=["dam", "bundled"])
def test_a_draft_trips_no_rule_but_the_review_and_the_placeholders(
        tmp_path: Path, analysis: Any, article: Path) -> None:
    folder = write_draft(analysis(), read(article), tmp_path, deck_id="x")
    deck, warnings = load_checked(folder)
    codes = [w.code for w in warnings]
    assert set(codes) <= {"draft", "placeholder"}, [w.message for w in warnings
                                                    if w.code not in ("draft", "placeholder")]
    assert codes.count("draft") == len(deck.items)


def test_a_prompt_that_gives_another_answer_away_is_worded_without_it(tmp_path: Path) -> None:
    analysis = dam()  # the farmer's words read as a characterization, cue "described"
    analysis["attributions"][6].update(
        characterization=True, cue={"text": "described", "start": 670, "end": 679})
    deck = load_deck(write_draft(analysis, read(DAM), tmp_path, deck_id="dam") / "deck.yaml")
    # "A local farmer described the closure as “long overdue”" holds the answer of the
    # who-said item on “long overdue”: the passage from the cue on asks the same.
    (item,) = [i for i in deck.items if i.kind == "claim-vs-fact" and "farmer" in i.explanation]
    assert item.prompt == ("The article says “…described the closure as ‘long overdue’”. What "
                           "does “described” tell you?")
    assert item.evidence == "A local farmer described the closure as “long overdue”."


def test_a_quotation_that_echoes_its_answer_is_cut_at_a_clause(tmp_path: Path) -> None:
    folder = write_draft(bundled(), read(BUNDLED / "article.txt"), tmp_path, deck_id="x")
    deck = load_deck(folder / "deck.yaml")
    (item,) = [i for i in deck.items if i.kind == "who-said" and "warned" in i.prompt]
    assert (item.prompt, item.answer) == (
        "Who said: “We have warned everyone that any action against our nation…”?",
        "A senior Iranian security official")
    # A source-type item never asks about a pronoun: "How does the article identify “it”?"
    asked = [i.prompt for i in deck.items if i.kind == "source-type"]
    assert "How does the article identify “Iran”?" in asked
    assert not [p for p in asked if re.search(r"“(it|he|she|they|that)”", p)]


def test_lessons_quote_the_articles_words_only(tmp_path: Path) -> None:
    deck = load_deck(write_draft(dam(), read(DAM), tmp_path, deck_id="dam") / "deck.yaml")
    lessons = {i.explanation for i in deck.items if i.kind == "hedging"}
    assert lessons == {
        "The wording “about” gives an approximate figure, honest about uncertainty; repeating "
        "it as exact overstates what is known.",
        "The wording “might” presents a possibility; a careful reader keeps it apart from what "
        "has happened.",
        "The wording “could” presents a possibility; a careful reader keeps it apart from what "
        "has happened.",
        "The wording “could not immediately be reached for comment” means no contact was made, "
        "not that anyone refused; “immediately” hints that an answer may still come later."}


def spans(text: str, *marked: str) -> list[dict[str, Any]]:
    """Give the spans of text reading each of marked, the first occurrence of each."""
    out = []
    for words in marked:
        start = text.index(words)
        out.append({"text": words, "start": start, "end": start + len(words)})
    return out


def test_distractors_are_chosen_so_the_answer_does_not_stand_out_by_length(
        tmp_path: Path) -> None:
    text = ("“The port will reopen on Monday,” said Maria Gonzalez, the harbour director.\n"
            "Bob Li said the ships were late.\nAnn Wu said the cranes were idle.\n"
            "Tom Ek said the unions agreed.\nJo Ma said the tugs were ready.\n")
    names = ["Maria Gonzalez", "Bob Li", "Ann Wu", "Tom Ek", "Jo Ma"]
    mentions = spans(text, *names)
    contents = spans(text, "The port will reopen on Monday", "the ships were late",
                     "the cranes were idle", "the unions agreed", "the tugs were ready")
    cues = [{"text": "said", "start": text.index("said", m["end"] - 20),
             "end": text.index("said", m["end"] - 20) + 4} for m in mentions]
    analysis = {
        "article": "port.txt",
        "sources": [{"id": f"s{n}", "name": name, "description": None,
                     "type": "named-official" if n == 1 else "named-person",
                     "anonymous": False, "anonymity_reason": None, "mentions": [mention]}
                    for n, (name, mention) in enumerate(zip(names, mentions, strict=True), 1)],
        "attributions": [{"source": f"s{n}", "mention": mention, "cue": cue, "content": content,
                          "direct": n == 1}
                         for n, (mention, cue, content)
                         in enumerate(zip(mentions, cues, contents, strict=True), 1)]}
    deck, warnings = load_checked(write_draft(analysis, text, tmp_path, deck_id="port"))
    (item,) = [i for i in deck.items if i.kind == "who-said"]
    # Four names of five or six letters beside "Maria Gonzalez": the answer would stand out,
    # so the shortest gives way to the reporters' own voice.
    assert (item.answer, [d.text for d in item.distractors]) == (
        "Maria Gonzalez", ["Bob Li", "Ann Wu", "Tom Ek", "The reporters, in their own voice"])
    assert "length-cue" not in {w.code for w in warnings}
