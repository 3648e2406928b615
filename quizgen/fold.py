"""Text folding: the comparisons validation makes between evidence, article and options."""

from __future__ import annotations

import functools
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
#: Every character str.isspace() (and so the regex \s) calls white space.
WHITESPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680"
              + "".join(chr(c) for c in range(0x2000, 0x200B)) + "\u2028\u2029\u202f\u205f\u3000")
_FOLD = str.maketrans({**{ch: " " for ch in WHITESPACE}, **{chr(k): v for k, v in
                                                           _QUOTES.items()}})
_SPACES = re.compile(" {2,}")
_NOT_WORD = re.compile(r"[^\w]+")


def fold_text(text: str) -> str:
    """Give text with Unicode normalized, quotes and dashes made plain and spaces folded.

    The short texts of a deck (prompts, options, whys) are folded by several rules each:
    they are kept for the next one. An article is folded once and not kept.
    """
    if len(text) <= _CACHED_UP_TO:
        return _fold_short(text)
    return _fold(text)


#: Texts up to this long are kept once folded (an item's fields; not its article).
_CACHED_UP_TO = 2000


@functools.lru_cache(maxsize=1 << 16)
def _fold_short(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    # Every white space becomes one plain space in C-speed passes: a 30 MB article of
    # single spaces (the usual text) is not scanned character by character in Python.
    text = unicodedata.normalize("NFC", text).translate(_FOLD)
    if "  " in text:
        text = _SPACES.sub(" ", text)
    return text.strip(" ")


_SIGN = re.compile(r"(?<!\w)([-+])(?=\d)")


def fold_option(text: str) -> str:
    """Give the comparison key of an option: case, spacing and punctuation folded away.

    A minus before a number is kept: "-3%" and "3%" differ, "+3" and "3" do not.
    """
    signed = _SIGN.sub(lambda m: " minus " if m.group(1) == "-" else " ", fold_text(text))
    return _NOT_WORD.sub(" ", signed.casefold()).strip()


class ArticleIndex:
    """Finds folded spans in a folded article, in time linear in the article and the span.

    Every position where a word starts is indexed by the few characters that follow it, so
    a lookup usually checks only the handful of places that begin the same way. The index is
    bounded so that no text can make it costly: a key shared by more than ``PLACES`` places
    (an article of one repeated word) keeps none, and an article over ``INDEX_LIMIT``
    characters is not indexed at all. Whatever the index misses is one plain search of the
    article, which CPython runs in linear time (its two-way string search).
    """

    KEY = 24  # long enough that few places share a key in real text
    PLACES = 16  # a key shared more widely than this is searched for, not looked up
    INDEX_LIMIT = 2 * 2**20  # characters: a real article is a few dozen thousand

    def __init__(self, article: str) -> None:
        self.text = fold_text(article)
        self._starts: dict[str, list[int]] = {}
        text, key = self.text, self.KEY
        if len(text) > self.INDEX_LIMIT:
            return
        starts = self._starts
        for match in re.finditer(r"(?<!\w)\w|(?<=\s)\S", text):
            start = match.start()
            places = starts.setdefault(text[start : start + key], [])
            if len(places) <= self.PLACES:  # one more than PLACES marks the key as common
                places.append(start)
        if text:
            places = starts.setdefault(text[:key], [])
            if 0 not in places and len(places) <= self.PLACES:
                places.append(0)

    def __contains__(self, span: object) -> bool:
        if not isinstance(span, str):
            return False
        needle = fold_text(span)
        if not needle:
            return False
        if len(needle) >= self.KEY:
            places = self._starts.get(needle[: self.KEY], ())
            if len(places) <= self.PLACES:
                for start in places:
                    if self.text.startswith(needle, start):
                        return True
        # A span that begins mid-word or under a common key is rare, and one that is absent
        # is an error: all are worth one full search to be sure.
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
