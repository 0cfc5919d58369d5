"""`stance-reader batch` on a real LocalCluster (2 worker processes, 1 thread each) with the real
pipeline: the same rows as `analyze --jsonl`, exactly once across a stop, a killed client and a killed
worker, one error row per poisoned text, and the library (SQLite and PostgreSQL) filled through the cache.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import cloudpickle
import pytest
from corpus import documents, write_jsonl

from stance_reader import cli
from stance_reader.core.models import Analysis
from stance_reader.services import analysis as analysis_service
from stance_reader.services import batch
from stance_reader.services.cluster_batch import ClusterCounts, Options, run_batch
from stance_reader.store import Store

# The poisoned analyzer below runs on the workers, which cannot import this test module: ship it by value.
cloudpickle.register_pickle_by_value(sys.modules[__name__])
DESKTOP = Path(cli.__file__).resolve().parents[1]
DOCS = 48
QUIET = Options(batch_size=4, progress=False)


class _Stop(Exception):
    """Injected into the client's writer: a run ended half-way."""


class Poisoned:
    """The real pipeline, except that a text containing POISON breaks it (as a parser bug would)."""

    def __init__(self, real: Any) -> None:
        self.real, self.version = real, real.version

    def analyze(self, text: str) -> Analysis:
        if "POISON" in text:
            raise RuntimeError("the parser\nbroke")
        if "KILLER" in text:
            os._exit(3)  # as a segfault in a C extension would: the worker process is gone
        return self.real.analyze(text)  # type: ignore[no-any-return]

    def analyze_many(self, texts: list[str], batch_size: int = 32) -> list[Analysis]:
        return [self.analyze(text) for text in texts]


def poisoned_analyzer() -> Poisoned:
    return Poisoned(analysis_service.get_analyzer())


def _rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _comparable(rows: list[dict[str, Any]]) -> dict[Any, dict[str, Any]]:
    """Rows by id without what differs between runs (timing) or between the commands (the key)."""
    return {row["id"]: {k: v for k, v in row.items() if k not in ("seconds", "key")} for row in rows}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "in.jsonl", documents(DOCS), ("not json",))


def test_rows_equal_analyze_jsonl(
    dask_client: Any, analyzer: Any, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, reference = tmp_path / "out.jsonl", tmp_path / "reference.jsonl"
    counts = run_batch([corpus], out, options=QUIET, client=dask_client)
    monkeypatch.setattr(analysis_service, "_ANALYZER", analyzer)
    assert batch.analyze_jsonl(corpus, reference) == batch.BatchCounts(DOCS, 1)
    assert counts == ClusterCounts(DOCS, 1, 0)
    rows = _rows(out)
    assert len(rows) == DOCS + 1
    assert _comparable(rows) == _comparable(_rows(reference))
    assert sum(len(row.get("marks", ())) for row in rows) > DOCS  # real marks, not empty analyses


def test_stopped_run_resumes_writing_each_document_once(
    dask_client: Any, corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.jsonl"

    def stop_after(written: int) -> None:
        if written == 20:
            raise _Stop

    with pytest.raises(_Stop):
        run_batch([corpus], out, options=Options(batch_size=4, progress=False, on_written=stop_after),
                  client=dask_client)  # fmt: skip
    assert len(_rows(out)) == 20
    again = run_batch([corpus], out, options=QUIET, client=dask_client)
    assert again.analysed + again.failed == DOCS + 1 - 20 and again.skipped == 20
    ids = Counter(row["id"] for row in _rows(out))
    assert len(ids) == DOCS + 1 and set(ids.values()) == {1}
    rerun = run_batch([corpus], out, options=QUIET, client=dask_client)
    assert rerun == ClusterCounts(0, 0, DOCS + 1)


def test_parquet_stopped_run_resumes_with_one_document_row_each(
    dask_client: Any, corpus: Path, tmp_path: Path
) -> None:
    import pyarrow.dataset as ds

    out = tmp_path / "out.parquet"

    def stop_after(written: int) -> None:
        if written == 30:
            raise _Stop

    with pytest.raises(_Stop):
        run_batch([corpus], out, options=Options(batch_size=4, progress=False, on_written=stop_after),
                  client=dask_client)  # fmt: skip
    run_batch([corpus], out, options=QUIET, client=dask_client)
    table = ds.dataset(out).to_table().to_pylist()
    done = Counter(row["id"] for row in table if row["kind"] in ("document", "error"))
    assert len(done) == DOCS + 1 and set(done.values()) == {1}
    kinds = Counter(row["kind"] for row in table)
    assert kinds["hedge"] + kinds["commitment"] > 0 and kinds["quote"] > 0 and kinds["entity"] > 0
    mark = next(row for row in table if row["kind"] == "hedge")
    assert mark["text"] and mark["end"] > mark["start"] and mark["rule"]


def test_killed_client_then_restart_writes_each_document_once(dask_client: Any, tmp_path: Path) -> None:
    """`stance-reader batch` (a subprocess on the same scheduler) killed with SIGKILL after 10 rows."""
    inp = write_jsonl(tmp_path / "in.jsonl", documents(120, seed=11))
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "stance_reader", "batch", str(inp), "--out", str(out),
               "--scheduler", dask_client.scheduler.address, "--batch-size", "1"]  # fmt: skip
    proc = subprocess.Popen(command, env={**os.environ, "PYTHONPATH": str(DESKTOP)}, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if out.exists() and out.read_bytes().count(b"\n") >= 10:
            break
        time.sleep(0.02)  # polling a file another process writes; no event to wait on
    proc.send_signal(signal.SIGKILL)
    _, err = proc.communicate(timeout=30)
    before = out.read_bytes().count(b"\n")
    assert 10 <= before < 120, err.decode()  # killed mid-run, not before or after it
    again = run_batch([inp], out, options=QUIET, client=dask_client)
    assert again.analysed + again.skipped == 120 and again.skipped >= before
    ids = Counter(row["id"] for row in _rows(out))
    assert ids == Counter(range(120))


def test_killed_worker_is_replaced_and_the_run_completes(
    dask_client: Any, corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.jsonl"
    address, victim = sorted(dask_client.run(os.getpid).items())[0]
    busy: list[int] = []

    def kill_once(written: int) -> None:
        """From the 8th row on, the first time the victim holds a batch (it may be between two)."""
        if written < 8 or busy:
            return
        held = len(dask_client.cluster.scheduler.workers[address].processing)
        if held:
            busy.append(held)
            os.kill(victim, signal.SIGKILL)

    counts = run_batch([corpus], out, options=Options(batch_size=4, progress=False, on_written=kill_once),
                       client=dask_client)  # fmt: skip
    assert len(busy) == 1 and busy[0] >= 1  # it died with batches in hand, which the scheduler ran again
    assert counts == ClusterCounts(DOCS, 1, 0)
    ids = Counter(row["id"] for row in _rows(out))
    assert len(ids) == DOCS + 1 and set(ids.values()) == {1}
    assert victim not in _worker_pids(dask_client)  # the nanny started a new process in its place


def _worker_pids(client: Any, timeout: float = 60) -> set[int]:
    """The pids of two live workers, once the scheduler has dropped the dead one and the new one joined."""
    deadline = time.monotonic() + timeout
    while True:
        client.wait_for_workers(2, timeout=timeout)
        try:
            pids = set(client.run(os.getpid).values())
        except OSError:  # a worker the scheduler still lists has just gone
            pids = set()
        if len(pids) == 2 or time.monotonic() > deadline:
            return pids
        time.sleep(0.2)  # waiting for the nanny's restart; no event the client can wait on


def test_a_poisoned_text_is_one_error_row(dask_client: Any, tmp_path: Path) -> None:
    rows = documents(20)
    rows[7] = {"id": "poison", "text": "POISON. Anna Berg said she might wait."}
    inp, out = write_jsonl(tmp_path / "in.jsonl", rows), tmp_path / "out.jsonl"
    options = Options(batch_size=4, progress=False, analyzer_factory=poisoned_analyzer)
    try:
        counts = run_batch([inp], out, options=options, client=dask_client)
    finally:
        run_batch([inp], tmp_path / "reset.jsonl", options=QUIET, client=dask_client)  # the real plugin back
    assert counts == ClusterCounts(19, 1, 0)
    errors = [row for row in _rows(out) if "error" in row]
    assert errors == [{"id": "poison", "error": "analysis failed (RuntimeError: the parser broke)",
                       "key": errors[0]["key"]}]  # fmt: skip
    assert len(_rows(out)) == 20


def test_a_text_that_kills_its_worker_is_one_error_row(dask_client: Any, tmp_path: Path) -> None:
    """The scheduler gives up on a task whose worker died (allowed failures set to 0 here, 3 by
    default); the client splits the batch and retries each text alone, so only the killer fails.
    One task at a time (``in_flight=1``): with none beside the killer, no other task dies with it (by
    default two per worker thread; Dask's three retries keep those alive)."""
    rows = documents(12)
    rows[5] = {"id": "killer", "text": "KILLER. Anna Berg said she might wait."}
    inp, out = write_jsonl(tmp_path / "in.jsonl", rows), tmp_path / "out.jsonl"
    scheduler = dask_client.cluster.scheduler
    allowed, scheduler.allowed_failures = scheduler.allowed_failures, 0
    options = Options(batch_size=4, in_flight=1, progress=False, analyzer_factory=poisoned_analyzer)
    try:
        counts = run_batch([inp], out, options=options, client=dask_client)
    finally:
        scheduler.allowed_failures = allowed
        _worker_pids(dask_client)
        run_batch([inp], tmp_path / "reset.jsonl", options=QUIET, client=dask_client)  # the real plugin back
    assert counts == ClusterCounts(11, 1, 0)
    errors = [row for row in _rows(out) if "error" in row]
    assert [row["id"] for row in errors] == ["killer"]
    assert "KilledWorker" in errors[0]["error"]
    assert Counter(row["id"] for row in _rows(out)) == Counter(
        ["killer", *(r["id"] for r in rows if r["id"] != "killer")]
    )


def test_parquet_input(dask_client: Any, tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = documents(6)
    inp, out = tmp_path / "in.parquet", tmp_path / "out.jsonl"
    pq.write_table(pa.Table.from_pylist([*rows, {"id": 99, "text": None}]), inp)
    assert run_batch([inp], out, options=QUIET, client=dask_client) == ClusterCounts(6, 1, 0)
    by_id = {row["id"]: row for row in _rows(out)}
    assert set(by_id) == {0, 1, 2, 3, 4, 5, 99} and "error" in by_id[99]


def _check_library(url: str, inputs: list[Path], client: Any) -> None:
    counts = run_batch(inputs, None, db=url, options=QUIET, client=client)
    assert counts.analysed == DOCS
    with Store(url) as store:
        assert store.count_documents() == DOCS
        pipeline = client.run(lambda: analysis_service.get_analyzer().version)
        version = next(iter(pipeline.values()))
        for doc in store.list_documents():
            assert store.cached_analysis(doc.content_hash, version) is not None
        assert store.list_speakers()  # the ledger was filled with each fresh analysis
    assert run_batch(inputs, None, db=url, options=QUIET, client=client) == ClusterCounts(0, 1, DOCS)


def test_library_in_sqlite(dask_client: Any, corpus: Path, tmp_path: Path) -> None:
    _check_library(str(tmp_path / "library.sqlite3"), [corpus], dask_client)


def test_library_in_postgresql(dask_client: Any, corpus: Path, pg_url: str) -> None:
    _check_library(pg_url, [corpus], dask_client)


def test_the_same_text_under_two_ids_gives_two_rows_and_a_repeated_row_one(
    dask_client: Any, tmp_path: Path
) -> None:
    rows = documents(6)
    copy, repeat = {"id": "copy", "text": rows[0]["text"]}, dict(rows[0])
    inp, out = write_jsonl(tmp_path / "in.jsonl", [rows[0], copy, *rows[1:], repeat]), tmp_path / "out.jsonl"
    assert run_batch([inp], out, options=QUIET, client=dask_client) == ClusterCounts(7, 0, 1)
    written = _rows(out)
    assert Counter(row["id"] for row in written) == Counter([0, "copy", 1, 2, 3, 4, 5])
    by_id = _comparable(written)
    assert {**by_id["copy"], "id": 0} == by_id[0]


def test_output_file_and_library_together(dask_client: Any, tmp_path: Path) -> None:
    """Both at once: a document done in one but not the other is written only where it is missing."""
    inp, out, url = (
        write_jsonl(tmp_path / "in.jsonl", documents(8)),
        tmp_path / "out.jsonl",
        str(tmp_path / "l.db"),
    )
    assert run_batch([inp], None, db=url, options=QUIET, client=dask_client) == ClusterCounts(8, 0, 0)
    write_jsonl(inp, documents(12))
    assert run_batch([inp], out, db=url, options=QUIET, client=dask_client) == ClusterCounts(12, 0, 0)
    assert sorted(row["id"] for row in _rows(out)) == list(range(12))
    with Store(url) as store:
        assert store.count_documents() == 12
    assert run_batch([inp], out, db=url, options=QUIET, client=dask_client) == ClusterCounts(0, 0, 12)


def test_article_folder_through_the_cli(dask_client: Any, tmp_path: Path, sample_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "one.txt").write_text(sample_path.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    out = tmp_path / "out.jsonl"
    status = cli.main(["batch", str(folder), "--out", str(out), "--scheduler", dask_client.scheduler.address])
    rows = {Path(row["id"]).name: row for row in _rows(out)}
    assert status == 1  # one file failed
    assert set(rows) == {"one.txt", "broken.pdf"}
    assert "error" in rows["broken.pdf"] and rows["one.txt"]["quotes"]


def test_the_app_and_the_cli_never_import_dask() -> None:
    """Dask is the optional `cluster` extra: only a `batch` run loads it."""
    probe = (
        "import sys, stance_reader.cli, stance_reader.app, stance_reader.services.cluster_batch; "
        "print(sorted(m for m in ('dask', 'distributed', 'pyarrow') if m in sys.modules))"
    )
    env = {**os.environ, "PYTHONPATH": str(DESKTOP)}
    found = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"


def test_a_torn_last_line_is_cut_off_on_resume(tmp_path: Path) -> None:
    """A run killed in the middle of a row: the resumed writer drops the torn line, keeps the rest."""
    from stance_reader.services.cluster_io import Record
    from stance_reader.services.cluster_sinks import JsonlSink, make

    out = tmp_path / "out.jsonl"
    whole = json.dumps({"id": 1, "marks": [], "key": "k1"}) + "\n"
    out.write_text(whole + '{"id": 2, "marks": [', encoding="utf-8")
    sink = JsonlSink(out)
    sink.write(Record(2, "text"), "k2", make(sink.forms, 2, "text", "k2", Analysis(), None))
    sink.close()
    assert sink.holds(Record(1, "x"), "k1") and sink.holds(Record(2, "x"), "k2")
    assert not sink.holds(Record(1, "x"), "k2")
    assert [row["id"] for row in _rows(out)] == [1, 2]


def test_unusable_arguments_are_refused_before_any_cluster_starts(tmp_path: Path) -> None:
    inp = write_jsonl(tmp_path / "in.jsonl", documents(1))
    with pytest.raises(ValueError, match="no such file"):
        run_batch([tmp_path / "missing.jsonl"], tmp_path / "out.jsonl")
    with pytest.raises(ValueError, match=r"\.jsonl or \.parquet"):
        run_batch([inp], tmp_path / "out.csv")
    with pytest.raises(ValueError, match="give an output"):
        run_batch([inp], None)


@pytest.mark.parametrize("brk", ["\x85", "\u2028", "\u2029"])
def test_jsonl_rows_escape_every_line_break_json_leaves_raw(brk: str) -> None:
    """The quick path of batch.jsonl_line (no translate without a break) keeps one row one line."""
    line = batch.jsonl_line({"id": 1, "text": f"one{brk}two ünï"})
    assert line.endswith("\n") and len(line.splitlines()) == 1
    assert json.loads(line) == {"id": 1, "text": f"one{brk}two ünï"}
    assert batch.jsonl_line({"text": "ünï"}) == '{"text": "ünï"}\n'


def test_a_killed_parquet_run_leaves_whole_parts_and_redoes_the_rest(tmp_path: Path) -> None:
    """Parts of ``part_docs`` documents are renamed into place whole; what a kill leaves unflushed (and
    a half-written ``.tmp``) is not counted as done, so the next run writes it once."""
    import pyarrow.dataset as ds

    from stance_reader.services.cluster_io import Record
    from stance_reader.services.cluster_sinks import ParquetSink, make

    def made(n: int) -> Any:
        return make(("parquet",), n, "text", f"k{n}", Analysis(), None)

    out = tmp_path / "out.parquet"
    sink = ParquetSink(out, part_docs=2)
    for n in range(5):
        sink.write(Record(n, "text"), f"k{n}", made(n))
    # killed here: documents 0-3 are in two parts, document 4 only in memory, a part half-written
    (out / "part-dead-00009.tmp").write_bytes(b"PAR1 torn")
    resumed = ParquetSink(out, part_docs=2)
    assert [resumed.holds(Record(n, "x"), f"k{n}") for n in range(5)] == [True, True, True, True, False]
    assert not list(out.glob("*.tmp"))
    resumed.write(Record(4, "text"), "k4", made(4))
    resumed.close()
    rows = ds.dataset(out).to_table().to_pylist()
    assert sorted(row["id"] for row in rows) == ["0", "1", "2", "3", "4"]
    assert {row["kind"] for row in rows} == {"document"}
