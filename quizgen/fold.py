"""Text folding: the comparisons validation makes between evidence, article and options."""

from __future__ import annotations

import re
import unicodedata

# Curly and straight quotes, and every dash, compare equal: a deck author types ' and -,
# the article was published with ’ and –.
_QUOTES = str.maketrans(
    {
        "\u2018": "'",  # ‘
        "\u2019": "'",  # ’
        "\u201a": "'",  # ‚
        "\u201b": "'",  # ‛
        "\u2032": "'",  # ′
        "`": "'",
        "\u00b4": "'",  # ´
        "\u201c": '"',  # “
        "\u201d": '"',  # ”
        "\u201e": '"',  # „
        "\u201f": '"',  # ‟
        "\u2033": '"',  # ″
        "\u00ab": '"',  # «
        "\u00bb": '"',  # »
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u2012": "-",  # figure dash
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
        "\u2015": "-",  # horizontal bar
        "\u2212": "-",  # minus
    }
)
_SPACE = re.compile(r"\s+")
_NOT_WORD = re.compile(r"[^\w]+")


def fold_text(text: str) -> str:
    """Give text with Unicode normalized, quotes and dashes made plain and spaces folded."""
    text = unicodedata.normalize("NFC", text).translate(_QUOTES)
    return _SPACE.sub(" ", text).strip()


_SIGN = re.compile(r"(?<!\w)([-+])(?=\d)")


def fold_option(text: str) -> str:
    """Give the comparison key of an option: case, spacing and punctuation folded away.

    A minus before a number is kept: "-3%" and "3%" differ, "+3" and "3" do not.
    """
    signed = _SIGN.sub(lambda m: " minus " if m.group(1) == "-" else " ", fold_text(text))
    return _NOT_WORD.sub(" ", signed.casefold()).strip()


class ArticleIndex:
    """Finds folded spans in a folded article without scanning it once per lookup.

    Every position where a word starts is indexed by the few characters that follow it, so
    a lookup checks only the handful of places that begin the same way. Spans that start
    in the middle of a word, or are shorter than the key, fall back to a plain search.
    """

    KEY = 24  # long enough that few places share a key in real text

    def __init__(self, article: str) -> None:
        self.text = fold_text(article)
        self._starts: dict[str, list[int]] = {}
        text, key = self.text, self.KEY
        for match in re.finditer(r"(?<!\w)\w|(?<=\s)\S", text):
            start = match.start()
            self._starts.setdefault(text[start : start + key], []).append(start)
        if text:
            self._starts.setdefault(text[:key], []).append(0)

    def __contains__(self, span: object) -> bool:
        if not isinstance(span, str):
            return False
        needle = fold_text(span)
        if not needle:
            return False
        if len(needle) >= self.KEY:
            for start in self._starts.get(needle[: self.KEY], ()):
                if self.text.startswith(needle, start):
                    return True
        # A span that begins mid-word is rare, and one that is absent is an error: both are
        # worth one full search to be sure.
        return needle in self.text

    def matched_prefix(self, span: str) -> str:
        """Give the longest start of a folded span that occurs in the article."""
        needle = fold_text(span)
        low, high = 0, len(needle)
        while low < high:  # binary search: only run for evidence already known to be absent
            mid = (low + high + 1) // 2
            if needle[:mid] in self.text:
                low = mid
            else:
                high = mid - 1
        return needle[:low]
