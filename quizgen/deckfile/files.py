"""Reading a deck's files as UTF-8 text, with a size cap."""

from __future__ import annotations

from pathlib import Path

from quizgen.errors import DeckError, Problem

#: Files larger than this are refused before they are read: no real deck comes near it.
MAX_BYTES = 32 * 1024 * 1024


def read_text(path: Path, what: str, file: str) -> str:
    """Give a file's UTF-8 text, or raise DeckError saying why it cannot be read."""
    def fail(message: str) -> DeckError:
        return DeckError([Problem(file, message, code="unreadable")])

    try:
        if path.is_dir():
            raise fail(f"{what} is a directory, not a file")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise fail(f"{what} is {size / 2**20:.0f} MB; quizgen reads files of at most "
                       f"{MAX_BYTES // 2**20} MB")
        data = path.read_bytes()
    except FileNotFoundError:
        raise fail(f"{what} does not exist") from None
    except OSError as err:
        raise fail(f"{what} cannot be read: {err.strerror or err}") from err
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise DeckError([Problem(
            file, f"{what} is not UTF-8 text (byte 0x{data[err.start]:02x} at offset "
            f"{err.start}); save it as UTF-8", line=line, code="encoding",
        )]) from err
