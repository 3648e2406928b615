"""Writing a deck folder whole: built beside its destination, renamed into place."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from quizgen.errors import OutputError


def write_folder(target: Path, files: Mapping[str, bytes]) -> None:
    """Write the folder target holding files (name: bytes), replacing it whole if it exists.

    The files go into a temporary folder beside target, which is then renamed into place; on
    any failure, Ctrl-C included, nothing is left behind and an old folder stays as it was.
    """
    from quizgen.outputs.write import _umask

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp",
                                    dir=target.parent))
    except OSError as err:
        raise OutputError(f"{target.parent}: cannot write here: {err.strerror or err}") from err
    old: Path | None = None
    try:
        mask = _umask()
        os.chmod(tmp, 0o777 & ~mask)
        for name, data in files.items():
            path = tmp / name
            path.write_bytes(data)
            os.chmod(path, 0o666 & ~mask)
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old",
                                        dir=target.parent))
            os.rename(target, old / target.name)
            try:
                os.rename(tmp, target)
            except OSError:
                os.rename(old / target.name, target)  # put the old folder back
                raise
        else:
            os.rename(tmp, target)
    except BaseException as err:  # Ctrl-C too: leave no temporary folder behind
        shutil.rmtree(tmp, ignore_errors=True)
        if old is not None and not (old / target.name).exists():
            shutil.rmtree(old, ignore_errors=True)
        if isinstance(err, OSError):
            raise OutputError(f"{target}: cannot write: {err.strerror or err}") from err
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
