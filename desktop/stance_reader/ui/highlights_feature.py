"""Saved highlights in the window: actions, the Highlights dock, the All-highlights view, export, copy.

Owns :func:`install_highlights` (called once by ``app.py`` after the main window is built) and
:class:`HighlightsFeature`, the controller that connects the window's reader to the store:

- every write (save, bulk save, edit, delete, undo, redo, export) runs on ``window.lane`` through one
  ``HighlightHistory``, so Ctrl+Z undoes any highlight action and each is persisted at once;
- reads of the current article's highlights are short indexed queries on the GUI thread, after which the
  panel and ``window.reader.set_saved_highlights`` are refreshed together, so the reader and the list
  never disagree.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QEvent, QMimeData, QObject, Qt, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QDialog, QMenu

from stance_reader.core import Analysis, Highlight, HighlightKind, Mark, MarkKind, StoredDocument
from stance_reader.services import exporting
from stance_reader.services.highlights import HighlightHistory, highlight_from_mark, highlight_from_selection
from stance_reader.ui.export_dialog import ExportDialog, ExportRequest, ExportScope
from stance_reader.ui.highlight_dialog import BulkSaveDialog, HighlightDialog
from stance_reader.ui.highlights_panel import HighlightsPanel
from stance_reader.ui.library_view import LibraryView

STATUS_MS = 6000
_MARK_TO_HIGHLIGHT = {MarkKind.HEDGE: HighlightKind.HEDGE, MarkKind.COMMITMENT: HighlightKind.COMMITMENT}


class _Write:
    """One queued store write that runs exactly once: on the lane, or on the GUI thread when the
    window closes before the lane reached it (whichever claims it first)."""

    def __init__(self, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
        self._fn, self._args = fn, args
        self._lock = threading.Lock()
        self._claimed = False

    def __call__(self) -> Any:  # lane thread
        with self._lock:
            if self._claimed:
                return None
            self._claimed = True
            return self._fn(*self._args)

    def run_if_unclaimed(self) -> int:
        """Run now unless the lane already ran (or is running) it; 1 if it ran here."""
        with self._lock:  # waits while the lane is in the middle of this very write
            if self._claimed:
                return 0
            self._claimed = True
            self._fn(*self._args)
            return 1


def install_highlights(window: Any) -> HighlightsFeature:
    """Add the Highlights dock, menu entries and shortcuts to ``window``; returns the controller (kept
    alive as ``window.highlights``)."""
    feature = HighlightsFeature(window)
    window.highlights = feature
    return feature


class HighlightsFeature(QObject):
    """The glue between the reader, the highlight widgets, the undo history and the store."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self._history: HighlightHistory | None = None
        self._history_store: object | None = None
        self._pending_jump: tuple[int, Highlight] | None = None
        self._busy = 0  # writes queued on the lane; undo/redo wait for them
        self._pending_writes: list[_Write] = []
        self.library_view: LibraryView | None = None

        self.panel = HighlightsPanel()
        self.dock = window.add_side_dock(self.panel, "Highlights")
        self.panel.jump_requested.connect(self.jump_to_highlight)
        self.panel.update_requested.connect(self._panel_edited)
        self.panel.delete_requested.connect(self.delete_highlights)
        self.panel.edit_requested.connect(self.edit_highlight)
        self.panel.copy_requested.connect(self.copy_panel_selection)

        self._build_actions()
        window.document_changed.connect(self._document_changed)
        window.analysis_ready.connect(self._analysis_ready)
        window.save_mark_requested.connect(self.save_mark)
        window.installEventFilter(self)
        self.reload()

    # --- plumbing -----------------------------------------------------------------------------------

    @property
    def store(self) -> Any:
        return self.window.store

    @property
    def history(self) -> HighlightHistory | None:
        """One history per store (the window may switch databases); created on first use."""
        store = self.store
        if store is None:
            return None
        if self._history is None or self._history_store is not store:
            self._history, self._history_store = HighlightHistory(store), store
        return self._history

    def _status(self, message: str) -> None:
        self.window.statusBar().showMessage(message, STATUS_MS)

    def _write(self, fn: Callable[..., Any], *args: Any, done: Callable[[Any], None] | None = None) -> int:
        """Run a store write on the lane; reload the panel and reader afterwards, report failures."""
        self._busy += 1
        self._update_actions()

        write = _Write(fn, args)
        self._pending_writes.append(write)

        def finished(result: Any) -> None:
            self._settle(write)
            if done is not None:
                done(result)

        def failed(error: Any) -> None:
            self._settle(write)
            self.window.show_error(f"Could not save the change to your highlights: {error}")

        return int(self.window.lane.submit(write, on_done=finished, on_error=failed, label=fn.__name__))

    def _settle(self, write: _Write) -> None:
        self._busy -= 1
        if write in self._pending_writes:
            self._pending_writes.remove(write)
        self.reload()

    def flush_writes(self) -> int:
        """Run, on this thread, every highlight write still queued behind other lane work (a long
        analysis); returns how many. Called when the window closes: the lane's shutdown skips queued
        jobs, and an analyst's save must never be lost to that."""
        ran = 0
        for write in list(self._pending_writes):
            try:
                ran += write.run_if_unclaimed()
            except Exception as exc:  # the window is closing: report, keep flushing the rest
                print(f"stance-reader: saving a highlight change failed on close: {exc}", file=sys.stderr)
        self._pending_writes.clear()
        return ran

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Sees the window's close before MainWindow.closeEvent shuts the lane down.
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.flush_writes()
        return super().eventFilter(watched, event)

    def _document(self) -> StoredDocument | None:
        return self.window.current_document

    def _text(self) -> str:
        article = self.window.current_article
        if article is not None:
            return str(article.text)
        doc = self._document()
        return doc.article.text if doc is not None else ""

    # --- actions and menus --------------------------------------------------------------------------

    def _action(
        self, name: str, text: str, slot: Callable[[], Any], shortcut: str | QKeySequence | None = None
    ) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            # Window-wide, but text fields still get their letters: Qt offers printable keys to an
            # editor first (ShortcutOverride), so "H" in a search box types an h.
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)
        self.window.actions_by_name[name] = action
        return action

    def _build_actions(self) -> None:
        menu: QMenu = self.window.menus["highlights"]
        self.save_action = self._action("save_highlight", "&Save highlight", self.save_current, "H")
        self.save_note_action = self._action(
            "save_highlight_note", "Save highlight with &note…", self.save_current_with_note, "Ctrl+Shift+H"
        )
        self.bulk_action = self._action(
            "save_all_of_speaker", "Save &all hedges/commitments of…", self.bulk_save
        )
        self.library_action = self._action(
            "all_highlights", "All &highlights…", self.show_library, "Ctrl+Shift+A"
        )
        self.copy_action = self._action("copy_highlights", "&Copy highlights", self.copy_panel_selection)
        self.focus_action = self._action(
            "focus_highlights", "Go to saved highlights &list", self.focus_panel, "Ctrl+Shift+L"
        )
        self.window.menus["go"].addAction(self.focus_action)
        for action in (self.save_action, self.save_note_action, self.bulk_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.library_action)
        menu.addAction(self.copy_action)
        menu.addAction(self.focus_action)  # the dock's show/hide toggle is in View already

        self.undo_action = self._reuse_or_add("undo", "&Undo highlight change", QKeySequence.StandardKey.Undo)
        self.redo_action = self._reuse_or_add("redo", "&Redo highlight change", "Ctrl+Shift+Z")
        self.undo_action.triggered.connect(self.undo)
        self.redo_action.triggered.connect(self.redo)
        export = self.window.actions_by_name.get("export")
        if export is None:
            export = self._action("export", "&Export…", self.show_export_dialog, "Ctrl+E")
            self.window.menus["file"].addAction(export)
        else:
            export.triggered.connect(lambda _checked=False: self.show_export_dialog())
            export.setEnabled(True)
        self.export_action = export

    def _reuse_or_add(self, name: str, text: str, shortcut: QKeySequence.StandardKey | str) -> QAction:
        """The window's own Edit → Undo/Redo when it has them (one Ctrl+Z), else ours in Edit."""
        action = self.window.actions_by_name.get(name)
        if action is None:
            action = QAction(text, self.window)
            action.setObjectName(name)
            action.setShortcut(QKeySequence(shortcut))
            self.window.addAction(action)
            self.window.menus["edit"].addAction(action)
            self.window.actions_by_name[name] = action
        return action

    def _update_actions(self) -> None:
        history, has_doc = self.history, self._document() is not None and self.store is not None
        # Enabled with any article on screen, so pressing H without a library says why (``_why_not``).
        for action in (self.save_action, self.save_note_action):
            action.setEnabled(self.window.current_article is not None)
        analysis = self.window.current_analysis
        self.bulk_action.setEnabled(has_doc and analysis is not None and bool(self._speakers(analysis)))
        # While writes are queued the lane is serial, so an undo pressed now runs after them: keep it on.
        busy = self._busy > 0
        self.undo_action.setEnabled(bool(history and (busy or history.can_undo())))
        self.redo_action.setEnabled(bool(history and (busy or history.can_redo())))
        undo_label = history.undo_label() if history else ""
        redo_label = history.redo_label() if history else ""
        self.undo_action.setText(f"&Undo {undo_label.lower()}" if undo_label else "&Undo")
        self.redo_action.setText(f"&Redo {redo_label.lower()}" if redo_label else "&Redo")
        self.library_action.setEnabled(self.store is not None)

    # --- reading ------------------------------------------------------------------------------------

    @Slot()
    def reload(self) -> None:
        """Re-read the current article's highlights; refresh panel, reader and an open library view."""
        doc, store = self._document(), self.store
        try:
            highlights: list[Highlight] = list(store.highlights_for(doc.id)) if doc and store else []
            self.panel.set_tag_choices(list(store.all_tags()) if store else [])
        except Exception as exc:  # a store error must leave the reader usable, with the reason shown
            highlights = []
            self.window.show_error(f"Could not read this article's saved highlights: {exc}")
        self.panel.set_highlights(highlights)
        self.window.reader.set_saved_highlights(highlights)
        title = doc.article.display_title if doc else ""
        self.dock.setWindowTitle(f"Highlights ({len(highlights)})" if doc else "Highlights")
        self.panel.setToolTip(title)
        if self.library_view is not None and self.library_view.isVisible():
            self.library_view.reload_choices()
            self.library_view.refresh()
        self._update_actions()

    @Slot()
    def _document_changed(self, *_args: Any) -> None:
        self.reload()
        doc = self._document()
        if self._pending_jump and doc is not None and doc.id == self._pending_jump[0]:
            _doc_id, highlight = self._pending_jump
            self._pending_jump = None
            self.jump_to_highlight(self._fresh(highlight))

    @Slot()
    def _analysis_ready(self, *_args: Any) -> None:
        self._update_actions()

    def _fresh(self, highlight: Highlight) -> Highlight:
        """The stored version (re-anchoring may have moved it since the caller's copy was read)."""
        current = next((h for h in self.panel.highlights() if h.id == highlight.id), None)
        return current or highlight

    # --- saving -------------------------------------------------------------------------------------

    def _candidate(self) -> Highlight | None:
        """What "Save highlight" would save now: the text selection, else the mark under the cursor."""
        doc, text = self._document(), self._text()
        if doc is None or not text:
            return None
        span = self.window.reader.selected_span()
        if span is not None and span[1] > span[0]:
            start, end = span
            kind, speaker = self._infer_kind(start, end)
            try:
                made = highlight_from_selection(text, doc.id, start, end, kind, "", ())
            except ValueError:  # only whitespace selected
                return None
            return replace(made, speaker=speaker) if speaker and not made.speaker else made
        mark = self.window.reader.current_mark()
        if mark is not None:
            return highlight_from_mark(text, doc.id, mark)
        return None

    def _infer_kind(self, start: int, end: int) -> tuple[HighlightKind, str | None]:
        """A selection inside a mark takes the mark's kind and speaker; inside a quote, the speaker's."""
        analysis: Analysis | None = self.window.current_analysis
        if analysis is None:
            return HighlightKind.CUSTOM, None
        inside = [m for m in analysis.marks if m.start <= start and end <= m.end]
        if inside:
            mark = min(inside, key=lambda m: m.end - m.start)
            return _MARK_TO_HIGHLIGHT.get(mark.kind, HighlightKind.CUSTOM), mark.speaker
        for quote in analysis.quotes:
            if quote.speaker_entity and any(s <= start and end <= e for s, e in quote.content):
                return HighlightKind.SPEAKER, quote.speaker_entity
        return HighlightKind.CUSTOM, None

    def _existing(self, candidate: Highlight) -> Highlight | None:
        return next(
            (
                h
                for h in self.panel.highlights()
                if (h.start, h.end, h.kind) == (candidate.start, candidate.end, candidate.kind)
                and not h.orphaned
            ),
            None,
        )

    def _why_not(self) -> str:
        """Why nothing can be saved right now, or "" when saving is possible."""
        if self.store is None:
            return "No library database is open, so highlights cannot be saved."
        if self.window.current_article is None:
            return "Open an article first."
        if self._document() is None:
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
            self._add(candidate)

    @Slot(object)
    def save_mark(self, mark: Mark) -> None:
        """The reader's "save this mark" request (context menu, sidebar)."""
        doc = self._document()
        if doc is None or self.history is None:
            self._status("Open an article from the library before saving highlights.")
            return
        self._add(highlight_from_mark(self._text(), doc.id, mark))

    def _add(self, candidate: Highlight) -> None:
        existing = self._existing(candidate)
        if existing is not None:
            self.panel.select_highlight(existing.id)
            self._status("That passage is already saved.")
            return
        history = self.history
        if history is None:
            self.window.show_error("No library database is open, so highlights cannot be saved.")
            return
        self._write(history.add, candidate, done=self._saved)

    def _saved(self, result: Any) -> None:
        saved = result if isinstance(result, Highlight) else None
        if saved is not None:
            self.panel.select_highlight(saved.id)
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
            parent=self.window,
        )
        dialog.accepted.connect(
            lambda: self._add(replace(candidate, note=dialog.note(), tags=dialog.tags(), kind=dialog.kind()))
        )
        self._show_dialog(dialog)

    def _show_dialog(self, dialog: QDialog) -> None:
        """Window-modal without a nested event loop (the lane's results keep arriving); deleted when
        closed. ``last_dialog`` lets tests and screenshots reach the open dialog."""
        self.last_dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

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
            parent=self.window,
        )
        dialog.setWindowTitle("Edit highlight")
        dialog.accepted.connect(
            lambda: self.update_highlight(
                highlight, replace(highlight, note=dialog.note(), tags=dialog.tags(), kind=dialog.kind())
            )
        )
        self._show_dialog(dialog)

    def _all_tags(self) -> list[str]:
        return list(self.store.all_tags()) if self.store is not None else []

    # --- bulk ---------------------------------------------------------------------------------------

    @staticmethod
    def _speakers(analysis: Analysis) -> list[str]:
        """Speakers that own at least one hedge or commitment, in order of appearance."""
        with_marks = {m.speaker for m in analysis.marks if m.speaker}
        ordered = [s for s in analysis.speakers() if s in with_marks]
        return ordered + sorted(with_marks.difference(ordered))

    def _unsaved_marks(self, speaker: str, kind: HighlightKind) -> list[Mark]:
        analysis: Analysis | None = self.window.current_analysis
        if analysis is None:
            return []
        saved = {(h.start, h.end, h.kind) for h in self.panel.highlights()}
        return [
            m
            for m in analysis.marks
            if m.speaker == speaker
            and _MARK_TO_HIGHLIGHT.get(m.kind) is kind
            and (m.start, m.end, kind) not in saved
        ]

    @Slot()
    def bulk_save(self, speaker: str | None = None, kind: HighlightKind | None = None) -> None:
        """Save all hedges/commitments of a speaker: ask which, then save them as one undoable step."""
        analysis, doc, history = self.window.current_analysis, self._document(), self.history
        if analysis is None or doc is None or history is None:
            self._status("Open and analyse an article first.")
            return
        speakers = self._speakers(analysis)
        if not speakers:
            self._status("No speaker in this article has hedges or commitments to save.")
            return
        mark = self.window.reader.current_mark()
        dialog = BulkSaveDialog(
            speakers,
            lambda s, k: len(self._unsaved_marks(s, k)),
            speaker=speaker or (mark.speaker if mark is not None else None),
            kind=kind or HighlightKind.HEDGE,
            parent=self.window,
        )
        dialog.accepted.connect(lambda: self.save_all(dialog.speaker(), dialog.kind()))
        self._show_dialog(dialog)

    def save_all(self, speaker: str, kind: HighlightKind) -> int:
        """Save every unsaved mark of ``speaker`` and ``kind``; returns how many were queued."""
        doc, history, text = self._document(), self.history, self._text()
        marks = self._unsaved_marks(speaker, kind)
        if doc is None or history is None or not marks:
            return 0
        batch = [highlight_from_mark(text, doc.id, m) for m in marks]
        noun = "hedge" if kind is HighlightKind.HEDGE else "commitment"
        self._write(
            history.add_many,
            batch,
            f"Save {len(batch)} {noun}s of {speaker}",
            done=lambda _r: self._status(f"Saved {len(batch)} {noun}s of {speaker}. Ctrl+Z undoes."),
        )
        return len(batch)

    # --- editing, deleting, undo --------------------------------------------------------------------

    def update_highlight(self, old: Highlight, new: Highlight) -> None:
        history = self.history
        if history is not None and new != old:
            self._write(history.update, new, done=lambda _r: self._status("Highlight updated."))

    @Slot(object, object)
    def _panel_edited(self, old: Highlight, new: Highlight) -> None:
        self.update_highlight(old, new)

    @Slot(list)
    def delete_highlights(self, highlights: Sequence[Highlight]) -> None:
        """Delete the chosen highlights as one undoable step."""
        history = self.history
        if history is None or not highlights:
            return
        n = len(highlights)
        them = "them" if n > 1 else "it"
        self._write(
            history.delete_many,
            list(highlights),
            done=lambda _r: self._status(
                f"Deleted {n} highlight{'s' if n != 1 else ''}. Ctrl+Z brings {them} back."
            ),
        )

    @Slot()
    def undo(self) -> None:
        history = self.history
        if history is not None and (self._busy > 0 or history.can_undo()):
            self._write(history.undo, done=lambda _r: self._status("Undone."))

    @Slot()
    def redo(self) -> None:
        history = self.history
        if history is not None and (self._busy > 0 or history.can_redo()):
            self._write(history.redo, done=lambda _r: self._status("Redone."))

    # --- navigation ---------------------------------------------------------------------------------

    @Slot()
    def focus_panel(self) -> None:
        """Keyboard route into the list (Ctrl+Shift+L): shows the dock if it was closed."""
        self.dock.show()
        self.dock.raise_()
        self.panel.view.setFocus()
        if not self.panel.view.currentIndex().isValid() and self.panel.highlights():
            self.panel.select_highlight(self.panel.highlights()[0].id)

    @Slot(object)
    def jump_to_highlight(self, highlight: Highlight) -> None:
        if highlight.orphaned:
            self._status(
                "This highlight is orphaned: its passage is not in the current version of the article."
            )
            return
        self.window.reader.jump_to(highlight.start, highlight.end)

    @Slot()
    def show_library(self) -> LibraryView:
        if self.library_view is None:
            view = LibraryView(self.store, self.window)
            view.open_requested.connect(self.open_from_library)
            view.export_requested.connect(lambda: self.show_export_dialog(ExportScope.FILTER))
            view.copy_requested.connect(self.copy_library_selection)
            view.delete_requested.connect(self.delete_highlights)
            # Ctrl+Z / Ctrl+Shift+Z / Ctrl+E work in this window too (same actions, same history).
            view.addActions([self.undo_action, self.redo_action, self.export_action])
            self.library_view = view
        else:
            self.library_view.set_store(self.store)
        self.library_view.show()
        self.library_view.raise_()
        self.library_view.activateWindow()
        self.library_view.search_edit.setFocus()
        return self.library_view

    @Slot(object, object)
    def open_from_library(self, highlight: Highlight, document: StoredDocument) -> None:
        """Open the highlight's article in the main window and scroll to the passage."""
        current = self._document()
        self.window.raise_()
        self.window.activateWindow()
        if current is not None and current.id == document.id:
            self.jump_to_highlight(self._fresh(highlight))
            return
        self._pending_jump = (document.id, highlight)
        self.window.open_stored_document(document)

    # --- copy and export ----------------------------------------------------------------------------

    @Slot()
    def copy_panel_selection(self) -> None:
        doc = self._document()
        chosen = self.panel.selected_highlights() or self.panel.highlights()
        if doc is None or not chosen:
            self._status("No highlights to copy.")
            return
        self.copy_rows([(h, doc) for h in chosen])

    @Slot()
    def copy_library_selection(self) -> None:
        if self.library_view is not None:
            rows = self.library_view.selected_rows()
            if rows:
                self.copy_rows(rows)
            else:
                self._status("Select highlights in the list first.")

    def copy_rows(self, rows: Sequence[tuple[Highlight, StoredDocument]]) -> None:
        """Clipboard: HTML (pastes as formatted quotes in Word/Docs) + Markdown as the plain text."""
        mime = QMimeData()
        mime.setHtml(exporting.clipboard_html(rows))
        markdown = exporting.clipboard_markdown(rows)
        mime.setText(markdown)
        mime.setData("text/markdown", markdown.encode("utf-8"))
        QGuiApplication.clipboard().setMimeData(mime)
        n = len(rows)
        self._status(f"Copied {n} highlight{'s' if n != 1 else ''} (rich text and Markdown).")

    def _selected_ids(self) -> tuple[int, ...]:
        view = self.library_view
        if view is not None and view.isActiveWindow():
            chosen = view.selected_highlights()
        else:
            chosen = self.panel.selected_highlights()
        return tuple(h.id for h in chosen if h.id is not None)

    @Slot()
    def show_export_dialog(self, preferred: ExportScope | None = None) -> ExportDialog | None:
        if self.store is None:
            self.window.show_error("No library database is open, so there is nothing to export.")
            return None
        doc = self._document()
        view = self.library_view
        dialog = ExportDialog(
            document_id=doc.id if doc else None,
            document_title=doc.article.display_title if doc else "",
            selected_ids=self._selected_ids(),
            library_filter=view.current_filter() if view is not None else None,
            preferred_scope=preferred,
            parent=view if preferred is ExportScope.FILTER and view is not None else self.window,
        )
        self.export_dialog = dialog
        dialog.accepted.connect(lambda: self.export(dialog.request()))
        dialog.open()  # window-modal without a nested loop, so tests and the lane keep running
        return dialog

    def export(self, request: ExportRequest) -> int:
        """Write the export on the lane; say where it went (or why it failed) in the status bar."""
        store = self.store

        def done(count: Any) -> None:
            self._status(f"Exported {count} passages to {request.out}")

        def failed(error: Any) -> None:
            self.window.show_error(f"Export to {request.out} failed: {error}")

        return int(self.window.lane.submit(run_export, store, request, on_done=done, on_error=failed))


def run_export(store: Any, request: ExportRequest) -> int:
    """Lane side of File → Export…: the request's scope mapped onto ``services.exporting``."""
    flt = request.filter
    return int(
        exporting.export_highlights(
            store,
            request.fmt,
            out=request.out,
            include_automatic=request.include_automatic,
            document_id=request.document_id,
            highlight_ids=request.highlight_ids or None,
            query=flt.query,
            **{k: v for k, v in flt.search_kwargs().items() if k != "document_id"},
        )
    )


__all__ = ["HighlightsFeature", "install_highlights", "run_export"]
