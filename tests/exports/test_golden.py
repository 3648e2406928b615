"""Golden files: any change to an export's bytes shows in review (tests/golden/regen.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from quizgen.outputs.exports import FORMATS

GOLDEN = Path(__file__).resolve().parent.parent / "golden"


def _regen() -> object:
    spec = importlib.util.spec_from_file_location("golden_regen", GOLDEN / "regen.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


REGEN = _regen()
MADE: dict[str, bytes] = REGEN.golden_exports()  # type: ignore[attr-defined]


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_export_matches_its_golden_file_byte_for_byte(fmt: str) -> None:
    name = REGEN.golden_name(fmt)  # type: ignore[attr-defined]
    assert MADE[name] == (GOLDEN / name).read_bytes(), (
        f"{name} changed; if on purpose, run python tests/golden/regen.py and review the diff")


def test_the_golden_deck_is_a_frozen_copy_not_the_bundled_one() -> None:
    assert sorted(p.name for p in (GOLDEN / "deck").iterdir()) == ["article.txt", "deck.yaml"]
    assert sorted(p.name for p in GOLDEN.iterdir() if p.name.startswith("export.")) == sorted(MADE)
