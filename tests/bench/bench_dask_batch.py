"""`stance-reader batch --workers 2` (Dask LocalCluster) beside `analyze --jsonl -j 2` (multiprocessing) on
the same documents: documents/s of both, and the scheduler's overhead per document.

    .venv/bin/python tests/bench/bench_dask_batch.py                 # 2,000 documents, 2 workers
    .venv/bin/python tests/bench/bench_dask_batch.py --docs 500
    .venv/bin/python tests/bench/bench_dask_batch.py --client-cost 400
    .venv/bin/python tests/bench/bench_dask_batch.py --store-cost 200

Documents are six paragraphs of the bundled sample articles each (tests/batch/corpus.py, fictional
people; ~200 words). Each command runs once on a small input (``--small``) and ``--rounds`` times on the
full one, alternating which goes first; the steady rate is the marginal one, (full - small) documents
over the difference in wall time (mean of the full runs), with starting processes and loading
pipelines left out. Same texts per task (``--batch-size``) both ways.
Overhead per document: the Dask run's marginal seconds per document minus the multiprocessing run's,
in wall seconds and in worker seconds (times the workers). ``--client-cost DOCS`` measures instead, in
this process, the CPU the client and the scheduler spend per document and an empty task's round trip;
``--store-cost DOCS`` what ``--db`` costs the client per document (SQLite).
Separate from the suite; never fails a build.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "batch"))

from corpus import documents, write_jsonl  # noqa: E402


def run(args: list[str], out: Path) -> tuple[float, int, str]:
    """Wall seconds, rows written and the stderr of one `stance-reader` command."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "desktop")}
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "stance_reader", *args], capture_output=True, text=True,
                          env=env, check=False)  # fmt: skip
    seconds = time.monotonic() - started
    rows = len(out.read_text(encoding="utf-8").splitlines()) if out.exists() else 0
    return seconds, rows, done.stderr


def wall(folder: Path, name: str, command: list[str], inp: Path, count: int, tag: str) -> float:
    out = folder / f"{name}-{tag}.jsonl"
    seconds, rows, err = run(_with(command, inp, out), out)
    if rows != count:
        raise SystemExit(f"{name}: {rows} rows of {count}\n{err}")
    return seconds


def summary(name: str, small: tuple[int, float], full: tuple[int, list[float]]) -> dict[str, object]:
    """Overall and steady (marginal) rates from the small run and the mean of the full runs."""
    (few, small_wall), (many, walls) = small, full
    mean = sum(walls) / len(walls)
    marginal = (mean - small_wall) / (many - few)
    return {
        "command": name, "docs": many, "wall_s": [round(w, 2) for w in walls],
        "small_wall_s": round(small_wall, 2), "docs_per_s_overall": round(many / mean, 1),
        "docs_per_s_steady": round(1 / marginal, 1), "marginal_ms_per_doc": round(marginal * 1000, 2),
    }  # fmt: skip


def client_cost(docs: int, workers: int, paragraphs: int) -> dict[str, object]:
    """In this process: the CPU the client and the (in-process) scheduler and nannies spend per document
    on a warm LocalCluster, that beyond what they spend idle, and the round trip of an empty task (the
    scheduler's cost per task, not per text)."""
    import resource

    import dask
    import distributed

    from stance_reader.services.cluster_batch import LOCAL_CONFIG, Options, run_batch

    with tempfile.TemporaryDirectory(prefix="stance-bench-dask-") as name:
        inp = write_jsonl(Path(name) / "in.jsonl", documents(docs, size=paragraphs))
        with dask.config.set(LOCAL_CONFIG), distributed.LocalCluster(
            n_workers=workers, threads_per_worker=1, dashboard_address=None, silence_logs=40
        ) as cluster, distributed.Client(cluster) as client:  # fmt: skip
            run_batch([inp], Path(name) / "warm.jsonl", options=Options(progress=False), client=client)
            before, started = resource.getrusage(resource.RUSAGE_SELF), time.monotonic()
            run_batch([inp], Path(name) / "out.jsonl", options=Options(progress=False), client=client)
            after, wall = resource.getrusage(resource.RUSAGE_SELF), time.monotonic() - started
            idle = _cpu_seconds(resource.getrusage(resource.RUSAGE_SELF))
            time.sleep(5)  # the nannies' and the scheduler's monitors run at a fixed rate, work or not
            background = (_cpu_seconds(resource.getrusage(resource.RUSAGE_SELF)) - idle) / 5
            tasks = 400
            begun = time.monotonic()
            client.gather(client.map(abs, range(tasks), pure=False))
            per_task = (time.monotonic() - begun) / tasks
    cpu = _cpu_seconds(after) - _cpu_seconds(before)
    return {
        "client_cost_docs": docs, "docs_per_s_warm": round(docs / wall, 1),
        "client_and_scheduler_cpu_ms_per_doc": round(cpu / docs * 1000, 2),
        "idle_cpu_ms_per_s": round(background * 1000, 1),
        "cpu_ms_per_doc_beyond_idle": round((cpu - background * wall) / docs * 1000, 2),
        "empty_task_round_trip_ms": round(per_task * 1000, 2),
    }  # fmt: skip


def store_cost(docs: int, paragraphs: int) -> dict[str, object]:
    """In this process: what `--db` costs the client per document, writing into a fresh SQLite library
    (document, analysis, ledger rows through the services) and looking a document up."""
    from stance_reader.services import analysis
    from stance_reader.services.cluster_io import Record
    from stance_reader.services.cluster_sinks import StoreSink, make
    from stance_reader.services.library import open_store

    analyzer = analysis.get_analyzer()
    made = [(Record(row["id"], str(row["text"])), analyzer.analyze(str(row["text"])))
            for row in documents(docs, seed=3, size=paragraphs)]  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="stance-bench-dask-") as name:
        sink = StoreSink(open_store(str(Path(name) / "library.sqlite3")), analyzer.version)
        started = time.perf_counter()
        for record, result in made:
            key = record.key(analyzer.version)
            sink.write(record, key, make(sink.forms, record.id, record.text, key, result, None))
        written = time.perf_counter()
        held = sum(sink.holds(record, record.key(analyzer.version)) for record, _ in made)
        looked = time.perf_counter()
        sink.close()
    assert held == docs
    return {"store_cost_docs": docs, "sqlite_write_ms_per_doc": round((written - started) / docs * 1000, 2),
            "lookup_ms_per_doc": round((looked - written) / docs * 1000, 2)}  # fmt: skip


def _cpu_seconds(usage: Any) -> float:
    return float(usage.ru_utime + usage.ru_stime)


def _with(template: list[str], inp: Path, out: Path) -> list[str]:
    return [str(inp) if a == "{in}" else str(out) if a == "{out}" else a for a in template]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--small", type=int, default=40)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--paragraphs", type=int, default=6, help="sample paragraphs per document")
    parser.add_argument("--rounds", type=int, default=2, help="full runs of each command, alternating")
    parser.add_argument("--client-cost", type=int, metavar="DOCS", help="only the in-process client cost")
    parser.add_argument("--store-cost", type=int, metavar="DOCS", help="only the --db writer's cost")
    args = parser.parse_args()
    if args.store_cost:
        print(json.dumps(store_cost(args.store_cost, args.paragraphs)), flush=True)
        return 0
    if args.client_cost:
        print(json.dumps(client_cost(args.client_cost, args.workers, args.paragraphs)), flush=True)
        return 0
    rows = documents(args.docs, size=args.paragraphs)
    words = sum(len(str(row["text"]).split()) for row in rows) / len(rows)
    setup = {"docs": args.docs, "words_per_doc": round(words, 1), "cpus": os.cpu_count(),
             "load_average": os.getloadavg()}  # fmt: skip
    print(json.dumps(setup), flush=True)
    with tempfile.TemporaryDirectory(prefix="stance-bench-dask-") as name:
        folder = Path(name)
        inputs = {n: write_jsonl(folder / f"in-{n}.jsonl", rows[:n]) for n in (args.small, args.docs)}
        size, jobs = str(args.batch_size), str(args.workers)
        commands = {
            "analyze -j": ["analyze", "--jsonl", "{in}", "--out", "{out}", "-j", jobs, "--batch-size", size],
            "batch (dask)": ["batch", "{in}", "--out", "{out}", "--workers", jobs, "--batch-size", size],
        }
        small = {n: wall(folder, n, c, inputs[args.small], args.small, "small") for n, c in commands.items()}
        full: dict[str, list[float]] = {name: [] for name in commands}
        for round_ in range(args.rounds):  # A B, then B A: drift in the machine's load hits both alike
            order = list(commands) if round_ % 2 == 0 else list(reversed(commands))
            for name in order:
                seconds = wall(folder, name, commands[name], inputs[args.docs], args.docs, str(round_))
                full[name].append(seconds)
                print(json.dumps({"run": name, "round": round_, "wall_s": round(seconds, 2),
                                  "load_average": os.getloadavg()}), flush=True)  # fmt: skip
        results = [summary(n, (args.small, small[n]), (args.docs, full[n])) for n in commands]
    for result in results:
        print(json.dumps(result), flush=True)
    print(json.dumps({"load_average_after": os.getloadavg()}), flush=True)  # the machine is shared
    mp, dk = (float(r["marginal_ms_per_doc"]) for r in results)  # type: ignore[arg-type]
    per_worker = float(results[1]["docs_per_s_steady"]) / args.workers  # type: ignore[arg-type]
    print(json.dumps({
        "overhead_ms_per_doc_wall": round(dk - mp, 2),
        "overhead_ms_per_doc_worker": round((dk - mp) * args.workers, 2),
        "dask_docs_per_s_per_worker": round(per_worker, 1),
        "hours_for_1M_docs": {w: round(1e6 / (per_worker * w) / 3600, 2) for w in (1, 8, 64)},
    }), flush=True)  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
