"""Passage model: automatic marks as passages, filtering, ordering, grouping, the export_passages door."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from stance_reader.core.models import Analysis, StoredDocument
from stance_reader.export import Passage, export_passages, matches, passages
from stance_reader.export.passages import NO_SPEAKER, by_article, by_group, ordered


def test_automatic_passages_skip_marks_already_saved_with_same_span_and_kind(
    with_automatic: list[Passage],
) -> None:
    automatic = [p for p in with_automatic if p.origin == "automatic"]
    # The commitment and the "may perhaps slip" hedge are saved already; "could be difficult" is saved as
    # custom, so its hedge mark still comes through.
    assert [(p.text, str(p.kind)) for p in automatic] == [("could be difficult", "hedge")]
    hl = automatic[0].highlight
    assert hl.rule == "hedge.could"
    assert hl.speaker == "Jörg Weiß"
    assert hl.note.startswith("Cue: “could”")
    assert hl.id is None and automatic[0].document_id == 1


def test_automatic_passage_carries_context_for_reanchoring(doc1: StoredDocument, analysis1: Analysis) -> None:
    p = passages.automatic_passages(doc1, analysis1)[0]
    text = doc1.article.text
    assert p.highlight.prefix == text[max(0, p.highlight.start - 32) : p.highlight.start]
    assert p.highlight.suffix == text[p.highlight.end : p.highlight.end + 32]


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, [1, 2, 3, 4]),
        ({"kinds": ["commitment"]}, [1, 4]),
        ({"speakers": ["олена коваль"]}, [1]),
        ({"tags": ["@risk"]}, [3]),
        ({"query": "FORMULA second"}, [3]),
        ({"query": "€12"}, [1]),
        ({"kinds": ["hedge"], "speakers": ["Jörg Weiß"]}, []),
    ],
)
def test_matches_applies_the_all_highlights_filter(
    passages: list[Passage], kwargs: dict, expected: list[int]
) -> None:
    assert [p.highlight.id for p in passages if matches(p, **kwargs)] == expected


def test_order_does_not_depend_on_input_order(passages: list[Passage]) -> None:
    shuffled = passages[:]
    random.Random(7).shuffle(shuffled)
    assert ordered(shuffled) == ordered(passages)
    assert [p.highlight.id for p in ordered(shuffled)] == [1, 2, 3, 4]


def test_grouped_by_article_then_speaker_with_unattributed_last(passages: list[Passage]) -> None:
    articles = by_article(passages)
    assert [doc_id for _a, doc_id, _items in articles] == [1, 2]
    groups = by_group(articles[0][2], "speaker")
    assert [label for label, _ in groups] == ["Олена Коваль", "Jörg Weiß", NO_SPEAKER]


def test_grouped_by_kind_in_fixed_kind_order(passages: list[Passage]) -> None:
    groups = by_group(by_article(passages)[0][2], "kind")
    assert [label for label, _ in groups] == ["Hedge", "Firm commitment", "Highlight"]


def test_unknown_format_is_refused_without_writing(passages: list[Passage], tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        export_passages("odt", passages, tmp_path / "x.odt")
    assert list(tmp_path.iterdir()) == []


def test_failed_export_leaves_no_partial_file(
    passages: list[Passage], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import stance_reader.export as export

    def boom(items: list[Passage], out: Path, **_: object) -> None:
        out.write_text("half")
        raise OSError("disk full")

    monkeypatch.setitem(export._WRITERS, "md", boom)
    with pytest.raises(OSError, match="disk full"):
        export_passages("md", passages, tmp_path / "x.md")
    assert list(tmp_path.iterdir()) == []


def test_export_returns_count_and_accepts_an_empty_scope(tmp_path: Path) -> None:
    assert export_passages("md", [], tmp_path / "empty.md", generated_at="x") == 0
    assert "0 passages from 0 articles" in (tmp_path / "empty.md").read_text(encoding="utf-8")
