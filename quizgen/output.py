"""Writing outputs so that a failed build never leaves a half-written file behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from quizgen.errors import OutputError


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write data to path through a temporary file renamed into place."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as err:
        raise OutputError(f"{path}: cannot write here: {err.strerror or err}") from err
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write: {err.strerror or err}") from err
