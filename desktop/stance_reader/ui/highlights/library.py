"""The All-highlights window as the main window uses it: opened on demand, kept current, and the way
back from a highlight in it to its passage in the reader.

Owns :class:`LibraryLink`. The :class:`LibraryView` widget itself (search, filters, paging) lives in
``ui/library_view.py``; this module wires it to the window: it re-reads when a write's
:class:`Changes` say something changed or another article is shown (a re-import may have orphaned
highlights), and remembers which passage to select once a requested article is on screen.
GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction

from stance_reader.core import Highlight, StoredDocument
from stance_reader.services.highlights import Changes
from stance_reader.ui.highlights.host import HighlightsHost
from stance_reader.ui.highlights.operations import ChangeHub
from stance_reader.ui.library_view import LibraryView

Jump = Callable[[Highlight], None]


class LibraryLink(QObject):
    """Owns the one :class:`LibraryView` of a window (``view``, None until first shown)."""

    def __init__(
        self, host: HighlightsHost, hub: ChangeHub, jump: Jump, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._host, self._jump = host, jump
        self.view: LibraryView | None = None
        self._pending_jump: tuple[int, Highlight] | None = None
        hub.changed.connect(self._changed)
        host.document_changed.connect(self._document_changed)

    def show(self, shared_actions: Sequence[QAction]) -> LibraryView:
        """Show (creating on first use) and focus the search field. ``shared_actions`` (undo, redo,
        export) work in this window too: same actions, same history."""
        view = self.view
        if view is None:
            view = LibraryView(self._host.store, self._host.window())
            view.open_requested.connect(self.open_highlight)
            view.addActions(list(shared_actions))
            self.view = view
        else:
            view.set_store(self._host.store)
        view.show()
        view.raise_()
        view.activateWindow()
        view.search_edit.setFocus()
        return view

    def is_active(self) -> bool:
        return self.view is not None and self.view.isActiveWindow()

    def _refresh(self) -> None:
        if self.view is not None and self.view.isVisible():
            self.view.reload_choices()
            self.view.refresh()

    @Slot(object)
    def _changed(self, changes: Changes) -> None:
        if changes.changed:
            self._refresh()

    @Slot(object)
    def open_highlight(self, highlight: Highlight, document: StoredDocument) -> None:
        """Open the highlight's article in the main window (unless shown) and select the passage."""
        window = self._host.window()
        window.raise_()
        window.activateWindow()
        if self._host.session.document_id == document.id:
            self._jump(highlight)
            return
        self._pending_jump = (document.id, highlight)
        self._host.open_stored_document(document)

    @Slot(object)
    def _document_changed(self, document: StoredDocument | None) -> None:
        self._refresh()
        pending = self._pending_jump
        if pending is not None and document is not None and document.id == pending[0]:
            self._pending_jump = None
            self._jump(pending[1])


__all__ = ["LibraryLink"]
