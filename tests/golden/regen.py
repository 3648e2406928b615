"""Write the golden exports of the frozen deck in tests/golden/deck (seed 1, every item).

Run it after a deliberate change to an export format, then review the diff:

    python tests/golden/regen.py

The deck is a frozen copy of the bundled deck as it was when the goldens were made, so a
revision of decks/ does not move them; tests/exports/test_golden.py compares byte for byte.
"""

from __future__ import annotations

from pathlib import Path

from quizgen.deckfile import load_deck
from quizgen.outputs import get
from quizgen.outputs.exports import FORMATS, export_quiz
from quizgen.quiz import arrange

HERE = Path(__file__).resolve().parent
DECK = HERE / "deck" / "deck.yaml"
SEED = 1


def golden_name(fmt: str) -> str:
    """Give the golden file of a format: export.<format><suffix>."""
    return f"export.{fmt}{get(fmt).suffix}"


def golden_exports() -> dict[str, bytes]:
    """Give every format's export of the frozen deck, by golden file name."""
    quiz = arrange(load_deck(DECK), SEED)
    return {golden_name(fmt): export_quiz(quiz, fmt)[0] for fmt in FORMATS}


def main() -> None:
    """Write the golden files beside this script."""
    for name, data in golden_exports().items():
        (HERE / name).write_bytes(data)
        print(HERE / name)


if __name__ == "__main__":
    main()
