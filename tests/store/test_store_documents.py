"""Documents and the analysis cache, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime

import pytest
from store_helpers import TEXT, article

from stance_reader.core import Analysis, Highlight, Mark, MarkKind, Quote
from stance_reader.store import NotFoundError, Store


def test_add_document_round_trips_text_and_metadata(any_store: Store) -> None:
    art = article(author="A. Writer", url="https://example.org/x", source_path="/tmp/x.txt")
    art = type(art).from_dict({**art.to_dict(), "notices": ["decoded as cp1252"]})
    doc = any_store.add_document(art)
    again = any_store.get_document(doc.id)
    assert again.article == art
    assert again.content_hash == art.content_hash
    assert again.created is not None and again.created.tzinfo is not None


def test_add_document_is_idempotent_by_content_hash(any_store: Store) -> None:
    first = any_store.add_document(article())
    second = any_store.add_document(article(title="Another title, same text"))
    assert second.id == first.id
    assert any_store.count_documents() == 1
    assert any_store.find_document(first.content_hash) == first
    assert any_store.find_document("0" * 64) is None


def test_list_documents_newest_first(any_store: Store) -> None:
    a = any_store.add_document(article("First text."))
    b = any_store.add_document(article("Second text."))
    assert [d.id for d in any_store.list_documents()] == [b.id, a.id]


def test_missing_document_raises_not_found(any_store: Store) -> None:
    with pytest.raises(NotFoundError):
        any_store.get_document(999)


def test_emoji_and_crlf_offsets_are_code_points(any_store: Store) -> None:
    text = "Intro 🇺🇦 line\nRutte said it will probably pass."  # already normalised: \n, NFC
    doc = any_store.add_document(article(text))
    start = text.index("probably")
    saved = any_store.add_highlight(Highlight.from_span(text, start, start + 8, document_id=doc.id))
    got = any_store.get_highlight(saved.id)  # type: ignore[arg-type]
    assert got.quote == "probably" == text[got.start : got.end]


def test_delete_document_cascades_to_highlights(any_store: Store) -> None:
    doc = any_store.add_document(article())
    any_store.add_highlight(Highlight.from_span(TEXT, 0, 10, document_id=doc.id, tags=("x",)))
    any_store.delete_document(doc.id)
    assert any_store.count_highlights() == 0
    assert any_store.search_highlights("Rutte") == []
    assert any_store.all_tags() == []


def _analysis() -> Analysis:
    return Analysis(
        marks=(Mark(MarkKind.HEDGE, 20, 60, ((29, 37),), "hedge.probably", "Mark Rutte", "probably"),),
        quotes=(Quote(((14, 66),), ((11, 15),), ((0, 10),), "Mark Rutte", direct=False, rule="said"),),
        pipeline="test-pipeline-1",
        seconds=0.25,
    )


def test_analysis_cache_round_trip_keyed_by_hash_and_pipeline(any_store: Store) -> None:
    doc = any_store.add_document(article())
    assert any_store.cached_analysis(doc.content_hash, "p1") is None
    any_store.save_analysis(doc.content_hash, "p1", _analysis())
    assert any_store.cached_analysis(doc.content_hash, "p1") == _analysis()
    assert any_store.cached_analysis(doc.content_hash, "p2") is None  # a new pipeline re-analyses


def test_latest_analysis_ignores_the_pipeline_version(any_store: Store) -> None:
    assert any_store.latest_analysis("h" * 64) is None
    any_store.save_analysis("h" * 64, "p1", Analysis(pipeline="p1"))
    any_store.save_analysis("h" * 64, "p2", Analysis(pipeline="p2"))
    latest = any_store.latest_analysis("h" * 64)
    assert latest is not None and latest.pipeline == "p2"


def test_save_analysis_twice_replaces(any_store: Store) -> None:
    any_store.save_analysis("h" * 64, "p1", Analysis(pipeline="old"))
    any_store.save_analysis("h" * 64, "p1", _analysis())
    assert any_store.cached_analysis("h" * 64, "p1") == _analysis()


def test_a_reopened_analysis_is_the_same_object_until_its_row_changes(any_store: Store) -> None:
    """The cache hands back the object it saved or decoded (so views planned from it are reused), and
    a new one as soon as the row differs, including when another connection rewrote it."""
    saved = _analysis()
    any_store.save_analysis("h" * 64, "p1", saved)
    assert any_store.cached_analysis("h" * 64, "p1") is saved
    replacement = Analysis(pipeline="other")
    any_store.save_analysis("h" * 64, "p1", replacement)
    assert any_store.cached_analysis("h" * 64, "p1") is replacement
    A = any_store.core.tables.AnalysisRow  # a second writer: same row, new data and time
    with any_store.core.db.atomic():
        A.update(data='{"pipeline": "third"}', created=datetime(2030, 1, 1)).execute()
    third = any_store.cached_analysis("h" * 64, "p1")
    assert third is not None and third.pipeline == "third"
    assert any_store.cached_analysis("h" * 64, "p1") is third
