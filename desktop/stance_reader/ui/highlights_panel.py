"""The Highlights panel: the current article's saved highlights, editable in place.

Owns :class:`HighlightsModel` (a Qt item model over a list of ``Highlight``; Note and Tags editable),
:class:`HighlightsPanel` (the dock widget: count line, list, hint) and :func:`highlight_hue`, the colour
chip every highlight list in the window uses. The panel never touches the store: it emits
``jump_requested``, ``update_requested(old, new)`` and ``delete_requested(list)`` and the feature
(``ui/highlights``) runs them through the undo history on the lane. GUI thread only.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    QStringListModel,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QFontMetrics,
    QIcon,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from stance_reader.core import Highlight, HighlightKind
from stance_reader.core.palette import COMMITMENT_HUE, CUSTOM_HUE, HEDGE_HUE, SPEAKER_HUES
from stance_reader.ui.highlight_dialog import KIND_LABELS, format_tags, parse_tags, tag_editor
from stance_reader.ui.table_model import RowsTableModel

_KIND_HUES = {
    HighlightKind.HEDGE: HEDGE_HUE,
    HighlightKind.COMMITMENT: COMMITMENT_HUE,
    HighlightKind.CUSTOM: CUSTOM_HUE,
    HighlightKind.SPEAKER: SPEAKER_HUES[0],
}
# Letters inside the chip so kinds are told apart without colour (colour-blind and greyscale safe).
_KIND_LETTERS = {
    HighlightKind.HEDGE: "H",
    HighlightKind.COMMITMENT: "C",
    HighlightKind.SPEAKER: "S",
    HighlightKind.CUSTOM: "•",
}
HIGHLIGHT_ROLE = Qt.ItemDataRole.UserRole + 1
EXCERPT_CHARS = 160


def highlight_hue(highlight: Highlight) -> str:
    """The highlight's own colour, else its kind's default hue ("#rrggbb")."""
    return highlight.colour or _KIND_HUES.get(highlight.kind, CUSTOM_HUE)


_chip_cache: dict[tuple[str, str, bool], QIcon] = {}


def chip_icon(highlight: Highlight) -> QIcon:
    """A small rounded square in the highlight's colour with its kind letter; hollow when orphaned."""
    hue, letter = highlight_hue(highlight), _KIND_LETTERS.get(highlight.kind, "•")
    key = (hue, letter, highlight.orphaned)
    if key not in _chip_cache:
        pix = QPixmap(16, 16)
        pix.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pix)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = QColor(hue)
        painter.setPen(colour.darker(140))
        painter.setBrush(Qt.BrushStyle.NoBrush if highlight.orphaned else colour)
        painter.drawRoundedRect(1, 1, 14, 14, 3, 3)
        font = QFont()
        font.setPixelSize(10)
        font.setBold(True)
        painter.setFont(font)
        dark_text = colour.lightnessF() > 0.55 or highlight.orphaned
        painter.setPen(QColor("#1B1B1B") if dark_text else QColor("#FFFFFF"))
        painter.drawText(pix.rect(), Qt.AlignmentFlag.AlignCenter, letter)
        painter.end()
        _chip_cache[key] = QIcon(pix)
    return _chip_cache[key]


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """One line of the passage: whitespace collapsed, cut at a word with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[:limit].rsplit(" ", 1)[0] + "…"


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


def elide_lines(text: str, metrics: QFontMetrics, width: int, lines: int) -> list[str]:
    """``text`` wrapped to ``width`` pixels in at most ``lines`` lines, the last one elided with "…"."""
    out: list[str] = []
    start = 0
    while start < len(text) and len(out) < lines:
        if len(out) == lines - 1:
            out.append(metrics.elidedText(text[start:], Qt.TextElideMode.ElideRight, width))
            break
        # Greedy word wrap by measured width: the longest prefix of whole words that fits.
        end, best = start, start
        while end < len(text):
            nxt = text.find(" ", end + 1)
            nxt = len(text) if nxt < 0 else nxt
            if metrics.horizontalAdvance(text[start:nxt]) > width:
                break
            best = end = nxt
        if best == start:  # one word wider than the line: let elision cut it
            out.append(metrics.elidedText(text[start:], Qt.TextElideMode.ElideRight, width))
            break
        out.append(text[start:best])
        start = best + 1
    return out


_SHORT_KIND = {
    HighlightKind.HEDGE: "hedge",
    HighlightKind.COMMITMENT: "commitment",
    HighlightKind.SPEAKER: "quote",
    HighlightKind.CUSTOM: "highlight",
}


class HighlightCardDelegate(QStyledItemDelegate):
    """Paints a highlight as a compact card: chip + "speaker · kind", up to three lines of passage, then
    the note and #tags. Fits a narrow dock where table columns would cut the passage to a few letters.
    Rows are as tall as their content (``sizeHint`` lays the card out at the view's width)."""

    PAD = 5
    PASSAGE_LINES = 3
    CHIP = 22  # chip width + gap, in pixels

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view

    def _lines(self, h: Highlight, font: QFont, width: int) -> list[tuple[str, str]]:
        """(style, text) per painted line: "meta", "passage" (up to three), "note", "tags"."""
        kind = _SHORT_KIND.get(h.kind, str(h.kind))
        meta = f"{h.speaker} · {kind}" if h.speaker else kind.capitalize()
        lines = [("meta", ("⚠ ORPHANED · " if h.orphaned else "") + meta)]
        passage = f"“{' '.join(h.quote.split())}”"
        lines += [("passage", t) for t in elide_lines(passage, QFontMetrics(font), width, self.PASSAGE_LINES)]
        if h.note:
            lines.append(("note", f"✎ {' '.join(h.note.split())}"))
        if h.tags:
            lines.append(("tags", " ".join(f"#{t}" for t in h.tags)))
        return lines

    def _width(self) -> int:
        return max(120, self._view.viewport().width() - 2 * self.PAD - self.CHIP)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        h: Highlight | None = index.data(HIGHLIGHT_ROLE)
        if h is None:
            return super().sizeHint(option, index)
        n = len(self._lines(h, option.font, self._width()))
        return QSize(200, 2 * self.PAD + n * option.fontMetrics.lineSpacing() + 2)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        h: Highlight | None = index.data(HIGHLIGHT_ROLE)
        if h is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text, opt.icon = "", QIcon()
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)

        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        group = (
            QPalette.ColorGroup.Active
            if option.state & QStyle.StateFlag.State_Active
            else QPalette.ColorGroup.Inactive
        )
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        ink = option.palette.color(group, role)
        muted = QColor(ink)
        muted.setAlphaF(0.72)
        fonts = {style_name: QFont(option.font) for style_name in ("meta", "passage", "note", "tags")}
        fonts["meta"].setBold(True)
        fonts["passage"].setItalic(h.orphaned)
        fonts["note"].setItalic(True)

        painter.save()
        rect = option.rect.adjusted(self.PAD, self.PAD, -self.PAD, -self.PAD)
        chip_icon(h).paint(painter, QRect(rect.left(), rect.top() + 1, 16, 16))
        x, width, line = rect.left() + self.CHIP, rect.width() - self.CHIP, option.fontMetrics.lineSpacing()
        y = rect.top()
        for style_name, text in self._lines(h, option.font, width):
            font = fonts[style_name]
            painter.setFont(font)
            painter.setPen(muted if style_name == "tags" else ink)
            shown = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, width)
            painter.drawText(QRect(x, y, width, line), Qt.AlignmentFlag.AlignVCenter, shown)
            y += line
        painter.restore()


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
