"""The speaker ledger in the store: rows replaced per document in one transaction, the speaker list
and one speaker's ledger with its filters, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ledger_helpers import rutte_article, surname_article
from stance_reader.core.ledger import SpeakerMention
from stance_reader.services import speakers
from stance_reader.store import NotFoundError, Store, StoreError
from stance_reader.store.salvage import salvage


def _add(store: Store, day: str = "2026-03-02", **kw: str) -> int:
    art, analysis = rutte_article(day, **kw)
    doc = store.add_document(art)
    speakers.index_document(store, doc, analysis)
    return doc.id


def test_indexing_writes_speaker_marks_with_article_metadata(any_store: Store) -> None:
    doc_id = _add(any_store)
    assert any_store.count_speaker_marks(doc_id) == 4  # 2 Rutte marks, 1 quote, 1 Scholz; own voice left out
    [rutte, scholz] = any_store.list_speakers()
    assert (rutte.key, rutte.name) == ("mark rutte", "Mark Rutte")
    assert (rutte.hedges, rutte.commitments, rutte.quotes, rutte.articles) == (1, 1, 1, 1)
    assert rutte.first_date == rutte.last_date == "2026-03-02"
    assert (scholz.name, scholz.commitments, scholz.total) == ("Olaf Scholz", 1, 1)
    entries = any_store.speaker_ledger("mark rutte")
    assert {e.title for e in entries} == {"Alliance 2026-03-02"}
    assert {e.outlet for e in entries} == {"The Daily Test"}
    hedge = next(e for e in entries if e.kind == "hedge")
    assert hedge.snippet == "We may need more time" and hedge.confidence == pytest.approx(0.7)


def test_reindexing_replaces_the_documents_rows(any_store: Store) -> None:
    art, analysis = rutte_article()
    doc = any_store.add_document(art)
    for _ in range(3):
        speakers.index_document(any_store, doc, analysis)
    assert any_store.count_speaker_marks() == 4
    any_store.replace_speaker_marks(doc.id, [], speakers.resolve)
    assert any_store.count_speaker_marks() == 0 and any_store.list_speakers() == []


def test_a_failed_replace_keeps_the_old_rows(any_store: Store) -> None:
    doc_id = _add(any_store)

    def broken(mentions, aliases):  # type: ignore[no-untyped-def]
        raise RuntimeError("resolver failed")

    with pytest.raises(RuntimeError):
        any_store.replace_speaker_marks(doc_id, [SpeakerMention("x", "X", "hedge", 0, 1, "x")], broken)
    assert any_store.count_speaker_marks(doc_id) == 4  # one transaction: all or nothing
    with pytest.raises(NotFoundError):
        any_store.replace_speaker_marks(999, [], speakers.resolve)


def test_ledger_is_newest_first_and_filters(any_store: Store) -> None:
    for day, outlet in (("2026-01-10", "Alpha"), ("2026-03-05", "Beta"), ("2026-02-01", "alpha")):
        _add(any_store, day, outlet=outlet)
    entries = any_store.speaker_ledger("mark rutte")
    assert [e.date_iso for e in entries] == sorted((e.date_iso for e in entries), reverse=True)
    assert len(entries) == 9
    assert {e.kind for e in any_store.speaker_ledger("mark rutte", kinds=["hedge"])} == {"hedge"}
    window = any_store.speaker_ledger("mark rutte", date_from="2026-01-15", date_to="2026-02-28")
    assert {e.date_iso for e in window} == {"2026-02-01"}
    assert {e.outlet for e in any_store.speaker_ledger("mark rutte", outlet="ALPHA")} == {"Alpha", "alpha"}
    found = any_store.speaker_ledger("mark rutte", text="MORE TIME")
    assert found and all("more time" in e.snippet.lower() for e in found)
    assert any_store.speaker_ledger("mark rutte", text="100%_") == []
    assert len(any_store.speaker_ledger("mark rutte", limit=2)) == 2
    [rutte, _] = any_store.list_speakers()
    assert (rutte.articles, rutte.first_date, rutte.last_date) == (3, "2026-01-10", "2026-03-05")


def test_undated_articles_come_last(any_store: Store) -> None:
    _add(any_store, "2026-01-10")
    art, analysis = rutte_article("no date")
    doc = any_store.add_document(art)
    speakers.index_document(any_store, doc, analysis)
    entries = any_store.speaker_ledger("mark rutte")
    assert entries[0].date_iso == "2026-01-10" and entries[-1].date_iso is None


def test_deleting_a_document_deletes_its_ledger_rows(any_store: Store) -> None:
    doc_id = _add(any_store)
    any_store.delete_document(doc_id)
    assert any_store.count_speaker_marks() == 0


def test_surnames_join_across_documents_in_the_store(any_store: Store) -> None:
    art, analysis = surname_article("2026-01-01")
    doc = any_store.add_document(art)
    speakers.index_document(any_store, doc, analysis)
    assert [s.key for s in any_store.list_speakers()] == ["rutte"]  # alone so far
    _add(any_store, "2026-02-02")  # the full name arrives: the earlier article's "Rutte" joins it
    rutte = next(s for s in any_store.list_speakers() if s.key == "mark rutte")
    assert (rutte.articles, rutte.hedges, rutte.first_date) == (2, 2, "2026-01-01")
    assert {k for k, _, _ in any_store.speaker_mentions("mark rutte")} == {"mark rutte", "rutte"}


def test_store_errors_are_store_errors(store: Store) -> None:
    store.close()
    with pytest.raises(StoreError):
        store.list_speakers()


def test_salvage_keeps_the_ledger_and_the_aliases(db_path: Path, tmp_path: Path) -> None:
    with Store(str(db_path), auto_backup=False) as store:
        _add(store)
        speakers.merge(store, "Olaf Scholz", "Mark Rutte")
        marks, aliases = store.count_speaker_marks(), store.speaker_aliases()
    target = tmp_path / "salvaged.sqlite3"
    report = salvage(db_path, target)
    assert report.rows["speaker_marks"] == marks and report.rows["speaker_aliases"] == 1
    with Store(str(target), auto_backup=False) as store:
        assert store.speaker_aliases() == aliases == {"olaf scholz": "mark rutte"}
        assert [s.key for s in store.list_speakers()] == ["mark rutte"]
    with sqlite3.connect(target) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
