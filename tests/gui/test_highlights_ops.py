"""The highlight save path in the real window: one operation, one lane job, one refresh; and the
keyboard round trip (H saves, Ctrl+Z undoes) checked in the store and in the panel each time."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from test_highlights_window import (  # the real-window fixtures and helpers
    CTRL_SHIFT,
    WAIT_MS,
    canned_pipeline,
    db,
    idle,
    open_window,
    panel_quotes,
    press,
    saved,
    select,
    stored,
)

from stance_reader.core import HighlightKind, ReadingSession
from stance_reader.paths import sample_article
from stance_reader.services.highlights import Changes
from stance_reader.ui.highlights import HighlightsHost

__all__ = ["canned_pipeline", "db", "open_window"]  # fixtures imported for pytest


class _Spy:
    """Counts lane jobs (by operation label), store calls (by method) and panel refreshes of a window."""

    def __init__(self, window: Any, monkeypatch: pytest.MonkeyPatch) -> None:
        self.jobs: list[str] = []
        self.store_calls: Counter[str] = Counter()
        self.refreshes = 0
        self.changes: list[Changes] = []
        submit = window.lane.submit

        def counted_submit(fn: Callable[..., Any], *args: Any, **kw: Any) -> int:
            self.jobs.append(str(kw.get("label", "")))
            return int(submit(fn, *args, **kw))

        monkeypatch.setattr(window.lane, "submit", counted_submit)
        store = window.store
        for name in (
            "highlights_for", "find_highlight", "all_tags", "add_highlight", "add_highlights", "get_highlight"
        ):
            monkeypatch.setattr(store, name, self._counted(name, getattr(store, name)))
        panel = window.highlights.panel
        set_highlights = panel.set_highlights

        def counted_refresh(highlights: Any) -> None:
            self.refreshes += 1
            set_highlights(highlights)

        monkeypatch.setattr(panel, "set_highlights", counted_refresh)
        window.highlights.hub.changed.connect(self.changes.append)

    def _counted(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def counted(*args: Any, **kw: Any) -> Any:
            self.store_calls[name] += 1
            return fn(*args, **kw)

        return counted


def test_h_saves_with_one_op_one_lane_job_one_refresh(qtbot, open_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_article())
    spy = _Spy(window, monkeypatch)
    select(qtbot, window, "serious basis")
    press(qtbot, window, Qt.Key.Key_H)
    qtbot.waitUntil(lambda: panel_quotes(window) == ["serious basis"], timeout=WAIT_MS)
    idle(qtbot, window)

    assert spy.jobs == ["Save highlight"]  # one operation, one lane job
    # On the lane: "already saved?" (one read) and the insert; on the GUI thread: the one re-read.
    # No tag was touched, so the tag list is not read again.
    assert spy.store_calls == Counter(find_highlight=1, add_highlight=1, highlights_for=1)
    assert spy.refreshes == 1  # the panel re-read once, from the one "what changed"
    (changes,) = spy.changes
    (row,) = stored(window)
    assert window.highlights.panel.highlights() == [row]
    assert changes.highlight_ids == {row.id} and changes.document_ids == {window.current_document.id}


def test_h_again_on_a_saved_passage_writes_nothing(qtbot, open_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_article())
    select(qtbot, window, "serious basis")
    press(qtbot, window, Qt.Key.Key_H)
    (first,) = saved(qtbot, window, 1)
    spy = _Spy(window, monkeypatch)

    select(qtbot, window, "serious basis")
    press(qtbot, window, Qt.Key.Key_H)
    qtbot.waitUntil(lambda: "already saved" in window.statusBar().currentMessage(), timeout=WAIT_MS)
    idle(qtbot, window)
    assert spy.store_calls == Counter(find_highlight=1)  # one row answered "already saved?"
    assert spy.changes == [Changes(already_saved=(first.id,))] and spy.refreshes == 0
    assert [h.id for h in stored(window)] == [first.id]
    assert window.highlights.panel.current_highlight() == first


def test_keyboard_save_then_undo_in_store_and_panel(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_article())
    start, end = select(qtbot, window, "may take a little longer")
    press(qtbot, window, Qt.Key.Key_H)
    qtbot.waitUntil(lambda: len(stored(window)) == 1, timeout=WAIT_MS)
    idle(qtbot, window)
    (row,) = stored(window)
    assert (row.start, row.end, row.kind, row.speaker, row.origin) == (
        start,
        end,
        HighlightKind.HEDGE,
        "Tobias Brandauer",
        "manual",
    )
    assert window.highlights.panel.highlights() == [row]
    assert window.highlights.panel.current_highlight() == row  # the new row is selected
    assert [h.id for h in window.reader.saved_highlights()] == [row.id]
    assert "Highlight saved" in window.statusBar().currentMessage()

    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: stored(window) == [], timeout=WAIT_MS)
    idle(qtbot, window)
    assert window.highlights.panel.highlights() == []
    assert window.reader.saved_highlights() == []
    assert window.actions_by_name["redo"].isEnabled()

    press(qtbot, window, Qt.Key.Key_Z, CTRL_SHIFT)  # redo brings back the same row, same id
    qtbot.waitUntil(lambda: [h.id for h in window.highlights.panel.highlights()] == [row.id], timeout=WAIT_MS)
    assert [h.id for h in stored(window)] == [row.id]


def test_the_window_exposes_a_frozen_reading_session(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_article())
    session = window.session
    assert isinstance(session, ReadingSession)
    assert session.document == window.current_document and session.analysis == window.current_analysis
    assert session.text == window.current_article.text
    with pytest.raises(AttributeError):
        session.article = None  # frozen: a snapshot, not a view of the window


def test_the_main_window_has_everything_the_highlights_host_protocol_names(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_article())
    names = set(HighlightsHost.__annotations__) | {n for n in vars(HighlightsHost) if not n.startswith("_")}
    assert {"reader", "lane", "session", "show_error", "show_status", "open_stored_document"} <= names
    assert [n for n in sorted(names) if not hasattr(window, n)] == []
