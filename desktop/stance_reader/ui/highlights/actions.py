"""The highlight actions: menu entries, shortcuts, and when each is enabled.

Owns :class:`HighlightActions` (built once by :func:`build_actions`) and :class:`ActionSlots`, what the
actions call. Actions are window-wide (they work with the menu bar hidden) and registered in
``host.actions_by_name`` so tests and the shortcut table find them. GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from stance_reader.services.highlights import HighlightHistory, speakers_with_marks
from stance_reader.ui.highlights.host import HighlightsHost


class ActionSlots(Protocol):
    """What the highlight actions trigger (the controller)."""

    def save_current(self) -> None: ...
    def save_current_with_note(self) -> None: ...
    def bulk_save(self) -> None: ...
    def show_library(self) -> object: ...
    def copy_panel_selection(self) -> None: ...
    def focus_panel(self) -> None: ...
    def undo(self) -> None: ...
    def redo(self) -> None: ...
    def show_export_dialog(self) -> object: ...


@dataclass(frozen=True, slots=True)
class HighlightActions:
    save: QAction
    save_note: QAction
    bulk: QAction
    library: QAction
    copy: QAction
    focus: QAction
    undo: QAction
    redo: QAction
    export: QAction

    def update(self, host: HighlightsHost, history: HighlightHistory | None, busy: bool) -> None:
        """Enable what makes sense now; name the step Undo/Redo would take."""
        session, has_store = host.session, host.store is not None
        # Enabled with any article on screen, so pressing H without a library says why.
        for action in (self.save, self.save_note):
            action.setEnabled(session.article is not None)
        analysis = session.analysis
        has_speakers = analysis is not None and bool(speakers_with_marks(analysis))
        self.bulk.setEnabled(has_store and session.document is not None and has_speakers)
        # While writes are queued the lane is serial, so an undo pressed now runs after them: keep it on.
        self.undo.setEnabled(bool(history and (busy or history.can_undo())))
        self.redo.setEnabled(bool(history and (busy or history.can_redo())))
        undo_label = history.undo_label() if history else ""
        redo_label = history.redo_label() if history else ""
        self.undo.setText(f"&Undo {undo_label.lower()}" if undo_label else "&Undo")
        self.redo.setText(f"&Redo {redo_label.lower()}" if redo_label else "&Redo")
        self.library.setEnabled(has_store)


def _add(
    host: HighlightsHost, name: str, text: str, slot: Callable[[], object], shortcut: str | None = None
) -> QAction:
    window = host.window()
    action = QAction(text, window)
    action.setObjectName(name)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
        # Window-wide, but text fields still get their letters: Qt offers printable keys to an
        # editor first (ShortcutOverride), so "H" in a search box types an h.
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)
    host.actions_by_name[name] = action
    return action


def _reuse_or_add(
    host: HighlightsHost, name: str, text: str, shortcut: QKeySequence.StandardKey | str
) -> QAction:
    """The window's own Edit → Undo/Redo when it has them (one Ctrl+Z), else ours in Edit."""
    action = host.actions_by_name.get(name)
    if action is None:
        window = host.window()
        action = QAction(text, window)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(shortcut))
        window.addAction(action)
        host.menus["edit"].addAction(action)
        host.actions_by_name[name] = action
    return action


def _export_action(host: HighlightsHost, slots: ActionSlots) -> QAction:
    """File → Export…: the window's placeholder, connected and enabled, or ours."""
    export = host.actions_by_name.get("export")
    if export is None:
        export = _add(host, "export", "&Export…", slots.show_export_dialog, "Ctrl+E")
        host.menus["file"].addAction(export)
    else:
        export.triggered.connect(lambda _checked=False: slots.show_export_dialog())
        export.setEnabled(True)
    return export


def build_actions(host: HighlightsHost, slots: ActionSlots) -> HighlightActions:
    """Create the actions, put them in the Highlights, Go and Edit menus, connect them to ``slots``."""
    actions = HighlightActions(
        save=_add(host, "save_highlight", "&Save highlight", slots.save_current, "H"),
        save_note=_add(
            host,
            "save_highlight_note",
            "Save highlight with &note…",
            slots.save_current_with_note,
            "Ctrl+Shift+H",
        ),
        bulk=_add(host, "save_all_of_speaker", "Save &all hedges/commitments of…", slots.bulk_save),
        library=_add(host, "all_highlights", "All &highlights…", slots.show_library, "Ctrl+Shift+A"),
        copy=_add(host, "copy_highlights", "&Copy highlights", slots.copy_panel_selection),
        focus=_add(
            host, "focus_highlights", "Go to saved highlights &list", slots.focus_panel, "Ctrl+Shift+L"
        ),
        undo=_reuse_or_add(host, "undo", "&Undo highlight change", QKeySequence.StandardKey.Undo),
        redo=_reuse_or_add(host, "redo", "&Redo highlight change", "Ctrl+Shift+Z"),
        export=_export_action(host, slots),
    )
    actions.undo.triggered.connect(lambda _checked=False: slots.undo())
    actions.redo.triggered.connect(lambda _checked=False: slots.redo())
    host.menus["go"].addAction(actions.focus)
    menu = host.menus["highlights"]
    for action in (actions.save, actions.save_note, actions.bulk):
        menu.addAction(action)
    menu.addSeparator()
    for action in (actions.library, actions.copy, actions.focus):  # the dock's toggle is in View already
        menu.addAction(action)
    return actions


__all__ = ["ActionSlots", "HighlightActions", "build_actions"]
