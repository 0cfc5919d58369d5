"""Saving a correction re-indexes the document's speaker-ledger rows with the corrections applied
(and so do undo and redo): the ledger shows the analyst's decision, not the model's."""

from __future__ import annotations

from corrections_data import DELIVER, PROBABLY, TEXT, analysis

from stance_reader.core import CorrectionKind, StoredDocument
from stance_reader.services import speakers
from stance_reader.services.corrections import CorrectMark, RemoveCorrections, Revision
from stance_reader.services.highlights import HighlightHistory, Redo, Undo
from stance_reader.store import Store


def _ledger(store: Store) -> set[tuple[str, str, str]]:
    """(speaker, kind, text) of every ledger row."""
    keys = [s.key for s in store.list_speakers()]
    return {(e.speaker_key, e.kind, e.snippet) for key in keys for e in store.speaker_ledger(key)}


def _indexed(store: Store, document: StoredDocument) -> HighlightHistory:
    store.save_analysis(document.content_hash, "test-1", analysis())
    speakers.index_document(store, document, analysis())
    return HighlightHistory(store)


def _correct(history: HighlightHistory, doc: StoredDocument, mark, revision: Revision) -> None:  # type: ignore[no-untyped-def]
    CorrectMark(mark, revision, doc.id, doc.content_hash, TEXT, revision.label(mark)).run(history)


def test_relabel_and_reject_reach_the_ledger_and_undo_restores_it(
    store: Store, document: StoredDocument
) -> None:
    history = _indexed(store, document)
    before = _ledger(store)
    hedge = ("mark rutte", "hedge", "the alliance will probably fund the plan next year")
    assert hedge in before and ("olaf scholz", "commitment", "Germany will deliver the tanks") in before

    _correct(history, document, PROBABLY, Revision(kind=CorrectionKind.COMMITMENT))
    after = _ledger(store)
    assert hedge not in after and ("mark rutte", "commitment", hedge[2]) in after

    _correct(history, document, DELIVER, Revision(kind=CorrectionKind.NONE))
    assert not any(key == "olaf scholz" for key, _, _ in _ledger(store))

    Undo().run(history)
    assert ("olaf scholz", "commitment", "Germany will deliver the tanks") in _ledger(store)
    Undo().run(history)
    assert _ledger(store) == before
    Redo().run(history)
    assert ("mark rutte", "commitment", hedge[2]) in _ledger(store)


def test_a_new_speaker_and_removing_the_correction(store: Store, document: StoredDocument) -> None:
    history = _indexed(store, document)
    _correct(history, document, DELIVER, Revision(speaker="Annalena Baerbock", set_speaker=True))
    assert ("annalena baerbock", "commitment", "Germany will deliver the tanks") in _ledger(store)
    [correction] = store.corrections_for(document.id)
    assert correction.id is not None
    RemoveCorrections((correction.id,)).run(history)
    assert not any(key == "annalena baerbock" for key, _, _ in _ledger(store))
