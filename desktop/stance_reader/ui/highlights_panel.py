"""The Highlights panel: the current article's saved highlights, editable in place.

Owns :class:`HighlightsPanel` (the dock widget: count line, the highlight cards, an edit strip for the
current one, list-scoped shortcuts and the context menu). Its parts live beside it:
``highlights_model.py`` (:class:`HighlightsModel`, Note and Tags editable), ``highlight_cards.py`` (the
card delegate) and ``highlight_chips.py`` (colour, chip and excerpt, shared by every highlight list).
The panel never touches the store: it emits ``jump_requested``, ``update_requested(old, new)`` and
``delete_requested(list)`` and the feature (``ui/highlights``) runs them through the undo history on the
lane. GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPoint,
    QStringListModel,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stance_reader.core import Highlight
from stance_reader.ui.highlight_cards import HighlightCardDelegate
from stance_reader.ui.highlight_dialog import format_tags, tag_editor
from stance_reader.ui.highlights_model import HighlightsModel


class HighlightsPanel(QWidget):
    """Dock contents: a count line, the highlight cards, and an edit strip for the current one (note,
    tags, Go to, Delete). Keyboard-only usable: arrows move, Enter jumps to the passage, F2 goes to the
    note field (Enter there saves, Tab to tags), Delete deletes, Ctrl+Enter opens the full dialog."""

    jump_requested = Signal(object)  # Highlight
    update_requested = Signal(object, object)  # old, new Highlight
    delete_requested = Signal(list)  # list[Highlight]
    copy_requested = Signal()
    edit_requested = Signal(object)  # Highlight: open the full note/tags/kind dialog

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("highlights_panel")
        self.setAccessibleName("Saved highlights of this article")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.summary = QLabel()
        self.summary.setObjectName("highlights_summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        self.model = HighlightsModel(self)
        self.model.edited.connect(self.update_requested)
        self.view = QListView()
        self.view.setObjectName("highlights_list")
        self.view.setAccessibleName("Saved highlights")
        self.view.setAccessibleDescription(
            "Enter jumps to the passage, F2 edits the note, Delete removes the highlight"
        )
        self.view.setModel(self.model)
        self.view.setModelColumn(HighlightsModel.PASSAGE)
        self.view.setItemDelegate(HighlightCardDelegate(self.view))
        self.view.setResizeMode(QListView.ResizeMode.Adjust)  # re-wrap cards when the dock is resized
        self.view.setSpacing(1)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        layout.addWidget(self.view, 1)
        self._shown_id: int | None = None
        self.editor_box = self._build_editor()
        layout.addWidget(self.editor_box)

        self.view.activated.connect(self._on_activated)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self._build_actions()
        self.set_highlights([])

    def _build_editor(self) -> QWidget:
        """Note and tags of the current highlight, saved on Enter or when focus leaves the field."""
        box = QWidget()
        box.setObjectName("highlight_editor")
        form = QFormLayout(box)
        form.setContentsMargins(0, 4, 0, 0)
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("highlight_note_edit")
        self.note_edit.setAccessibleName("Note of the selected highlight")
        self.note_edit.setPlaceholderText("No note yet: type one, Enter saves (F2 from the list)")
        self.tags_edit = tag_editor((), box)
        self.tags_edit.setObjectName("highlight_tags_edit")
        self.tags_edit.setAccessibleName("Tags of the selected highlight")
        note_label, tags_label = QLabel("&Note:"), QLabel("&Tags:")
        note_label.setBuddy(self.note_edit)
        tags_label.setBuddy(self.tags_edit)
        form.addRow(note_label, self.note_edit)
        form.addRow(tags_label, self.tags_edit)
        buttons = QHBoxLayout()
        self.goto_button = QPushButton("&Go to passage")
        self.delete_button = QPushButton("&Delete")
        self.delete_button.setAccessibleName("Delete the selected highlights")
        buttons.addWidget(self.goto_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        form.addRow(buttons)
        self.goto_button.clicked.connect(lambda: self._on_activated(self.view.currentIndex()))
        self.delete_button.clicked.connect(self._delete_selected)
        self.note_edit.editingFinished.connect(lambda: self._commit(HighlightsModel.NOTE, self.note_edit))
        self.tags_edit.editingFinished.connect(lambda: self._commit(HighlightsModel.TAGS, self.tags_edit))
        return box

    def _build_actions(self) -> None:
        """List-scoped shortcuts so Delete/F2 act on the list only when it has focus."""
        self.delete_action = QAction("Delete highlight", self.view)
        self.delete_action.setShortcuts(
            [QKeySequence(QKeySequence.StandardKey.Delete), QKeySequence("Backspace")]
        )
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self._delete_selected)
        self.focus_note_action = QAction("Edit note", self.view)
        self.focus_note_action.setShortcut(QKeySequence("F2"))
        self.focus_note_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.focus_note_action.triggered.connect(
            lambda: (self.note_edit.setFocus(), self.note_edit.selectAll())
        )
        self.edit_note_action = QAction("Edit note, tags and kind…", self.view)
        self.edit_note_action.setShortcut(QKeySequence("Ctrl+Return"))
        self.edit_note_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.edit_note_action.triggered.connect(self._edit_current)
        self.jump_action = QAction("Go to passage", self.view)
        self.jump_action.triggered.connect(lambda: self._on_activated(self.view.currentIndex()))
        # Ctrl+C is the window's Edit → Copy too; a second shortcut would make both ambiguous, so the
        # list claims the key itself while it has focus (eventFilter) and the action has none.
        self.copy_action = QAction("Copy highlights (Ctrl+C)", self.view)
        self.copy_action.triggered.connect(self.copy_requested)
        self.view.installEventFilter(self)
        for action in (
            self.jump_action,
            self.focus_note_action,
            self.edit_note_action,
            self.copy_action,
            self.delete_action,
        ):
            self.view.addAction(action)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        is_key = event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress)
        is_copy = is_key and isinstance(event, QKeyEvent) and event.matches(QKeySequence.StandardKey.Copy)
        if watched is self.view and is_copy:
            event.accept()  # on ShortcutOverride: "this key is mine", so Edit → Copy does not fire
            if event.type() == QEvent.Type.KeyPress:
                self.copy_requested.emit()
            return True
        return super().eventFilter(watched, event)

    # --- public API ---------------------------------------------------------------------------------

    def set_tag_choices(self, tags: list[str]) -> None:
        completer = self.tags_edit.completer()
        model = completer.model() if completer is not None else None
        if isinstance(model, QStringListModel):
            model.setStringList(sorted(tags, key=str.casefold))

    def set_highlights(self, highlights: list[Highlight]) -> None:
        """Replace the list, keeping the current row on the same highlight id when it still exists."""
        current = self.current_highlight()
        self.model.set_highlights(highlights)
        orphans = sum(h.orphaned for h in highlights)
        if highlights:
            text = f"{len(highlights)} saved highlight{'s' if len(highlights) != 1 else ''}"
            self.summary.setText(text + (f" · <b>{orphans} orphaned</b>" if orphans else ""))
        else:
            self.summary.setText(
                "No saved highlights yet. Select a passage (or put the cursor in a mark) and press "
                "<b>H</b> to save it; <b>Ctrl+Shift+H</b> adds a note and tags."
            )
        if current is None or not self.select_highlight(current.id):
            self._current_changed(self.view.currentIndex())

    def highlights(self) -> list[Highlight]:
        return self.model.highlights()

    def current_highlight(self) -> Highlight | None:
        index = self.view.currentIndex()
        return self.model.highlight(index.row()) if index.isValid() else None

    def selected_highlights(self) -> list[Highlight]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedIndexes()})
        return [self.model.highlight(r) for r in rows]

    def select_highlight(self, highlight_id: int | None) -> bool:
        row = self.model.row_of(highlight_id)
        if row < 0:
            return False
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        self.view.selectionModel().setCurrentIndex(self.model.index(row, HighlightsModel.PASSAGE), flags)
        self.view.scrollTo(self.model.index(row, HighlightsModel.PASSAGE))
        return True

    # --- slots ---------------------------------------------------------------------------------------

    @Slot(QModelIndex)
    def _current_changed(self, index: QModelIndex) -> None:
        h = self.model.highlight(index.row()) if index.isValid() else None
        self.editor_box.setVisible(h is not None)  # no empty, disabled fields when nothing is chosen
        self.goto_button.setEnabled(h is not None and not h.orphaned)
        same = h is not None and h.id == self._shown_id
        self._shown_id = h.id if h else None
        for edit, value in (
            (self.note_edit, h.note if h else ""),
            (self.tags_edit, format_tags(h.tags) if h else ""),
        ):
            if same and edit.hasFocus():
                continue  # a reload after a save must not overwrite what the analyst is typing
            edit.setText(value)
            edit.setCursorPosition(0)  # show the start of a long note, not its tail

    def _commit(self, column: int, edit: QLineEdit) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.model.setData(self.model.index(index.row(), column), edit.text())

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.jump_requested.emit(self.model.highlight(index.row()))

    @Slot()
    def _delete_selected(self) -> None:
        chosen = self.selected_highlights()
        if chosen:
            self.delete_requested.emit(chosen)

    @Slot()
    def _edit_current(self) -> None:
        current = self.current_highlight()
        if current is not None:
            self.edit_requested.emit(current)

    @Slot()
    def _context_menu(self, pos: QPoint) -> None:
        if not self.view.indexAt(pos).isValid():
            return
        menu = QMenu(self)
        for action in (self.jump_action, self.focus_note_action, self.edit_note_action, self.copy_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.delete_action)
        menu.exec(self.view.viewport().mapToGlobal(pos))
