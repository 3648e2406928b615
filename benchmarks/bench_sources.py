"""Accuracy and speed of ``quizgen sources`` on a split of PolNeAR (brat standoff files).

Usage: python benchmarks/bench_sources.py CORPUS_DIR [--per-cue]

CORPUS_DIR is a split folder holding ``text/NAME.txt`` and ``attributions/NAME_ANNOTATOR.ann``
(the first annotator's file by name is used). The corpus is read where it lies, never copied.

Prints quote+speaker recall (gold direct quotes: each passage between a pair of double quotation
marks inside a gold Content span, once per paragraph, leaving out attributions with no Source;
found when a reported direct attribution's content overlaps it by at least half of the shorter
span and its mention overlaps the gold Source), attribution recall (gold Cue spans overlapped by
a reported cue), cue precision (reported cues, counted once per span, that overlap a gold Cue),
the split's analysis time in one process, and whole ``quizgen sources --json`` processes: one
article, the split as one call and as one call per article.
"""

from __future__ import annotations

import html
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

Frag = tuple[int, int]
_MARK = re.compile(r"[“”\"]|''|``")


@dataclass
class Gold:
    """One article's text and gold spans."""

    name: str
    text: str
    cues: list[list[Frag]] = field(default_factory=list)
    quotes: list[tuple[Frag, list[list[Frag]]]] = field(default_factory=list)


def _frags(spec: str) -> list[Frag]:
    out = []
    for part in spec.split(";"):
        start, end = part.split()
        out.append((int(start), int(end)))
    return out


def _paragraph_pieces(text: str, start: int, end: int) -> list[Frag]:
    pieces, pos = [], start
    for match in re.finditer(r"\n", text[start:end]):
        pieces.append((pos, start + match.start()))
        pos = start + match.end()
    pieces.append((pos, end))
    return [p for p in pieces if p[0] < p[1]]


def _opening(text: str, pos: int, width: int, start: int, end: int) -> bool:
    mark = text[pos:pos + width]
    if mark in ("“", "``"):
        return True
    if mark == "”":
        return False
    before = text[pos - 1] if pos > start else " "
    after = text[pos + width] if pos + width < end else " "
    return (before.isspace() or before in "([{—–-/:;,“‘'") and not after.isspace()


def gold_quotes(text: str, fragments: list[Frag]) -> list[Frag]:
    """Give each passage between double marks in a content span, paragraph by paragraph."""
    out = []
    for f_start, f_end in fragments:
        for start, end in _paragraph_pieces(text, f_start, f_end):
            pending = -1
            seen_mark = False
            for match in _MARK.finditer(text, start, end):
                pos, width = match.start(), match.end() - match.start()
                if _opening(text, pos, width, start, end):
                    if pending >= 0:
                        out.append((pending, pos))
                    pending = match.end()
                elif pending >= 0:
                    out.append((pending, pos))
                    pending = -1
                elif not seen_mark:  # the piece starts inside a quotation
                    out.append((start, pos))
                seen_mark = True
            if pending >= 0:
                out.append((pending, end))
    return [(s, e) for s, e in out if any(ch.isalnum() for ch in text[s:e])]


def load(split: Path) -> list[Gold]:
    """Read a split: one annotation file per article (the first by name)."""
    chosen: dict[str, Path] = {}
    for ann in sorted((split / "attributions").glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        chosen.setdefault(name, ann)
    articles = []
    for name, ann in sorted(chosen.items()):
        with open(split / "text" / f"{name}.txt", encoding="utf-8", newline="") as handle:
            text = handle.read()
        spans: dict[str, tuple[str, list[Frag]]] = {}
        events = []
        for line in ann.read_text(encoding="utf-8").split("\n"):
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            if parts[0].startswith("T"):
                kind, _, spec = parts[1].partition(" ")
                spans[parts[0]] = (kind, _frags(spec))
            elif parts[0].startswith("E"):
                events.append(dict(x.split(":", 1) for x in parts[1].split()))
        gold = Gold(name, text)
        gold.cues = [frags for kind, frags in spans.values() if kind == "Cue"]
        quotes: dict[Frag, list[list[Frag]]] = {}
        for event in events:
            if "Source" not in event or event["Source"] not in spans:
                continue
            source = spans[event["Source"]][1]
            for key in ("Content", "Content2"):
                if key in event and event[key] in spans:
                    for quote in gold_quotes(text, spans[event[key]][1]):
                        quotes.setdefault(quote, []).append(source)
        gold.quotes = sorted(quotes.items())
        articles.append(gold)
    return articles


def _overlap(a: Frag, b: Frag) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _touches(span: Frag, frags: list[Frag]) -> bool:
    return any(_overlap(span, f) > 0 for f in frags)


@dataclass
class Score:
    """Running totals over a split."""

    quotes: int = 0
    quotes_found: int = 0
    cues: int = 0
    cues_found: int = 0
    reported: int = 0
    reported_good: int = 0
    per_cue: Counter[str] = field(default_factory=Counter)
    per_cue_good: Counter[str] = field(default_factory=Counter)


def score(articles: list[Gold], analyses: list[dict[str, object]], result: Score) -> None:
    """Add each article's figures to the totals."""
    for gold, analysis in zip(articles, analyses, strict=True):
        attributions = analysis["attributions"]
        assert isinstance(attributions, list)
        direct = [(a["content"], a["mention"]) for a in attributions if a["direct"]]
        for (q_start, q_end), sources in gold.quotes:
            result.quotes += 1
            for content, mention in direct:
                if content is None or mention is None:
                    continue
                c = (content["start"], content["end"])
                shorter = min(q_end - q_start, c[1] - c[0])
                if _overlap((q_start, q_end), c) * 2 < shorter:
                    continue
                m = (mention["start"], mention["end"])
                if any(_touches(m, src) for src in sources):
                    result.quotes_found += 1
                    break
        reported = sorted({(a["cue"]["start"], a["cue"]["end"]) for a in attributions})
        for cue in gold.cues:
            result.cues += 1
            if any(_touches(r, cue) for r in reported):
                result.cues_found += 1
        for r in reported:
            result.reported += 1
            word = " ".join(gold.text[r[0]:r[1]].lower().split())
            result.per_cue[word] += 1
            if any(_touches(r, cue) for cue in gold.cues):
                result.reported_good += 1
                result.per_cue_good[word] += 1


def main(argv: list[str]) -> int:
    """Run the benchmark on the split named on the command line."""
    if not argv or argv[0].startswith("-"):
        print(__doc__)
        return 2
    split = Path(argv[0])
    articles = load(split)
    from quizgen.sources import analyse_text  # timed below with the analyses

    started = time.perf_counter()
    analyses = []
    for gold in articles:
        analyses.append(analyse_text(gold.text).to_dict(gold.name))
    elapsed = time.perf_counter() - started
    result = Score()
    score(articles, analyses, result)
    words = sum(len(g.text.split()) for g in articles)
    print(f"split: {split} ({len(articles)} articles, {words} words)")
    print(f"quote+speaker recall: {result.quotes_found / max(result.quotes, 1):.1%} "
          f"({result.quotes_found}/{result.quotes} gold direct quotes)")
    print(f"attribution recall:   {result.cues_found / max(result.cues, 1):.1%} "
          f"({result.cues_found}/{result.cues} gold cues)")
    print(f"cue precision:        {result.reported_good / max(result.reported, 1):.1%} "
          f"({result.reported_good}/{result.reported} reported cues)")
    print(f"analysis, one process: {elapsed:.2f} s for the split "
          f"({elapsed / len(articles) * 1000:.1f} ms per article)")
    _process_times(split, articles)
    if "--per-cue" in argv:
        for word, count in result.per_cue.most_common(80):
            good = result.per_cue_good[word]
            print(f"  {word!r:28} {good:5}/{count:<5} {good / count:.0%}")
    return 0


def _command() -> list[str]:
    """Give the ``quizgen`` command a user runs: the console script beside this Python."""
    script = Path(sys.executable).with_name("quizgen")
    return [str(script)] if script.exists() else [sys.executable, "-m", "quizgen"]


def _wall(args: list[str]) -> float:
    """Give the wall time of one whole ``quizgen`` process (output discarded)."""
    started = time.perf_counter()
    subprocess.run(_command() + args, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def _process_times(split: Path, articles: list[Gold]) -> None:
    """Time ``quizgen sources --json`` as whole processes, and growth with length."""
    from quizgen.sources import analyse_text

    target = min(articles, key=lambda g: abs(len(g.text.split()) - 800))
    with tempfile.TemporaryDirectory() as folder:
        text_file = Path(folder) / "article.txt"
        text_file.write_text(target.text, encoding="utf-8")
        median = statistics.median(_wall(["sources", "--json", str(text_file)])
                                   for _ in range(5))
        page = Path(folder) / "article.html"
        paragraphs = "".join(f"<p>{html.escape(line)}</p>\n"
                             for line in target.text.splitlines() if line.strip())
        page.write_text(f"<!DOCTYPE html><html lang=\"en\"><head><title>{target.name}</title>"
                        f"</head><body><article>{paragraphs}</article></body></html>",
                        encoding="utf-8")
        median_html = statistics.median(_wall(["sources", "--json", str(page)])
                                        for _ in range(3))
    print(f"quizgen sources --json, one article as a whole process "
          f"({len(target.text.split())} words, median of 5): {median:.3f} s plain text, "
          f"{median_html:.3f} s as saved HTML (trafilatura's import)")
    files = [str(split / "text" / f"{gold.name}.txt") for gold in articles]
    one_call = _wall(["sources", "--json", *files])
    separate = sum(_wall(["sources", "--json", name]) for name in files)
    print(f"the split's {len(files)} articles: {one_call:.2f} s as one call, "
          f"{separate:.1f} s as {len(files)} separate calls")
    words = " ".join(g.text for g in articles).split()
    for count in (10_000, 50_000):
        if len(words) < count:
            break
        chunk = " ".join(words[:count])
        started = time.perf_counter()
        analyse_text(chunk)
        print(f"{count:,} words in one text: {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
