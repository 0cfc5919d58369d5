"""The Corrections dock: this article's corrections, orphans listed first, and "give back to the model".

Owns :class:`CorrectionsPanel`. A list of one line per correction ("Rejected hedge · 'may' …",
"ORPHANED · Hedge → commitment …"); Enter jumps to the passage, Delete (or the button) removes the
chosen corrections (one undo step). Shows; never writes: it emits ``remove_requested(ids)`` and
``jump_requested(start, end)``. GUI thread only.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stance_reader.core import Correction

EMPTY = "No corrections in this article. Right-click a mark (or press X, K, S, P; A on a selection)."


def correction_line(c: Correction, orphan: bool) -> str:
    quote = " ".join(c.quote.split())
    quote = quote if len(quote) <= 60 else quote[:59] + "…"
    return f"{'ORPHANED · ' if orphan else ''}{c.describe()} · “{quote}”"


class _List(QListWidget):
    delete_pressed = Signal()
    enter_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_pressed.emit()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enter_pressed.emit()
            return
        super().keyPressEvent(event)


class CorrectionsPanel(QWidget):
    remove_requested = Signal(tuple)  # correction ids
    jump_requested = Signal(int, int)  # code points

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("corrections_panel")
        self.setAccessibleName("Corrections of this article")
        self._items: list[tuple[Correction, bool]] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        self.summary = QLabel(EMPTY, self)
        self.summary.setObjectName("corrections_summary")
        self.summary.setWordWrap(True)
        self.view = _List(self)
        self.view.setObjectName("corrections_list")
        self.view.setAccessibleName("Corrections")
        self.view.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.remove_button = QPushButton("&Give back to the model", self)
        self.remove_button.setObjectName("corrections_remove")
        self.remove_button.setToolTip("Remove the chosen corrections: the model's marks show again (Delete)")
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.remove_button)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        self.remove_button.clicked.connect(self._remove)
        self.view.delete_pressed.connect(self._remove)
        self.view.enter_pressed.connect(self._jump)
        self.view.itemDoubleClicked.connect(lambda _item: self._jump())

    def set_corrections(self, attached: Sequence[Correction], orphans: Sequence[Correction]) -> None:
        """Show the article's corrections: orphans first (they need the analyst's eye), then in order."""
        self._items = [(c, True) for c in orphans] + [
            (c, False) for c in sorted(attached, key=lambda c: c.start)
        ]
        self.view.clear()
        # One call for all rows: an article with a thousand corrections fills the list in ~1 ms.
        self.view.addItems([correction_line(c, orphan) for c, orphan in self._items])
        total, lost = len(self._items), len(orphans)
        if not total:
            self.summary.setText(EMPTY)
        else:
            extra = f", {lost} orphaned (nothing in this analysis to attach to; kept)" if lost else ""
            self.summary.setText(f"{total} correction{'s' if total != 1 else ''}{extra}")

    def lines(self) -> list[str]:
        return [self.view.item(i).text() for i in range(self.view.count())]

    def selected(self) -> list[Correction]:
        rows = sorted(self.view.row(item) for item in self.view.selectedItems())
        return [self._items[r][0] for r in rows]

    @Slot()
    def _remove(self) -> None:
        ids = tuple(c.id for c in self.selected() if c.id is not None)
        if ids:
            self.remove_requested.emit(ids)

    @Slot()
    def _jump(self) -> None:
        chosen = self.selected()
        if chosen and not self._items[self.view.currentRow()][1]:
            self.jump_requested.emit(chosen[0].start, chosen[0].end)


__all__ = ["CorrectionsPanel", "correction_line"]
