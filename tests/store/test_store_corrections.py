"""The corrections repository on SQLite and PostgreSQL: round trip, restore by id, cascade, the
migration that adds it, salvage knowing its table, and a killed writer losing nothing acknowledged."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from store_helpers import TEXT, article

from stance_reader.core import Correction, CorrectionKind, MarkKind, MarkRef
from stance_reader.store import LATEST_VERSION, NotFoundError, Store
from stance_reader.store.connection import open_database
from stance_reader.store.migrations import apply_migrations
from stance_reader.store.salvage import salvage
from stance_reader.store.salvage_read import page_rows

WRITER = Path(__file__).with_name("correction_writer.py")


def made(doc_id: int, content_hash: str, kind: CorrectionKind = CorrectionKind.NONE) -> Correction:
    start = TEXT.index("the alliance")
    end = TEXT.index(" next year") + len(" next year")
    cue = TEXT.index("probably")
    target = MarkRef(MarkKind.HEDGE, start, end, ((cue, cue + 8),), "probably", "Mark Rutte", 0.71, "hedge.x")
    c = Correction(doc_id, content_hash, kind, start, end, cue=((cue, cue + 8),), target=target,
                   speaker="Mark Rutte", decided=frozenset({"kind"}), note="not a hedge here")  # fmt: skip
    return c.with_passage(TEXT, start, end)


def test_round_trip_update_delete_and_restore(any_store: Store) -> None:
    doc = any_store.add_document(article())
    [saved] = any_store.add_corrections([made(doc.id, doc.content_hash)])
    assert saved.id is not None and saved.created is not None
    assert any_store.corrections_for(doc.id) == [saved]
    assert any_store.get_correction(saved.id).target == saved.target
    edited = any_store.update_correction(replace(saved, kind=CorrectionKind.COMMITMENT, speaker=None))
    assert any_store.get_correction(saved.id).kind is CorrectionKind.COMMITMENT
    assert any_store.get_correction(saved.id).speaker is None
    assert any_store.delete_corrections([saved.id]) == 1
    with pytest.raises(NotFoundError):
        any_store.get_correction(saved.id)
    [restored] = any_store.add_corrections([edited])  # undo of a delete: the same id
    assert restored.id == saved.id
    assert any_store.corrected_document_ids() == [doc.id] and any_store.count_corrections() == 1


def test_added_passage_has_no_target(any_store: Store) -> None:
    doc = any_store.add_document(article())
    c = replace(made(doc.id, doc.content_hash, CorrectionKind.COMMITMENT), target=None)
    [saved] = any_store.add_corrections([c])
    assert any_store.corrections_for(doc.id)[0].added and saved.target is None


def test_deleting_the_document_deletes_its_corrections(any_store: Store) -> None:
    doc = any_store.add_document(article())
    any_store.add_corrections([made(doc.id, doc.content_hash)])
    any_store.delete_document(doc.id)
    assert any_store.count_corrections() == 0


def test_a_v4_library_gains_the_table_with_a_backup_first(db_path: Path, tmp_path: Path) -> None:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db = open_database(str(db_path))
    db.connect()
    apply_migrations(db, target=4)
    db.close_all()
    with Store(str(db_path), backups_dir=tmp_path / "bk") as store:
        assert store.schema_version == LATEST_VERSION >= 5
        doc = store.add_document(article())
        store.add_corrections([made(doc.id, doc.content_hash)])
        assert store.count_corrections() == 1
    assert any(f"before-v{LATEST_VERSION}" in p.name for p in (tmp_path / "bk").iterdir())


def test_salvage_knows_the_corrections_table(db_path: Path, tmp_path: Path) -> None:
    with Store(str(db_path), auto_backup=False) as store:
        doc = store.add_document(article())
        saved = store.add_corrections([made(doc.id, doc.content_hash), made(doc.id, doc.content_hash)])
    # Read straight from the pages (no SQLite): each correction row is recognised as one, and only so.
    found = [(table, rowid) for table, rowid, _row in page_rows(db_path)]
    assert sorted(r for t, r in found if t == "corrections") == [c.id for c in saved]
    assert not any(t == "highlights" for t, _ in found)
    report = salvage(db_path, tmp_path / "salvaged.sqlite3")
    assert report.rows["corrections"] == 2
    with Store(str(tmp_path / "salvaged.sqlite3"), auto_backup=False) as salvaged:
        assert [c.note for c in salvaged.corrections_for(doc.id)] == ["not a hedge here"] * 2


@pytest.mark.parametrize("after", [15])
def test_kill_during_a_correction_loses_nothing_acknowledged(db_path: Path, after: int) -> None:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen([sys.executable, str(WRITER), str(db_path)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    acknowledged: list[int] = []
    deadline = time.monotonic() + 120
    while len(acknowledged) < after and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if line.strip():
            acknowledged.append(int(line))
    os.kill(proc.pid, signal.SIGKILL)  # mid-loop: almost always inside a transaction
    proc.wait()
    acknowledged += [int(x) for x in proc.stdout.read().split()]
    assert len(acknowledged) >= after
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    stored = {i for (i,) in conn.execute("SELECT id FROM corrections")}
    conn.close()
    assert set(acknowledged) <= stored  # every acknowledged correction is there, whole
    assert len(stored) <= len(acknowledged) + 1  # at most the one in flight beyond them
    with Store(str(db_path)) as store:
        assert all(c.note.startswith("kill ") for c in store.corrections_for(1))
