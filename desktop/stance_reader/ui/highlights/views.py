"""The current article's saved highlights on screen: the Highlights dock and the reader's outlines.

Owns :class:`ArticleHighlights`, which keeps the panel and ``reader.set_saved_highlights`` in step with
the store: it re-reads when another article is shown (``document_changed``) and when a write's
:class:`Changes` touch the article or the tag vocabulary, and at no other time. Both are refreshed from
the same read, so the reader and the list never disagree. Reads are short indexed queries on the GUI
thread. GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QDockWidget

from stance_reader.core import Highlight, StoredDocument
from stance_reader.services.highlights import Changes
from stance_reader.ui.highlights.host import HighlightsHost
from stance_reader.ui.highlights.operations import ChangeHub
from stance_reader.ui.highlights_panel import HighlightsPanel


class ArticleHighlights(QObject):
    """The panel, its dock and the reader's saved-highlight outlines for the article on screen."""

    def __init__(self, host: HighlightsHost, hub: ChangeHub, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._host = host
        self.panel = HighlightsPanel()
        self.dock: QDockWidget = host.add_side_dock(self.panel, "Highlights")
        hub.changed.connect(self._changed)
        host.document_changed.connect(self._document_changed)

    def highlights(self) -> list[Highlight]:
        """As last read from the store."""
        return self.panel.highlights()

    def fresh(self, highlight: Highlight) -> Highlight:
        """The stored version (re-anchoring may have moved it since the caller's copy was read)."""
        return next((h for h in self.highlights() if h.id == highlight.id), highlight)

    @Slot(object)
    def _document_changed(self, _document: StoredDocument | None) -> None:
        self.reload()

    @Slot(object)
    def _changed(self, changes: Changes) -> None:
        if changes.touches(self._host.session.document_id):
            self._read_highlights()
        if changes.tags:
            self._read_tags()

    def reload(self) -> None:
        """Re-read both the article's highlights and the library's tags (a new article or store)."""
        self._read_highlights()
        self._read_tags()

    def _read_highlights(self) -> None:
        document, store = self._host.session.document, self._host.store
        try:
            highlights = list(store.highlights_for(document.id)) if document and store else []
        except Exception as exc:  # a store error must leave the reader usable, with the reason shown
            highlights = []
            self._host.show_error(f"Could not read this article's saved highlights: {exc}")
        self._show(document, highlights)

    def _read_tags(self) -> None:
        store = self._host.store
        try:
            self.panel.set_tag_choices(list(store.all_tags()) if store else [])
        except Exception as exc:  # completion is a convenience: say why it is missing, keep going
            self._host.show_error(f"Could not read the library's tags: {exc}")

    def _show(self, document: StoredDocument | None, highlights: list[Highlight]) -> None:
        self.panel.set_highlights(highlights)
        self._host.reader.set_saved_highlights(highlights)
        self.dock.setWindowTitle(f"Highlights ({len(highlights)})" if document else "Highlights")
        self.panel.setToolTip(document.article.display_title if document else "")


__all__ = ["ArticleHighlights"]
