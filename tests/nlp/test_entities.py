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
    # a bare surname goes to the most salient bearer, not the last one named: a tie in mentions goes
    # to the first introduced, then Hillary has more mentions
    assert names[2] == "Hillary Clinton"
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


# --- gazetteer: label corrections, missed places, short forms, laws, number words -------------------

def test_gazetteer_file_is_well_formed() -> None:
    import json

    from stance_reader.nlp.entities import GAZETTEER_FILE, Gazetteer
    from stance_reader.paths import models_dir

    path = models_dir() / GAZETTEER_FILE
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) >= 300
    assert {r["label"] for r in rows} <= {"GPE", "LOC", "ORG"}  # spaCy's own labels, nothing invented
    forms = [f for r in rows for f in [r["name"], *r.get("aliases", []), *r.get("ambiguous_aliases", [])]]
    assert len(forms) == len(set(forms)), "a surface form may file under one entry only"
    gaz = Gazetteer.load(path)
    assert gaz.lookup("UK") is not None and gaz.lookup("UK").canonical == "United Kingdom"  # type: ignore[union-attr]
    assert gaz.lookup("Jordan") is not None and gaz.lookup("Jordan").ambiguous  # type: ignore[union-attr]
    fed = gaz.lookup("Fed")
    assert fed is not None and fed.ambiguous and fed.canonical == "Federal Reserve"
    assert "European Commission" in gaz.anaphora["Commission"]


def test_missing_gazetteer_leaves_the_model_labels(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from stance_reader.nlp.entities import Gazetteer

    assert Gazetteer.load(tmp_path / "absent.jsonl").lookup("Budapest") is None


def test_places_the_model_called_people_or_organisations_are_places(analyzer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Finance ministers met in Ostrava on Monday to discuss the flooded Danube corridor. "
        "According to Hungarian officials, Budapest could support the plan."
    )
    found = {(t, label) for t, label, _ in _entities(analyzer, text)}
    assert {("Ostrava", "GPE"), ("Danube", "LOC"), ("Budapest", "GPE")} <= found
    places = ("Ostrava", "Danube", "Budapest")
    assert not any(t in places and label in ("PERSON", "ORG") for t, label in found)


def test_aliases_file_under_one_canonical_name(analyzer) -> None:  # type: ignore[no-untyped-def]
    text = "The UK and the US sent envoys to Kyiv, and officials in Britain welcomed the move."
    found = _entities(analyzer, text)
    assert ("UK", "GPE", "United Kingdom") in found
    assert ("Britain", "GPE", "United Kingdom") in found
    assert ("US", "GPE", "United States") in found


def test_a_person_who_shares_a_name_with_a_place_stays_a_person(analyzer) -> None:  # type: ignore[no-untyped-def]
    text = ("Jordan Peterson spoke in Jordan on Friday. Mr. Warsaw said hello. "
            "Chad Smith said the troops would leave.")
    found = _entities(analyzer, text)
    assert ("Jordan Peterson", "PERSON", "Jordan Peterson") in found
    assert ("Jordan", "GPE", "Jordan") in found  # after "in": the country
    assert ("Warsaw", "PERSON", "Warsaw") in found  # after a title: a person
    assert ("Chad Smith", "PERSON", "Chad Smith") in found


def test_the_commission_joins_the_full_name_seen_earlier(analyzer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "European Commission Vice-President Anna Lind presented the plan on Monday. "
        "She said the Commission had already reserved the funds. The bank would open an office."
    )
    orgs = [(t, c) for t, label, c in _entities(analyzer, text) if label == "ORG"]
    assert orgs == [("European Commission", "European Commission"), ("Commission", "European Commission")]


def test_a_short_form_without_its_full_name_is_not_resolved(analyzer) -> None:  # type: ignore[no-untyped-def]
    text = "The talks went on. The Commission said the Bank would lend more."
    found = _entities(analyzer, text)
    full_names = ("European Commission", "World Bank", "European Investment Bank")
    assert not any(c in full_names for _, _, c in found)


def test_the_bank_goes_to_the_most_recent_bank(analyzer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The World Bank and the IMF lent money. The European Investment Bank pledged more. "
        "The Bank said it would lend again, and the Fund agreed."
    )
    found = _entities(analyzer, text)
    assert ("Bank", "ORG", "European Investment Bank") in found
    assert ("Fund", "ORG", "International Monetary Fund") in found
    assert ("IMF", "ORG", "International Monetary Fund") in found


def test_named_pacts_and_acts_are_laws(analyzer) -> None:  # type: ignore[no-untyped-def]
    text = "Ingrid Kellner presented her Reconstruction Pact on Monday. The Affordable Care Act survived."
    laws = {c for _, label, c in _entities(analyzer, text) if label == "LAW"}
    assert {"Reconstruction Pact", "Affordable Care Act"} <= laws


def test_is_law_needs_a_name_and_spares_people() -> None:
    from stance_reader.nlp.entities import _is_law

    assert _is_law("Reconstruction Pact", "ORG")
    assert _is_law("Clean Air Act", "ORG")
    assert not _is_law("Pact", "ORG")  # a bare head word is no name
    assert not _is_law("Jude Law", "PERSON")
    assert not _is_law("Uncle Bill", "PERSON")
    assert not _is_law("Paris Agreement", "DATE")


def test_number_words_are_not_money_or_figures(analyzer) -> None:  # type: ignore[no-untyped-def]
    text = ("We will deliver the first \u20ac12 billion by March, and two of the ministers "
            "were the first to arrive.")
    found = _entities(analyzer, text)
    assert ("\u20ac12 billion", "MONEY", "\u20ac12 billion") in found
    assert not any(t.lower() in ("first", "two") or t.lower().startswith("the first") for t, _, _ in found)


def test_after_in_a_listed_city_stays_a_city_even_beside_a_namesake(analyzer) -> None:  # type: ignore[no-untyped-def]
    text = "Whitney Houston sang on Friday. The company said Amazon would build a warehouse in Houston."
    found = _entities(analyzer, text)
    assert ("Whitney Houston", "PERSON", "Whitney Houston") in found
    assert ("Houston", "GPE", "Houston") in found
    # an ambiguous listed name ("Amazon" the river) never overrules the model's ORG
    assert not any(t == "Amazon" and label == "LOC" for t, label, _ in found)


def test_an_honorific_picks_the_namesake_it_fits() -> None:
    from stance_reader.nlp.entities import NameHints

    mentions = [("Hillary Clinton", "PERSON"), ("Bill Clinton", "PERSON"), ("Clinton", "PERSON"),
                ("Clinton", "PERSON")]
    hints = [None, None, NameHints(gender="f"), None]
    names = merge_aliases(mentions, hints, {"hillary": "f", "bill": "m"})
    assert names[2] == "Hillary Clinton"  # "Mrs Clinton", although Bill was mentioned last
    assert names[3] == "Hillary Clinton"  # no hint: the most salient bearer, now Hillary


def test_a_role_title_picks_the_namesake_who_held_it() -> None:
    from stance_reader.nlp.entities import NameHints

    mentions = [("Anna Berg", "PERSON"), ("Erik Berg", "PERSON"), ("Berg", "PERSON")]
    hints = [NameHints(titles=frozenset({"senator"})), NameHints(titles=frozenset({"governor"})),
             NameHints(titles=frozenset({"senator"}))]
    assert merge_aliases(mentions, hints)[2] == "Anna Berg"


def test_an_honorific_that_fits_no_one_keeps_salience() -> None:
    from stance_reader.nlp.entities import NameHints

    mentions = [("Anna Berg", "PERSON"), ("Erik Berg", "PERSON"), ("Erik", "PERSON"), ("Berg", "PERSON")]
    names = merge_aliases(mentions, [None, None, None, NameHints(gender="x")], {"anna": "f", "erik": "m"})
    assert names[3] == "Erik Berg"  # two mentions against one


def test_mrs_and_mr_resolve_in_an_article(analyzer) -> None:  # type: ignore[no-untyped-def]
    text = ("Hillary Clinton spoke in Ohio on Monday. Bill Clinton campaigned in Iowa. "
            "Mrs. Clinton said the plan was sound. Mr. Clinton said he agreed.")
    people = [(t, c) for t, lab, c in _entities(analyzer, text) if lab == "PERSON"]
    assert ("Clinton", "Hillary Clinton") in people
    assert ("Clinton", "Bill Clinton") in people
    assert people[-2] == ("Clinton", "Hillary Clinton") and people[-1] == ("Clinton", "Bill Clinton")


def test_a_name_guessed_only_from_a_title_case_heading_is_dropped(analyzer) -> None:  # type: ignore[no-untyped-def]
    text = ("NATO's Lukewarm Reception of the Victory Plan as Ukraine Seeks Support\n\n"
            "NATO ministers met in Brussels on Thursday. Ukraine asked for more air defence.")
    found = {(t, lab) for t, lab, _ in _entities(analyzer, text)}
    assert not any("Lukewarm" in t for t, _ in found)
    heading = text.split("\n")[0]
    assert any(t == "NATO" and text.index(t) < len(heading) for t, _ in found)  # the body names NATO too
    assert ("Ukraine", "GPE") in found


def test_a_heading_name_the_body_also_uses_is_kept(analyzer) -> None:  # type: ignore[no-untyped-def]
    text = ("Anna Berg Wins the Northfield Mayoral Race by a Wide Margin\n\n"
            "Anna Berg thanked her volunteers on Sunday night.")
    people = [(e.start, e.canonical) for e in analyzer.analyze(text).entities if e.label == "PERSON"]
    assert (0, "Anna Berg") in people and len(people) == 2


def test_a_sentence_is_not_a_heading() -> None:
    from stance_reader.nlp.entities import _in_title_case_line

    assert _in_title_case_line("Port Workers and Operators Trade Offers\n\nThe union said.", 3)
    assert not _in_title_case_line("The Union Said It Would Strike On Monday.", 3)  # full stop
    assert not _in_title_case_line("Anna Berg said the talks would resume.", 3)
    assert not _in_title_case_line("Berg Wins", 0)  # too short to tell


def test_a_name_written_without_its_accents_is_the_same_person() -> None:
    """Wire copy drops accents a local paper keeps: "Alvarez" is "José Álvarez", "Bogota" is "Bogotá"."""
    names = merge_aliases(
        [("José Álvarez", "PERSON"), ("Alvarez", "PERSON"), ("Jose Alvarez", "PERSON"), ("Bogotá", "GPE"),
         ("Bogota", "GPE"), ("Anna Berg", "PERSON"), ("Berg", "PERSON")]
    )
    assert names == ["José Álvarez"] * 3 + ["Bogotá"] * 2 + ["Anna Berg"] * 2
