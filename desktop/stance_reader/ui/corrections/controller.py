"""The corrections controller: what each correction key, menu entry and context-menu item does, and how
the window comes to show the corrected analysis.

Owns :class:`CorrectionsFeature`. It

- sets the window's ``analysis_overlay`` (run on the lane when an article's analysis arrives): the model
  analysis is kept, and the article's stored corrections are applied to it before anything is drawn;
- turns a gesture on the mark under the cursor (or a selection) into one ``services.corrections``
  operation, run on the highlights' write lane (:class:`~stance_reader.ui.highlights.operations.OpRunner`)
  so it shares their exactly-once write and their undo stack: Ctrl+Z undoes the last action, highlight
  or correction;
- re-applies the corrections to the kept model analysis when a write's ``Changes`` name corrections of
  the article on screen, and shows the result (``window.show_corrected``): the reader, the sidebar's
  per-speaker profile and the counts follow.

The Correct menu, its keys, the details-pane buttons and the reader's context menu are built in
``menus.py``; every entry calls back into this feature.

GUI thread only, except :meth:`CorrectionsFeature._overlay` (lane thread; guarded by a lock).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt, Slot
from PySide6.QtWidgets import QDialog, QMenu

from stance_reader.core import Analysis, Article, CorrectionKind, Mark, MarkKind, StoredDocument
from stance_reader.services.corrections import (
    AddPassage,
    Applied,
    CorrectMark,
    RemoveCorrections,
    Revision,
    added_correction,
    corrected,
)
from stance_reader.services.highlights import Changes
from stance_reader.ui.corrections.dialogs import (
    AddPassageDialog,
    PassageDialog,
    SpeakerDialog,
    speaker_choices,
)
from stance_reader.ui.corrections.host import CorrectionsHost
from stance_reader.ui.corrections.menus import build_correct_menu, install_details_row, reader_context_menu
from stance_reader.ui.corrections.panel import CorrectionsPanel

if TYPE_CHECKING:
    from stance_reader.store import Store
    from stance_reader.ui.highlights.operations import ChangeHub, OpRunner


class CorrectionsFeature(QObject):
    """The glue between the reader, the corrections operations, the dock and the window."""

    def __init__(self, host: CorrectionsHost, ops: OpRunner, hub: ChangeHub) -> None:
        self._window = host.window()
        super().__init__(self._window)
        self.host, self.ops, self.hub = host, ops, hub
        self._lock = threading.Lock()
        self._raw: tuple[str, Analysis] | None = None  # content hash, the model's full analysis
        self._applied: tuple[str, Applied] | None = None
        self.last_dialog: QDialog | None = None
        self.last_menu: QMenu | None = None  # the open context menu, for tests and screenshots
        self.panel = CorrectionsPanel()
        self.dock = host.add_side_dock(self.panel, "Corrections")
        self.actions = build_correct_menu(host, self)
        self._install_context_menu()
        install_details_row(host, self.actions)
        host.analysis_overlay = self._overlay
        hub.changed.connect(self._changed)
        host.analysis_ready.connect(self._analysis_shown)
        host.document_changed.connect(lambda _doc: self.panel.set_corrections((), ()))
        self.panel.remove_requested.connect(self.remove)
        self.panel.jump_requested.connect(host.reader.jump_to)

    # --- construction -----------------------------------------------------------------------------

    def _install_context_menu(self) -> None:
        reader = self.host.reader
        reader.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        reader.customContextMenuRequested.connect(self._show_context_menu)

    # --- the corrected analysis -------------------------------------------------------------------

    def _overlay(
        self, store: Store | None, document: StoredDocument | None, article: Article, analysis: Analysis
    ) -> Analysis:
        """Lane thread: keep the model analysis, return it corrected (orphan flags and re-anchored
        positions written back here, on the lane, when they changed)."""
        with self._lock:
            self._raw, self._applied = (article.content_hash, analysis), None
        if document is None or store is None:
            return analysis
        applied = corrected(store, document, analysis)
        with self._lock:
            self._applied = (article.content_hash, applied)
        return applied.analysis

    def applied(self) -> Applied | None:
        """What the corrections did to the article on screen (None before its analysis arrived)."""
        article = self.host.session.article
        with self._lock:
            found = self._applied
        return (
            found[1]
            if found is not None and article is not None and found[0] == article.content_hash
            else None
        )

    @Slot(object)
    def _analysis_shown(self, _analysis: Analysis | None) -> None:
        applied = self.applied()
        if applied is not None:
            self.panel.set_corrections(applied.attached, applied.orphans)
            lost = len(applied.orphans)
            self.dock.setWindowTitle(f"Corrections ({applied.count}{f', {lost} orphaned' if lost else ''})")

    @Slot(object)
    def _changed(self, changes: Changes) -> None:
        if changes.correction_ids and changes.touches(self.host.session.document_id):
            self.reapply()

    def reapply(self) -> None:
        """Apply the stored corrections again to the kept model analysis and show the result."""
        session, store = self.host.session, self.host.store
        with self._lock:
            raw = self._raw
        if session.document is None or session.article is None or store is None or raw is None:
            return
        if raw[0] != session.article.content_hash:
            return
        try:
            applied = corrected(store, session.document, raw[1], write_back=False)
        except Exception as exc:  # a store error must leave the reader usable, with the reason shown
            self.host.show_error(f"Could not read this article's corrections: {exc}")
            return
        with self._lock:
            self._applied = (raw[0], applied)
        self.host.show_corrected(applied.analysis)

    # --- what the gestures act on -----------------------------------------------------------------

    def _status(self, message: str) -> None:
        self.host.show_status(message)

    def _why_not(self) -> str:
        session = self.host.session
        if self.host.store is None:
            return "No library database is open, so corrections cannot be kept."
        if session.article is None:
            return "Open an article first."
        if session.document is None or session.analysis is None:
            return "The article is still being analysed; correct it in a moment."
        return ""

    def current_mark(self) -> Mark | None:
        """The mark a gesture acts on: the one under the cursor, else the one in the details pane."""
        return self.host.reader.current_mark() or self.host.details.mark()

    def _mark_or_explain(self) -> Mark | None:
        reason = self._why_not()
        if reason:
            self._status(reason)
            return None
        mark = self.current_mark()
        if mark is None:
            self._status("Put the cursor in a hedge or commitment first (Alt+Down steps to the next one).")
        return mark

    def revise(self, mark: Mark, revision: Revision, done_message: str) -> int | None:
        """Run one correction of ``mark`` as one operation (one lane job, one undo step)."""
        session = self.host.session
        if session.document is None or session.article is None:
            return None
        op = CorrectMark(mark, revision, session.document.id, session.article.content_hash, session.text,
                         revision.label(mark))  # fmt: skip
        return self.ops.run(op, done=lambda _c: self._status(f"{done_message} Ctrl+Z undoes."))

    # --- the gestures -----------------------------------------------------------------------------

    @Slot()
    def reject(self) -> None:
        mark = self._mark_or_explain()
        if mark is not None:
            what = "commitment" if mark.kind is MarkKind.COMMITMENT else "hedge"
            self.revise(mark, Revision(kind=CorrectionKind.NONE), f"Marked as not a {what}.")

    @Slot()
    def toggle_kind(self) -> None:
        mark = self._mark_or_explain()
        if mark is not None:
            other = CorrectionKind.HEDGE if mark.kind is MarkKind.COMMITMENT else CorrectionKind.COMMITMENT
            self.set_kind(other, mark)

    def set_kind(self, kind: CorrectionKind, mark: Mark | None = None) -> None:
        mark = mark or self._mark_or_explain()
        if mark is not None:
            self.revise(
                mark, Revision(kind=kind), f"Changed to {'no mark' if kind is CorrectionKind.NONE else kind}."
            )

    @Slot()
    def change_speaker(self) -> None:
        mark = self._mark_or_explain()
        if mark is None:
            return
        text = self.host.session.text
        dialog = SpeakerDialog(text[mark.start : mark.end], speaker_choices(self.host.session.analysis),
                               mark.speaker, self.host.window())  # fmt: skip
        dialog.accepted.connect(lambda: self.set_speaker(mark, dialog.speaker()))
        self._show_dialog(dialog)

    def set_speaker(self, mark: Mark, speaker: str | None) -> None:
        who = speaker or "the article's own voice"
        self.revise(mark, Revision(speaker=speaker, set_speaker=True), f"Speaker set to {who}.")

    @Slot()
    def adjust_passage(self) -> None:
        """The selection becomes the passage of the mark it overlaps (select it with Shift+arrows);
        without a selection, a dialog moves the edges word by word."""
        reason = self._why_not()
        if reason:
            self._status(reason)
            return
        span = self.host.reader.selected_span()
        if span is not None:
            mark = self._mark_overlapping(*span)
            if mark is not None:
                self.set_passage(mark, *span)
                return
        mark = self._mark_or_explain()
        if mark is None:
            return
        dialog = PassageDialog(self.host.session.text, mark.start, mark.end, self.host.window())
        dialog.accepted.connect(lambda: self.set_passage(mark, *dialog.span()))
        self._show_dialog(dialog)

    def _mark_overlapping(self, start: int, end: int) -> Mark | None:
        analysis = self.host.session.analysis
        if analysis is None:
            return None
        overlap = [
            (min(m.end, end) - max(m.start, start), m)
            for m in analysis.marks
            if m.start < end and start < m.end
        ]
        return max(overlap, key=lambda om: om[0])[1] if overlap else None

    def set_passage(self, mark: Mark, start: int, end: int) -> None:
        if (start, end) != (mark.start, mark.end):
            self.revise(mark, Revision(passage=(start, end)), "Passage adjusted.")

    @Slot()
    def add_passage(self, kind: CorrectionKind = CorrectionKind.HEDGE) -> None:
        """A hedge, commitment or quote the model missed, over the selection, with its speaker."""
        reason = self._why_not()
        if reason:
            self._status(reason)
            return
        span = self.host.reader.selected_span()
        if span is None:
            self._status("Select the passage the model missed first, then press A.")
            return
        session = self.host.session
        inside = self._mark_overlapping(*span)
        dialog = AddPassageDialog(session.text[span[0] : span[1]], speaker_choices(session.analysis),
                                  inside.speaker if inside else None, kind, self.host.window())  # fmt: skip
        dialog.accepted.connect(lambda: self.add(span[0], span[1], dialog.kind(), dialog.speaker()))
        self._show_dialog(dialog)

    def add(self, start: int, end: int, kind: CorrectionKind, speaker: str | None) -> int | None:
        session = self.host.session
        if session.document is None or session.article is None:
            return None
        try:
            doc_id, content_hash = session.document.id, session.article.content_hash
            made = added_correction(session.text, doc_id, content_hash, start, end, kind, speaker)
        except ValueError as exc:
            self._status(f"Nothing to add: {exc}.")
            return None
        message = f"Added a {kind}{f' by {speaker}' if speaker else ''}. Ctrl+Z undoes."
        return self.ops.run(AddPassage(made, f"Add {kind}"), done=lambda _c: self._status(message))

    @Slot(tuple)
    def remove(self, ids: tuple[int, ...]) -> None:
        n = len(ids)
        message = f"Gave {n} mark{'s' if n != 1 else ''} back to the model. Ctrl+Z undoes."
        self.ops.run(RemoveCorrections(ids), done=lambda _c: self._status(message))

    @Slot()
    def focus_panel(self) -> None:
        self.dock.show()
        self.dock.raise_()
        self.panel.view.setFocus()
        if self.panel.view.count() and self.panel.view.currentRow() < 0:
            self.panel.view.setCurrentRow(0)

    def _show_dialog(self, dialog: QDialog) -> None:
        """Window-modal without a nested event loop (lane results keep arriving); deleted when closed."""
        self.last_dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    # --- the reader's context menu ----------------------------------------------------------------

    def context_menu(self, pos: QPoint) -> QMenu:
        """The reader's menu at viewport ``pos``: copy, then what can be corrected there (built by
        :func:`~stance_reader.ui.corrections.menus.reader_context_menu`)."""
        return reader_context_menu(self.host, self.actions, self, pos)

    @Slot(QPoint)
    def _show_context_menu(self, pos: QPoint) -> None:
        menu = self.context_menu(pos)
        menu.aboutToHide.connect(menu.deleteLater)
        self.last_menu = menu
        menu.popup(self.host.reader.viewport().mapToGlobal(pos))


__all__ = ["CorrectionsFeature"]
