"""Where the corrections are offered: the Correct menu and its keys, the details-pane buttons, and the
reader's context menu.

Owns ``ACTIONS`` (one row per correction action: object name, menu text, key, the feature's slot),
:func:`build_correct_menu` (the menu-bar "Correct" menu, window-wide shortcuts, registered in the host's
``actions_by_name``), :func:`install_details_row` (the mark actions as small buttons under the details
pane's explanation) and :func:`reader_context_menu` (copy, then what can be corrected at the clicked
place). Building only: every entry calls back into the feature (:class:`Gestures`), which decides what a
gesture does. GUI thread only.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QMenu, QToolButton, QWidget

from stance_reader.core import CorrectionKind, Mark
from stance_reader.ui.corrections.host import CorrectionsHost

# name, menu text, key, slot name (a no-argument method of the feature)
ACTIONS = (
    ("correct_reject", "&Not a hedge / not a commitment", "X", "reject"),
    ("correct_kind", "Change &kind (hedge ↔ commitment)", "K", "toggle_kind"),
    ("correct_speaker", "Change &speaker…", "S", "change_speaker"),
    ("correct_passage", "Adjust the &passage…", "P", "adjust_passage"),
    ("correct_add", "&Add a hedge, commitment or quote…", "A", "add_passage"),
    ("correct_list", "Go to the corrections &list", "Ctrl+Shift+K", "focus_panel"),
)


class Gestures(Protocol):
    """What the context menu's own entries call on the feature (the actions call ``ACTIONS``' slots)."""

    def set_kind(self, kind: CorrectionKind, mark: Mark | None = None) -> None: ...

    def add_passage(self, kind: CorrectionKind = ...) -> None: ...


def build_correct_menu(host: CorrectionsHost, feature: QObject) -> dict[str, QAction]:
    """The "Correct" menu before Help, one window-wide action per ``ACTIONS`` row triggering
    ``feature``'s slot of that name; returns the actions by object name."""
    window = host.window()
    menu = QMenu("Co&rrect", window)
    menu.setObjectName("menu_correct")
    help_menu = host.menus.get("help")
    bar = window.menuBar()  # type: ignore[attr-defined]
    if help_menu is not None:
        bar.insertMenu(help_menu.menuAction(), menu)
    else:
        bar.addMenu(menu)
    host.menus["correct"] = menu
    actions: dict[str, QAction] = {}
    for name, text, key, slot in ACTIONS:
        action = QAction(text, window)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(key))
        # Window-wide; a text field still gets its letters first (Qt's ShortcutOverride).
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        handler = getattr(feature, slot)
        action.triggered.connect(lambda _checked=False, fn=handler: fn())
        window.addAction(action)
        menu.addAction(action)
        host.actions_by_name[name] = action
        actions[name] = action
        if name == "correct_add":
            menu.addSeparator()
    return actions


def install_details_row(host: CorrectionsHost, actions: dict[str, QAction]) -> None:
    """The mark actions as small buttons under the details pane's explanation."""
    row = QWidget(host.details)
    row.setObjectName("details_corrections")
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    for name, label in (
        ("correct_reject", "Not this"),
        ("correct_kind", "Kind"),
        ("correct_speaker", "Speaker…"),
        ("correct_passage", "Passage…"),
    ):
        button = QToolButton(row)
        button.setObjectName(f"details_{name}")
        button.setDefaultAction(actions[name])
        button.setText(label)
        button.setToolTip(f"{actions[name].text().replace('&', '')} ({actions[name].shortcut().toString()})")
        layout.addWidget(button)
    layout.addStretch(1)
    host.details.add_row(row)


def reader_context_menu(
    host: CorrectionsHost, actions: dict[str, QAction], gestures: Gestures, pos: QPoint
) -> QMenu:
    """The reader's menu at viewport ``pos``: copy, then what can be corrected there. A right-click
    outside the selection moves the cursor there first, so the menu is about the clicked mark."""
    reader = host.reader
    cursor = reader.cursorForPosition(pos)
    selection = reader.textCursor()
    if not (
        selection.hasSelection()
        and selection.selectionStart() <= cursor.position() <= selection.selectionEnd()
    ):
        reader.setTextCursor(cursor)
    menu = reader.createStandardContextMenu(pos)
    menu.setObjectName("reader_context_menu")
    mark = reader.current_mark()
    if mark is not None:
        _mark_entries(menu, mark, host, actions, gestures)
    if reader.selected_span() is not None:
        _add_entries(menu, gestures)
    return menu


def _mark_entries(
    menu: QMenu, mark: Mark, host: CorrectionsHost, actions: dict[str, QAction], gestures: Gestures
) -> None:
    menu.addSeparator()
    save = menu.addAction("Save as &highlight")
    save.triggered.connect(lambda _c=False: host.save_mark_requested.emit(mark))
    menu.addAction(actions["correct_reject"])
    kinds = menu.addMenu("Change &kind")
    kinds.setObjectName("menu_change_kind")
    for kind, label in ((CorrectionKind.HEDGE, "&Hedge"), (CorrectionKind.COMMITMENT, "&Commitment"),
                        (CorrectionKind.NONE, "&None (not a mark)")):  # fmt: skip
        action = kinds.addAction(label)
        action.setObjectName(f"kind_{kind}")
        action.setEnabled(kind.mark_kind is not mark.kind)
        action.triggered.connect(lambda _c=False, k=kind: gestures.set_kind(k, mark))
    menu.addAction(actions["correct_speaker"])
    menu.addAction(actions["correct_passage"])


def _add_entries(menu: QMenu, gestures: Gestures) -> None:
    menu.addSeparator()
    for kind, label in (
        (CorrectionKind.HEDGE, "Add as &hedge…"),
        (CorrectionKind.COMMITMENT, "Add as c&ommitment…"),
        (CorrectionKind.QUOTE, "Add as &quote…"),
    ):
        action = menu.addAction(label)
        action.setObjectName(f"add_{kind}")
        action.triggered.connect(lambda _c=False, k=kind: gestures.add_passage(k))


__all__ = ["ACTIONS", "Gestures", "build_correct_menu", "install_details_row", "reader_context_menu"]
