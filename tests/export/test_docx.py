"""DOCX read back with python-docx: headings, quoted passages with attribution, notes, tags and source,
non-ASCII, hostile text kept literal, fixed core properties."""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime
from pathlib import Path

from docx import Document
from export_data import GENERATED, HOSTILE_NOTE

from stance_reader.export import Passage, export_passages


def read(passages: list[Passage], tmp_path: Path) -> list[tuple[str, str]]:
    export_passages("docx", passages, tmp_path / "x.docx", generated_at=GENERATED)
    return [(p.style.name, p.text) for p in Document(str(tmp_path / "x.docx")).paragraphs]


def test_headings_follow_article_then_speaker(passages: list[Passage], tmp_path: Path) -> None:
    headings = [text for style, text in read(passages, tmp_path) if style.startswith(("Heading", "Title"))]
    assert headings == [
        "Highlights",
        "Kyiv talks <resume>",
        "Олена Коваль",
        "Jörg Weiß",
        "No speaker (the article's own voice)",
        "Bridge",
        "The mayor",
    ]


def test_passage_is_a_quote_followed_by_attribution_note_tags_source(
    passages: list[Passage], tmp_path: Path
) -> None:
    paras = read(passages, tmp_path)
    i = paras.index(("Quote", "we will pay €12 billion by March"))
    following = [text for _style, text in paras[i + 1 : i + 5]]
    assert following == [
        "— Олена Коваль · Firm commitment",
        f"Note: {HOSTILE_NOTE}",
        "Tags: #budget, #€-zone",
        "Source: Kyiv talks <resume>, Northgate Ledger, 2026-02-01, https://news.example/kyiv?id=1&x=2",
    ]
    quotes = [text for style, text in paras if style == "Quote"]
    assert len(quotes) == 4
    assert any("Watch this 🙂 hedge" in text for _s, text in paras)


def test_automatic_passage_names_its_rule(with_automatic: list[Passage], tmp_path: Path) -> None:
    texts = [text for _s, text in read(with_automatic, tmp_path)]
    assert "— Jörg Weiß · Hedge · automatic (rule hedge.could)" in texts


def test_core_properties_and_zip_dates_are_fixed(passages: list[Passage], tmp_path: Path) -> None:
    export_passages("docx", passages, tmp_path / "x.docx", generated_at=GENERATED)
    props = Document(str(tmp_path / "x.docx")).core_properties
    assert props.created == datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC).replace(
        tzinfo=None
    ) or props.created == datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)
    assert props.author == "Stance Reader"
    with zipfile.ZipFile(tmp_path / "x.docx") as z:
        assert {info.date_time for info in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
