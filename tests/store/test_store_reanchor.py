"""Re-attaching highlights when a changed version of an article is imported again."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from store_helpers import article

from stance_reader.core import Highlight, HighlightKind
from stance_reader.store import Store
from stance_reader.store.anchoring import reanchor

ORIGINAL = (
    "The summit opened on Monday. Mark Rutte said the alliance will probably fund the plan next year, "
    "although several capitals remain cautious. Olaf Scholz insisted that Germany will deliver the tanks. "
    "Critics argue the timeline may slip because production lines are already full."
)


def _quote(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


# --- the algorithm -----------------------------------------------------------------------------------


def test_exact_quote_found_after_text_inserted_before_it() -> None:
    start, end = _quote(ORIGINAL, "Germany will deliver the tanks")
    h = Highlight.from_span(ORIGINAL, start, end, document_id=1)
    edited = "UPDATED: new paragraph at the top.\n\n" + ORIGINAL
    anchor = reanchor(edited, h.quote, h.prefix, h.suffix, h.start, len(ORIGINAL))
    assert anchor is not None and anchor.method == "exact"
    assert edited[anchor.start : anchor.end] == h.quote


def test_duplicate_quote_resolved_by_context() -> None:
    text = "Rutte said they will fund it. Later, Scholz said they will fund it."
    start, end = [(m, m + 17) for m in (text.find("they will fund it"), text.rfind("they will fund it"))][1]
    h = Highlight.from_span(text, start, end, document_id=1)
    edited = "Breaking. " + text.replace("Later, ", "Later on Tuesday, ")
    anchor = reanchor(edited, h.quote, h.prefix, h.suffix, h.start, len(text))
    assert anchor is not None and anchor.start == edited.rfind("they will fund it")


def test_fuzzy_match_after_an_edit_inside_the_quote() -> None:
    start, end = _quote(ORIGINAL, "Mark Rutte said the alliance will probably fund the plan next year")
    h = Highlight.from_span(ORIGINAL, start, end, document_id=1)
    edited = ORIGINAL.replace("will probably fund", "would probably help fund")
    anchor = reanchor(edited, h.quote, h.prefix, h.suffix, h.start, len(ORIGINAL))
    assert anchor is not None and anchor.method == "fuzzy"
    expected = "Mark Rutte said the alliance would probably help fund the plan next year"
    assert edited[anchor.start : anchor.end] == expected


def test_deleted_passage_is_not_attached_anywhere() -> None:
    start, end = _quote(ORIGINAL, "production lines are already full")
    h = Highlight.from_span(ORIGINAL, start, end, document_id=1)
    edited = ORIGINAL[: ORIGINAL.index("Critics")]
    assert reanchor(edited, h.quote, h.prefix, h.suffix, h.start, len(ORIGINAL)) is None


def test_short_quote_does_not_jump_to_an_unrelated_mention() -> None:
    text = "NATO leaders met. The plan, backed by NATO, passed."
    start = text.rindex("NATO")
    h = Highlight.from_span(text, start, start + 4, document_id=1)
    edited = "NATO leaders met. The plan was rejected outright after a long night."
    assert reanchor(edited, h.quote, h.prefix, h.suffix, h.start, len(text)) is None


# --- through the store -------------------------------------------------------------------------------


@pytest.fixture
def saved(any_store: Store) -> tuple[Store, int, dict[str, Highlight]]:
    doc = any_store.add_document(article(ORIGINAL, source_path="/news/summit.txt"))
    out = {}
    for key, phrase in (
        ("tanks", "Germany will deliver the tanks"),
        ("fund", "Mark Rutte said the alliance will probably fund the plan next year"),
        ("slip", "production lines are already full"),
    ):
        start, end = _quote(ORIGINAL, phrase)
        out[key] = any_store.add_highlight(
            Highlight.from_span(
                ORIGINAL, start, end, document_id=doc.id, kind=HighlightKind.HEDGE, note=f"note {key}",
                tags=(key,),
            )
        )
    return any_store, doc.id, out


def test_reimport_reattaches_exact_and_fuzzy_and_orphans_the_rest(
    saved: tuple[Store, int, dict[str, Highlight]],
) -> None:
    store, doc_id, h = saved
    edited = ("Correction appended.\n" + ORIGINAL).replace("will probably fund", "would probably help fund")
    edited = edited[: edited.index("Critics")] + "Critics were not available."
    result = store.import_document(article(edited, source_path="/news/summit.txt"))
    assert result.reimported and result.document.id == doc_id
    assert (result.exact, result.fuzzy, result.orphaned) == (1, 1, 1)
    now = {x.id: x for x in store.highlights_for(doc_id)}
    tanks, fund, slip = now[h["tanks"].id], now[h["fund"].id], now[h["slip"].id]
    assert edited[tanks.start : tanks.end] == tanks.quote == h["tanks"].quote and not tanks.orphaned
    assert edited[fund.start : fund.end] == fund.quote and "help fund" in fund.quote and not fund.orphaned
    assert fund.extra["reanchored"]["previous_quote"] == h["fund"].quote
    # The orphan keeps its text, note and tags, and stays listed and searchable.
    assert slip.orphaned and slip.quote == h["slip"].quote
    assert slip.note == "note slip" and slip.tags == ("slip",)
    assert [x.id for x, _ in store.search_highlights(orphaned=True)] == [slip.id]
    assert store.get_document(doc_id).article.text == edited


def test_orphan_reattaches_when_the_passage_returns(saved: tuple[Store, int, dict[str, Highlight]]) -> None:
    store, _, h = saved
    store.add_document(article(ORIGINAL[: ORIGINAL.index("Critics")], source_path="/news/summit.txt"))
    assert store.get_highlight(h["slip"].id).orphaned  # type: ignore[arg-type]
    store.add_document(article(ORIGINAL + " More soon.", source_path="/news/summit.txt"))
    back = store.get_highlight(h["slip"].id)  # type: ignore[arg-type]
    assert not back.orphaned and back.start == h["slip"].start


def test_same_text_again_is_not_a_reimport(saved: tuple[Store, int, dict[str, Highlight]]) -> None:
    store, doc_id, h = saved
    result = store.import_document(article(ORIGINAL, source_path="/elsewhere/copy.txt"))
    assert result.document.id == doc_id and not result.reimported and not result.created
    assert store.get_highlight(h["tanks"].id).updated == h["tanks"].updated  # type: ignore[arg-type]


def test_different_source_path_is_a_new_document(saved: tuple[Store, int, dict[str, Highlight]]) -> None:
    store, doc_id, _ = saved
    result = store.import_document(article(ORIGINAL + " Extra.", source_path="/news/other.txt"))
    assert result.created and result.document.id != doc_id


def test_seed_article_highlights_survive_an_edited_reimport(any_store: Store, seed_path: Path | None) -> None:
    if seed_path is None:
        pytest.skip("the seed article (../shared/seed/nato-victory-plan.txt) is not present")
    text = unicodedata.normalize("NFC", seed_path.read_text(encoding="utf-8").replace("\r\n", "\n"))
    doc = any_store.add_document(article(text, source_path=str(seed_path)))
    sentences = list(re.finditer(r"[A-Z][^.\n]{40,}?\.", text))
    assert len(sentences) >= 5
    saved = any_store.add_highlights(
        [
            Highlight.from_span(text, m.start(), m.end(), document_id=doc.id, note=f"s{i}")
            for i, m in enumerate(sentences)
        ]
    )
    cut = sentences[2].group()  # removed from the new version: must become an orphan
    edited = "Editor's note: this article was updated.\n\n" + text.replace(cut, "")
    edited = edited.replace(sentences[0].group(), sentences[0].group().replace(" the ", " the whole ", 1))
    result = any_store.import_document(article(edited, source_path=str(seed_path)))
    assert result.reimported and result.orphaned == 1 and result.exact + result.fuzzy == len(saved) - 1
    for h in any_store.highlights_for(doc.id):
        if h.orphaned:
            assert h.quote == cut and h.note == "s2"
        else:
            assert edited[h.start : h.end] == h.quote
