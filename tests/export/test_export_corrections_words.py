"""Report formats (Markdown, HTML, DOCX; PDF renders the HTML) say in words what the analyst did to an
automatic mark, as the tabular and JSON formats do with kind_source / speaker_source / correction."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from docx import Document

from stance_reader.core.models import Article, Highlight, HighlightKind
from stance_reader.export import to_docx, to_html, to_markdown
from stance_reader.export.passages import Passage

TEXT = "The minister said the ferry would run. Critics said it may not."
ARTICLE = Article(TEXT, title="Ferry")


def _by(correction: str, kind: str, speaker: str) -> dict[str, str]:
    return {"correction": correction, "kind_source": kind, "speaker_source": speaker}


def _passage(phrase: str, corrected: dict[str, str]) -> Passage:
    start = TEXT.index(phrase)
    h = Highlight.from_span(TEXT, start, start + len(phrase), document_id=1, kind=HighlightKind.COMMITMENT)
    h = replace(h, origin="auto", extra={"corrected": corrected} if corrected else {})
    return Passage(h, ARTICLE, 1)


@pytest.mark.parametrize(
    ("corrected", "words"),
    [
        ({}, ""),
        (_by("rejected", "analyst", "model"), "rejected by the analyst"),
        (_by("added", "analyst", "analyst"), "added by the analyst"),
        (_by("corrected", "analyst", "analyst"), "kind and speaker set by the analyst"),
        (_by("corrected", "model", "analyst"), "speaker set by the analyst"),
    ],
)
def test_decided_by_says_what_the_analyst_did(corrected: dict[str, str], words: str) -> None:
    assert _passage("the ferry would run", corrected).decided_by == words


def test_markdown_html_and_docx_carry_the_words(tmp_path: Path) -> None:
    passages = [
        _passage("the ferry would run", _by("corrected", "analyst", "model")),
        _passage("it may not", {}),
    ]
    md = to_markdown.render(passages, generated_at="today")
    assert md.count("kind set by the analyst") == 1
    html = to_html.render(passages, generated_at="today")
    assert html.count("kind set by the analyst") == 1
    out = tmp_path / "report.docx"
    to_docx.write(passages, out, group_by="speaker", generated_at="today")
    words = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert words.count("kind set by the analyst") == 1
