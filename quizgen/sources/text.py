"""Paragraphs, sentences and quotation marks of a plain text, as offsets into it."""

from __future__ import annotations

import re
from dataclasses import dataclass

_LINE = re.compile(r"[^\n]+")
# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr sen rep gov gen col lt sgt st jr sr prof rev capt cmdr adm maj supt "
    "jan feb mar apr jun jul aug sep sept oct nov dec no nos inc corp co ltd vs etc "
    "u.s u.n u.k e.u d.c a.m p.m ft mt pres atty dept est approx".split()
)
_SENTENCE_END = re.compile(r"[.!?]+[”\"’']*(?=\s+[“\"‘'(\[A-Z0-9])")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Give every non-empty line as (start, end), surrounding white space left out."""
    out = []
    for match in _LINE.finditer(text):
        line = match.group()
        stripped = line.strip()
        if not stripped or stripped == "\ufeff":
            continue
        lead = len(line) - len(line.lstrip(" \t\r\f\v\ufeff\u00a0"))
        trail = len(line) - len(line.rstrip())
        out.append((match.start() + lead, match.end() - trail))
    return out


MAX_SENTENCE = 1200  # characters: longer runs are cut, so the work stays linear in the text


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split the paragraph text[start:end] into sentences, as (start, end)."""
    out: list[tuple[int, int]] = []
    for s_start, s_end in _sentences(text, start, end):
        while s_end - s_start > MAX_SENTENCE:
            cut = text.rfind(" ", s_start + MAX_SENTENCE // 2, s_start + MAX_SENTENCE)
            cut = cut if cut > s_start else s_start + MAX_SENTENCE
            out.append((s_start, cut))
            s_start = _skip_space(text, cut, s_end)
        if s_start < s_end:
            out.append((s_start, s_end))
    return out


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    begin = start
    for match in _SENTENCE_END.finditer(text, start, end):
        stop = match.end()
        if text[match.start()] == "." and _is_abbreviation(text, match.start()):
            continue
        out.append((begin, stop))
        begin = _skip_space(text, stop, end)
    if begin < end:
        out.append((begin, end))
    return out


def _skip_space(text: str, pos: int, end: int) -> int:
    """Give the first offset from pos (before end) that is not white space, else end."""
    while pos < end and text[pos].isspace():
        pos += 1
    return pos


def _is_abbreviation(text: str, dot: int) -> bool:
    i = dot
    while i > 0 and (text[i - 1].isalpha() or text[i - 1] == "."):
        i -= 1
    word = text[i:dot].lower()
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "John F. Kennedy"
    return word in _ABBREVIATIONS


@dataclass
class Quote:
    """One passage between double quotation marks inside one paragraph."""

    start: int  # first character inside the marks
    end: int  # just past the last character inside the marks
    open_mark: int  # offset of the opening mark (-1 when the paragraph starts inside a quote)
    close_mark: int  # offset of the closing mark (-1 when the quote runs on to the next paragraph)
    paragraph: int
    continues: bool = False  # the same quotation as the previous passage (next paragraph)
    close_end: int = -1  # just past the closing mark ('' is two characters wide)

    @property
    def outer_end(self) -> int:
        """Give the end of the passage with its closing mark."""
        return self.close_end if self.close_mark >= 0 else self.end


_MARK = re.compile(r"[“”\"]|'''|''|``")
_OPENERS = " \t\n([{—–-/:;,\u00a0“‘'"


def _is_opening(text: str, pos: int, width: int, start: int, end: int) -> bool:
    mark = text[pos:pos + width]
    before = text[pos - 1] if pos > start else " "
    after = text[pos + width] if pos + width < end else " "
    if mark == "``":
        return True
    if mark == "“":  # a few pages close with “ as well: “It's unusual,“ said …
        return not (pos > start and not before.isspace() and (
            after.isspace() or after in ",.;:!?)"))
    if mark == "”":
        return False
    if before in _OPENERS or before == "\ufeff":
        return not after.isspace()
    return False


def quotes(text: str, paras: list[tuple[int, int]]) -> list[Quote]:
    """Find every double-quoted passage, paragraph by paragraph.

    An opening mark with no closing mark in its paragraph runs to the paragraph's end; when the
    next paragraph opens with a mark again, that passage continues the same quotation (the
    convention for a quotation over several paragraphs).
    """
    out: list[Quote] = []
    running = False
    for index, (start, end) in enumerate(paras):
        pending, width, continues = -1, 0, False
        for match in _MARK.finditer(text, start, end):
            pos, mark_width = match.start(), match.end() - match.start()
            closing = False
            if mark_width == 3:  # ''' is '' and a single mark, in one order or the other
                mark_width = 2
                following = text[pos + 3] if pos + 3 < end else " "
                if following.isspace() or following in ".,;:!?)":
                    pos, closing = pos + 1, True  # ",''' said": the single closes first
            if not closing and _is_opening(text, pos, mark_width, start, end):
                if pending >= 0:  # two openings in a row: the first never closed
                    _add(out, text, pending + width, pos, pending, -1, index, continues)
                continues = running and pos == start
                pending, width = pos, mark_width
            elif pending >= 0:
                _add(out, text, pending + width, pos, pending, pos, index, continues,
                     pos + mark_width)
                pending, continues = -1, False
            running = False
        running = pending >= 0
        if running:
            _add(out, text, pending + width, end, pending, -1, index, continues)
    return out


def _add(out: list[Quote], text: str, start: int, end: int, open_mark: int, close_mark: int,
         paragraph: int, continues: bool, close_end: int = -1) -> None:
    start = _skip_space(text, start, end)
    while end > start and text[end - 1].isspace():
        end -= 1
    if any(ch.isalnum() for ch in text[start:end]):
        out.append(Quote(start, end, open_mark, close_mark, paragraph, continues, close_end))
