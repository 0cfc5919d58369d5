"""The serial analysis lane: results by job id on the GUI thread, order, errors, progress, cancellation."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from stance_reader.workers.lane import JobContext, Lane


@pytest.fixture
def lane(qtbot) -> Lane:  # type: ignore[no-untyped-def]
    lane = Lane()
    yield lane
    lane.shutdown()


def test_results_arrive_on_gui_thread_in_order(qtbot, lane: Lane) -> None:  # type: ignore[no-untyped-def]
    seen: list[Any] = []
    main = threading.get_ident()

    def record(value: Any) -> None:
        seen.append((value, threading.get_ident() == main))

    first = lane.submit(lambda: threading.get_ident(), on_done=lambda tid: seen.append(("tid", tid != main)))
    second = lane.submit(pow, 2, 10, on_done=record)
    assert second > first
    qtbot.waitUntil(lambda: not lane.is_busy(), timeout=5000)
    assert seen == [("tid", True), (1024, True)]


def test_error_goes_to_on_error(qtbot, lane: Lane) -> None:  # type: ignore[no-untyped-def]
    errors: list[BaseException] = []
    lane.submit(lambda: 1 / 0, on_done=lambda _r: pytest.fail("no result expected"), on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], ZeroDivisionError)


def test_cancelled_jobs_never_report(qtbot, lane: Lane) -> None:  # type: ignore[no-untyped-def]
    gate, started = threading.Event(), threading.Event()
    ran: list[str] = []
    delivered: list[str] = []

    def slow() -> None:
        started.set()
        gate.wait(5)
        ran.append("running")

    running = lane.submit(slow, on_done=lambda _r: delivered.append("a"))
    queued = lane.submit(lambda: ran.append("queued"), on_done=lambda _r: delivered.append("b"))
    assert started.wait(5)
    lane.cancel(running)
    lane.cancel(queued)
    gate.set()
    qtbot.waitUntil(lambda: not lane.is_busy(), timeout=5000)
    assert ran == ["running"]  # the running job finished, the queued one was skipped
    assert delivered == []  # and neither result reached the GUI


def test_progress_reaches_callback(qtbot, lane: Lane) -> None:  # type: ignore[no-untyped-def]
    reports: list[tuple[float, str]] = []

    def job(steps: int, *, context: JobContext) -> int:
        for i in range(steps):
            context.progress(i / steps, f"step {i}")
        return steps

    with qtbot.waitSignal(lane.job_finished, timeout=5000):
        lane.submit(job, 3, on_progress=lambda f, m: reports.append((f, m)))
    assert [m for _f, m in reports] == ["step 0", "step 1", "step 2"]


def test_shutdown_refuses_new_work(lane: Lane) -> None:
    lane.shutdown()
    with pytest.raises(RuntimeError):
        lane.submit(print)
