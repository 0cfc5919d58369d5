"""The product's reference article (read from ../shared, never copied) through every format, with the
real pipeline's marks as automatic passages plus one saved highlight."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from export_data import GENERATED
from test_html import Page
from test_json import SCHEMA, validate

from stance_reader.core.models import Highlight, HighlightKind, StoredDocument
from stance_reader.export import FORMATS, Passage, automatic_passages, export_passages


@pytest.fixture
def seed_export(seed_path: Path | None, analyzer: object, tmp_path: Path) -> tuple[list[Passage], dict, Path]:
    if seed_path is None:
        pytest.skip("seed article ../shared/seed/nato-victory-plan.txt is not present")
    from stance_reader.documents import article_from_text

    article = article_from_text(seed_path.read_text(encoding="utf-8"), source_path=str(seed_path))
    analysis = analyzer.analyze(article.text)  # type: ignore[attr-defined]
    doc = StoredDocument(id=1, article=article, content_hash=article.content_hash)
    first_line = article.text.split("\n", 1)[0]
    saved = Highlight.from_span(
        article.text,
        0,
        len(first_line),
        document_id=1,
        kind=HighlightKind.CUSTOM,
        note="headline <b>check</b>",
        id=1,
    )
    passages = [Passage(saved, article, 1), *automatic_passages(doc, analysis, [saved])]
    return passages, {1: analysis}, tmp_path


def test_seed_article_exports_in_every_format(seed_export: tuple[list[Passage], dict, Path]) -> None:
    passages, analyses, tmp = seed_export
    assert len(passages) > 1, "the pipeline should find at least one hedge or commitment in the seed"
    for fmt in FORMATS:
        n = export_passages(
            fmt, passages, tmp / f"seed.{fmt}", generated_at=GENERATED, include_marks=analyses
        )
        assert n == len(passages) and (tmp / f"seed.{fmt}").stat().st_size > 0
    data = json.loads((tmp / "seed.json").read_text(encoding="utf-8"))
    assert validate(data, SCHEMA) == []
    text = passages[0].article.text
    for ann in data["annotations"]:
        pos, quote = ann["target"]["selector"]
        assert text[pos["start"] : pos["end"]] == quote["exact"]
    with (tmp / "seed.csv").open(encoding="utf-8-sig", newline="") as fh:
        assert len(list(csv.DictReader(fh))) == len(passages)


def test_seed_html_reproduces_the_article_and_marks_every_cue(
    seed_export: tuple[list[Passage], dict, Path],
) -> None:
    passages, analyses, tmp = seed_export
    export_passages("html", passages, tmp / "seed.html", generated_at=GENERATED, include_marks=analyses)
    page = Page()
    page.feed((tmp / "seed.html").read_text(encoding="utf-8"))
    assert re.sub(r"●\d+|▸", "", page.article_texts[0]) == passages[0].article.text
    analysis = analyses[1]
    text = passages[0].article.text
    for kind in ("hedge", "commitment"):
        spans = sorted({c for m in analysis.marks if str(m.kind) == kind for c in m.cue})
        shown = page.by_class.get(f"{kind}-cue", [])
        assert shown[:1] == ["cue"]  # the legend's sample comes first
        # Then every cue of the article, in reading order (a cue may be split where another layer starts).
        assert "".join(shown[1:]) == "".join(text[s:e] for s, e in spans)
