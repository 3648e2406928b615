"""The attribution analysis behind ``quizgen sources``: who says what in a news article.

Rules only (stdlib ``re``), so analysing an article costs milliseconds; a saved HTML page is read
through trafilatura, imported only when one is given.
"""

from __future__ import annotations

from quizgen.sources.analyse import analyse_text
from quizgen.sources.article import (
    ArticleError,
    NoAttributionError,
    analyse_file,
)
from quizgen.sources.model import (
    SOURCE_TYPES,
    Analysis,
    Attribution,
    Hedge,
    NonResponse,
    Source,
    Span,
)

__all__ = [
    "SOURCE_TYPES",
    "Analysis",
    "ArticleError",
    "Attribution",
    "Hedge",
    "NoAttributionError",
    "NonResponse",
    "Source",
    "Span",
    "analyse_file",
    "analyse_text",
]
