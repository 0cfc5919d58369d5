"""The All-highlights window's table model: matching highlights across the library, paged in.

Owns :class:`LibraryModel`, which pages rows in from a ``fetch(offset, limit)`` callable (see
:func:`~stance_reader.ui.library_filter.page_fetcher`) with ``canFetchMore``/``fetchMore``, ``PAGE``
rows at a time, so 100,000 highlights open as fast as 200; and ``DOCUMENT_ROLE``, the role under which
a row's ``StoredDocument`` is handed out (its ``Highlight`` under ``HIGHLIGHT_ROLE``). GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from stance_reader.core import Highlight, StoredDocument
from stance_reader.ui.highlight_chips import HIGHLIGHT_ROLE, chip_icon, excerpt
from stance_reader.ui.highlight_dialog import KIND_LABELS, format_tags
from stance_reader.ui.library_filter import Row
from stance_reader.ui.table_model import RowsTableModel

PAGE = 200
DOCUMENT_ROLE = HIGHLIGHT_ROLE + 1


class LibraryModel(RowsTableModel):
    """Highlight rows across documents, paged in ``PAGE`` rows at a time as the view scrolls."""

    PASSAGE, SPEAKER, KIND, NOTE, TAGS, ARTICLE, OUTLET, DATE = range(8)
    HEADERS = ("Passage", "Speaker", "Kind", "Note", "Tags", "Article", "Outlet", "Date")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []
        self._fetch: Callable[[int, int], list[Row]] | None = None
        self._exhausted = True

    def set_source(self, fetch: Callable[[int, int], list[Row]] | None) -> None:
        """Start over with a new query: loads the first page at once."""
        self.beginResetModel()
        self._fetch = fetch
        self._rows = []
        self._exhausted = fetch is None
        self.endResetModel()
        if self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> bool:
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> None:
        if parent.isValid() or self._fetch is None or self._exhausted:
            return
        page = self._fetch(len(self._rows), PAGE)
        self._exhausted = len(page) < PAGE
        if page:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()

    @property
    def complete(self) -> bool:
        """True when every matching row is loaded (so ``rowCount`` is the total)."""
        return self._exhausted

    def row(self, row: int) -> Row:
        return self._rows[row]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        h, doc = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(h, doc, col)
        if role == HIGHLIGHT_ROLE:
            return h
        if role == DOCUMENT_ROLE:
            return doc
        if role == Qt.ItemDataRole.DecorationRole and col == self.PASSAGE:
            return chip_icon(h)
        if role == Qt.ItemDataRole.ToolTipRole and col in (self.PASSAGE, self.NOTE):
            tip = f"“{excerpt(h.quote, 600)}”" + (f"\n\nNote: {h.note}" if h.note else "")
            if h.orphaned:
                tip += "\n\nOrphaned: not found in the current version of the article; kept with its note."
            return tip
        if role == Qt.ItemDataRole.FontRole and h.orphaned and col == self.PASSAGE:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def _display(self, h: Highlight, doc: StoredDocument, col: int) -> str:
        article = doc.article
        values = {
            self.PASSAGE: ("⚠ orphaned — " if h.orphaned else "") + excerpt(h.quote, 200),
            self.SPEAKER: h.speaker or "",
            self.KIND: KIND_LABELS.get(h.kind, str(h.kind)),
            self.NOTE: excerpt(h.note, 120),
            self.TAGS: format_tags(h.tags),
            self.ARTICLE: article.display_title,
            self.OUTLET: article.outlet,
            self.DATE: article.date,
        }
        return values[col]
