"""Full-text search with filters (FTS5 on SQLite, ILIKE on PostgreSQL) and the FTS index's sync."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from store_helpers import article

from stance_reader.core import Highlight, HighlightKind, StoredDocument
from stance_reader.store import Store
from stance_reader.store.search import fts5_query

A_TEXT = "Mark Rutte said the alliance will probably fund the plan. Critics call the funding a gamble."
B_TEXT = "Olaf Scholz insisted Germany will deliver the tanks. Officials said supply is uncertain."


def _save(store: Store, doc: StoredDocument, phrase: str, **kw: object) -> Highlight:
    text = doc.article.text
    start = text.index(phrase)
    h = Highlight.from_span(text, start, start + len(phrase), document_id=doc.id, **kw)  # type: ignore[arg-type]
    return store.add_highlight(h)


@pytest.fixture
def library(any_store: Store) -> tuple[Store, dict[str, Highlight]]:
    a = any_store.add_document(article(A_TEXT, outlet="Daily Test", date="20 November 2026"))
    b = any_store.add_document(article(B_TEXT, title="Tanks", outlet="Weekly Test", date="Dec. 2, 2026"))
    saved = {
        "fund": _save(any_store, a, "will probably fund the plan", kind=HighlightKind.HEDGE,
                      speaker="Mark Rutte", tags=("budget",)),
        "gamble": _save(any_store, a, "the funding a gamble", note="sceptics quoted", tags=("critics",)),
        "tanks": _save(any_store, b, "will deliver the tanks", kind=HighlightKind.COMMITMENT,
                       speaker="Olaf Scholz", tags=("Ukraine", "budget")),
        "supply": _save(any_store, b, "supply is uncertain", kind=HighlightKind.HEDGE, note="logistics"),
    }  # fmt: skip
    return any_store, saved


def _ids(rows: list[tuple[Highlight, StoredDocument]]) -> list[int | None]:
    return [h.id for h, _ in rows]


def test_no_query_lists_everything_newest_document_first(library: tuple[Store, dict[str, Highlight]]) -> None:
    store, s = library
    assert _ids(store.search_highlights()) == [s["tanks"].id, s["supply"].id, s["fund"].id, s["gamble"].id]
    assert store.count_highlights() == 4


def test_query_matches_quote_note_tags_and_speaker(library: tuple[Store, dict[str, Highlight]]) -> None:
    store, s = library
    # Quote words are in the article too, so the article's other highlights follow the direct hit.
    assert _ids(store.search_highlights("gamble")) == [s["gamble"].id, s["fund"].id]
    assert _ids(store.search_highlights("logistics")) == [s["supply"].id]  # note
    assert _ids(store.search_highlights("ukraine")) == [s["tanks"].id]  # tag, any case
    # Every word must match the highlight itself, or every word its article: a note word plus an
    # article word is neither (the two tiers stay cheap index walks).
    assert store.search_highlights("sceptics rutte") == []
    assert _ids(store.search_highlights("rutte gamble")) == [s["fund"].id, s["gamble"].id]  # article order


def test_prefix_matches_while_typing(library: tuple[Store, dict[str, Highlight]]) -> None:
    store, s = library
    assert _ids(store.search_highlights("logist")) == [s["supply"].id]
    assert _ids(store.search_highlights("gamb"))[0] == s["gamble"].id


def test_document_text_matches_rank_after_direct_hits(library: tuple[Store, dict[str, Highlight]]) -> None:
    store, s = library
    # "Officials" is only in article B's text: both of B's highlights match through their document.
    assert set(_ids(store.search_highlights("officials"))) == {s["tanks"].id, s["supply"].id}
    # "supply" is in one highlight itself and in its article: the direct hit comes first.
    rows = store.search_highlights("supply")
    assert _ids(rows) == [s["supply"].id, s["tanks"].id]


@pytest.mark.parametrize("query", ['"unbalanced', "-", "AND OR NOT", "*", "(", "tanks)", "né"])
def test_odd_input_never_raises(library: tuple[Store, dict[str, Highlight]], query: str) -> None:
    store, _ = library
    assert isinstance(store.search_highlights(query), list)


def test_quoted_phrase(library: tuple[Store, dict[str, Highlight]]) -> None:
    store, s = library
    assert _ids(store.search_highlights('"deliver the tanks"'))[0] == s["tanks"].id
    assert store.search_highlights('"tanks deliver"') == []


def test_filters_combine(library: tuple[Store, dict[str, Highlight]]) -> None:
    store, s = library
    assert _ids(store.search_highlights(kinds=["hedge"])) == [s["supply"].id, s["fund"].id]
    both_kinds = store.search_highlights(kinds=[HighlightKind.HEDGE, "commitment"], speakers=["Olaf Scholz"])
    assert _ids(both_kinds) == [s["tanks"].id]
    assert set(_ids(store.search_highlights(tags=["BUDGET"]))) == {s["fund"].id, s["tanks"].id}
    assert _ids(store.search_highlights(tags=["budget"], kinds=["hedge"])) == [s["fund"].id]
    assert set(_ids(store.search_highlights(outlet="daily test"))) == {s["fund"].id, s["gamble"].id}
    doc_b = s["tanks"].document_id
    assert set(_ids(store.search_highlights(document_id=doc_b))) == {s["tanks"].id, s["supply"].id}
    assert _ids(store.search_highlights("budget", outlet="Weekly Test")) == [s["tanks"].id]
    assert store.count_highlights("gamble", kinds=["hedge"]) == 1  # "fund", through its article


def test_date_filter_reads_printed_dates(library: tuple[Store, dict[str, Highlight]]) -> None:
    store, s = library
    december = store.search_highlights(date_from="2026-12-01")
    assert set(_ids(december)) == {s["tanks"].id, s["supply"].id}
    november = store.search_highlights(date_from=date(2026, 11, 1), date_to=date(2026, 11, 30))
    assert set(_ids(november)) == {s["fund"].id, s["gamble"].id}
    assert store.count_highlights(date_to="2026-11-19") == 0


def test_limit_offset_pages_and_counts(library: tuple[Store, dict[str, Highlight]]) -> None:
    store, _ = library
    everything = _ids(store.search_highlights())
    pages = _ids(store.search_highlights(limit=3)) + _ids(store.search_highlights(limit=3, offset=3))
    assert pages == everything
    assert store.count_highlights("budget") == 2
    assert store.count_highlights(kinds=["hedge"], speakers=["Mark Rutte"]) == 1


def test_results_carry_their_document(library: tuple[Store, dict[str, Highlight]]) -> None:
    store, _ = library
    [(h, doc)] = store.search_highlights("logistics")
    assert doc.id == h.document_id and doc.article.text[h.start : h.end] == h.quote


def test_index_follows_updates_tag_changes_and_deletes(library: tuple[Store, dict[str, Highlight]]) -> None:
    store, s = library
    store.update_highlight(replace(s["gamble"], note="now about oranges", tags=("fruit",)))
    assert _ids(store.search_highlights("oranges")) == [s["gamble"].id]
    assert _ids(store.search_highlights("sceptics")) == []
    assert _ids(store.search_highlights("fruit")) == [s["gamble"].id]
    store.delete_highlight(s["gamble"].id)  # type: ignore[arg-type]
    assert store.search_highlights("oranges") == []


def test_reimport_updates_document_index(any_store: Store) -> None:
    doc = any_store.add_document(article("Old words about wheat.", source_path="/news/a.txt"))
    _save(any_store, doc, "wheat")
    any_store.add_document(article("New words about barley and wheat.", source_path="/news/a.txt"))
    assert len(any_store.search_highlights("barley")) == 1  # through the document's new text
    assert any_store.search_documents("barley")[0].id == doc.id
    assert any_store.search_documents("old") == []


def test_fts5_query_quotes_every_term() -> None:
    assert fts5_query('Rutte "will fund" né-') == '"Rutte"* AND "will fund" AND "né-"*'
    assert fts5_query(' " - ') is None
