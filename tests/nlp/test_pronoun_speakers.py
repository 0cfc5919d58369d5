"""Who "she" and "he" are in a dialogue of four speakers, two of each gender (an article we wrote).

Each quote is attributed with a pronoun; the right person is the one the paragraph is about, not
simply the last person named or the last one quoted.
"""

from __future__ import annotations

from pathlib import Path

from stance_reader.core.models import MarkKind

ARTICLE = Path(__file__).parent / "data" / "four-speakers.txt"
EXPECTED = [
    ("We cannot sign a contract", "Priya Raman"),
    ("The survey is finished", "Helena Varga"),
    ("I have seen sound numbers", "Priya Raman"),
    ("Then read the annex", "Helena Varga"),
    ("Our boats cannot wait", "Marcus Obi"),
    ("Every month of delay", "Tomas Lindholm"),
    ("Then promise the fishermen", "Marcus Obi"),
]


def test_every_pronoun_quote_goes_to_the_right_person(analyzer) -> None:  # type: ignore[no-untyped-def]
    text = ARTICLE.read_text(encoding="utf-8")
    analysis = analyzer.analyze(text)
    got = {}
    for quote in analysis.quotes:
        if quote.direct:
            s, e = quote.content[0]
            got[text[s:e].strip('"')] = quote.speaker_entity
    for opening, speaker in EXPECTED:
        matches = [who for said, who in got.items() if said.startswith(opening)]
        assert matches == [speaker], (opening, got)


def test_marks_inside_the_quotes_follow_their_speaker(analyzer) -> None:  # type: ignore[no-untyped-def]
    text = ARTICLE.read_text(encoding="utf-8")
    analysis = analyzer.analyze(text)
    tender = text.index("The tender may")
    dredging = text.index("We will start dredging")
    def near(kind: MarkKind, at: int) -> list[str | None]:
        return [m.speaker for m in analysis.marks if m.kind is kind and at <= m.cue_start < at + 30]

    assert near(MarkKind.HEDGE, tender) == ["Priya Raman"]
    assert near(MarkKind.COMMITMENT, dredging) == ["Helena Varga"]


def test_a_resolved_pronoun_says_how_sure_it_is(analyzer) -> None:  # type: ignore[no-untyped-def]
    text = ARTICLE.read_text(encoding="utf-8")
    pronoun_quotes = [q for q in analyzer.analyze(text).quotes if q.direct]
    assert pronoun_quotes
    for quote in pronoun_quotes:
        assert quote.speaker_confidence is not None and 0.0 < quote.speaker_confidence <= 1.0
    named = [
        q for q in analyzer.analyze(text).quotes
        if q.speaker and text[q.speaker[0][0] : q.speaker[0][1]].lower() not in ("he", "she")
    ]
    assert named and all(q.speaker_confidence is None for q in named)
