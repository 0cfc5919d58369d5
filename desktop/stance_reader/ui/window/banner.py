"""The error banner above the article: a selectable message, Dismiss, and (for a damaged library) a
row of choice buttons whose pick is emitted as ``chosen(key)``; the window only relays it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class Banner(QFrame):
    chosen = Signal(str)  # the key of the choice button clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("error_banner")
        self.setAccessibleName("Error message")
        rows = QVBoxLayout(self)
        rows.setContentsMargins(12, 6, 8, 6)
        row = QHBoxLayout()
        rows.addLayout(row)
        self.label = QLabel("", self)
        self.label.setObjectName("error_text")
        self.label.setWordWrap(True)
        self.label.setAccessibleName("Error text")
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        dismiss = QPushButton("Dismiss", self)
        dismiss.setAccessibleName("Dismiss error message")
        dismiss.clicked.connect(self.hide)
        row.addWidget(self.label, 1)
        row.addWidget(dismiss, 0, Qt.AlignmentFlag.AlignTop)
        self.choices = QHBoxLayout()  # the choice buttons, under the message
        rows.addLayout(self.choices)
        self.hide()

    def show_message(self, message: str) -> None:
        """Show ``message`` (any earlier choices go)."""
        self.clear_choices()
        self.label.setText(message)
        self.show()

    def add_choices(self, choices: list[tuple[str, str]]) -> None:
        """One button per ``(key, label)``; a click emits ``chosen(key)``."""
        for key, label in choices:
            button = QPushButton(label, self)
            button.setObjectName(f"choice_{key}")
            button.setAccessibleName(label)
            button.clicked.connect(lambda _=False, key=key: self.chosen.emit(key))
            self.choices.addWidget(button)
        if choices:
            self.choices.addStretch(1)

    def clear_choices(self) -> None:
        while self.choices.count():
            item = self.choices.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()

    def choice_buttons(self) -> dict[str, QPushButton]:
        """The choice buttons by key."""
        items = (self.choices.itemAt(i) for i in range(self.choices.count()))
        found = (item.widget() for item in items if item is not None)
        return {w.objectName().removeprefix("choice_"): w for w in found if isinstance(w, QPushButton)}


__all__ = ["Banner"]
