"""A damaged library never stops reading: it is moved aside, a fresh one starts, and the window says so
even after the first article replaces the banner's other messages."""

from __future__ import annotations

from pathlib import Path

from stance_reader import app
from stance_reader.paths import sample_article

WAIT_MS = 120_000


def test_damaged_library_is_moved_aside_and_reported(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    damaged = tmp_path / "library.sqlite3"
    damaged.write_bytes(b"not a database at all\x00\x01" * 200)
    store, problem = app.open_library(str(damaged))
    assert store is not None, "a fresh library starts in place of the damaged one"
    assert "damaged" in problem and "moved aside" in problem
    assert list(tmp_path.glob("library.sqlite3.corrupt-*")), "the damaged file is kept, never overwritten"

    window = app.build_window(store, "light", restore_layout=False)
    qtbot.addWidget(window)
    app._show_library_problem(window, problem)
    with qtbot.waitSignal(window.analysis_ready, timeout=WAIT_MS):
        window.open_path(sample_article())
    qtbot.waitUntil(lambda: not window.lane.is_busy(), timeout=WAIT_MS)
    assert window.banner.isVisibleTo(window)
    assert "moved aside" in window.banner_label.text()
    assert window.current_document is not None, "the article was stored in the fresh library"
    window.close()
    store.close()
