"""A non-editable install works from any directory: the wheel carries templates and decks."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Give a wheel built from this tree and the folder it was installed into."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(out), str(ROOT)], check=True, capture_output=True)
    (wheel,) = out.glob("quizgen-*.whl")
    target = tmp_path_factory.mktemp("site")
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    str(target), str(wheel)], check=True, capture_output=True)
    return wheel, target


def test_the_wheel_carries_templates_and_decks(installed: tuple[Path, Path]) -> None:
    wheel, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {p.relative_to(ROOT).as_posix() for d in ("templates", "decks")
               for p in (ROOT / d).rglob("*") if p.is_file()}
    assert shipped
    assert {f"quizgen/{name}" for name in shipped} <= names


def test_validate_the_bundled_deck_from_elsewhere(
    installed: tuple[Path, Path], tmp_path: Path
) -> None:
    _, target = installed
    env = {**os.environ, "PYTHONPATH": str(target)}
    bundled = target / "quizgen" / "decks" / "iran-pakistan-2024"
    where = subprocess.run([sys.executable, "-c", "import quizgen; print(quizgen.__file__)"],
                           cwd=tmp_path, env=env, capture_output=True, text=True, check=True)
    assert where.stdout.strip() == str(target / "quizgen" / "__init__.py")
    for deck in ("iran-pakistan-2024", str(bundled)):
        proc = subprocess.run([sys.executable, "-m", "quizgen", "validate", deck, "--strict"],
                              cwd=tmp_path, env=env, capture_output=True, text=True,
                              check=False)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert proc.stdout.endswith(" 0 errors, 0 warnings: valid\n")
        assert proc.stdout.startswith(f"{bundled / 'deck.yaml'}: ")
