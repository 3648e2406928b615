"""Time `quizgen anki` on a synthetic 10,000-item deck against a bare genanki script.

    python benchmarks/bench_anki.py [--items N] [--runs N]

Both run as whole processes on the same deck.yaml. quizgen loads, validates (always), hashes
into its lock and writes the .apkg; the bare script (`bench_anki.py bare DECK OUT`) reads the
deck with PyYAML's C loader and writes the same notes, with the same fields, through genanki.
The script checks that both .apkg files hold the same notes, then prints both median times,
their ratio and quizgen's peak memory (max RSS of its process). It exits 1 when quizgen takes
more than 1.5 times as long or peaks above 300 MB.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_RATIO = 1.5
MAX_RSS_MB = 300
KINDS = ("fact", "who-said", "source-type", "anonymity", "claim-vs-fact", "hedging",
         "corroboration", "independence", "background", "main-claim")
SIDES = ("north", "south", "east", "west", "upper")


def _q(text: str) -> str:
    """Give text as a double-quoted YAML scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def make_deck(folder: Path, count: int) -> Path:
    """Write a valid deck of count items, and an article holding every evidence span."""
    folder.mkdir(parents=True, exist_ok=True)
    sentences, lines = [], [
        "id: synthetic-bench",
        "title: A synthetic deck for the Anki benchmark",
        "language: en",
        "source:",
        "  outlet: Bench & Co News",
        "  headline: Ten thousand things happened",
        '  published: "2024-03-01"',
        "  article: article.txt",
        "items:",
    ]
    for i in range(count):
        kind = KINDS[i % len(KINDS)]
        side = SIDES[i % len(SIDES)]
        evidence = (f"“Crossing {i} reopened at the {side} gate,” said an official of "
                    f"district {i % 97} & its <council>.")
        sentences.append(evidence + f" Traffic at crossing {i} was light.")
        lines += [
            f"  - id: item-{i:05d}",
            f"    kind: {kind}",
            f"    prompt: {_q(f'Where did crossing {i} reopen, according to the official?')}",
            f"    answer: {_q(f'At the {side} gate')}",
            "    distractors:",
        ]
        others = [s for s in SIDES if s != side][: 2 + i % 3]
        for other in others:
            lines += [f"      - text: {_q(f'At the {other} gate')}",
                      f"        why: {_q(f'The official named the {side} gate, not {other}.')}"]
        lines += [
            f"    evidence: {_q(evidence)}",
            f"    explanation: {_q(f'Item {i}: the place comes from a named role, not a name.')}",
            f"    tags: [synthetic, group-{i % 13}]",
            f"    difficulty: {1 + i % 3}",
        ]
    (folder / "article.txt").write_text("\n\n".join(sentences) + "\n", encoding="utf-8")
    path = folder / "deck.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def bare(deck_path: str, out: str) -> None:
    """Write the same notes as quizgen with genanki alone: no validation, no lock policy.

    The option orders come from the lock quizgen wrote beside the deck (a card keeps its
    letters), as a script that writes the same cards would have to keep them too.
    """
    import hashlib
    import html
    import json

    import genanki
    import yaml

    with open(deck_path, encoding="utf-8") as handle:
        deck = yaml.load(handle, Loader=yaml.CBaseLoader)
    lock_path = Path(deck_path).parent / "anki-lock.json"
    kept = json.loads(lock_path.read_text(encoding="utf-8"))["items"]
    anki = ROOT / "templates" / "anki"
    css = (anki / "cards.css").read_text(encoding="utf-8")
    letters = "ABCDE"
    mcq_fields = ["Prompt", *letters, "Letter", "Answer", *(f"Why{x}" for x in letters),
                  "Explanation", "Evidence", "Source", "Kind", "ItemId"]
    recall_fields = ["Prompt", "Answer", "Explanation", "Evidence", "Source", "Kind", "ItemId",
                     *(f"Wrong{n}" for n in range(1, 5)), *(f"WhyWrong{n}" for n in range(1, 5))]

    def model(model_id: int, name: str, fields: list[str], template: str, front: str,
              back: str) -> genanki.Model:
        return genanki.Model(model_id, name, fields=[{"name": f} for f in fields],
                             templates=[{"name": template,
                                         "qfmt": (anki / front).read_text(encoding="utf-8"),
                                         "afmt": (anki / back).read_text(encoding="utf-8")}],
                             css=css)

    mcq = model(1950057184, "quizgen MCQ", mcq_fields, "Multiple choice", "mcq_front.html",
                "mcq_back.html")
    recall = model(1784673974, "quizgen Recall", recall_fields, "Recall", "recall_front.html",
                   "recall_back.html")
    src = deck["source"]
    source = html.escape(f"{src['outlet']}, “{src['headline']}”, {src['published']}",
                         quote=False)
    deck_id = deck["id"]
    digest = hashlib.sha256(f"quizgen deck {deck_id}".encode()).digest()
    anki_deck = genanki.Deck((1 << 30) + int.from_bytes(digest[:8], "big") % (1 << 30),
                             f"Media literacy::{deck['title']}")
    for due, item in enumerate(deck["items"]):
        def esc(text: str) -> str:
            return html.escape(text.strip(), quote=False)

        options = [(item["answer"], "")] + [(d["text"], d["why"]) for d in item["distractors"]]

        def key(index: int, item_id: str = item["id"]) -> bytes:
            return hashlib.sha256(f"quizgen:{deck_id}:{item_id}:{index}".encode()).digest()

        order = kept[item["id"]].get("order") or sorted(range(len(options)), key=key)
        texts = [esc(options[i][0]) for i in order] + [""] * (5 - len(order))
        whys = [esc(options[i][1]) for i in order] + [""] * (5 - len(order))
        shared = [esc(item.get("explanation", "")), esc(item["evidence"]), source,
                  esc(item["kind"]), esc(item["id"])]
        tags = ["quizgen", f"kind::{item['kind']}", f"deck::{deck_id}", *item.get("tags", [])]
        guid = genanki.guid_for("quizgen", deck_id, item["id"])
        if item["kind"] == "who-said":
            wrong = [esc(d["text"]) for d in item["distractors"]]
            why = [esc(d["why"]) for d in item["distractors"]]
            pad = [""] * (4 - len(wrong))
            anki_deck.add_note(genanki.Note(
                recall, [esc(item["prompt"]), esc(item["answer"]), *shared, *wrong, *pad,
                         *why, *pad], tags=tags, guid=guid, due=due))
        else:
            anki_deck.add_note(genanki.Note(
                mcq, [esc(item["prompt"]), *texts, letters[order.index(0)],
                      esc(item["answer"]), *whys, *shared], tags=tags, guid=guid, due=due))
    genanki.Package(anki_deck).write_to_file(out, timestamp=1_700_000_000)


def notes_of(apkg: Path) -> list[tuple[str, int, str, str]]:
    """Give an .apkg's notes as sorted (guid, note type id, fields, tags)."""
    with zipfile.ZipFile(apkg) as archive:
        data = archive.read("collection.anki2")
    conn = sqlite3.connect(":memory:")
    conn.deserialize(data)
    rows = conn.execute("select guid, mid, flds, tags from notes").fetchall()
    return sorted((str(g), int(m), str(f), str(t)) for g, m, f, t in rows)


def timed(command: list[str]) -> tuple[float, float]:
    """Run a command; give its wall time in seconds and its peak RSS in MB."""
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
        # wait4 gives this child's own resource usage, peak memory included.
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            raise SystemExit(f"{' '.join(command)} exited {process.returncode}:\n"
                             + errors.read().decode(errors="replace"))
    return elapsed, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="quizgen-bench-") as tmp:
        deck = make_deck(Path(tmp) / "deck", args.items)
        ours, theirs = Path(tmp) / "quizgen.apkg", Path(tmp) / "bare.apkg"
        quizgen_cmd = [sys.executable, "-m", "quizgen", "anki", str(deck.parent), "-o", str(ours)]
        bare_cmd = [sys.executable, __file__, "bare", str(deck), str(theirs)]
        timed(quizgen_cmd)  # the first build writes the lock; then every run is a rebuild
        q_times, b_times, peaks = [], [], []
        for _ in range(args.runs):
            q_time, q_peak = timed(quizgen_cmd)
            b_time, _ = timed(bare_cmd)
            q_times.append(q_time)
            b_times.append(b_time)
            peaks.append(q_peak)
        if notes_of(ours) != notes_of(theirs):
            print("the two .apkg files hold different notes", file=sys.stderr)
            return 1
        q, b, peak = statistics.median(q_times), statistics.median(b_times), max(peaks)
        notes = len(notes_of(ours))
    ratio = q / b
    print(f"deck: {args.items} items, {notes} notes; median of {args.runs} runs")
    print(f"quizgen anki:  {q:.2f} s")
    print(f"bare genanki:  {b:.2f} s")
    print(f"ratio:         {ratio:.2f} (at most {MAX_RATIO})")
    print(f"quizgen peak:  {peak:.0f} MB (under {MAX_RSS_MB} MB)")
    return 0 if ratio <= MAX_RATIO and peak < MAX_RSS_MB else 1


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "bare":
        bare(sys.argv[2], sys.argv[3])
    else:
        sys.exit(main())
