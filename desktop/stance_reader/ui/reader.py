"""The reading view: the article in a calm centred column with the analysis drawn onto it.

Owns :class:`ReaderView` (a read-only ``QTextBrowser``): what it shows (article, analysis, plan,
layers, theme, zoom, saved highlights, marked spans), its signals, and the cursor, selection, find
and tooltip API the window and the features use. Everything outside talks to it in code points;
:meth:`ReaderView._qt` / :meth:`ReaderView._cp` convert to and from Qt's UTF-16 positions.

Its parts, each behind plain functions or a small helper it owns: the shown document, its offsets,
preview and column (``ui.reader_text``); building documents (``ui.reader_document``); colouring in
slices and the kept coloured documents (``ui.reader_render``); what is painted over the text: speaker
bars and badges, saved highlights, the analyst's signs, extra selections (``ui.reader_paint``); what
lies under an offset (``ui.reader_lookup``). Automatic marks are character formats from the
:class:`~stance_reader.ui.render_plan.RenderPlan`; transient ones are ``ExtraSelections``; saved
highlights and speaker bars are painted, apart from the automatic layers. GUI thread only.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QRectF, Signal, Slot
from PySide6.QtGui import (
    QFont,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QTextBrowser, QToolTip, QWidget

from stance_reader.core.models import Analysis, Article, Entity, Highlight, Mark, Quote
from stance_reader.core.palette import LIGHT, Theme
from stance_reader.ui import reader_lookup as lookup
from stance_reader.ui.reader_document import body_font
from stance_reader.ui.reader_paint import line_rects, paint_overlays, span_selections, viewport_context
from stance_reader.ui.reader_render import SliceRender, render_key
from stance_reader.ui.reader_text import ShownText, prepare_view
from stance_reader.ui.render_plan import FormatBook, Layer, RenderPlan


class ReaderView(QTextBrowser):
    """Read-only article view. Offsets in its API are code points into ``Article.text``.

    Signals: ``mark_selected(object)`` (Mark | None, when the cursor enters/leaves a mark),
    ``quote_selected(object)`` (the Quote under the cursor when no mark is, or None),
    ``render_finished()`` (all automatic formats applied), ``zoom_changed(int)``.
    """

    mark_selected = Signal(object)
    quote_selected = Signal(object)
    render_finished = Signal()
    zoom_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        prepare_view(self)
        self._theme: Theme = LIGHT
        self._zoom = 0
        self._article: Article | None = None
        self._analysis: Analysis | None = None
        self._plan: RenderPlan | None = None
        self._book: FormatBook | None = None
        self._layers: set[Layer] = set(Layer)
        self._saved: list[Highlight] = []
        self._marked = lookup.MarkedSpans()  # an entity's mentions and find matches (extra selections)
        self._last_mark: Mark | None = None
        self._shown_mark: Mark | None = None
        self._shown_quote: Quote | None = None
        self._text = ShownText(
            self,
            font=self._body_font,
            theme=self.theme,
            held=lambda doc: self._renderer.holds(doc),
            swapped=self._refresh_extra,
        )
        self._renderer = SliceRender(
            shown=lambda: self._text.doc,
            book=self.format_book,
            to_qt=self._qt,
            header_document=lambda: self._text.new(0),
            show=self._text.show_whole,
            done=self._render_done,
        )
        self._text.apply_font()
        self.cursorPositionChanged.connect(self._cursor_moved)

    # --- the one offset conversion ------------------------------------------------------------------

    def _qt(self, offset: int) -> int:
        """Code point in ``Article.text`` → QTextDocument position (UTF-16, header included)."""
        return self._text.to_qt(offset)

    def _cp(self, position: int) -> int:
        """QTextDocument position → code point in ``Article.text`` (clamped to the body)."""
        return self._text.to_cp(position)

    # --- content ------------------------------------------------------------------------------------

    @property
    def article(self) -> Article | None:
        return self._article

    @property
    def analysis(self) -> Analysis | None:
        return self._analysis

    def set_article(self, article: Article | None) -> None:
        """Show the article's text at once (no marks); call :meth:`set_analysis` when it is ready."""
        self._renderer.cancel()
        self._article, self._analysis, self._plan = article, None, None
        self._saved = []
        self._marked.clear()
        self._last_mark = self._shown_mark = None
        self._shown_quote = None
        self._text.reset(article)
        self.setExtraSelections([])
        self.mark_selected.emit(None)

    def set_analysis(self, analysis: Analysis | None, plan: RenderPlan | None = None) -> None:
        """Colour the text. Formats are applied in slices; ``render_finished`` fires when done.

        ``plan`` may be built beforehand off the GUI thread (``RenderPlan(len(text), analysis)``)."""
        self._analysis = analysis
        length = len(self._article.text) if self._article else 0
        self._plan = plan if plan is not None and plan.length == length else RenderPlan(length, analysis)
        self._book = None
        self._rerender()
        # A re-decided analysis (confidence bar moved) may drop or bring back the mark under the cursor.
        if self._last_mark is not None and (analysis is None or self._last_mark not in analysis.marks):
            self._last_mark = None
        self._cursor_moved()

    def set_layers(self, layers: set[Layer]) -> None:
        """Show exactly these layers (re-applies formats from the cached plan, no re-analysis)."""
        self._layers = set(layers)
        self._rerender()

    def layers(self) -> set[Layer]:
        return set(self._layers)

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._book = None
        self._renderer.clear_kept()  # kept documents carry the old theme's colours
        self.setStyleSheet(
            f"QTextBrowser#reader {{ background: {theme.page}; color: {theme.text}; border: none; }}"
        )
        if self._article is not None:
            self._redisplay()
        self.viewport().update()

    def _redisplay(self) -> None:
        """Build the current article again (new theme or font size), keeping its analysis, plan and
        saved highlights."""
        analysis, plan, saved = self._analysis, self._plan, self._saved
        self.set_article(self._article)
        if analysis is not None:
            self.set_analysis(analysis, plan)
        self._saved = saved

    def theme(self) -> Theme:
        return self._theme

    def format_book(self) -> FormatBook:
        if self._book is None:
            base = QTextCharFormat()
            base.setFont(self._body_font())
            self._book = FormatBook(self._theme, base, self._plan.speakers if self._plan else [])
        return self._book

    def is_rendering(self) -> bool:
        return self._renderer.rendering

    def _rerender(self) -> None:
        """Colour the article in slices (``render_finished`` when done; see ``ui/reader_render.py``):
        formatted in place when scrolled down a fully shown article, else in a staging copy."""
        if self._plan is None or self._article is None:
            return
        scrolled = self.verticalScrollBar().value() > 0
        in_place = scrolled and self._text.chars >= len(self._article.text)
        key = render_key(self._plan, self._layers, self._theme, self._zoom, self._article)
        self._renderer.start(self._plan, self._article.text, self._layers, key, in_place)

    def _render_done(self) -> None:
        self.viewport().update()
        self.render_finished.emit()

    # --- reading the state back (tests, tooltips, details) ------------------------------------------

    def char_format_at(self, offset: int) -> QTextCharFormat:
        """The character format of code point ``offset`` (what the user sees there)."""
        self._text.ensure_shown(offset + 1)
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._qt(offset) + 1)  # the format of the char *before* the cursor
        return cursor.charFormat()

    def marks_at(self, offset: int) -> list[Mark]:
        """Visible marks covering ``offset``, innermost first."""
        return lookup.marks_at(self._analysis, self._layers, offset)

    def quote_at(self, offset: int) -> Quote | None:
        return lookup.quote_at(self._analysis, self._layers, offset)

    def entity_at(self, offset: int) -> Entity | None:
        return lookup.entity_at(self._analysis, self._layers, offset)

    def tooltip_at(self, offset: int) -> str:
        """The explanation shown when hovering code point ``offset`` (one line per layer)."""
        text = self._article.text if self._article else ""
        return lookup.tooltip_text(text, self._analysis, self._layers, self._saved, offset)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            cursor = self.cursorForPosition(event.pos())
            tip = self.tooltip_at(self._cp(cursor.position())) if self._article else ""
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    # --- public API for the window and the highlights feature ---------------------------------------

    def selected_span(self) -> tuple[int, int] | None:
        """The selection in code points, or None when nothing (or only the header) is selected."""
        cursor = self.textCursor()
        if not cursor.hasSelection() or self._article is None:
            return None
        start, end = self._cp(cursor.selectionStart()), self._cp(cursor.selectionEnd())
        return (start, end) if end > start else None

    def cursor_offset(self) -> int:
        return self._cp(self.textCursor().position())

    def current_mark(self) -> Mark | None:
        """The mark under the cursor (innermost), or the last one picked from a list."""
        cursor = self.textCursor()
        offset = self._cp(cursor.selectionStart() if cursor.hasSelection() else cursor.position())
        marks = self.marks_at(offset)
        if marks:
            return marks[0]
        if self._last_mark is not None and self._last_mark.start <= offset <= self._last_mark.end:
            return self._last_mark
        return None

    def select_mark(self, mark: Mark) -> None:
        """Select a mark picked from a list (sidebar) and show it in the details pane."""
        self._last_mark = mark
        self.jump_to(mark.start, mark.end)
        if self._shown_mark != mark:
            self._shown_mark = mark
            self.mark_selected.emit(mark)

    def jump_to(self, start: int, end: int) -> None:
        """Scroll to and select code points ``[start, end)``."""
        if self._article is None:
            return
        self._text.ensure_shown(end)
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._qt(end))
        self.setTextCursor(cursor)
        self.ensureCursorVisible()  # end first, then start: the whole passage ends up in view
        cursor.setPosition(self._qt(start))
        cursor.setPosition(self._qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def place_cursor(self, offset: int) -> None:
        """Move the caret to code point ``offset`` without selecting or scrolling."""
        self._text.ensure_shown(offset)
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._qt(offset))
        value = self.verticalScrollBar().value()
        self.setTextCursor(cursor)
        self.verticalScrollBar().setValue(value)

    def set_saved_highlights(self, highlights: Sequence[Highlight]) -> None:
        """Draw saved highlights as outlined boxes with a ● in the margin (not char formats, so they
        never hide the automatic layers underneath)."""
        self._saved = [h for h in highlights if not h.orphaned]
        self.viewport().update()

    def saved_highlights(self) -> list[Highlight]:
        return list(self._saved)

    # --- entity mentions and find (extra selections) ------------------------------------------------

    def select_spans(self, spans: Sequence[tuple[int, int]]) -> None:
        """Mark these spans (an entity's mentions) and select the first."""
        self._marked.set_entity(spans)
        self._refresh_extra()
        if self._marked.entity:
            self.step_spans(1)

    def marked_spans(self) -> list[tuple[int, int]]:
        return list(self._marked.entity)

    def step_spans(self, direction: int) -> tuple[int, int] | None:
        """F3 / Shift+F3: move to the next/previous marked mention (wraps). Returns it."""
        return self._step("entity", direction)

    def find(self, query: str, case_sensitive: bool = False) -> int:
        """Mark every occurrence of ``query``; returns the count and selects the first after the cursor."""
        text = self._article.text if self._article is not None else ""
        count = self._marked.set_found(text, query, case_sensitive)
        self._refresh_extra()
        if count:
            self.step_find(1)
        return count

    def step_find(self, direction: int) -> tuple[int, int] | None:
        return self._step("find", direction)

    def find_position(self) -> tuple[int, int]:
        """(current match number from 1, total); (0, total) before the first step."""
        return self._marked.found_index + 1, len(self._marked.found)

    def _step(self, which: str, direction: int) -> tuple[int, int] | None:
        span = self._marked.step(which, direction, self.cursor_offset())
        if span is not None:
            self.jump_to(*span)
            self._refresh_extra()
        return span

    def _refresh_extra(self) -> None:
        self._text.ensure_shown(self._marked.last_end())
        marked = self._marked
        entity, found = (marked.entity, marked.entity_index), (marked.found, marked.found_index)
        self.setExtraSelections(span_selections(self.document(), self._qt, self._theme, entity, found))

    def clear_marked(self) -> None:
        self._marked.clear()
        self._refresh_extra()

    # --- zoom and layout ----------------------------------------------------------------------------

    def _body_font(self) -> QFont:
        return body_font(self._zoom)

    def zoom(self) -> int:
        return self._zoom

    def set_zoom(self, level: int) -> None:
        """Zoom steps (0 = default, each step ×1.1). Re-lays out the article with the new size."""
        level = max(-6, min(12, level))
        if level == self._zoom:
            return
        self._zoom = level
        self._renderer.clear_kept()  # kept documents carry the old font size
        if self._article is not None:
            self._redisplay()
        else:
            self._text.apply_font()
        self.zoom_changed.emit(level)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._text.fit_column()

    # --- painting: speaker bars and badges in the margin, saved highlight boxes ---------------------

    def _line_rects(self, start: int, end: int) -> list[QRectF]:
        """Viewport rectangles of each visual line covering code points ``[start, end)``."""
        dx, dy = -self.horizontalScrollBar().value(), -self.verticalScrollBar().value()
        return line_rects(self.document(), self._qt(start), self._qt(end), dx, dy)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._article is None:
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        ctx = viewport_context(self, painter, self._theme, self._text.side_margin, self._cp, self._line_rects)
        speakers = (
            self._plan.speaker_index if self._plan is not None and Layer.SPEAKERS in self._layers else None
        )
        paint_overlays(ctx, self._analysis, speakers, self.format_book, self._saved)
        painter.end()

    # --- cursor → details ---------------------------------------------------------------------------

    @Slot()
    def _cursor_moved(self) -> None:
        mark = self.current_mark()
        if mark != self._shown_mark:
            self._shown_mark = mark
            self.mark_selected.emit(mark)
        cursor = self.textCursor()
        quote = None if mark is not None else self.quote_at(self._cp(cursor.position()))
        if quote != self._shown_quote:
            self._shown_quote = quote
            if quote is not None:
                self.quote_selected.emit(quote)


__all__ = ["ReaderView"]
