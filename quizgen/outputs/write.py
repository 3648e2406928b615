"""Writing outputs so that a failed build never leaves a half-written file behind."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Sequence
from pathlib import Path

from quizgen.errors import OutputError


def _umask() -> int:
    # The only way to read the umask is to set it; put it straight back.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write data to path through a temporary file renamed into place.

    A path that names something other than a regular file (/dev/null, a pipe) is written
    to directly, and a symbolic link is followed, so neither is replaced by a file. An
    existing file keeps its permissions; a new one gets them from the umask, as any file.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        info = None
    except OSError as err:
        raise OutputError(f"{path}: cannot write here: {err.strerror or err}") from err
    if info is not None and not stat.S_ISREG(info.st_mode):
        if stat.S_ISDIR(info.st_mode):
            raise OutputError(f"{path}: is a directory; give a file name")
        try:
            with path.open("wb") as handle:
                handle.write(payload)
        except OSError as err:
            raise OutputError(f"{path}: cannot write: {err.strerror or err}") from err
        return
    target = path.resolve() if path.is_symlink() else path
    mode = stat.S_IMODE(info.st_mode) if info is not None else 0o666 & ~_umask()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as err:
        raise OutputError(f"{path}: cannot write here: {err.strerror or err}") from err
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException as err:  # Ctrl-C too: leave no temporary file behind
        Path(tmp).unlink(missing_ok=True)
        if isinstance(err, OSError):
            raise OutputError(f"{path}: cannot write: {err.strerror or err}") from err
        raise


def output_path(output: str, protected: Sequence[Path] = ()) -> Path:
    """Give the file an -o value names; refuse a folder name and any of protected (the deck's
    own deck.yaml, article and lock), which an output must never replace."""
    if output.endswith(("/", os.sep)) or Path(output).is_dir():
        raise OutputError(f"{output}: is a folder; give a file name")
    real = os.path.realpath(output)
    for own in protected:
        if real == os.path.realpath(own):
            raise OutputError(f"{output}: is the deck's own {own.name}; an output must not "
                              "replace it: write the output elsewhere")
    return Path(output)
