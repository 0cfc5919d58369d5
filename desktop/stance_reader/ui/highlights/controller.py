"""The highlights controller: what each highlight key, menu entry and panel gesture does.

Owns :class:`HighlightsFeature`. It turns a user action into one ``services.highlights`` operation (built
from the window's :class:`ReadingSession` and the reader's selection), runs it on the lane through
:class:`OpRunner`, and on the result says what happened (status bar, selecting the new row). It never
refreshes a view itself: the panel, the reader and the library view re-read from the one
``hub.changed(Changes)`` signal. GUI thread only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, Slot
from PySide6.QtWidgets import QDialog

from stance_reader.core import Highlight, HighlightKind, Mark
from stance_reader.services.highlights import (
    Changes,
    DeleteHighlights,
    EditHighlight,
    HighlightHistory,
    Redo,
    SaveHighlight,
    SaveMarks,
    Undo,
    mark_candidate,
    selection_candidate,
    speakers_with_marks,
    unsaved_marks,
)
from stance_reader.ui.export_dialog import ExportDialog, ExportScope
from stance_reader.ui.highlight_dialog import BulkSaveDialog, HighlightDialog
from stance_reader.ui.highlights.actions import build_actions
from stance_reader.ui.highlights.clipboard import copy_rows
from stance_reader.ui.highlights.export import Exporter
from stance_reader.ui.highlights.host import HighlightsHost
from stance_reader.ui.highlights.library import LibraryLink
from stance_reader.ui.highlights.operations import ChangeHub, OpRunner
from stance_reader.ui.highlights.views import ArticleHighlights
from stance_reader.ui.highlights_panel import HighlightsPanel
from stance_reader.ui.library_view import LibraryView


class HighlightsFeature(QObject):
    """The glue between the reader, the highlight widgets, the operations and the window."""

    def __init__(self, host: HighlightsHost) -> None:
        # The window widget, kept: the close filter must compare without calling into a window that
        # Qt may be tearing down.
        self._window = host.window()
        super().__init__(self._window)
        self.host = host
        self.hub = ChangeHub(self)
        self.ops = OpRunner(host, self.hub, self)
        self.article = ArticleHighlights(host, self.hub, self)
        self.library = LibraryLink(host, self.hub, self.jump_to_highlight, self)
        self.exporter = Exporter(host)
        self.last_dialog: QDialog | None = None  # the open dialog, for tests and screenshots
        self.actions = build_actions(host, self)
        self._connect()
        self.article.reload()
        self._update_actions()

    def _connect(self) -> None:
        panel, host = self.panel, self.host
        panel.jump_requested.connect(self.jump_to_highlight)
        panel.update_requested.connect(self.update_highlight)
        panel.delete_requested.connect(self.delete_highlights)
        panel.edit_requested.connect(self.edit_highlight)
        panel.copy_requested.connect(self.copy_panel_selection)
        for signal in (host.document_changed, host.analysis_ready, self.hub.changed, self.hub.busy_changed):
            signal.connect(self._update_actions)
        host.save_mark_requested.connect(self.save_mark)
        self._window.installEventFilter(self)

    # --- plumbing -----------------------------------------------------------------------------------

    @property
    def panel(self) -> HighlightsPanel:
        return self.article.panel

    @property
    def library_view(self) -> LibraryView | None:
        return self.library.view

    @property
    def export_dialog(self) -> ExportDialog | None:
        return self.exporter.dialog

    @property
    def history(self) -> HighlightHistory | None:
        return self.ops.history

    def _status(self, message: str) -> None:
        self.host.show_status(message)

    @Slot()
    def _update_actions(self, *_args: object) -> None:
        self.actions.update(self.host, self.history, self.ops.busy())

    def flush_writes(self) -> int:
        """Run every highlight write still queued on the lane now (see :meth:`OpRunner.flush`)."""
        return self.ops.flush()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Sees the window's close before MainWindow.closeEvent shuts the lane down.
        if watched is self._window and event.type() == QEvent.Type.Close:
            self.flush_writes()
        return super().eventFilter(watched, event)

    def _show_dialog(self, dialog: QDialog) -> None:
        """Window-modal without a nested event loop (the lane's results keep arriving); deleted when
        closed."""
        self.last_dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    # --- saving -------------------------------------------------------------------------------------

    def _candidate(self) -> Highlight | None:
        """What "Save highlight" would save now: the text selection, else the mark under the cursor."""
        session, reader = self.host.session, self.host.reader
        span = reader.selected_span()
        if span is not None and span[1] > span[0]:
            return selection_candidate(session, *span)
        mark = reader.current_mark()
        return mark_candidate(session, mark) if mark is not None else None

    def _why_not(self) -> str:
        """Why nothing can be saved right now, or "" when saving is possible."""
        session = self.host.session
        if self.host.store is None:
            return "No library database is open, so highlights cannot be saved."
        if session.article is None:
            return "Open an article first."
        if session.document is None:
            return "The article is still being added to the library; save again in a moment."
        return ""

    def _candidate_or_explain(self, how: str) -> Highlight | None:
        """What a save key would save now, or None after telling the analyst why nothing can be."""
        reason = self._why_not()
        if reason:
            self._status(reason)
            return None
        candidate = self._candidate()
        if candidate is None:
            self._status(f"Select a passage, or put the cursor in a highlighted mark, then {how}.")
        return candidate

    @Slot()
    def save_current(self) -> None:
        """The one-key save (H): the selection or the mark under the cursor, kind and speaker inferred."""
        candidate = self._candidate_or_explain("press H to save it")
        if candidate is not None:
            self.save(candidate)

    @Slot(object)
    def save_mark(self, mark: Mark) -> None:
        """The reader's "save this mark" request (context menu, details pane)."""
        candidate = mark_candidate(self.host.session, mark) if self.host.store is not None else None
        if candidate is None:
            self._status("Open an article from the library before saving highlights.")
            return
        self.save(candidate)

    def save(self, candidate: Highlight) -> int | None:
        """Save ``candidate`` unless the store already holds that passage: one operation, one job."""
        return self.ops.run(SaveHighlight(candidate), done=self._saved)

    def _saved(self, changes: Changes) -> None:
        if changes.already_saved:
            self.panel.select_highlight(changes.already_saved[0])
            self._status("That passage is already saved.")
            return
        if changes.highlight_ids:
            self.panel.select_highlight(min(changes.highlight_ids))
        self._status("Highlight saved. Ctrl+Z undoes.")

    @Slot()
    def save_current_with_note(self) -> None:
        candidate = self._candidate_or_explain("press Ctrl+Shift+H")
        if candidate is None:
            return
        dialog = HighlightDialog(
            candidate.quote,
            kind=candidate.kind,
            speaker=candidate.speaker,
            all_tags=self._all_tags(),
            parent=self.host.window(),
        )
        dialog.accepted.connect(
            lambda: self.save(replace(candidate, note=dialog.note(), tags=dialog.tags(), kind=dialog.kind()))
        )
        self._show_dialog(dialog)

    def _all_tags(self) -> list[str]:
        store = self.host.store
        return list(store.all_tags()) if store is not None else []

    # --- bulk ---------------------------------------------------------------------------------------

    def unsaved_marks(self, speaker: str, kind: HighlightKind) -> list[Mark]:
        """The current article's marks of ``speaker`` and ``kind`` that the store does not hold yet."""
        session, store = self.host.session, self.host.store
        if session.analysis is None or session.document is None or store is None:
            return []
        return unsaved_marks(store, session.document.id, session.analysis, speaker, kind)

    @Slot()
    def bulk_save(self, speaker: str | None = None, kind: HighlightKind | None = None) -> None:
        """Save all hedges/commitments of a speaker: ask which, then save them as one undoable step."""
        session = self.host.session
        if session.analysis is None or session.document is None or self.history is None:
            self._status("Open and analyse an article first.")
            return
        speakers = speakers_with_marks(session.analysis)
        if not speakers:
            self._status("No speaker in this article has hedges or commitments to save.")
            return
        mark = self.host.reader.current_mark()
        dialog = BulkSaveDialog(
            speakers,
            lambda s, k: len(self.unsaved_marks(s, k)),
            speaker=speaker or (mark.speaker if mark is not None else None),
            kind=kind or HighlightKind.HEDGE,
            parent=self.host.window(),
        )
        dialog.accepted.connect(lambda: self.save_all(dialog.speaker(), dialog.kind()))
        self._show_dialog(dialog)

    def save_all(self, speaker: str, kind: HighlightKind) -> int:
        """Save every unsaved mark of ``speaker`` and ``kind``; returns how many were queued."""
        session, marks = self.host.session, self.unsaved_marks(speaker, kind)
        if session.document is None or not marks:
            return 0
        noun = "hedge" if kind is HighlightKind.HEDGE else "commitment"
        label = f"Save {len(marks)} {noun}s of {speaker}"
        op = SaveMarks(session.document.id, session.text, tuple(marks), label)

        def done(changes: Changes) -> None:
            self._status(f"Saved {len(changes.highlight_ids)} {noun}s of {speaker}. Ctrl+Z undoes.")

        self.ops.run(op, done=done)
        return len(marks)

    # --- editing, deleting, undo --------------------------------------------------------------------

    @Slot(object)
    def edit_highlight(self, highlight: Highlight) -> None:
        """Ctrl+Enter in the panel: note, tags and kind of a saved highlight in the dialog."""
        dialog = HighlightDialog(
            highlight.quote,
            kind=highlight.kind,
            speaker=highlight.speaker,
            note=highlight.note,
            tags=highlight.tags,
            all_tags=self._all_tags(),
            parent=self.host.window(),
        )
        dialog.setWindowTitle("Edit highlight")
        dialog.accepted.connect(
            lambda: self.update_highlight(
                highlight, replace(highlight, note=dialog.note(), tags=dialog.tags(), kind=dialog.kind())
            )
        )
        self._show_dialog(dialog)

    @Slot(object, object)
    def update_highlight(self, old: Highlight, new: Highlight) -> None:
        """Write an edit (note, tags, kind) made in the panel or the dialog, as one undo step."""
        if new != old:
            self.ops.run(EditHighlight(new), done=lambda _c: self._status("Highlight updated."))

    @Slot(list)
    def delete_highlights(self, highlights: Sequence[Highlight]) -> None:
        """Delete the chosen highlights as one undoable step."""
        ids = tuple(h.id for h in highlights if h.id is not None)
        if not ids:
            return
        n = len(ids)
        them = "them" if n > 1 else "it"
        message = f"Deleted {n} highlight{'s' if n != 1 else ''}. Ctrl+Z brings {them} back."
        self.ops.run(DeleteHighlights(ids), done=lambda _c: self._status(message))

    @Slot()
    def undo(self) -> None:
        history = self.history
        if history is not None and (self.ops.busy() or history.can_undo()):
            self.ops.run(Undo(), done=lambda _c: self._status("Undone."))

    @Slot()
    def redo(self) -> None:
        history = self.history
        if history is not None and (self.ops.busy() or history.can_redo()):
            self.ops.run(Redo(), done=lambda _c: self._status("Redone."))

    # --- navigation ---------------------------------------------------------------------------------

    @Slot()
    def focus_panel(self) -> None:
        """Keyboard route into the list (Ctrl+Shift+L): shows the dock if it was closed."""
        dock, panel = self.article.dock, self.panel
        dock.show()
        dock.raise_()
        panel.view.setFocus()
        if not panel.view.currentIndex().isValid() and panel.highlights():
            panel.select_highlight(panel.highlights()[0].id)

    @Slot(object)
    def jump_to_highlight(self, highlight: Highlight) -> None:
        """Select the highlight's passage in the reader, as the store now anchors it."""
        highlight = self.article.fresh(highlight)
        if highlight.orphaned:
            self._status(
                "This highlight is orphaned: its passage is not in the current version of the article."
            )
            return
        self.host.reader.jump_to(highlight.start, highlight.end)

    @Slot()
    def show_library(self) -> LibraryView:
        shared = (self.actions.undo, self.actions.redo, self.actions.export)
        fresh = self.library.view is None
        view = self.library.show(shared)
        if fresh:
            view.export_requested.connect(lambda: self.show_export_dialog(ExportScope.FILTER))
            view.copy_requested.connect(self.copy_library_selection)
            view.delete_requested.connect(self.delete_highlights)
        return view

    # --- copy and export ----------------------------------------------------------------------------

    @Slot()
    def copy_panel_selection(self) -> None:
        document = self.host.session.document
        chosen = self.panel.selected_highlights() or self.panel.highlights()
        if document is None or not chosen:
            self._status("No highlights to copy.")
            return
        self._status(copy_rows([(h, document) for h in chosen]))

    @Slot()
    def copy_library_selection(self) -> None:
        view = self.library.view
        if view is not None:
            rows = view.selected_rows()
            self._status(copy_rows(rows) if rows else "Select highlights in the list first.")

    def _selected_ids(self) -> tuple[int, ...]:
        """The export dialog's "selected" scope: the library's selection while it is the active
        window, else the panel's."""
        view = self.library.view
        if view is not None and self.library.is_active():
            chosen = view.selected_highlights()
        else:
            chosen = self.panel.selected_highlights()
        return tuple(h.id for h in chosen if h.id is not None)

    @Slot()
    def show_export_dialog(self, preferred: ExportScope | None = None) -> ExportDialog | None:
        return self.exporter.show_dialog(self._selected_ids(), self.library.view, preferred)


__all__ = ["HighlightsFeature"]
