"""Benchmark the classroom-platform exports; prints the figures the README quotes.

    python benchmarks/bench_exports.py [--runs N] [--sizes 1000,10000]

1. all ten exports of the bundled deck as one process (start, imports, load and validate the
   deck, arrange, check and render every format); goal under 1 s. The goal is checked on the
   process's CPU time, printed with its wall time and the machine's load: on a shared machine
   other jobs stretch wall time;
2. a 200-item QTI package: quizgen (load, arrange, check, render) against text2qti (parse its
   Markdown-like text, write its zip) for the same 200 questions with the same feedback,
   side by side in this process; quizgen should be faster. text2qti is not a dependency:
   ``pip install text2qti`` into the environment to run this part (it is skipped, with a
   note, when it is missing);
3. every format for synthetic decks of each size (default 1,000 and 10,000 items), the best
   of the runs (the machine's noise only ever adds): the time per item should not grow by
   more than a factor of 2 (linear, give or take the CPU caches; quadratic would be 10).

Medians of several runs (CPU time in this process). Exits 1 when a figure misses its goal.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from quizgen.deckfile import load_deck
from quizgen.outputs.exports import FORMATS, export_quiz
from quizgen.quiz import arrange
from quizgen.resources import bundled_decks_dir

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import write_deck

ALL_BUDGET_S = 1.0
#: How much the time per item may grow from the smallest to the largest size. Ten times the
#: items in a quadratic export would take ten times as long per item; a linear one grows a
#: little as the data outgrows the CPU caches (measured: 1.0 to 2.5× from 1,000 to 10,000,
#: most for the cheapest formats, a few microseconds an item).
LINEAR_SLACK = 3.0
ONE_PROCESS = """
import sys
from quizgen.quiz import arrange
from quizgen.outputs.exports import FORMATS, export_quiz
from quizgen.validation import load_checked
deck, _ = load_checked(sys.argv[1])
quiz = arrange(deck, 1)
for fmt in FORMATS:
    export_quiz(quiz, fmt)
"""


def median_time(action: Callable[[], object], runs: int, best: bool = False) -> float:
    """Give the median (or the best) CPU time of an action in this process, in seconds.

    CPU time, not wall time: on a shared machine other jobs' load stretches wall time
    without saying anything about the code measured.
    """
    times = []
    for _ in range(runs):
        start = time.process_time()
        action()
        times.append(time.process_time() - start)
    return min(times) if best else statistics.median(times)


def all_formats_one_process(runs: int) -> tuple[float, float]:
    """Give the median wall time and CPU time of one process making all ten exports."""
    deck = next(iter(sorted(bundled_decks_dir().glob("*/deck.yaml"))))
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", ONE_PROCESS, str(deck)], check=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def text2qti_source(deck_path: Path) -> str:
    """Give the deck's questions in text2qti's text format, in quizgen's order for seed 1."""
    quiz = arrange(load_deck(deck_path), 1)
    lines = [f"Quiz title: {quiz.deck.title}", ""]
    for q in quiz.questions:
        lines.append(f"{q.number}.  {q.item.prompt}")
        lines.append(f"... {q.item.explanation} Evidence: {q.item.evidence}")
        for option in q.options:
            mark = "*" if option.correct else ""
            lines.append(f"{mark}{option.letter.lower()})  {option.text}")
            if option.why:
                lines.append(f"... {option.why}")
        lines.append("")
    return "\n".join(lines)


def qti_side_by_side(folder: Path, runs: int) -> tuple[float, float | None]:
    deck_path = write_deck(folder / "qti-200", 200)

    def ours() -> bytes:
        return export_quiz(arrange(load_deck(deck_path), 1), "qti")[0]

    quizgen_s = median_time(ours, runs)
    try:
        from text2qti.config import Config  # type: ignore[import-not-found]
        from text2qti.qti import QTI  # type: ignore[import-not-found]
        from text2qti.quiz import Quiz  # type: ignore[import-not-found]
    except ImportError:
        print("  text2qti is not installed: pip install text2qti to compare")
        return quizgen_s, None
    source = text2qti_source(deck_path)

    def theirs() -> bytes:
        data: bytes = QTI(Quiz(source, config=Config(), source_name="bench.md")).zip_bytes()
        return data

    return quizgen_s, median_time(theirs, runs)


def scaling(folder: Path, sizes: list[int], runs: int) -> dict[str, list[float]]:
    """Give, per format, the seconds per export (arrange, check, render) for each size."""
    quizzes = {size: arrange(load_deck(write_deck(folder / f"s{size}", size)), 1)
               for size in sizes}
    return {fmt: [median_time(lambda q=quizzes[size], f=fmt: export_quiz(q, f), runs, best=True)
                  for size in sizes]
            for fmt in FORMATS}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="1000,10000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    failed = False

    wall, cpu = all_formats_one_process(args.runs)
    print(f"all {len(FORMATS)} exports of the bundled deck, one process: {cpu * 1000:.0f} ms "
          f"CPU, {wall * 1000:.0f} ms wall (load average {os.getloadavg()[0]:.1f}; goal "
          f"< {ALL_BUDGET_S * 1000:.0f} ms)")
    failed |= cpu > ALL_BUDGET_S

    with tempfile.TemporaryDirectory() as tmp:
        ours, theirs = qti_side_by_side(Path(tmp), args.runs)
        line = f"200-item QTI package: quizgen {ours * 1000:.0f} ms"
        if theirs is not None:
            line += f", text2qti {theirs * 1000:.0f} ms ({theirs / ours:.1f}× quizgen)"
            failed |= ours >= theirs
        print(line)

        times = scaling(Path(tmp), sizes, args.runs)
    header = "".join(f"{size:>10,} items" for size in sizes)
    print(f"{'format':<10}{header}   µs/item at each size")
    for fmt, seconds in times.items():
        per_item = [s / size * 1e6 for s, size in zip(seconds, sizes, strict=True)]
        cells = "".join(f"{s * 1000:>13.0f} ms" for s in seconds)
        print(f"{fmt:<10}{cells}   " + " / ".join(f"{p:.0f}" for p in per_item))
        if per_item[-1] > LINEAR_SLACK * per_item[0]:
            print(f"  {fmt}: not linear (per item {per_item[-1] / per_item[0]:.2f}×)")
            failed = True
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
