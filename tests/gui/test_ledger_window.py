"""The Speaker ledger window: open it, filter, click a timeline bar, jump to a passage, merge two
speakers and undo, as an analyst would with the mouse and keyboard."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from ledger_helpers import rutte_article, surname_article
from stance_reader import app
from stance_reader.services import speakers
from stance_reader.store import Store
from stance_reader.ui.ledger import LedgerView

WAIT_MS = 120_000


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Store]:
    store = Store(str(tmp_path / "library.sqlite3"))
    for art, analysis in (rutte_article("2026-01-05"), rutte_article("2026-02-02", outlet="Evening Test"),
                          surname_article("2026-02-05")):  # fmt: skip
        speakers.index_document(store, store.add_document(art), analysis)
    yield store
    store.close()


@pytest.fixture
def ledger(qtbot, library: Store) -> Iterator[tuple[object, LedgerView]]:  # type: ignore[no-untyped-def]
    window = app.build_window(library, "light", restore_layout=False)
    qtbot.addWidget(window)
    window.show()
    window.actions_by_name["speaker_ledger"].trigger()
    view = window.ledger.view
    assert view is not None and view.isVisible()
    yield window, view
    qtbot.waitUntil(lambda: not window.lane.is_busy(), timeout=WAIT_MS)
    view.close()
    window.close()


def _speaker_names(view: LedgerView) -> list[str]:
    return [view.speakers_model.speaker(r).name for r in range(view.speakers_model.rowCount())]


def _kinds(view: LedgerView) -> list[str]:
    return [view.entries_model.entry(r).kind for r in range(view.entries_model.rowCount())]


def test_opens_on_the_busiest_speaker_with_header_and_timeline(ledger) -> None:  # type: ignore[no-untyped-def]
    _, view = ledger
    assert _speaker_names(view) == ["Mark Rutte", "Olaf Scholz"]
    assert view.current_speaker().name == "Mark Rutte"
    header = view.header_label.text()
    assert "3 hedges · 2 commitments · 2 quotes in 3 articles" in header
    assert "Also named:" in header and "Rutte" in header
    assert view.entries_model.rowCount() == 7
    assert next(e.date_iso for e in map(view.entries_model.entry, range(7))) == "2026-02-05"  # newest first
    assert [w.week_start for w in view.timeline.weeks] == [
        "2026-01-05", "2026-01-12", "2026-01-19", "2026-01-26", "2026-02-02",
    ]  # fmt: skip


def test_filters_by_kind_text_and_outlet(qtbot, ledger) -> None:  # type: ignore[no-untyped-def]
    _, view = ledger
    qtbot.mouseClick(view.kind_boxes["quote"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.kind_boxes["commitment"], Qt.MouseButton.LeftButton)
    assert _kinds(view) == ["hedge"] * 3
    qtbot.keyClicks(view.text_edit, "probably")
    qtbot.waitUntil(lambda: view.entries_model.rowCount() == 1, timeout=2000)
    assert view.entries_model.entry(0).outlet == "Other Paper"
    view.text_edit.clear()
    qtbot.waitUntil(lambda: view.entries_model.rowCount() == 3, timeout=2000)
    view.outlet_combo.setCurrentIndex(view.outlet_combo.findData("Evening Test"))
    assert [view.entries_model.entry(r).outlet for r in range(view.entries_model.rowCount())] == [
        "Evening Test"
    ]
    assert "1 of 1 entries" in view.status_label.text()


def test_clicking_a_timeline_bar_lists_that_week_and_again_all(qtbot, ledger) -> None:  # type: ignore[no-untyped-def]
    _, view = ledger
    first_week = view.timeline.bar_rect(0).center().toPoint()
    qtbot.mouseClick(view.timeline, Qt.MouseButton.LeftButton, pos=first_week)
    assert view.week == "2026-01-05"
    assert {view.entries_model.entry(r).date_iso for r in range(view.entries_model.rowCount())} == {
        "2026-01-05"
    }
    assert "3 of 7 entries in the week of 2026-01-05" in view.status_label.text()
    empty_week = view.timeline.bar_rect(2).center().toPoint()
    qtbot.mouseClick(view.timeline, Qt.MouseButton.LeftButton, pos=empty_week)
    assert view.entries_model.rowCount() == 0
    qtbot.mouseClick(view.timeline, Qt.MouseButton.LeftButton, pos=empty_week)  # again: every week
    assert view.week is None and view.entries_model.rowCount() == 7


def test_enter_on_an_entry_opens_its_article_at_the_passage(qtbot, ledger) -> None:  # type: ignore[no-untyped-def]
    window, view = ledger
    row = next(r for r in range(7) if view.entries_model.entry(r).kind == "hedge"
               and view.entries_model.entry(r).date_iso == "2026-01-05")  # fmt: skip
    entry = view.entries_model.entry(row)
    view.entries_table.setFocus()
    view.entries_table.setCurrentIndex(view.entries_model.index(row, 0))
    with qtbot.waitSignal(window.document_changed, timeout=WAIT_MS):
        qtbot.keyClick(view.entries_table, Qt.Key.Key_Return)
    assert window.current_document.id == entry.document_id
    qtbot.waitUntil(lambda: window.reader.selected_span() == (entry.start, entry.end), timeout=WAIT_MS)
    assert window.reader.textCursor().selectedText() == "We may need more time"


def test_merge_two_speakers_then_undo_and_redo(qtbot, ledger, library: Store) -> None:  # type: ignore[no-untyped-def]
    _window, view = ledger
    assert not view.merge_button.isEnabled() and not view.undo_button.isEnabled()
    selection = view.speakers_table.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    selection.select(view.speakers_model.index(1, 0), flags)
    assert view.merge_button.isEnabled()
    with qtbot.waitSignal(view.changed, timeout=WAIT_MS):
        qtbot.mouseClick(view.merge_button, Qt.MouseButton.LeftButton)
    assert _speaker_names(view) == ["Mark Rutte"]
    assert {s.key for s in library.list_speakers()} == {"mark rutte"}
    assert "Merged Olaf Scholz into Mark Rutte" in view.status_label.text()
    assert view.entries_model.rowCount() == 9 and view.undo_button.isEnabled()
    with qtbot.waitSignal(view.changed, timeout=WAIT_MS):
        qtbot.mouseClick(view.undo_button, Qt.MouseButton.LeftButton)
    assert _speaker_names(view) == ["Mark Rutte", "Olaf Scholz"] and library.speaker_aliases() == {}
    assert view.current_speaker().name == "Mark Rutte", "the current speaker stays selected"
    with qtbot.waitSignal(view.changed, timeout=WAIT_MS):
        qtbot.mouseClick(view.redo_button, Qt.MouseButton.LeftButton)
    assert library.speaker_aliases() == {"olaf scholz": "mark rutte"}


def test_split_a_surname_into_its_own_speaker(qtbot, ledger, library: Store) -> None:  # type: ignore[no-untyped-def]
    _, view = ledger
    with qtbot.waitSignal(view.changed, timeout=WAIT_MS):
        view.split("Rutte")
    assert "Rutte" in _speaker_names(view)
    assert view.select_speaker("Rutte")
    assert [e.snippet for e in map(view.entries_model.entry, range(view.entries_model.rowCount()))] == [
        "the plan will probably hold"
    ]
    assert "rutte" in library.speaker_aliases()


def test_stance_shifts_tab_lists_both_passages_and_opens_either(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from shift_data import fill

    store = Store(str(tmp_path / "shifts.sqlite3"))
    fill(store)
    window = app.build_window(store, "light", restore_layout=False)
    qtbot.addWidget(window)
    view = window.ledger.show()
    assert view.select_speaker("Ilse Varga")
    qtbot.waitUntil(lambda: view.tabs.tabText(1) == "Stance shifts (2)")  # counted a turn later
    model = view.shifts_table.model_
    pairs = {(model.shift(r).before.snippet, model.shift(r).after.snippet) for r in range(model.rowCount())}
    assert ("The city will open the Northside tram line by June",
            "We cannot guarantee that the Northside tram line will open in June") in pairs  # fmt: skip
    qtbot.mouseClick(view.kind_boxes["hedge"], Qt.MouseButton.LeftButton)  # the later hedges filtered out
    assert view.tabs.tabText(1) == "Stance shifts (0)"
    qtbot.mouseClick(view.kind_boxes["hedge"], Qt.MouseButton.LeftButton)
    row = next(r for r in range(model.rowCount()) if "tram" in model.shift(r).after.snippet)
    with qtbot.waitSignal(view.open_requested) as opened:
        view.shifts_table.activated.emit(model.index(row, 0))  # the "Committed" column
    assert opened.args[0] == model.shift(row).before
    later = model.shift(row).after
    with qtbot.waitSignal(window.document_changed, timeout=WAIT_MS):
        view.shifts_table.activated.emit(model.index(row, 1))  # "Then": the later passage's article
    assert window.current_document.id == later.document_id
    qtbot.waitUntil(lambda: window.reader.selected_span() == (later.start, later.end), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not window.lane.is_busy(), timeout=WAIT_MS)
    view.close()
    window.close()
    store.close()


def test_export_dossier_of_the_current_speaker_under_the_filters(qtbot, ledger, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window, view = ledger
    qtbot.mouseClick(view.kind_boxes["quote"], Qt.MouseButton.LeftButton)
    out = tmp_path / "rutte.md"
    with qtbot.waitSignal(window.lane.busy_changed, timeout=WAIT_MS, check_params_cb=lambda busy: not busy):
        view.export_dossier(out)
    qtbot.waitUntil(lambda: "Wrote the dossier of Mark Rutte" in view.status_label.text(), timeout=WAIT_MS)
    text = out.read_text(encoding="utf-8")
    assert "Mark Rutte" in text and "We may need more time" in text
    assert "(5 entries" in view.status_label.text(), "quotes left out as the filter says"
    view.export_dossier(tmp_path / "rutte.weird")  # an unknown suffix becomes a web page
    qtbot.waitUntil(lambda: (tmp_path / "rutte.html").exists(), timeout=WAIT_MS)
    assert "<svg" in (tmp_path / "rutte.html").read_text(encoding="utf-8")
