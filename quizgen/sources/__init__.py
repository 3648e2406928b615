"""The attribution analysis behind ``quizgen sources``: who says what in a news article.

Rules only (stdlib ``re``), so analysing an article costs milliseconds; a saved HTML page is read
through trafilatura, imported only when one is given.

``analyse_text(text)`` and ``analyse_file(path)`` give an :class:`Analysis`; its
``to_dict(article)`` is the ``--json`` contract. Beyond the contract's fields it carries:

- top level: ``hedges`` (``text``, ``start``, ``end``, ``kind``), ``non_responses`` (``source``,
  ``text``, ``start``, ``end``, ``mention``), ``paragraphs`` (``start``, ``end``: every non-empty
  line), ``metadata`` (``headline``, ``outlet``, ``published``, ``byline``, ``language``), and
  ``text`` when the analysed text is not the file as read (a saved HTML page);
- each source: ``mentions`` (every span naming it, pronouns included), ``anonymity_span`` (the
  words that grant anonymity), ``members`` for a ``group`` (``description``, ``type``,
  ``anonymous`` of each source counted together);
- each attribution: ``characterization`` ("what it described as", "which it says", "called"),
  ``paragraph`` (index into ``paragraphs``), ``description`` (the appositive at this mention),
  ``non_response`` ("declined to comment": on record as saying nothing).

Cues are ":" for a colon that hands over to a quotation or a headline's words, and the dash
of "“…” ― Name". A ``source`` is null when the mention could not be resolved.
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
