"""Correction operations: each gesture one write and one undo step of the shared history, and the
corrected analysis they produce (re-applied to a fresh analysis; orphans kept)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from corrections_data import DELIVER, MAY, PROBABLY, TEXT, analysis, at, mark

from stance_reader.core import Correction, CorrectionKind, Highlight, MarkKind, StoredDocument
from stance_reader.services.corrections import (
    AddPassage,
    CorrectMark,
    RemoveCorrections,
    Revision,
    added_correction,
    apply_corrections,
    corrected,
)
from stance_reader.services.highlights import HighlightHistory, Redo, SaveHighlight, Undo
from stance_reader.store import Store


def correct(history: HighlightHistory, doc: StoredDocument, m, revision: Revision):  # type: ignore[no-untyped-def]
    op = CorrectMark(m, revision, doc.id, doc.content_hash, TEXT, revision.label(m))
    return op.run(history)


def shown(store: Store, doc: StoredDocument):  # type: ignore[no-untyped-def]
    return corrected(store, doc, analysis())


def find(applied, cue: str):  # type: ignore[no-untyped-def]
    s, _e = at(cue)
    return next((m for m in applied.analysis.marks if m.cue_start == s), None)


def test_reject_removes_the_mark_and_undo_brings_it_back(store: Store, document: StoredDocument) -> None:
    history = HighlightHistory(store)
    changes = correct(history, document, MAY, Revision(kind=CorrectionKind.NONE))
    assert changes.correction_ids and changes.touches(document.id)
    applied = shown(store, document)
    assert find(applied, "may") is None
    assert [(c.kind, m) for c, m in applied.rejected] == [(CorrectionKind.NONE, MAY)]
    assert history.undo_label() == "Reject hedge"
    Undo().run(history)
    assert find(shown(store, document), "may") == MAY and store.corrections_for(document.id) == []
    Redo().run(history)
    assert find(shown(store, document), "may") is None


def test_relabel_keeps_the_model_score_and_says_what_it_was(store: Store, document: StoredDocument) -> None:
    history = HighlightHistory(store)
    correct(history, document, PROBABLY, Revision(kind=CorrectionKind.COMMITMENT))
    m = find(shown(store, document), "probably")
    assert m is not None and m.kind is MarkKind.COMMITMENT
    assert m.analyst is not None and m.analyst.kind_by_analyst and not m.analyst.speaker_by_analyst
    assert (m.analyst.was_kind, m.analyst.was_speaker, m.analyst.was_confidence) == (
        MarkKind.HEDGE, "Mark Rutte", 0.71,
    )  # fmt: skip
    # A second gesture on the corrected mark edits the same correction, one more undo step.
    correct(history, document, m, Revision(speaker="Critics", set_speaker=True))
    [c] = store.corrections_for(document.id)
    assert (c.kind, c.speaker, c.decided) == (
        CorrectionKind.COMMITMENT,
        "Critics",
        frozenset({"kind", "speaker"}),
    )
    Undo().run(history)
    [c] = store.corrections_for(document.id)
    assert c.speaker == "Mark Rutte" and c.decided == frozenset({"kind"})


def test_changing_back_to_the_models_kind_leaves_no_correction(
    store: Store, document: StoredDocument
) -> None:
    history = HighlightHistory(store)
    correct(history, document, PROBABLY, Revision(kind=CorrectionKind.COMMITMENT))
    m = find(shown(store, document), "probably")
    correct(history, document, m, Revision(kind=CorrectionKind.HEDGE))
    assert store.corrections_for(document.id) == []
    assert find(shown(store, document), "probably") == PROBABLY


def test_adjust_passage_and_reassign_speaker(store: Store, document: StoredDocument) -> None:
    history = HighlightHistory(store)
    s, e = at("the plan next year")
    correct(history, document, PROBABLY, Revision(passage=(s, e)))
    m = find(shown(store, document), "probably")
    assert (m.start, m.end) == (s, e) and m.analyst.passage_by_analyst
    correct(history, document, DELIVER, Revision(speaker=None, set_speaker=True))
    d = find(shown(store, document), "will deliver")
    assert d.speaker is None and d.analyst.speaker_by_analyst


def test_added_commitment_shows_always_and_is_removed_by_reject(
    store: Store, document: StoredDocument
) -> None:
    history = HighlightHistory(store)
    s, e = at("The council must decide by Friday.")
    made = added_correction(
        TEXT, document.id, document.content_hash, s - 1, e, CorrectionKind.COMMITMENT, "Council"
    )
    AddPassage(made, "Add commitment").run(history)
    m = find(shown(store, document), "The council must decide by Friday.")
    assert m is not None and m.kind is MarkKind.COMMITMENT and m.speaker == "Council" and m.rule == "analyst"
    assert analysis(m).decided(0.99).marks == (m,)  # the analyst's mark passes any bar
    correct(history, document, m, Revision(kind=CorrectionKind.NONE))
    assert store.corrections_for(document.id) == []
    Undo().run(history)
    assert len(store.corrections_for(document.id)) == 1


def test_added_quote_joins_the_speakers(store: Store, document: StoredDocument) -> None:
    history = HighlightHistory(store)
    s, e = at("the timeline may slip")
    made = added_correction(TEXT, document.id, document.content_hash, s, e, CorrectionKind.QUOTE, "Critics")
    AddPassage(made).run(history)
    assert "Critics" in shown(store, document).analysis.speakers()


def test_one_undo_stack_for_highlights_and_corrections(store: Store, document: StoredDocument) -> None:
    history = HighlightHistory(store)
    SaveHighlight(Highlight.from_span(TEXT, 0, 10, document_id=document.id)).run(history)
    correct(history, document, MAY, Revision(kind=CorrectionKind.NONE))
    Undo().run(history)  # the correction, the later action
    assert store.corrections_for(document.id) == [] and len(store.highlights_for(document.id)) == 1
    Undo().run(history)
    assert store.highlights_for(document.id) == []
    Redo().run(history)
    Redo().run(history)
    assert len(store.highlights_for(document.id)) == 1 and len(store.corrections_for(document.id)) == 1


def test_remove_corrections_is_one_step(store: Store, document: StoredDocument) -> None:
    history = HighlightHistory(store)
    correct(history, document, MAY, Revision(kind=CorrectionKind.NONE))
    correct(history, document, DELIVER, Revision(kind=CorrectionKind.HEDGE))
    ids = tuple(c.id for c in store.corrections_for(document.id) if c.id is not None)
    RemoveCorrections(ids).run(history)
    assert store.corrections_for(document.id) == []
    Undo().run(history)
    assert sorted(c.id for c in store.corrections_for(document.id)) == sorted(ids)


# --- re-applying on a fresh analysis ------------------------------------------------------------------


def _stored(store: Store, document: StoredDocument) -> list[Correction]:
    history = HighlightHistory(store)
    correct(history, document, MAY, Revision(kind=CorrectionKind.NONE))
    correct(history, document, DELIVER, Revision(speaker="Berlin", set_speaker=True))
    correct(history, document, PROBABLY, Revision(kind=CorrectionKind.COMMITMENT))
    return store.corrections_for(document.id)


def test_corrections_reattach_by_cue_when_the_rules_change(store: Store, document: StoredDocument) -> None:
    stored = _stored(store, document)
    # New rules: the hedge's passage is shorter, the commitment's cue now only "deliver", scores moved.
    s, e = at("will probably fund")
    fresh = analysis(
        replace(PROBABLY, start=s, end=e, confidence=0.9, rule="hedge.v2"),
        mark(MarkKind.COMMITMENT, "Germany will deliver the tanks", "deliver", "Olaf Scholz", 0.6),
        MAY,
    )
    applied = apply_corrections(fresh, stored, TEXT, document.content_hash)
    assert applied.orphans == ()
    kinds = {m.cue_text(TEXT): (m.kind, m.speaker) for m in applied.analysis.marks}
    assert kinds == {
        "probably": (MarkKind.COMMITMENT, "Mark Rutte"),
        "deliver": (MarkKind.COMMITMENT, "Berlin"),
    }


def test_corrections_with_nothing_to_attach_to_are_orphans(store: Store, document: StoredDocument) -> None:
    stored = _stored(store, document)
    applied = apply_corrections(analysis(MAY), stored, TEXT, document.content_hash)  # the rest vanished
    assert {c.target.cue_text for c in applied.orphans} == {"will deliver", "probably"}
    assert [c.target.cue_text for c, _m in applied.rejected] == ["may"]
    # The window's reading writes the orphan flags back; nothing is deleted.
    again = corrected(store, document, analysis(MAY))
    assert len(again.orphans) == 2 and len(store.corrections_for(document.id)) == 3
    assert sum(c.orphaned for c in store.corrections_for(document.id)) == 2
    corrected(store, document, analysis())  # the marks come back: the corrections re-attach
    assert not any(c.orphaned for c in store.corrections_for(document.id))


def test_corrections_follow_a_reimported_text(store: Store, document: StoredDocument) -> None:
    stored = _stored(store, document)
    prefix = "Updated at noon. "
    text = prefix + TEXT
    shift = len(prefix)

    def moved(m):  # type: ignore[no-untyped-def]
        return replace(
            m, start=m.start + shift, end=m.end + shift, cue=tuple((s + shift, e + shift) for s, e in m.cue)
        )

    fresh = replace(analysis(), marks=tuple(moved(m) for m in (PROBABLY, DELIVER, MAY)))
    applied = apply_corrections(fresh, stored, text, "new-hash")
    assert applied.orphans == () and len(applied.rebased) == 3
    assert {m.cue_text(text) for m in applied.analysis.marks} == {"probably", "will deliver"}


@pytest.mark.parametrize("selection", [(0, 0), (10, 10)])
def test_adding_an_empty_selection_is_refused(selection: tuple[int, int]) -> None:
    with pytest.raises(ValueError):
        added_correction(TEXT, 1, "h", *selection, CorrectionKind.HEDGE, None)


def test_the_same_analysis_under_the_same_corrections_is_corrected_once(
    store: Store, document: StoredDocument
) -> None:
    """Reopening hands the same analysis object back; its corrected result is kept until a correction
    changes, so the window's plans for it are kept too."""
    history = HighlightHistory(store)
    model = analysis()
    correct(history, document, MAY, Revision(kind=CorrectionKind.NONE))
    first = corrected(store, document, model)
    assert corrected(store, document, model) is first
    assert corrected(store, document, analysis()) is not first, "another analysis object: applied again"
    Undo().run(history)
    after_undo = corrected(store, document, model)
    assert after_undo is not first and find(after_undo, "may") == MAY
