"""`stance-reader analyze` on long texts: progress on stderr, the text's own words in the result, and
the hard limit with a clear message. Sizes are forced small (chunk size, thresholds) so nothing here
analyses megabytes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from stance_reader import cli
from stance_reader.paths import sample_article
from stance_reader.services import analysis as service
from stance_reader.services.progress import ProgressLine, duration_text, progress_text


@pytest.fixture
def long_article(tmp_path: Path, analyzer, monkeypatch: pytest.MonkeyPatch) -> Path:  # type: ignore[no-untyped-def]
    """Three copies of the sample, analysed in 700-character chunks, with progress from 1,000 characters."""
    monkeypatch.setattr(service, "_ANALYZER", analyzer)
    monkeypatch.setattr(analyzer, "max_chunk_chars", 700)
    monkeypatch.setattr(service, "PROGRESS_FROM_CHARS", 1_000)
    body = sample_article().read_text(encoding="utf-8")
    path = tmp_path / "long.txt"
    path.write_text("\n\n".join([body] * 3), encoding="utf-8")
    return path


def test_analyze_shows_progress_on_stderr_and_the_summary_on_stdout(
    long_article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["analyze", str(long_article)]) == 0
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert lines[0].startswith("analysing: 0% (0/5 kB)") and lines[0].endswith("loading the pipeline…")
    assert any(line.startswith("analysing: ") and "%" in line and "ETA" in line for line in lines[1:])
    assert lines[-1].startswith("analysed 0.0 MB in ")
    assert "analysing" not in out and "Speakers" in out  # stdout stays clean for pipes


def test_a_text_beyond_the_limit_is_refused_with_a_clear_message(
    long_article: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(service, "MAX_ANALYSIS_CHARS", 2_000)
    assert cli.main(["analyze", str(long_article)]) == 1
    err = capsys.readouterr().err
    assert "cannot analyse long.txt" in err and "Split it into smaller files" in err


def test_progress_line_prints_about_every_ten_percent_to_a_log() -> None:
    clock = iter(range(1_000))
    stream = io.StringIO()
    line = ProgressLine("x" * 1_000, stream, clock=lambda: float(next(clock)), tty=False)
    for done in range(0, 1_001, 10):
        line.update(done)
    line.finish()
    lines = stream.getvalue().splitlines()
    assert 11 <= len(lines) <= 14
    assert lines[2] == "analysing: 10% (0/1 kB) ETA 2 min"  # 10 s for 10 %, 90 s left
    assert lines[-1].startswith("analysed 0.0 MB in ")


def test_progress_line_redraws_in_place_on_a_terminal() -> None:
    stream = io.StringIO()
    line = ProgressLine("é" * 3_000_000, stream, clock=lambda: 0.0, tty=True)
    line.update(0)
    written = stream.getvalue()
    assert "\n" not in written and written.count("\r") == 2
    assert "(0.0/6.0 MB)" in written  # two UTF-8 bytes per "é"


@pytest.mark.parametrize(
    ("seconds", "text"), [(0.2, "1 s"), (40, "40 s"), (540, "9 min"), (3_900, "1 h 05 min")]
)
def test_durations_read_as_a_person_would(seconds: float, text: str) -> None:
    assert duration_text(seconds) == text


def test_progress_text_has_percent_size_and_eta() -> None:
    assert progress_text(3_600_000, 30_000_000, 1e-6, 60.0) == "analysing: 12% (3.6/30.0 MB) ETA 7 min"


def test_json_is_written_row_by_row_in_exactly_the_indented_form(analyzer) -> None:  # type: ignore[no-untyped-def]
    import json

    from stance_reader.documents import load_article

    article = load_article(sample_article())
    result = analyzer.analyze(article.text).decided()
    meta = {k: v for k, v in article.to_dict().items() if k != "text"}
    whole = {"article": meta, "text_length": len(article.text), **service.with_snippets(result, article.text)}
    assert service.to_json(article, result) == json.dumps(whole, ensure_ascii=False, indent=2)
    empty = service.to_json(article, type(result)(pipeline="p"))
    assert empty == json.dumps({"article": meta, "text_length": len(article.text), **service.with_snippets(
        type(result)(pipeline="p"), article.text)}, ensure_ascii=False, indent=2)


WORDY = ["", "one", "  two  words ", "a\nb\tc  d", "x" * 3_000_000, "word " * 400_000 + "end", "é é\u2003é"]


@pytest.mark.parametrize("text", WORDY)
def test_words_are_counted_without_splitting_the_whole_text(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stance_reader.core import models

    monkeypatch.setattr(models, "_WORD_BLOCK", 7)  # many blocks, cut mid-word unless it steps to a space
    assert models.count_words(text) == len(text.split())
