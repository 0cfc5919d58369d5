"""Corrections fixtures: a temp-file SQLite store holding the test article (PostgreSQL runs of the
repository itself are in tests/store/test_store_corrections.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from corrections_data import article

from stance_reader.core import StoredDocument
from stance_reader.store import Store


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "library" / "stance-reader.sqlite3"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    s = Store(str(db_path), auto_backup=False)
    yield s
    s.close()


@pytest.fixture
def document(store: Store) -> StoredDocument:
    return store.add_document(article())
