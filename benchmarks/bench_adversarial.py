"""Times `quizgen validate` on decks built to exhaust it: a 30 MB article of one repeated word
with 20 items of evidence, and a deck.yaml whose 3,000 items alias one 1 MB anchor.

Run: python benchmarks/bench_adversarial.py   (wall time and peak memory of each process).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

QUIZGEN = [sys.executable, "-m", "quizgen"]


def item(i: int, evidence: str) -> str:
    return (f"  - id: item-{i}\n    kind: fact\n    prompt: Which word repeats?\n"
            f"    answer: word {i}\n    distractors:\n      - text: other {i}\n"
            f"        why: no\n      - text: third {i}\n        why: no\n"
            f"    evidence: {evidence}\n    explanation: It repeats.\n")


HEAD = ("id: hostile-{n}\ntitle: Adversarial\nsource:\n  outlet: X\n  headline: Y\n"
        "  published: '2024-01-01'\n  article: article.txt\nitems:\n")


def repeated_words(folder: Path) -> Path:
    """A 30 MB article of "the " repeated; evidence that occurs only at the very end."""
    folder.mkdir()
    (folder / "article.txt").write_text("the " * (30 * 2**20 // 4) + "end of story\n",
                                        encoding="utf-8")
    items = "".join(item(i, "the " * 30 + "end of story") for i in range(20))
    (folder / "deck.yaml").write_text(HEAD.format(n="words") + items, encoding="utf-8")
    return folder


def alias_bomb(folder: Path) -> Path:
    """A 2 MB deck.yaml whose 3,000 items alias one 1 MB anchor (their explanation)."""
    folder.mkdir()
    (folder / "article.txt").write_text("Some text.\n", encoding="utf-8")
    first = item(0, "Some text.").replace("It repeats.", "&big " + "x" * 2**20)
    rest = "".join(item(i, "Some text.").replace("It repeats.", "*big")
                   for i in range(1, 3000))
    (folder / "deck.yaml").write_text(HEAD.format(n="alias") + first + rest, encoding="utf-8")
    return folder


def measure(args: list[str]) -> tuple[float, float, str]:
    """Give wall seconds, peak memory in MB and the last line of output of one process."""
    start = time.perf_counter()
    with subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True) as process:
        out = process.stdout.read() if process.stdout else ""
        _, _, usage = os.wait4(process.pid, 0)
        process.returncode = 0
    elapsed = time.perf_counter() - start
    lines = out.strip().splitlines()
    return elapsed, usage.ru_maxrss / 1024, (lines[-1][:110] if lines else "")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in (("30 MB article of one word, 20 items", repeated_words),
                           ("3,000 items aliasing a 1 MB anchor", alias_bomb)):
            deck = make(Path(tmp) / make.__name__)
            for command in ("validate", "build"):
                args = [*QUIZGEN, command, str(deck)]
                if command == "build":
                    args += ["-o", str(Path(tmp) / "site")]
                seconds, peak, last = measure(args)
                print(f"{name}, {command}: {seconds:.2f} s, peak {peak:.0f} MB: {last}")


if __name__ == "__main__":
    main()
