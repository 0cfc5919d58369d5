"""Salvage: every readable highlight of a damaged library comes back, exactly as saved, and the damaged
file is never changed."""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from salvage_helpers import DAMAGE, build_library, markers_in, rows

from stance_reader.core import Highlight
from stance_reader.store import LATEST_VERSION, Store
from stance_reader.store.migrations import apply_migrations, current_version
from stance_reader.store.salvage import salvage

N = 240
BACKUP_AFTER = 150


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("pristine")
    build_library(folder / "lib.sqlite3", N, folder / "backups", BACKUP_AFTER)
    return folder / "lib.sqlite3", next((folder / "backups").glob("*.sqlite3"))


def _rowid_readable(path: Path) -> int:
    """Highlights SQLite itself still returns one by one (what the app could read before salvage)."""
    found = 0
    with sqlite3.connect(path) as conn:
        for hid in range(1, N + 1):
            with contextlib.suppress(sqlite3.DatabaseError):
                row = conn.execute("SELECT 1 FROM highlights WHERE rowid = ?", (hid,)).fetchone()
                found += row is not None
    return found


@pytest.mark.parametrize("how", sorted(DAMAGE))
def test_salvage_keeps_every_readable_highlight(
    pristine: tuple[Path, Path], tmp_path: Path, how: str
) -> None:
    original, backup = pristine
    damaged = tmp_path / "lib.sqlite3"
    shutil.copyfile(original, damaged)
    DAMAGE[how](damaged)
    before = hashlib.sha256(damaged.read_bytes()).hexdigest()
    present = markers_in(damaged, N)  # rows whose bytes survive: the most any salvage can find
    readable = _rowid_readable(damaged)

    report = salvage(damaged, tmp_path / "salvaged.sqlite3", backup)

    assert hashlib.sha256(damaged.read_bytes()).hexdigest() == before, "the damaged file is only read"
    got, want = rows(report.target), rows(original)
    assert set(got) == present and len(present) >= readable
    assert all(got[hid] == want[hid] for hid in got), "every salvaged row is exactly as it was saved"
    assert report.highlights == len(present) and report.changed == ()
    assert report.backup is not None and report.backup.highlights == BACKUP_AFTER
    assert report.backup.newer == len([h for h in present if h > BACKUP_AFTER])
    if how == "zero-header":
        assert report.header_repaired and len(present) == N


def test_salvaged_library_opens_searches_and_keeps_ids_unused(
    pristine: tuple[Path, Path], tmp_path: Path
) -> None:
    damaged = tmp_path / "lib.sqlite3"
    shutil.copyfile(pristine[0], damaged)
    DAMAGE["overwrite"](damaged)
    report = salvage(damaged, tmp_path / "salvaged.sqlite3")
    with Store(str(report.target), auto_backup=False) as store:
        assert store.integrity_check() == "ok" and store.schema_version == LATEST_VERSION
        assert store.count_highlights() == report.highlights
        some = store.search_highlights("")[0][0]
        assert [h.id for h, _ in store.search_highlights(some.note.split()[1] and some.note)] == [some.id]
        assert len(store.search_documents("article")) == 4, "the documents' full-text index was rebuilt"
        doc = store.list_documents()[0]
        fresh = store.add_highlight(Highlight.from_span(doc.article.text, 0, 4, document_id=doc.id))
        assert fresh.id == N + 1, "ids handed out before the damage are never reused"


def test_highlights_of_a_lost_article_are_kept_under_a_placeholder(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    build_library(path, 8)
    with sqlite3.connect(path) as conn:  # the article's row is gone, its highlights remain
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("DELETE FROM documents WHERE id = 2")
    report = salvage(path, tmp_path / "salvaged.sqlite3")
    assert report.highlights == 8 and report.lost_articles == 1
    with Store(str(report.target), auto_backup=False) as store:
        kept = store.highlights_for(2)
        assert len(kept) == 2 and all(h.orphaned for h in kept)
        assert "lost" in store.get_document(2).article.title


def test_salvage_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    build_library(path, 2)
    with pytest.raises(FileExistsError):
        salvage(path, path)


# --- checksums ------------------------------------------------------------------------------------


def test_checksums_follow_the_apps_edits_and_name_outside_ones(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    build_library(path, 5)
    with Store(str(path), auto_backup=False) as store:
        edited = store.update_highlight(replace(store.get_highlight(2), note="edited in the app"))
        assert edited.note == "edited in the app" and store.changed_outside() == []
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE highlights SET note = 'edited by a script' WHERE id IN (3, 5)")
    with Store(str(path), auto_backup=False) as store:
        assert store.changed_outside() == [3, 5]
        assert store.accept_changes([3, 5]) == 2 and store.changed_outside() == []


def test_migration_4_stamps_existing_highlights(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    build_library(path, 3)
    with sqlite3.connect(path) as conn:  # back to a version-3 library: no checksum column
        conn.execute("ALTER TABLE highlights DROP COLUMN checksum")
        conn.execute("DROP TABLE corrections")  # nor the later steps' tables
        conn.execute("DROP TABLE speaker_marks")
        conn.execute("DROP TABLE speaker_aliases")
        conn.execute("DELETE FROM schema_version WHERE version >= 4")
    with Store(str(path), auto_backup=False) as store:
        assert store.schema_version == LATEST_VERSION and store.changed_outside() == []
    db = Store(str(path), auto_backup=False)
    try:
        assert current_version(db._db) == LATEST_VERSION and apply_migrations(db._db) == []
    finally:
        db.close()
