"""The small word work of drafting: slugs and ids, trimming, quotations, numbers."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from quizgen.fold import fold_text
from quizgen.sources.dictview import capitalize

#: Mentions that stand for a source named earlier.
PRONOUNS = frozenset("he she they it we i you him her them".split())
_STOP = frozenset("""a an the and or but of to in on at by for from with as is are was were be
been being has have had that this these those it its their his her he she they we our your
said says told would will could should may might not no into than then there here about over
after before also which who whom what when where while very more most some such only just
""".split())
_NUMBERS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split())}
_VAGUE = frozenset("several some many few dozens dozen number couple handful various".split())
_QUOTES = "“”‘’\"'«»„‚"


def fold_words(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def slug_words(text: str, count: int) -> list[str]:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = [w for w in re.findall(r"[a-z0-9]+", ascii_text.lower()) if w not in _STOP]
    return words[:count]


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:6]


def make_id(kind: str, key: str, span: str) -> str:
    """Give kind-key-words-hash: stable for the same article, whatever else it drafts."""
    words = slug_words(key, 3)
    return "-".join([kind, *words, _digest(kind, key, span)])


def trim(text: str, limit: int = 140) -> str:
    """Give text cut at a word boundary to about limit characters, with "…" when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def quoted(text: str) -> str:
    """Give a quotation's words without the marks and the comma that close it."""
    return trim(text.strip().strip(_QUOTES).strip().rstrip(",.").strip(_QUOTES).strip(), 160)


def possessive(who: str) -> str:
    return who + ("’" if who.endswith("s") else "’s")


def word_count(n: int) -> str:
    words = {v: k for k, v in _NUMBERS.items()}
    return capitalize(words.get(n, str(n)))


def is_english(language: str) -> bool:
    return re.fullmatch(r"en(?:[-_][a-z0-9]+)*", language.strip().casefold()) is not None



def count_sources(group: str) -> tuple[int, list[int]] | None:
    """Give the number of sources a group counts ("three officials and an analyst": 4)."""
    tokens = re.findall(r"[\w’'-]+|,", group.casefold())
    terms = []
    for i, token in enumerate(tokens):
        if token in _VAGUE:
            return None
        at_item = i == 0 or tokens[i - 1] in (",", "and")
        if not at_item:
            continue
        if token in _NUMBERS:
            terms.append(_NUMBERS[token])
        elif token.isdigit():
            terms.append(int(token))
        elif token in ("a", "an", "one"):
            terms.append(1)
    total = sum(terms)
    return (total, terms) if total >= 2 else None


_QUOTE_WORD = re.compile(r"\w+(?:'\w+)*")
# An ellipsis marks a gap in a quotation: the words either side are quoted separately.
_GAP = re.compile(r"\.\.\.|…")


def word_line(text: str) -> str:
    """Give text as its words, case folded, one space between and around them (as validate
    compares a quotation with the article)."""
    return " " + " ".join(_QUOTE_WORD.findall(fold_text(text).casefold())) + " "


def quotable(text: str, article_line: str) -> bool:
    """Tell whether every run of text's words between gaps is in the article's word line."""
    pieces = [word_line(part) for part in _GAP.split(text)]
    return any(p.strip() for p in pieces) and all(
        p in article_line for p in pieces if p.strip())


def nest(text: str) -> str:
    """Give text with its double quotation marks made single, to sit inside double ones."""
    return text.replace("“", "‘").replace("”", "’").replace('"', "'")


def shorter_quotes(words: str, least: int = 4) -> list[str]:
    """Give shorter forms of a quotation, longest first: cut at a clause boundary, or halved,
    the cut marked "…"; each keeps at least `least` words."""
    cut = words.endswith("…")
    body = words.rstrip("…").rstrip()
    forms: list[str] = []
    for match in re.finditer(r"[,;:–—]\s+", body):
        head, tail = body[:match.start()].rstrip(), body[match.end():]
        if len(head.split()) >= least:
            forms.append(head + "…")
        if len(tail.split()) >= least:
            forms.append("…" + tail + ("…" if cut else ""))
    split = body.split()
    if len(split) >= 2 * least:
        half = len(split) // 2
        forms += [" ".join(split[:half]) + "…", "…" + " ".join(split[half:]) + ("…" if cut else "")]
    return sorted(dict.fromkeys(f for f in forms if f != words), key=len, reverse=True)
