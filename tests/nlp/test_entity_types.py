"""Entity types, acronyms and shared surnames as the sidebar shows them (issue 17, "Who said it").

The articles under tests/nlp/data/entities/ are written for these tests (fictional people and places).
Each test reads ``StanceAnalyzer.load().analyze(text)``: the entity labels and canonical names, and the
speakers of the quotes, i.e. what the sidebar lists and colours.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from stance_reader.core.models import Analysis, Entity, Quote
from stance_reader.nlp.entities import resolve_names
from stance_reader.nlp.entities.aliases import (
    NameHints,
    acronym,
    clean_name,
    expand_acronyms,
    initials,
    merge_aliases,
)
from stance_reader.nlp.entities.data import NICKNAMES_FILE, load_nicknames

DATA = Path(__file__).resolve().parent / "data" / "entities"


def _read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def _analysed(analyzer, name: str) -> tuple[str, Analysis]:  # type: ignore[no-untyped-def]
    text = _read(name)
    return text, analyzer.analyze(text)


@pytest.fixture(scope="module")
def ferry(analyzer) -> tuple[str, Analysis]:  # type: ignore[no-untyped-def]
    return _analysed(analyzer, "ferry-council.txt")


@pytest.fixture(scope="module")
def kessler(analyzer) -> tuple[str, Analysis]:  # type: ignore[no-untyped-def]
    return _analysed(analyzer, "kessler-campaign.txt")


@pytest.fixture(scope="module")
def freight(analyzer) -> tuple[str, Analysis]:  # type: ignore[no-untyped-def]
    return _analysed(analyzer, "freight-inquiry.txt")


@pytest.fixture(scope="module")
def harbour(analyzer) -> tuple[str, Analysis]:  # type: ignore[no-untyped-def]
    return _analysed(analyzer, "harbour-appeal.txt")


@pytest.fixture(scope="module")
def ocean(analyzer) -> tuple[str, Analysis]:  # type: ignore[no-untyped-def]
    return _analysed(analyzer, "ocean-summit.txt")


def _mentions(text: str, result: Analysis, written: str) -> list[tuple[str, str]]:
    """(label, canonical) of every entity mention written exactly so."""
    return [(e.label, e.canonical) for e in result.entities if text[e.start : e.end] == written]


def _speaker(text: str, result: Analysis, content_start: str) -> Quote:
    """The quote whose content starts with these words."""
    found = [q for q in result.quotes
             if text[q.content[0][0] : q.content[0][1]].lstrip("\"“").startswith(content_start)]
    assert len(found) == 1, content_start
    return found[0]


def _labels_by_name(entities: tuple[Entity, ...]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for e in entities:
        out[e.canonical].add(e.label)
    return out


# --- 1. types corrected -------------------------------------------------------------------------------

def test_a_given_name_makes_a_person_and_the_surname_follows(ferry) -> None:  # type: ignore[no-untyped-def]
    text, result = ferry
    assert _mentions(text, result, "Helena Varga") == [("PERSON", "Helena Varga")]
    assert _mentions(text, result, "Varga") == [("PERSON", "Helena Varga")] * 2
    assert _mentions(text, result, "Marcus Obi") == [("PERSON", "Marcus Obi")]
    assert set(_mentions(text, result, "Obi")) == {("PERSON", "Marcus Obi")}


def test_the_persons_quotes_all_go_to_one_speaker(ferry) -> None:  # type: ignore[no-untyped-def]
    text, result = ferry
    for content in ("that the ferry contract", "the price had fallen", "that Lindholm would get"):
        assert _speaker(text, result, content).speaker_entity == "Helena Varga"
    assert _speaker(text, result, "We can start").speaker_entity == "Marcus Obi"


def test_an_outlet_is_an_organisation_and_its_short_name_joins_it(ferry) -> None:  # type: ignore[no-untyped-def]
    text, result = ferry
    assert _mentions(text, result, "The Northbay Gazette") == [("ORG", "Northbay Gazette")]
    assert _mentions(text, result, "Gazette") == [("ORG", "Northbay Gazette")] * 2
    assert _speaker(text, result, "the council had not published").speaker_entity == "Northbay Gazette"


def test_a_town_the_article_calls_a_town_is_a_place(ferry) -> None:  # type: ignore[no-untyped-def]
    text, result = ferry
    assert set(_mentions(text, result, "Lindholm")) == {("GPE", "Lindholm")}


def test_no_name_is_listed_under_two_types(ferry, kessler, freight) -> None:  # type: ignore[no-untyped-def]
    for _, result in (ferry, kessler, freight):
        people = {e.canonical for e in result.entities if e.label == "PERSON"}
        labels = _labels_by_name(result.entities)
        assert not {n: labels[n] for n in people if len(labels[n]) > 1}


# --- 3. surnames go to the most salient bearer; a surname as a modifier is no person -----------------

def test_a_shared_surname_goes_to_the_most_salient_person(kessler) -> None:  # type: ignore[no-untyped-def]
    text, result = kessler
    # Daniel Kessler is named last in the opening sentence, and again before the final "Kessler said":
    # the senator, with more mentions, still holds the bare surname.
    assert set(_mentions(text, result, "Kessler")) == {("PERSON", "Ruth Kessler")}
    assert _mentions(text, result, "Daniel Kessler") == [("PERSON", "Daniel Kessler")] * 2
    assert _speaker(text, result, "We have the votes").speaker_entity == "Ruth Kessler"
    assert _speaker(text, result, "that the senator had never").speaker_entity == "Ruth Kessler"
    assert _speaker(text, result, "he would not take a role").speaker_entity == "Daniel Kessler"


def test_a_surname_modifying_a_noun_is_not_that_person(kessler) -> None:  # type: ignore[no-untyped-def]
    text, result = kessler
    people = {"Ruth Kessler", "Daniel Kessler"}
    campaign = _speaker(text, result, "that it had raised")
    assert campaign.speaker_entity == "Kessler campaign"
    assert ("ORG", "Kessler campaign") in _mentions(text, result, "Kessler campaign")
    assert _speaker(text, result, "more would follow").speaker_entity not in people  # "Kessler aides"
    assert _mentions(text, result, "The Kessler Foundation") == [("ORG", "Kessler Foundation")]
    aides = text.index("Kessler aides")
    assert not any(e.start == aides for e in result.entities)


def test_salience_counts_mentions_then_speaking_then_order() -> None:
    mentions = [("Anna Berg", "PERSON"), ("Erik Berg", "PERSON"), ("Berg", "PERSON")]
    # one mention each: the one who already spoke wins over the first introduced
    hints = [None, NameHints(subject=True), None]
    assert merge_aliases(mentions, hints)[2] == "Erik Berg"
    # nobody spoke: the first introduced, never simply the last
    assert merge_aliases(mentions)[2] == "Anna Berg"
    more = [("Anna Berg", "PERSON"), ("Erik Berg", "PERSON"), ("Erik", "PERSON"), ("Berg", "PERSON")]
    assert merge_aliases(more)[3] == "Erik Berg"


# --- 2. acronyms ---------------------------------------------------------------------------------------

def test_acronyms_join_the_name_they_spell(freight) -> None:  # type: ignore[no-untyped-def]
    text, result = freight
    assert _mentions(text, result, "SEC") == [("ORG", "Securities and Exchange Commission")]
    assert _mentions(text, result, "AP") == [("ORG", "Associated Press")]
    assert _mentions(text, result, "NFA") == [("ORG", "National Freight Association")] * 2
    sec = _speaker(text, result, "the inquiry was routine")  # "An SEC spokesman said"
    assert sec.speaker_entity == "Securities and Exchange Commission"
    assert _speaker(text, result, "the company had filed").speaker_entity == "Associated Press"


def test_a_bracketed_acronym_inside_the_models_span_is_split_off(analyzer) -> None:  # type: ignore[no-untyped-def]
    text = ("Senator Ruth Kessler said the Federal Bureau of Investigation (FBI) had been too slow. "
            "The FBI declined to comment.")
    orgs = [(text[e.start : e.end], e.canonical) for e in analyzer.analyze(text).entities if e.label == "ORG"]
    assert ("FBI", "Federal Bureau of Investigation") in orgs
    assert all("(" not in written for written, _ in orgs)
    assert {c for _, c in orgs} == {"Federal Bureau of Investigation"}


def test_initials_skip_small_words() -> None:
    assert "SEC" in initials("Securities and Exchange Commission")
    assert "AP" in initials("Associated Press")
    assert "OECD" in initials("Organisation for Economic Co-operation and Development")
    assert "WADA" in initials("World Anti-Doping Agency")  # a hyphenated word counts twice here
    assert acronym("A.P.") == "AP" and acronym("NATO") == "NATO"
    assert acronym("Nato") is None and acronym("I") is None


def test_an_acronym_takes_the_nearest_full_name_before_it_else_the_first_after() -> None:
    mentions = [("SEC", "ORG"), ("Securities and Exchange Commission", "ORG"), ("SEC", "ORG"),
                ("Sanitation Engineering Council", "ORG"), ("SEC", "ORG"), ("NATO", "ORG")]
    names = [n for n, _ in expand_acronyms(mentions)]
    assert names == ["Securities and Exchange Commission", "Securities and Exchange Commission",
                     "Securities and Exchange Commission", "Sanitation Engineering Council",
                     "Sanitation Engineering Council", "NATO"]


# --- 1. alias merging across type disagreements (also across the chunks of a long article) ------------

def test_a_surname_tagged_org_merges_into_the_person() -> None:
    resolved = resolve_names([("Varga", "ORG"), ("Helena Varga", "PERSON"), ("Varga", "ORG"),
                              ("Northbay Ferry Company", "ORG")])
    assert resolved == [("Helena Varga", "PERSON")] * 3 + [("Northbay Ferry Company", "ORG")]


def test_initials_of_a_hyphenated_given_name_are_that_person() -> None:
    resolved = resolve_names([("Jean-Luc Moreau", "PERSON"), ("J.L. Moreau", "PERSON"),
                              ("J.P. Moreau", "PERSON")])
    assert resolved == [("Jean-Luc Moreau", "PERSON")] * 2 + [("J.P. Moreau", "PERSON")]


def test_a_surname_with_a_particle_is_one_person_with_or_without_the_given_name() -> None:
    resolved = resolve_names([("Anneke de Wit", "ORG"), ("De Wit", "PERSON"),
                              ("Ursula von der Leyen", "PERSON"), ("von der Leyen", "ORG"),
                              ("Bank of Canada", "ORG"), ("De Beers", "ORG")])
    assert resolved == [("Anneke de Wit", "PERSON")] * 2 + [("Ursula von der Leyen", "PERSON")] * 2 + [
        ("Bank of Canada", "ORG"), ("De Beers", "ORG")]


def test_the_dutch_surname_and_the_dateline_in_an_article(analyzer) -> None:  # type: ignore[no-untyped-def]
    text = _read("port-dredging.txt")
    result = analyzer.analyze(text)
    # "Anneke de Wit", then "de Wit said" (the model's span: "Wit") and "De Wit insisted"
    wit = [(e.label, e.canonical) for e in result.entities if text[e.start : e.end].endswith("Wit")]
    assert wit == [("PERSON", "Anneke de Wit")] * 3
    assert _speaker(text, result, "We cannot start").speaker_entity == "Anneke de Wit"
    assert _speaker(text, result, "a shortfall").speaker_entity == "Anneke de Wit"
    assert _mentions(text, result, "ROTTERDAM") == [("GPE", "ROTTERDAM")]


def test_a_speaking_name_with_a_particle_is_a_person(analyzer) -> None:  # type: ignore[no-untyped-def]
    """The small model files "Anneke de Wit" under WORK_OF_ART here; speaking makes her a person (the
    lower-case "de" used to read as "not a name")."""
    text = 'Port delays ahead\n\n"We may need more time," Anneke de Wit told reporters.\n'
    people = {(e.label, e.canonical) for e in analyzer.analyze(text).entities}
    assert ("PERSON", "Anneke de Wit") in people


def test_chunks_merge_across_types_and_acronyms() -> None:
    from stance_reader.nlp.pipeline import _Partial, merge_chunks

    first = _Partial([], [], [Entity(0, 12, "PERSON", "Helena Varga"),
                              Entity(20, 36, "ORG", "Associated Press")])
    quote = Quote(content=((120, 130),), cue=(), speaker=((100, 105),), speaker_entity="Varga", direct=False,
                  rule="test")
    second = _Partial([], [quote], [Entity(100, 105, "ORG", "Varga"), Entity(140, 142, "ORG", "AP")])
    merged = merge_chunks([first, second])
    assert [(e.label, e.canonical) for e in merged.entities[2:]] == [
        ("PERSON", "Helena Varga"), ("ORG", "Associated Press")]
    assert merged.quotes[0].speaker_entity == "Helena Varga"


# --- 4. small noise ------------------------------------------------------------------------------------

def test_a_verb_stuck_to_the_front_of_a_name_is_cut(freight) -> None:  # type: ignore[no-untyped-def]
    text, result = freight
    people = [(text[e.start : e.end], e.canonical) for e in result.entities if e.label == "PERSON"]
    assert ("Tomas Reiner", "Tomas Reiner") in people
    assert not any("Hammering" in written or "Hammering" in c for written, c in people)


def test_a_date_never_speaks(freight) -> None:  # type: ignore[no-untyped-def]
    text, result = freight
    statement = _speaker(text, result, "the accounts would be filed")
    assert statement.speaker_entity is None
    dates = {e.canonical for e in result.entities if e.label in ("DATE", "TIME")}
    assert not any(q.speaker_entity in dates for q in result.quotes)
    assert not any(m.speaker in dates for m in result.marks)


def _with_model_entities(  # type: ignore[no-untyped-def]
    analyzer, text: str, ents: list[tuple[int, int, str]]
) -> list[tuple[str, str, str]]:
    """The entity component's output when the model's entities are ``ents`` (token start, end, label):
    lets a test feed a mistake the small model makes only sometimes."""
    from spacy.tokens import Span

    nlp = analyzer.nlp
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name == "stance_entities":
            break
        doc = proc(doc)
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    return [(text[e.start : e.end], e.label, e.canonical)
            for e in nlp.get_pipe("stance_entities")(doc)._.stance_entities]


def test_a_capitalised_adjective_is_no_place(analyzer) -> None:  # type: ignore[no-untyped-def]
    """The small model sometimes calls a sentence-opening adjective a place; fed such a guess, the
    component drops it, while a real place after "in" stays."""
    text = "White families in Lindholm said the ferry was late."
    assert _with_model_entities(analyzer, text, [(0, 1, "GPE"), (3, 4, "GPE")]) == [
        ("Lindholm", "GPE", "Lindholm")]


def test_a_skipped_surname_takes_only_a_capitalised_given_name(analyzer) -> None:  # type: ignore[no-untyped-def]
    text = "Councillor Nadia Pryce proposed a levy. Councillors rejected the bill Pryce had drafted."
    found = _with_model_entities(analyzer, text, [(1, 3, "PERSON")])
    assert [(w, c) for w, label, c in found if label == "PERSON"] == [
        ("Nadia Pryce", "Nadia Pryce"), ("Pryce", "Nadia Pryce")]  # not "bill Pryce", a new person


def test_entity_types_file_is_well_formed() -> None:
    from stance_reader.nlp.entities.data import TYPES_FILE, TypeWords
    from stance_reader.paths import models_dir

    path = models_dir() / TYPES_FILE
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert {r["kind"] for r in rows} == {"outlet_word", "outlet_name", "org_head", "place_word", "adjective",
                                         "org_noun", "speaks_for"}
    assert all(r["id"] and r["source"] and r["words"] for r in rows)
    words = TypeWords.load(path)
    assert "Gazette" in words.outlet_words and "campaign" in words.org_heads and "town" in words.place_words
    assert "utility" in words.org_nouns and "spokesman" in words.speaks_for
    assert TypeWords.load(path.parent / "absent.jsonl") == TypeWords()


def test_a_surname_once_written_with_a_title_is_that_person(analyzer) -> None:  # type: ignore[no-untyped-def]
    """ "Cardinal Rossi", then "Rossi agreed" (the small model: a place): one person."""
    text = "Pope Clement met Cardinal Rossi on Friday. Clement urged restraint; Rossi agreed.\n"
    found = analyzer.analyze(text).entities
    rossi = {(e.label, e.canonical) for e in found if text[e.start : e.end].endswith("Rossi")}
    assert rossi == {("PERSON", "Rossi")}


def test_a_hyphenated_given_name_stays_whole(analyzer) -> None:  # type: ignore[no-untyped-def]
    """In this article the model misses "Jean-Claude Juncker"; the speech-subject patch stopped at the
    hyphen ("Claude Juncker"). The other names merge with their short forms."""
    text = _read("summit-names.txt")
    people: dict[str, set[str]] = {}
    for e in analyzer.analyze(text).entities:
        if e.label == "PERSON":
            people.setdefault(e.canonical, set()).add(text[e.start : e.end])
    assert people["Jean-Claude Juncker"] == {"Jean-Claude Juncker", "Juncker"}
    assert "Claude Juncker" not in people
    assert people["Xi Jinping"] == {"Xi Jinping", "Xi"} and people["Kim Jong-un"] == {"Kim Jong-un", "Kim"}
    assert people["Gabriel García Márquez"] == {"Gabriel García Márquez", "García Márquez"}


def test_an_abbreviated_place_keeps_its_dot_and_an_office_is_no_body(analyzer) -> None:  # type: ignore[no-untyped-def]
    """ "U.S." was filed as "U.S" (the end-punctuation strip took the abbreviation's dot), which the
    gazetteer does not know; "State" in "Secretary of State" was listed as an organisation."""
    text = "Former U.S. Secretary of State Hillary Clinton also attended. The U.S. delegation left early."
    found = {(e.label, e.canonical) for e in analyzer.analyze(text).entities}
    assert found == {("GPE", "United States"), ("PERSON", "Hillary Clinton")}


def test_a_hyphenated_pair_of_given_names_makes_a_person_and_a_party_tag_is_no_body(analyzer) -> None:  # type: ignore[no-untyped-def]
    """The model tagged "Anne-Marie Duval" ORG beside "Ms. Duval" (PERSON): one person under two types
    and two colours. "D-Maine" after a senator's name was listed as an organisation."""
    text = (
        "The town's deputy mayor, Anne-Marie Duval, said repairs would cost millions. Ms. Duval added that "
        "the council had asked for help. Sen. Patricia O'Neill, D-Maine, promised federal aid."
    )
    found: dict[tuple[str, str], set[str]] = {}
    for e in analyzer.analyze(text).entities:
        found.setdefault((e.label, e.canonical), set()).add(text[e.start : e.end])
    assert found[("PERSON", "Anne-Marie Duval")] == {"Anne-Marie Duval", "Duval"}
    assert not any("Maine" in name for _, name in found)


def test_an_office_after_the_is_no_persons_name(analyzer) -> None:  # type: ignore[no-untyped-def]
    """ "The Interior Minister" (PERSON to the model, filed as "Minister") took the next "She"; an office
    written with "the" names no one. "Dr. King" (no "the") stays a name."""
    text = ("The Interior Minister, Grace Boateng, said the government would not tolerate violence. "
            "She announced an inquiry. Dr. King was quoted by the pastor.")
    analysis = analyzer.analyze(text)
    people = {e.canonical for e in analysis.entities if e.label == "PERSON"}
    assert "Minister" not in people and "King" in people
    (announced,) = [q for q in analysis.quotes if text[slice(*q.cue[0])] == "announced"]
    assert announced.speaker_entity == "Grace Boateng"


def _people(text: str, result: Analysis) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for e in result.entities:
        if e.label == "PERSON":
            out[e.canonical].add(text[e.start : e.end])
    return out


def test_a_hyphenated_given_name_the_model_cut_is_whole_and_father_and_son_stay_apart(harbour) -> None:  # type: ignore[no-untyped-def]
    """The model took "Willem van der Berg" out of "Jan-Willem van der Berg", and "Berg" out of "Van der
    Berg's son"; the son, "Thijs van der Berg", "the younger van der Berg", is his own person."""
    text, result = harbour
    people = _people(text, result)
    assert people["Jan-Willem van der Berg"] == {"Jan-Willem van der Berg", "Van der Berg", "van der Berg"}
    assert people["Thijs van der Berg"] == {"Thijs van der Berg", "van der Berg"}
    assert not any(name.startswith("Willem") or name == "Berg" for name in people)
    assert _speaker(text, result, "that his father had been").speaker_entity == "Thijs van der Berg"


def test_a_ship_named_like_a_person_is_no_person(harbour) -> None:  # type: ignore[no-untyped-def]
    text, result = harbour
    assert "Alma Rose" not in _people(text, result)
    assert ("PRODUCT", "Alma Rose") in {(e.label, e.canonical) for e in result.entities}


def test_a_compound_surnames_first_part_alone_is_that_person(ocean) -> None:  # type: ignore[no-untyped-def]
    """ "Luiz Carlos Moura da Silva, known … simply as Moura": "Moura" (ORG to the model once) and "Da
    Silva" are him; his quote is his. "Luiz" (a given name the list now has) stays in his name."""
    text, result = ocean
    people = _people(text, result)
    assert people["Luiz Carlos Moura da Silva"] == {"Luiz Carlos Moura da Silva", "Moura", "Da Silva"}
    assert not any(e.canonical == "Moura" for e in result.entities)
    assert _speaker(text, result, "We will not sign").speaker_entity == "Luiz Carlos Moura da Silva"


def test_namesakes_and_spouses_keep_their_own_quotes(ocean) -> None:  # type: ignore[no-untyped-def]
    text, result = ocean
    assert _speaker(text, result, "the summit would").speaker_entity == "Inês Carvalho"
    assert _speaker(text, result, "he hoped for a binding").speaker_entity == "Rui Carvalho"
    assert _speaker(text, result, "that Congress would fund").speaker_entity == "Margaret O'Neill"
    assert _speaker(text, result, "his country supported").speaker_entity == "Faisal bin Khalid"
    assert _speaker(text, result, "China would consider").speaker_entity == "Zhang Wenhua"


def test_a_word_before_particles_is_a_surname_only_when_no_given_name() -> None:
    from stance_reader.nlp.entities.aliases import compound_surname_head

    given = frozenset({"anna", "maria", "luiz", "carlos"})
    assert compound_surname_head("Luiz Carlos Moura da Silva", given) == "moura"
    assert compound_surname_head("Anna Maria de Souza", given) is None  # a middle given name
    assert compound_surname_head("Karin de Vries", given) is None
    assert compound_surname_head("Mark Rutte", given) is None


def test_an_office_with_a_prefix_names_no_one_and_her_quotes_are_hers(analyzer) -> None:  # type: ignore[no-untyped-def]
    """ "the Under-Secretary-General for Peace Operations, Amara Diallo": the office was filed as a person
    and took her three "she" quotes; "Under-" before a head title is still the office."""
    text, result = _analysed(analyzer, "council-debate.txt")
    people = _people(text, result)
    assert not any("Secretary" in name for name in people)
    for start in ("The trend is encouraging", "members to renew", "that the Secretariat would present"):
        assert _speaker(text, result, start).speaker_entity == "Amara Diallo"
    assert _speaker(text, result, "that France would contribute").speaker_entity == "Claire Fontaine"
    assert _speaker(text, result, "whether a compromise was near").speaker_entity == "Claire Fontaine"


def test_a_word_addressing_someone_is_not_part_of_their_name(analyzer) -> None:  # type: ignore[no-untyped-def]
    """ "Sorry Sarah, you should have said no": the model took "Sorry Sarah" as a name, and every later
    bare "Sarah" joined it (a surname match) instead of Sarah Palin."""
    text = ("Sarah Palin spoke on Friday. \u201cSorry Sarah, you should have said no,\u201d posted a fan. "
            "Thanks Sarah! Dear Sarah, we love you.")
    people = {(text[e.start : e.end], e.canonical) for e in analyzer.analyze(text).entities
              if e.label == "PERSON"}
    assert people == {("Sarah Palin", "Sarah Palin"), ("Sarah", "Sarah Palin")}


def test_the_fed_is_the_federal_reserve_and_fed_up_is_no_body(analyzer) -> None:  # type: ignore[no-untyped-def]
    """A central-bank story listed "U.S. Federal Reserve", "Federal Reserve" and "Fed" as three bodies."""
    text = ("The U.S. Federal Reserve held rates. The Federal Reserve said inflation eased. "
            "Fed Chair Daniel Okafor spoke. The Fed was in no hurry. Fed up with delays, farmers protested.")
    entities = analyzer.analyze(text).entities
    assert {e.canonical for e in entities if e.label == "ORG"} == {"Federal Reserve"}
    assert sum(1 for e in entities if text[e.start : e.end] == "Fed") == 2


def test_a_central_bank_story_files_each_body_once_and_each_quote_to_its_speaker(analyzer) -> None:  # type: ignore[no-untyped-def]
    """Acronyms with and without brackets ("The International Monetary Fund (IMF)", "ECB President"),
    a listed short form ("the Fed"), a colleague named after a possessive ("Vogel's colleague")."""
    text, result = _analysed(analyzer, "rates-decision.txt")
    bodies: dict[str, set[str]] = defaultdict(set)
    for e in result.entities:
        if e.label == "ORG":
            bodies[e.canonical].add(text[e.start : e.end])
    assert bodies["European Central Bank"] >= {"The European Central Bank", "ECB"}
    assert bodies["International Monetary Fund"] >= {"The International Monetary Fund", "IMF"}
    assert bodies["Federal Reserve"] >= {"the U.S. Federal Reserve", "Fed"}
    assert not {"ECB", "IMF", "Fed", "U.S. Federal Reserve"} & set(bodies)
    assert _speaker(text, result, "We are not pre-committing").speaker_entity == "Christine Delacroix"
    assert _speaker(text, result, "the bank would").speaker_entity == "Christine Delacroix"
    assert _speaker(text, result, "the bank probably needed").speaker_entity == "Markus Feld"
    assert _speaker(text, result, "the fund").speaker_entity == "Julia Baptiste"
    assert _speaker(text, result, "that the Fed was").speaker_entity == "Daniel Okafor"


# -- short forms of given names and post-nominal letters (contract-appeal.txt, written for this) --------

NICKNAMES = load_nicknames(Path(__file__).parents[2] / "models" / NICKNAMES_FILE)


def test_a_short_form_of_the_first_name_is_the_same_person() -> None:
    mentions = [("Rob McAllister", "PERSON"), ("Robert McAllister", "PERSON"), ("McAllister", "PERSON"),
                ("John McAllister", "PERSON"), ("Chuck Grassley", "PERSON"), ("Charles Grassley", "PERSON")]
    names = [name for name, _ in resolve_names(mentions, nicknames=NICKNAMES)]
    assert names == ["Rob McAllister"] * 3 + ["John McAllister"] + ["Chuck Grassley"] * 2
    # without the short forms "Robert" is someone else
    assert resolve_names(mentions)[1][0] == "Robert McAllister"


def test_a_bare_short_form_finds_the_full_name_and_an_ambiguous_one_fits_either() -> None:
    names = resolve_names([("Jeffrey Feltman", "PERSON"), ("Jeff", "PERSON")], nicknames=NICKNAMES)
    assert [n for n, _ in names] == ["Jeffrey Feltman"] * 2
    for formal in ("Patricia Moore", "Patrick Moore"):
        names = resolve_names([(formal, "PERSON"), ("Pat Moore", "PERSON")], nicknames=NICKNAMES)
        assert names[1][0] == formal
    # a different given name is never a short form: two people
    names = resolve_names([("Robert Hale", "PERSON"), ("Richard Hale", "PERSON")], nicknames=NICKNAMES)
    assert names[1][0] == "Richard Hale"


def test_post_nominal_letters_are_not_part_of_the_name() -> None:
    titles = frozenset({"mr", "dr"})
    assert clean_name("Samuel T. Whitaker QC", "PERSON", titles) == "Samuel T. Whitaker"
    assert clean_name("Dame Ann Leslie DBE", "PERSON", titles | {"dame"}) == "Ann Leslie"


def test_the_appeal_story_files_each_person_once(analyzer) -> None:  # type: ignore[no-untyped-def]
    text, result = _analysed(analyzer, "contract-appeal.txt")
    people: dict[str, set[str]] = {}
    for e in result.entities:
        if e.label == "PERSON":
            people.setdefault(e.canonical, set()).add(text[e.start : e.end])
    assert people["Samuel T. Whitaker"] >= {"Samuel T. Whitaker QC", "Whitaker"}
    assert people["Rob McAllister"] >= {"Rob McAllister", "Robert McAllister", "McAllister"}
    assert people["John McAllister"] == {"John McAllister"}
    assert "Robert McAllister" not in people
