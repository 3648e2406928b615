"""analyse_file: plain text as read, a saved HTML page through trafilatura, and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizgen.errors import QuizgenError
from quizgen.sources import ArticleError, NoAttributionError, analyse_file, analyse_text
from quizgen.sources.article import MAX_BYTES

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Border talks stall as both sides dig in | Wire News</title>
<meta property="og:title" content="Border talks stall as both sides dig in">
<meta property="og:site_name" content="Wire News">
<meta name="author" content="Jane Reporter">
<meta property="article:published_time" content="2024-01-19T08:00:00Z">
</head>
<body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Border talks stall as both sides dig in</h1>
<p>Talks between the two neighbours over their shared border stalled on Friday, officials
said, after a week of strikes and counter-strikes that alarmed the region.</p>
<p>“We are not going to give up an inch of our land,” Ahmed Khan, a spokesman for the
foreign ministry, told reporters in the capital.</p>
<p>Maria Lopez, an analyst at the Atlantic Council, said both governments appear to want a
way out of the crisis without losing face at home.</p>
</article>
<footer>© Wire News</footer>
</body>
</html>
"""

WIRE = "“We will not back down,” Ahmed Khan, a spokesman for the ministry, said on Monday.\r\n"


def test_plain_text_offsets_index_the_file_as_read(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(("\ufeff" + WIRE).encode("utf-8"))
    analysis = analyse_file(path)
    with open(path, encoding="utf-8", newline="") as handle:
        as_read = handle.read()
    assert analysis.text == as_read
    data = analysis.to_dict(str(path))
    assert data["article"] == str(path)
    assert "text" not in data
    [quote] = data["attributions"]
    assert as_read[quote["content"]["start"]:quote["content"]["end"]] == "We will not back down"
    assert data["paragraphs"] == [{"start": 1, "end": len(as_read) - 2}]


def test_html_page_gives_its_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    data = analyse_file(path).to_dict(str(path))
    assert data["metadata"] == {
        "headline": "Border talks stall as both sides dig in",
        "outlet": "Wire News",
        "published": "2024-01-19",
        "byline": "Jane Reporter",
        "language": "en",
    }
    text = data["text"]  # the analysed text is not the file: it travels with the offsets
    assert "<p>" not in text and "Home" not in text
    cues = [(a["mention"]["text"], a["cue"]["text"], a["direct"]) for a in data["attributions"]]
    assert cues == [("officials", "said", False), ("Ahmed Khan", "told", True),
                    ("Maria Lopez", "said", False)]
    officials = data["attributions"][0]["content"]
    assert officials["text"] == "Talks between the two neighbours over their shared border " \
                                "stalled on Friday"
    for attribution in data["attributions"]:
        for key in ("mention", "cue", "content"):
            span = attribution[key]
            assert text[span["start"]:span["end"]] == span["text"]
    json.dumps(data)  # the whole analysis is JSON as it stands


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the article is empty"),
        (b"  \n\n \t\n", "the article is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a binary file, not a text or HTML article"),
        ("Der Minister sagte, “wir”".encode("latin-1", "replace") + b"\xe9t\xe9",
         "not UTF-8 text (byte"),
        (b"<html><body><nav>Home</nav></body></html>", "no article text found in this HTML page"),
        ("Der Minister sagte am Montag, die Gespräche würden fortgesetzt, und die Regierung "
         "werde alles tun, um die Grenze zu sichern, auch wenn es lange dauern könnte und "
         "niemand weiß, wie es weitergeht, sagte er.\n".encode(),
         "the article does not read as English"),
        (b"The river rose by two metres overnight and the bridge was closed to traffic.\n",
         "no attribution found"),
    ],
)
def test_bad_article_gives_a_one_line_error_naming_the_file(
        tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / ("page.html" if content.startswith(b"<html") else "article.txt")
    path.write_bytes(content)
    with pytest.raises(ArticleError) as caught:
        analyse_file(path)
    text = str(caught.value)
    assert text.startswith(f"{path}: ")
    assert message in text
    assert "\n" not in text
    assert isinstance(caught.value, QuizgenError)


def test_no_attribution_is_its_own_error_and_can_be_allowed(tmp_path: Path) -> None:
    path = tmp_path / "calm.txt"
    path.write_text("The river rose by two metres overnight.\n", encoding="utf-8")
    with pytest.raises(NoAttributionError):
        analyse_file(path)
    assert analyse_file(path, require_attributions=False).attributions == []


def test_directory_missing_file_and_oversized_file(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match=r": is a directory, not an article file$"):
        analyse_file(tmp_path)
    with pytest.raises(ArticleError, match=r"missing\.txt: no such file$"):
        analyse_file(tmp_path / "missing.txt")
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: nothing is written
    with pytest.raises(ArticleError, match=r"big\.txt: 10 MB is too large for an article"):
        analyse_file(big)


_WIRE_TEXT = st.lists(st.sampled_from([
    "“", "”", '"', "''", "’", "‘", " said", " he", " told Reuters", ",", ".", ":", "\n",
    "\r\n", " according to", " the official", " Brew", " Gregory Brew", " could not be reached",
    " might", " what it described as", " and", " Iran", " militants", " 2024", "  ",
]), max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(_WIRE_TEXT)
def test_any_text_gives_spans_that_slice_it(text: str) -> None:
    data = analyse_text(text).to_dict("x")
    spans = [a[key] for a in data["attributions"]
             for key in ("mention", "cue", "content") if a[key] is not None]
    spans += data["hedges"] + data["non_responses"]
    spans += [m for s in data["sources"] for m in s["mentions"]]
    for span in spans:
        assert text[span["start"]:span["end"]] == span["text"]
    ids = {s["id"] for s in data["sources"]}
    assert all(a["source"] in ids | {None} for a in data["attributions"])
