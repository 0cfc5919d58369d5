"""services.highlights operations and queries, headless: what each writes, what its Changes say, and
"already saved?" answered by the store."""

from __future__ import annotations

from dataclasses import replace

import pytest
from store_helpers import TEXT, article

from stance_reader.core import Analysis, Highlight, HighlightKind, Mark, MarkKind, Quote, ReadingSession
from stance_reader.services.highlights import (
    Changes,
    DeleteHighlights,
    EditHighlight,
    HighlightHistory,
    Redo,
    SaveHighlight,
    SaveMarks,
    Undo,
    find_saved,
    highlight_kind_of,
    infer_kind,
    selection_candidate,
    unsaved_marks,
)
from stance_reader.store import Store


def _span(phrase: str) -> tuple[int, int]:
    start = TEXT.index(phrase)
    return start, start + len(phrase)


def _mark(kind: MarkKind, phrase: str, speaker: str) -> Mark:
    start, end = _span(phrase)
    return Mark(kind, start, end, ((start, end),), f"{kind}.test", speaker)


HEDGE = _mark(MarkKind.HEDGE, "will probably fund the plan", "Mark Rutte")
PLEDGE = _mark(MarkKind.COMMITMENT, "Germany will deliver the tanks", "Olaf Scholz")
ANALYSIS = Analysis(
    marks=(HEDGE, PLEDGE),
    quotes=(Quote((_span("the timeline may slip"),), (), (), "Critics", True, "quote.test"),),
)


@pytest.fixture
def session(store: Store) -> ReadingSession:
    doc = store.add_document(article())
    return ReadingSession(doc.article, doc, ANALYSIS, 1)


@pytest.fixture
def history(store: Store) -> HighlightHistory:
    return HighlightHistory(store)


def _selection(session: ReadingSession, phrase: str) -> Highlight:
    made = selection_candidate(session, *_span(phrase))
    assert made is not None
    return made


@pytest.mark.parametrize(
    ("mark_kind", "kind"),
    [
        (MarkKind.HEDGE, HighlightKind.HEDGE),
        (MarkKind.COMMITMENT, HighlightKind.COMMITMENT),
    ],
)
def test_one_table_maps_mark_kinds(mark_kind: MarkKind, kind: HighlightKind) -> None:
    assert highlight_kind_of(mark_kind) is kind


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("probably fund", (HighlightKind.HEDGE, "Mark Rutte")),  # inside a mark: its kind and speaker
        ("deliver the tanks", (HighlightKind.COMMITMENT, "Olaf Scholz")),
        ("timeline may", (HighlightKind.SPEAKER, "Critics")),  # inside a quote: the speaker's
        ("Critics argue", (HighlightKind.CUSTOM, None)),
    ],
)
def test_a_selection_takes_kind_and_speaker_from_the_analysis(
    phrase: str, expected: tuple[object, ...]
) -> None:
    assert infer_kind(ANALYSIS, *_span(phrase)) == expected


def test_no_candidate_before_the_article_is_stored_or_for_whitespace(session: ReadingSession) -> None:
    unstored = replace(session, document=None)
    assert selection_candidate(unstored, *_span("Critics argue")) is None
    space = TEXT.index(" ")
    assert selection_candidate(session, space, space + 1) is None


def test_save_reports_changes_and_a_second_save_is_answered_by_the_store(
    store: Store, session: ReadingSession, history: HighlightHistory
) -> None:
    candidate = replace(_selection(session, "probably fund"), tags=("nato",))
    changes = SaveHighlight(candidate).run(history)
    (saved,) = store.highlights_for(session.document_id or 0)
    assert changes == Changes(frozenset({session.document_id}), frozenset({saved.id}), frozenset({"nato"}))
    assert find_saved(store, saved.document_id or 0, saved.start, saved.end, saved.kind) == saved

    again = SaveHighlight(candidate).run(history)
    assert again == Changes(already_saved=(saved.id,)) and not again.changed
    assert (
        len(store.highlights_for(session.document_id or 0)) == 1 and history.undo_label() == "Save highlight"
    )


def test_save_marks_skips_what_is_saved_and_is_one_undo_step(
    store: Store, session: ReadingSession, history: HighlightHistory
) -> None:
    doc_id = session.document_id or 0
    SaveMarks(doc_id, TEXT, (HEDGE,)).run(history)
    assert [
        m.rule for m in unsaved_marks(store, doc_id, ANALYSIS, "Olaf Scholz", HighlightKind.COMMITMENT)
    ] == [PLEDGE.rule]
    changes = SaveMarks(doc_id, TEXT, (HEDGE, PLEDGE), "Save 1 commitments of Olaf Scholz").run(history)
    assert len(changes.highlight_ids) == 1 and len(store.highlights_for(doc_id)) == 2
    assert unsaved_marks(store, doc_id, ANALYSIS, "Olaf Scholz", HighlightKind.COMMITMENT) == []
    undone = Undo().run(history)
    assert undone.highlight_ids == changes.highlight_ids and len(store.highlights_for(doc_id)) == 1


def test_edit_delete_undo_redo_report_what_they_touched(
    store: Store, session: ReadingSession, history: HighlightHistory
) -> None:
    SaveHighlight(_selection(session, "Critics argue")).run(history)
    (saved,) = store.highlights_for(session.document_id or 0)
    edited = EditHighlight(replace(saved, note="n", tags=("a", "b"))).run(history)
    assert edited.highlight_ids == {saved.id} and edited.tags == {"a", "b"}
    retag = EditHighlight(replace(store.get_highlight(saved.id or 0), tags=("a",))).run(history)
    assert retag.tags == {"b"}  # only the tag that went away: the vocabulary may have changed

    deleted = DeleteHighlights((saved.id or 0,)).run(history)
    assert deleted.highlight_ids == {saved.id} and store.highlights_for(session.document_id or 0) == []
    restored = Undo().run(history)
    assert restored.highlight_ids == {saved.id} and store.get_highlight(saved.id or 0).tags == ("a",)
    assert Redo().run(history).highlight_ids == {saved.id}
    assert store.highlights_for(session.document_id or 0) == []


def test_undo_and_redo_on_empty_stacks_change_nothing(history: HighlightHistory) -> None:
    assert Undo().run(history) == Changes() and Redo().run(history) == Changes()


def test_find_highlight_answers_by_exact_span_and_kind_and_skips_orphans(
    store: Store, session: ReadingSession
) -> None:
    assert session.document is not None
    doc_id = session.document.id
    start, end = _span("will probably fund the plan")
    made = Highlight.from_span(TEXT, start, end, document_id=doc_id, kind=HighlightKind.HEDGE)
    saved = store.add_highlight(made)
    assert store.find_highlight(doc_id, start, end, HighlightKind.HEDGE) == saved
    assert store.find_highlight(doc_id, start, end, HighlightKind.COMMITMENT) is None
    assert store.find_highlight(doc_id, start, end + 1, HighlightKind.HEDGE) is None
    store.update_highlight(replace(saved, orphaned=True))
    assert store.find_highlight(doc_id, start, end, HighlightKind.HEDGE) is None
