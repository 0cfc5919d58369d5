"""services.highlights (undo/redo, builders) and services.library (open, import, cached analysis)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from store_helpers import TEXT, article

from stance_reader.core import Analysis, Highlight, HighlightKind, Mark, MarkKind
from stance_reader.services.highlights import HighlightHistory, highlight_from_mark, highlight_from_selection
from stance_reader.services.library import analysis_for, import_article, open_store
from stance_reader.store import Store


@pytest.fixture
def doc_id(store: Store) -> int:
    return store.add_document(article()).id


def _sel(doc_id: int, phrase: str, **kw: object) -> Highlight:
    start = TEXT.index(phrase)
    return highlight_from_selection(TEXT, doc_id, start, start + len(phrase), **kw)  # type: ignore[arg-type]


def test_add_undo_redo_persist_at_once(store: Store, db_path: Path, doc_id: int) -> None:
    history = HighlightHistory(store)
    saved = history.add(_sel(doc_id, "Olaf Scholz", note="n", tags=("t",)))
    assert history.can_undo() and not history.can_redo()
    with Store(str(db_path)) as other:  # another connection sees it: persisted, not pending
        assert other.get_highlight(saved.id).note == "n"  # type: ignore[arg-type]
    history.undo()
    assert store.highlights_for(doc_id) == [] and history.can_redo()
    history.redo()
    [back] = store.highlights_for(doc_id)
    assert (back.id, back.note, back.tags) == (saved.id, "n", ("t",))


def test_update_and_delete_are_undoable(store: Store, doc_id: int) -> None:
    history = HighlightHistory(store)
    saved = history.add(_sel(doc_id, "Olaf Scholz", note="before"))
    history.update(replace(saved, note="after", tags=("x",)))
    assert store.get_highlight(saved.id).note == "after"  # type: ignore[arg-type]
    history.undo()
    restored = store.get_highlight(saved.id)  # type: ignore[arg-type]
    assert (restored.note, restored.tags) == ("before", ())
    history.delete(restored)  # the panel passes the Highlight; an id works too
    assert store.highlights_for(doc_id) == []
    step = history.undo()
    assert step is not None and step.label == "Delete highlight"
    assert store.get_highlight(saved.id).note == "before"  # type: ignore[arg-type]
    history.redo()
    assert store.highlights_for(doc_id) == []


def test_bulk_save_is_one_undo_step(store: Store, doc_id: int) -> None:
    history = HighlightHistory(store)
    history.add(_sel(doc_id, "Critics argue"))
    batch = [_sel(doc_id, p, kind=HighlightKind.HEDGE) for p in ("Mark Rutte", "probably fund", "may slip")]
    saved = history.add_many(batch, label="Save 3 hedges of Mark Rutte")
    assert len(saved) == 3 and len(store.highlights_for(doc_id)) == 4
    assert history.undo_label() == "Save 3 hedges of Mark Rutte"
    history.undo()
    assert [h.quote for h in store.highlights_for(doc_id)] == ["Critics argue"]
    history.redo()
    assert len(store.highlights_for(doc_id)) == 4


def test_new_action_clears_redo_and_empty_stacks_do_nothing(store: Store, doc_id: int) -> None:
    history = HighlightHistory(store)
    assert history.undo() is None and history.redo() is None
    history.add(_sel(doc_id, "Mark Rutte"))
    history.undo()
    history.add(_sel(doc_id, "Olaf Scholz"))
    assert not history.can_redo()


def test_highlight_from_mark_keeps_kind_speaker_rule() -> None:
    start, end = TEXT.index("Germany"), TEXT.index(" tanks") + 6
    mark = Mark(MarkKind.COMMITMENT, start, end, (), "commit.will", "Olaf Scholz")
    h = highlight_from_mark(TEXT, 3, mark, colour="#009e73")
    assert h.quote == "Germany will deliver the tanks"
    assert (h.kind, h.speaker, h.rule, h.colour, h.document_id) == (
        HighlightKind.COMMITMENT, "Olaf Scholz", "commit.will", "#009e73", 3,
    )  # fmt: skip
    assert h.prefix == TEXT[mark.start - 32 : mark.start] and h.suffix == TEXT[mark.end : mark.end + 32]


def test_highlight_from_selection_trims_and_validates() -> None:
    start = TEXT.index(" Olaf")
    h = highlight_from_selection(TEXT, 1, start, start + 12, note="n", tags=("a",))
    assert h.quote == "Olaf Scholz" and h.start == start + 1 and h.origin == "manual" and h.tags == ("a",)
    with pytest.raises(ValueError):
        highlight_from_selection(TEXT, 1, 5, 5)
    with pytest.raises(ValueError):
        highlight_from_selection(TEXT, 1, 0, len(TEXT) + 1)


def test_open_store_uses_the_default_database(isolated_user_data: Path) -> None:
    store = open_store()
    try:
        assert store.path == isolated_user_data / "stance-reader.sqlite3" and store.path.exists()
    finally:
        store.close()


def test_analysis_for_runs_the_pipeline_once(store: Store) -> None:
    calls: list[str] = []

    def analyze(text: str) -> Analysis:
        calls.append(text)
        return Analysis(marks=(Mark(MarkKind.HEDGE, 0, 4, ((0, 4),), "r"),), pipeline="p-1")

    doc = import_article(store, article())
    first, cached_first = analysis_for(store, doc, analyze, "p-1")
    second, cached_second = analysis_for(store, doc, analyze, "p-1")
    assert (cached_first, cached_second) == (False, True) and first == second and len(calls) == 1
    analysis_for(store, doc, analyze, "p-2")  # a new pipeline version analyses again
    assert len(calls) == 2
