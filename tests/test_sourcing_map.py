"""The sourcing map's content: summary, marks split to nest, table rows, a misfit analysis."""

from __future__ import annotations

import copy
import json
import re
import time
from pathlib import Path
from typing import Any

import pytest

from quizgen.sources.dictview import AnalysisError, read_view
from quizgen.sources.map import marks, paragraphs, render_map, source_rows, summary

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
ROOT = Path(__file__).parent.parent
BUNDLED_ARTICLE = ROOT / "decks" / "iran-pakistan-2024" / "article.txt"


def read(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as file:
        return file.read()


def dam() -> tuple[dict[str, Any], str]:
    analysis = json.loads((FIXTURES / "dam" / "analysis.json").read_text(encoding="utf-8"))
    return analysis, read(FIXTURES / "dam" / "article.txt")


def bundled() -> tuple[dict[str, Any], str]:
    analysis = json.loads((FIXTURES / "iran-pakistan-2024.json").read_text(encoding="utf-8"))
    return analysis, read(BUNDLED_ARTICLE)


def shape(analysis: dict[str, Any], text: str, number: int) -> str:
    """Give paragraph `number` as text with each mark as <kind>…</kind>."""
    view = read_view(analysis, text)
    out = []
    for event in paragraphs(view, marks(view))[number - 1].events:
        if event.kind == "text":
            out.append(event.text)
        else:
            assert event.mark is not None
            out.append(f"<{'/' if event.kind == 'close' else ''}{event.mark.kind}>")
    return "".join(out)


def test_the_summary_reads_aloud_the_sourcing_of_the_small_article() -> None:
    assert summary(read_view(*dam())) == (
        "The article credits 8 statements to 6 sources: 3 direct quotations and 5 "
        "paraphrases. 3 of 8 rest on sources the article does not name (two regional "
        "officials and an engineer; a senior ministry official; and a local farmer); it says "
        "why for 1 of the 3. The most cited sources are Lena Koval and the utility "
        "(2 attributions each). In 1 place the article hands a description to a party "
        "(“what it described as…”) instead of stating it as fact. It hedges 3 times: "
        "“about”, “might” and “could”. The dam’s operator: “could not immediately be "
        "reached for comment”.")


def test_the_summary_of_the_bundled_article_counts_its_unnamed_sources() -> None:
    text = summary(read_view(*bundled()))
    assert text.startswith("The article credits 27 statements to 9 sources: 8 direct "
                           "quotations and 19 paraphrases. 8 of 27 rest on sources the "
                           "article does not name")
    assert "it says why for 1 of the 4." in text


def test_an_article_without_attribution_says_so() -> None:
    analysis, text = dam()
    analysis["attributions"] = []
    assert summary(read_view(analysis, text)) == (
        "The analysis found no attribution in this article: nothing in it is credited to a "
        "source.")


def test_a_cue_and_mention_nest_inside_each_other() -> None:
    # "what the utility described as": the mention sits inside the cue.
    assert shape(*dam(), 8) == (
        "Protesters blocked the road to <cue>what <mention>the utility</mention> described "
        "as</cue> <content>a temporary work site</content>.")


def test_marks_that_cross_are_split_into_pieces_that_nest() -> None:
    text = "Ab cd ef gh."
    analysis = {
        "sources": [{"id": "s1", "name": "Ab", "type": "named-person", "anonymous": False}],
        "attributions": [{"source": "s1", "mention": None, "cue": None, "direct": True,
                          "content": {"text": "Ab cd ef", "start": 0, "end": 8}}],
        "hedges": [{"text": "ef gh", "start": 6, "end": 11, "kind": "x"}],
    }
    assert shape(analysis, text, 1) == (
        "<content>Ab cd <hedge>ef</hedge></content><hedge> gh</hedge>.")


def test_a_quote_over_two_paragraphs_is_marked_in_each() -> None:
    text = "“One two\n“three four,” she said."
    analysis = {
        "sources": [{"id": "s1", "name": "Ann Lee", "type": "named-person"}],
        "attributions": [{"source": "s1", "direct": True,
                          "mention": {"text": "she", "start": 23, "end": 26},
                          "cue": {"text": "said", "start": 27, "end": 31},
                          "content": {"text": text[1:21], "start": 1, "end": 21}}],
    }
    assert shape(analysis, text, 1) == "“<content>One two</content>"
    assert shape(analysis, text, 2) == (
        "<content>“three four,</content>” <mention>she</mention> <cue>said</cue>.")
    html = render_map(analysis, text)
    pieces = re.findall(r'data-mark="content"[^>]* aria-label="([^"]*)"', html)
    assert pieces == ["Quotation 1 of 1, from source 1, Ann Lee (named person); cue: said",
                      "continued: Quotation 1 of 1, from source 1, Ann Lee (named person); "
                      "cue: said"]


def test_the_table_counts_each_sources_attributions_and_paragraphs() -> None:
    rows = {row.source.id: row for row in source_rows(read_view(*dam()))}
    assert [(r.source.label, r.source.type_label, r.anonymity, r.attributions, r.quotes,
             r.paragraphs) for r in rows.values()] == [
        ("Two regional officials and an engineer", "Group of sources", "Yes: no reason given",
         1, 0, (1,)),
        ("Lena Koval, the region’s water minister", "Named official", "No", 2, 2, (2,)),
        ("The utility", "Institutional statement", "No", 2, 0, (3, 8)),
        ("A senior ministry official", "Anonymous official",
         "Yes: because he was not authorised to brief reporters", 1, 0, (4,)),
        ("Tomas Berg, a hydrologist at Lund University", "Named expert", "No", 1, 0, (5,)),
        ("A local farmer", "Unnamed source", "Yes: no reason given", 1, 1, (6,)),
        ("The dam’s operator", "No response", "No", 0, 0, (7,)),
    ]


def test_the_page_is_self_contained_and_escapes_the_article() -> None:
    analysis, text = dam()
    text = text.replace("Protesters", "<b>Pro</b>")  # as long: the offsets still fit
    html = render_map(analysis, text, title="Dam & river")
    assert "&lt;b&gt;Pro&lt;/b&gt;" in html
    assert "<title>Dam &amp; river: sourcing map</title>" in html
    assert "default-src 'none'" in html and "script-src 'none'" in html
    assert not re.search(r"(?:src|href)=\"(?:https?:)?//", html)
    assert '<html lang="en">' in html


def test_the_title_falls_back_on_the_headline_then_the_file() -> None:
    analysis, text = dam()
    assert "<h1>Varna dam to close for repairs</h1>" in render_map(analysis, text)
    analysis["metadata"]["headline"] = None
    analysis["article"] = "/news/varna/article.txt"
    assert "<h1>varna/article.txt</h1>" in render_map(analysis, text)


@pytest.mark.parametrize("edit, message", [
    (lambda a: a["attributions"][1]["content"].update(start=5000, end=5010),
     "attribution 2, content: offsets 5000–5010 lie outside the text (860 characters); the "
     "analysis is of another text"),
    (lambda a: a["attributions"][0]["cue"].update(text="reported"),
     "attribution 1, cue: the text at 83–95 reads 'according to', not 'reported'; the "
     "analysis is of another text"),
    (lambda a: a["sources"][2]["mentions"][0].update(start=-1),
     "source 3, mention 1: offsets -1–287 lie outside the text (860 characters); the "
     "analysis is of another text"),
])
def test_an_analysis_of_another_text_is_refused_in_one_line(edit: Any, message: str) -> None:
    analysis, text = dam()
    analysis = copy.deepcopy(analysis)
    edit(analysis)
    with pytest.raises(AnalysisError) as caught:
        render_map(analysis, text)
    assert str(caught.value) == message


def test_a_template_dir_can_extend_the_built_in_map(tmp_path: Path) -> None:
    (tmp_path / "sources.html").write_text(
        '{% extends "default:sources.html" %}'
        "{% block style %}{{ super() }} .article { font-size: 1.5rem; }{% endblock %}",
        encoding="utf-8")
    html = render_map(*dam(), template_dir=tmp_path)
    assert ".article { font-size: 1.5rem; }" in html
    assert html.count('data-mark="content"') == len(dam()[0]["attributions"])


def test_a_large_article_is_mapped_in_linear_time() -> None:
    analysis, text = bundled()
    article = text + "\n"
    copies = 40
    big: dict[str, Any] = {key: [] for key in ("sources", "attributions", "hedges",
                                               "non_responses", "paragraphs")}

    def moved(span: dict[str, Any] | None, k: int) -> dict[str, Any] | None:
        shift = k * len(article)
        return None if span is None else dict(span, start=span["start"] + shift,
                                              end=span["end"] + shift)

    for k in range(copies):
        big["sources"] += [dict(s, id=f"{s['id']}-{k}",
                                mentions=[moved(m, k) for m in s["mentions"]])
                           for s in analysis["sources"]]
        big["attributions"] += [
            dict(a, source=f"{a['source']}-{k}", mention=moved(a["mention"], k),
                 cue=moved(a["cue"], k), content=moved(a["content"], k))
            for a in analysis["attributions"]]
        for key in ("hedges", "non_responses", "paragraphs"):
            big[key] += [moved(s, k) for s in analysis[key]]
    started = time.perf_counter()
    html = render_map(big, article * copies)
    elapsed = time.perf_counter() - started
    assert html.count('data-mark="content"') == copies * len(analysis["attributions"])
    assert elapsed < 2.0, f"{elapsed:.2f} s for about 40,000 words"
