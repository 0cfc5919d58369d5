"""services.exporting over a fake store that honours the agreed Store API: the three scopes, automatic
marks from the cached analysis (and a note when none is cached), and the clipboard helpers."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from stance_reader.core.models import Analysis, Highlight, StoredDocument
from stance_reader.export import passages
from stance_reader.services import exporting

Row = tuple[Highlight, StoredDocument]


class FakeStore:
    """In-memory stand-in with the agreed signatures; filters like the All-highlights view."""

    def __init__(self, rows: list[Row], analyses: dict[str, Analysis]) -> None:
        self.rows = rows
        self.analyses = analyses
        self.docs = {doc.id: doc for _h, doc in rows}
        self.closed = False

    def get_document(self, document_id: int) -> StoredDocument:
        if document_id not in self.docs:
            raise LookupError(f"no document {document_id}")
        return self.docs[document_id]

    def list_documents(self) -> list[StoredDocument]:
        return list(self.docs.values())

    def highlights_for(self, document_id: int) -> list[Highlight]:
        return [h for h, d in self.rows if d.id == document_id]

    def search_highlights(
        self,
        query: str = "",
        *,
        kinds: Any = (),
        speakers: Any = (),
        tags: Any = (),
        outlet: Any = None,
        date_from: Any = None,
        date_to: Any = None,
        document_id: int | None = None,
        limit: int | None = None,
    ) -> list[Row]:
        out = []
        for h, d in self.rows:
            p = passages.Passage(h, d.article, d.id)
            if document_id is not None and d.id != document_id:
                continue
            if outlet and d.article.outlet != outlet:
                continue
            if passages.matches(p, kinds=kinds, speakers=speakers, tags=tags, query=query):
                out.append((h, d))
        return out[:limit] if limit else out

    def latest_analysis(self, content_hash: str) -> Analysis | None:
        return self.analyses.get(content_hash)

    def close(self) -> None:
        self.closed = True


@pytest.fixture
def store(highlights: list[Row], doc1: StoredDocument, analysis1: Analysis) -> FakeStore:
    return FakeStore(highlights, {doc1.content_hash: analysis1})


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_article_scope_exports_that_articles_saved_highlights(store: FakeStore, tmp_path: Path) -> None:
    n = exporting.export_highlights(store, "csv", out=tmp_path / "a.csv", document_id=2)
    assert n == 1
    assert [r["text"] for r in read_rows(tmp_path / "a.csv")] == ["will reopen in May"]


def test_selected_scope_exports_exactly_the_selected_ids(store: FakeStore, tmp_path: Path) -> None:
    n = exporting.export_highlights(store, "csv", out=tmp_path / "s.csv", highlight_ids=(4, 2))
    assert n == 2
    assert [r["text"] for r in read_rows(tmp_path / "s.csv")] == ["may perhaps slip", "will reopen in May"]


def test_filter_scope_exports_what_the_filter_matches(store: FakeStore, tmp_path: Path) -> None:
    n = exporting.export_highlights(store, "csv", out=tmp_path / "f.csv", kinds=("commitment",))
    assert n == 2
    assert {r["speaker"] for r in read_rows(tmp_path / "f.csv")} == {"Олена Коваль", "The mayor"}


def test_automatic_marks_come_from_the_cached_analysis(store: FakeStore, tmp_path: Path) -> None:
    n = exporting.export_highlights(
        store, "json", out=tmp_path / "x.json", document_id=1, include_automatic=True
    )
    data = json.loads((tmp_path / "x.json").read_text(encoding="utf-8"))
    origins = [a["stance"]["origin"] for a in data["annotations"]]
    assert n == 4 and origins.count("automatic") == 1


def test_automatic_marks_obey_the_filter(store: FakeStore, tmp_path: Path) -> None:
    collected = exporting.collect(store, kinds=("commitment",), include_automatic=True)
    assert all(str(p.kind) == "commitment" for p in collected.passages)
    collected = exporting.collect(store, kinds=("hedge",), include_automatic=True)
    assert [p.origin for p in collected.passages] == ["manual", "automatic"]


def test_missing_analysis_is_reported_not_invented(store: FakeStore) -> None:
    collected = exporting.collect(store, include_automatic=True)
    assert collected.warnings == [
        "1 article has no cached analysis, so no automatic marks (open it in the window or run "
        "'stance-reader analyze' first)"
    ]
    assert sorted(collected.analyses) == [1]  # the HTML still colour-codes the analysed article


def test_unknown_document_is_a_lookup_error(store: FakeStore, tmp_path: Path) -> None:
    with pytest.raises(LookupError):
        exporting.export_highlights(store, "md", out=tmp_path / "x.md", document_id=99)


def test_html_export_colour_codes_with_the_cached_analysis(store: FakeStore, tmp_path: Path) -> None:
    exporting.export_highlights(store, "html", out=tmp_path / "x.html", document_id=1)
    page = (tmp_path / "x.html").read_text(encoding="utf-8")
    assert '<span class="hedge-cue">may</span>' in page


def test_clipboard_helpers(highlights: list[Row]) -> None:
    md = exporting.clipboard_markdown(highlights[:2])
    html = exporting.clipboard_html(highlights[:2])
    assert "> we will pay €12 billion by March" in md and "Generated" not in md
    assert html.count("<blockquote") == 2 and "&lt;script&gt;" in html and "<script" not in html


def test_automatic_only_articles_obey_outlet_and_dates(doc1: StoredDocument) -> None:
    from datetime import date

    from stance_reader.services.exporting import _in_dates

    assert _in_dates(doc1, "northgate ledger", date(2026, 1, 1), "2026-02-28")
    assert not _in_dates(doc1, "Harbour Post", None, None)
    assert not _in_dates(doc1, None, date(2026, 2, 2), None)


def test_automatic_marks_are_the_models_decision(
    highlights: list[Row], doc1: StoredDocument, analysis1: Analysis
) -> None:
    """A weak candidate (under its kind's threshold) in the cached analysis never reaches an export."""

    def automatic_rules(confidence: float) -> list[str]:
        could = replace(analysis1.marks[2], confidence=confidence)
        cached = replace(analysis1, marks=(*analysis1.marks[:2], could), thresholds={"hedge": 0.5})
        collected = exporting.collect(
            FakeStore(highlights, {doc1.content_hash: cached}), include_automatic=True
        )
        assert (could in collected.analyses[doc1.id].marks) == (confidence >= 0.5)
        return [p.highlight.rule for p in collected.passages if p.highlight.origin == "automatic"]

    assert automatic_rules(0.9) == ["hedge.could"]
    assert automatic_rules(0.2) == []
