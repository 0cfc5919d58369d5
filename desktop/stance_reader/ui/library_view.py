"""The "All highlights" window: every saved highlight in the library, searchable and filterable.

Owns :class:`HighlightFilter` (the search + filters, also the export scope "everything matching the
filter"), :class:`LibraryModel` (a Qt table model that pages rows in from the store with
``canFetchMore``/``fetchMore``, so 100,000 highlights open as fast as 200) and :class:`LibraryView`.
Searches are short indexed reads (FTS5, LIMIT) and run on the GUI thread, debounced while typing.
Double-click or Enter emits ``open_requested(highlight, document)``; the feature opens the article.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from PySide6.QtCore import (
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from stance_reader.core import Highlight, StoredDocument
from stance_reader.ui.highlight_chips import HIGHLIGHT_ROLE, chip_icon, excerpt
from stance_reader.ui.highlight_dialog import KIND_LABELS, format_tags
from stance_reader.ui.table_model import RowsTableModel

Row = tuple[Highlight, StoredDocument]
PAGE = 200
DOCUMENT_ROLE = HIGHLIGHT_ROLE + 1


class SearchableStore(Protocol):
    def search_highlights(
        self, query: str = "", *, limit: int | None = None, offset: int = 0, **filters: Any
    ) -> list[Row]: ...
    def count_highlights(self, query: str = "", **filters: Any) -> int: ...
    def all_tags(self) -> list[str]: ...
    def all_speakers(self) -> list[str]: ...
    def all_outlets(self) -> list[str]: ...


@dataclass(frozen=True)
class HighlightFilter:
    """What the All-highlights view shows; maps one-to-one onto ``Store.search_highlights``."""

    query: str = ""
    kinds: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    outlet: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    document_id: int | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def search_kwargs(self) -> dict[str, Any]:
        return {
            "kinds": self.kinds,
            "speakers": self.speakers,
            "tags": self.tags,
            "outlet": self.outlet,
            "date_from": self.date_from,
            "date_to": self.date_to,
            "document_id": self.document_id,
        }

    def describe(self) -> str:
        parts = [f"“{self.query}”"] if self.query else []
        parts += list(self.kinds) + list(self.speakers) + [f"#{t}" for t in self.tags]
        if self.outlet:
            parts.append(self.outlet)
        if self.date_from or self.date_to:
            parts.append(f"{self.date_from or '…'} – {self.date_to or '…'}")
        return ", ".join(parts) or "everything"


def page_fetcher(store: SearchableStore, flt: HighlightFilter) -> Callable[[int, int], list[Row]]:
    """``fetch(offset, limit)`` over the store: one indexed query per page."""

    def fetch(offset: int, limit: int) -> list[Row]:
        return list(store.search_highlights(flt.query, limit=limit, offset=offset, **flt.search_kwargs()))

    return fetch


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


def date_edit(name: str) -> QDateEdit:
    """A date picker whose minimum means "no bound", shown as "any"."""
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(QDate(1900, 1, 1))
    edit.setSpecialValueText("any")
    edit.setDate(edit.minimumDate())
    edit.setAccessibleName(name)
    return edit


class LibraryView(QWidget):
    """A top-level window over the whole library: search box, filters, paged table, status line."""

    open_requested = Signal(object, object)  # Highlight, StoredDocument
    export_requested = Signal()
    copy_requested = Signal()
    delete_requested = Signal(list)  # list[Highlight]
    filter_changed = Signal()

    def __init__(self, store: SearchableStore | None, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("library_view")
        self.setWindowTitle("All highlights — Stance Reader")
        self.setAccessibleName("All highlights")
        self.resize(1280, 680)
        self._store = store
        self._total: int | None = None
        self._counted_filter: HighlightFilter | None = None
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(0)
        self._count_timer.timeout.connect(self._count)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(180)  # search as you type without a query per keystroke
        self._debounce.timeout.connect(self.refresh)
        self._build()
        self.reload_choices()
        self.refresh()

    # --- construction -------------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("library_search")
        self.search_edit.setPlaceholderText("Search passages, notes, tags and articles (Ctrl+F)…")
        self.search_edit.setAccessibleName("Search highlights")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(lambda _t: self._debounce.start())
        self.search_edit.returnPressed.connect(self.refresh)
        layout.addWidget(self.search_edit)
        layout.addLayout(self._build_filters())

        self.model = LibraryModel(self)
        self.table = QTableView()
        self.table.setObjectName("library_table")
        self.table.setAccessibleName("Matching highlights")
        self.table.setAccessibleDescription(
            "Enter or double-click opens the article at the passage; Delete removes the selected highlights"
        )
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(LibraryModel.PASSAGE, QHeaderView.ResizeMode.Stretch)
        for col, width in ((1, 125), (2, 120), (3, 170), (4, 100), (5, 170), (6, 110), (7, 110)):
            header.resizeSection(col, width)
        self.table.activated.connect(self._on_activated)
        self.model.rowsInserted.connect(lambda *_a: self._update_status())
        layout.addWidget(self.table, 1)

        bottom = QHBoxLayout()
        self.status = QLabel()
        self.status.setObjectName("library_status")
        self.status.setAccessibleName("Result count")
        bottom.addWidget(self.status, 1)
        self.copy_button = QPushButton("&Copy selected")
        self.copy_button.clicked.connect(self.copy_requested)
        self.export_button = QPushButton("&Export…")
        self.export_button.clicked.connect(self.export_requested)
        bottom.addWidget(self.copy_button)
        bottom.addWidget(self.export_button)
        layout.addLayout(bottom)

        find = QAction(self)
        find.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        find.triggered.connect(lambda: (self.search_edit.setFocus(), self.search_edit.selectAll()))
        copy = QAction(self.table)
        copy.setShortcut(QKeySequence(QKeySequence.StandardKey.Copy))
        copy.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        copy.triggered.connect(self.copy_requested)
        delete = QAction("Delete highlight", self.table)
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self._delete_selected)
        self.table.addAction(delete)
        close = QAction(self)
        close.setShortcut(QKeySequence(QKeySequence.StandardKey.Close))
        close.triggered.connect(self.close)
        for action, owner in ((find, self), (copy, self.table), (close, self)):
            owner.addAction(action)

    def _build_filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("library_kind")
        self.kind_combo.setAccessibleName("Filter by kind")
        self.kind_combo.addItem("Any kind", "")
        for value, label in KIND_LABELS.items():
            self.kind_combo.addItem(label, str(value))
        self.speaker_combo = QComboBox()
        self.speaker_combo.setObjectName("library_speaker")
        self.speaker_combo.setAccessibleName("Filter by speaker")
        self.tag_combo = QComboBox()
        self.tag_combo.setObjectName("library_tag")
        self.tag_combo.setAccessibleName("Filter by tag")
        self.outlet_combo = QComboBox()
        self.outlet_combo.setObjectName("library_outlet")
        self.outlet_combo.setAccessibleName("Filter by outlet")
        for combo in (self.speaker_combo, self.tag_combo, self.outlet_combo):
            combo.setMinimumContentsLength(12)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.date_from = date_edit("From date")
        self.date_to = date_edit("To date")
        for label, widget in (
            ("&Kind", self.kind_combo),
            ("S&peaker", self.speaker_combo),
            ("&Tag", self.tag_combo),
            ("O&utlet", self.outlet_combo),
            ("&From", self.date_from),
            ("T&o", self.date_to),
        ):
            if label:
                caption = QLabel(label)
                caption.setBuddy(widget)
                row.addWidget(caption)
            row.addWidget(widget)
        for combo in (self.kind_combo, self.speaker_combo, self.tag_combo, self.outlet_combo):
            combo.currentIndexChanged.connect(self.refresh)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self.refresh)
        self.reset_button = QPushButton("&Reset")
        self.reset_button.setAccessibleName("Reset filters")
        self.reset_button.clicked.connect(self.reset_filters)
        row.addWidget(self.reset_button)
        row.addStretch(1)
        return row

    # --- public API ---------------------------------------------------------------------------------

    def set_store(self, store: SearchableStore | None) -> None:
        self._store = store
        self.reload_choices()
        self.refresh()

    def reload_choices(self) -> None:
        """Refill the speaker, tag and outlet filters from the library, keeping the current choices."""
        for combo, label, fetch in (
            (self.speaker_combo, "Any speaker", lambda s: s.all_speakers()),
            (self.tag_combo, "Any tag", lambda s: s.all_tags()),
            (self.outlet_combo, "Any outlet", lambda s: s.all_outlets()),
        ):
            current = combo.currentData()
            values: list[str] = list(fetch(self._store)) if self._store is not None else []
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(label, "")
            for value in values:
                combo.addItem(value, value)
            combo.setCurrentIndex(max(0, combo.findData(current)) if current else 0)
            combo.blockSignals(False)

    def current_filter(self) -> HighlightFilter:
        def one(combo: QComboBox) -> tuple[str, ...]:
            value = combo.currentData()
            return (value,) if value else ()

        def day(edit: QDateEdit) -> date | None:
            if edit.date() == edit.minimumDate():
                return None
            return date(edit.date().year(), edit.date().month(), edit.date().day())

        return HighlightFilter(
            query=self.search_edit.text().strip(),
            kinds=one(self.kind_combo),
            speakers=one(self.speaker_combo),
            tags=one(self.tag_combo),
            outlet=self.outlet_combo.currentData() or None,
            date_from=day(self.date_from),
            date_to=day(self.date_to),
        )

    def selected_highlights(self) -> list[Highlight]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.row(r)[0] for r in rows]

    def selected_rows(self) -> list[Row]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.row(r) for r in rows]

    @Slot()
    def reset_filters(self) -> None:
        combos = (self.kind_combo, self.speaker_combo, self.tag_combo, self.outlet_combo)
        widgets = (*combos, self.date_from, self.date_to, self.search_edit)
        for widget in widgets:
            widget.blockSignals(True)  # one search at the end, not one per cleared filter
        self.search_edit.clear()
        for combo in combos:
            combo.setCurrentIndex(0)
        for edit in (self.date_from, self.date_to):
            edit.setDate(edit.minimumDate())
        for widget in widgets:
            widget.blockSignals(False)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Run the current search from the first page (also after the library changed)."""
        self._debounce.stop()
        if self._store is None:
            self.model.set_source(None)
            self.status.setText("No library database is open.")
            return
        flt = self.current_filter()
        try:
            self.model.set_source(page_fetcher(self._store, flt))
        except Exception as exc:  # a store error must not take the window down; say what happened
            self.model.set_source(None)
            self.status.setText(f"Search failed: {exc}")
            return
        # The first page is on screen now; the total (a second, slower query for common words) is
        # counted after this paint, and only when there is more than one page.
        self._total = self.model.rowCount() if self.model.complete else None
        self._counted_filter = flt
        if self._total is None:
            self._count_timer.start()
        self._update_status()
        self.filter_changed.emit()

    @Slot()
    def _count(self) -> None:
        flt = self._counted_filter
        if self._store is None or flt is None or flt != self.current_filter():
            return
        try:
            self._total = self._store.count_highlights(flt.query, **flt.search_kwargs())
        except Exception:  # the count is a nicety; the rows are already shown
            return
        self._update_status()

    def _update_status(self) -> None:
        loaded = self.model.rowCount()
        if self._total is None:
            text = f"{loaded:,}+ highlights (counting…)"
        else:
            text = f"{self._total:,} highlight{'s' if self._total != 1 else ''}"
        if not self.model.complete and self._total is not None:
            text += f" ({loaded:,} loaded; scroll for more)"
        orphans = sum(1 for r in range(loaded) if self.model.row(r)[0].orphaned)
        if orphans:
            text += f" · {orphans} orphaned"
        self.status.setText(text + f" · matching {self.current_filter().describe()}")

    @Slot()
    def _delete_selected(self) -> None:
        chosen = self.selected_highlights()
        if chosen:
            self.delete_requested.emit(chosen)

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            highlight, document = self.model.row(index.row())
            self.open_requested.emit(highlight, document)
