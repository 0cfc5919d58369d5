"""The holder of a described stance: "Ortiz withheld her support" is Ortiz's hedge, not the article's.

Our own sentences. A cue that describes someone's stance (withhold, pledge, be committed, a noun of
commitment with a possessor) gives the mark to that someone; a modal about a person ("Ortiz may
resign") stays the writer's.
"""

from __future__ import annotations

import pytest

from stance_reader.core.models import MarkKind


def _speaker(analyzer, text: str, kind: MarkKind, cue: str) -> str | None:  # type: ignore[no-untyped-def]
    found = [m for m in analyzer.analyze(text).marks if m.kind is kind and m.cue_text(text) == cue]
    assert found, f"no {kind.value} mark on {cue!r} in {text!r}"
    return found[0].speaker


@pytest.mark.parametrize(
    ("text", "kind", "cue", "holder"),
    [
        (
            "Finance Minister Lena Ortiz praised the levy as a fair start but withheld full endorsement.",
            MarkKind.HEDGE, "withheld", "Lena Ortiz",
        ),
        ("Norway pledged €2 billion for the new dikes on Tuesday.", MarkKind.COMMITMENT, "pledged", "Norway"),
        (
            "The debate precedes Lena Ortiz's visit to Oslo, where she intends to gain support for her plan.",
            MarkKind.COMMITMENT, "intends to", "Lena Ortiz",
        ),
        # a gerund after "by" is the act of the clause's subject; in the second the parser hangs
        # "opened" on the name itself
        ("Tobias Grant opened the debate by promising 5,000 new homes within four years.",
         MarkKind.COMMITMENT, "promising", "Tobias Grant"),
        ("Tobias Grant, the Liberal candidate, opened by promising 5,000 new homes within four years.",
         MarkKind.COMMITMENT, "promising", "Tobias Grant"),
    ],
)
def test_the_subject_of_a_described_stance_holds_it(analyzer, text, kind, cue, holder) -> None:  # type: ignore[no-untyped-def]
    assert _speaker(analyzer, text, kind, cue) == holder


def test_a_possessor_holds_a_stance_noun(analyzer) -> None:  # type: ignore[no-untyped-def]
    text = "Greenpeace's commitment to the campaign was never in doubt, the organisers said."
    marks = [m for m in analyzer.analyze(text).marks if m.cue_text(text) == "commitment"]
    assert marks and marks[0].speaker == "Greenpeace"


def test_a_modal_about_a_person_stays_the_writers(analyzer) -> None:  # type: ignore[no-untyped-def]
    text = "Lena Ortiz may resign before the vote, and the levy could fail."
    hedges = [m for m in analyzer.analyze(text).marks if m.kind is MarkKind.HEDGE]
    assert hedges
    assert all(m.speaker is None for m in hedges), hedges


def test_a_first_person_pledge_in_a_quote_stays_the_speakers(analyzer) -> None:  # type: ignore[no-untyped-def]
    text = '"We pledge to rebuild the seawall by spring," Lena Ortiz said.'
    assert _speaker(analyzer, text, MarkKind.COMMITMENT, "pledge") == "Lena Ortiz"
