"""``stance-reader batch``: analyse a corpus on Dask distributed, resumably and exactly once.

With no scheduler address a ``LocalCluster`` of worker processes (one thread each: the pipeline is not
re-entrant) is started here; with one, the run connects to it. Each worker loads the pipeline once
(``cluster_worker.AnalyzerPlugin``) and makes the output rows of what it analyses. The client reads
the inputs lazily, submits batches of texts with a bounded number in flight (one out for one in), and
appends each result as it arrives (completion order, not input order).

Exactly once: a document's key is its content hash and the pipeline identity; keys already in the
output (or the library) are skipped before anything is sent, and the one writer (this client) checks
again before writing, so a batch the scheduler re-ran after a worker died is never written twice. A
text that fails becomes an error row; a batch whose worker keeps dying is split and retried one text
at a time, so only the text that kills it ends as an error.

Dask is imported only inside :func:`run_batch`: the app and the other commands never load it.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from stance_reader.services import cluster_io
from stance_reader.services.cluster_io import Record
from stance_reader.services.cluster_sinks import JsonlSink, Outcome, ParquetSink, Sink, StoreSink

log = logging.getLogger(__name__)
Item = tuple[Record, str]  # a document and its key
LOCAL_CONFIG = {
    # The workers' sampling profiler (every 10 ms, for the dashboard) costs the pipeline's thread a
    # few per cent; off for the clusters started here.
    "distributed.worker.profile.enabled": False,
}


@dataclass(frozen=True)
class ClusterCounts:
    analysed: int = 0
    failed: int = 0
    skipped: int = 0  # already in the output or the library

    def __str__(self) -> str:
        return f"{self.analysed:,} analysed, {self.failed:,} failed, {self.skipped:,} already done"


@dataclass(frozen=True)
class Options:
    """How to run: ``scheduler`` address (None: a local cluster of ``workers`` processes, None: one per
    core), texts per task, batches in flight (None: two per worker thread), the mark threshold for
    file outputs, and hooks for tests (an analyzer factory for the workers; ``on_written(n)`` after
    each document written)."""

    scheduler: str | None = None
    workers: int | None = None
    batch_size: int = 16
    in_flight: int | None = None
    min_confidence: float | None = None
    progress: bool = True
    analyzer_factory: Callable[[], Any] | None = None
    on_written: Callable[[int], None] | None = None


def run_batch(
    inputs: Sequence[Path], out: Path | None, db: str | None = None, options: Options = Options(),
    client: Any = None,
) -> ClusterCounts:  # fmt: skip
    """Analyse every document of ``inputs`` into ``out`` (``.jsonl`` or ``.parquet``) and/or the library
    at ``db``. ``client``: an existing ``distributed.Client`` to use (left open). Raises ValueError
    for an unusable output or input, OSError when an input cannot be read."""
    if out is None and db is None:
        raise ValueError("give an output (--out OUT.jsonl|OUT.parquet) or a library (--db)")
    if out is not None and out.suffix.lower() not in (".jsonl", ".parquet"):
        raise ValueError(f"{out}: the output must end in .jsonl or .parquet")
    missing = [str(path) for path in inputs if not path.exists()]
    if missing:
        raise ValueError(f"no such file or folder: {', '.join(missing)}")
    total = cluster_io.count(inputs)
    with _connected(options, client) as dask_client:
        pipeline = _prepare_workers(dask_client, options.analyzer_factory)
        sink = _open_sink(out, db, pipeline)
        try:
            return _Run(dask_client, sink, pipeline, options, total).run(cluster_io.read(inputs))
        finally:
            sink.close()


@contextmanager
def _connected(options: Options, client: Any) -> Iterator[Any]:
    if client is not None:
        yield client
        return
    import dask
    from distributed import Client, LocalCluster

    if options.scheduler:
        with Client(options.scheduler) as remote:
            _say_dashboard(remote)
            yield remote
        return
    workers = options.workers or os.cpu_count() or 1
    with dask.config.set(LOCAL_CONFIG), LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
        silence_logs=logging.ERROR,
    ) as cluster, Client(cluster) as local:  # fmt: skip
        _say_dashboard(local)
        yield local


def _say_dashboard(client: Any) -> None:
    """The dashboard's address, if it answers: the scheduler lists its HTTP port whether or not the
    dashboard pages are served (no bokeh, ``--no-dashboard``)."""
    import urllib.request

    if "dashboard" not in client.scheduler_info().get("services", {}):
        return
    link = client.dashboard_link
    try:
        with urllib.request.urlopen(link, timeout=2) as page:  # the scheduler's own http:// address
            served = page.status == 200
    except OSError:  # 404 (no dashboard pages), refused, timed out
        served = False
    if served:
        print(f"Dask dashboard: {link}", file=sys.stderr, flush=True)


def _prepare_workers(client: Any, factory: Callable[[], Any] | None) -> str:
    """Register the plugin (every worker, and every one that joins later, loads the pipeline) and
    return the pipeline identity the workers report."""
    from stance_reader.services.cluster_worker import AnalyzerPlugin, pipeline_version

    started = time.monotonic()
    if not client.scheduler_info().get("workers"):
        print("waiting for a worker to join the scheduler…", file=sys.stderr, flush=True)
    client.register_plugin(AnalyzerPlugin(factory))
    pipeline = str(client.submit(pipeline_version, pure=False).result())
    workers = len(client.scheduler_info().get("workers", {}))
    print(f"{workers} worker(s) ready in {time.monotonic() - started:.1f} s; pipeline {pipeline}",
          file=sys.stderr, flush=True)  # fmt: skip
    return pipeline


def _open_sink(out: Path | None, db: str | None, pipeline: str) -> Sink:
    sinks: list[Sink] = []
    if out is not None:
        sinks.append(JsonlSink(out) if out.suffix.lower() == ".jsonl" else ParquetSink(out))
    if db is not None:
        from stance_reader.services.library import open_store

        sinks.append(StoreSink(open_store(db or None), pipeline))
    return sinks[0] if len(sinks) == 1 else _Both(sinks)


class _Both:
    """An output file and the library at once: a document is done only when both hold it."""

    def __init__(self, sinks: list[Sink]) -> None:
        self._sinks = sinks
        self.forms = tuple(form for sink in sinks for form in sink.forms)

    def holds(self, record: Record, key: str) -> bool:
        return all(s.holds(record, key) for s in self._sinks)

    def wrote(self, record: Record, key: str) -> bool:
        return all(s.wrote(record, key) for s in self._sinks)

    def write(self, record: Record, key: str, outcome: Outcome) -> None:
        for sink in self._sinks:
            if not sink.holds(record, key):
                sink.write(record, key, outcome)

    def close(self) -> None:
        for sink in self._sinks:
            sink.close()


class _Run:
    """One pass over the inputs: submit, collect as completed, write once."""

    def __init__(self, client: Any, sink: Sink, pipeline: str, options: Options, total: int) -> None:
        self._client, self._sink, self._pipeline, self._options = client, sink, pipeline, options
        self._counts = ClusterCounts()
        self._in_flight: set[bytes] = set()  # sent and not yet written (a repeated input row waits here)
        self._pending: dict[Any, list[Item]] = {}
        self._retry: deque[list[Item]] = deque()  # texts of a failed batch, sent again one by one
        self._bar = _progress_bar(total, options.progress)

    def run(self, records: Iterator[Record]) -> ClusterCounts:
        from distributed import as_completed

        batches = self._batches(records)
        threads = sum(self._client.nthreads().values()) or 1
        completed = as_completed()
        for _ in range(self._options.in_flight or 2 * threads):
            if not self._submit(self._next(batches), completed):
                break
        for future in completed:
            self._collect(future)
            self._submit(self._next(batches), completed)  # one out for one in: the bound holds
        self._bar.close()
        return self._counts

    def _next(self, batches: Iterator[list[Item]]) -> list[Item] | None:
        return self._retry.popleft() if self._retry else next(batches, None)

    def _batches(self, records: Iterator[Record]) -> Iterator[list[Item]]:
        """Batches of documents still to analyse; error records and documents already done are
        written or counted on the way (never sent)."""
        batch: list[Item] = []
        for record in records:
            key = record.key(self._pipeline)
            token = cluster_io.done_token(record.id, key)
            if token in self._in_flight or self._sink.holds(record, key):
                self._counts = replace(self._counts, skipped=self._counts.skipped + 1)
                self._bar.update(1)
                continue
            if record.error:
                self._write(record, key, record.error)
                continue
            self._in_flight.add(token)
            batch.append((record, key))
            if len(batch) >= self._options.batch_size:
                yield batch
                batch = []
        if batch:
            yield batch

    def _submit(self, batch: list[Item] | None, completed: Any) -> bool:
        if not batch:
            return False
        from stance_reader.services.cluster_worker import analyse_batch

        payload = [(key, record.id, record.text) for record, key in batch]
        forms, bar = self._sink.forms, self._options.min_confidence
        future = self._client.submit(analyse_batch, payload, forms, bar, pure=False)
        self._pending[future] = batch
        completed.add(future)
        return True

    def _collect(self, future: Any) -> None:
        batch = self._pending.pop(future)
        try:
            results = future.result()
        except Exception as exc:  # why broad: KilledWorker, or a future cancelled with its scheduler
            self._failed(batch, exc)
            return
        # By position: two documents of one batch may share a key (the same text under two ids).
        for (record, key), (_, outcome) in zip(batch, results, strict=True):
            self._write(record, key, outcome)
        future.release()

    def _failed(self, batch: list[Item], exc: BaseException) -> None:
        """A task that failed as a whole (its worker died too often: ``KilledWorker``): its texts go
        again one per task, within the in-flight bound, so only the text that kills a worker ends
        as an error row."""
        log.debug("batch of %d failed: %r", len(batch), exc)
        if len(batch) > 1:
            self._retry.extend([item] for item in batch)
            return
        record, key = batch[0]
        detail = " ".join(str(exc).split())[:300]
        self._write(record, key, f"worker failed on this text ({type(exc).__name__}: {detail})")

    def _write(self, record: Record, key: str, outcome: Outcome) -> None:
        self._in_flight.discard(cluster_io.done_token(record.id, key))
        if self._sink.wrote(record, key) and not record.error:
            # Written already in this run (a re-run batch that came back twice): the sinks' memory
            # answers, not the library, which would cost two queries a document.
            self._counts = replace(self._counts, skipped=self._counts.skipped + 1)
            self._bar.update(1)
            return
        self._sink.write(record, key, outcome)
        failed = isinstance(outcome, str)
        self._counts = replace(
            self._counts,
            analysed=self._counts.analysed + (not failed),
            failed=self._counts.failed + failed,
        )
        self._bar.update(1)
        if self._options.on_written is not None:
            self._options.on_written(self._counts.analysed + self._counts.failed)


def _progress_bar(total: int, shown: bool) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", file=sys.stderr, disable=not shown, mininterval=1.0, smoothing=0.1)
