"""Running highlight operations on the window's write lane, and the one "what changed" signal.

Owns :class:`ChangeHub` (``changed(Changes)``: every view of saved highlights refreshes itself from it)
and :class:`OpRunner`, which submits one ``services.highlights`` operation as one lane job, and on the GUI
thread emits its :class:`Changes` once, then hands it to the caller's ``done`` (status text, selecting
the new row). A write queued behind a long analysis when the window closes still runs, exactly once
(:class:`_Write`; ``flush`` is called on close). GUI thread only, except ``_Write.__call__`` (lane).
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from stance_reader.services.highlights import Changes, HighlightHistory, HighlightOp
from stance_reader.store import Store
from stance_reader.ui.highlights.host import HighlightsHost

Done = Callable[[Changes], None]


class ChangeHub(QObject):
    """Broadcasts what each highlight write changed; views connect and decide whether to re-read."""

    changed = Signal(object)  # Changes
    busy_changed = Signal(bool)  # writes queued or running on the lane (undo/redo stay enabled then)


class _Write:
    """One queued operation that runs exactly once: on the lane, or on the GUI thread when the
    window closes before the lane reached it (whichever claims it first)."""

    def __init__(self, op: HighlightOp, history: HighlightHistory) -> None:
        self._op, self._history = op, history
        self._lock = threading.Lock()
        self._claimed = False

    def __call__(self) -> Changes | None:  # lane thread
        with self._lock:
            if self._claimed:
                return None
            self._claimed = True
            return self._op.run(self._history)

    def run_if_unclaimed(self) -> int:
        """Run now unless the lane already ran (or is running) it; 1 if it ran here."""
        with self._lock:  # waits while the lane is in the middle of this very write
            if self._claimed:
                return 0
            self._claimed = True
            self._op.run(self._history)
            return 1


class OpRunner(QObject):
    """Runs operations against one :class:`HighlightHistory` per store on ``host.lane``."""

    def __init__(self, host: HighlightsHost, hub: ChangeHub, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._host, self._hub = host, hub
        self._history: HighlightHistory | None = None
        self._history_store: Store | None = None
        self._pending: list[_Write] = []

    @property
    def history(self) -> HighlightHistory | None:
        """One history per store (the window may switch databases); created on first use."""
        store = self._host.store
        if store is None:
            return None
        if self._history is None or self._history_store is not store:
            self._history, self._history_store = HighlightHistory(store), store
        return self._history

    def busy(self) -> bool:
        """True while a write is queued or running (the lane is serial: an undo now runs after it)."""
        return bool(self._pending)

    def run(self, op: HighlightOp, done: Done | None = None) -> int | None:
        """Queue ``op`` as one lane job; returns its job id, or None (and says why) with no library."""
        history = self.history
        if history is None:
            self._host.show_error("No library database is open, so highlights cannot be saved.")
            return None
        write = _Write(op, history)
        self._pending.append(write)
        if len(self._pending) == 1:
            self._hub.busy_changed.emit(True)

        def finished(changes: Changes | None) -> None:
            self._settle(write, changes or Changes())
            if done is not None and changes is not None:
                done(changes)

        def failed(error: BaseException) -> None:
            # A store write is one transaction: a failed one changed nothing, so no view re-reads.
            self._settle(write, Changes())
            self._host.show_error(f"Could not save the change to your highlights: {error}")

        return self._host.lane.submit(write, on_done=finished, on_error=failed, label=op.label)

    def _settle(self, write: _Write, changes: Changes) -> None:
        if write in self._pending:
            self._pending.remove(write)
        if not self._pending:
            self._hub.busy_changed.emit(False)
        self._hub.changed.emit(changes)

    def flush(self) -> int:
        """Run, on this thread, every write still queued behind other lane work (a long analysis);
        returns how many. Called when the window closes: the lane's shutdown skips queued jobs, and an
        analyst's save must never be lost to that."""
        ran = 0
        for write in list(self._pending):
            try:
                ran += write.run_if_unclaimed()
            except Exception as exc:  # the window is closing: report, keep flushing the rest
                print(f"stance-reader: saving a highlight change failed on close: {exc}", file=sys.stderr)
        self._pending.clear()
        return ran


__all__ = ["ChangeHub", "OpRunner"]
