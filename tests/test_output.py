"""write_atomic: outputs appear whole or not at all, and odd targets are left in place."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from quizgen.errors import OutputError
from quizgen.outputs.write import _umask, write_atomic


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


def test_a_reader_sees_the_old_file_whole_until_the_new_one_is_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "quiz.html"
    target.write_bytes(b"old " * 5000)
    seen: list[tuple[bytes, bytes]] = []
    real_replace = os.replace

    def spy(src: str, dst: Path) -> None:
        # At the moment of the swap: the target still whole and old, the new file complete.
        seen.append((Path(dst).read_bytes(), Path(src).read_bytes()))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    write_atomic(target, b"new " * 5000)
    assert seen == [(b"old " * 5000, b"new " * 5000)]
    assert target.read_bytes() == b"new " * 5000


def test_a_write_that_fails_before_the_swap_leaves_the_old_file_and_no_temporary(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "quiz.html"
    target.write_bytes(b"old")

    def disk_full(path: str, mode: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "chmod", disk_full)
    with pytest.raises(OutputError) as caught:
        write_atomic(target, b"new")
    assert str(caught.value) == f"{target}: cannot write: No space left on device"
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["quiz.html"]
