"""Speakers named by their role ("the commissioner said …") are the person the article introduced with
that role; an anonymous "an official" is no one in particular (an article we wrote)."""

from __future__ import annotations

from pathlib import Path

from stance_reader.core.models import MarkKind

ARTICLE = Path(__file__).parent / "data" / "role-speakers.txt"


def _speaker_of(analysis, text: str, phrase: str) -> str | None:  # type: ignore[no-untyped-def]
    at = text.index(phrase)
    found = [m for m in analysis.marks if m.start <= at < m.end]
    assert found, (phrase, [(m.kind, text[m.start : m.end]) for m in analysis.marks])
    return found[0].speaker


def test_a_role_description_names_the_person_introduced_with_it(analyzer) -> None:  # type: ignore[no-untyped-def]
    text = ARTICLE.read_text(encoding="utf-8")
    analysis = analyzer.analyze(text)
    assert _speaker_of(analysis, text, "the work may slip") == "Ingrid Solheim"  # "the commissioner"
    assert _speaker_of(analysis, text, "the board would probably") == "Karl Dahl"  # "the finance chief"
    said = {q.speaker_entity for q in analysis.quotes if text.index("An official") in range(*q.speaker[0])}
    assert said <= {None}, "an anonymous official is not the last person named"
    assert any(m.kind is MarkKind.HEDGE and m.speaker == "Ingrid Solheim" for m in analysis.marks)


COUNCIL = Path(__file__).parent / "data" / "council-access.txt"


def _analysed(analyzer, path: Path):  # type: ignore[no-untyped-def]
    text = path.read_text(encoding="utf-8")
    return text, analyzer.analyze(text)


def _quote_starting(analysis, text: str, words: str):  # type: ignore[no-untyped-def]
    found = [q for q in analysis.quotes if text[slice(*q.content[0])].lstrip('"').startswith(words)]
    assert len(found) == 1, words
    return found[0]


def _labels(analysis) -> dict[str, set[str]]:  # type: ignore[no-untyped-def]
    """Canonical name -> every label its mentions carry (one name, one type, is the point)."""
    labels: dict[str, set[str]] = {}
    for e in analysis.entities:
        labels.setdefault(e.canonical, set()).add(e.label)
    return labels


def _assert_speakers(analysis, text: str, expected: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    """Each quote opening with the key's words is credited to the value."""
    for words, who in expected.items():
        assert _quote_starting(analysis, text, words).speaker_entity == who, words


def test_someone_who_speaks_for_a_named_body_speaks_as_that_body(analyzer) -> None:  # type: ignore[no-untyped-def]
    """'The representative of Kestria said …', 'Members of the Security Council urged …': the source as
    written runs to the body, so the reader sees who spoke rather than 'The representative'; the
    representative's next 'he said' quote follows. 'A friend of X' would not make X the speaker."""
    text, analysis = _analysed(analyzer, COUNCIL)
    government = _quote_starting(analysis, text, "his Government was prepared")
    assert text[slice(*government.speaker[0])] == "The representative of Kestria"
    assert government.speaker_entity == "Kestria"
    assert _quote_starting(analysis, text, "We cannot accept corridors").speaker_entity == "Kestria"
    urged = _quote_starting(analysis, text, "the parties in the northern")
    assert urged.speaker_entity == "UN Security Council"
    assert _quote_starting(analysis, text, "his country would host").speaker_entity == "Pieter van den Berg"


def test_a_relative_of_a_named_person_is_not_that_person(analyzer) -> None:  # type: ignore[no-untyped-def]
    text = "The brother of Marta Kovac said the family would appeal the ruling."
    (quote,) = analyzer.analyze(text).quotes
    assert text[slice(*quote.speaker[0])] == "The brother"
    assert quote.speaker_entity is None


CAMPAIGN = Path(__file__).parent / "data" / "campaign-poll.txt"


def test_the_named_aide_speaks_not_the_candidate_who_employs_him(analyzer) -> None:  # type: ignore[no-untyped-def]
    """"Okafor's campaign manager, Dev Patel, said …": the apposed name is the speaker, not the
    possessor; "According to the institute's director, Hannah Berg, the shift …": the name belongs
    to the source, and the content starts after it."""
    text, analysis = _analysed(analyzer, CAMPAIGN)
    assert _quote_starting(analysis, text, "the numbers reflected").speaker_entity == "Dev Patel"
    assert _quote_starting(analysis, text, "that the senator would").speaker_entity == "Dev Patel"
    shift = _quote_starting(analysis, text, "the shift is concentrated")
    assert text[slice(*shift.speaker[0])] == "the institute's director, Hannah Berg"
    assert shift.speaker_entity == "Hannah Berg"
    assert _quote_starting(analysis, text, "I expect to work").speaker_entity == "Grace Okafor"
    ledger = [e.label for e in analysis.entities if text[e.start : e.end] == "Ledger"]
    assert ledger == ["ORG"], "an outlet word alone is the newspaper"


CLOSURE = Path(__file__).parent / "data" / "plant-closure.txt"


def test_a_wire_story_names_bodies_and_leaves_its_dateline_out(analyzer) -> None:  # type: ignore[no-untyped-def]
    """The dateline 'DUBLIN (Tidewater Wire) - ' is not what the company said; 'the department' is
    the Department of Enterprise named before it; 'Analysts at Norrbank' speak from Norrbank."""
    text, analysis = _analysed(analyzer, CLOSURE)
    assert _quote_starting(analysis, text, "Halvorsen Motors will close").speaker
    assert not [q for q in analysis.quotes if text[slice(*q.content[0])].startswith("DUBLIN")]
    declined = _quote_starting(analysis, text, "to say whether state aid")
    assert declined.speaker_entity == "Department of Enterprise"
    assert _quote_starting(analysis, text, "the closure could be").speaker_entity == "Norrbank"
    wire = {e.label for e in analysis.entities if e.canonical == "Tidewater Wire"}
    assert wire == {"ORG"}


INTERVIEW = Path(__file__).parent / "data" / "minister-interview.txt"


def test_i_inside_an_answer_is_the_one_answering(analyzer) -> None:  # type: ignore[no-untyped-def]
    """ "Vogt: I understand why they say that": the "I" reporting inside Vogt's answer is Vogt."""
    text, analysis = _analysed(analyzer, INTERVIEW)
    understood = _quote_starting(analysis, text, "why they say that")
    assert text[slice(*understood.speaker[0])] == "I"
    assert understood.speaker_entity == "Lena Vogt"
    assert _quote_starting(analysis, text, "I doubt it").speaker_entity == "Lena Vogt"
    assert _quote_starting(analysis, text, "the budget cuts wages").speaker_entity is None  # "The unions"


TARIFF = Path(__file__).parent / "data" / "water-tariff.txt"


def test_a_council_story_names_its_mayor_and_its_utility(analyzer) -> None:  # type: ignore[no-untyped-def]
    """ "the mayor accused …" in the lead is Mayor Tobias Lindqvist, named a paragraph later; "the
    utility, Northwater," and "a Northwater spokesman" make Northwater an organisation (the small
    model: a person, then a nationality); the source of "According to figures from the utility,
    Northwater, …" keeps the utility's name, and the report starts after it."""
    text, analysis = _analysed(analyzer, TARIFF)
    assert _quote_starting(analysis, text, "playing games").speaker_entity == "Tobias Lindqvist"
    northwater = {e.label for e in analysis.entities if e.canonical == "Northwater"}
    assert northwater == {"ORG"}
    figures = _quote_starting(analysis, text, "the average household bill")
    assert text[slice(*figures.speaker[0])] == "figures from the utility, Northwater"


TALKS = Path(__file__).parent / "data" / "border-talks.txt"


def test_a_diplomatic_story_knows_its_states_and_its_dateline(analyzer) -> None:  # type: ignore[no-untyped-def]
    """Two invented states the small model takes for a person and a nationality are places once the
    article gives one a foreign minister or a ministry ("Veloria's foreign minister"); the dateline's
    place and agency are named though the model left them out; "Petrescu, she added, had assured her
    …" reports Petrescu with the rest of the clause."""
    text, analysis = _analysed(analyzer, TALKS)
    labels = _labels(analysis)
    assert labels["Veloria"] == {"GPE"} and labels["Kestrel"] == {"GPE"}
    assert labels["GENEVA"] == {"GPE"} and labels["Lakeside Press"] == {"ORG"}
    (assured,) = [q for q in analysis.quotes if text[slice(*q.cue[0])] == "added"]
    assert [text[s:e] for s, e in assured.content] == [
        "Petrescu", "had assured her that Veloria would honour the ceasefire"]
    assert assured.speaker_entity == "Ingrid Holm"


WARNING = Path(__file__).parent / "data" / "profit-warning.txt"


def test_a_business_story_keeps_its_company_in_view(analyzer) -> None:  # type: ignore[no-untyped-def]
    """ "it said in a filing" and "A spokeswoman for the company" speak for Harbin Foods; the short
    "Harbin" is the company, not the Chinese city the gazetteer knows; "told investors on a conference
    call that …" reports the that-clause the parser hung on "call", with the quoted words inside it."""
    text, analysis = _analysed(analyzer, WARNING)
    assert _quote_starting(analysis, text, "The company now expects").speaker_entity == "Harbin Foods"
    assert _quote_starting(analysis, text, "Harbin remained committed").speaker_entity == "Harbin Foods"
    assert {(e.label, e.canonical) for e in analysis.entities if text[e.start : e.end] == "Harbin"} == {
        ("ORG", "Harbin Foods")}
    told = _quote_starting(analysis, text, "that the company would raise prices")
    assert text[slice(*told.content[0])].endswith('"absorb part of the pain" to keep customers')
    assert told.speaker_entity == "Sofia Marchetti"


CLINICS = Path(__file__).parent / "data" / "clinic-funding.txt"


def test_a_health_story_credits_every_quote_and_lists_each_name_once(analyzer) -> None:  # type: ignore[no-untyped-def]
    """ "The regional health minister, Tomas Brandt, told reporters …" went to Elena Petrova (the role
    "minister" was looked up and matched "the Ministry of Health, Elena Petrova" on "health"): a name
    apposed to the role is the speaker. "The association's chair, Karin Eide," (ORG to the model) is a
    person; "the Lakeville clinic" (ORG) is the town the dateline and "in Lakeville" name, listed as
    "Lakeville", not as the dateline's capitals."""
    text, analysis = _analysed(analyzer, CLINICS)
    expected = {
        "We are running out of time": "Ingrid Solberg",
        "her staff had already cut": "Ingrid Solberg",
        "that the government had": "Tomas Brandt",
        "the region would keep": "Tomas Brandt",
        "I am not going to pretend": "Tomas Brandt",
        "the ministry had offered": "Elena Petrova",
        "The offer remains": "Elena Petrova",
        "she did not know how": "Margit Haugen",
        "My daughter works": "Margit Haugen",
        "They always find the money": "Olav Lund",
        "both sides to return": "Karin Eide",
        "that any new money": "Arne Vik",
        "We will not write": "Arne Vik",
        "she would believe a deal": "Ingrid Solberg",
    }
    _assert_speakers(analysis, text, expected)
    labels = _labels(analysis)
    assert labels["Karin Eide"] == {"PERSON"} and labels["Lakeville"] == {"GPE"}
    assert "LAKEVILLE" not in labels


PORT = Path(__file__).parent / "data" / "port-strike.txt"


def test_a_port_story_writes_its_authority_whole_and_keeps_two_jans_apart(analyzer) -> None:  # type: ignore[no-untyped-def]
    """ "The Port of Rotterdam Authority said …" was written "The Port" as the speaker and listed as a
    work of art (the model's label, which the name-runs-on rule did not know): the mention runs to the
    end of the name and an organisation's head word ("Authority") makes it one. Two economists both
    called Jan stay apart, and each "he" goes to the one speaking."""
    text, analysis = _analysed(analyzer, PORT)
    statement = _quote_starting(analysis, text, "that automation was")
    assert text[slice(*statement.speaker[0])] == "The Port of Rotterdam Authority"
    assert {e.label for e in analysis.entities if e.canonical == "Port of Rotterdam Authority"} == {"ORG"}
    expected = {
        "Our members have been patient": "Pieter de Vries",
        "the authority might delay": "Allard Castelein",
        "They told us one thing": "Pieter de Vries",
        "a strike of more than a week": "Jan Bakker",
        "that automation \"probably": "Jan Bakker",
        "The numbers in the authority": "Jan Visser",
        "the government would not intervene": "Barry Madlener",
        "That is a question for the port": "Barry Madlener",
    }
    _assert_speakers(analysis, text, expected)


RACE = Path(__file__).parent / "data" / "mayoral-race.txt"


def test_an_election_story_reads_its_poll_and_its_town(analyzer) -> None:  # type: ignore[no-untyped-def]
    """The lead's "…, a new poll suggests, with …" reported nothing (see the clause tests); "mayor of
    Brightwater" is the town, not the company short name of "the Brightwater Courier"; a bare
    "Howard" in a quote is the mayor."""
    text, analysis = _analysed(analyzer, RACE)
    lead = _quote_starting(analysis, text, "The race for mayor of Brightwater has narrowed")
    assert text[slice(*lead.speaker[0])] == "a new poll"
    labels = _labels(analysis)
    assert labels["Brightwater"] == {"GPE"} and labels["Brightwater Courier"] == {"ORG"}
    assert {text[e.start : e.end] for e in analysis.entities if e.canonical == "Howard Pell"} == {
        "Howard Pell", "Pell", "Howard"}
    expected = {
        "People are tired of waiting": "Nadia Qureshi",
        "The only poll that matters": "Howard Pell",
        "Ms. Qureshi has never run": "Rosa Lindqvist",
        "Howard has had eight years": "Daniel Okoro",
        "They both say the same things": "Leah Morgan",
        "If students turn out": "Ian Whitfield",
    }
    _assert_speakers(analysis, text, expected)


MERGER = Path(__file__).parent / "data" / "chip-merger.txt"


def test_a_merger_story_files_its_companies_once(analyzer) -> None:  # type: ignore[no-untyped-def]
    """The model calls "Halbwerk" and "Berenberg" people: "the German firm Halbwerk" and "analysts at
    Berenberg" make them organisations, also where Halbwerk speaks alone ("Halbwerk declined …", which
    listed it twice, as ORG and as PERSON); "European regulators" is no short name of "the European
    Commission"; LinkedIn is no place, and "said on LinkedIn that …" reports from "that"."""
    text, analysis = _analysed(analyzer, MERGER)
    labels = _labels(analysis)
    assert labels["Halbwerk"] == {"ORG"} and labels["Berenberg"] == {"ORG"}
    assert labels["LinkedIn"] == {"ORG"} and labels["European"] == {"NORP"}
    assert {text[e.start : e.end] for e in analysis.entities if e.canonical == "European Commission"} == {
        "the European Commission", "Commission"}
    posted = _quote_starting(analysis, text, "that she was")
    assert posted.speaker_entity == "Sanne Vermeulen"
    assert _quote_starting(analysis, text, "Remedies are the likeliest").speaker_entity == "Tobias Kramer"


TRIAL = Path(__file__).parent / "data" / "bribery-trial.txt"


def test_a_trial_story_gives_each_he_and_she_the_right_person(analyzer) -> None:  # type: ignore[no-untyped-def]
    """ "she said" after "Prosecutor Helen Achterberg told the jury that Malik had received …" went to
    Malik (the subject inside her report counted as the paragraph's subject; and given names gave no
    gender); "Malik, speaking to reporters as he left, said" took "he" for the speaker and resolved it to
    the last quote's group ("about two dozen protesters"). "the developer, Crestline Homes," is a
    company also where it speaks; "Malik, 61," is no date."""
    text, analysis = _analysed(analyzer, TRIAL)
    expected = {
        "This was not friendship": "Helen Achterberg",
        "that his client had declared": "Daniel Frey",
        "Mr. Malik hid nothing": "Daniel Frey",
        "the trial was expected": "Catherine Osei",
        "he was confident": "Gregor Malik",
        "I have served this city": "Gregor Malik",
    }
    _assert_speakers(analysis, text, expected)
    cleared = _quote_starting(analysis, text, "he was confident")
    assert text[slice(*cleared.speaker[0])] == "Malik"
    labels = _labels(analysis)
    assert labels["Crestline Homes"] == {"ORG"} and "61" not in labels


LANE = Path(__file__).parent / "data" / "shipping-lane.txt"


def test_a_security_story_keeps_its_unnamed_source_and_its_bodies(analyzer) -> None:  # type: ignore[no-untyped-def]
    """ "The diplomat, who asked not to be named, said" is the "senior European diplomat" met before
    (it had no speaker); "Defense" in "Defense Secretary Lloyd Austin" is part of his title, not an
    organisation; "the Center for Strategic and International Studies" is one (the model: a building)."""
    text, analysis = _analysed(analyzer, LANE)
    assert _quote_starting(analysis, text, "the mood was").speaker_entity == "a senior European diplomat"
    labels = _labels(analysis)
    assert "Defense" not in labels
    assert labels["Center for Strategic and International Studies"] == {"ORG"}
    expected = {"We will continue to fly": "Lloyd Austin", "We are not alone": "Gilberto Teodoro",
                "that Manila would hold": "Gilberto Teodoro", "China had lodged": "Mao Ning"}
    _assert_speakers(analysis, text, expected)


OUTAGE = Path(__file__).parent / "data" / "airline-outage.txt"


def test_an_outage_story_finds_the_airline_behind_the_airline(analyzer) -> None:  # type: ignore[no-untyped-def]
    """Opened through the library (the headline becomes the title), the text starts "Nordair cancelled
    …", which the tagger reads as a common noun: that mention was lost, so "The airline said" found no
    airline named before it. "His wife, Sigrid," (ORG to the model) is a person; "Nobody" in a quote is
    no one."""
    from stance_reader.documents import load_article

    text = load_article(OUTAGE).text
    analysis = analyzer.analyze(text)
    assert _quote_starting(analysis, text, "the fault lay with").speaker_entity == "Nordair"
    assert sum(e.canonical == "Nordair" for e in analysis.entities) == text.count("Nordair")
    labels = _labels(analysis)
    assert labels["Sigrid"] == {"PERSON"} and "Nobody" not in labels
    assert _quote_starting(analysis, text, "they had slept").speaker_entity == "Sigrid"


WHISTLEBLOWER = Path(__file__).parent / "data" / "whistleblower.txt"


def test_a_he_after_an_unnamed_colleague_is_the_colleague(analyzer) -> None:  # type: ignore[no-untyped-def]
    """ "Her former colleague, who asked not to be named …, backed parts of her story. '…,' he said."
    went to Vallis (the company, which the model calls a person and which spoke last, 1.0 sure): an
    unnamed person who is the paragraph's subject is a candidate too, shown as written."""
    from stance_reader.documents import load_article

    text = load_article(WHISTLEBLOWER).text
    analysis = analyzer.analyze(text)
    colleague = _quote_starting(analysis, text, "Everyone knew about the tank")
    assert colleague.speaker_entity == "Her former colleague"
    assert _quote_starting(analysis, text, "I have two children").speaker_entity == "Maria Costa"
    # "She spoke to the Herald at her home in Porto." closing a paragraph, then a quoted paragraph with
    # no tag: the interview's words are hers (no quote had a speaker there); "managers" (plural, in
    # the same paragraph) is never a "she"
    opening = _quote_starting(analysis, text, "The first time I reported it")
    assert opening.speaker_entity == "Maria Costa" and opening.rule == "direct:spoke"


CEASEFIRE = Path(__file__).parent / "data" / "ceasefire-talks.txt"


def test_a_truce_story_names_the_spokesman_and_files_each_body_once(analyzer) -> None:  # type: ignore[no-untyped-def]
    """ "A spokesman for the Liberation Front, Karim Haddou, rejected …": the small model found no
    name there, so the report went to the Front and the spokesman's "he said" to "A spokesman"; the
    name set off after the role is the person, and a description a name follows is no unnamed
    speaker. "The Front" and "the Union" are the article's Liberation Front and Coastal Union, and
    "Mediators from the Coastal Union" speak for it."""
    text, analysis = _analysed(analyzer, CEASEFIRE)
    labels = _labels(analysis)
    assert labels["Karim Haddou"] == {"PERSON"}
    assert "Front" not in labels and "Union" not in labels
    _assert_speakers(analysis, text, {
        "that account": "Karim Haddou",
        "They talk about monitors": "Karim Haddou",
        "to release 40 detained": "Liberation Front",
        "We are not there yet": "Ingrid Solheim",
        "We may be able to move faster": "Pavel Drozd",
        "It is probably the best chance": "Lena Brandt",
        "that talks between the government": "Coastal Union",  # "Mediators from the Coastal Union said"
    })
    union = [e for e in analysis.entities if e.canonical == "Coastal Union"]
    assert len(union) == text.count("Union")  # "The Union's special envoy", "a former Union diplomat"
    # "Brandt, a researcher at the Institute …, said the pause suggested that …": the nested report's
    # source is "the pause", not the institute in the teller's apposition (a speaker of its own)
    nested = _quote_starting(analysis, text, "that both sides were under pressure")
    assert text[slice(*nested.speaker[0])] == "the pause" and nested.speaker_entity is None
    assert "Institute for Conflict Studies" not in {q.speaker_entity for q in analysis.quotes}


MANDATE = Path(__file__).parent / "data" / "council-mandate.txt"


def test_a_council_meeting_credits_the_briefer_and_the_sceptical_delegate(analyzer) -> None:  # type: ignore[no-untyped-def]
    """ "Briefing the Council, the Head of the mission, Adaeze Nwosu, said": the parser made "Briefing"
    the subject and the model tagged "Briefing the Council" an organisation, which became the speaker;
    "The delegate of Karstan was more sceptical. … '…,' he said" went to Valdoria, the delegation that
    spoke last: someone who speaks for a named body is a he/she candidate, shown as that body."""
    text, analysis = _analysed(analyzer, MANDATE)
    _assert_speakers(analysis, text, {
        "the security situation had": "Adaeze Nwosu",
        "that without the mission": "Adaeze Nwosu",
        "We cannot keep paying": "Valdoria",
        "Perhaps it is time to admit": "Karstan",
        "that his Government had not been consulted": "Karstan",
    })
    assert "Briefing the Council" not in _labels(analysis)
    perhaps = next(m for m in analysis.marks if text[m.cue_start:].startswith("Perhaps"))
    assert perhaps.kind == MarkKind.HEDGE and perhaps.speaker == "Karstan"


HOUSING = Path(__file__).parent / "data" / "housing-bill.txt"


def test_a_she_after_the_minister_is_the_minister(analyzer) -> None:  # type: ignore[no-untyped-def]
    """ "Speaking after the debate, the minister appeared to soften her position. She said …" went to
    Fiona Grant, who spoke last: "the minister" as a clause subject is the person introduced as "The
    Housing Minister, Claire Whitcombe," (and that office is no person of its own); "Daniel Okoro,
    accused the minister of …" introduces no minister."""
    text, analysis = _analysed(analyzer, HOUSING)
    _assert_speakers(analysis, text, {
        "the government was": "Claire Whitcombe",
        "she hoped it would not": "Fiona Grant",
        "You cannot regulate": "Daniel Okoro",
        "members were": "Rupert Vance",
    })
    assert "Housing Minister" not in _labels(analysis)


def test_a_stance_held_by_she_goes_to_a_woman(analyzer) -> None:  # type: ignore[no-untyped-def]
    """A pledge whose subject is "she" went to the latest person named whatever their gender (the
    quotes' resolver knew genders, the holders' did not): "she promised" after "a bruising defeat by
    Mike Pence" went to Mike Pence."""
    text = ("Susan Brooks picked herself up after a bruising defeat by Mike Pence in 2012, when she "
            "promised to build 4,000 homes in the county.")
    analysis = analyzer.analyze(text)
    promised = [m for m in analysis.marks if text[m.cue_start :].startswith("promised")]
    assert promised and {m.speaker for m in promised} == {"Susan Brooks"}


OUTLOOK = Path(__file__).parent / "data" / "car-outlook.txt"


def test_a_company_written_short_is_the_company(analyzer) -> None:  # type: ignore[no-untyped-def]
    """ "Veltra declined to comment" after "Veltra Motors lowered its forecast": the model calls both an
    organisation, and they were two entries and two speakers; the short form is the company."""
    text, analysis = _analysed(analyzer, OUTLOOK)
    labels = _labels(analysis)
    assert "Veltra" not in labels and labels["Veltra Motors"] == {"ORG"}
    _assert_speakers(analysis, text, {
        "to comment on the reports": "Veltra Motors",
        "it remained committed": "Veltra Motors",
        "We are not going to chase": "Henrike Baum",
        "that Veltra could lose": "Jonas Lindqvist",
    })


RECALL = Path(__file__).parent / "data" / "formula-recall.txt"


def test_a_recall_story_keeps_its_spokeswoman_a_person_and_its_company_in_view(analyzer) -> None:  # type: ignore[no-untyped-def]
    """ "A spokeswoman for the authority, Petra Lindgren," (ORG to the model, and hung on "authority"
    by the parser) was listed as an organisation; "The company said" went to the food safety
    authority, the first organisation named, not to "Nutrilo's parent company, Hartwell Nutrition"."""
    text, analysis = _analysed(analyzer, RECALL)
    assert _labels(analysis)["Petra Lindgren"] == {"PERSON"}
    _assert_speakers(analysis, text, {
        "the March 3 result": "Hartwell Nutrition",
        "the risk to most babies": "Petra Lindgren",
        "We deeply regret": "Simon Achebe",
    })


BRIEFING = Path(__file__).parent / "data" / "corridor-briefing.txt"


def test_a_briefing_credits_the_named_ambassador_and_the_agency_just_named(analyzer) -> None:  # type: ignore[no-untyped-def]
    """ "The representative of Norland, Ambassador Tomas Lindqvist, said …" then "'…,' he said": the
    "he" went to Norland (a body's representative as a he/she candidate) though the representative is
    named; "The agency said" after "According to the World Food Programme" had no speaker; the agency's
    "reportedly" inside its own report was a second, unsourced report."""
    text, analysis = _analysed(analyzer, BRIEFING)
    _assert_speakers(analysis, text, {
        "We will not stand by": "Tomas Lindqvist",
        "it was reportedly running short": "World Food Programme",
        "We are encouraged": "Miriam Okonkwo",
        "her delegation": "Elena Petrova",
    })
    assert not any(q.rule == "reported:reportedly" for q in analysis.quotes)
    assert "Secretary-General" not in _labels(analysis)  # a title, never named here: no person
    pledges = [m for m in analysis.marks if m.kind is MarkKind.COMMITMENT]
    holders = {m.speaker for m in pledges if "stand by" in text[m.start : m.end]}
    assert holders == {"Tomas Lindqvist"}


PRESSER = Path(__file__).parent / "data" / "budget-presser.txt"


def test_a_transcript_credits_its_upper_case_labels_and_lists_no_bare_title(analyzer) -> None:  # type: ignore[no-untyped-def]
    """ "BRANDT: …" lines had no speaker (the model tags no upper-case surname), so the minister's
    pledges and hedges were nobody's; "the central bank says" went to the Daily Courier (a generic
    "bank" read as the organisation the story is about); "Minister," said to her was a person."""
    text, analysis = _analysed(analyzer, PRESSER)
    _assert_speakers(analysis, text, {
        "Good afternoon": "Sofia Brandt",
        "We will not raise income tax": "Sofia Brandt",
        "growth may slow": None,  # type: ignore[dict-item]
        "do not add up": "Daniel Kaur",
    })
    assert "Minister" not in _labels(analysis)
    shown = analysis.decided().marks  # what the window shows at the model's default bar
    assert {m.speaker for m in shown if m.kind is MarkKind.COMMITMENT} == {"Sofia Brandt"}
