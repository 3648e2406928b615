"""Hedges and qualifiers, and the sources that could not be reached or would not comment."""

from __future__ import annotations

import re

from quizgen.sources.model import Hedge, Span

_HEDGES: list[tuple[str, str]] = [
    (r"(?:appear|appears|appeared|appearing)\s+to", "appear to"),
    (r"(?:appear|appears|appeared)(?=\s+(?:poised|ready|unlikely|likely|set|willing|"
     r"reluctant|keen|intent|close|determined))", "appear"),
    (r"(?:seem|seems|seemed|seeming)\s+to", "seem to"),
    (r"(?:seem|seems|seemed)(?=\s+(?:poised|ready|unlikely|likely|set|willing|reluctant|"
     r"keen|intent|close|determined))", "seem"),
    (r"might", "might"),
    (r"may(?!\s+(?:\d|day))", "may"),
    (r"could(?!\s+not\s+(?:immediately\s+)?be\s+reached)", "could"),
    (r"potential(?:ly)?", "potential"),
    (r"possibl[ey]", "possible"),
    (r"(?:un)?likely", "likely"),
    (r"probabl[ey]", "probably"),
    (r"perhaps", "perhaps"),
    (r"apparent(?:ly)?", "apparently"),
    (r"reportedly", "reportedly"),
    (r"alleged(?:ly)?", "allegedly"),
    (r"purported(?:ly)?", "purportedly"),
    (r"suspected", "suspected"),
    (r"in\s+large\s+part", "in large part"),
    (r"largely", "largely"),
    (r"in\s+part|partly", "in part"),
    (r"(?:is|are|was|were|being)\s+seen\s+as", "is seen as"),
    (r"(?:is|are|was|were)\s+(?:believed|thought|said|understood)\s+to", "is believed to"),
    (r"to\s+be\s+sure", "to be sure"),
    (r"so-called", "so-called"),
    (r"unclear|not\s+clear", "unclear"),
    (r"unconfirmed|could\s+not\s+(?:be\s+)?(?:independently\s+)?(?:verify|verified|confirm|"
     r"confirmed)", "unverified"),
]
_HEDGE = re.compile(r"\b(?:" + "|".join(f"(?P<h{i}>{p})" for i, (p, _) in enumerate(_HEDGES))
                    + r")\b")

_NON_RESPONSE = re.compile(
    r"\b(?:could\s+not|couldn[’']t|can\s*not|cannot)\s+(?:immediately\s+)?be\s+(?:reached|"
    r"contacted)(?:\s+(?:for|to)\s+(?:immediate\s+)?comment)?"
    r"|\b(?:did\s+not|didn[’']t|has\s+not|have\s+not|hasn[’']t|haven[’']t)\s+"
    r"(?:immediately\s+)?(?:respond|reply|responded|replied|return(?:ed)?)(?:\s+to\s+(?:an?\s+|"
    r"multiple\s+|several\s+|repeated\s+)?(?:requests?|calls?|emails?|messages?|inquir(?:y|ies)|"
    r"queries|a\s+request)(?:\s+(?:for|seeking)\s+comment)?)?"
    r"|\b(?:declined|refused)\s+to\s+(?:comment|respond|elaborate|discuss\s+\w+)"
    r"|\bwere\s+not\s+(?:immediately\s+)?available\s+(?:for|to)\s+comment"
    r"|\bwas\s+not\s+(?:immediately\s+)?available\s+(?:for|to)\s+comment"
    r"|\bno\s+(?:immediate\s+)?comment\s+(?:was\s+available\s+)?from"
    r"|\bdid\s+not\s+(?:immediately\s+)?comment", re.IGNORECASE)


def find_hedges(text: str) -> list[Hedge]:
    """Give every hedge, in text order."""
    out = []
    for match in _HEDGE.finditer(text):
        group = match.lastgroup
        assert group is not None
        kind = _HEDGES[int(group[1:])][1]
        out.append(Hedge(Span(match.start(), match.end(), match.group()), kind))
    return out


def find_non_responses(text: str) -> list[Span]:
    """Give every "could not be reached" / "did not respond" / "declined to comment" span."""
    return [Span(m.start(), m.end(), m.group()) for m in _NON_RESPONSE.finditer(text)]
