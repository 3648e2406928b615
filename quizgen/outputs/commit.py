"""Committing a build: readers see the whole previous site or the whole new one, never a mix.

``commit_site`` knows nothing of the layout. It is given every file a build makes (paths
relative to the output folder), the parts of the folder the build owns (``"mini/"`` is a
folder replaced wholesale, ``"index.html"`` one file) and the deck's own files (its lock),
and it:

1. takes a lock on the output folder (``flock`` on the folder that holds it, which the swap
   below never replaces), so builds of one folder run one after another;
2. sweeps what an earlier build that was killed left behind;
3. checks that every place it will write can be written, before writing anything;
4. writes the deck files, each atomically (a lock ahead of its site is safe: the next build
   agrees with it; a lock behind it is not);
5. stages the complete new site in a hidden sibling folder: every old file the build does not
   own is hard-linked (or copied) in, so other decks' outputs survive, and the new files are
   written and synced;
6. swaps the staged folder with the output folder in one ``renameat2(RENAME_EXCHANGE)``
   (a first build: one rename), then deletes the old tree.

Where the exchange is not available (not Linux, or a file system without it) step 6 is two
renames, with a moment in which the folder is missing; a kill in that moment is undone by the
next build's sweep. Where the output folder cannot be swapped at all (its parent is not
writable, or it is a mount point), each owned folder and file is swapped into place one by
one, so each deck's folder is still whole, and ``warn`` says so.

SIGINT and SIGTERM during a commit are held until the next step boundary: before the swap the
staged folder is removed and the old site stays; after it the new site stands. Either way no
temporary file is left and ``InterruptedBuildError`` says which.
"""

from __future__ import annotations

import ctypes
import errno
import os
import secrets
import shutil
import signal
import stat
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from types import FrameType

from quizgen.errors import InterruptedBuildError, OutputError
from quizgen.outputs.write import write_atomic

#: Hidden names a commit makes beside (or, in place, inside) the output folder.
STAGE, OLD = "quizgen-stage-", "quizgen-old-"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100

Warn = Callable[[str], None]


def commit_site(out_dir: Path, files: Mapping[str, bytes], owned: Sequence[str],
                deck_files: Sequence[tuple[Path, bytes]] = (),
                warn: Warn | None = None) -> None:
    """Replace what the build owns in out_dir with files, all at once; write deck_files first.

    files: the whole new content of what this build owns, by path relative to out_dir.
    owned: relative prefixes the build replaces wholesale: "name/" a folder, "name" a file.
    deck_files: the deck's own files (locks), written first, each atomically.
    """
    with _held_signals(Path(out_dir)) as held:
        _commit(Path(out_dir), files, list(owned), deck_files, warn, held)


def _commit(out_dir: Path, files: Mapping[str, bytes], owned: list[str],
            deck_files: Sequence[tuple[Path, bytes]], warn: Warn | None, held: _Held) -> None:
    _check_plan(files, owned)
    out_dir = Path(os.path.realpath(out_dir))  # a link to the site: replace what it points at
    try:
        # The lock lives on the parent: make it first, so that every build locks the same one.
        out_dir.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputError(f"{out_dir}: cannot be created: {err.strerror or err}") from err
    held.check("before anything was written; the previous site is whole")
    with _locked(out_dir, held, warn):
        sweep(out_dir, [path for path, _ in deck_files])
        whole = _check_writable(out_dir, deck_files)
        for path, data in deck_files:
            write_atomic(path, data)
        held.check("before the site was replaced; the previous site is whole")
        if whole is None:
            _commit_whole(out_dir, files, owned, held)
        else:
            if warn is not None:
                warn(f"{out_dir}: replaced folder by folder, not as a whole ({whole})")
            _commit_in_place(out_dir, files, owned, held)
        held.check("after the new site was in place; it is whole")


# ---- the plan ---------------------------------------------------------------------------

def _check_plan(files: Mapping[str, bytes], owned: Sequence[str]) -> None:
    for name in [*files, *owned]:
        parts = name.rstrip("/").split("/")
        if name.startswith("/") or any(part in ("", ".", "..") for part in parts):
            raise ValueError(f"not a plain relative path: {name!r}")
        if parts[0].startswith(f".{STAGE}") or parts[0].startswith(f".{OLD}"):
            raise ValueError(f"a name quizgen keeps for itself: {name!r}")
    for name in files:
        if not _is_owned(name, owned):
            raise ValueError(f"{name!r} is not under anything the build owns")


def _is_owned(rel: str, owned: Sequence[str]) -> bool:
    """Tell whether a path (relative, no trailing slash) is replaced by the build."""
    for prefix in owned:
        if prefix.endswith("/"):
            if rel == prefix[:-1] or rel.startswith(prefix):
                return True
        elif rel == prefix:
            return True
    return False


def _holds_owned(rel: str, owned: Sequence[str]) -> bool:
    """Tell whether a folder (relative) holds something the build owns."""
    return any(prefix.startswith(rel + "/") for prefix in owned)


# ---- checks -----------------------------------------------------------------------------

def _writable(folder: Path) -> bool:
    return os.access(folder, os.W_OK | os.X_OK)


def _existing_ancestor(path: Path) -> Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def _check_writable(out_dir: Path, deck_files: Sequence[tuple[Path, bytes]]) -> str | None:
    """Check every place the commit writes; give why the site cannot be swapped whole, if so."""
    for path, _ in deck_files:
        folder = path.parent
        if not folder.is_dir():
            raise OutputError(f"{folder}: is not a folder; cannot write {path.name} there")
        if path.is_dir() and not path.is_symlink():
            raise OutputError(f"{path}: is a folder; the deck's {path.name} must be a file")
        if not _writable(folder):
            raise OutputError(f"{folder}: cannot write here (permission denied); the deck's "
                              f"{path.name} must be updated with the site")
    try:
        info = out_dir.lstat()
    except FileNotFoundError:
        info = None
    except OSError as err:
        raise OutputError(f"{out_dir}: cannot be read: {err.strerror or err}") from err
    if info is not None and not stat.S_ISDIR(info.st_mode):
        raise OutputError(f"{out_dir}: is a file, not a folder; give a folder to build into")
    parent = out_dir.parent
    if info is None:
        ancestor = _existing_ancestor(parent)
        if not ancestor.is_dir() or not _writable(ancestor):
            raise OutputError(f"{out_dir}: cannot be created: {ancestor} is not a writable "
                              "folder")
        return None
    if not os.access(out_dir, os.R_OK | os.W_OK | os.X_OK):
        raise OutputError(f"{out_dir}: cannot write here (permission denied)")
    if os.path.ismount(out_dir):
        return "it is a mount point"
    if not _writable(parent):
        return f"{parent} is not writable"
    return None


# ---- the whole site at once ---------------------------------------------------------------

def _commit_whole(out_dir: Path, files: Mapping[str, bytes], owned: Sequence[str],
                  held: _Held) -> None:
    parent = out_dir.parent
    parent.mkdir(parents=True, exist_ok=True)
    token = secrets.token_hex(6)
    stage = parent / f".{out_dir.name}.{STAGE}{token}"
    old = parent / f".{out_dir.name}.{OLD}{token}"
    try:
        try:
            _stage(stage, out_dir, files, owned, held)
        except OSError as err:
            raise OutputError(f"{out_dir}: cannot write the new site: "
                              f"{err.strerror or err}; the previous site is whole") from err
        held.check("before the site was replaced; the previous site is whole")
        try:
            _swap(stage, out_dir, old)
        except OSError as err:
            raise OutputError(f"{out_dir}: cannot replace the site: {err.strerror or err}; "
                              "the previous site is whole") from err
        _fsync_dir(parent)
    finally:
        # The stage holds the new site (not swapped) or the old one (swapped): either way it
        # goes, even on Ctrl-C; a kill leaves it to the next build's sweep.
        _remove(stage)
        _remove(old)


def _stage(stage: Path, out_dir: Path, files: Mapping[str, bytes], owned: Sequence[str],
           held: _Held) -> None:
    os.mkdir(stage, 0o700)
    if out_dir.is_dir():
        _carry_over(out_dir, stage, "", owned, held)
        mode = stat.S_IMODE(out_dir.stat().st_mode)
    else:
        mode = 0o777 & ~_umask()
    _write_all(stage, files, held)
    os.chmod(stage, mode)
    _fsync_dir(stage)


def _write_all(stage: Path, files: Mapping[str, bytes], held: _Held) -> None:
    """Write the new files into the stage, each folder made synced to disk, deepest first."""
    made: set[Path] = set()
    for rel, data in files.items():
        held.check("before the site was replaced; the previous site is whole")
        _write_new(stage, rel, data, made)
    for folder in sorted(made, key=lambda p: len(p.parts), reverse=True):
        _fsync_dir(folder)


def _carry_over(source: Path, target: Path, rel: str, owned: Sequence[str],
                held: _Held) -> None:
    """Link every entry of source the build does not own into target, recursively."""
    with os.scandir(source) as entries:
        listed = sorted(entries, key=lambda e: e.name)
    for entry in listed:
        held.check("before the site was replaced; the previous site is whole")
        sub = f"{rel}{entry.name}"
        if _is_owned(sub, owned):
            continue
        src, dst = Path(entry.path), target / entry.name
        info = entry.stat(follow_symlinks=False)
        if stat.S_ISLNK(info.st_mode):
            os.symlink(os.readlink(src), dst)
        elif stat.S_ISDIR(info.st_mode):
            os.mkdir(dst, 0o700)
            _carry_over(src, dst, sub + "/", owned, held)
            os.chmod(dst, stat.S_IMODE(info.st_mode))
            _fsync_dir(dst)
        elif stat.S_ISREG(info.st_mode):
            try:
                os.link(src, dst, follow_symlinks=False)
            except OSError:  # no hard links here (or not ours to link): a copy will do
                shutil.copy2(src, dst, follow_symlinks=False)
        else:
            raise OutputError(f"{src}: is neither a file nor a folder; quizgen keeps only "
                              "those when it replaces the site: move it away")


def _write_new(root: Path, rel: str, data: bytes, made: set[Path]) -> None:
    """Write one new file under root, replacing any carried-over entry in its way."""
    parts = rel.split("/")
    folder = root
    for part in parts[:-1]:
        folder = folder / part
        if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
            _remove(folder)  # a carried-over link or file where the build needs a folder
        if not folder.exists():
            os.mkdir(folder, 0o777 & ~_umask())
        made.add(folder)
    path = folder / parts[-1]
    if path.is_symlink() or path.exists():
        _remove(path)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW,
                 0o666 & ~_umask())
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)
    made.add(folder)


def _swap(stage: Path, out_dir: Path, old: Path) -> None:
    """Put stage at out_dir in one step; the old tree ends at stage (or old)."""
    if not out_dir.exists():
        os.rename(stage, out_dir)
        return
    if _exchange(stage, out_dir):
        return
    # Two renames: out_dir is missing for a moment; sweep() puts the old tree back if a
    # kill lands between them.
    os.rename(out_dir, old)
    try:
        os.rename(stage, out_dir)
    except BaseException:
        os.rename(old, out_dir)
        raise


def _exchange(one: Path, two: Path) -> bool:
    """Swap two paths atomically (Linux renameat2); False when this system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                          ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    if renameat2(_AT_FDCWD, os.fsencode(one), _AT_FDCWD, os.fsencode(two),
                 _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False  # this file system cannot exchange: rename instead
    raise OSError(code, os.strerror(code), str(two))


# ---- folder by folder, when the site cannot be swapped whole -------------------------------

def _commit_in_place(out_dir: Path, files: Mapping[str, bytes], owned: Sequence[str],
                     held: _Held) -> None:
    stage = out_dir / f".{STAGE}{secrets.token_hex(6)}"
    try:
        try:
            os.mkdir(stage, 0o700)
            _write_all(stage, files, held)
        except OSError as err:
            raise OutputError(f"{out_dir}: cannot write the new site: "
                              f"{err.strerror or err}; the previous site is whole") from err
        held.check("before the site was replaced; the previous site is whole")
        try:
            for prefix in sorted(owned):
                rel = prefix.rstrip("/")
                new, live = stage / rel, out_dir / rel
                if not new.exists() and not new.is_symlink():
                    _remove(live)  # owned, and this build makes nothing there
                    continue
                live.parent.mkdir(parents=True, exist_ok=True)
                if live.is_dir() and not live.is_symlink() and new.is_dir():
                    if not _exchange(new, live):
                        _remove(live)
                        os.rename(new, live)
                elif live.is_dir() and not live.is_symlink():
                    _remove(live)
                    os.rename(new, live)
                else:
                    os.replace(new, live)
                _fsync_dir(live.parent)
        except OSError as err:
            raise OutputError(f"{out_dir}: cannot replace the site: {err.strerror or err}"
                              ) from err
    finally:
        _remove(stage)


# ---- leftovers, locks, signals --------------------------------------------------------------

def sweep(out_dir: Path, deck_files: Sequence[Path] = ()) -> None:
    """Remove what a killed commit left beside or inside out_dir; undo a half-done swap.

    The temporary files of the deck files (write_atomic's ".NAME.*.tmp") go too.
    """
    out_dir = Path(os.path.realpath(out_dir))
    parent = out_dir.parent
    beside = f".{out_dir.name}."
    leftovers: list[Path] = []
    with suppress(OSError), os.scandir(parent) as entries:
        leftovers = [Path(e.path) for e in entries if e.name.startswith(beside)
                     and e.name[len(beside):].startswith((STAGE, OLD))]
    if not out_dir.exists():
        # Killed between the two renames of a swap without exchange: the old site comes back.
        olds = [p for p in leftovers if p.name[len(beside):].startswith(OLD)]
        if olds:
            newest = max(olds, key=lambda p: p.stat().st_mtime)
            os.rename(newest, out_dir)
            leftovers.remove(newest)
    with suppress(OSError), os.scandir(out_dir) as entries:
        leftovers += [Path(e.path) for e in entries if e.name.startswith(f".{STAGE}")]
    for path in deck_files:
        leftovers += path.parent.glob(f".{path.name}.*.tmp")
    for path in leftovers:
        _remove(path)


@contextmanager
def _locked(out_dir: Path, held: _Held, warn: Warn | None = None) -> Iterator[None]:
    """Hold an exclusive lock for out_dir: on its parent folder, which no swap replaces.

    While another build holds it, wait, polling, so that Ctrl-C still stops this one at once.
    """
    try:
        import fcntl
    except ImportError:  # not POSIX: no serialisation
        yield
        return
    parent = _existing_ancestor(out_dir.parent)
    try:
        fd = os.open(parent, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as err:
        raise OutputError(f"{parent}: cannot be read: {err.strerror or err}") from err
    try:
        waited = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not waited and warn is not None:
                    warn(f"{out_dir}: waiting for another build of this folder to finish")
                waited = True
                held.check("while waiting for another build; nothing was written")
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)  # closing releases the lock


class _Held:
    """The signals received while a commit held them."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.received: int | None = None

    def check(self, state: str) -> None:
        """Stop the commit here if a signal came: say what state the site is left in."""
        if self.received is not None:
            raise InterruptedBuildError(self.received, f"{self.out_dir}: ", state)


@contextmanager
def _held_signals(out_dir: Path) -> Iterator[_Held]:
    """Hold SIGINT and SIGTERM until the commit's next step boundary (main thread only)."""
    held = _Held(out_dir)
    if threading.current_thread() is not threading.main_thread():
        yield held
        return

    def hold(signum: int, frame: FrameType | None) -> None:
        if held.received is not None:  # a second signal: stop at once
            raise KeyboardInterrupt
        held.received = signum

    before = {sig: signal.signal(sig, hold) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield held
    finally:
        for sig, handler in before.items():
            signal.signal(sig, handler)


# ---- small helpers ---------------------------------------------------------------------

def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the data itself was synced
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    """Remove a file, link or whole folder if there; never follow a link."""
    try:
        info = path.lstat()
    except OSError:
        return
    if stat.S_ISDIR(info.st_mode):
        shutil.rmtree(path, ignore_errors=True)
    else:
        with suppress(OSError):
            path.unlink()
