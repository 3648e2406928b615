"""quizgen: media-literacy quizzes and Anki decks from curated items about a news article.

The library's nouns and steps, loaded on first use so that importing quizgen (and so
``quizgen --help``) stays fast::

    import quizgen

    deck, warnings = quizgen.load_checked("decks/iran-pakistan-2024")
    quiz = quizgen.arrange(deck, seed=2, count=10)
    (page,) = quizgen.get_output("worksheet").render(quizgen.Context(quiz)).values()
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

#: Each public name and the module it comes from.
_EXPORTS = {
    "Deck": "quizgen.model",
    "Item": "quizgen.model",
    "Distractor": "quizgen.model",
    "Source": "quizgen.model",
    "KINDS": "quizgen.model",
    "load_deck": "quizgen.deckfile",
    "read_deck": "quizgen.deckfile",
    "SourceMap": "quizgen.deckfile",
    "validate": "quizgen.validation",
    "load_checked": "quizgen.validation",
    "check_decks": "quizgen.validation",
    "Quiz": "quizgen.quiz",
    "arrange": "quizgen.quiz",
    "Selection": "quizgen.quiz",
    "OUTPUTS": "quizgen.outputs",
    "Output": "quizgen.outputs",
    "Context": "quizgen.outputs",
    "build": "quizgen.builder",
    "Problem": "quizgen.errors",
    "QuizgenError": "quizgen.errors",
}
_ALIASES = {"get_output": ("quizgen.outputs", "get")}

__all__ = [
    "KINDS", "OUTPUTS", "Context", "Deck", "Distractor", "Item", "Output", "Problem", "Quiz",
    "QuizgenError", "Selection", "Source", "SourceMap", "__version__", "arrange", "build",
    "check_decks", "get_output", "load_checked", "load_deck", "read_deck", "validate",
]

if TYPE_CHECKING:
    __version__: str
    from quizgen.builder import build
    from quizgen.deckfile import SourceMap, load_deck, read_deck
    from quizgen.errors import Problem, QuizgenError
    from quizgen.model import KINDS, Deck, Distractor, Item, Source
    from quizgen.outputs import OUTPUTS, Context, Output
    from quizgen.outputs import get as get_output
    from quizgen.quiz import Quiz, Selection, arrange
    from quizgen.validation import check_decks, load_checked, validate


def _version() -> str:
    """Give the installed distribution's version (importlib.metadata costs tens of ms to
    import, so it is read on first use, not at import: ``quizgen sources`` never needs it)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("quizgen")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0.0.0"


def __getattr__(name: str) -> Any:
    if name == "__version__":
        globals()["__version__"] = found = _version()
        return found
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    if name in _ALIASES:
        module, attr = _ALIASES[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'quizgen' has no attribute {name!r}")
