"""Canonical speaker names (services.speakers): titles normalised away, bare surnames joined to the one
full name with that surname, the analyst's aliases applied last. Pure functions: no store, no spaCy."""

from __future__ import annotations

import pytest

from stance_reader.core.models import Analysis, Mark, MarkKind, Quote
from stance_reader.services.speakers import mentions_of, normalise, resolve


@pytest.mark.parametrize(
    ("written", "key", "name"),
    [
        ("Mark Rutte", "mark rutte", "Mark Rutte"),
        ("NATO Secretary General Mark Rutte", "mark rutte", "Mark Rutte"),
        ("Mr. Rutte", "rutte", "Rutte"),
        ("Rutte's", "rutte", "Rutte"),
        ("Former US President Joe Biden", "joe biden", "Joe Biden"),
        ("Prime Minister Keir Starmer", "keir starmer", "Keir Starmer"),
        ("Chancellor Olaf Scholz", "olaf scholz", "Olaf Scholz"),
        ("Ursula von der Leyen", "ursula von der leyen", "Ursula von der Leyen"),
        ("José Manuel Barroso", "jose manuel barroso", "José Manuel Barroso"),
        ("NATO", "nato", "NATO"),
        ("the secretary general", "the secretary general", "the secretary general"),
    ],
)
def test_normalise(written: str, key: str, name: str) -> None:
    assert normalise(written) == (key, name)


LIBRARY = [
    ("mark rutte", "Mark Rutte", 5),
    ("rutte", "Rutte", 3),
    ("berg", "Berg", 2),
    ("anna berg", "Anna Berg", 1),
    ("lars berg", "Lars Berg", 4),
    ("okafor", "Okafor", 1),
]


def test_a_bare_surname_joins_the_single_full_name() -> None:
    resolved = resolve(LIBRARY, {})
    assert resolved["rutte"] == resolved["mark rutte"] == ("mark rutte", "Mark Rutte")


def test_an_ambiguous_surname_stays_separate() -> None:
    resolved = resolve(LIBRARY, {})
    assert resolved["berg"] == ("berg", "Berg")
    assert resolved["anna berg"] == ("anna berg", "Anna Berg")
    assert resolved["okafor"] == ("okafor", "Okafor")  # no full name: itself


def test_aliases_merge_and_pin() -> None:
    merged = resolve(LIBRARY, {"berg": "lars berg"})
    assert merged["berg"] == ("lars berg", "Lars Berg")
    pinned = resolve(LIBRARY, {"rutte": "rutte"})  # a split: Rutte stands alone
    assert pinned["rutte"] == ("rutte", "Rutte") and pinned["mark rutte"] == ("mark rutte", "Mark Rutte")
    chained = resolve(LIBRARY, {"okafor": "anna berg", "anna berg": "lars berg"})
    assert chained["okafor"] == chained["anna berg"] == ("lars berg", "Lars Berg")
    cycle = resolve(LIBRARY, {"okafor": "berg", "berg": "okafor"})  # never loops
    assert cycle["okafor"][0] in {"okafor", "berg"}


def test_a_full_name_merged_away_no_longer_takes_surnames() -> None:
    resolved = resolve(LIBRARY, {"mark rutte": "okafor"})
    assert resolved["mark rutte"] == ("okafor", "Okafor")
    assert resolved["rutte"] == ("rutte", "Rutte")


def test_mentions_of_keeps_speaker_marks_and_quotes_only() -> None:
    text = "Rutte said: we may wait. The paper thinks it will fail."
    analysis = Analysis(
        marks=(
            Mark(MarkKind.HEDGE, 12, 24, ((15, 18),), "t", "Secretary General Rutte", confidence=0.9),
            Mark(MarkKind.COMMITMENT, 26, 55, ((42, 46),), "t", None, confidence=0.9),
            Mark(MarkKind.HEDGE, 12, 24, ((15, 18),), "t", "Rutte", confidence=0.1),  # under the bar
        ),
        quotes=(Quote(((12, 24),), ((6, 10),), ((0, 5),), "Rutte"),),
        thresholds={"hedge": 0.5},
    )
    found = mentions_of(analysis, text)
    assert [(m.kind, m.mention_key, m.snippet) for m in found] == [
        ("hedge", "rutte", "we may wait."),
        ("quote", "rutte", "we may wait."),
    ]
