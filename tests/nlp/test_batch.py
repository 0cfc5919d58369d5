"""`analyze --jsonl` keeps going: bad lines become error rows in place, rows are written as they are
done (so they survive a kill or a closed pipe), and the exit status says whether any row failed."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stance_reader import cli
from stance_reader.core.models import Analysis
from stance_reader.services import analysis as service
from stance_reader.services import batch

BAD_LINES = [
    ("not json", "not JSON"),
    ("[1, 2, 3]", "not a list"),
    ('{"id": "no-text"}', "no 'text' field"),
    ('{"id": "null-text", "text": null}', "'text' must be a string, not null"),
    ('{"id": 5, "text": 7}', "'text' must be a string, not a number"),
    ('"just a string"', "not a string"),
    ('{"text": "unterminated', "not JSON"),
    ("42", "not a number"),
    ('{"id": "typo", "txt": "x"}', "no 'text' field"),
    ("{broken", "not JSON"),
]
DESKTOP = Path(cli.__file__).resolve().parents[1]


def _mixed_input(path: Path, good: int, seed: int = 7) -> dict[int, str]:
    """``good`` short texts, every BAD_LINES line at a random place; returns {output row: expected error}."""
    lines = [
        json.dumps({"id": i, "text": f'"We might wait," Anna Berg said on day {i}.'}) for i in range(good)
    ]
    rng = random.Random(seed)
    for line, _ in BAD_LINES:
        lines.insert(rng.randrange(len(lines) + 1), line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    bad = dict(BAD_LINES)
    return {n: bad[line] for n, line in enumerate(lines) if line in bad}


def _rows(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


class FakeAnalyzer:
    """Stands in for the pipeline: instant, and it fails on any text containing "BOOM"."""

    name, version = "fake", "0"

    def analyze(self, text: str) -> Analysis:
        if "BOOM" in text:
            raise RuntimeError("the parser\nbroke")
        return Analysis(pipeline="fake")

    def analyze_many(
        self, texts: Iterable[str], batch_size: int = 32, n_process: int = 1
    ) -> Iterator[Analysis]:
        batch: list[str] = []
        for text in texts:
            batch.append(text)
            if len(batch) == batch_size:
                yield from (self.analyze(t) for t in list(batch))  # a batch fails as a whole
                batch = []
        yield from (self.analyze(t) for t in batch)


@pytest.fixture
def fake_analyzer(monkeypatch: pytest.MonkeyPatch) -> FakeAnalyzer:
    fake = FakeAnalyzer()
    monkeypatch.setattr(service, "_ANALYZER", fake)
    return fake


def test_thousand_good_and_ten_bad_lines_give_every_row_in_place(
    fake_analyzer: FakeAnalyzer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    expected_errors = _mixed_input(inp, 1000)
    assert cli.main(["analyze", "--jsonl", str(inp), "--out", str(out)]) == 1
    rows = _rows(out)
    assert len(rows) == 1010
    errors = {n: row for n, row in enumerate(rows) if "error" in row}
    assert errors.keys() == expected_errors.keys()
    for n, row in errors.items():
        assert expected_errors[n] in str(row["error"])
    assert [row["id"] for row in rows if "error" not in row] == list(range(1000))
    err = capsys.readouterr().err
    assert err.splitlines()[-1] == "1,000 analysed, 10 failed"
    assert "Traceback" not in err


def test_error_rows_name_the_line_or_the_id(fake_analyzer: FakeAnalyzer, tmp_path: Path) -> None:
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    inp.write_text('not json\n\n{"id": "b"}\n[1]\n{"id": 1, "text": "ok"}\n', encoding="utf-8")
    assert batch.analyze_jsonl(inp, out) == batch.BatchCounts(analysed=1, failed=3)
    assert _rows(out)[:3] == [
        {"id": "line 1", "error": "not JSON (Expecting value at column 1)"},
        {"id": "b", "error": "no 'text' field"},
        {"id": "line 4", "error": "expected an object with 'id' and 'text', not a list"},
    ]


def test_a_line_that_is_not_utf8_is_an_error_row(fake_analyzer: FakeAnalyzer, tmp_path: Path) -> None:
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    inp.write_bytes(b'{"id": 1, "text": "ok"}\n{"id": 2, "text": "caf\xe9"}\n{"id": 3, "text": "ok"}\n')
    assert batch.analyze_jsonl(inp, out) == batch.BatchCounts(analysed=2, failed=1)
    assert _rows(out)[1] == {"id": "line 2", "error": "the line is not UTF-8 text"}


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["id", "text", "x"]), inner),
    max_leaves=6,
)
LINES = st.one_of(st.binary(max_size=40), JSON_VALUES.map(lambda v: json.dumps(v).encode()))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(LINES, max_size=12))
def test_any_line_gives_exactly_one_row(
    fake_analyzer: FakeAnalyzer, tmp_path: Path, lines: list[bytes]
) -> None:
    """Whatever a line holds, it becomes one result or one error row; nothing raises."""
    lines = [line.replace(b"\n", b" ") for line in lines]
    inp, out = tmp_path / "fuzz.jsonl", tmp_path / "fuzz.out.jsonl"
    inp.write_bytes(b"".join(line + b"\n" for line in lines))
    counts = batch.analyze_jsonl(inp, out)
    assert counts.analysed + counts.failed == sum(1 for line in lines if line.strip())
    assert len(_rows(out)) == counts.analysed + counts.failed


def test_a_text_that_breaks_the_pipeline_fails_alone(fake_analyzer: FakeAnalyzer, tmp_path: Path) -> None:
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    texts = [f"text {i}" for i in range(20)]
    texts[9] = "BOOM here"
    inp.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts)), "utf-8")
    assert batch.analyze_jsonl(inp, out, batch_size=4) == batch.BatchCounts(analysed=19, failed=1)
    rows = _rows(out)
    assert [row["id"] for row in rows] == list(range(20))
    assert rows[9] == {"id": 9, "error": "analysis failed (RuntimeError: the parser broke)"}


def test_rows_are_flushed_as_they_are_written(fake_analyzer: FakeAnalyzer, tmp_path: Path) -> None:
    """Each row is on disk before the next text is analysed, so a crash loses nothing written."""
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    inp.write_text("".join(json.dumps({"id": i, "text": f"t{i}"}) + "\n" for i in range(5)), "utf-8")
    seen: list[int] = []
    real = fake_analyzer.analyze

    def analyze_and_look(text: str) -> Analysis:
        seen.append(len(out.read_text(encoding="utf-8").splitlines()) if out.exists() else 0)
        return real(text)

    fake_analyzer.analyze = analyze_and_look  # type: ignore[method-assign]
    batch.analyze_jsonl(inp, out, batch_size=1)
    assert seen == [0, 1, 2, 3, 4]


def test_missing_output_folder_is_one_line(
    fake_analyzer: FakeAnalyzer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inp = tmp_path / "in.jsonl"
    inp.write_text('{"id": 1, "text": "ok"}\n', encoding="utf-8")
    assert cli.main(["analyze", "--jsonl", str(inp), "--out", str(tmp_path / "no" / "out.jsonl")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("stance-reader: error: ") and "No such file" in err and len(err.splitlines()) == 1


class _ClosedPipe:
    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    def flush(self) -> None:
        raise BrokenPipeError(32, "Broken pipe")


def test_closed_stdout_ends_quietly(
    fake_analyzer: FakeAnalyzer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    inp = tmp_path / "in.jsonl"
    inp.write_text('{"id": 1, "text": "ok"}\n', encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", _ClosedPipe())
    assert cli.main(["analyze", "--jsonl", str(inp)]) == cli.SIGPIPE_STATUS
    assert capsys.readouterr().err == ""


def test_real_analysis_with_bad_lines_serial_and_in_two_processes(
    analyzer: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real pipeline: 40 good and 10 bad lines, the same rows from one process and from -j 2."""
    inp, one, two = tmp_path / "in.jsonl", tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    expected_errors = _mixed_input(inp, 40)
    monkeypatch.setattr(service, "_ANALYZER", analyzer)
    assert batch.analyze_jsonl(inp, one, processes=1, batch_size=8) == batch.BatchCounts(40, 10)
    monkeypatch.setattr(service, "_ANALYZER", None)  # -j 2 starts workers only when none is loaded here
    assert batch.analyze_jsonl(inp, two, processes=2, batch_size=8) == batch.BatchCounts(40, 10)

    def without_timing(path: Path) -> list[dict[str, object]]:
        return [{k: v for k, v in row.items() if k != "seconds"} for row in _rows(path)]

    assert without_timing(one) == without_timing(two)
    assert {n for n, row in enumerate(_rows(one)) if "error" in row} == expected_errors.keys()
    assert _rows(one)[next(n for n in range(50) if n not in expected_errors)]["quotes"]


def _start_cli(*args: str, stdout: int | None = subprocess.PIPE) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(DESKTOP)}
    return subprocess.Popen(
        [sys.executable, "-m", "stance_reader", "analyze", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=env,
    )


def test_closing_the_pipe_after_one_row_prints_no_traceback(tmp_path: Path) -> None:
    """`analyze --jsonl IN | head -1`: the reader goes away; the command ends with SIGPIPE's status."""
    inp = tmp_path / "in.jsonl"
    _mixed_input(inp, 300)
    proc = _start_cli("--jsonl", str(inp), "--batch-size", "4")
    assert proc.stdout is not None
    first = proc.stdout.readline()
    proc.stdout.close()
    _, err = proc.communicate(timeout=120)
    assert json.loads(first)
    assert proc.returncode == cli.SIGPIPE_STATUS, err
    assert b"Traceback" not in err and b"Exception ignored" not in err


def test_rows_written_before_a_kill_stay_in_the_file(tmp_path: Path) -> None:
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    inp.write_text(
        "".join(json.dumps({"id": i, "text": f"Anna Berg said {i} times no."}) + "\n" for i in range(5000)),
        encoding="utf-8",
    )
    proc = _start_cli("--jsonl", str(inp), "--out", str(out), "--batch-size", "1", stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if out.exists() and len(out.read_bytes().splitlines()) >= 20:
            break
        time.sleep(0.05)  # polling a file another process writes; no event to wait on
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)
    rows = _rows(out)  # every line written is complete JSON
    assert len(rows) >= 20
    assert [row["id"] for row in rows] == list(range(len(rows)))
