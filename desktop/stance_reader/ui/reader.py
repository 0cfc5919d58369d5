"""The reading view: the article in a calm centred column with the analysis drawn onto it.

Owns :class:`ReaderView` (a read-only ``QTextBrowser``). Everything outside talks to it in code points;
:meth:`ReaderView._qt` / :meth:`ReaderView._cp` are the only places that convert to and from Qt's
UTF-16 positions (through ``core.offsets.Utf16Map``, shifted by the header printed above the body).

Automatic marks are character formats from the :class:`~stance_reader.ui.render_plan.RenderPlan`,
applied in slices from the event loop so a huge article never freezes the window. Transient marks
(entity mentions, find matches) are ``ExtraSelections``; saved highlights and the speaker bars and
initials badges in the margin are painted (``ui.speaker_look``), so they stay visually distinct from the
automatic layers. GUI thread only.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QToolTip, QWidget

from stance_reader.core.models import Analysis, Article, Entity, Highlight, Mark, MarkKind, Quote
from stance_reader.core.offsets import Utf16Map
from stance_reader.core.palette import CUSTOM_HUE, LIGHT, Theme, mix, speaker_hue, underline
from stance_reader.ui.render_plan import FormatBook, Layer, RenderPlan, Segment
from stance_reader.ui.rendered import RenderedDocuments
from stance_reader.ui.speaker_look import badge_font, badge_width, paint_badge, paint_bar

COLUMN_CHARS = 72  # comfortable line length for the body
SLICE_SEGMENTS = 1500  # format runs inserted per event-loop turn (~5 ms each off-screen: well under 100 ms)
IN_PLACE_SEGMENTS = 500  # format runs applied per turn to the shown text (~8 ms each with Qt's re-layout)
BASE_POINT_SIZE = 13.0
# A long article first shows its opening (a few screens) and the rest a moment later, unless the
# coloured text (an analysis from the cache arrives in ~0.1 s) replaces it first: laying out and
# painting the whole plain text only to throw it away cost a reopen ~25 ms on 10,000 words.
PREVIEW_CHARS = 8_000
REST_DELAY_MS = 250
SERIF_FAMILIES = ["Source Serif 4", "Georgia", "Charter", "Noto Serif", "DejaVu Serif", "Times New Roman"]


def mark_label(mark: Mark) -> str:
    return "Commitment" if mark.kind is MarkKind.COMMITMENT else "Hedge"


def mark_tooltip(mark: Mark, text: str) -> str:
    """ "Hedge · cue 'can't say' · Mark Rutte · negated claim of support" (plain text)."""
    parts = [mark_label(mark), f"cue '{mark.cue_text(text)}'", mark.speaker or "the article's own voice"]
    why = mark.explanation or (f"rule {mark.rule}" if mark.rule else "")
    if why:
        parts.append(why)
    if mark.negated:
        parts.append("negated")
    return " · ".join(parts)


def quote_tooltip(quote: Quote, text: str) -> str:
    who = quote.speaker_entity or "unknown speaker"
    cue = " … ".join(text[s:e] for s, e in quote.cue)
    return f"{quote.kind_label().capitalize()} · {who}" + (f" · cue '{cue}'" if cue else "")


def _preview_length(text: str) -> int:
    """All of a short text; of a long one, up to the paragraph break after PREVIEW_CHARS."""
    if len(text) <= PREVIEW_CHARS * 2:
        return len(text)
    cut = text.find("\n", PREVIEW_CHARS)
    return cut if 0 < cut < len(text) else len(text)


def utf16_map(text: str) -> Utf16Map:
    """``Utf16Map(text)``, skipping its per-character scan when nothing lies outside the BMP (``max``
    over a str runs in C: ~1 ms for 300,000 characters against ~30 ms for the scan)."""
    if not text or max(text) <= "\uffff":
        return Utf16Map("")  # no astral characters: code points and UTF-16 units coincide
    return Utf16Map(text)


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
        self.setObjectName("reader")
        self.setAccessibleName("Article text")
        self.setAccessibleDescription("The article with speakers, hedges and commitments colour-coded")
        self.setReadOnly(True)
        self.setOpenLinks(False)
        self.setUndoRedoEnabled(False)
        self.setAcceptDrops(False)  # the window takes dropped files
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setFrameShape(QTextEdit.Shape.NoFrame)
        self.setMouseTracking(True)
        doc = self.document()
        doc.setUndoRedoEnabled(False)
        doc.setDocumentMargin(28)
        self._theme: Theme = LIGHT
        self._zoom = 0
        self._article: Article | None = None
        self._analysis: Analysis | None = None
        self._map = Utf16Map("")
        self._body_start = 0  # UTF-16 position where the body starts (after the header)
        self._plan: RenderPlan | None = None
        self._book: FormatBook | None = None
        self._layers: set[Layer] = set(Layer)
        self._pending: list[Segment] = []
        self._render_generation = 0
        self._rendering = False
        self._saved: list[Highlight] = []
        self._entity_spans: list[tuple[int, int]] = []
        self._entity_index = -1
        self._find_spans: list[tuple[int, int]] = []
        self._find_index = -1
        self._last_mark: Mark | None = None
        self._shown_mark: Mark | None = None
        self._shown_quote: Quote | None = None
        self._side_margin = 28.0
        self._own_doc: QTextDocument | None = None
        self._staging: QTextDocument | None = None  # being coloured off-screen, shown when done
        self._staging_cursor = QTextCursor()
        self._in_place_cursor = QTextCursor()
        self._rendered = RenderedDocuments(lambda: self._own_doc)  # coloured documents kept for reopening
        self._staging_key: Hashable = None
        self._shown_chars = 0  # code points of the body in the shown document (a preview may be shorter)
        self._apply_font()
        self.cursorPositionChanged.connect(self._cursor_moved)

    # --- the one offset conversion ------------------------------------------------------------------

    def _qt(self, offset: int) -> int:
        """Code point in ``Article.text`` → QTextDocument position (UTF-16, header included)."""
        return self._body_start + self._map.to_utf16(offset)

    def _cp(self, position: int) -> int:
        """QTextDocument position → code point in ``Article.text`` (clamped to the body)."""
        length = len(self._article.text) if self._article else 0
        return max(0, min(length, self._map.to_codepoint(max(0, position - self._body_start))))

    # --- content ------------------------------------------------------------------------------------

    @property
    def article(self) -> Article | None:
        return self._article

    @property
    def analysis(self) -> Analysis | None:
        return self._analysis

    def set_article(self, article: Article | None) -> None:
        """Show the article's text at once (no marks); call :meth:`set_analysis` when it is ready."""
        self._render_generation += 1
        self._drop_staging()
        self._pending = []
        self._rendering = False
        self._article, self._analysis, self._plan = article, None, None
        self._saved, self._entity_spans, self._find_spans = [], [], []
        self._entity_index = self._find_index = -1
        self._last_mark = self._shown_mark = None
        self._shown_quote = None
        self._map = utf16_map(article.text if article else "")
        text = article.text if article else ""
        self._shown_chars = _preview_length(text)
        self._show_document(self._new_document(self._shown_chars))
        if self._shown_chars < len(text):
            QTimer.singleShot(REST_DELAY_MS, lambda a=article: self._show_rest(a))
        self.setExtraSelections([])
        self.mark_selected.emit(None)

    def _show_rest(self, article: Article | None) -> None:
        """Append the plain text after the preview, unless the coloured copy already replaced it."""
        if article is None or article is not self._article or self._shown_chars >= len(article.text):
            return
        # A fresh document swapped in: inserting into the shown one makes Qt lay it all out at once.
        self._shown_chars = len(article.text)
        self._replace_document(self._new_document(self._shown_chars))

    def _ensure_shown(self, end: int) -> None:
        """Before a position past a preview is used, put the rest of the text in."""
        if end > self._shown_chars:
            self._show_rest(self._article)

    def _new_document(self, body_chars: int) -> QTextDocument:
        """A fresh document with the current article's title and metadata, and the first
        ``body_chars`` code points of its text in the plain body format; not yet shown."""
        doc = QTextDocument(self)
        doc.setUndoRedoEnabled(False)
        doc.setDocumentMargin(28)
        doc.setDefaultFont(self._body_font())
        if self._article is not None:
            self._fill(doc, self._article, body_chars)
        return doc

    def _show_document(self, doc: QTextDocument) -> None:
        # A fresh document is faster than clearing a large one and drops every old format at once.
        old, self._own_doc = self._own_doc, doc
        self.setDocument(doc)  # Qt deletes its built-in document itself; ours we delete
        if old is not None and old is not doc and not self._rendered.holds(old):
            old.deleteLater()
        self._apply_font()
        self._update_margins()

    def _drop_staging(self) -> None:
        if self._staging is not None:
            self._staging.deleteLater()
            self._staging = None

    def _fill(self, doc: QTextDocument, article: Article, body_chars: int) -> None:
        cursor = QTextCursor(doc)
        body_font = self._body_font()
        title_fmt = QTextCharFormat()
        title_font = QFont(body_font)
        title_font.setPointSizeF(body_font.pointSizeF() * 1.6)
        title_font.setBold(True)
        title_fmt.setFont(title_font)
        title_fmt.setForeground(QColor(self._theme.text))
        meta_fmt = QTextCharFormat()
        meta_font = QFont(body_font)
        meta_font.setFamilies(["DejaVu Sans", "Noto Sans", "Segoe UI", "Helvetica", "Arial"])
        meta_font.setPointSizeF(body_font.pointSizeF() * 0.8)
        meta_fmt.setFont(meta_font)
        meta_fmt.setForeground(QColor(self._theme.muted))
        head_block = QTextBlockFormat()
        head_block.setBottomMargin(6)
        cursor.setBlockFormat(head_block)
        cursor.insertText(article.display_title, title_fmt)
        meta = [
            article.outlet,
            article.section,
            article.date,
            f"by {article.author}" if article.author else "",
        ]
        source = article.url or (Path(article.source_path).name if article.source_path else "")
        lines = [" · ".join(p for p in meta if p)]
        if source:
            lines.append(f"Source: {source}")
        lines += [f"⚠ {n}" for n in article.notices]
        sep_block = QTextBlockFormat(head_block)
        for i, line in enumerate(line for line in lines if line):
            block = QTextBlockFormat(head_block)
            block.setBottomMargin(2 if i < len(lines) - 1 else 18)
            cursor.insertBlock(block, meta_fmt)
            cursor.insertText(line, meta_fmt)
        sep_block.setBottomMargin(0)
        body_block = QTextBlockFormat()
        body_block.setLineHeight(150, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        body_block.setBottomMargin(4)
        base = QTextCharFormat()
        base.setFont(body_font)
        base.setForeground(QColor(self._theme.text))
        cursor.insertBlock(body_block, base)
        self._body_start = cursor.position()
        if body_chars:
            # '\n' becomes a block separator: one UTF-16 unit each, so body positions stay 1:1.
            cursor.insertText(article.text[:body_chars], base)
            self._tighten_blank_lines(doc)

    @staticmethod
    def _tighten_blank_lines(doc: QTextDocument) -> None:
        """Blank lines between paragraphs become a modest gap instead of a full 150% line."""
        gap = QTextBlockFormat()
        gap.setLineHeight(9, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
        gap.setBottomMargin(0)
        cursor = QTextCursor(doc)
        block = doc.begin()
        while block.isValid():
            if block.length() == 1:  # only the block separator: an empty line
                cursor.setPosition(block.position())
                cursor.setBlockFormat(gap)
            block = block.next()

    def set_analysis(self, analysis: Analysis | None, plan: RenderPlan | None = None) -> None:
        """Colour the text. Formats are applied in slices; ``render_finished`` fires when done.

        ``plan`` may be built beforehand off the GUI thread (``RenderPlan(len(text), analysis)``)."""
        self._analysis = analysis
        length = len(self._article.text) if self._article else 0
        self._plan = plan if plan is not None and plan.length == length else RenderPlan(length, analysis)
        self._book = None
        self._render()
        # A re-decided analysis (confidence bar moved) may drop or bring back the mark under the cursor.
        if self._last_mark is not None and (analysis is None or self._last_mark not in analysis.marks):
            self._last_mark = None
        self._cursor_moved()

    def set_layers(self, layers: set[Layer]) -> None:
        """Show exactly these layers (re-applies formats from the cached plan, no re-analysis)."""
        self._layers = set(layers)
        self._render()

    def layers(self) -> set[Layer]:
        return set(self._layers)

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._book = None
        self._rendered.clear()  # kept documents carry the old theme's colours
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
        return self._rendering

    def _render(self) -> None:
        """Colour the article in slices (``render_finished`` when done).

        At the top of the article, each segment's text is inserted with its format into a detached
        copy that is swapped in at the end: formatting the document the view shows makes Qt re-lay it
        out after every slice, several times the cost. Scrolled down a long article, the shown text is
        formatted in place instead: swapping would have Qt lay out everything above the view at once
        (~0.1 s at 25,000 words), a stall the analyst would feel."""
        if self._plan is None or self._article is None:
            return
        self._render_generation += 1
        self._drop_staging()
        scrolled = self.verticalScrollBar().value() > 0
        in_place = scrolled and self._shown_chars >= len(self._article.text)
        kept = None if in_place else self._rendered.get(self._render_key())
        if kept is not None:  # this very article, plan, theme and font were coloured a moment ago
            self._show_kept(kept)
            return
        self._pending = list(reversed(self._plan.segments(self._layers)))  # pop() = reading order
        self._rendering = True
        if in_place:
            self._rendered.forget(self.document())  # about to change: no longer what it was kept as
            self._in_place_cursor = QTextCursor(self.document())
        else:
            self._staging_key = self._render_key()
            self._staging = self._new_document(0)
            self._staging_cursor = QTextCursor(self._staging)
            self._staging_cursor.movePosition(QTextCursor.MoveOperation.End)
        self._apply_slice(self._render_generation)

    def _apply_slice(self, generation: int) -> None:
        if generation != self._render_generation or self._article is None:
            return  # a newer article/toggle superseded this pass
        count = min(SLICE_SEGMENTS if self._staging is not None else IN_PLACE_SEGMENTS, len(self._pending))
        if self._staging is not None:
            self._insert_slice(count)
        else:
            self._format_slice(count)
        if self._pending:
            QTimer.singleShot(0, lambda: self._apply_slice(generation))
            return
        if self._staging is not None:
            self._tighten_blank_lines(self._staging)
            self._swap_in_staging()
            self._shown_chars = len(self._article.text)
        self._rendering = False
        self.viewport().update()
        self.render_finished.emit()

    def _insert_slice(self, count: int) -> None:
        book, cursor = self.format_book(), self._staging_cursor
        text = self._article.text if self._article else ""
        cursor.beginEditBlock()
        for _ in range(count):
            seg = self._pending.pop()
            cursor.insertText(text[seg.start : seg.end], book.format_for(seg.key))
        cursor.endEditBlock()

    def _format_slice(self, count: int) -> None:
        book, cursor = self.format_book(), self._in_place_cursor
        cursor.beginEditBlock()
        for _ in range(count):
            seg = self._pending.pop()
            cursor.setPosition(self._qt(seg.start))
            cursor.setPosition(self._qt(seg.end), QTextCursor.MoveMode.KeepAnchor)
            cursor.setCharFormat(book.format_for(seg.key))
        cursor.endEditBlock()

    def _swap_in_staging(self) -> None:
        doc, self._staging = self._staging, None
        if doc is not None:
            self._replace_document(doc)
            length = len(self._article.text) if self._article else 0
            self._rendered.put(self._staging_key, doc, self._plan, length)

    def _render_key(self) -> Hashable:
        """Everything a coloured document is made from (see ``ui/rendered.py``)."""
        a = self._article
        header = None if a is None else (
            a.content_hash, a.display_title, a.outlet, a.section, a.date, a.author, a.url, a.source_path,
            a.notices,
        )  # fmt: skip
        return (id(self._plan), frozenset(self._layers), self._theme, self._zoom, header)

    def _show_kept(self, doc: QTextDocument) -> None:
        """Show a kept coloured document in place of formatting the text again."""
        self._pending = []
        self._replace_document(doc)
        self._shown_chars = len(self._article.text) if self._article else 0
        self._rendering = False
        self.viewport().update()
        self.render_finished.emit()

    def _replace_document(self, doc: QTextDocument) -> None:
        """Show ``doc`` (the same text, other formats) where the reader was: same lines at the top of
        the view, same selection. Qt lays a large document out lazily; only the part down to the old
        view is laid out here, so a 50,000-word article does not stall the window."""
        bar = self.verticalScrollBar()
        top, old = bar.value(), self.textCursor()
        anchor, position = old.anchor(), old.position()
        first = self.cursorForPosition(QPoint(0, 0)).block()
        view = self.viewport().rect()
        below = self.cursorForPosition(view.bottomRight()).position()
        old_layout = self.document().documentLayout()
        inside = top - old_layout.blockBoundingRect(first).y() if first.isValid() else 0.0
        first_position = first.position() if first.isValid() else -1
        self.blockSignals(True)  # the cursor only moves to the same place in the new document
        try:
            self._show_document(doc)
            cursor = QTextCursor(doc)
            last = doc.characterCount() - 1
            cursor.setPosition(min(anchor, last))
            cursor.setPosition(min(position, last), QTextCursor.MoveMode.KeepAnchor)
            self.setTextCursor(cursor)
        finally:
            self.blockSignals(False)
        if top > 0 and first_position >= 0:
            layout = doc.documentLayout()
            layout.blockBoundingRect(doc.findBlock(min(below, last)))  # lays out down to the old view
            bar.setValue(round(layout.blockBoundingRect(doc.findBlock(first_position)).y() + inside))
        self._refresh_extra()

    # --- reading the state back (tests, tooltips, details) ------------------------------------------

    def char_format_at(self, offset: int) -> QTextCharFormat:
        """The character format of code point ``offset`` (what the user sees there)."""
        self._ensure_shown(offset + 1)
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._qt(offset) + 1)  # the format of the char *before* the cursor
        return cursor.charFormat()

    def marks_at(self, offset: int) -> list[Mark]:
        """Visible marks covering ``offset``, innermost first."""
        if self._analysis is None:
            return []
        wanted = {MarkKind.HEDGE} if Layer.HEDGES in self._layers else set()
        if Layer.COMMITMENTS in self._layers:
            wanted.add(MarkKind.COMMITMENT)
        found = [m for m in self._analysis.marks if m.kind in wanted and m.start <= offset < m.end]
        return sorted(found, key=lambda m: (m.end - m.start, m.start))

    def quote_at(self, offset: int) -> Quote | None:
        if self._analysis is None or Layer.SPEAKERS not in self._layers:
            return None
        for quote in self._analysis.quotes:
            spans = quote.content + quote.speaker
            if quote.speaker_entity and any(s <= offset < e for s, e in spans):
                return quote
        return None

    def entity_at(self, offset: int) -> Entity | None:
        if self._analysis is None or Layer.ENTITIES not in self._layers:
            return None
        return next((e for e in self._analysis.entities if e.start <= offset < e.end), None)

    def tooltip_at(self, offset: int) -> str:
        """The explanation shown when hovering code point ``offset`` (one line per layer)."""
        text = self._article.text if self._article else ""
        lines = [mark_tooltip(m, text) for m in self.marks_at(offset)]
        quote = self.quote_at(offset)
        if quote is not None:
            lines.append(quote_tooltip(quote, text))
        entity = self.entity_at(offset)
        if entity is not None:
            lines.append(f"Entity · {entity.canonical or text[entity.start : entity.end]} ({entity.label})")
        lines += [
            f"Saved highlight · {h.kind} · {h.note or 'no note'}"
            for h in self._saved
            if h.start <= offset < h.end and not h.orphaned
        ]
        return "\n".join(lines)

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
        self._ensure_shown(end)
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
        self._ensure_shown(offset)
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
        self._entity_spans = sorted(spans)
        self._entity_index = -1
        self._refresh_extra()
        if self._entity_spans:
            self.step_spans(1)

    def marked_spans(self) -> list[tuple[int, int]]:
        return list(self._entity_spans)

    def step_spans(self, direction: int) -> tuple[int, int] | None:
        """F3 / Shift+F3: move to the next/previous marked mention (wraps). Returns it."""
        return self._step("entity", direction)

    def find(self, query: str, case_sensitive: bool = False) -> int:
        """Mark every occurrence of ``query``; returns the count and selects the first after the cursor."""
        self._find_spans, self._find_index = [], -1
        if query and self._article is not None:
            hay = self._article.text if case_sensitive else self._article.text.casefold()
            needle = query if case_sensitive else query.casefold()
            if len(hay) == len(self._article.text):  # casefold can change lengths (ß → ss)
                pos = hay.find(needle)
                while pos >= 0:
                    self._find_spans.append((pos, pos + len(needle)))
                    pos = hay.find(needle, pos + max(1, len(needle)))
        self._refresh_extra()
        if self._find_spans:
            self.step_find(1)
        return len(self._find_spans)

    def step_find(self, direction: int) -> tuple[int, int] | None:
        return self._step("find", direction)

    def find_position(self) -> tuple[int, int]:
        """(current match number from 1, total); (0, total) before the first step."""
        return self._find_index + 1, len(self._find_spans)

    def _step(self, which: str, direction: int) -> tuple[int, int] | None:
        spans = self._entity_spans if which == "entity" else self._find_spans
        if not spans:
            return None
        index = self._entity_index if which == "entity" else self._find_index
        if index < 0:
            here = self.cursor_offset()
            after = [i for i, (s, _) in enumerate(spans) if s >= here]
            index = (
                (after[0] if after else 0) if direction > 0 else (after[0] - 1 if after else len(spans) - 1)
            )
        else:
            index = (index + direction) % len(spans)
        index %= len(spans)
        if which == "entity":
            self._entity_index = index
        else:
            self._find_index = index
        self.jump_to(*spans[index])
        self._refresh_extra()
        return spans[index]

    def _refresh_extra(self) -> None:
        self._ensure_shown(max((e for _, e in self._entity_spans + self._find_spans), default=0))
        selections: list[QTextEdit.ExtraSelection] = []
        mention_bg = QColor(mix(underline(speaker_hue(2), self._theme), self._theme.page, 0.55))
        find_bg = QColor(mix(CUSTOM_HUE, self._theme.page, 0.25 if self._theme.name == "light" else 0.55))
        for spans, bg, current in (
            (self._entity_spans, mention_bg, self._entity_index),
            (self._find_spans, find_bg, self._find_index),
        ):
            for i, (s, e) in enumerate(spans):
                sel = QTextEdit.ExtraSelection()
                cursor = QTextCursor(self.document())
                cursor.setPosition(self._qt(s))
                cursor.setPosition(self._qt(e), QTextCursor.MoveMode.KeepAnchor)
                sel.cursor = cursor  # type: ignore[attr-defined]
                fmt = QTextCharFormat()
                fmt.setBackground(bg)
                fmt.setForeground(QColor("#000000"))
                if i == current:
                    fmt.setProperty(QTextFormat.Property.OutlinePen, QPen(QColor(self._theme.text), 1))
                    fmt.setFontUnderline(True)
                sel.format = fmt  # type: ignore[attr-defined]
                selections.append(sel)
        self.setExtraSelections(selections)

    def clear_marked(self) -> None:
        self._entity_spans, self._find_spans = [], []
        self._entity_index = self._find_index = -1
        self._refresh_extra()

    # --- zoom and layout ----------------------------------------------------------------------------

    def _body_font(self) -> QFont:
        font = QFont()
        font.setFamilies(SERIF_FAMILIES)
        font.setStyleHint(QFont.StyleHint.Serif)
        font.setPointSizeF(max(6.0, BASE_POINT_SIZE * (1.1**self._zoom)))
        return font

    def _apply_font(self) -> None:
        self.document().setDefaultFont(self._body_font())
        self._update_margins()

    def zoom(self) -> int:
        return self._zoom

    def set_zoom(self, level: int) -> None:
        """Zoom steps (0 = default, each step ×1.1). Re-lays out the article with the new size."""
        level = max(-6, min(12, level))
        if level == self._zoom:
            return
        self._zoom = level
        self._rendered.clear()  # kept documents carry the old font size
        if self._article is not None:
            self._redisplay()
        else:
            self._apply_font()
        self.zoom_changed.emit(level)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_margins()

    def _update_margins(self) -> None:
        """Centre a column of ~COLUMN_CHARS characters by widening the root frame's side margins."""
        metrics = QFontMetricsF(self._body_font())
        column = metrics.averageCharWidth() * COLUMN_CHARS
        width = self.viewport().width()
        side = max(28.0, (width - column) / 2)
        if (
            abs(side - self._side_margin) < 1
            and self.document().rootFrame().frameFormat().leftMargin() == side
        ):
            return
        self._side_margin = side
        frame = self.document().rootFrame()
        fmt = frame.frameFormat()
        fmt.setLeftMargin(side)
        fmt.setRightMargin(side)
        fmt.setTopMargin(24)
        fmt.setBottomMargin(48)
        frame.setFrameFormat(fmt)

    # --- painting: speaker bars and badges in the margin, saved highlight boxes ---------------------

    def _line_rects(self, start: int, end: int) -> list[QRectF]:
        """Viewport rectangles of each visual line covering code points ``[start, end)``."""
        doc = self.document()
        s16, e16 = self._qt(start), self._qt(end)
        rects: list[QRectF] = []
        block = doc.findBlock(s16)
        dx, dy = -self.horizontalScrollBar().value(), -self.verticalScrollBar().value()
        layout_doc = doc.documentLayout()
        while block.isValid() and block.position() <= e16:
            layout = block.layout()
            origin = layout_doc.blockBoundingRect(block).topLeft()
            for i in range(layout.lineCount()):
                line = layout.lineAt(i)
                ls = block.position() + line.textStart()
                le = ls + line.textLength()
                if le <= s16 or ls >= e16:
                    continue
                x1 = line.cursorToX(max(s16, ls) - block.position())[0]
                x2 = line.cursorToX(min(e16, le) - block.position())[0]
                rects.append(
                    QRectF(origin.x() + x1 + dx, origin.y() + line.y() + dy, max(2.0, x2 - x1), line.height())
                )
            block = block.next()
        return rects

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._article is None:
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        visible = QRectF(self.viewport().rect())
        top = self._cp(self.cursorForPosition(QPoint(0, 0)).position())
        bottom = self._cp(
            self.cursorForPosition(QPoint(self.viewport().width(), self.viewport().height())).position()
        )
        if self._analysis is not None and Layer.SPEAKERS in self._layers and self._plan is not None:
            self._paint_speaker_bars(painter, visible, top, bottom)
        self._paint_saved(painter, top, bottom)
        self._paint_analyst(painter, top, bottom)
        painter.end()

    def _paint_speaker_bars(self, painter: QPainter, visible: QRectF, top: int, bottom: int) -> None:
        """Each quote gets a bar in the margin in its speaker's colour and line pattern, and its first
        line the speaker's initials badge left of it (where the margin has room)."""
        assert self._analysis is not None and self._plan is not None
        book = self.format_book()
        x = self._side_margin - 14 - self.horizontalScrollBar().value()
        origin = -float(self.verticalScrollBar().value())
        font = badge_font()
        badges: list[tuple[QRectF, str]] = []
        for quote in self._analysis.quotes:
            index = self._plan.speaker_index.get(quote.speaker_entity or "", -1)
            if index < 0 or quote.end < top or quote.start > bottom:
                continue
            style = book.style(index)
            first: QRectF | None = None
            for s, e in quote.content:
                rects = self._line_rects(s, e)
                if not rects:
                    continue
                first = first or rects[0]
                span = (rects[0].top() + 3, rects[-1].bottom() - 3)
                paint_bar(painter, style, self._theme, x, span, origin)
            if first is not None:
                self._paint_badge(painter, book, index, first, font, badges)

    def _paint_badge(
        self,
        painter: QPainter,
        book: FormatBook,
        index: int,
        line: QRectF,
        font: QFont,
        badges: list[tuple[QRectF, str]],
    ) -> None:
        """The initials left of the bar and the saved-highlight dot, beside ``line``; a second speaker
        starting on the same line gets the next place to the left, a repeat of one is skipped."""
        style = book.style(index)
        width, height = badge_width(style, font), 14.0
        right = self._side_margin - 30 - self.horizontalScrollBar().value()
        rect = QRectF(right - width, line.center().y() - height / 2, width, height)
        clash = next((b for b in badges if b[0].intersects(rect)), None)
        while clash is not None:
            if clash[1] == style.initials:
                return
            rect.moveRight(clash[0].left() - 3)
            clash = next((b for b in badges if b[0].intersects(rect)), None)
        if rect.left() < 2:
            return  # a narrow window: the bar and the tint still carry the speaker
        paint_badge(painter, style, self._theme, rect, font)
        badges.append((rect, style.initials))

    def _paint_saved(self, painter: QPainter, top: int, bottom: int) -> None:
        for highlight in self._saved:
            if highlight.end < top or highlight.start > bottom:
                continue
            hue = highlight.colour or CUSTOM_HUE
            colour = QColor(underline(hue, self._theme)) if highlight.colour else QColor(self._theme.text)
            pen = QPen(colour, 1.6)
            pen.setStyle(Qt.PenStyle.SolidLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            rects = self._line_rects(highlight.start, highlight.end)
            for rect in rects:
                painter.drawRoundedRect(rect.adjusted(-1.5, 0.5, 1.5, -0.5), 3, 3)
            if rects:
                dot = QRectF(
                    self._side_margin - 26 - self.horizontalScrollBar().value(),
                    rects[0].center().y() - 4,
                    8,
                    8,
                )
                painter.setBrush(colour)
                painter.drawEllipse(dot)

    def _paint_analyst(self, painter: QPainter, top: int, bottom: int) -> None:
        """The analyst's sign on every mark the analyst corrected or added: a dashed line under it and
        a pen (✎) in the right margin, so "the model said" and "you said" never look alike."""
        if self._analysis is None:
            return
        colour = QColor(self._theme.text)
        pen = QPen(colour, 1.4)
        pen.setStyle(Qt.PenStyle.DashLine)
        font = badge_font()
        for mark in self._analysis.marks:
            if mark.analyst is None or mark.end < top or mark.start > bottom:
                continue
            rects = self._line_rects(mark.start, mark.end)
            painter.setPen(pen)
            for rect in rects:
                y = rect.bottom() + 1
                painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
            if rects:
                x = self.viewport().width() - self._side_margin + 10 - self.horizontalScrollBar().value()
                glyph = QRectF(x, rects[0].top(), 18, rects[0].height())
                painter.setFont(font)
                painter.setPen(colour)
                painter.drawText(glyph, Qt.AlignmentFlag.AlignVCenter, "✎")

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


__all__ = ["COLUMN_CHARS", "ReaderView", "mark_label", "mark_tooltip", "quote_tooltip"]
