"""Saved highlights in the real window, driven like an analyst: select, press H, add a note, undo, bulk
save, search the library, re-import an edited article. A canned analysis (fake_analysis.py) stands in
for spaCy so the marks are exact and the tests fast; the store is a real SQLite file in tmp_path."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fake_analysis import sample_analysis
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from windows import present

from stance_reader.app import build_window
from stance_reader.core import Analysis, Highlight, HighlightKind
from stance_reader.paths import sample_article
from stance_reader.services.library import open_store
from stance_reader.ui.highlight_dialog import BulkSaveDialog, HighlightDialog

WAIT_MS = 20_000

OWN_ARTICLE = (
    "Harbour Bridge Repairs Delayed Again\n\n"
    "Harbour Post\n\n"
    "The city engineer said the bridge could reopen in May, though nothing is certain yet.\n\n"
    "Residents asked for a written timetable. The mayor promised a public meeting next week.\n"
)


class _CannedAnalyzer:
    """The pipeline's interface (name, version, analyze) with hand-made marks for the sample article."""

    name = "canned"
    version = "canned-1"

    def analyze(self, text: str) -> Analysis:
        if "Brandauer" in text:
            return sample_analysis(text)
        return Analysis(pipeline=self.version)


@pytest.fixture(autouse=True)
def canned_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    from stance_reader.services import analysis

    monkeypatch.setattr(analysis, "_ANALYZER", _CannedAnalyzer())


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "library.sqlite3"


@pytest.fixture
def open_window(qtbot, db: Path) -> Iterator[Callable[[Path], Any]]:  # type: ignore[no-untyped-def]
    """Opens a real main window (with the highlights feature) on ``db`` and shows ``path`` in it."""
    windows: list[Any] = []

    def make(path: Path) -> Any:
        window = build_window(open_store(str(db)), None, restore_layout=False)
        present(qtbot, window, windows)
        show(qtbot, window, path)
        return window

    yield make
    for window in windows:
        window.close()


def show(qtbot, window: Any, path: Path) -> None:  # type: ignore[no-untyped-def]
    """Open ``path`` and wait until it is stored, analysed and the lane is idle."""

    def shown() -> bool:
        doc = window.current_document
        return bool(doc and window.current_analysis and Path(doc.article.source_path).name == path.name)

    with qtbot.waitSignal(window.analysis_ready, timeout=WAIT_MS):  # the feature's cue for bulk actions
        window.open_path(path)
    qtbot.waitUntil(shown, timeout=WAIT_MS)
    idle(qtbot, window)


def idle(qtbot, window: Any) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not window.lane.is_busy(), timeout=WAIT_MS)


def select(qtbot, window: Any, phrase: str) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """Select ``phrase`` in the reader (code points) and give the reader focus, as a mouse drag would."""
    text = window.current_article.text
    start = text.index(phrase)
    window.activateWindow()  # back from a dialog: offscreen Qt does not hand activation back itself
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.reader.setFocus()
    window.reader.jump_to(start, start + len(phrase))
    assert window.reader.selected_span() == (start, start + len(phrase))
    return start, start + len(phrase)


def press(
    qtbot, window: Any, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window.reader, key, modifiers)


def saved(qtbot, window: Any, n: int) -> list[Highlight]:  # type: ignore[no-untyped-def]
    """Wait until the store holds ``n`` highlights of the article and the panel shows them."""
    qtbot.waitUntil(lambda: len(stored(window)) == n, timeout=WAIT_MS)
    idle(qtbot, window)
    qtbot.waitUntil(lambda: len(window.highlights.panel.highlights()) == n, timeout=WAIT_MS)
    return stored(window)


def stored(window: Any) -> list[Highlight]:
    return list(window.store.highlights_for(window.current_document.id))


def panel_quotes(window: Any) -> list[str]:
    return [h.quote for h in window.highlights.panel.highlights()]


CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_h_saves_selection_with_kind_and_speaker_of_its_mark(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_article())
    start, end = select(qtbot, window, "may take a little longer")
    press(qtbot, window, Qt.Key.Key_H)
    qtbot.waitUntil(lambda: len(window.highlights.panel.highlights()) == 1, timeout=WAIT_MS)
    (saved,) = stored(window)
    assert (saved.start, saved.end, saved.kind, saved.speaker) == (
        start,
        end,
        HighlightKind.HEDGE,
        "Tobias Brandauer",
    )
    assert [h.id for h in window.reader.saved_highlights()] == [saved.id]  # drawn as saved in the text

    select(qtbot, window, "serious basis")  # move away, then Enter in the panel jumps back
    panel = window.highlights.panel
    press(qtbot, window, Qt.Key.Key_L, CTRL_SHIFT)  # Go → saved highlights: keyboard into the list
    assert panel.view.hasFocus() and panel.current_highlight() == saved
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert window.reader.selected_span() == (start, end)


def test_note_and_tags_survive_closing_the_window(qtbot, open_window, db: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_article())
    select(qtbot, window, "the last realistic chance")
    press(qtbot, window, Qt.Key.Key_H, CTRL_SHIFT)
    dialog = window.highlights.last_dialog
    assert isinstance(dialog, HighlightDialog) and dialog.isVisible()
    qtbot.keyClicks(dialog.note_edit, "Kellner's framing: urgency")
    qtbot.keyClicks(dialog.tags_edit, "reconstruction, EU")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.tags_edit, Qt.Key.Key_Return)  # Enter presses the default button, Save
    saved(qtbot, window, 1)
    window.close()

    again = open_window(sample_article())
    qtbot.waitUntil(lambda: len(again.highlights.panel.highlights()) == 1, timeout=WAIT_MS)
    (shown,) = again.highlights.panel.highlights()
    assert shown.quote == "the last realistic chance"
    assert (shown.note, shown.tags) == ("Kellner's framing: urgency", ("reconstruction", "EU"))


def test_undo_redo_change_the_panel_and_the_store(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_article())
    select(qtbot, window, "serious basis")
    press(qtbot, window, Qt.Key.Key_H)
    saved(qtbot, window, 1)
    assert window.actions_by_name["undo"].isEnabled()

    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: panel_quotes(window) == [], timeout=WAIT_MS)
    assert stored(window) == []
    press(qtbot, window, Qt.Key.Key_Z, CTRL_SHIFT)
    qtbot.waitUntil(lambda: panel_quotes(window) == ["serious basis"], timeout=WAIT_MS)
    assert [h.quote for h in stored(window)] == ["serious basis"]


def test_delete_from_panel_then_undo_restores_note(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_article())
    select(qtbot, window, "serious basis")
    press(qtbot, window, Qt.Key.Key_H)
    saved(qtbot, window, 1)
    panel = window.highlights.panel
    panel.select_highlight(stored(window)[0].id)
    panel.note_edit.setFocus()
    qtbot.keyClicks(panel.note_edit, "lukewarm")
    qtbot.keyClick(panel.note_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: [h.note for h in stored(window)] == ["lukewarm"], timeout=WAIT_MS)
    idle(qtbot, window)

    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: stored(window) == [] and panel_quotes(window) == [], timeout=WAIT_MS)
    idle(qtbot, window)
    window.actions_by_name["undo"].trigger()
    qtbot.waitUntil(lambda: [h.note for h in stored(window)] == ["lukewarm"], timeout=WAIT_MS)
    qtbot.waitUntil(lambda: [h.note for h in panel.highlights()] == ["lukewarm"], timeout=WAIT_MS)


def test_bulk_save_all_commitments_of_a_speaker_is_one_undo_step(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_article())
    window.actions_by_name["save_all_of_speaker"].trigger()
    dialog = window.highlights.last_dialog
    assert isinstance(dialog, BulkSaveDialog)
    dialog.speaker_combo.setCurrentText("Ingrid Kellner")
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(HighlightKind.COMMITMENT))
    assert "2 unsaved firm commitments by Ingrid Kellner" in dialog.summary.text()
    dialog.accept()
    saved(qtbot, window, 2)
    assert {(h.kind, h.speaker) for h in stored(window)} == {(HighlightKind.COMMITMENT, "Ingrid Kellner")}
    qtbot.waitUntil(lambda: len(window.highlights.panel.highlights()) == 2, timeout=WAIT_MS)
    idle(qtbot, window)

    window.actions_by_name["undo"].trigger()
    qtbot.waitUntil(lambda: stored(window) == [], timeout=WAIT_MS)


def test_library_search_filters_and_double_click_opens_the_passage(
    qtbot, open_window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    own = tmp_path / "harbour-bridge.txt"
    own.write_text(OWN_ARTICLE, encoding="utf-8")
    window = open_window(sample_article())
    start, end = select(qtbot, window, "serious basis")
    press(qtbot, window, Qt.Key.Key_H)
    saved(qtbot, window, 1)
    sample_id = window.current_document.id

    show(qtbot, window, own)
    select(qtbot, window, "could reopen in May")
    press(qtbot, window, Qt.Key.Key_H)
    saved(qtbot, window, 1)
    assert window.current_document.id != sample_id

    qtbot.keyClick(window.reader, Qt.Key.Key_A, CTRL_SHIFT)
    view = window.highlights.library_view
    assert view is not None and view.isVisible()
    qtbot.waitUntil(lambda: view.model.rowCount() == 2)
    qtbot.keyClicks(view.search_edit, "serious")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=WAIT_MS)
    assert view.model.row(0)[0].quote == "serious basis"

    table = view.table
    rect = table.visualRect(view.model.index(0, 0))
    # A real double-click is press, release, then a double-click press; QTest's mouseDClick sends only
    # the last, so click first.
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.current_document.id == sample_id, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.reader.selected_span() == (start, end), timeout=WAIT_MS)


def test_reimported_edited_article_shows_orphans_with_text_and_note(
    qtbot, open_window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    own = tmp_path / "harbour-bridge.txt"
    own.write_text(OWN_ARTICLE, encoding="utf-8")
    window = open_window(own)
    select(qtbot, window, "Residents asked for a written timetable.")
    press(qtbot, window, Qt.Key.Key_H, CTRL_SHIFT)
    dialog = window.highlights.last_dialog
    qtbot.keyClicks(dialog.note_edit, "ask the mayor's office")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    saved(qtbot, window, 1)
    select(qtbot, window, "could reopen in May")
    press(qtbot, window, Qt.Key.Key_H)
    saved(qtbot, window, 2)
    doc_id = window.current_document.id

    edited = OWN_ARTICLE.replace("Residents asked for a written timetable. ", "").replace(
        "The city engineer", "On Tuesday the city engineer"
    )
    own.write_text(edited, encoding="utf-8")
    with qtbot.waitSignal(window.analysis_ready, timeout=WAIT_MS):
        window.open_path(own)
    assert "Tuesday" in window.current_article.text
    idle(qtbot, window)
    assert window.current_document.id == doc_id  # re-import, not a new document
    panel = window.highlights.panel
    qtbot.waitUntil(lambda: any(h.orphaned for h in panel.highlights()), timeout=WAIT_MS)
    by_quote = {h.quote: h for h in panel.highlights()}
    orphan = by_quote["Residents asked for a written timetable."]
    assert orphan.orphaned and orphan.note == "ask the mayor's office"
    moved = by_quote["could reopen in May"]
    assert not moved.orphaned
    assert window.current_article.text[moved.start : moved.end] == "could reopen in May"
    assert "1 orphaned" in panel.summary.text()
    assert [h.quote for h in window.reader.saved_highlights()] == ["could reopen in May"]

    view = window.highlights.show_library()  # the orphan is listed library-wide too, with its note
    qtbot.keyClicks(view.search_edit, "mayor's office")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=WAIT_MS)
    passage = view.model.index(0, view.model.PASSAGE).data()
    assert passage.startswith("⚠ orphaned") and "written timetable" in passage
    assert view.model.index(0, view.model.NOTE).data() == "ask the mayor's office"


def test_without_a_library_the_window_reads_and_explains(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = build_window(None, None, restore_layout=False)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.analysis_ready, timeout=WAIT_MS):
        window.open_path(sample_article())
    select(qtbot, window, "serious basis")
    press(qtbot, window, Qt.Key.Key_H)
    assert "No library database" in window.statusBar().currentMessage()
    assert window.highlights.panel.highlights() == []
    assert not window.actions_by_name["all_highlights"].isEnabled()
    idle(qtbot, window)
    window.close()


def test_closing_during_a_long_job_keeps_a_queued_save(qtbot, open_window, db: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_article())
    gate = threading.Event()
    window.lane.submit(gate.wait, 0.5)  # stands in for a long analysis holding the serial lane
    select(qtbot, window, "serious basis")
    press(qtbot, window, Qt.Key.Key_H)
    assert window.lane.is_busy()
    window.close()  # the lane's shutdown skips queued jobs; the save must be written anyway
    gate.set()

    store = open_store(str(db))
    try:
        rows = store.search_highlights("")
    finally:
        store.close()
    assert [h.quote for h, _doc in rows] == ["serious basis"]


def test_panel_tag_field_completes_from_library_tags(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window(sample_article())
    select(qtbot, window, "serious basis")
    press(qtbot, window, Qt.Key.Key_H, CTRL_SHIFT)
    dialog = window.highlights.last_dialog
    qtbot.keyClicks(dialog.tags_edit, "reconstruction")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    saved(qtbot, window, 1)
    completer = window.highlights.panel.tags_edit.completer()
    completer.setCompletionPrefix("recon")
    assert completer.currentCompletion() == "reconstruction"
