"""write_atomic: outputs appear whole or not at all, and odd targets are left in place."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from quizgen.errors import OutputError
from quizgen.output import _umask, write_atomic


def test_writes_creating_folders_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "page.html"
    write_atomic(target, "<p>é</p>")
    assert target.read_bytes() == "<p>é</p>".encode()
    assert os.listdir(target.parent) == ["page.html"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~_umask()


def test_a_new_file_respects_the_umask(tmp_path: Path) -> None:
    # An answer key written under umask 077 on a shared machine stays private.
    old = os.umask(0o077)
    try:
        write_atomic(tmp_path / "key.html", "answers")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "key.html").stat().st_mode) == 0o600


def test_an_existing_file_is_replaced_and_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "key.html"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    write_atomic(target, b"new")
    assert (target.read_bytes(), stat.S_IMODE(target.stat().st_mode)) == (b"new", 0o600)


def test_a_symlink_is_followed_not_replaced(tmp_path: Path) -> None:
    real = tmp_path / "real.html"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.html"
    link.symlink_to(real)
    write_atomic(link, "new")
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "new"


def test_dev_null_stays_a_device() -> None:
    write_atomic(Path("/dev/null"), "discarded")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError) as caught:
        write_atomic(tmp_path, "x")
    assert str(caught.value) == f"{tmp_path}: is a directory; give a file name"


def test_an_unwritable_place_is_an_output_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(OutputError) as caught:
        write_atomic(blocker / "page.html", "x")
    assert str(caught.value) == f"{blocker / 'page.html'}: cannot write here: Not a directory"
