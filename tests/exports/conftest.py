"""Decks for the export tests: a hostile one written here, and copies of the bundled one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from quizgen.resources import bundled_decks_dir

LONG_PROMPT = ("Which of these is the right reading of a prompt that runs on and on, long past "
               "what a gameshow screen can hold, so a platform with a limit must leave it "
               "out, not cut it short ever?")
assert len(LONG_PROMPT) == 180

#: Every line of the article holds one item's evidence, word for word.
EVIDENCE = {
    "gift-specials": "Votes: 50% {yes} ~ #1 = no: a\\b",
    "markup": "The <b>bold</b> claim & the &amp; entity stayed as typed.",
    "quotes": "He said \"yes\", she said 'no', and they wrote “maybe” and ‘perhaps’.",
    "scripts": "The sign read 中文, العربية and עברית beside 👩‍👩‍👧‍👦.",
    "long-prompt": "The council met on Monday.",
    "formula-options": "The sheet held =1+1 in one cell.",
    "five-options": "Five parties were named in the report.",
    "aiken-prompt": "B) was how the second line began.",
}

ITEMS = [
    {"id": "gift-specials", "kind": "fact",
     "prompt": "Which ~ = # { } : \\ text is kept? {braces} a::b",
     "answer": "%50% of the vote ~ = #",
     "distractors": [
         {"text": "%25%Bethlehem {x} : y", "why": "#### is not general feedback = no"},
         {"text": "[plain] a \\n is not a newline \\", "why": "a\\b: back\\slash ~tilde"},
         {"text": "-> an arrow = equals", "why": "// not a comment"},
     ],
     "explanation": "GIFT's ~ = # { } : and \\ are escaped; %50% at the start too.",
     "tags": ["gift"]},
    {"id": "markup", "kind": "fact",
     "prompt": "What does <b>bold</b> & &amp; show?",
     "answer": "<script>alert('x')</script> as text",
     "distractors": [
         {"text": "&amp; stays &amp;", "why": "&lt;b&gt; is not <b>"},
         {"text": "A <b>bold</b> word", "why": "<i>Markup</i> is shown, not used."},
     ],
     "explanation": "Markup such as <em>this</em> & \"quotes\" stays text.",
     "tags": ["markup"]},
    {"id": "quotes", "kind": "who-said",
     "prompt": "Who said \"yes\", 'no', “maybe” and ‘perhaps’?",
     "answer": "«Guillemets» and „low“ ‚quotes‘\tand a tab",
     "distractors": [
         {"text": "‹Single› 「CJK」 ″double prime″", "why": "`Backticks` and ′primes′ are not it."},
         {"text": "It's \"straight\" quotes", "why": "Nobody's 'straight' quote."},
     ],
     "explanation": "Every kind of quote: \" ' “ ” ‘ ’ « » „ ‚ ‹ › 「 」.",
     "tags": ["quote"]},
    {"id": "scripts", "kind": "fact",
     "prompt": "What stood beside 中文, العربية and עברית?",
     "answer": "👩‍👩‍👧‍👦 a family emoji",
     "distractors": [
         {"text": "🏳️‍🌈 a flag with a joiner", "why": "日本語の説明: not the flag."},
         {"text": "👍🏽 a toned thumb", "why": "السبب: ليس هذا. הסיבה: לא זה."},
     ],
     "explanation": "Right-to-left العربية and עברית, CJK 中文 and joined emoji 👩‍👩‍👧‍👦.",
     "tags": ["scripts"]},
    {"id": "long-prompt", "kind": "fact",
     "prompt": LONG_PROMPT,
     "answer": "The council met on Monday",
     "distractors": [
         {"text": "The council met on Friday", "why": "It was Monday."},
         {"text": "The council did not meet", "why": "It met."},
     ],
     "explanation": "A 180-character prompt.",
     "tags": ["long"]},
    {"id": "formula-options", "kind": "fact",
     "prompt": "What did one cell of the sheet hold?",
     "answer": "=1+1 as typed",
     "distractors": [
         {"text": "@SUM(A1:A2) as typed", "why": "=HYPERLINK(\"http://example.com\") is not it."},
         {"text": "+CMD|' /C calc'!A0 as typed", "why": "-2+3 is not it."},
         {"text": "-1 as typed", "why": "@ is not it."},
     ],
     "explanation": "=, +, - and @ start these options.",
     "tags": ["formula"]},
    {"id": "five-options", "kind": "fact",
     "prompt": "How many parties were named in the report?",
     "answer": "Five parties",
     "distractors": [
         {"text": "Two parties", "why": "More than two."},
         {"text": "Three parties", "why": "More than three."},
         {"text": "Four parties", "why": "More than four."},
         {"text": "Six parties", "why": "Fewer than six."},
     ],
     "explanation": "Five options: one answer and four distractors.",
     "tags": ["five"]},
    {"id": "aiken-prompt", "kind": "fact",
     "prompt": "B) was how which line began?",
     "answer": ("The second line of the letter that the council sent to every household on "
                "the street"),
     "distractors": [
         {"text": "The first line", "why": "It was the second."},
         {"text": "The last line", "why": "It was the second."},
     ],
     "explanation": "An Aiken importer would read this prompt as option B; 80-character answer.",
     "tags": ["aiken"]},
]

HOSTILE_DECK = {
    "id": "hostile-exports",
    "title": "Hostile / exports: {GIFT} <b>&amp;</b> “quotes”",
    "language": "en",
    "source": {"outlet": "<i>Example</i> & Co", "headline": "Bridge \"closes\" {soon}: ~50%",
               "published": "2024-02-05", "byline": "A. Reporter", "article": "article.txt"},
    "items": [{**item, "evidence": EVIDENCE[str(item["id"])], "difficulty": 2}
              for item in ITEMS],
}

#: The items each format must leave out of the hostile deck (the rest must round-trip).
HOSTILE_LEFT_OUT: dict[str, set[str]] = {
    "moodle": set(),
    "gift": set(),
    "aiken": {"markup", "aiken-prompt", "gift-specials"},
    "qti": set(),
    "kahoot": {"long-prompt", "five-options", "aiken-prompt"},
    "quizizz": set(),
    "blooket": {"five-options"},
    "gimkit": {"five-options"},
    "quizlet": {"quotes"},
    "h5p": set(),
}


@pytest.fixture
def hostile_deck(tmp_path: Path) -> Path:
    """Give the folder of a deck whose every text is hostile to some export."""
    folder = tmp_path / "hostile-exports"
    folder.mkdir()
    (folder / "deck.yaml").write_text(yaml.safe_dump(HOSTILE_DECK, allow_unicode=True,
                                                     sort_keys=False), encoding="utf-8")
    (folder / "article.txt").write_text("\n\n".join(EVIDENCE.values()) + "\n", encoding="utf-8")
    return folder


@pytest.fixture
def bundled_deck(tmp_path: Path) -> Path:
    """Give a copy of the bundled deck's folder."""
    folder = tmp_path / "iran-pakistan-2024"
    shutil.copytree(bundled_decks_dir() / "iran-pakistan-2024", folder)
    return folder
