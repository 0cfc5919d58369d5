"""Moving through the article: entity mentions (F3), hedges and commitments (Alt+Up/Down), find
(Ctrl+F, Ctrl+G), the details pane following the cursor, and "save this mark".

:class:`Navigator` reads the window through :class:`NavigationHost` (the panes, what is shown, the
visible layers), so it holds no state of its own beyond them. GUI thread only.
"""

from __future__ import annotations

from typing import ClassVar, Protocol

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QDockWidget, QWidget

from stance_reader.core.models import Analysis, Article, Mark, MarkKind, Quote
from stance_reader.ui.details_pane import DetailsPane
from stance_reader.ui.entity_sidebar import EntitySidebar
from stance_reader.ui.find_bar import FindBar
from stance_reader.ui.reader import ReaderView
from stance_reader.ui.render_plan import Layer

STATUS_MS = 6000


class NavigationHost(Protocol):
    """The main window as navigation sees it."""

    save_mark_requested: ClassVar[Signal]  # Mark

    reader: ReaderView
    sidebar: EntitySidebar
    sidebar_dock: QDockWidget
    details: DetailsPane
    find_bar: FindBar

    @property
    def current_article(self) -> Article | None: ...

    @property
    def current_analysis(self) -> Analysis | None: ...

    def active_layers(self) -> set[Layer]: ...

    def show_status(self, message: str, msecs: int = STATUS_MS) -> None: ...

    def window(self) -> QWidget: ...


class Navigator(QObject):
    """Wires the reader, sidebar, find bar and details pane to each other, and steps through them."""

    def __init__(self, host: NavigationHost) -> None:
        super().__init__(host.window())
        self.host = host
        reader, sidebar, find_bar = host.reader, host.sidebar, host.find_bar
        reader.mark_selected.connect(self._mark_selected)
        reader.quote_selected.connect(self._quote_selected)
        sidebar.entity_activated.connect(self._entity_activated)
        sidebar.passage_activated.connect(reader.jump_to)
        sidebar.mark_activated.connect(reader.select_mark)
        find_bar.search_changed.connect(self._find)
        find_bar.next_requested.connect(lambda: self.find_step(1))
        find_bar.previous_requested.connect(lambda: self.find_step(-1))
        find_bar.closed.connect(self._close_find)

    # --- mentions and marks -----------------------------------------------------------------------

    @Slot(str, object)
    def _entity_activated(self, name: str, spans: tuple[tuple[int, int], ...]) -> None:
        self.host.reader.select_spans(list(spans))
        self.host.show_status(f"{name}: {len(spans)} mentions — F3 / Shift+F3 to step", STATUS_MS)

    def step_mention(self, direction: int) -> None:
        reader = self.host.reader
        if not reader.marked_spans():
            entity = reader.entity_at(reader.cursor_offset())
            entries = self.host.sidebar.entries
            entry = next((e for e in entries if entity and e.name == entity.canonical), None)
            if entry is None:
                self.host.show_status(
                    "Pick an entity in the sidebar first, then F3 steps through its mentions.", STATUS_MS
                )
                return
            reader.select_spans(list(entry.spans))
            return
        reader.step_spans(direction)

    def step_mark(self, direction: int) -> None:
        analysis = self.host.current_analysis
        if analysis is None:
            return
        layers = self.host.active_layers()
        wanted = {
            kind
            for kind, layer in ((MarkKind.HEDGE, Layer.HEDGES), (MarkKind.COMMITMENT, Layer.COMMITMENTS))
            if layer in layers
        }
        marks = sorted((m for m in analysis.marks if m.kind in wanted), key=lambda m: (m.start, m.end))
        if not marks:
            return
        here = self.host.reader.cursor_offset()
        if direction > 0:
            target = next((m for m in marks if m.start > here), marks[0])
        else:
            target = next((m for m in reversed(marks) if m.start < here - 1), marks[-1])
        self.host.reader.select_mark(target)

    def focus_entities(self) -> None:
        self.host.sidebar_dock.show()
        self.host.sidebar.filter_edit.setFocus()
        self.host.sidebar.filter_edit.selectAll()

    # --- find -------------------------------------------------------------------------------------

    @Slot(str)
    def _find(self, query: str) -> None:
        total = self.host.reader.find(query)
        current, _ = self.host.reader.find_position()
        self.host.find_bar.set_count(current, total, query)

    def find_step(self, direction: int) -> None:
        find_bar, reader = self.host.find_bar, self.host.reader
        if not find_bar.isVisible():
            find_bar.open()
            return
        reader.step_find(direction)
        current, total = reader.find_position()
        find_bar.set_count(current, total, find_bar.edit.text())

    @Slot()
    def _close_find(self) -> None:
        self.host.find_bar.hide()
        self.host.reader.find("")
        self.host.reader.setFocus()

    # --- details ----------------------------------------------------------------------------------

    def _text(self) -> str:
        article = self.host.current_article
        return article.text if article is not None else ""

    @Slot(object)
    def _mark_selected(self, mark: Mark | None) -> None:
        analysis = self.host.current_analysis
        quote = analysis.quote_holding(mark) if analysis is not None and mark is not None else None
        self.host.details.show_mark(mark, self._text(), quote)

    @Slot(object)
    def _quote_selected(self, quote: Quote) -> None:
        self.host.details.show_quote(quote, self._text())

    def save_current_mark(self) -> None:
        mark = self.host.reader.current_mark() or self.host.details.mark()
        if mark is None:
            self.host.show_status("Put the cursor in a hedge or commitment first.", STATUS_MS)
            return
        self.host.save_mark_requested.emit(mark)

    def show_first_explanation(self) -> Mark | None:
        """Put the cursor (no selection) in the first attributed hedge so the details pane explains it;
        the view stays at the top. Used for --screenshot, so the picture shows an explanation."""
        analysis = self.host.current_analysis
        if analysis is None:
            return None
        marks = sorted(
            analysis.marks, key=lambda m: (m.speaker is None, m.kind is not MarkKind.HEDGE, m.start)
        )
        if not marks:
            return None
        self.host.reader.place_cursor(marks[0].cue_start + 1)
        self.host.reader.verticalScrollBar().setValue(0)
        return marks[0]


__all__ = ["NavigationHost", "Navigator"]
