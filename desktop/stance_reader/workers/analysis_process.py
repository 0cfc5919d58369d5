"""The stance pipeline in a child process, so spaCy never holds the window's GIL.

Owns :class:`ProcessAnalyzer` and :func:`process_analyzer` (one per GUI process). Measured reason:
run on a thread of the GUI process, spaCy's Cython components (attribute ruler, tagger, parser) hold
the GIL for a whole 20,000-character chunk at a time, which froze the window for up to ~190 ms while a
50,000-word article was analysed (tests/bench/bench_gui_stall.py). In a child process the GIL is not
shared; only the result crosses back, as plain dicts (``Analysis.to_dict``) rebuilt in Python on the
lane thread, which yields the GIL every few milliseconds.

The child is started with ``spawn`` (the GUI process has threads; forking them is unsafe), loads the
pipeline once, and is reused for every article. Calls block the caller: make them on the analysis lane.
"""

from __future__ import annotations

import atexit
import multiprocessing
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from stance_reader.core.models import Analysis


def _child_identity() -> tuple[str, str]:
    """(name, version) of the pipeline, loading it in the child."""
    from stance_reader.services.analysis import get_analyzer

    analyzer = get_analyzer()
    return str(analyzer.name), str(analyzer.version)


def _child_analyze(text: str) -> dict[str, Any]:
    from stance_reader.services.analysis import get_analyzer

    return get_analyzer().analyze(text).to_dict()


# The child's one chunked analysis in progress (the child runs one call at a time, in order).
_CHILD_JOB: dict[str, Any] = {}


def _child_begin(text: str, chunk_chars: int | None) -> None:
    from stance_reader.services.analysis import get_analyzer

    _CHILD_JOB["job"] = get_analyzer().chunked(text, chunk_chars)


def _child_step() -> tuple[bool, int]:
    job = _CHILD_JOB["job"]
    return job.step(), job.done


def _child_partial() -> dict[str, Any]:
    return dict(_CHILD_JOB["job"].partial().to_dict())


def _child_end() -> None:
    _CHILD_JOB.clear()  # the text and its results are let go at once, not at the next begin


class ProcessAnalyzer:
    """The analyzer interface (``name``, ``version``, ``analyze``) backed by one child process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self._running: Future[Any] | None = None
        self.name = ""
        self.version = ""

    @property
    def started(self) -> bool:
        return self._pool is not None

    def start(self) -> None:
        """Start the child and load the pipeline there (blocks ~2 s the first time)."""
        with self._lock:
            if self._pool is None:
                pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
                self.name, self.version = pool.submit(_child_identity).result()
                self._pool = pool

    def analyze(self, text: str) -> Analysis:
        self.start()
        assert self._pool is not None
        future = self._pool.submit(_child_analyze, text)
        self._running = future
        try:
            return Analysis.from_dict(future.result())
        finally:
            self._running = None

    def chunked(self, text: str, chunk_chars: int | None = None) -> RemoteChunked:
        """The text's analysis run chunk by chunk in the child (see ``nlp.pipeline.ChunkedAnalysis``);
        each call blocks for about one chunk (~1 s), so a cancelled job stops that soon."""
        self.start()
        self._call(_child_begin, text, chunk_chars)
        return RemoteChunked(self, len(text))

    def _call(self, fn: Any, *args: Any) -> Any:
        pool = self._pool
        if pool is None:
            raise RuntimeError("the analysis process was stopped")
        future = pool.submit(fn, *args)
        self._running = future
        try:
            return future.result()
        finally:
            self._running = None

    def stop_running(self) -> bool:
        """On quit: end a running analysis by ending the child (the next call starts a new one).
        Returns True when there was one to stop."""
        running, pool = self._running, self._pool
        if running is None or running.done() or pool is None:
            return False
        self.shutdown(kill=True)
        return True

    def shutdown(self, kill: bool = False) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is None:
            return
        if kill:
            for proc in list(getattr(pool, "_processes", {}).values()):
                proc.terminate()
        pool.shutdown(wait=not kill, cancel_futures=True)


class RemoteChunked:
    """``ChunkedAnalysis``'s interface (``total``, ``done``, ``step``, ``partial``, ``close``) for an
    analysis running in the child; results cross as plain dicts."""

    def __init__(self, owner: ProcessAnalyzer, total: int) -> None:
        self._owner = owner
        self.total = total
        self.done = 0

    def step(self) -> bool:
        more, self.done = self._owner._call(_child_step)
        return bool(more)

    def partial(self) -> Analysis:
        return Analysis.from_dict(self._owner._call(_child_partial))

    def close(self) -> None:
        if not self._owner.started:
            return
        try:
            self._owner._call(_child_end)
        except Exception:  # why broad: the child was stopped (quit) or died; its state went with it
            return


_INSTANCE: ProcessAnalyzer | None = None


def process_analyzer() -> ProcessAnalyzer:
    """The GUI process's one child-process analyzer (created on first use, stopped at exit)."""
    global _INSTANCE
    if _INSTANCE is None:
        _INSTANCE = ProcessAnalyzer()
        atexit.register(_INSTANCE.shutdown, True)
    return _INSTANCE


def stop_running_analysis() -> bool:
    return _INSTANCE.stop_running() if _INSTANCE is not None else False


__all__ = ["ProcessAnalyzer", "RemoteChunked", "process_analyzer", "stop_running_analysis"]
