"""The headless contract: `stance-reader analyze` (summary, JSON) and `analyze --jsonl IN --out OUT`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stance_reader import cli
from stance_reader.core.models import Analysis, Article, Mark, MarkKind, Quote
from stance_reader.services import analysis as service
from stance_reader.services import batch


@pytest.fixture(autouse=True)
def shared_analyzer(analyzer, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """Reuse the session's pipeline instead of loading a second one in the service singleton."""
    monkeypatch.setattr(service, "_ANALYZER", analyzer)


def _write_jsonl(path: Path, rows: list[dict[str, object]]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def test_jsonl_batch_writes_one_line_per_input_in_the_eval_schema(tmp_path: Path) -> None:
    rows = [
        {"id": "a", "text": '"We will rebuild the bridge," Mayor Tom Hardy said on Monday.'},
        {"id": 7, "text": ""},
        {"id": "c", "text": "According to Anna Berg, the deal is close. \U0001f600 Nothing else."},
    ]
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    _write_jsonl(inp, rows)
    assert cli.main(["analyze", "--jsonl", str(inp), "--out", str(out), "--batch-size", "2"]) == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["a", 7, "c"]
    for line in lines:
        assert {"marks", "quotes", "entities"} <= set(line)
    quote = lines[0]["quotes"][0]
    assert set(quote) >= {"content", "cue", "speaker", "speaker_entity"}
    text = rows[0]["text"]
    assert isinstance(text, str)
    s, e = quote["content"][0]
    assert text[s:e] == '"We will rebuild the bridge,"'
    assert quote["speaker_entity"] == "Tom Hardy"
    entity = next(e for e in lines[0]["entities"] if e["label"] == "PERSON")
    assert text[entity["start"] : entity["end"]] == "Tom Hardy" and entity["canonical"] == "Tom Hardy"
    assert lines[2]["quotes"][0]["speaker_entity"] == "Anna Berg"


def test_jsonl_reports_progress_on_stderr_for_long_inputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(batch, "PROGRESS_EVERY", 2)
    inp = tmp_path / "in.jsonl"
    _write_jsonl(inp, [{"id": i, "text": f"Line {i} said nothing."} for i in range(5)])
    assert batch.analyze_jsonl(inp, None, processes=1, batch_size=2) == batch.BatchCounts(5, 0)
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 5
    assert "analysed 2/5" in captured.err and "texts/s" in captured.err


def test_jsonl_with_two_processes_matches_one(tmp_path: Path) -> None:
    rows = [{"id": i, "text": f'"Point {i} stands," said Anna Berg.'} for i in range(6)]
    inp = tmp_path / "in.jsonl"
    _write_jsonl(inp, rows)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    batch.analyze_jsonl(inp, one, processes=1, batch_size=4)
    batch.analyze_jsonl(inp, two, processes=2, batch_size=2)

    def strip(path: Path) -> list[dict[str, object]]:
        out = []
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            row.pop("seconds")
            out.append(row)
        return out

    assert strip(one) == strip(two)


def test_analyze_article_prints_a_summary(sample_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["analyze", str(sample_path)]) == 0
    out = capsys.readouterr().out
    assert "Speakers" in out and "Entities" in out
    assert "Tobias Brandauer:" in out
    assert "PERSON:" in out and "Ingrid Kellner" in out


def test_analyze_article_json_is_complete(sample_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["analyze", str(sample_path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"article", "marks", "quotes", "entities", "pipeline"} <= set(data)
    assert data["article"]["title"]
    restored = Analysis.from_dict(data)
    assert restored.quotes and restored.entities


def test_analyze_json_carries_the_words_of_each_finding(
    sample_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Snippets match the offsets in the normalised text the reader would otherwise have to rebuild."""
    from stance_reader.documents.loader import load_article

    assert cli.main(["analyze", str(sample_path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    text = load_article(sample_path).text
    assert data["marks"] and data["quotes"] and data["entities"]
    for mark in data["marks"]:
        assert mark["text"] == text[mark["start"] : mark["end"]]
        assert mark["cue_text"] == " … ".join(text[s:e] for s, e in mark["cue"])
    for quote in data["quotes"]:
        assert quote["text"] == " … ".join(text[s:e] for s, e in quote["content"])
    for entity in data["entities"]:
        assert entity["text"] == text[entity["start"] : entity["end"]]


def test_summary_counts_marks_per_speaker() -> None:
    text = '"We might wait, and we will pay," Anna Berg said.'
    quote = Quote(content=((0, 33),), cue=((44, 48),), speaker=((34, 43),), speaker_entity="Anna Berg")
    marks = (
        Mark(MarkKind.HEDGE, 1, 14, ((4, 9),), "h", speaker="Anna Berg"),
        Mark(MarkKind.COMMITMENT, 20, 31, ((23, 27),), "c", speaker="Anna Berg"),
    )
    summary = service.format_summary(Article(text, title="T"), Analysis(marks=marks, quotes=(quote,)))
    assert "Anna Berg: 1 hedge, 1 commitment" in summary
    assert '[quote] "We might wait, and we will pay,"' in summary


def test_get_analyzer_loads_once_across_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from stance_reader.nlp import pipeline

    loads: list[object] = []

    def fake_load(cls: type, model: str | None = None) -> object:
        loads.append(object())
        return loads[-1]

    monkeypatch.setattr(service, "_ANALYZER", None)
    monkeypatch.setattr(pipeline.StanceAnalyzer, "load", classmethod(fake_load))
    got: list[object] = []
    threads = [threading.Thread(target=lambda: got.append(service.get_analyzer())) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(loads) == 1
    assert all(g is loads[0] for g in got)
