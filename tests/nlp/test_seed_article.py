"""The product's reference article (../shared/seed, never copied into the repo) comes out right.

Checks issue 3's seed requirements for speakers, entities and the speakers of marks. The hedge and
commitment cues themselves are pinned by the stance-rules tests; here only whom they belong to.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from stance_reader.core.models import Analysis, Article, MarkKind, Quote


@pytest.fixture(scope="module")
def seed(analyzer, seed_path: Path | None) -> tuple[str, Analysis]:  # type: ignore[no-untyped-def]
    if seed_path is None:
        pytest.skip("seed article ../shared/seed/nato-victory-plan.txt is not present in this checkout")
    from stance_reader.documents import load_article

    article: Article = load_article(seed_path)
    return article.text, analyzer.analyze(article.text)


def _quote_with(text: str, analysis: Analysis, words: str) -> Quote:
    found = [q for q in analysis.quotes if any(words in text[s:e] for s, e in q.content)]
    assert found, f"no quote contains {words!r}"
    return found[0]


def test_rutte_direct_quote_is_attributed_to_mark_rutte(seed: tuple[str, Analysis]) -> None:
    text, analysis = seed
    quote = _quote_with(text, analysis, "I can't say I support the whole plan")
    assert quote.direct
    assert quote.speaker_entity == "Mark Rutte"
    assert [text[s:e] for s, e in quote.speaker] == ["Rutte"]


def test_he_added_resolves_to_rutte(seed: tuple[str, Analysis]) -> None:
    text, analysis = seed
    quote = _quote_with(text, analysis, "We need to hammer out with Ukrainians")
    assert [text[s:e] for s, e in quote.speaker] == ["he"]
    assert quote.speaker_entity == "Mark Rutte"


def test_zelenskyy_underscored_is_reported_speech_of_zelenskyy(seed: tuple[str, Analysis]) -> None:
    text, analysis = seed
    quote = _quote_with(text, analysis, "truly fundamental")
    assert quote.speaker_entity == "Volodymyr Zelenskyy"
    assert [text[s:e] for s, e in quote.cue] == ["underscored"]


def test_rutte_did_confirm_is_rutte_s(seed: tuple[str, Analysis]) -> None:
    text, analysis = seed
    quote = _quote_with(text, analysis, "NATO would meet its \u20ac40 billion military aid goal")
    assert quote.speaker_entity == "Mark Rutte"
    assert not quote.direct


def test_marks_inside_the_speakers_words_belong_to_them(seed: tuple[str, Analysis]) -> None:
    text, analysis = seed
    if not analysis.marks:
        pytest.skip("the hedge/commitment components are not installed in this checkout")
    rutte_quote = _quote_with(text, analysis, "I can't say I support the whole plan")
    inside = [m for m in analysis.marks if rutte_quote.start <= m.cue_start < rutte_quote.end]
    assert inside, "expected hedges inside Rutte's quote"
    assert {m.speaker for m in inside} == {"Mark Rutte"}
    could = [m for m in analysis.marks if m.cue_text(text) == "could"]
    assert could and could[0].speaker == "Volodymyr Zelenskyy"
    confirm = [
        m for m in analysis.marks
        if m.kind == MarkKind.COMMITMENT and "NATO would meet" in text[m.start : m.end]
    ]
    assert confirm and {m.speaker for m in confirm} == {"Mark Rutte"}


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("Mark Rutte", "PERSON"),
        ("Volodymyr Zelenskyy", "PERSON"),
        ("Rustem Umerov", "PERSON"),
        ("NATO", "ORG"),
        ("Ukraine", "GPE"),
        ("Russia", "GPE"),
        ("Brussels", "GPE"),
        ("United States", "GPE"),
        ("\u20ac40 billion", "MONEY"),
        ("17 October", "DATE"),
    ],
)
def test_seed_entities(seed: tuple[str, Analysis], name: str, label: str) -> None:
    _, analysis = seed
    assert (name, label) in {(e.canonical, e.label) for e in analysis.entities}


def test_zelenskyy_possessive_is_the_same_person(seed: tuple[str, Analysis]) -> None:
    text, analysis = seed
    possessive = [e for e in analysis.entities if text[e.start : e.end].startswith("Zelenskyy") and
                  text[e.end : e.end + 2] in ("'s", "\u2019s")]
    assert possessive and {e.canonical for e in possessive} == {"Volodymyr Zelenskyy"}
    assert all(e.label == "PERSON" for e in possessive)
