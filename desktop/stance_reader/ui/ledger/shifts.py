"""The ledger window's "Stance shifts" tab: where the speaker committed and later hedged or turned,
both passages side by side, found by ``services.shifts`` over the speaker's whole ledger.

Double-click or Enter on the earlier column opens the commitment; anywhere else, the later passage.
Shifts are worked out once per speaker (and after a merge or split), not on every filter change; the
filters then keep the shifts whose later passage is listed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from stance_reader.core.ledger import LedgerEntry, StanceShift, subject_as_written
from stance_reader.services.shifts import find_shifts
from stance_reader.ui.highlight_chips import excerpt
from stance_reader.ui.ledger.models import KIND_LABELS
from stance_reader.ui.table_model import RowsTableModel

SHIFT_ROLE = Qt.ItemDataRole.UserRole + 3
REASONS = {"hedge": "hedged later", "negation": "negated later"}


def _side(entry: LedgerEntry) -> str:
    kind = KIND_LABELS.get(entry.kind, entry.kind)
    where = f"{entry.date_iso or 'undated'} · {kind} · {entry.outlet or entry.title}"
    return f"{where}\n{excerpt(entry.snippet, 240)}"


class ShiftsModel(RowsTableModel):
    EARLIER, LATER, SUBJECT, REASON = range(4)
    HEADERS = ("Committed", "Then", "Subject", "Turn")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[StanceShift] = []

    def set_rows(self, rows: list[StanceShift]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def shift(self, row: int) -> StanceShift:
        return self._rows[row]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        s = self._rows[index.row()]
        if role == SHIFT_ROLE:
            return s
        if role == Qt.ItemDataRole.DisplayRole:
            values = (_side(s.before), _side(s.after), subject_as_written(s), REASONS.get(s.reason, s.reason))
            return values[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                f"{s.before.title} ({s.before.date_iso or 'undated'}):\n{s.before.snippet}\n\n"
                f"{s.after.title} ({s.after.date_iso or 'undated'}):\n{s.after.snippet}\n\n"
                f"Shared subject: {', '.join(s.subject)} (overlap {s.score:.2f})"
            )
        return None


class ShiftsTable(QTableView):
    """The shifts of the current speaker. ``open_requested(entry)``: show that passage."""

    open_requested = Signal(object)  # LedgerEntry

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ledger_shifts")
        self.setAccessibleName("Stance shifts")
        self.model_ = ShiftsModel(self)
        self.setModel(self.model_)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)  # both passages in full, side by side
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        for column in (ShiftsModel.EARLIER, ShiftsModel.LATER):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.setColumnWidth(ShiftsModel.SUBJECT, 130)
        self.setColumnWidth(ShiftsModel.REASON, 100)
        self.activated.connect(self._activated)
        self._all: list[StanceShift] = []
        self._of: object = None  # the ledger the shifts were worked out from

    def set_ledger(self, whose: object, everything: list[LedgerEntry], shown: list[LedgerEntry]) -> int:
        """Shifts of ``everything`` (worked out again only when ``whose`` changed), keeping those whose
        later passage is in ``shown``; returns how many are listed."""
        if whose != self._of:
            self._of, self._all = whose, find_shifts(everything)
        listed = {e.id for e in shown}
        rows = [s for s in self._all if s.after.id in listed]
        self.model_.set_rows(rows)
        if self.isVisible():  # wrapped rows are measured when seen (0.1 s for 200 shifts)
            self.resizeRowsToContents()
        return len(rows)

    def is_current_for(self, whose: object) -> bool:
        """Whether the shifts of ``whose`` are worked out (filtering them again is cheap)."""
        return self._of is not None and whose == self._of

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.resizeRowsToContents()

    def forget(self) -> None:
        """Work the shifts out again next time (the ledger was rewritten: merge, split, new article)."""
        self._of = None

    @Slot(QModelIndex)
    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            shift = self.model_.shift(index.row())
            self.open_requested.emit(shift.before if index.column() == ShiftsModel.EARLIER else shift.after)


__all__ = ["ShiftsModel", "ShiftsTable"]
