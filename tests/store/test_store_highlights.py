"""Highlight CRUD and tags, on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace

import pytest
from store_helpers import TEXT, article

from stance_reader.core import Highlight, HighlightKind
from stance_reader.store import NotFoundError, Store, StoreError


def _span(doc_id: int, phrase: str, **kw: object) -> Highlight:
    start = TEXT.index(phrase)
    return Highlight.from_span(TEXT, start, start + len(phrase), document_id=doc_id, **kw)  # type: ignore[arg-type]


@pytest.fixture
def doc_id(any_store: Store) -> int:
    return any_store.add_document(article()).id


def test_add_returns_id_timestamps_and_persists_every_field(any_store: Store, doc_id: int) -> None:
    h = _span(
        doc_id, "will probably fund the plan", kind=HighlightKind.HEDGE, speaker="Mark Rutte",
        colour="#e69f00", note="Key hedge", tags=("budget", "NATO"), origin="automatic",
        rule="hedge.probably", extra={"why": "test"},
    )  # fmt: skip
    saved = any_store.add_highlight(h)
    assert saved.id is not None and saved.created is not None and saved.updated is not None
    got = any_store.get_highlight(saved.id)
    assert got == replace(h, id=saved.id, created=got.created, updated=got.updated)
    assert got.extra == {"why": "test"}
    assert got.tags == ("budget", "NATO")  # typed order kept


def test_update_changes_fields_and_keeps_created(any_store: Store, doc_id: int) -> None:
    saved = any_store.add_highlight(_span(doc_id, "deliver the tanks", note="first", tags=("a",)))
    changed = replace(saved, note="second", kind=HighlightKind.COMMITMENT, tags=("b",))
    edited = any_store.update_highlight(changed)
    got = any_store.get_highlight(saved.id)  # type: ignore[arg-type]
    assert (got.note, got.kind, got.tags) == ("second", HighlightKind.COMMITMENT, ("b",))
    assert got.created == saved.created
    assert edited.updated is not None and saved.updated is not None and edited.updated >= saved.updated


def test_delete_and_missing_ids(any_store: Store, doc_id: int) -> None:
    saved = any_store.add_highlight(_span(doc_id, "deliver the tanks"))
    any_store.delete_highlight(saved.id)  # type: ignore[arg-type]
    with pytest.raises(NotFoundError):
        any_store.get_highlight(saved.id)  # type: ignore[arg-type]
    with pytest.raises(NotFoundError):
        any_store.delete_highlight(saved.id)  # type: ignore[arg-type]
    with pytest.raises(NotFoundError):
        any_store.update_highlight(saved)


def test_highlight_for_unknown_document_is_refused(any_store: Store) -> None:
    with pytest.raises(NotFoundError):
        any_store.add_highlight(Highlight.from_span(TEXT, 0, 4, document_id=12345))


def test_highlights_for_orders_by_start_and_includes_orphans(any_store: Store, doc_id: int) -> None:
    late = any_store.add_highlight(_span(doc_id, "timeline may slip"))
    orphan = any_store.add_highlight(replace(_span(doc_id, "Olaf Scholz"), orphaned=True))
    early = any_store.add_highlight(_span(doc_id, "Mark Rutte"))
    assert [h.id for h in any_store.highlights_for(doc_id)] == [early.id, orphan.id, late.id]


def test_restore_under_old_id_after_delete(any_store: Store, doc_id: int) -> None:
    saved = any_store.add_highlight(_span(doc_id, "Mark Rutte", note="n", tags=("x",)))
    any_store.delete_highlight(saved.id)  # type: ignore[arg-type]
    newer = any_store.add_highlight(_span(doc_id, "Olaf Scholz"))
    restored = any_store.add_highlight(saved)
    assert restored.id == saved.id != newer.id
    assert any_store.get_highlight(saved.id).note == "n"  # type: ignore[arg-type]
    with pytest.raises(StoreError):
        any_store.add_highlight(saved)  # that id exists again


def test_bulk_add_is_all_or_nothing(any_store: Store, doc_id: int) -> None:
    good = _span(doc_id, "Mark Rutte")
    bad = Highlight.from_span(TEXT, 0, 4, document_id=999)
    with pytest.raises(StoreError):
        any_store.add_highlights([good, bad])
    assert any_store.highlights_for(doc_id) == []
    assert len(any_store.add_highlights([good, _span(doc_id, "Olaf Scholz")])) == 2


def test_quote_filled_from_document_when_only_a_span_is_given(any_store: Store, doc_id: int) -> None:
    saved = any_store.add_highlight(Highlight(document_id=doc_id, start=0, end=10, quote=""))
    assert saved.quote == "Mark Rutte" and saved.suffix.startswith(" said")


def test_tags_are_case_insensitive_and_listed_once(any_store: Store, doc_id: int) -> None:
    a = any_store.add_highlight(_span(doc_id, "Mark Rutte", tags=("Ukraine", "  budget  talks ", "")))
    b = any_store.add_highlight(_span(doc_id, "Olaf Scholz", tags=("ukraine", "UKRAINE", "Tanks")))
    assert a.tags == ("Ukraine", "budget talks")
    assert b.tags == ("Ukraine", "Tanks")  # the first spelling wins
    assert any_store.all_tags() == ["budget talks", "Tanks", "Ukraine"]
    any_store.update_highlight(replace(a, tags=()))
    assert any_store.all_tags() == ["Tanks", "Ukraine"]  # unused tags drop out of the list


def test_all_speakers_and_outlets(any_store: Store, doc_id: int) -> None:
    any_store.add_highlight(_span(doc_id, "Olaf Scholz", speaker="Olaf Scholz"))
    any_store.add_highlight(_span(doc_id, "Mark Rutte", speaker="Mark Rutte"))
    any_store.add_highlight(_span(doc_id, "Critics argue", speaker=None))
    assert any_store.all_speakers() == ["Mark Rutte", "Olaf Scholz"]
    assert any_store.all_outlets() == ["The Daily Test"]
