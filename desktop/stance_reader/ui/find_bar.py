"""The find bar (Ctrl+F): query, match count, next/previous, close.

Owns :class:`FindBar`; the reader does the searching (``ReaderView.find``). GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget


class FindBar(QWidget):
    search_changed = Signal(str)
    next_requested = Signal()
    previous_requested = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("find_bar")
        self.setAccessibleName("Find in article")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 3, 10, 3)
        label = QLabel("&Find:", self)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("find_edit")
        self.edit.setAccessibleName("Find text")
        self.edit.setPlaceholderText("Find in article")
        self.edit.setClearButtonEnabled(True)
        label.setBuddy(self.edit)
        self.count = QLabel("", self)
        self.count.setObjectName("find_count")
        self.count.setAccessibleName("Match count")
        self.count.setMinimumWidth(90)
        self.prev_button = self._button("◀ Previous", "Previous match (Shift+Enter)", self.previous_requested)
        self.next_button = self._button("Next ▶", "Next match (Enter)", self.next_requested)
        self.close_button = self._button("✕", "Close find bar (Esc)", self.closed)
        for widget in (label, self.edit, self.count, self.prev_button, self.next_button, self.close_button):
            layout.addWidget(widget)
        layout.setStretch(1, 1)
        self.edit.textChanged.connect(self.search_changed)
        self.setTabOrder(self.edit, self.prev_button)
        self.setTabOrder(self.prev_button, self.next_button)
        self.setTabOrder(self.next_button, self.close_button)

    def _button(self, text: str, name: str, signal: Signal) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setAccessibleName(name)
        button.setToolTip(name)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        button.clicked.connect(signal)
        return button

    def set_count(self, current: int, total: int, query: str) -> None:
        if not query:
            self.count.setText("")
        elif total == 0:
            self.count.setText("No matches")
        else:
            self.count.setText(f"{current} of {total}")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.previous_requested.emit()
            else:
                self.next_requested.emit()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.closed.emit()
            return
        super().keyPressEvent(event)

    @Slot()
    def open(self) -> None:
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()
