"""The Speaker ledger window: pick a speaker, see every quote, hedge and commitment of theirs across the
library, with a weekly timeline; filter; jump into the article; merge and split speakers.

Reads are short indexed queries (the ledger benchmark: the busiest speaker of 1,000 articles in
< 40 ms) and run on the GUI thread. Writes (merge, split, undo, redo) are asked for with
``write_requested``; the window runs them on its write lane and answers with :meth:`LedgerView.written`.
The widget knows the store only through :class:`LedgerSource`.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from stance_reader.core.ledger import LedgerEntry, SpeakerSummary, weekly_counts
from stance_reader.ui.ledger.filters import FilterBar
from stance_reader.ui.ledger.models import EntriesModel, SpeakersModel, fixed_widths, ledger_table
from stance_reader.ui.ledger.shifts import ShiftsTable
from stance_reader.ui.ledger.timeline import TimelineChart

DOSSIER_FORMATS = ("html", "md", "docx", "pdf", "json")
DOSSIER_FILTER = "Web page (*.html);;Markdown (*.md);;Word (*.docx);;PDF (*.pdf);;JSON (*.json)"


class LedgerSource(Protocol):
    """What the view reads: the Store's ledger methods."""

    def list_speakers(self) -> list[SpeakerSummary]: ...
    def speaker_ledger(self, speaker_key: str, **filters: Any) -> list[LedgerEntry]: ...
    def speaker_mentions(self, speaker_key: str | None = None) -> list[tuple[str, str, int]]: ...


class LedgerView(QWidget):
    """A top-level window. ``open_requested(entry)``: the analyst wants that passage in the reader."""

    open_requested = Signal(object)  # LedgerEntry
    changed = Signal()  # after a merge/split/undo was applied and the lists re-read
    write_requested = Signal(str, object, str)  # "merge"|"split"|"undo"|"redo", its arguments, message
    dossier_requested = Signal(str, object, object)  # speaker key, store filters, destination Path

    def __init__(self, source: LedgerSource | None, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("ledger_view")
        self.setWindowTitle("Speaker ledger — Stance Reader")
        self.resize(1240, 720)
        self._source = source
        self._entries: list[LedgerEntry] = []  # the speaker's entries under the filters, all weeks
        self.week: str | None = None
        self._whole_of: SpeakerSummary | None = None  # whose unfiltered ledger ``_whole`` is
        self._whole: list[LedgerEntry] = []  # read once per speaker: outlets and stance shifts
        self._shown: list[LedgerEntry] = []  # the entries listed (filters and week applied)
        self._build()
        self.reload()

    # --- building ------------------------------------------------------------------------------------

    def _build(self) -> None:
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self._build_speakers())
        split.addWidget(self._build_ledger())
        split.setStretchFactor(1, 3)
        split.setSizes([480, 760])  # room for full names beside four count columns
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        self.status_label = QLabel("", self)
        self.status_label.setObjectName("ledger_status")
        layout.addWidget(self.status_label)

    def _build_speakers(self) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.speaker_filter = QLineEdit(box, placeholderText="Find a speaker…", clearButtonEnabled=True)
        self.speaker_filter.setAccessibleName("Find a speaker")
        self.speaker_filter.textChanged.connect(self._filter_speakers)
        self.speakers_model = SpeakersModel(box)
        self.speakers_table = ledger_table(box, "ledger_speakers", "Speakers")
        self.speakers_table.setModel(self.speakers_model)
        self.speakers_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.speakers_table.horizontalHeader()
        header.setStretchLastSection(False)
        for column, title in enumerate(SpeakersModel.HEADERS[1:], start=1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            self.speakers_table.setColumnWidth(column, self.fontMetrics().horizontalAdvance(title) + 18)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.speakers_table.selectionModel().currentRowChanged.connect(lambda *_: self.refresh_entries())
        self.speakers_table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.merge_button = QPushButton("&Merge selected", box)
        self.merge_button.setToolTip("Read every selected speaker as the one with the most marks")
        self.merge_button.clicked.connect(self.merge_selected)
        self.split_button = QPushButton("&Split…", box)
        self.split_button.setToolTip("Make one way of naming this speaker a speaker of its own")
        self.split_button.clicked.connect(self.split_dialog)
        self.undo_button = QPushButton("&Undo", box)
        self.undo_button.clicked.connect(lambda: self._write("undo"))
        self.redo_button = QPushButton("&Redo", box)
        self.redo_button.clicked.connect(lambda: self._write("redo"))
        buttons = QHBoxLayout()
        for button in (self.merge_button, self.split_button, self.undo_button, self.redo_button):
            buttons.addWidget(button)
        layout.addWidget(self.speaker_filter)
        layout.addWidget(self.speakers_table)
        layout.addLayout(buttons)
        return box

    def _build_ledger(self) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.header_label = QLabel("", box, wordWrap=True, objectName="ledger_header")
        self.header_label.setTextFormat(Qt.TextFormat.PlainText)
        self.dossier_button = QPushButton("Export &dossier…", box)
        self.dossier_button.setToolTip("This speaker's ledger, timeline and stance shifts as a report")
        self.dossier_button.clicked.connect(self.dossier_dialog)
        top = QHBoxLayout()
        top.addWidget(self.header_label, 1)
        top.addWidget(self.dossier_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        self.filter_bar = FilterBar(box)
        self.filter_bar.changed.connect(self.refresh_entries)
        # The bar's parts, as the tests and the analyst's keyboard reach them.
        self.kind_boxes, self.text_edit = self.filter_bar.kind_boxes, self.filter_bar.text_edit
        self.date_from, self.date_to = self.filter_bar.date_from, self.filter_bar.date_to
        self.outlet_combo = self.filter_bar.outlet_combo
        layout.addWidget(self.filter_bar)
        self.timeline = TimelineChart(box)
        self.timeline.week_clicked.connect(self.set_week)
        layout.addWidget(self.timeline)
        self.entries_model = EntriesModel(box)
        self.entries_table = ledger_table(box, "ledger_entries", "Ledger entries")
        self.entries_table.setModel(self.entries_model)
        samples = ("2026-12-31", "Outlet name", "Article title", "■ Commitment", "0.00")
        fixed_widths(self.entries_table, samples)
        self.entries_table.activated.connect(self._activated)
        open_action = QAction("Open passage", self.entries_table)
        open_action.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        open_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        open_action.triggered.connect(lambda: self._activated(self.entries_table.currentIndex()))
        self.entries_table.addAction(open_action)
        self.shifts_table = ShiftsTable(box)
        self.shifts_table.open_requested.connect(self.open_requested)
        self.tabs = QTabWidget(box)
        self.tabs.setObjectName("ledger_tabs")
        self.tabs.addTab(self.entries_table, "Entries")
        self.tabs.addTab(self.shifts_table, "Stance shifts")
        layout.addWidget(self.tabs, 1)
        return box

    # --- reading -------------------------------------------------------------------------------------

    def set_source(self, source: LedgerSource | None) -> None:
        self._source = source
        self.reload()

    def reload(self) -> None:
        """Re-read the speaker list (keeping the current speaker when still there) and their ledger."""
        self._whole_of = None
        self.shifts_table.forget()
        current = self.current_speaker()
        speakers = self._source.list_speakers() if self._source is not None else []
        self.speakers_model.set_rows(speakers)
        self._filter_speakers(self.speaker_filter.text())
        if speakers:
            row = self.speakers_model.row_of(current.key) if current is not None else None
            self.select_speaker_row(row if row is not None else self._first_visible_row())
        else:
            self.refresh_entries()
        self._update_buttons()

    def _first_visible_row(self) -> int:
        rows = range(self.speakers_model.rowCount())
        return next((r for r in rows if not self.speakers_table.isRowHidden(r)), 0)

    def select_speaker_row(self, row: int) -> None:
        before = self.current_speaker()
        self.speakers_table.selectRow(row)  # a new current row refreshes the entries by itself
        self.speakers_table.setCurrentIndex(self.speakers_model.index(row, 0))
        if self.current_speaker() == before:
            self.refresh_entries()

    def select_speaker(self, name: str) -> bool:
        """Make the speaker listed as ``name`` (or with that key) current; False when not listed."""
        for row in range(self.speakers_model.rowCount()):
            s = self.speakers_model.speaker(row)
            if name in (s.name, s.key):
                self.select_speaker_row(row)
                return True
        return False

    def current_speaker(self) -> SpeakerSummary | None:
        index = self.speakers_table.currentIndex()
        if not index.isValid() or index.row() >= self.speakers_model.rowCount():
            return None
        return self.speakers_model.speaker(index.row())

    def selected_speakers(self) -> list[SpeakerSummary]:
        rows = sorted({i.row() for i in self.speakers_table.selectionModel().selectedRows()})
        return [self.speakers_model.speaker(r) for r in rows]

    def _filter_speakers(self, text: str) -> None:
        needle = text.casefold().strip()
        for row in range(self.speakers_model.rowCount()):
            name = self.speakers_model.speaker(row).name.casefold()
            self.speakers_table.setRowHidden(row, bool(needle) and needle not in name)

    def filters(self) -> dict[str, Any]:
        """The store filters as set (the clicked week is applied on top, in :meth:`refresh_entries`)."""
        return self.filter_bar.values()

    @Slot()
    def refresh_entries(self) -> None:
        speaker = self.current_speaker()
        if speaker is None or self._source is None:
            self._entries = []
            self.header_label.setText("No speakers in the library yet: open or import articles.")
        else:
            self._entries = self._source.speaker_ledger(speaker.key, **self.filters())
            self.header_label.setText(self._header(speaker))
            self._read_whole(speaker)
        self.timeline.set_weeks(weekly_counts(self._entries))
        if self.week not in {w.week_start for w in self.timeline.weeks}:
            self.week = None
        self.timeline.select_week(self.week)
        shown = _in_week(self._entries, self.week)
        self.entries_model.set_rows(shown)
        self._shown = shown
        self.tabs.setTabText(0, f"Entries ({len(shown)})")
        if self.shifts_table.is_current_for(self._whole_of):
            self._refresh_shifts()
        else:  # a new speaker: the list and timeline show first, the shifts a turn later
            self.tabs.setTabText(1, "Stance shifts (…)")
            QTimer.singleShot(0, self._refresh_shifts)
        week = f" in the week of {self.week} (click the bar again for all weeks)" if self.week else ""
        self.status_label.setText(f"{len(shown)} of {len(self._entries)} entries{week}")

    @Slot()
    def _refresh_shifts(self) -> None:
        count = self.shifts_table.set_ledger(self._whole_of, self._whole, self._shown)
        self.tabs.setTabText(1, f"Stance shifts ({count})")

    def _header(self, s: SpeakerSummary) -> str:
        named = {m for _, m, _ in self._source.speaker_mentions(s.key)} if self._source else set()
        mentions = sorted(named - {s.name})
        span = f", {s.first_date} – {s.last_date}" if s.first_date else ""
        also = f"\nAlso named: {'; '.join(mentions)}" if mentions else ""
        return (
            f"{s.name}: {s.hedges} hedges · {s.commitments} commitments · {s.quotes} quotes "
            f"in {s.articles} article{'s' if s.articles != 1 else ''}{span}{also}"
        )

    def _read_whole(self, speaker: SpeakerSummary) -> None:
        """The speaker's unfiltered ledger, read once per speaker (and after a write), not on every
        filter change: the outlet choices and the stance shifts come from it."""
        assert self._source is not None
        if self._whole_of == speaker:
            return
        self._whole_of, self._whole = speaker, self._source.speaker_ledger(speaker.key)
        self._fill_outlets()

    def _fill_outlets(self) -> None:
        self.filter_bar.set_outlets(sorted({e.outlet for e in self._whole if e.outlet}))

    @Slot(str)
    def set_week(self, week_start: str) -> None:
        """Narrow the list to one week (the timeline's click); "" shows every week again."""
        self.week = week_start or None
        self.refresh_entries()

    @Slot(QModelIndex)
    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(self.entries_model.entry(index.row()))

    # --- the dossier (written on the window's lane) ------------------------------------------------

    @Slot()
    def dossier_dialog(self) -> None:
        speaker = self.current_speaker()
        if speaker is None:
            return
        stem = "".join(c if c.isalnum() else "-" for c in speaker.name).strip("-").lower() or "speaker"
        path, _kind = QFileDialog.getSaveFileName(
            self, f"Export the dossier of {speaker.name}", stem, DOSSIER_FILTER
        )
        if path:
            self.export_dossier(Path(path))

    def export_dossier(self, path: Path) -> None:
        """Ask for the current speaker's dossier under the filters as set (the clicked week included)."""
        speaker = self.current_speaker()
        if speaker is None:
            return
        if path.suffix.lower().lstrip(".") not in DOSSIER_FORMATS:
            path = path.with_suffix(".html")
        filters = dict(self.filters())
        if self.week:
            filters["date_from"] = max(filters["date_from"] or "", self.week)
            week_end = (date.fromisoformat(self.week) + timedelta(days=6)).isoformat()
            filters["date_to"] = min(filters["date_to"] or "9999", week_end)
        self.status_label.setText(f"Writing the dossier of {speaker.name}…")
        self.dossier_requested.emit(speaker.key, filters, path)

    # --- writing (merge, split, undo, redo: on the window's lane) --------------------------------------

    def _update_buttons(self) -> None:
        self.merge_button.setEnabled(len(self.selected_speakers()) >= 2)
        self.split_button.setEnabled(self.current_speaker() is not None)

    def set_history_state(self, can_undo: bool, can_redo: bool, undo_text: str = "") -> None:
        self.undo_button.setEnabled(can_undo)
        self.redo_button.setEnabled(can_redo)
        self.undo_button.setToolTip(f"Undo {undo_text}" if undo_text else "")

    @Slot()
    def merge_selected(self) -> None:
        """Merge every selected speaker into the busiest of them."""
        chosen = self.selected_speakers()
        if len(chosen) < 2:
            self.status_label.setText("Select two or more speakers (Ctrl+click) to merge them.")
            return
        target = max(chosen, key=lambda s: (s.total, s.name))
        sources = [s for s in chosen if s.key != target.key]
        names = ", ".join(s.name for s in sources)
        self._write("merge", ([s.key for s in sources], target.key), f"Merged {names} into {target.name}")

    @Slot()
    def split_dialog(self) -> None:
        speaker = self.current_speaker()
        if speaker is None or self._source is None:
            return
        mentions = sorted({m for _, m, _ in self._source.speaker_mentions(speaker.key)})
        if len(mentions) < 2:
            self.status_label.setText(f"{speaker.name} is named only one way: there is nothing to split.")
            return
        mention, ok = QInputDialog.getItem(
            self, "Split speaker", f"Which way of naming {speaker.name} is someone else?", mentions, 0, False
        )
        if ok and mention:
            self.split(mention)

    def split(self, mention: str) -> None:
        self._write("split", (mention,), f"{mention} is now a speaker of its own")

    def _write(self, what: str, args: tuple[object, ...] = (), done: str = "") -> None:
        self.status_label.setText("Working…")
        self.write_requested.emit(what, args, done)

    def written(self, message: str) -> None:
        """A write is done: re-read everything and say what happened."""
        self.reload()
        if message:
            self.status_label.setText(message)
        self.changed.emit()


def _in_week(entries: list[LedgerEntry], week: str | None) -> list[LedgerEntry]:
    if not week:
        return entries
    first = date.fromisoformat(week)
    last = (first + timedelta(days=6)).isoformat()
    return [e for e in entries if e.date_iso and week <= e.date_iso[:10] <= last]


__all__ = ["LedgerSource", "LedgerView"]
