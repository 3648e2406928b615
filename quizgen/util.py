"""Small helpers every layer uses: paths as a user types them, "did you mean" hints."""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from pathlib import Path


def display_path(path: Path | str) -> str:
    """Give a path as a user would type it: relative to here when it lies below here."""
    path = Path(path)
    try:
        return os.path.relpath(path) if path.resolve().is_relative_to(Path.cwd()) else str(path)
    except (OSError, ValueError):
        return str(path)


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """Give "; did you mean 'x'?" for the closest known word, or "" when none is close."""
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.7)
    return f"; did you mean {close[0]!r}?" if close else ""
