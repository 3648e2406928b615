"""Kill or interrupt `quizgen build` at chosen moments of its write phase; report what is left.

Run by tests/test_reliability_commit.py as ``python kill_driver.py WORK TRIALS SEED MODE``.
WORK holds ``proj/`` (a changed deck under ``decks/``, its site in ``dist/``) and ``old/`` and
``new/`` (the site and lock a build leaves before and after). For each trial the driver puts
the old state back, forks, and the child runs the real command line (``quizgen build``) with
a profiler that counts every Python and C call once the commit has begun and, at a call drawn
at random from the whole write phase, sends itself MODE: ``KILL`` (SIGKILL, as kill -9),
``INT`` or ``TERM``. Forking from a process that has imported everything keeps a trial to a
few tenths of a second. The parent then reads what a user would find and prints one JSON
line per trial.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sys
from pathlib import Path
from typing import Any

import quizgen.outputs.commit as commit_module
from quizgen.cli import cli

LOCK = "decks/mini/anki-lock.json"


def snapshot(folder: Path) -> dict[str, bytes]:
    """Give every file under folder by relative path (links and folders by a marker)."""
    out: dict[str, bytes] = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            out[rel] = b"<link>"
        elif path.is_file():
            out[rel] = path.read_bytes()
    return out


def leftovers(proj: Path) -> list[str]:
    """Give the temporary files and folders a build left in the project."""
    found = [p.name for p in proj.iterdir() if p.name.startswith(".dist.quizgen-")]
    found += [p.name for p in (proj / "dist").glob(".quizgen-*")] if (proj / "dist").is_dir() \
        else []
    found += [p.name for p in (proj / "decks" / "mini").iterdir() if p.name.endswith(".tmp")]
    return found


def restore(proj: Path, old: Path) -> None:
    shutil.rmtree(proj / "dist", ignore_errors=True)
    shutil.copytree(old / "dist", proj / "dist", symlinks=True)
    (proj / LOCK).write_bytes((old / "anki-lock.json").read_bytes())


def child(proj: Path, stop_at: int | None, mode: str, count_to: Path | None) -> None:
    """Run the build; at call number stop_at of the commit, send the signal (never returns)."""
    os.chdir(proj)
    real_commit = commit_module.commit_site
    calls = 0
    fired = False
    signum = {"KILL": signal.SIGKILL, "INT": signal.SIGINT, "TERM": signal.SIGTERM}[mode]

    def profiler(frame: Any, event: str, arg: Any) -> None:
        nonlocal calls, fired
        if event not in ("call", "c_call"):
            return
        calls += 1
        if stop_at is not None and calls == stop_at and not fired:
            fired = True
            os.kill(os.getpid(), signum)

    def counted_commit(*args: Any, **kwargs: Any) -> None:
        sys.setprofile(profiler)
        try:
            real_commit(*args, **kwargs)
        finally:
            sys.setprofile(None)
            if count_to is not None:
                count_to.write_text(str(calls))

    commit_module.commit_site = counted_commit  # type: ignore[assignment]
    code = 0
    try:
        cli.main(["build", "decks/mini", "-o", "dist"], prog_name="quizgen",
                 standalone_mode=True)
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    except BaseException:  # the parent reports it
        code = 99
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def run_child(proj: Path, stop_at: int | None, mode: str,
              count_to: Path | None = None) -> tuple[int | None, int | None]:
    """Give (exit code, signal) of one forked build."""
    pid = os.fork()
    if pid == 0:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        child(proj, stop_at, mode, count_to)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        return None, os.WTERMSIG(status)
    return os.WEXITSTATUS(status), None


def main() -> None:
    work, trials, seed, mode = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    proj, old, new = work / "proj", work / "old", work / "new"
    old_site, new_site = snapshot(old / "dist"), snapshot(new / "dist")
    old_lock = (old / "anki-lock.json").read_bytes()
    new_lock = (new / "anki-lock.json").read_bytes()
    rng = random.Random(seed)

    # How many calls the whole write phase makes: the moments to choose from.
    restore(proj, old)
    count_file = work / "calls"
    code, _ = run_child(proj, None, mode, count_file)
    total = int(count_file.read_text())
    print(json.dumps({"calibration": total, "code": code,
                      "new": snapshot(proj / "dist") == new_site}), flush=True)

    for trial in range(trials):
        restore(proj, old)
        stop_at = rng.randint(1, total)
        code, sig = run_child(proj, stop_at, mode)
        site = snapshot(proj / "dist")
        lock = (proj / LOCK).read_bytes()
        state = "old" if site == old_site else "new" if site == new_site else "mixed"
        lock_state = "old" if lock == old_lock else "new" if lock == new_lock else "other"
        print(json.dumps({"trial": trial, "at": stop_at, "code": code, "signal": sig,
                          "site": state, "lock": lock_state,
                          "leftovers": leftovers(proj)}), flush=True)

    # A complete build afterwards sweeps whatever the last kill left.
    code, _ = run_child(proj, None, mode)
    print(json.dumps({"final": code, "new": snapshot(proj / "dist") == new_site,
                      "leftovers": leftovers(proj)}), flush=True)


if __name__ == "__main__":
    main()
