"""The serial analysis lane: one private worker thread for pipeline loading, analysis, imports and writes.

Owns :class:`Lane` and :class:`JobContext`. Every job is a plain callable run on the lane's single
thread (a private ``QThreadPool`` with ``maxThreadCount == 1``), so jobs never race each other on the
database or the (non-re-entrant) spaCy pipeline. Results travel back to the GUI thread as queued signals
carrying the job id; callbacks run on the GUI thread. A cancelled job that has not started is skipped;
one that is already running finishes, but its result is dropped (the view asked for something else).

Thread affinity: construct, ``submit`` and ``cancel`` on the GUI thread only.
"""

from __future__ import annotations

import inspect
import itertools
import threading
import traceback
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

DoneCallback = Callable[[Any], None]
ErrorCallback = Callable[[BaseException], None]
ProgressCallback = Callable[[float, str], None]
PartialCallback = Callable[[Any], None]


class JobCancelled(Exception):
    """Raised inside a job by :meth:`JobContext.check` once the job was cancelled."""


@dataclass(frozen=True, slots=True)
class JobProgress:
    """One progress report: ``fraction`` in 0…1, or -1 for "busy, unknown how long"."""

    job_id: int
    fraction: float
    message: str


@dataclass(slots=True)
class JobContext:
    """Handed to a job that declares a ``context`` keyword parameter: progress and cancellation."""

    job_id: int
    _relay: _Relay
    _cancelled: threading.Event = field(default_factory=threading.Event)

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def check(self) -> None:
        """Raise :class:`JobCancelled` if the job was cancelled (call between steps of a long job)."""
        if self._cancelled.is_set():
            raise JobCancelled

    def progress(self, fraction: float, message: str = "") -> None:
        """Report progress (thread-safe; delivered on the GUI thread)."""
        if not self._cancelled.is_set():
            self._relay.progress.emit(JobProgress(self.job_id, float(fraction), message))

    def partial(self, payload: object) -> None:
        """Hand part of the result to the view before the job ends (a long analysis shows its first
        chunks' marks). Thread-safe; delivered on the GUI thread to ``on_partial``, never once the job
        was cancelled. Send frozen data, as with results."""
        if not self._cancelled.is_set():
            self._relay.partial.emit(self.job_id, payload)


class _Relay(QObject):
    """Lives on the GUI thread; signals emitted from the worker thread arrive there queued."""

    done = Signal(int, object)
    failed = Signal(int, object)
    progress = Signal(object)
    partial = Signal(int, object)


class _Job(QRunnable):
    def __init__(self, context: JobContext, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._context = context
        self._fn = fn
        self._args = args

    def run(self) -> None:  # worker thread
        ctx = self._context
        if ctx.cancelled:
            ctx._relay.failed.emit(ctx.job_id, JobCancelled())
            return
        try:
            if _accepts_context(self._fn):
                result = self._fn(*self._args, context=ctx)
            else:
                result = self._fn(*self._args)
        except BaseException as exc:  # the GUI thread decides what to do with any failure
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            ctx._relay.failed.emit(ctx.job_id, exc)
            return
        ctx._relay.done.emit(ctx.job_id, result)


def _accepts_context(fn: Callable[..., Any]) -> bool:
    try:
        return "context" in inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False


@dataclass(slots=True)
class _Pending:
    context: JobContext
    on_done: DoneCallback | None
    on_error: ErrorCallback | None
    on_progress: ProgressCallback | None
    label: str
    on_partial: PartialCallback | None = None


class Lane(QObject):
    """One serial background lane. ``submit`` returns a job id; callbacks run on the GUI thread.

    Signals: ``busy_changed(bool)``, ``progress(JobProgress)`` (every job's progress, for the status
    bar), ``job_finished(int)`` (after the job's callback ran, success, failure or cancellation).
    """

    busy_changed = Signal(bool)
    progress = Signal(object)
    job_finished = Signal(int)

    _ids: ClassVar[itertools.count[int]] = itertools.count(1)
    instances: ClassVar[weakref.WeakSet[Lane]] = weakref.WeakSet()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._pool.setExpiryTimeout(-1)  # keep the thread: spaCy state is per process, start-up is not free
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_done)
        self._relay.failed.connect(self._on_failed)
        self._relay.progress.connect(self._on_progress)
        self._relay.partial.connect(self._on_partial)
        self._pending: dict[int, _Pending] = {}
        self._closed = False
        Lane.instances.add(self)

    # --- GUI-thread API -----------------------------------------------------------------------------

    def submit(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: DoneCallback | None = None,
        on_error: ErrorCallback | None = None,
        on_progress: ProgressCallback | None = None,
        on_partial: PartialCallback | None = None,
        label: str = "",
    ) -> int:
        """Queue ``fn(*args)`` on the lane; returns its job id.

        If ``fn`` has a ``context`` keyword parameter it receives a :class:`JobContext` (progress,
        cancellation, partial results). ``on_done(result)`` / ``on_error(exception)`` /
        ``on_partial(payload)`` run on the GUI thread unless the job was cancelled. An error with no
        ``on_error`` is printed to stderr with its traceback.
        """
        if self._closed:
            raise RuntimeError("the analysis lane is shut down")
        job_id = next(Lane._ids)
        context = JobContext(job_id, self._relay)
        self._pending[job_id] = _Pending(
            context, on_done, on_error, on_progress, label or fn.__name__, on_partial
        )
        was_busy = len(self._pending) > 1
        self._pool.start(_Job(context, fn, args))
        if not was_busy:
            self.busy_changed.emit(True)
        return job_id

    def cancel(self, job_id: int) -> None:
        """Cancel one job: skipped if not started; if running, its result is dropped."""
        pending = self._pending.get(job_id)
        if pending is not None:
            pending.context._cancelled.set()

    def cancel_all(self) -> None:
        for pending in self._pending.values():
            pending.context._cancelled.set()

    def is_busy(self) -> bool:
        """True while any job is queued, running, or its result not yet delivered."""
        return bool(self._pending)

    def pending_labels(self) -> list[str]:
        return [p.label for p in self._pending.values()]

    def wait(self, msecs: int = -1) -> bool:
        """Block until the worker thread is idle (does not deliver results; see ``drain``)."""
        return bool(self._pool.waitForDone(msecs))

    def shutdown(self, msecs: int = 30000) -> bool:
        """On quit: cancel everything, wait for the running job, drop undelivered results."""
        self._closed = True
        self.cancel_all()
        idle = self.wait(msecs)
        had = bool(self._pending)
        self._pending.clear()
        if had:
            self.busy_changed.emit(False)
        return idle

    # --- delivery (GUI thread) ----------------------------------------------------------------------

    def _finish(self, job_id: int) -> _Pending | None:
        pending = self._pending.pop(job_id, None)
        if pending is not None and not self._pending:
            self.busy_changed.emit(False)
        return pending

    @Slot(int, object)
    def _on_done(self, job_id: int, result: object) -> None:
        pending = self._finish(job_id)
        if pending is None:
            return
        if not pending.context.cancelled and pending.on_done is not None:
            try:
                pending.on_done(result)
            finally:
                self.job_finished.emit(job_id)
            return
        self.job_finished.emit(job_id)

    @Slot(int, object)
    def _on_failed(self, job_id: int, error: object) -> None:
        pending = self._finish(job_id)
        if pending is None:
            return
        try:
            if pending.context.cancelled or isinstance(error, JobCancelled):
                return
            if pending.on_error is not None:
                pending.on_error(error)  # type: ignore[arg-type]
            else:
                import sys

                text = getattr(error, "__traceback_text__", repr(error))
                print(f"stance-reader: background job {pending.label} failed:\n{text}", file=sys.stderr)
        finally:
            self.job_finished.emit(job_id)

    @Slot(int, object)
    def _on_partial(self, job_id: int, payload: object) -> None:
        pending = self._pending.get(job_id)
        if pending is not None and not pending.context.cancelled and pending.on_partial is not None:
            pending.on_partial(payload)

    @Slot(object)
    def _on_progress(self, report: JobProgress) -> None:
        pending = self._pending.get(report.job_id)
        if pending is None or pending.context.cancelled:
            return
        if pending.on_progress is not None:
            pending.on_progress(report.fraction, report.message)
        self.progress.emit(report)


__all__ = ["JobCancelled", "JobContext", "JobProgress", "Lane"]
