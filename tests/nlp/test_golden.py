"""Golden tests: the whole analysis of our own sample articles (tests/data/*.txt) is pinned.

A failure means the output changed. If the change is intended, look at the diff of the expected file
after running ``.venv/bin/python tests/data/regen_golden.py`` and commit it with the reason.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data"
sys.path.insert(0, str(DATA))
from regen_golden import golden  # noqa: E402

ARTICLES = sorted(DATA.glob("*.txt"))


@pytest.mark.parametrize("path", ARTICLES, ids=[p.stem for p in ARTICLES])
def test_golden_article(analyzer, path: Path) -> None:  # type: ignore[no-untyped-def]
    expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    got = golden(path.read_text(encoding="utf-8"), analyzer)
    for section in ("quotes", "entities", "marks"):
        assert got[section] == expected[section], f"{path.name}: {section} changed (see regen_golden.py)"


def test_golden_files_exist_for_every_article() -> None:
    assert ARTICLES, "no golden articles in tests/data"
    assert all(p.with_suffix(".expected.json").exists() for p in ARTICLES)
