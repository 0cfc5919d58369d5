"""Reader roundups: quotes under a name line ('Name, 41, Tucson' then the quoted paragraph), signed with
a dash after the quote, or labelled 'Name, 63, Yuma: “…”' — each quote to the person its layout names,
never to the place after the age, and never run on into the next person's quote."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
VOTERS = [
    ("I have voted in every election", "Marisol Ortega"),
    ("My parents came here with nothing", "Daniel Herrera"),
    ("Honestly, I am tired of the ads", "Lucia Ramos"),
    ("Nobody called my community", "Tomas Villa"),
    ("I will be at the polls", "Ana Beltran"),
    ("It is my first election", "Jorge Medina"),
]
NURSES = [
    ("We are not asking for a fortune", "Rosa Delgado"),
    ("I love this hospital", "Peter Lindqvist"),
    ("Management says the budget is tight", "Grace Okafor"),
    ("My mother was a nurse here", "Hannah Weiss"),
]


def _direct_quotes(analyzer, name: str) -> dict[str, tuple[str | None, str]]:  # type: ignore[no-untyped-def]
    text = (DATA / name).read_text(encoding="utf-8")
    analysis = analyzer.analyze(text)
    got = {}
    for quote in analysis.quotes:
        if quote.direct:
            s, e = quote.content[0]
            written = " ".join(text[a:b] for a, b in quote.speaker)
            got[text[s:e].strip('"\u201c\u201d')] = (quote.speaker_entity, written)
    return got


@pytest.mark.parametrize(("name", "expected"), [("voter-roundup.txt", VOTERS), ("nurse-roundup.txt", NURSES)])
def test_each_roundup_quote_goes_to_the_person_its_layout_names(  # type: ignore[no-untyped-def]
    analyzer, name: str, expected: list[tuple[str, str]]
) -> None:
    got = _direct_quotes(analyzer, name)
    for opening, speaker in expected:
        matches = [who for said, (who, _) in got.items() if said.startswith(opening)]
        assert matches == [speaker], (opening, got)


def test_the_speaker_as_written_is_the_name_without_list_number_age_or_place(analyzer) -> None:  # type: ignore[no-untyped-def]
    got = _direct_quotes(analyzer, "nurse-roundup.txt") | _direct_quotes(analyzer, "voter-roundup.txt")
    written = {who: mention for who, mention in got.values()}
    assert written["Rosa Delgado"] == "Rosa Delgado"
    assert written["Marisol Ortega"] == "Marisol Ortega"
    assert written["Ana Beltran"] == "Ana Beltran"
    assert written["Lucia Ramos"] == "Lucia Ramos"  # signed '— Lucia Ramos, 35, Las Vegas'


def test_a_name_line_speaker_carries_on_to_the_next_quoted_paragraph(analyzer) -> None:  # type: ignore[no-untyped-def]
    got = _direct_quotes(analyzer, "nurse-roundup.txt")
    both = [said for said, (who, _) in got.items() if who == "Rosa Delgado"]
    assert len(both) == 1  # one attribution, two paragraphs: 'We are not asking …' and 'Last winter …'
    text = (DATA / "nurse-roundup.txt").read_text(encoding="utf-8")
    analysis = analyzer.analyze(text)
    rosa = next(q for q in analysis.quotes if q.speaker_entity == "Rosa Delgado")
    assert any("Last winter" in text[s:e] for s, e in rosa.content)


def test_the_roundup_people_are_in_the_sidebar(analyzer) -> None:  # type: ignore[no-untyped-def]
    text = (DATA / "voter-roundup.txt").read_text(encoding="utf-8")
    people = {e.canonical for e in analyzer.analyze(text).entities if e.label == "PERSON"}
    assert {"Marisol Ortega", "Daniel Herrera", "Ana Beltran"} <= people


def test_the_hospital_speaks_as_the_named_hospital(analyzer) -> None:  # type: ignore[no-untyped-def]
    """'The hospital said …' after 'St. Brendan's Hospital' (a building the model calls FAC): the
    hospital the story named, not nobody."""
    text = (DATA / "nurse-roundup.txt").read_text(encoding="utf-8")
    quotes = analyzer.analyze(text).quotes
    written = {id(q): " ".join(text[s:e] for s, e in q.speaker) for q in quotes}
    statement = next(q for q in quotes if written[id(q)] == "The hospital")
    assert statement.speaker_entity == "St. Brendan's Hospital"
