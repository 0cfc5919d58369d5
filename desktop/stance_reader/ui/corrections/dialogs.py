"""The small dialogs of the corrections: change a mark's speaker, add a passage the model missed, adjust
a mark's passage word by word.

Owns :class:`SpeakerDialog`, :class:`AddPassageDialog`, :class:`PassageDialog` and
:func:`speaker_choices`. Every dialog works from the keyboard alone (the first field has focus, Enter
accepts, Esc cancels). Offsets are code points. GUI thread only.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from stance_reader.core import Analysis, CorrectionKind

OWN_VOICE = "(the article's own voice)"
SPEAKER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})  # entities that can hold a stance
ADD_KINDS = (
    (CorrectionKind.HEDGE, "Hedge"),
    (CorrectionKind.COMMITMENT, "Firm commitment"),
    (CorrectionKind.QUOTE, "Quote / attribution"),
)


def speaker_choices(analysis: Analysis | None) -> list[str]:
    """The article's speakers in order of appearance, then its people and organisations."""
    if analysis is None:
        return []
    names = dict.fromkeys(analysis.speakers())
    for entity in sorted(analysis.entities, key=lambda e: e.start):
        if entity.label in SPEAKER_LABELS and entity.canonical:
            names.setdefault(entity.canonical, None)
    names.update(dict.fromkeys(m.speaker for m in analysis.marks if m.speaker))
    return list(names)


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def _speaker_box(parent: QWidget, choices: Sequence[str], current: str | None) -> QComboBox:
    """An editable combo: pick a speaker or type a new name; the first entry is the article's voice."""
    box = QComboBox(parent)
    box.setObjectName("speaker_choice")
    box.setAccessibleName("Speaker")
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    box.addItems([OWN_VOICE, *choices])
    box.setCurrentText(current or OWN_VOICE)
    box.lineEdit().selectAll()
    return box


def chosen_speaker(box: QComboBox) -> str | None:
    text = " ".join(box.currentText().split())
    return None if not text or text == OWN_VOICE else text


class SpeakerDialog(QDialog):
    """ "Change speaker": pick from the article's speakers and entities, or type a name."""

    def __init__(
        self, passage: str, choices: Sequence[str], current: str | None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setObjectName("speaker_dialog")
        self.setWindowTitle("Change speaker")
        layout = QVBoxLayout(self)
        shown = QLabel(f"“{passage[:200]}”", self)
        shown.setWordWrap(True)
        self.box = _speaker_box(self, choices, current)
        form = QFormLayout()
        form.addRow("&Speaker:", self.box)
        layout.addWidget(shown)
        layout.addLayout(form)
        layout.addWidget(_buttons(self))
        self.box.setFocus()

    def speaker(self) -> str | None:
        return chosen_speaker(self.box)


class AddPassageDialog(QDialog):
    """ "Add a hedge / commitment / quote": the kind and who holds it, for the selected passage."""

    def __init__(
        self,
        passage: str,
        choices: Sequence[str],
        speaker: str | None,
        kind: CorrectionKind = CorrectionKind.HEDGE,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("add_passage_dialog")
        self.setWindowTitle("Add what the model missed")
        layout = QVBoxLayout(self)
        shown = QLabel(f"“{passage[:200]}”", self)
        shown.setWordWrap(True)
        self.kind_box = QComboBox(self)
        self.kind_box.setObjectName("kind_choice")
        self.kind_box.setAccessibleName("Kind")
        for value, label in ADD_KINDS:
            self.kind_box.addItem(label, str(value))
        self.kind_box.setCurrentIndex(max(0, self.kind_box.findData(str(kind))))
        self.box = _speaker_box(self, choices, speaker)
        form = QFormLayout()
        form.addRow("&Kind:", self.kind_box)
        form.addRow("&Speaker:", self.box)
        layout.addWidget(shown)
        layout.addLayout(form)
        layout.addWidget(_buttons(self))
        self.kind_box.setFocus()

    def kind(self) -> CorrectionKind:
        return CorrectionKind(str(self.kind_box.currentData()))

    def speaker(self) -> str | None:
        return chosen_speaker(self.box)


def _back(text: str, i: int, word: bool) -> int:
    while i > 0 and text[i - 1].isalnum() == word:
        i -= 1
    return i


def _on(text: str, i: int, word: bool) -> int:
    while i < len(text) and text[i].isalnum() == word:
        i += 1
    return i


def word_edge(text: str, at: int, edge: str, direction: int) -> int:
    """Where a passage's ``edge`` ("start" | "end") lands moved one word in ``direction`` (±1): a start
    on the first letter of a word, an end just after the last letter of one."""
    if edge == "end":
        if direction > 0:
            return _on(text, _on(text, at, False), True)
        return _back(text, _back(text, _back(text, at, False), True), False)
    if direction > 0:
        return _on(text, _on(text, at, True), False)
    return _back(text, _back(text, at, False), True)


class PassageDialog(QDialog):
    """ "Adjust the passage": Shift+Left/Right move its end a word, Ctrl+Shift+Left/Right its start;
    the passage is shown as it would be stored. Offsets are code points."""

    def __init__(self, text: str, start: int, end: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("passage_dialog")
        self.setWindowTitle("Adjust the passage")
        self._text, self.start, self.end = text, start, end
        layout = QVBoxLayout(self)
        hint = QLabel("Shift+←/→ moves the end by a word, Ctrl+Shift+←/→ the start. Enter keeps it.", self)
        hint.setWordWrap(True)
        self.preview = QPlainTextEdit(self)
        self.preview.setObjectName("passage_preview")
        self.preview.setAccessibleName("Passage")
        self.preview.setReadOnly(True)
        self.preview.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys belong to the dialog
        self.preview.setMaximumHeight(120)
        layout.addWidget(hint)
        layout.addWidget(self.preview)
        layout.addWidget(_buttons(self))
        self._show()

    def span(self) -> tuple[int, int]:
        return self.start, self.end

    def move(self, edge: str, direction: int) -> None:
        """Move the ``"start"`` or ``"end"`` edge one word in ``direction``; never past the other."""
        moved = word_edge(self._text, self.end if edge == "end" else self.start, edge, direction)
        if edge == "end":
            self.end = max(self.start + 1, moved)
        else:
            self.start = min(self.end - 1, moved)
        self._show()

    def _show(self) -> None:
        self.preview.setPlainText(self._text[self.start : self.end])

    def keyPressEvent(self, event: QKeyEvent) -> None:
        mods = event.modifiers()
        arrows = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}
        if event.key() in arrows and mods & Qt.KeyboardModifier.ShiftModifier:
            edge = "start" if mods & Qt.KeyboardModifier.ControlModifier else "end"
            self.move(edge, arrows[Qt.Key(event.key())])
            return
        super().keyPressEvent(event)


__all__ = [
    "OWN_VOICE",
    "AddPassageDialog",
    "PassageDialog",
    "SpeakerDialog",
    "chosen_speaker",
    "speaker_choices",
]
