"""The ledger window's filter bar: kinds, text, date range and outlet, as the store's ledger filters.

``changed`` fires when a filter changes (typing is debounced), and :meth:`FilterBar.values` gives the
keyword arguments of ``Store.speaker_ledger``. The outlet choices are the current speaker's own.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from stance_reader.core.ledger import LEDGER_KINDS
from stance_reader.ui.ledger.models import KIND_LABELS
from stance_reader.ui.library_filter import date_edit

TYPING_MS = 200


class FilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ledger_filters")
        self._debounce = QTimer(self, singleShot=True, interval=TYPING_MS)
        self._debounce.timeout.connect(self.changed)
        kinds_row, dates_row = QHBoxLayout(), QHBoxLayout()
        self.kind_boxes: dict[str, QCheckBox] = {}
        for kind in LEDGER_KINDS:
            box = QCheckBox(KIND_LABELS[kind] + "s", self, checked=True)
            box.toggled.connect(lambda _on: self.changed.emit())
            self.kind_boxes[kind] = box
            kinds_row.addWidget(box)
        self.text_edit = QLineEdit(self, placeholderText="Text contains…", clearButtonEnabled=True)
        self.text_edit.setAccessibleName("Text contains")
        self.text_edit.textChanged.connect(lambda _t: self._debounce.start())
        kinds_row.addWidget(self.text_edit, 1)
        self.date_from: QDateEdit = date_edit("From date")
        self.date_to: QDateEdit = date_edit("To date")
        self.outlet_combo = QComboBox(self)
        self.outlet_combo.setAccessibleName("Outlet")
        self.outlet_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.outlet_combo.addItem("all", None)
        for label, widget in (("From", self.date_from), ("To", self.date_to), ("Outlet", self.outlet_combo)):
            dates_row.addWidget(QLabel(label, self))
            dates_row.addWidget(widget)
        dates_row.addStretch(1)
        self.date_from.dateChanged.connect(lambda _d: self.changed.emit())
        self.date_to.dateChanged.connect(lambda _d: self.changed.emit())
        self.outlet_combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.addLayout(kinds_row)
        rows.addLayout(dates_row)

    def values(self) -> dict[str, Any]:
        """The keyword filters of ``Store.speaker_ledger`` (no kind ticked lists nothing)."""
        return {
            "kinds": [k for k, box in self.kind_boxes.items() if box.isChecked()] or ["none"],
            "date_from": _day(self.date_from), "date_to": _day(self.date_to),
            "outlet": self.outlet_combo.currentData() or None, "text": self.text_edit.text().strip(),
        }  # fmt: skip

    def set_outlets(self, outlets: list[str]) -> None:
        """Offer these outlets (and "all"), keeping the chosen one when it is still offered."""
        combo = self.outlet_combo
        if outlets == [combo.itemData(i) for i in range(1, combo.count())]:
            return
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("all", None)
        for outlet in outlets:
            combo.addItem(outlet, outlet)
        combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen else 0)
        combo.blockSignals(False)


def _day(edit: QDateEdit) -> str | None:
    if edit.date() == edit.minimumDate():
        return None
    return edit.date().toString("yyyy-MM-dd")


__all__ = ["FilterBar"]
