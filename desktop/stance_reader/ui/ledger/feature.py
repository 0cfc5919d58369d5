"""The ledger window as the main window uses it: the action that opens it, merges and splits run on the
write lane with an undo history, and the way from a ledger entry to its passage in the reader.
GUI thread only; the writes themselves are ``services.speakers`` calls on the lane.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction

from stance_reader.core import StoredDocument
from stance_reader.core.ledger import LedgerEntry
from stance_reader.services.speakers import SpeakerHistory
from stance_reader.store import Store, StoreError
from stance_reader.ui.highlights.host import HighlightsHost

if TYPE_CHECKING:  # the window and the dossier writers load when first used, not at start-up (~20 ms)
    from stance_reader.ui.ledger.view import LedgerView

SHORTCUT = "Ctrl+Shift+K"


# The ledger needs a subset of what the highlights package needs from the window (the reader, the
# write lane, the store, the reading session, menus, messages): the same protocol serves both.
LedgerHost = HighlightsHost


def _write(store: Store, history: SpeakerHistory, what: str, args: tuple[object, ...], message: str) -> str:
    """One merge/split/undo/redo on the lane; returns what to tell the analyst."""
    if what == "merge":
        sources, target = args
        history.merge_many(store, list(sources), str(target))  # type: ignore[call-overload]
    elif what == "split":
        history.split(store, str(args[0]))
    elif what == "undo":
        record = history.undo(store)
        message = f"Undid {record.description}" if record else "Nothing to undo"
    elif what == "redo":
        record = history.redo(store)
        message = f"Redid {record.description.removeprefix('undo ')}" if record else "Nothing to redo"
    else:
        raise ValueError(f"unknown ledger change {what!r}")
    return message


class LedgerFeature(QObject):
    """Owns the one :class:`LedgerView` of a window (``view``, None until first shown)."""

    def __init__(self, host: LedgerHost) -> None:
        super().__init__(host.window())
        self.host = host
        self.view: LedgerView | None = None
        self.history = SpeakerHistory()
        self._pending: LedgerEntry | None = None
        self.action = QAction("Speaker &ledger…", host.window())
        self.action.setObjectName("speaker_ledger")
        self.action.setShortcut(SHORTCUT)
        self.action.setToolTip(f"Every speaker's quotes, hedges and commitments in the library ({SHORTCUT})")
        self.action.triggered.connect(lambda _checked=False: self.show())
        host.window().addAction(self.action)
        host.actions_by_name["speaker_ledger"] = self.action
        menu = host.menus.get("highlights") or host.menus["view"]
        menu.addAction(self.action)
        host.document_changed.connect(self._document_changed)
        host.analysis_ready.connect(lambda _analysis: self._refresh())

    @Slot()
    def show(self) -> LedgerView:
        view = self.view
        if view is None:
            from stance_reader.ui.ledger.view import LedgerView

            view = LedgerView(self.host.store, self.host.window())
            view.open_requested.connect(self.open_entry)
            view.write_requested.connect(self._run_write)
            view.dossier_requested.connect(self._export_dossier)
            self.view = view
        else:
            view.set_source(self.host.store)
        self._history_changed()
        view.show()
        view.raise_()
        view.activateWindow()
        view.speakers_table.setFocus()
        return view

    def _refresh(self) -> None:
        if self.view is not None and self.view.isVisible():
            self.view.set_source(self.host.store)

    # --- writes --------------------------------------------------------------------------------------

    @Slot(str, object, str)
    def _run_write(self, what: str, args: tuple[object, ...], message: str) -> None:
        store = self.host.store
        if store is None:
            self.host.show_error("No library database is open.")
            return
        self.host.lane.submit(
            _write, store, self.history, what, tuple(args), message,
            on_done=self._written, on_error=self._write_failed, label=f"ledger {what}",
        )  # fmt: skip

    def _written(self, message: str) -> None:
        self._history_changed()
        if self.view is not None:
            self.view.written(message)

    def _write_failed(self, error: BaseException) -> None:
        self.host.show_error(f"The speaker change was not saved: {error}")
        if self.view is not None:
            self.view.written("")

    def _history_changed(self) -> None:
        if self.view is not None:
            h = self.history
            self.view.set_history_state(h.can_undo(), h.can_redo(), h.undo_text())

    @Slot(str, object, object)
    def _export_dossier(self, speaker_key: str, filters: dict[str, object], path: Path) -> None:
        store = self.host.store
        if store is None:
            self.host.show_error("No library database is open.")
            return
        from stance_reader.services.dossier import write_dossier

        self.host.lane.submit(
            write_dossier, store, speaker_key, filters, path,
            on_done=self._dossier_written, on_error=self._dossier_failed, label="dossier",
        )  # fmt: skip

    def _dossier_written(self, message: str) -> None:
        if self.view is not None:
            self.view.status_label.setText(message)

    def _dossier_failed(self, error: BaseException) -> None:
        self.host.show_error(f"The dossier was not written: {error}")
        if self.view is not None:
            self.view.status_label.setText("The dossier was not written.")

    # --- jumping to a passage ------------------------------------------------------------------------

    @Slot(object)
    def open_entry(self, entry: LedgerEntry) -> None:
        """Show the entry's article in the main window (opening it if needed) and select the passage."""
        window = self.host.window()
        window.raise_()
        window.activateWindow()
        if self.host.session.document_id == entry.document_id:
            self.host.reader.jump_to(entry.start, entry.end)
            return
        store = self.host.store
        if store is None:
            return
        try:
            document = store.get_document(entry.document_id)
        except (StoreError, LookupError) as exc:
            self.host.show_error(f"The article of this entry is no longer in the library ({exc}).")
            return
        self._pending = entry
        self.host.open_stored_document(document)

    @Slot(object)
    def _document_changed(self, document: StoredDocument | None) -> None:
        pending = self._pending
        if pending is not None and document is not None and document.id == pending.document_id:
            self._pending = None
            self.host.reader.jump_to(pending.start, pending.end)
        self._refresh()


__all__ = ["LedgerFeature", "LedgerHost"]
