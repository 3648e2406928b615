"""The bundled article end to end: its quotations, speakers, sources, types and anonymity agree
with what the curated deck teaches (the deck's answers, not today's item ids or counts)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from quizgen.sources import analyse_text

DECK = Path(__file__).parent.parent.parent / "decks" / "iran-pakistan-2024"
_PLAIN = str.maketrans("‘’“”–—", "''\"\"--")
_TYPES = {
    "named expert": "named-expert",
    "named official": "named-official",
    "anonymous official": "anonymous-official",
    "institutional statement": "institutional-statement",
    "unnamed insider": "unnamed-source",
    "unnamed source": "unnamed-source",
}


@pytest.fixture(scope="module")
def article() -> str:
    with open(DECK / "article.txt", encoding="utf-8", newline="") as handle:
        return handle.read()


@pytest.fixture(scope="module")
def data(article: str) -> dict[str, Any]:
    return analyse_text(article).to_dict("article.txt")


@pytest.fixture(scope="module")
def items() -> list[dict[str, Any]]:
    deck = yaml.safe_load((DECK / "deck.yaml").read_text(encoding="utf-8"))
    return list(deck["items"])


def _find(article: str, evidence: str) -> tuple[int, int]:
    """Locate a deck's evidence in the article, quotes, dashes and spaces folded."""
    words = evidence.translate(_PLAIN).split()
    pattern = r"\s+".join(re.escape(w) for w in words)
    match = re.search(pattern, article.translate(_PLAIN))
    assert match is not None, evidence
    return match.span()


def _source(data: dict[str, Any], source_id: str | None) -> dict[str, Any]:
    return next(s for s in data["sources"] if s["id"] == source_id)


def _label(source: dict[str, Any]) -> str:
    return f"{source['name'] or ''} {source['description'] or ''}".lower()


def test_every_span_slices_the_article(article: str, data: dict[str, Any]) -> None:
    spans = [a[key] for a in data["attributions"]
             for key in ("mention", "cue", "content") if a[key] is not None]
    spans += [m for s in data["sources"] for m in s["mentions"]]
    spans += data["hedges"] + data["non_responses"]
    assert spans
    for span in spans:
        assert article[span["start"]:span["end"]] == span["text"]
    assert "text" not in data  # the offsets index the file itself


def test_eight_quotations_each_with_the_deck_speaker(
        article: str, data: dict[str, Any], items: list[dict[str, Any]]) -> None:
    direct = [a for a in data["attributions"] if a["direct"]]
    assert len(direct) == 8
    assert all(a["source"] is not None for a in direct)
    checked = 0
    for item in items:
        if item["kind"] != "who-said":
            continue
        for quoted in re.findall(r"“([^”]+)”", item["prompt"]):
            fragment = quoted.split("…")[0].strip(" ‘’'")
            matches = [a for a in direct if fragment.translate(_PLAIN)
                       in a["content"]["text"].translate(_PLAIN)]
            if not matches:
                continue
            source = _source(data, matches[0]["source"])
            name = source["name"] or source["description"]
            # A surname, or a description's head noun: "ministry", "insider", "official".
            key = re.split(r"\s(?:in|at|of|for|close)\s", name)[0].split()[-1].lower()
            assert key in item["answer"].lower(), (item["id"], name, item["answer"])
            checked += 1
    assert checked >= 8


def test_source_types_agree_with_the_deck(
        article: str, data: dict[str, Any], items: list[dict[str, Any]]) -> None:
    types = {s["type"] for s in data["sources"]}
    types |= {m["type"] for s in data["sources"] for m in s.get("members", [])}
    checked = 0
    for item in items:
        if item["kind"] != "source-type" or item["answer"].lower() not in _TYPES:
            continue  # a source-type item about something else ("told Reuters")
        expected = _TYPES[item["answer"].lower()]
        if "none of the sources" in item["prompt"].lower():
            assert expected not in types
            checked += 1
            continue
        start, end = _find(article, item["evidence"])
        inside = [(s, m) for s in data["sources"] for m in s["mentions"]
                  if start <= m["start"] < end]
        assert inside, item["id"]
        found = {s["type"] for s, _ in inside}
        found |= {m["type"] for s, _ in inside for m in s.get("members", [])}
        assert expected in found, (item["id"], found)
        checked += 1
    assert checked >= 3


def test_anonymity_and_its_reason_agree_with_the_deck(
        article: str, data: dict[str, Any], items: list[dict[str, Any]]) -> None:
    checked = 0
    for item in items:
        asks_why = re.search(r"\b(?:why|reason|explanation)\b", item["prompt"], re.IGNORECASE)
        gives_none = re.search(r"\b(?:no reason|none|nothing|unexplained|not (?:say|explain))\b",
                               item["answer"], re.IGNORECASE)
        gives_why = gives_none or re.search(r"\b(?:reason|due to|because)\b", item["answer"],
                                            re.IGNORECASE)
        if item["kind"] != "anonymity" or not (asks_why and gives_why):
            continue
        start, end = _find(article, item["evidence"])
        start = article.rfind("\n", 0, start) + 1  # the evidence's whole paragraph
        sources = [s for s in data["sources"]
                   if any(start <= m["start"] < end for m in s["mentions"])]
        assert sources, item["id"]
        source = sources[0]
        assert source["anonymous"] is True
        if gives_none:
            assert source["anonymity_reason"] is None
        else:
            reason = source["anonymity_reason"].lower()
            assert reason.split()[-1] in item["answer"].lower()  # "…the matter"
        checked += 1
    assert checked >= 2  # the article's one stated reason, and one anonymous source without
    named = [s for s in data["sources"] if s["name"] == "Gregory Brew"]
    assert [s["anonymous"] for s in named] == [False]


def test_non_response_hedges_and_characterizations(data: dict[str, Any]) -> None:
    [silent] = data["non_responses"]
    assert silent["text"] == "could not immediately be reached for comment"
    assert _source(data, silent["source"])["type"] == "no-response"
    kinds = {h["kind"] for h in data["hedges"]}
    assert {"appear to", "in large part", "is seen as", "might", "potential"} <= kinds
    characterizations = {a["cue"]["text"] for a in data["attributions"] if a["characterization"]}
    assert {"described", "says", "said"} <= characterizations
    [iran] = [s for s in data["sources"] if s["name"] == "Iran"]
    assert iran["type"] == "government"
    assert data["metadata"] == {"headline": None, "outlet": None, "published": None,
                                "byline": None, "language": "en"}


def test_each_source_is_named_or_described_as_the_article_mentions_it(
        data: dict[str, Any]) -> None:
    for source in data["sources"]:
        mentions = [m["text"] for m in source["mentions"]]
        if source["name"] is not None:
            assert any(source["name"] in m for m in mentions), source
        else:
            assert source["description"] in mentions, source
