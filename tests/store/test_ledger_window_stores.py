"""The Speaker ledger window on both stores: the same clicks against a SQLite file and a PostgreSQL
database (the real server the store tests start), merges and undo landing in the store."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt

from ledger_helpers import rutte_article, surname_article
from stance_reader import app
from stance_reader.services import speakers
from stance_reader.store import Store
from stance_reader.ui.qt_compat import protect_none_refcount

protect_none_refcount()
WAIT_MS = 60_000


def test_ledger_window_lists_filters_merges_and_undoes(qtbot, any_store: Store) -> None:  # type: ignore[no-untyped-def]
    for art, analysis in (rutte_article("2026-01-05"), surname_article("2026-02-05")):
        speakers.index_document(any_store, any_store.add_document(art), analysis)
    window = app.build_window(any_store, "light", restore_layout=False)
    qtbot.addWidget(window)
    view = window.ledger.show()
    try:
        assert [view.speakers_model.speaker(r).name for r in range(2)] == ["Mark Rutte", "Olaf Scholz"]
        qtbot.mouseClick(view.kind_boxes["commitment"], Qt.MouseButton.LeftButton)
        qtbot.mouseClick(view.kind_boxes["quote"], Qt.MouseButton.LeftButton)
        assert {view.entries_model.entry(r).kind for r in range(view.entries_model.rowCount())} == {"hedge"}
        assert view.entries_model.rowCount() == 2
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        view.speakers_table.selectionModel().select(view.speakers_model.index(1, 0), flags)
        with qtbot.waitSignal(view.changed, timeout=WAIT_MS):
            qtbot.mouseClick(view.merge_button, Qt.MouseButton.LeftButton)
        assert any_store.speaker_aliases() == {"olaf scholz": "mark rutte"}
        with qtbot.waitSignal(view.changed, timeout=WAIT_MS):
            qtbot.mouseClick(view.undo_button, Qt.MouseButton.LeftButton)
        assert any_store.speaker_aliases() == {} and view.speakers_model.rowCount() == 2
    finally:
        qtbot.waitUntil(lambda: not window.lane.is_busy(), timeout=WAIT_MS)
        view.close()
        window.close()
