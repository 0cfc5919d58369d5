"""The model's decision outside the window: ``Analysis.decided`` (core) and ``stance-reader analyze``
with and without ``--min-confidence`` (summary, JSON, JSONL). A hand-built analysis with known
confidences stands in for the trained model, so the bars are exact."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from stance_reader import cli
from stance_reader.core.models import Analysis, Article, Mark, MarkKind
from stance_reader.services import analysis as service

TEXT = "Officials may delay the vote. The minister will sign. It could slip. We will pay."
THRESHOLDS = {"hedge": 0.45, "commitment": 0.5}


def _mark(kind: MarkKind, phrase: str, confidence: float | None) -> Mark:
    start = TEXT.index(phrase)
    cue = (start, start + len(phrase.split()[0]))
    return Mark(kind, start, start + len(phrase), (cue,), "test", confidence=confidence)


def confidence_analysis() -> Analysis:
    """Hedges at 0.87 and 0.30 (under its threshold), a commitment at 0.95 and one unscored."""
    marks = (
        _mark(MarkKind.HEDGE, "may delay the vote", 0.87),
        _mark(MarkKind.COMMITMENT, "will sign", 0.95),
        _mark(MarkKind.HEDGE, "could slip", 0.30),
        _mark(MarkKind.COMMITMENT, "will pay", None),
    )
    return Analysis(marks=marks, pipeline="fake", thresholds=THRESHOLDS)


def confidences(analysis: Analysis | dict[str, object]) -> list[float | None]:
    marks = analysis.marks if isinstance(analysis, Analysis) else analysis["marks"]
    return [m.confidence if isinstance(m, Mark) else m["confidence"] for m in marks]  # type: ignore[index, union-attr, attr-defined]


# --- core -------------------------------------------------------------------------------------------


def test_decided_keeps_each_kind_above_its_own_threshold_and_unscored_marks() -> None:
    full = confidence_analysis()
    assert confidences(full.decided()) == [0.87, 0.95, None]
    assert confidences(full.decided(0.9)) == [0.95, None]
    assert confidences(full.decided(0.0)) == [0.87, 0.95, 0.30, None]
    assert full.decided(0.0) is full  # nothing dropped: no copy
    assert full.decided(0.9).thresholds == THRESHOLDS  # a decided view still knows the model's bars


def test_decided_without_thresholds_keeps_every_mark() -> None:
    bare = Analysis(marks=confidence_analysis().marks)
    assert bare.decided() is bare


# --- CLI --------------------------------------------------------------------------------------------


class FixedAnalyzer:
    """The analyzer interface, answering every text with the hand-built analysis."""

    name = version = "fixed"

    def analyze(self, text: str) -> Analysis:
        return confidence_analysis()

    def analyze_many(
        self, texts: Iterable[str], batch_size: int = 32, n_process: int = 1
    ) -> Iterator[Analysis]:
        return (self.analyze(t) for t in texts)


@pytest.fixture
def article_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(service, "_ANALYZER", FixedAnalyzer())
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def _json_out(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    assert cli.main(["analyze", *args, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_analyze_json_applies_the_model_thresholds_by_default(
    article_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert confidences(_json_out(capsys, str(article_file))) == [0.87, 0.95, None]


def test_analyze_min_confidence_filters_the_json(
    article_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert confidences(_json_out(capsys, str(article_file), "--min-confidence", "0.9")) == [0.95, None]
    assert confidences(_json_out(capsys, str(article_file), "--min-confidence", "0.2")) == [
        0.87,
        0.95,
        0.30,
        None,
    ]


def test_analyze_summary_counts_only_decided_marks(
    article_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["analyze", str(article_file)]) == 0
    assert "· 1 hedges · 2 commitments ·" in capsys.readouterr().out
    assert cli.main(["analyze", str(article_file), "--min-confidence", "0.9"]) == 0
    assert "· 0 hedges · 2 commitments ·" in capsys.readouterr().out


def test_analyze_jsonl_applies_min_confidence(article_file: Path, tmp_path: Path) -> None:
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    inp.write_text(json.dumps({"id": "a", "text": TEXT}) + "\n", encoding="utf-8")
    assert cli.main(["analyze", "--jsonl", str(inp), "--out", str(out)]) == 0
    assert confidences(json.loads(out.read_text(encoding="utf-8"))) == [0.87, 0.95, None]
    assert cli.main(["analyze", "--jsonl", str(inp), "--out", str(out), "--min-confidence", "0.9"]) == 0
    assert confidences(json.loads(out.read_text(encoding="utf-8"))) == [0.95, None]


@pytest.mark.parametrize("bad", ["1.5", "-0.1", "high"])
def test_min_confidence_must_be_a_probability(bad: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main(["analyze", "x.txt", "--min-confidence", bad])
    assert exc.value.code == 2
    assert "probability from 0 to 1" in capsys.readouterr().err


def test_decided_analysis_service_is_what_the_cli_reports(article_file: Path) -> None:
    article = Article(TEXT)
    assert confidences(service.decided_analysis(article)) == [0.87, 0.95, None]
    assert confidences(service.decided_analysis(article, 0.9)) == [0.95, None]
