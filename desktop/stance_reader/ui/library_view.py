"""The "All highlights" window: every saved highlight in the library, searchable and filterable.

Owns :class:`LibraryView`: the search box, the filter widgets, the paged table and the status line.
Its parts live beside it: ``library_filter.py`` (:class:`HighlightFilter`, the store protocol, the page
fetcher, the date pickers) and ``library_model.py`` (:class:`LibraryModel`, paged with
``canFetchMore``/``fetchMore``). Searches are short indexed reads (FTS5, LIMIT) and run on the GUI
thread, debounced while typing; the total is counted after the first page is shown. Double-click or
Enter emits ``open_requested(highlight, document)``; the feature opens the article.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
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

from stance_reader.core import Highlight
from stance_reader.ui.highlight_dialog import KIND_LABELS
from stance_reader.ui.library_filter import HighlightFilter, Row, SearchableStore, date_edit, page_fetcher
from stance_reader.ui.library_model import LibraryModel


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
