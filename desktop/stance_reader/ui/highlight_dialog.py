"""Small dialogs for saving highlights: "Save highlight with note…" and "Save all hedges of <speaker>…".

Owns :class:`HighlightDialog` (note, comma-separated tags with completion, kind), :class:`BulkSaveDialog`
(speaker + kind, with a live count of the passages that would be saved) and :func:`parse_tags`, the one
place that turns "a, b ,a" into ``("a", "b")`` for every tag editor in the window.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QStringListModel, Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from stance_reader.core import HighlightKind

KIND_LABELS: dict[HighlightKind, str] = {
    HighlightKind.HEDGE: "Hedge",
    HighlightKind.COMMITMENT: "Firm commitment",
    HighlightKind.SPEAKER: "Speaker / quote",
    HighlightKind.CUSTOM: "Custom",
}


def parse_tags(text: str) -> tuple[str, ...]:
    """Comma-separated tags → trimmed, de-duplicated (first spelling wins, case-insensitively), in order."""
    seen: dict[str, str] = {}
    for part in text.split(","):
        tag = " ".join(part.split())
        if tag and tag.casefold() not in seen:
            seen[tag.casefold()] = tag
    return tuple(seen.values())


def format_tags(tags: Iterable[str]) -> str:
    return ", ".join(tags)


class TagCompleter(QCompleter):
    """Completes the tag after the last comma, so "nato, ukr" offers "ukraine" and keeps "nato, "."""

    def __init__(self, tags: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Parented to the completer: an unparented Python-side model can be garbage collected.
        self.setModel(QStringListModel(sorted(tags, key=str.casefold), self))
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)

    def splitPath(self, path: str) -> list[str]:
        return [path.rsplit(",", 1)[-1].strip()]

    def pathFromIndex(self, index) -> str:  # type: ignore[no-untyped-def]
        chosen = str(index.data() or "")
        editor = self.widget()
        current = editor.text() if isinstance(editor, QLineEdit) else ""
        head = current.rsplit(",", 1)[0] if "," in current else ""
        return f"{head}, {chosen}" if head else chosen


def tag_editor(all_tags: Sequence[str], parent: QWidget | None = None) -> QLineEdit:
    """A line edit for comma-separated tags, completing from the library's existing tags."""
    edit = QLineEdit(parent)
    edit.setPlaceholderText("comma-separated, e.g. ukraine, funding")
    edit.setCompleter(TagCompleter(all_tags, edit))
    edit.setAccessibleName("Tags")
    edit.setAccessibleDescription("Comma-separated tags; existing tags are offered as you type")
    return edit


class HighlightDialog(QDialog):
    """Note, tags and kind for one highlight about to be saved (or being edited)."""

    def __init__(
        self,
        excerpt: str,
        *,
        kind: HighlightKind = HighlightKind.CUSTOM,
        speaker: str | None = None,
        note: str = "",
        tags: Sequence[str] = (),
        all_tags: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Save highlight")
        self.setObjectName("highlight_dialog")
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)

        shown = excerpt if len(excerpt) <= 280 else excerpt[:277].rstrip() + "…"
        quote = QLabel(f"“{shown}”" + (f"\n— {speaker}" if speaker else ""))
        quote.setWordWrap(True)
        quote.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        quote.setObjectName("highlight_dialog_excerpt")
        quote.setAccessibleName("Passage to save")
        quote.setStyleSheet("QLabel { font-style: italic; padding: 4px 0 8px 0; }")
        layout.addWidget(quote)

        form = QFormLayout()
        self.note_edit = QPlainTextEdit(note)
        self.note_edit.setTabChangesFocus(True)  # Tab moves on, so the dialog stays keyboard-usable
        self.note_edit.setPlaceholderText("Why this passage matters for your report")
        self.note_edit.setAccessibleName("Note")
        self.note_edit.setFixedHeight(84)
        self.tags_edit = tag_editor(all_tags, self)
        self.tags_edit.setText(format_tags(tags))
        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName("Kind")
        for value, label in KIND_LABELS.items():
            self.kind_combo.addItem(label, value)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind))
        for label, widget in (
            ("&Note:", self.note_edit),
            ("&Tags:", self.tags_edit),
            ("&Kind:", self.kind_combo),
        ):
            form.addRow(label, widget)
        layout.addLayout(form)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.note_edit.setFocus()

    def note(self) -> str:
        return self.note_edit.toPlainText().strip()

    def tags(self) -> tuple[str, ...]:
        return parse_tags(self.tags_edit.text())

    def kind(self) -> HighlightKind:
        return HighlightKind(self.kind_combo.currentData())


class BulkSaveDialog(QDialog):
    """Choose a speaker and a kind; shows how many passages would be saved before the analyst commits.

    ``count`` answers "how many not-yet-saved marks of this speaker and kind" (the feature knows).
    """

    def __init__(
        self,
        speakers: Sequence[str],
        count: Callable[[str, HighlightKind], int],
        *,
        speaker: str | None = None,
        kind: HighlightKind = HighlightKind.HEDGE,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Save all passages of a speaker")
        self.setObjectName("bulk_save_dialog")
        self._count = count
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.speaker_combo = QComboBox()
        self.speaker_combo.setAccessibleName("Speaker")
        self.speaker_combo.addItems(list(speakers))
        if speaker and speaker in speakers:
            self.speaker_combo.setCurrentText(speaker)
        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName("Kind")
        self.kind_combo.addItem("Hedges", HighlightKind.HEDGE)
        self.kind_combo.addItem("Firm commitments", HighlightKind.COMMITMENT)
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(kind)))
        form.addRow("&Speaker:", self.speaker_combo)
        form.addRow("&Kind:", self.kind_combo)
        layout.addLayout(form)
        self.summary = QLabel()
        self.summary.setObjectName("bulk_save_summary")
        self.summary.setAccessibleName("Passages to save")
        layout.addWidget(self.summary)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.speaker_combo.currentIndexChanged.connect(self._refresh)
        self.kind_combo.currentIndexChanged.connect(self._refresh)
        self._refresh()

    def speaker(self) -> str:
        return self.speaker_combo.currentText()

    def kind(self) -> HighlightKind:
        return HighlightKind(self.kind_combo.currentData())

    @Slot()
    def _refresh(self) -> None:
        n = self._count(self.speaker(), self.kind()) if self.speaker() else 0
        what = "hedge" if self.kind() is HighlightKind.HEDGE else "firm commitment"
        self.summary.setText(
            f"{n} unsaved {what}{'' if n == 1 else 's'} by {self.speaker() or 'nobody'} will be saved."
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(n > 0)
