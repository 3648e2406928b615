"""Read an article from a file: plain UTF-8 text, or a saved HTML page through trafilatura."""

from __future__ import annotations

import re
from pathlib import Path

from quizgen.errors import QuizgenError
from quizgen.sources.analyse import analyse_text, guess_language
from quizgen.sources.model import Analysis

#: The largest article read, in bytes; a news article is a few tens of kilobytes.
MAX_BYTES = 10 * 1024 * 1024
_HTML_START = re.compile(rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta)\b",
                         re.IGNORECASE | re.DOTALL)


class ArticleError(QuizgenError):
    """Raised when an ARTICLE cannot be read as an English news article."""


class NoAttributionError(ArticleError):
    """Raised when an article holds no attribution at all."""


def analyse_file(path: Path, *, require_attributions: bool = True) -> Analysis:
    """Analyse the article in a file: plain UTF-8 text, or a news page saved as HTML."""
    data = _read(path)
    if _HTML_START.match(data[:2048]) or path.suffix.lower() in (".html", ".htm", ".xhtml"):
        analysis = _from_html(path, data)
    else:
        text = _decode(path, data)
        if not text.strip():
            raise ArticleError(f"{path}: the article is empty")
        _check_language(path, text, None)
        analysis = analyse_text(text)
    if require_attributions and not analysis.attributions:
        raise NoAttributionError(
            f"{path}: no attribution found (no quotation, no 'said', 'told', 'according to'…); "
            "is this a news article?")
    return analysis


def _read(path: Path) -> bytes:
    if path.is_dir():
        raise ArticleError(f"{path}: is a directory, not an article file")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ArticleError(
                f"{path}: {size / 1024 / 1024:.0f} MB is too large for an article "
                f"(the limit is {MAX_BYTES // 1024 // 1024} MB)")
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError as err:
        raise ArticleError(f"{path}: no such file") from err
    except OSError as err:
        raise ArticleError(f"{path}: cannot be read ({err.strerror or err})") from err
    if len(data) > MAX_BYTES:
        raise ArticleError(f"{path}: too large for an article "
                           f"(the limit is {MAX_BYTES // 1024 // 1024} MB)")
    if not data.strip():
        raise ArticleError(f"{path}: the article is empty")
    if b"\x00" in data[:65536]:
        raise ArticleError(f"{path}: a binary file, not a text or HTML article")
    return data


def _decode(path: Path, data: bytes) -> str:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[:err.start].count(b"\n") + 1
        raise ArticleError(
            f"{path}: not UTF-8 text (byte {err.start}, line {line}); "
            "save it as UTF-8, e.g. iconv -f latin1 -t utf-8") from err
    # Offsets must index the file as read with newline="": decode the same way.
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def _check_language(path: Path, text: str, declared: str | None) -> None:
    language = (declared or "").split("-")[0].lower() or None
    if language in (None, "en"):
        language = guess_language(text) if language is None else language
    if language not in (None, "en"):
        raise ArticleError(
            f"{path}: the article does not read as English (the rules are for English news)")


def _from_html(path: Path, data: bytes) -> Analysis:
    try:
        import trafilatura  # heavy: only when an HTML page is given
    except ImportError as err:  # pragma: no cover - a broken install
        raise ArticleError(f"{path}: reading HTML needs trafilatura ({err})") from err
    try:
        document = trafilatura.bare_extraction(
            data, with_metadata=True, include_comments=False, include_tables=False,
            favor_precision=True)
    except Exception as err:  # trafilatura raises many kinds on broken markup
        raise ArticleError(f"{path}: the HTML page could not be read ({err})") from err
    text = _field(document, "text") if document is not None else None
    if not text or len(text.split()) < 20:
        raise ArticleError(f"{path}: no article text found in this HTML page")
    metadata = {
        "headline": _field(document, "title"),
        "outlet": _field(document, "sitename"),
        "published": _field(document, "date"),
        "byline": _field(document, "author"),
        "language": _field(document, "language"),
    }
    _check_language(path, text, metadata["language"])
    analysis = analyse_text(text)
    metadata["language"] = metadata["language"] or analysis.metadata.get("language")
    analysis.metadata = metadata
    analysis.text_is_file = False
    return analysis


def _field(document: object, name: str) -> str | None:
    value = document.get(name) if isinstance(document, dict) else getattr(document, name, None)
    if value is None:
        return None
    value = str(value).strip()
    return value or None
