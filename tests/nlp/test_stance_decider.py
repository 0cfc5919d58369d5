"""The trained stance decider: every mark is scored, rule marks survive, context moves the score.

The sentences are our own. Assertions compare scores between contexts (the sense a model must
decide) rather than pinning numbers a retraining would move.
"""

from __future__ import annotations

import pytest

from stance_reader.core.models import MarkKind


def _marks(analyzer, text: str, kind: MarkKind):  # type: ignore[no-untyped-def]
    return [m for m in analyzer.analyze(text).marks if m.kind is kind]


def _confidence(analyzer, text: str, kind: MarkKind, cue: str) -> float:  # type: ignore[no-untyped-def]
    found = [m for m in _marks(analyzer, text, kind) if m.cue_text(text) == cue]
    assert found, f"no {kind.value} mark on {cue!r} in {text!r}"
    return float(found[0].confidence or 0.0)


def test_every_mark_carries_a_probability_and_its_evidence(analyzer, sample_path) -> None:  # type: ignore[no-untyped-def]
    text = sample_path.read_text(encoding="utf-8")
    analysis = analyzer.analyze(text)
    assert analysis.marks
    for mark in analysis.marks:
        assert mark.confidence is not None and 0.0 <= mark.confidence <= 1.0, mark
        assert mark.evidence and all(isinstance(e, str) and e for e in mark.evidence), mark


def test_rule_marks_are_never_dropped_by_the_decider(analyzer) -> None:  # type: ignore[no-untyped-def]
    """The decider may score a rule mark low, but the mark stays: the bar decides what is shown."""
    from stance_reader.nlp.pipeline import StanceAnalyzer

    rules_only = StanceAnalyzer.load(decide=False)
    text = "I can't say I support the whole plan. NATO has yet to invite Ukraine. We will build it."
    proposed = {(m.kind, m.cue_start, m.rule) for m in rules_only.analyze(text).marks}
    decided = {(m.kind, m.cue_start, m.rule) for m in analyzer.analyze(text).marks}
    assert proposed and proposed <= decided


def test_first_person_pledge_scores_above_a_third_person_prediction(analyzer) -> None:  # type: ignore[no-untyped-def]
    pledge = _confidence(analyzer, "We will build a new hospital in Geelong.", MarkKind.COMMITMENT, "will")
    forecast = _confidence(analyzer, "This will create thousands of jobs.", MarkKind.COMMITMENT, "will")
    assert pledge > forecast


@pytest.mark.parametrize(
    ("hedged", "plain", "cue"),
    [
        # possibility vs ability
        ("The sanctions could weaken the regime.", "Rescuers could not reach the village.", "could"),
        # possibility vs ability, present tense
        ("Aid can only arrive by air.", "We cannot accept this proposal.", "can"),
    ],
)
def test_the_sense_of_a_modal_moves_its_score(analyzer, hedged: str, plain: str, cue: str) -> None:  # type: ignore[no-untyped-def]
    high = _confidence(analyzer, hedged, MarkKind.HEDGE, cue)
    low = [m for m in _marks(analyzer, plain, MarkKind.HEDGE) if m.cue_text(plain) == cue]
    assert not low or high > float(low[0].confidence or 0.0)


def test_default_bars_hide_low_model_only_marks_and_a_lower_bar_shows_them(analyzer) -> None:  # type: ignore[no-untyped-def]
    text = "The ships can wait, and so can we. She said the council would meet on Friday."
    analysis = analyzer.analyze(text)
    model_only = [m for m in analysis.marks if m.rule.startswith("model.")]
    shown = analysis.decided()
    assert all(m.passes(analysis.default_bar(m)) for m in shown.marks)
    assert not any(m.rule.startswith("model.") and not m.passes(analysis.default_bar(m)) for m in shown.marks)
    if model_only:
        lowest = min(float(m.confidence or 0.0) for m in model_only)
        assert len(analysis.decided(min_confidence=lowest).marks) >= len(model_only)


def test_a_model_mark_never_echoes_a_rule_mark_of_the_same_passage(analyzer) -> None:  # type: ignore[no-untyped-def]
    text = "We\u2019ll also extend the number 11 tram route."
    marks = _marks(analyzer, text, MarkKind.COMMITMENT)
    assert [m.cue_text(text) for m in marks] == ["\u2019ll"]


def test_a_politeness_formula_is_not_shown_as_a_hedge(analyzer) -> None:  # type: ignore[no-untyped-def]
    """The model alone scores "should like" high (no training source has the formula; MODEL_CARD
    failure modes); the default bars keep it out of what the reader sees."""
    text = "I should like to welcome the Minister."
    shown = analyzer.analyze(text).decided()
    assert [m for m in shown.marks if m.kind is MarkKind.HEDGE] == []
