"""Never losing work: corrupt files, backups, migrations, concurrent instances, a killed writer."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from store_helpers import TEXT, article

from stance_reader.core import Highlight, HighlightKind
from stance_reader.store import LATEST_VERSION, CorruptDatabaseError, Store, StoreError, restore_backup
from stance_reader.store import backups as backup_files
from stance_reader.store.migrations import apply_migrations, v1_statements

WRITER = Path(__file__).with_name("store_writer.py")


def _writer(db_path: Path, count: str, label: str) -> subprocess.Popen[str]:
    command = [sys.executable, str(WRITER), str(db_path), count, label]
    return subprocess.Popen(command, stdout=subprocess.PIPE, text=True)


def _fill(db_path: Path) -> int:
    with Store(str(db_path)) as store:
        doc = store.add_document(article())
        saved = store.add_highlight(Highlight.from_span(TEXT, 0, 10, document_id=doc.id, note="precious"))
        return saved.id or 0


# --- corrupt or unreadable files ----------------------------------------------------------------------


def test_garbage_file_is_moved_aside_and_the_backup_offered(db_path: Path, isolated_user_data: Path) -> None:
    _fill(db_path)  # closing took the day's backup
    garbage = b"this is not a database, just some bytes someone saved here\n" * 100
    db_path.write_bytes(garbage)
    with pytest.raises(CorruptDatabaseError) as caught:
        Store(str(db_path))
    err = caught.value
    assert err.path == db_path and not db_path.exists()
    assert err.moved_to is not None and err.moved_to.name.startswith(f"{db_path.name}.corrupt-")
    assert err.moved_to.read_bytes() == garbage  # moved, never overwritten
    assert err.latest_backup is not None and err.latest_backup.parent == isolated_user_data / "backups"
    message = str(err)
    assert "\n" not in message and str(db_path) in message and str(err.moved_to) in message
    assert str(err.latest_backup) in message
    # The offered backup restores the analyst's work.
    restore_backup(err.latest_backup, db_path)
    with Store(str(db_path)) as store:
        assert [h.note for h, _ in store.search_highlights()] == ["precious"]


def test_damaged_pages_are_detected(db_path: Path) -> None:
    with Store(str(db_path), auto_backup=False) as store:
        doc = store.add_document(article())
        store.add_highlights(
            [Highlight.from_span(TEXT, i, i + 20, document_id=doc.id, note="n" * 500) for i in range(100)]
        )
    size = db_path.stat().st_size
    with db_path.open("r+b") as handle:  # keep the header page, scribble over the rest
        handle.seek(4096 * 2)
        handle.write(os.urandom(size - 4096 * 2))
    with pytest.raises(CorruptDatabaseError) as caught:
        Store(str(db_path))
    assert caught.value.latest_backup is None and "no backup" in str(caught.value)
    assert not db_path.exists() and caught.value.moved_to is not None and caught.value.moved_to.exists()


def test_damage_found_after_the_quick_check_is_moved_aside_too(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(db_path)
    content = db_path.read_bytes()
    db_path.write_bytes(content[:100] + os.urandom(len(content) - 100))  # header intact, rest garbage
    monkeypatch.setattr("stance_reader.store.store.damage", lambda path: None)  # the check misses it
    with pytest.raises(CorruptDatabaseError) as caught:
        Store(str(db_path))
    assert not db_path.exists() and caught.value.moved_to is not None
    assert caught.value.latest_backup is not None


def test_failed_daily_backup_does_not_block_opening(db_path: Path, tmp_path: Path) -> None:
    _fill(db_path)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the backups folder should be")
    with Store(str(db_path), backups_dir=blocker) as store:
        assert "backup" in store.backup_error
        assert store.count_highlights() == 1


def test_second_corrupt_copy_does_not_overwrite_the_first(db_path: Path) -> None:
    moved = []
    for content in (b"first junk" * 50, b"second junk" * 50):
        db_path.parent.mkdir(parents=True, exist_ok=True)
        db_path.write_bytes(content)
        with pytest.raises(CorruptDatabaseError) as caught:
            Store(str(db_path))
        moved.append(caught.value.moved_to)
    assert moved[0] != moved[1] and moved[0].read_bytes() == b"first junk" * 50  # type: ignore[union-attr]


def test_folder_instead_of_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder"):
        Store(str(tmp_path))


def test_restore_refuses_to_overwrite(db_path: Path, tmp_path: Path) -> None:
    _fill(db_path)
    with pytest.raises(FileExistsError):
        restore_backup(db_path, db_path)


# --- backups ----------------------------------------------------------------------------------------


def test_backup_at_most_daily_unless_forced_and_rotated(db_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "bk"
    with Store(str(db_path), backups_dir=folder) as store:
        assert backup_files.backups_of(db_path, folder) == []  # a brand-new file is not copied
        assert store.backup() is not None
        assert store.backup() is None  # not due again today
        for _ in range(backup_files.KEEP_DAILY + 3):
            assert store.backup(force=True) is not None
        kept = backup_files.backups_of(db_path, folder)
        assert len(kept) == backup_files.KEEP_DAILY
        doc = store.add_document(article())
        store.add_highlight(Highlight.from_span(TEXT, 0, 10, document_id=doc.id))
        newest = store.backup(force=True)
    assert newest is not None
    conn = sqlite3.connect(newest)
    assert conn.execute("SELECT count(*) FROM highlights").fetchone() == (1,)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()


# --- migrations -------------------------------------------------------------------------------------


def _v1_fixture(db_path: Path) -> None:
    """A database exactly as version 1 created it, with one document, highlight and tag."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(db_path)
    for statement in v1_statements("sqlite"):
        conn.execute(statement)
    now = "2026-01-02 03:04:05"
    conn.execute("INSERT INTO schema_version VALUES (1, ?)", (now,))
    conn.execute(
        "INSERT INTO documents (content_hash, text, title, outlet, date, created, updated)"
        " VALUES (?, ?, 'Old article', 'Old Outlet', '27 November 2026', ?, ?)",
        (article().content_hash, TEXT, now, now),
    )
    conn.execute(
        "INSERT INTO highlights (document_id, start, \"end\", quote, kind, speaker, note, created, updated)"
        " VALUES (1, 0, 10, 'Mark Rutte', 'hedge', 'Mark Rutte', 'saved under v1', ?, ?)",
        (now, now),
    )
    conn.execute("INSERT INTO tags (name, key) VALUES ('Legacy', 'legacy')")
    conn.execute("INSERT INTO highlight_tags (highlight_id, tag_id, position) VALUES (1, 1, 0)")
    conn.commit()
    conn.close()


def test_v1_database_upgrades_with_a_backup_first(db_path: Path, tmp_path: Path) -> None:
    _v1_fixture(db_path)
    folder = tmp_path / "bk"
    with Store(str(db_path), backups_dir=folder) as store:
        assert store.schema_version == LATEST_VERSION
        [(h, doc)] = store.search_highlights("legacy")  # v3: FTS filled from existing rows
        assert (h.note, h.tags, h.kind) == ("saved under v1", ("Legacy",), HighlightKind.HEDGE)
        assert doc.article.title == "Old article"
        # v2 filled date_iso from the printed date
        assert store.count_highlights(date_from="2026-11-27", date_to="2026-11-27") == 1
        assert store.integrity_check() == "ok"
    [before] = [p for p in backup_files.backups_of(db_path, folder) if f"before-v{LATEST_VERSION}" in p.name]
    conn = sqlite3.connect(before)
    assert conn.execute("SELECT max(version) FROM schema_version").fetchone() == (1,)
    conn.close()


@pytest.mark.parametrize("target", range(1, LATEST_VERSION + 1))
def test_each_migration_step_applies_on_its_own(db_path: Path, target: int) -> None:
    from stance_reader.store.connection import open_database

    _v1_fixture(db_path)
    db = open_database(str(db_path))
    db.connect()
    apply_migrations(db, target=target)
    versions = [v for (v,) in db.execute_sql("SELECT version FROM schema_version ORDER BY version")]
    columns = {row[1] for row in db.execute_sql("PRAGMA table_info(documents)")}
    tables = set(db.get_tables())
    db.close_all()
    assert versions == list(range(1, target + 1))
    assert ("date_iso" in columns) == (target >= 2)
    assert ("highlights_fts" in tables) == (target >= 3)


def test_newer_schema_is_refused_and_left_alone(db_path: Path) -> None:
    _fill(db_path)
    conn = sqlite3.connect(db_path)
    conn.execute("INSERT INTO schema_version VALUES (?, '2099-01-01')", (LATEST_VERSION + 1,))
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        Store(str(db_path))
    assert db_path.exists()


# --- concurrent instances -----------------------------------------------------------------------------


def test_two_store_objects_on_one_file(db_path: Path) -> None:
    with Store(str(db_path)) as a, Store(str(db_path)) as b:
        doc = a.add_document(article())
        assert b.add_document(article()).id == doc.id
        for i in range(20):
            writer = a if i % 2 else b
            writer.add_highlight(Highlight.from_span(TEXT, i, i + 5, document_id=doc.id, note=str(i)))
        assert a.count_highlights() == b.count_highlights() == 20
        assert a.integrity_check() == "ok"


def test_two_processes_writing_at_once(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    procs = [_writer(db_path, "40", label) for label in ("alpha", "beta")]
    outputs = [p.communicate(timeout=120)[0].split() for p in procs]
    assert [p.returncode for p in procs] == [0, 0]
    assert [len(o) for o in outputs] == [40, 40]
    with Store(str(db_path)) as store:
        assert store.count_documents() == 1  # both imported the same article: stored once
        assert store.count_highlights() == 80
        assert store.count_highlights(tags=["alpha"]) == store.count_highlights(tags=["beta"]) == 40
        assert store.integrity_check() == "ok"


def test_gui_thread_reads_while_lane_thread_writes(store: Store) -> None:
    doc = store.add_document(article())
    errors: list[BaseException] = []

    def lane() -> None:
        try:
            for i in range(100):
                store.add_highlight(Highlight.from_span(TEXT, i, i + 8, document_id=doc.id, tags=("lane",)))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    worker = threading.Thread(target=lane)
    worker.start()
    seen = []
    while worker.is_alive():
        seen.append(len(store.search_highlights(tags=["lane"], limit=500)))
    worker.join()
    assert not errors
    assert seen == sorted(seen)  # reads never saw a half-applied write going backwards
    assert store.count_highlights() == 100


# --- a killed writer --------------------------------------------------------------------------------


@pytest.mark.parametrize("after", [15, 40])
def test_kill_during_save_loses_at_most_that_save(db_path: Path, after: int) -> None:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    proc = _writer(db_path, "-1", "kill")
    assert proc.stdout is not None
    acknowledged = 0
    deadline = time.monotonic() + 120
    while acknowledged < after and time.monotonic() < deadline:
        if proc.stdout.readline():
            acknowledged += 1
    os.kill(proc.pid, signal.SIGKILL)  # mid-loop: almost always inside a transaction
    proc.wait()
    acknowledged += len(proc.stdout.read().split())  # saves committed before the kill landed
    assert acknowledged >= after

    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    highlights = conn.execute("SELECT count(*) FROM highlights").fetchone()[0]
    assert acknowledged <= highlights <= acknowledged + 1  # at most the save in flight is lost
    # Every stored highlight is whole: its two tags and its search-index row came with it.
    assert conn.execute("SELECT count(*) FROM highlight_tags").fetchone()[0] == 2 * highlights
    assert conn.execute("SELECT count(*) FROM highlights_fts").fetchone()[0] == highlights
    conn.close()
    with Store(str(db_path)) as store:  # and the app opens it normally
        assert store.count_highlights(tags=["kill"]) == highlights
