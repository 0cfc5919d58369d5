"""The learned report filter: what it judges, that it only ever removes the rules' reports, the shipped
weights."""

from __future__ import annotations

import json

from stance_reader.nlp.attribution.report_filter import MODEL_FILE, ReportFilter
from stance_reader.paths import models_dir

TEXT = (
    'Anna Berg said the harbour board had broken its promise. "We will keep the ferries running," '
    "Lars Holm said."
)


def _quotes(analyzer, model: ReportFilter | None, text: str = TEXT) -> list[tuple[str, bool]]:  # type: ignore[no-untyped-def]
    component = analyzer.nlp.get_pipe("stance_speakers")
    shipped = component.report_filter
    component.report_filter = model
    try:
        doc = analyzer.nlp(text)
    finally:
        component.report_filter = shipped
    return [(q.rule, q.direct) for q in doc._.stance_quotes]


def test_the_filter_removes_only_the_rules_reports(analyzer) -> None:  # type: ignore[no-untyped-def]
    unfiltered = _quotes(analyzer, None)
    assert ("reported:say", False) in unfiltered and any(direct for _, direct in unfiltered)
    drop_all = ReportFilter({}, -50.0, 0.5)  # every judged report under the bar
    filtered = _quotes(analyzer, drop_all)
    assert [q for q in filtered if not q[1]] == []
    assert [q for q in filtered if q[1]] == [q for q in unfiltered if q[1]]  # direct quotes untouched


def test_the_shipped_filter_keeps_a_plain_report(analyzer) -> None:  # type: ignore[no-untyped-def]
    shipped = ReportFilter.load(models_dir() / MODEL_FILE)
    assert shipped is not None
    assert ("reported:say", False) in _quotes(analyzer, shipped)


def test_the_shipped_filter_was_chosen_on_cross_validation() -> None:
    data = json.loads((models_dir() / MODEL_FILE).read_text(encoding="utf-8"))
    cv = data["cv"]
    assert str(data["threshold"]) in cv["curve_all_f1"]
    assert cv["with_model"]["all"][2] >= cv["rules_only"]["all"][2]


def test_a_report_inside_another_is_judged_as_nested(analyzer) -> None:  # type: ignore[no-untyped-def]
    """ "said he found the mayor charming": "found" sits inside what "said" reports; a filter that
    drops nested reports drops it and keeps "said"."""
    text = "Lars Holm said he found the mayor charming and well prepared."
    both = sorted(rule.split("+")[0] for rule, _ in _quotes(analyzer, None, text))
    drop_nested = ReportFilter({"nested": -50.0}, 5.0, 0.5)
    outer_only = [rule.split("+")[0] for rule, _ in _quotes(analyzer, drop_nested, text)]
    assert both == ["reported:find", "reported:say"]
    assert outer_only == ["reported:say"]
    weights = json.loads((models_dir() / MODEL_FILE).read_text(encoding="utf-8"))["weights"]
    assert any(f.startswith("nested") for f in weights), "the shipped filter was trained with nesting"
