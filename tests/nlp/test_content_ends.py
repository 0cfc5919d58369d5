"""The learned content-end chooser: where it may end a report, that the margin keeps the rules' end,
that quotes are never touched, the shipped weights."""

from __future__ import annotations

import json

import pytest

from stance_reader.nlp.attribution.content_ends import MODEL_FILE, EndModel
from stance_reader.paths import models_dir

REPORT = "Officials said the bridge would reopen in May, though engineers blame delays on the weather."
BEFORE_CUE = "The bridge would reopen in May after the repairs, officials said on Monday."
QUOTED = '"We will keep the ferries running," Lars Holm said.'


def _contents(analyzer, text: str, model: EndModel | None) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    component = analyzer.nlp.get_pipe("stance_speakers")
    shipped = component.content_ends
    component.content_ends = model
    try:
        doc = analyzer.nlp(text)
    finally:
        component.content_ends = shipped
    return [(" / ".join(text[s:e] for s, e in q.content), q.rule) for q in doc._.stance_quotes]


def _said(contents: list[tuple[str, str]]) -> tuple[str, str]:
    return next(c for c in contents if c[1].startswith("reported:say"))


def test_a_model_preferring_the_comma_cuts_the_clause_there(analyzer) -> None:  # type: ignore[no-untyped-def]
    rules = _said(_contents(analyzer, REPORT, None))
    assert rules[0].endswith("on the weather")
    cut_at_comma = EndModel({"rel|nxt=before|,": 6.0}, -3.0, 0.1)
    content, rule = _said(_contents(analyzer, REPORT, cut_at_comma))
    assert content == "the bridge would reopen in May"
    assert rule.endswith("+learned-end")


def test_under_the_margin_the_rules_end_stays(analyzer) -> None:  # type: ignore[no-untyped-def]
    rules = _contents(analyzer, REPORT, None)
    unsure = EndModel({"rel|nxt=before|,": 6.0}, -3.0, 2.0)  # no probability gap reaches 2
    assert _contents(analyzer, REPORT, unsure) == rules


def test_a_report_before_its_cue_never_runs_into_the_cue(analyzer) -> None:  # type: ignore[no-untyped-def]
    # a model that would run every report to the full stop, through "officials said on Monday"
    longest = EndModel({"nxt=.": 8.0, "rel=after": 4.0, "rel=cur": -8.0}, 0.0, 0.0)
    for content, _ in _contents(analyzer, BEFORE_CUE, longest):
        assert "officials" not in content and "said" not in content
        assert content.startswith("The bridge would reopen")


@pytest.mark.parametrize("text", [
    "Berg said the plan was \u201cdead in the water\u201d and shared a link to his campaign page.",
    'Berg said the plan was a "serious basis," and shared a link to his campaign page.',
])
def test_a_report_closed_by_its_quotation_never_runs_past_it(analyzer, text: str) -> None:  # type: ignore[no-untyped-def]
    longest = EndModel({"nxt=.": 8.0, "rel=after": 4.0, "rel=cur": -8.0}, 0.0, 0.0)
    content, _ = _said(_contents(analyzer, text, longest))
    assert content.startswith("the plan was")
    assert "shared" not in content


def test_direct_quotes_are_untouched(analyzer) -> None:  # type: ignore[no-untyped-def]
    anything = EndModel({"rel=cur": -10.0, "rel=before": 10.0}, 0.0, 0.0)
    assert _contents(analyzer, QUOTED, anything) == _contents(analyzer, QUOTED, None)


def test_the_shipped_chooser_was_chosen_on_cross_validation() -> None:
    model = EndModel.load(models_dir() / MODEL_FILE)
    assert model is not None
    data = json.loads((models_dir() / MODEL_FILE).read_text(encoding="utf-8"))
    cv = data["cv"]
    assert str(data["margin"]) in cv["curve_all_f1"]
    assert cv["with_model"]["all"][2] >= cv["rules_only"]["all"][2]
    assert len(cv["per_fold_all_f1"]) == 5
