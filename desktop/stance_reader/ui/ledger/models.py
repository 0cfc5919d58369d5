"""Table models of the ledger window (the speakers list and one speaker's entries) and how its tables
are set up."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from stance_reader.core.ledger import LedgerEntry, SpeakerSummary
from stance_reader.ui.highlight_chips import excerpt
from stance_reader.ui.ledger.timeline import KIND_HUES
from stance_reader.ui.table_model import RowsTableModel

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
SPEAKER_ROLE = Qt.ItemDataRole.UserRole + 2
KIND_LABELS = {"hedge": "Hedge", "commitment": "Commitment", "quote": "Quote"}


class SpeakersModel(RowsTableModel):
    HEADERS = ("Speaker", "Hedges", "Commits", "Quotes", "Articles")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[SpeakerSummary] = []

    def set_rows(self, rows: list[SpeakerSummary]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def speaker(self, row: int) -> SpeakerSummary:
        return self._rows[row]

    def row_of(self, key: str) -> int | None:
        return next((i for i, s in enumerate(self._rows) if s.key == key), None)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        s = self._rows[index.row()]
        if role == SPEAKER_ROLE:
            return s
        if role == Qt.ItemDataRole.DisplayRole:
            values = (s.name, s.hedges, s.commitments, s.quotes, s.articles)
            return values[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{s.name}: {s.first_date or 'undated'} – {s.last_date or 'undated'}"
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class EntriesModel(RowsTableModel):
    HEADERS = ("Date", "Outlet", "Article", "Kind", "Conf.", "Passage")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[LedgerEntry] = []

    def set_rows(self, rows: list[LedgerEntry]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def entry(self, row: int) -> LedgerEntry:
        return self._rows[row]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        e = self._rows[index.row()]
        if role == ENTRY_ROLE:
            return e
        if role == Qt.ItemDataRole.DisplayRole:
            confidence = "" if e.confidence is None else f"{e.confidence:.2f}"
            values = (e.date_iso or "undated", e.outlet, e.title, KIND_LABELS.get(e.kind, e.kind),
                      confidence, excerpt(e.snippet))  # fmt: skip
            return values[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{e.title}\n{e.mention}: {e.snippet}"
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 3:
            return QColor(KIND_HUES.get(e.kind, "#888888"))
        return None


def ledger_table(parent: QWidget, name: str, accessible: str) -> QTableView:
    table = QTableView(parent)
    table.setObjectName(name)
    table.setAccessibleName(accessible)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def fixed_widths(table: QTableView, samples: tuple[str, ...]) -> None:
    """Columns sized once from sample text (sizing to contents reads every row: 0.3 s at 1,500 rows);
    the last column takes the rest."""
    metrics = table.fontMetrics()
    header = table.horizontalHeader()
    for column, sample in enumerate(samples):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        table.setColumnWidth(column, metrics.horizontalAdvance(sample) + 16)
    header.setSectionResizeMode(len(samples), QHeaderView.ResizeMode.Stretch)


__all__ = [
    "ENTRY_ROLE",
    "KIND_LABELS",
    "SPEAKER_ROLE",
    "EntriesModel",
    "SpeakersModel",
    "fixed_widths",
    "ledger_table",
]
