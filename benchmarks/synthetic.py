"""Synthetic decks for the benchmarks: N items, an article of N sentences, one per item."""

from __future__ import annotations

from pathlib import Path

import yaml

KINDS = ["fact", "who-said", "source-type", "anonymity", "claim-vs-fact", "hedging",
         "corroboration", "independence", "background", "main-claim"]
NAMES = ["Amira", "Bashir", "Chen", "Dana", "Emeka", "Farah", "Goran", "Hana", "Ivan", "Jonas"]


def sentence(i: int) -> str:
    """Give the article's i-th sentence, unique to item i."""
    name = NAMES[i % len(NAMES)]
    return (f"Official {name} {i} told reporters that the border crossing number {i} "
            f"had reopened after “a review of procedures {i * 7}”.")


def write_deck(folder: Path, count: int) -> Path:
    """Write a valid deck of count items and its article; give the deck.yaml path."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "article.txt").write_text(
        "\n".join(sentence(i) for i in range(count)) + "\n(Synthetic)\n", encoding="utf-8")
    items = []
    for i in range(count):
        name = NAMES[i % len(NAMES)]
        other = NAMES[(i + 1) % len(NAMES)]
        third = NAMES[(i + 2) % len(NAMES)]
        items.append({
            "id": f"item-{i}",
            "kind": KINDS[i % len(KINDS)],
            "prompt": f"Who said crossing number {i} had reopened?",
            "answer": f"Official {name} {i}",
            "distractors": [
                {"text": f"Official {other} {i}", "why": f"{other} {i} is not named here."},
                {"text": f"Official {third} {i}", "why": f"{third} {i} is not named here."},
            ],
            "evidence": sentence(i),
            "explanation": "The sentence names the official who spoke.",
            "tags": ["synthetic", f"group-{i % 20}"],
            "difficulty": str(1 + i % 3),
        })
    deck = {
        "id": f"synthetic-{count}",
        "title": f"A synthetic deck of {count} items",
        "language": "en",
        "source": {"outlet": "Benchmark Wire", "headline": "Crossings reopen",
                   "published": "2024-01-19", "byline": "A. Writer", "article": "article.txt"},
        "items": items,
    }
    path = folder / "deck.yaml"
    path.write_text(yaml.safe_dump(deck, allow_unicode=True, sort_keys=False, width=200),
                    encoding="utf-8")
    return path
