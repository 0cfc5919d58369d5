"""Entities: name cleaning and alias merging (pure functions), and the component on the real pipeline."""

from __future__ import annotations

import pytest

from stance_reader.nlp.entities import clean_name, merge_aliases

TITLES = frozenset({"president", "secretary", "general", "minister", "defense", "mr", "mrs", "sen"})


@pytest.mark.parametrize(
    ("text", "label", "expected"),
    [
        ("Volodymyr Zelenskyy's", "PERSON", "Volodymyr Zelenskyy"),
        ("Zelenskyy\u2019s", "PERSON", "Zelenskyy"),
        ("James Jones'", "PERSON", "James Jones"),
        ("President Volodymyr Zelenskyy", "PERSON", "Volodymyr Zelenskyy"),
        ("Secretary General Mark Rutte", "PERSON", "Mark Rutte"),
        ("Mr. Smith", "PERSON", "Smith"),
        ("the United States", "GPE", "United States"),
        ("NATO", "ORG", "NATO"),
        # a title word alone is a name, not something to strip to nothing
        ("General", "PERSON", "General"),
    ],
)
def test_clean_name(text: str, label: str, expected: str) -> None:
    assert clean_name(text, label, TITLES) == expected


def test_surname_joins_an_earlier_full_name() -> None:
    names = merge_aliases([("Mark Rutte", "PERSON"), ("NATO", "ORG"), ("Rutte", "PERSON")])
    assert names == ["Mark Rutte", "NATO", "Mark Rutte"]


def test_full_name_after_a_bare_surname_upgrades_the_cluster() -> None:
    assert merge_aliases([("Rutte", "PERSON"), ("Mark Rutte", "PERSON")]) == ["Mark Rutte", "Mark Rutte"]


def test_two_people_sharing_a_surname_stay_apart() -> None:
    names = merge_aliases(
        [("Hillary Clinton", "PERSON"), ("Bill Clinton", "PERSON"), ("Clinton", "PERSON"),
         ("Hillary Clinton", "PERSON"), ("Clinton", "PERSON")]
    )
    assert names[0] != names[1]
    # a bare surname goes to the most recently mentioned bearer
    assert names[2] == "Bill Clinton"
    assert names[4] == "Hillary Clinton"


def test_initial_and_first_name_are_compatible() -> None:
    names = merge_aliases([("John Smith", "PERSON"), ("J. Smith", "PERSON"), ("John", "PERSON")])
    assert names == ["John Smith", "John Smith", "John Smith"]


def test_a_multi_word_surname_joins_the_full_name() -> None:
    names = merge_aliases([("Ursula von der Leyen", "PERSON"), ("von der Leyen", "PERSON")])
    assert names == ["Ursula von der Leyen", "Ursula von der Leyen"]


def test_different_first_names_with_same_surname_do_not_merge() -> None:
    assert merge_aliases([("Anna Berg", "PERSON"), ("Erik Berg", "PERSON")]) == ["Anna Berg", "Erik Berg"]


def test_other_labels_merge_case_insensitively_only() -> None:
    names = merge_aliases([("NATO", "ORG"), ("Nato", "ORG"), ("Brussels", "GPE")])
    assert names == ["NATO", "NATO", "Brussels"]


def _entities(analyzer, text: str) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return [(text[e.start : e.end], e.label, e.canonical) for e in analyzer.analyze(text).entities]


def test_possessive_alias_and_title_resolve_to_one_person(analyzer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Ukrainian President Volodymyr Zelenskyy presented a plan. Zelenskyy's aides were pleased, "
        "and Zelenskyy said that the plan would work."
    )
    people = [(t, c) for t, label, c in _entities(analyzer, text) if label == "PERSON"]
    assert len(people) == 3
    assert {c for _, c in people} == {"Volodymyr Zelenskyy"}


def test_name_after_a_title_that_the_model_missed_is_a_person(analyzer) -> None:  # type: ignore[no-untyped-def]
    text = "Ministers met Ukrainian Defense Minister Rustem Umerov on 17 October in Brussels."
    found = _entities(analyzer, text)
    assert ("Rustem Umerov", "PERSON", "Rustem Umerov") in found
    assert ("17 October", "DATE", "17 October") in found
    assert ("Brussels", "GPE", "Brussels") in found


def test_surname_the_model_tagged_org_or_missed_becomes_the_person(analyzer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Ukrainian President Volodymyr Zelenskyy flew to Brussels. The talks went on. "
        "Zelenskyy underscored that the plan would work. On Monday, Zelenskyy said it again."
    )
    people = [(t, c) for t, label, c in _entities(analyzer, text) if label == "PERSON"]
    full = ("Volodymyr Zelenskyy", "Volodymyr Zelenskyy")
    assert people == [full] + [("Zelenskyy", "Volodymyr Zelenskyy")] * 2


def test_entity_spans_are_clean(analyzer) -> None:  # type: ignore[no-untyped-def]
    text = "Headline of the Story\n\n21h33\n\nThe United States pledged \u20ac40 billion to the fund."
    found = _entities(analyzer, text)
    assert all("\n" not in t and t == t.strip() for t, _, _ in found)
    assert ("\u20ac40 billion", "MONEY", "\u20ac40 billion") in found
    assert not any(t == "21h33" for t, _, _ in found)
