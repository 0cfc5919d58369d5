"""Speakers named by their role ("the commissioner said …") are the person the article introduced with
that role; an anonymous "an official" is no one in particular (an article we wrote)."""

from __future__ import annotations

from pathlib import Path

from stance_reader.core.models import MarkKind

ARTICLE = Path(__file__).parent / "data" / "role-speakers.txt"


def _speaker_of(analysis, text: str, phrase: str) -> str | None:  # type: ignore[no-untyped-def]
    at = text.index(phrase)
    found = [m for m in analysis.marks if m.start <= at < m.end]
    assert found, (phrase, [(m.kind, text[m.start : m.end]) for m in analysis.marks])
    return found[0].speaker


def test_a_role_description_names_the_person_introduced_with_it(analyzer) -> None:  # type: ignore[no-untyped-def]
    text = ARTICLE.read_text(encoding="utf-8")
    analysis = analyzer.analyze(text)
    assert _speaker_of(analysis, text, "the work may slip") == "Ingrid Solheim"  # "the commissioner"
    assert _speaker_of(analysis, text, "the board would probably") == "Karl Dahl"  # "the finance chief"
    said = {q.speaker_entity for q in analysis.quotes if text.index("An official") in range(*q.speaker[0])}
    assert said <= {None}, "an anonymous official is not the last person named"
    assert any(m.kind is MarkKind.HEDGE and m.speaker == "Ingrid Solheim" for m in analysis.marks)
