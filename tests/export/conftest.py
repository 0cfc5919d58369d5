"""Shared export fixtures: two small articles of our own writing with non-ASCII text (€, curly quotes,
Cyrillic and German names, an emoji before the highlights), hostile notes, and a hand-made analysis."""

from __future__ import annotations

import pytest
from export_data import HOSTILE_NOTE, TEXT_1, TEXT_2, span

from stance_reader.core.models import (
    Analysis,
    Article,
    Highlight,
    HighlightKind,
    Mark,
    MarkKind,
    Quote,
    StoredDocument,
)
from stance_reader.export import Passage, automatic_passages, passages_from_rows


@pytest.fixture
def doc1() -> StoredDocument:
    article = Article(
        text=TEXT_1,
        title="Kyiv talks <resume>",
        outlet="Northgate Ledger",
        date="2026-02-01",
        url="https://news.example/kyiv?id=1&x=2",
    )
    return StoredDocument(id=1, article=article, content_hash=article.content_hash)


@pytest.fixture
def doc2() -> StoredDocument:
    article = Article(
        text=TEXT_2, title="Bridge", outlet="Harbour Post", date="2026-02-02", source_path="/tmp/bridge.txt"
    )
    return StoredDocument(id=2, article=article, content_hash=article.content_hash)


@pytest.fixture
def highlights(doc1: StoredDocument, doc2: StoredDocument) -> list[tuple[Highlight, StoredDocument]]:
    t1, t2 = doc1.article.text, doc2.article.text
    h1 = Highlight.from_span(
        t1,
        *span(t1, "we will pay €12 billion by March"),
        document_id=1,
        kind=HighlightKind.COMMITMENT,
        speaker="Олена Коваль",
        note=HOSTILE_NOTE,
        tags=("budget", "€-zone"),
        id=1,
    )
    h2 = Highlight.from_span(
        t1,
        *span(t1, "may perhaps slip"),
        document_id=1,
        kind=HighlightKind.HEDGE,
        note="Watch this 🙂 hedge",
        id=2,
    )
    h3 = Highlight.from_span(
        t1,
        *span(t1, "could be difficult"),
        document_id=1,
        kind=HighlightKind.CUSTOM,
        speaker="Jörg Weiß",
        note="-2+3 looks like a formula\nsecond line",
        tags=("@risk",),
        colour="#CC79A7",
        id=3,
    )
    h4 = Highlight.from_span(
        t2,
        *span(t2, "will reopen in May"),
        document_id=2,
        kind=HighlightKind.COMMITMENT,
        speaker="The mayor",
        note="Check the date.",
        id=4,
    )
    return [(h1, doc1), (h2, doc1), (h3, doc1), (h4, doc2)]


@pytest.fixture
def analysis1() -> Analysis:
    t = TEXT_1
    commit = span(t, "we will pay €12 billion by March")
    will = span(t, "will")
    hedge = span(t, "may perhaps slip")
    could = span(t, "could be difficult")
    return Analysis(
        marks=(
            Mark(MarkKind.COMMITMENT, *commit, cue=(will,), rule="commit.will", speaker="Олена Коваль"),
            Mark(MarkKind.HEDGE, *hedge, cue=(span(t, "may"), span(t, "perhaps")), rule="hedge.may"),
            Mark(MarkKind.HEDGE, *could, cue=(span(t, "could"),), rule="hedge.could", speaker="Jörg Weiß"),
        ),
        quotes=(
            Quote(
                content=(commit,),
                cue=(span(t, "said"),),
                speaker=(span(t, "Олена Коваль"),),
                speaker_entity="Олена Коваль",
            ),
            Quote(
                content=(could,),
                cue=(span(t, "warned"),),
                speaker=(span(t, "Jörg Weiß"),),
                speaker_entity="Jörg Weiß",
            ),
        ),
        pipeline="test-pipeline",
    )


@pytest.fixture
def passages(highlights: list[tuple[Highlight, StoredDocument]]) -> list[Passage]:
    return passages_from_rows(highlights)


@pytest.fixture
def with_automatic(
    passages: list[Passage],
    doc1: StoredDocument,
    analysis1: Analysis,
    highlights: list[tuple[Highlight, StoredDocument]],
) -> list[Passage]:
    saved = [h for h, d in highlights if d.id == 1]
    return passages + automatic_passages(doc1, analysis1, saved)
