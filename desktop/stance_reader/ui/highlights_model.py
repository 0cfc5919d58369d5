"""The Highlights dock's item model: the current article's saved highlights, Note and Tags editable.

Owns :class:`HighlightsModel`, a Qt model over a list of ``Highlight`` in reading order (orphans last).
An edit of the Note or Tags column is shown at once and reported as ``edited(old, new)``; the model never
writes to the store (the panel passes the signal on, the feature runs it through the undo history).
GUI thread only.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QWidget

from stance_reader.core import Highlight
from stance_reader.ui.highlight_chips import HIGHLIGHT_ROLE, chip_icon, excerpt
from stance_reader.ui.highlight_dialog import KIND_LABELS, format_tags, parse_tags
from stance_reader.ui.table_model import RowsTableModel


class HighlightsModel(RowsTableModel):
    """Rows of ``Highlight``; the Note and Tags columns are editable and report edits as signals."""

    PASSAGE, SPEAKER, NOTE, TAGS = range(4)
    HEADERS = ("Passage", "Speaker", "Note", "Tags")

    edited = Signal(object, object)  # (old Highlight, new Highlight)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Highlight] = []

    def set_highlights(self, highlights: list[Highlight]) -> None:
        self.beginResetModel()
        self._rows = sorted(highlights, key=lambda h: (h.orphaned, h.start, h.end))
        self.endResetModel()

    def highlight(self, row: int) -> Highlight:
        return self._rows[row]

    def highlights(self) -> list[Highlight]:
        return list(self._rows)

    def row_of(self, highlight_id: int | None) -> int:
        return next((i for i, h in enumerate(self._rows) if h.id == highlight_id), -1)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in (self.NOTE, self.TAGS):
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        h, col = self._rows[index.row()], index.column()
        if role == HIGHLIGHT_ROLE:
            return h
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(h, col)
        if role == Qt.ItemDataRole.EditRole:
            return h.note if col == self.NOTE else format_tags(h.tags) if col == self.TAGS else None
        if role == Qt.ItemDataRole.DecorationRole and col == self.PASSAGE:
            return chip_icon(h)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(h)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._accessible(h, col)
        if role == Qt.ItemDataRole.FontRole and (h.orphaned or (col == self.NOTE and not h.note)):
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and col == self.NOTE and not h.note:
            return QColor("#7A7A7A")
        return None

    def _display(self, h: Highlight, col: int) -> str:
        if col == self.PASSAGE:
            return ("⚠ orphaned — " if h.orphaned else "") + excerpt(h.quote)
        if col == self.SPEAKER:
            return h.speaker or "—"
        if col == self.NOTE:
            return excerpt(h.note, 80) if h.note else "add a note…"
        return format_tags(h.tags)

    @staticmethod
    def _tooltip(h: Highlight) -> str:
        lines = [
            f"“{excerpt(h.quote, 600)}”",
            f"{KIND_LABELS.get(h.kind, h.kind)}"
            + (f" · {h.speaker}" if h.speaker else "")
            + (f" · rule {h.rule}" if h.rule else ""),
        ]
        if h.note:
            lines.append(f"Note: {h.note}")
        if h.tags:
            lines.append(f"Tags: {format_tags(h.tags)}")
        if h.orphaned:
            lines.append(
                "Orphaned: this passage was not found in the re-imported article; kept with its note."
            )
        return "\n".join(lines)

    def _accessible(self, h: Highlight, col: int) -> str:
        if col == self.PASSAGE:
            state = "orphaned " if h.orphaned else ""
            return f"{state}{KIND_LABELS.get(h.kind, h.kind)} highlight: {excerpt(h.quote)}"
        return f"{self.HEADERS[col]}: {self._display(h, col)}"

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = 2) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() not in (self.NOTE, self.TAGS):
            return False
        old = self._rows[index.row()]
        new = (
            replace(old, note=str(value).strip())
            if index.column() == self.NOTE
            else replace(old, tags=parse_tags(str(value)))
        )
        if new == old:
            return False
        # Shown at once (optimistic); the feature persists it and reloads the true state from the store.
        self._rows[index.row()] = new
        self.dataChanged.emit(index, index)
        self.edited.emit(old, new)
        return True
