"""Small helpers every layer uses: paths as a user types them, "did you mean" hints."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable
from pathlib import Path


def display_path(path: Path | str) -> str:
    """Give a path as a user would type it: relative to here when it lies below here."""
    path = Path(path)
    try:
        real = Path(os.path.realpath(path))  # unlike resolve(), never raises on a link loop
        return os.path.relpath(path) if real.is_relative_to(Path.cwd()) else str(path)
    except (OSError, ValueError, RuntimeError):
        return str(path)


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """Give "; did you mean 'x'?" for the closest known word, or "" when none is close."""
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.7)
    return f"; did you mean {close[0]!r}?" if close else ""


#: Every quizgen deck lands under this Anki parent deck.
DECK_PREFIX = "Media literacy::"


def anki_title(title: str) -> str:
    """Give a deck title as one part of an Anki deck name: Anki reads "::" as a parent deck
    and its child, so a run of colons becomes one ("Part 1::Intro" → "Part 1:Intro")."""
    return re.sub(r":{2,}", ":", title)


_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def anki_deck_key(title: str) -> str:
    """Give what Anki compares deck names by: control characters dropped, the ends trimmed,
    case folded (Anki treats "Ünï" and "ünï" as one deck)."""
    return _CONTROLS.sub("", anki_title(title)).strip().casefold()


#: Characters a terminal may act on: C0 and C1 controls (ESC starts a sequence that can set
#: the window title or clear the screen) and the bidirectional controls that reorder a line.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Give text safe to print on a terminal: each control character as an escape (\\x1b)."""
    def escape(match: re.Match[str]) -> str:
        code = ord(match.group())
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _UNPRINTABLE.sub(escape, text)
