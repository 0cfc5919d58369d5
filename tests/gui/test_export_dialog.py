"""File → Export…: the dialog's choices, its memory, and (in the window) a file that parses back."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton

from stance_reader.ui.export_dialog import ExportDialog, ExportScope
from stance_reader.ui.library_view import HighlightFilter


def _dialog(qtbot, **kw) -> ExportDialog:  # type: ignore[no-untyped-def]
    options = {"document_id": 3, "document_title": "Story", "selected_ids": (5, 6)} | kw
    dialog = ExportDialog(**options)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _type_path(qtbot, dialog: ExportDialog, path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog.path_edit.clear()
    qtbot.keyClicks(dialog.path_edit, str(path))


def _check(qtbot, button: QAbstractButton) -> None:  # type: ignore[no-untyped-def]
    """Click a radio or check box on its indicator (the click area is the label, not the whole row)."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(6, button.height() // 2))
    assert button.isChecked()


def test_request_describes_the_chosen_scope(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, library_filter=HighlightFilter(query="fund", kinds=("hedge",)))
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("csv"))
    _type_path(qtbot, dialog, tmp_path / "report")
    _check(qtbot, dialog.scope_buttons[ExportScope.SELECTED])
    request = dialog.request()
    assert (request.fmt, request.out, request.highlight_ids, request.document_id) == (
        "csv",
        tmp_path / "report.csv",
        (5, 6),
        None,
    )
    _check(qtbot, dialog.scope_buttons[ExportScope.FILTER])
    assert dialog.request().filter.query == "fund" and dialog.request().highlight_ids == ()
    assert "“fund”" in dialog.scope_buttons[ExportScope.FILTER].text()


def test_remembers_the_last_choice(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = _dialog(qtbot)
    first.format_combo.setCurrentIndex(first.format_combo.findData("json"))
    _check(qtbot, first.automatic_check)
    _check(qtbot, first.scope_buttons[ExportScope.FILTER])
    _type_path(qtbot, first, tmp_path / "out.json")
    with qtbot.waitSignal(first.accepted):
        qtbot.mouseClick(first.export_button, Qt.MouseButton.LeftButton)

    second = _dialog(qtbot)
    assert second.fmt() == "json"
    assert second.automatic_check.isChecked()
    assert second.scope() is ExportScope.FILTER
    assert Path(second.path_edit.text()).parent == tmp_path


def test_format_change_keeps_suffix_in_step(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot)
    _type_path(qtbot, dialog, tmp_path / "brief.md")
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("docx"))
    assert dialog.path_edit.text() == str(tmp_path / "brief.docx")


def test_unavailable_scopes_are_disabled(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, document_id=None, selected_ids=())
    assert not dialog.scope_buttons[ExportScope.ARTICLE].isEnabled()
    assert not dialog.scope_buttons[ExportScope.SELECTED].isEnabled()
    assert dialog.scope() is ExportScope.FILTER


def test_missing_folder_is_refused_with_a_message(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot)
    _type_path(qtbot, dialog, tmp_path / "nope" / "x.md")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.result() == 0
    assert "does not exist" in dialog.message.text()
