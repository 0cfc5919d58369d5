"""The team store: PostgreSQL-only behaviour (the shared tests run on it through ``any_store``).

Needs Debian's ``postgresql`` package; without it these skip (see conftest.py's ``pg_server``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from store_helpers import TEXT, article

from stance_reader.core import Highlight
from stance_reader.store import LATEST_VERSION, Store, StoreError
from stance_reader.store.migrations import v1_statements


def _execute(url: str, statements: list[str]) -> None:
    import psycopg2

    conn = psycopg2.connect(url)
    try:
        with conn, conn.cursor() as cur:
            for statement in statements:
                cur.execute(statement)
    finally:
        conn.close()


def test_v1_database_upgrades_on_postgres(pg_url: str) -> None:
    now = "2026-01-02 03:04:05"
    _execute(
        pg_url,
        [
            *v1_statements("postgres"),
            f"INSERT INTO schema_version VALUES (1, '{now}')",
            "INSERT INTO documents (content_hash, text, title, date, created, updated)"
            f" VALUES ('{article().content_hash}', '{TEXT}', 'Old', '27 November 2026', '{now}', '{now}')",
            'INSERT INTO highlights (document_id, start, "end", quote, kind, note, created, updated)'
            f" VALUES (1, 0, 10, 'Mark Rutte', 'hedge', 'saved under v1', '{now}', '{now}')",
        ],
    )
    with Store(pg_url) as store:
        assert store.schema_version == LATEST_VERSION
        [(h, _)] = store.search_highlights("under v1")
        assert h.note == "saved under v1"
        assert store.count_highlights(date_from="2026-11-27") == 1
        # Sequences continue after the old rows.
        doc = store.add_document(article("Another text."))
        assert doc.id == 2


def test_two_instances_share_one_postgres_store(pg_url: str) -> None:
    with Store(pg_url) as a, Store(pg_url) as b:
        doc = a.add_document(article())
        saved = b.add_highlight(Highlight.from_span(TEXT, 0, 10, document_id=doc.id, tags=("team",)))
        assert a.get_highlight(saved.id).tags == ("team",)  # type: ignore[arg-type]
        assert a.backup() is None  # the server's own tools back it up


def test_unreachable_server_is_a_clear_error() -> None:
    with pytest.raises(StoreError) as caught:
        Store("postgresql://me:secret@127.0.0.1:9/nothing")
    message = str(caught.value)
    assert "postgresql://me:***@127.0.0.1:9/nothing" in message and "secret" not in message


def test_sqlite_url_is_a_file(tmp_path: Path) -> None:
    path = tmp_path / "via-url.sqlite3"
    with Store(f"sqlite:///{path}") as store:
        store.add_document(article())
    assert path.exists()
