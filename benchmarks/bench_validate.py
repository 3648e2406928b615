"""Times `quizgen --help` and `quizgen validate` on synthetic decks of 1,000 and 10,000 items.

Run: python benchmarks/bench_validate.py   (each figure is the median of several whole
processes, so start-up and imports count, as they do for a user).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import write_deck

QUIZGEN = [sys.executable, "-m", "quizgen"]


def timed(args: list[str], runs: int) -> float:
    """Give the median wall time of running args as a process, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    print(f"quizgen --help: {timed([*QUIZGEN, '--help'], 15) * 1000:.0f} ms (median of 15)")
    with tempfile.TemporaryDirectory() as tmp:
        results = {}
        for count in (1_000, 10_000):
            path = write_deck(Path(tmp) / f"d{count}", count)
            size = path.stat().st_size / 2**20
            results[count] = timed([*QUIZGEN, "validate", str(path)], 5)
            print(f"quizgen validate, {count:,} items ({size:.1f} MB deck.yaml): "
                  f"{results[count]:.2f} s (median of 5)")
        print(f"ratio 10,000 / 1,000: {results[10_000] / results[1_000]:.1f}x "
              "(linear would be 10x, start-up makes it less)")


if __name__ == "__main__":
    main()
