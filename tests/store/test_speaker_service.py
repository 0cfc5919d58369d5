"""Canonical speakers across the library through the store: merge and split by hand, persisted,
undoable, and never lost when an article is analysed again."""

from __future__ import annotations

from ledger_helpers import rutte_article, surname_article
from stance_reader.services import speakers
from stance_reader.store import Store


def _index(store: Store, pair) -> int:  # type: ignore[no-untyped-def]
    art, analysis = pair
    doc = store.add_document(art)
    speakers.index_document(store, doc, analysis)
    return doc.id


def _keys(store: Store) -> set[str]:
    return {s.key for s in store.list_speakers()}


def test_titles_and_surnames_make_one_speaker_across_articles(any_store: Store) -> None:
    _index(any_store, rutte_article("2026-01-05"))
    _index(any_store, surname_article("2026-02-05"))
    [rutte] = [s for s in any_store.list_speakers() if s.name == "Mark Rutte"]
    assert rutte.articles == 2 and rutte.hedges == 2
    for name in ("Rutte", "Mark Rutte", "NATO Secretary General Mark Rutte", "mark rutte"):
        assert speakers.find_speaker(any_store, name) == rutte
    assert speakers.find_speaker(any_store, "Nobody") is None


def test_ambiguous_surname_stays_separate(any_store: Store) -> None:
    _index(any_store, rutte_article("2026-01-05", speaker="Anna Berg"))
    _index(any_store, rutte_article("2026-01-06", speaker="Lars Berg"))
    _index(any_store, surname_article("2026-02-05", "Berg"))
    assert {"anna berg", "lars berg", "berg"} <= _keys(any_store)


def test_merge_persists_across_reanalysis_and_undoes(any_store: Store) -> None:
    doc_id = _index(any_store, rutte_article("2026-01-05"))
    record = speakers.merge(any_store, "Olaf Scholz", "Rutte")
    assert _keys(any_store) == {"mark rutte"}
    assert any_store.speaker_aliases() == {"olaf scholz": "mark rutte"}
    # Re-analysis replaces the document's rows: the merge is applied again.
    _, analysis = rutte_article("2026-01-05")
    speakers.index_document(any_store, any_store.get_document(doc_id), analysis)
    assert _keys(any_store) == {"mark rutte"}
    [rutte] = any_store.list_speakers()
    assert rutte.commitments == 2 and rutte.name == "Mark Rutte"
    redo = speakers.undo(any_store, record)
    assert _keys(any_store) == {"mark rutte", "olaf scholz"} and any_store.speaker_aliases() == {}
    speakers.undo(any_store, redo)  # the undo of the undo merges again
    assert _keys(any_store) == {"mark rutte"}


def test_split_pulls_a_surname_apart_and_undoes(any_store: Store) -> None:
    _index(any_store, rutte_article("2026-01-05"))
    _index(any_store, surname_article("2026-02-05"))
    record = speakers.split(any_store, "Rutte")
    assert {"mark rutte", "rutte"} <= _keys(any_store)
    assert [e.date_iso for e in any_store.speaker_ledger("rutte")] == ["2026-02-05"]
    _index(any_store, surname_article("2026-03-05"))  # a new article keeps the split
    assert len(any_store.speaker_ledger("rutte")) == 2
    speakers.undo(any_store, record)
    assert "rutte" not in _keys(any_store)
    assert len(any_store.speaker_ledger("mark rutte")) == 5


def test_merging_a_speaker_into_itself_changes_nothing(any_store: Store) -> None:
    _index(any_store, rutte_article("2026-01-05"))
    record = speakers.merge(any_store, "Rutte", "Mark Rutte")
    assert record.previous == () and any_store.speaker_aliases() == {}
    assert speakers.undo(any_store, record).previous == ()


def test_ledger_service_finds_by_any_name_and_filters(any_store: Store) -> None:
    _index(any_store, rutte_article("2026-01-05"))
    _index(any_store, surname_article("2026-02-05"))
    found = speakers.ledger(any_store, "Secretary General Rutte", kinds=["hedge"], date_from="2026-02-01")
    assert found is not None
    speaker, entries = found
    assert speaker.key == "mark rutte" and [e.snippet for e in entries] == ["the plan will probably hold"]
    assert speakers.ledger(any_store, "Nobody") is None


def test_the_ledger_applies_the_analysts_corrections(any_store: Store) -> None:
    from stance_reader.core import Correction, CorrectionKind, MarkKind, MarkRef

    art, analysis = rutte_article("2026-01-05")
    doc = any_store.add_document(art)
    any_store.save_analysis(doc.content_hash, "test-pipeline", analysis)
    speakers.index_document(any_store, doc, analysis)
    [hedge] = [m for m in analysis.marks if m.kind is MarkKind.HEDGE and m.speaker]
    target = MarkRef(MarkKind.HEDGE, hedge.start, hedge.end, hedge.cue, "may")
    rejected = Correction(
        doc.id, doc.content_hash, CorrectionKind.NONE, hedge.start, hedge.end, target=target
    )
    any_store.add_corrections([rejected.with_passage(art.text, hedge.start, hedge.end)])
    assert speakers.reindex_document(any_store, doc) == 3
    assert [e.kind for e in any_store.speaker_ledger("mark rutte")] == ["commitment", "quote"]
    assert speakers.reindex_document(any_store, any_store.add_document(art.__class__("new text"))) is None


def test_history_undoes_and_redoes_merges_and_splits_in_order(any_store: Store) -> None:
    _index(any_store, rutte_article("2026-01-05"))
    _index(any_store, surname_article("2026-02-05"))
    history = speakers.SpeakerHistory()
    assert not history.can_undo() and history.undo(any_store) is None
    history.split(any_store, "Rutte")
    history.merge(any_store, "Olaf Scholz", "Mark Rutte")
    assert "rutte" in _keys(any_store) and "olaf scholz" not in _keys(any_store)
    assert history.undo_text() == "merge Olaf Scholz into Mark Rutte"
    history.undo(any_store)
    assert "olaf scholz" in _keys(any_store) and history.can_redo()
    history.undo(any_store)
    assert "rutte" not in _keys(any_store) and not history.can_undo()
    history.redo(any_store)
    assert "rutte" in _keys(any_store)
    history.merge(any_store, "Rutte", "Rutte")  # no change: no undo step, redo stack kept
    assert history.can_redo()
    history.merge(any_store, "Olaf Scholz", "Mark Rutte")
    assert not history.can_redo() and "olaf scholz" not in _keys(any_store)
