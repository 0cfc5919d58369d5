"""The stance pipeline: loading, version, chunking, mark speakers, batch order, speed."""

from __future__ import annotations

import re

import pytest

from stance_reader.core.models import Mark, MarkKind, Quote
from stance_reader.nlp.pipeline import attribute_marks, split_chunks

SAMPLE_PARAGRAPHS = [
    "NATO Secretary General Mark Rutte met ministers in Brussels on Monday.",
    '"We will keep supporting Ukraine," Rutte said. "There is no doubt about it."',
    "Defense Minister Rustem Umerov said that Ukraine needed air defence before winter.",
]


def test_loads_an_installed_pipeline_with_the_stance_components(analyzer) -> None:  # type: ignore[no-untyped-def]
    names = analyzer.nlp.pipe_names
    assert {"stance_paragraphs", "stance_entities", "stance_speakers"} <= set(names)
    assert names.index("stance_paragraphs") < names.index("parser")
    assert names.index("ner") < names.index("stance_entities") < names.index("stance_speakers")
    assert not any(n.startswith("stance_") for n in analyzer.base_nlp.pipe_names)


def test_version_names_base_model_package_and_rules(analyzer) -> None:  # type: ignore[no-untyped-def]
    from stance_reader import __version__

    pattern = rf"en_core_web_\w+-[\d.]+\+stance-{re.escape(__version__)}-[0-9a-f]{{8}}"
    assert re.fullmatch(pattern, analyzer.version)
    assert analyzer.analyze("Nothing happened.").pipeline == analyzer.version


def test_split_chunks_cuts_on_paragraphs_and_keeps_quotes_together() -> None:
    paragraphs = [f"Plain paragraph number {i} is here." for i in range(40)]
    paragraphs[20] = '"A quote that opens a paragraph," she said.'
    text = "\n\n".join(paragraphs)
    chunks = split_chunks(text, limit=300)
    assert "".join(piece for _, piece in chunks) == text
    assert all(len(piece) <= 300 for _, piece in chunks)
    for offset, piece in chunks:
        assert text[offset : offset + len(piece)] == piece
        assert offset == 0 or text[offset - 1] == "\n"
        assert not piece.startswith('"')  # a cut never lands right before a quote


def test_chunked_analysis_matches_offsets_and_merges_names_across_chunks(analyzer, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    text = "\n\n".join(SAMPLE_PARAGRAPHS * 6)
    whole = analyzer.analyze(text)
    monkeypatch.setattr(analyzer, "max_chunk_chars", 400)
    chunked = analyzer.analyze(text)
    assert [q.content for q in chunked.quotes] == [q.content for q in whole.quotes]
    assert [q.speaker_entity for q in chunked.quotes] == [q.speaker_entity for q in whole.quotes]
    assert {e.canonical for e in chunked.entities if e.label == "PERSON"} == {"Mark Rutte", "Rustem Umerov"}
    for quote in chunked.quotes:
        for s, e in quote.content:
            assert text[s:e].strip()


def test_marks_take_the_speaker_of_the_quote_that_holds_their_cue() -> None:
    text = '"We might wait," Anna Berg said. The ministers will meet. Berg confirmed that they would pay.'
    quotes = [
        Quote(content=((0, 16),), cue=((27, 31),), speaker=((17, 26),), speaker_entity="Anna Berg"),
        Quote(content=((71, 95),), cue=((61, 70),), speaker=((56, 60),), speaker_entity="Anna Berg"),
        Quote(content=((200, 210),), cue=(), speaker=((190, 192),), speaker_entity=None),
    ]
    marks = [
        Mark(MarkKind.HEDGE, 4, 14, ((4, 9),), "hedge:might"),
        Mark(MarkKind.COMMITMENT, 38, 56, ((47, 51),), "commit:will"),
        Mark(MarkKind.COMMITMENT, 61, 95, ((61, 70),), "commit:confirm"),  # cue is the speech verb
    ]
    got = attribute_marks(marks, quotes, text)
    assert [m.speaker for m in got] == ["Anna Berg", None, "Anna Berg"]


def test_analyze_many_keeps_input_order(analyzer) -> None:  # type: ignore[no-untyped-def]
    texts = [f'"Number {i} is fine," said Anna Berg.' for i in range(5)] + ["", "No quotes."]
    results = list(analyzer.analyze_many(texts, batch_size=2))
    assert len(results) == len(texts)
    for text, result in zip(texts, results, strict=True):
        for quote in result.quotes:
            assert text[quote.start : quote.end].startswith('"Number')
    assert results[5].quotes == () and results[6].quotes == ()


def test_split_chunks_falls_back_to_a_space_inside_one_huge_paragraph() -> None:
    text = " ".join(["word"] * 500)
    chunks = split_chunks(text, limit=200)
    assert "".join(piece for _, piece in chunks) == text
    assert all(len(piece) <= 200 for _, piece in chunks)
    assert all(piece.startswith("word") for _, piece in chunks)


def test_a_short_form_in_a_later_chunk_takes_the_full_name_of_an_earlier_chunk() -> None:
    from stance_reader.core.models import Entity
    from stance_reader.nlp.pipeline import _Partial, merge_chunks

    first = _Partial([], [], [Entity(0, 19, "ORG", "European Commission")])
    quote = Quote(content=((120, 140),), cue=((110, 114),), speaker=((100, 110),),
                  speaker_entity="Commission")
    later = [Entity(100, 110, "ORG", "Commission"), Entity(150, 160, "ORG", "Council")]
    second = _Partial([], [quote], later)
    anaphora = {"Commission": frozenset({"European Commission"}), "Council": frozenset({"European Council"})}
    merged = merge_chunks([first, second], anaphora)
    assert [e.canonical for e in merged.entities] == ["European Commission", "European Commission", "Council"]
    assert merged.quotes[0].speaker_entity == "European Commission"


def test_parse_form_straightens_only_in_word_apostrophes() -> None:
    from stance_reader.nlp.pipeline import parse_form

    text = "We\u2019ll say \u2018good signal\u2019 and Jones\u2019 plan, O\u2019Bryan\u2019s"
    out = parse_form(text)
    assert len(out) == len(text)
    assert out == "We'll say \u2018good signal\u2019 and Jones\u2019 plan, O'Bryan's"


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("We\u2019ll also extend the number 11 tram route.", "\u2019ll"),
        ("That\u2019s why a Shorten Labor Government will invest $50 million in the hospital.", "will"),
    ],
)
def test_curly_apostrophes_do_not_hide_commitments(analyzer, text: str, cue: str) -> None:  # type: ignore[no-untyped-def]
    marks = [m for m in analyzer.analyze(text).marks if m.kind == "commitment"]
    assert [m.cue_text(text) for m in marks] == [cue]  # offsets still point into the curly original


@pytest.mark.parametrize("dateline", ["ROTTERDAM, 4 March — ", "DUBLIN (Tidewater Wire) - "])
def test_the_first_sentence_of_a_wire_story_starts_after_its_dateline(analyzer, dateline: str) -> None:  # type: ignore[no-untyped-def]
    """The dateline is not part of what the first sentence commits to: its passage starts at "The"."""
    body = "The port authority will postpone the dredging of the channel until the autumn."
    text = f"Dredging delayed\n\n{dateline}{body}\n"
    doc = analyzer.nlp(text)
    assert body in [s.text.strip() for s in doc.sents]
    (commitment,) = [m for m in analyzer.analyze(text).marks if m.kind == MarkKind.COMMITMENT]
    assert text[commitment.start : commitment.end].startswith("The port authority")
