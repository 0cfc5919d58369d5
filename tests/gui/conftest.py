"""GUI-test fixtures: the PySide6 refcount guard, a lane-idle check after every test, real windows."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from stance_reader.ui.qt_compat import protect_none_refcount
from stance_reader.workers.lane import Lane

protect_none_refcount()


@pytest.fixture(autouse=True)
def lane_left_idle() -> Iterator[None]:
    """Fail any test that leaves an analysis lane busy (a job still queued or its result undelivered):
    the next test would receive its callbacks. Closing a window shuts its lanes down."""
    yield
    busy = [lane.pending_labels() for lane in list(Lane.instances) if lane.is_busy()]
    for lane in list(Lane.instances):
        if lane.is_busy():
            lane.shutdown()
    if busy:
        pytest.fail(f"test left the analysis lane busy with jobs {busy}")
