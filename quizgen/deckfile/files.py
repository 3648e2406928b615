"""Reading a deck's files: regular files only, inside their folder, with a size cap that holds.

A device reports size 0 and a pipe has none, so the cap is enforced on what is read (at most
cap + 1 bytes), not on what ``stat`` says; a pipe is never opened (opening one blocks), and the
file is opened non-blocking and checked again once open, in case it was swapped meanwhile.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from quizgen.errors import DeckError, Problem, QuizgenError

#: Files larger than this are refused: no real deck comes near it.
MAX_BYTES = 32 * 1024 * 1024

_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"))


class UnreadableFileError(QuizgenError):
    """Raised when a file quizgen reads is missing, not a regular file, too big or unreadable.

    ``reason`` completes "<what> ...", e.g. "the article is a named pipe (FIFO), not a file".
    """

    def __init__(self, reason: str, code: str = "unreadable") -> None:
        self.reason, self.code = reason, code
        super().__init__(reason)


def kind_of(mode: int) -> str | None:
    """Give what a file that is not a regular one is ("a directory"), None for a regular one."""
    for test, name in _KINDS:
        if test(mode):
            return name
    return None if stat.S_ISREG(mode) else "not a regular file"


def read_capped(path: Path, what: str, folder: Path | None = None,
                cap: int = MAX_BYTES) -> bytes:
    """Give a regular file's bytes; raise UnreadableFileError saying why it cannot be read.

    folder, when given, is where the file must lie once links are resolved.
    """
    def fail(reason: str, code: str = "unreadable") -> UnreadableFileError:
        return UnreadableFileError(f"{what} {reason}", code)

    try:
        info = os.stat(path)
        if folder is not None:
            real = Path(os.path.realpath(path))
            if not real.is_relative_to(Path(os.path.realpath(folder))):
                raise fail(f"is a link to {real}, outside its folder {folder}",
                           "outside-folder")
        kind = kind_of(info.st_mode)
        if kind is not None:
            raise fail(f"is {kind}, not a file", "not-a-file")
        if info.st_size > cap:
            raise fail(f"is {info.st_size / 2**20:.0f} MB; quizgen reads files of at most "
                       f"{cap // 2**20} MB", "too-big")
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            kind = kind_of(os.fstat(fd).st_mode)
            if kind is not None:
                raise fail(f"is {kind}, not a file", "not-a-file")
            chunks, size = [], 0
            while size <= cap:
                chunk = os.read(fd, min(cap + 1 - size, 1 << 20))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
        finally:
            os.close(fd)
    except ValueError:  # an embedded NUL
        raise fail("has a path holding a NUL character", "bad-path") from None
    except OSError as err:
        if err.errno in (errno.ENOENT, errno.ENOTDIR):
            raise fail("does not exist", "missing") from None
        if err.errno == errno.ELOOP:
            raise fail("is a symbolic link that loops back on itself", "link-loop") from None
        if err.errno == errno.ENAMETOOLONG:
            raise fail("has a path too long for this system", "bad-path") from None
        raise fail(f"cannot be read: {err.strerror or err}") from None
    if size > cap:
        raise fail(f"is over {cap // 2**20} MB; quizgen reads files of at most "
                   f"{cap // 2**20} MB", "too-big")
    return b"".join(chunks)


def read_text(path: Path, what: str, file: str, folder: Path | None = None) -> str:
    """Give a file's UTF-8 text, or raise DeckError saying why it cannot be read."""
    try:
        data = read_capped(path, what, folder)
    except UnreadableFileError as err:
        raise DeckError([Problem(file, err.reason, code="unreadable")]) from None
    return decode_text(data, what, file)


def decode_text(data: bytes, what: str, file: str) -> str:
    """Give bytes read from a deck's file as text (a BOM dropped), or raise DeckError."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise DeckError([Problem(
            file, f"{what} is not UTF-8 text (byte 0x{data[err.start]:02x} at offset "
            f"{err.start}); save it as UTF-8", line=line, code="encoding",
        )]) from err
