"""File → Export…: the dialog's choices, its memory, and (in the window) files that parse back; copying
highlights to the clipboard as rich text and Markdown."""

from __future__ import annotations

import csv
import html
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractButton
from test_highlights_window import (  # the real-window fixtures and helpers
    WAIT_MS,
    canned_pipeline,
    db,
    idle,
    open_window,
    saved,
    stored,
)

from stance_reader.core import HighlightKind
from stance_reader.paths import sample_article
from stance_reader.ui.export_dialog import ExportDialog, ExportScope
from stance_reader.ui.library_filter import HighlightFilter


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


# --- in the real window ----------------------------------------------------------------------------


@pytest.fixture
def window_with_highlights(qtbot, open_window):  # type: ignore[no-untyped-def]
    """The sample article with Kellner's two commitments saved (bulk) and a note on one of them."""
    window = open_window(sample_article())
    window.highlights.save_all("Ingrid Kellner", HighlightKind.COMMITMENT)
    first, _second = saved(qtbot, window, 2)
    window.highlights.update_highlight(first, replace(first, note='=HYPERLINK("x") <b>check</b>'))
    qtbot.waitUntil(lambda: any(h.note for h in stored(window)), timeout=WAIT_MS)
    idle(qtbot, window)
    return window


def _export_from_window(qtbot, window, fmt: str, out: Path, scope: ExportScope) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)  # File → Export…
    dialog = window.highlights.export_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData(fmt))
    _check(qtbot, dialog.scope_buttons[scope])
    _type_path(qtbot, dialog, out)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Exported" in window.statusBar().currentMessage(), timeout=WAIT_MS)


def test_window_exports_csv_that_parses_back(qtbot, window_with_highlights, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = window_with_highlights
    out = tmp_path / "report.csv"
    _export_from_window(qtbot, window, "csv", out, ExportScope.ARTICLE)
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    texts = {h.quote for h in stored(window)}
    assert {r["text"] for r in rows} == texts
    assert {r["speaker"] for r in rows} == {"Ingrid Kellner"}
    noted = next(r for r in rows if r["note"])
    assert noted["note"].startswith("'=HYPERLINK")  # defused: a spreadsheet shows it as text
    assert f"Exported 2 passages to {out}" in window.statusBar().currentMessage()


def test_window_exports_selected_highlights_as_json(qtbot, window_with_highlights, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = window_with_highlights
    panel = window.highlights.panel
    chosen = panel.highlights()[1]
    panel.select_highlight(chosen.id)
    out = tmp_path / "selected.json"
    _export_from_window(qtbot, window, "json", out, ExportScope.SELECTED)
    payload = json.loads(out.read_text(encoding="utf-8"))
    (annotation,) = payload["annotations"]
    selectors = {s["type"]: s for s in annotation["target"]["selector"]}
    assert selectors["TextQuoteSelector"]["exact"] == chosen.quote
    assert (selectors["TextPositionSelector"]["start"], selectors["TextPositionSelector"]["end"]) == (
        chosen.start,
        chosen.end,
    )


def test_copy_highlights_puts_html_and_markdown_on_the_clipboard(qtbot, window_with_highlights) -> None:  # type: ignore[no-untyped-def]
    window = window_with_highlights
    panel = window.highlights.panel
    panel.view.setFocus()
    panel.view.selectAll()
    qtbot.keyClick(panel.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    mime = QGuiApplication.clipboard().mimeData()
    quotes = [h.quote for h in panel.highlights()]
    assert mime.hasHtml() and all(html.escape(q, quote=False) in mime.html() for q in quotes)
    assert "<b>check</b>" not in mime.html()  # the note's markup is escaped, not rendered
    assert all(f"> {q}" in mime.text() for q in quotes)  # Markdown blockquotes as the plain text
    assert "**Ingrid Kellner**" in mime.text()
    assert bytes(mime.data("text/markdown").data()).decode("utf-8") == mime.text()
    assert "Copied 2 highlights" in window.statusBar().currentMessage()


__all__ = ["canned_pipeline", "db", "open_window"]  # fixtures imported for pytest, not unused


def test_existing_file_needs_a_second_press(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "old.md").write_text("yesterday's report", encoding="utf-8")
    dialog = _dialog(qtbot)
    _type_path(qtbot, dialog, tmp_path / "old.md")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "already exists" in dialog.message.text()
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)


def test_window_exports_a_qdpx_project(qtbot, window_with_highlights, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import zipfile
    from xml.etree import ElementTree as ET

    window = window_with_highlights
    out = tmp_path / "project"
    _export_from_window(qtbot, window, "qdpx", out, ExportScope.ARTICLE)
    out = out.with_suffix(".qdpx")
    ns = {"q": "urn:QDA-XML:project:1.0"}
    with zipfile.ZipFile(out) as zf:
        root = ET.fromstring(zf.read("project.qde"))
        (source,) = root.findall("q:Sources/q:TextSource", ns)
        text = zf.read("sources/" + source.get("plainTextPath", "").removeprefix("internal://")).decode()
    spans = {
        text[int(s.get("startPosition", "")) : int(s.get("endPosition", ""))]
        for s in source.findall("q:PlainTextSelection", ns)
    }
    assert spans == {h.quote for h in stored(window)}
    assert f"Exported 2 passages to {out}" in window.statusBar().currentMessage()
