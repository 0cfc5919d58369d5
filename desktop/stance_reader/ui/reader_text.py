"""The reader's shown text: the document on screen, where its body starts, and the column it sits in.

Owns :class:`ShownText`: the one conversion between code points in ``Article.text`` and Qt's UTF-16
document positions (``core.offsets.Utf16Map``, shifted by the header printed above the body), which
document is on screen and when an old one is deleted, the preview of a long article and the rest of
its text a moment later, the body font and the centred column's side margins, and putting another
document with the same text on screen where the reader was (:func:`swap_keeping_place`: same lines at
the top, same selection). Kept apart from :class:`~stance_reader.ui.reader.ReaderView` so the view's
state and its documents' bookkeeping do not share one class; it reaches the view only through the
public ``QTextBrowser`` API and the callables it is built with. :func:`prepare_view` holds the
widget's settings. GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QFont, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QTextEdit

from stance_reader.core.models import Article
from stance_reader.core.offsets import Utf16Map
from stance_reader.core.palette import Theme
from stance_reader.ui.reader_document import (
    DOCUMENT_MARGIN,
    column_margin,
    new_document,
    preview_length,
    set_side_margins,
    utf16_map,
)

REST_DELAY_MS = 250  # a long article's text after the preview follows this long after it


def prepare_view(view: QTextBrowser) -> None:
    """The reader's widget settings: read-only but selectable, no frame, drops left to the window."""
    view.setObjectName("reader")
    view.setAccessibleName("Article text")
    view.setAccessibleDescription("The article with speakers, hedges and commitments colour-coded")
    view.setReadOnly(True)
    view.setOpenLinks(False)
    view.setUndoRedoEnabled(False)
    view.setAcceptDrops(False)  # the window takes dropped files
    view.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    view.setFrameShape(QTextEdit.Shape.NoFrame)
    view.setMouseTracking(True)
    doc = view.document()
    doc.setUndoRedoEnabled(False)
    doc.setDocumentMargin(DOCUMENT_MARGIN)


class ShownText:
    """The article's text as ``view`` shows it.

    Built with ``font()`` (the body font at the current zoom) and ``theme()`` (for fresh documents),
    ``held(doc)`` (a document the render keeps must not be deleted) and ``swapped()`` (another
    document replaced the shown one in place).
    """

    def __init__(
        self,
        view: QTextBrowser,
        *,
        font: Callable[[], QFont],
        theme: Callable[[], Theme],
        held: Callable[[QTextDocument], bool],
        swapped: Callable[[], None],
    ) -> None:
        self._view, self._font, self._theme = view, font, theme
        self._held, self._swapped = held, swapped
        self.article: Article | None = None
        self.doc: QTextDocument | None = None  # ours on screen (None: still Qt's built-in one)
        self._map = Utf16Map("")
        self._body_start = 0  # UTF-16 position where the body starts (after the header)
        self.chars = 0  # code points of the body in the shown document (a preview may be shorter)
        self.side_margin = float(DOCUMENT_MARGIN)  # of the centred column, in pixels

    def to_qt(self, offset: int) -> int:
        """Code point in ``Article.text`` → QTextDocument position (UTF-16, header included)."""
        return self._body_start + self._map.to_utf16(offset)

    def to_cp(self, position: int) -> int:
        """QTextDocument position → code point in ``Article.text`` (clamped to the body)."""
        length = len(self.article.text) if self.article else 0
        return max(0, min(length, self._map.to_codepoint(max(0, position - self._body_start))))

    def reset(self, article: Article | None) -> None:
        """Show ``article``'s plain text at once: all of a short one; of a long one the opening, and
        the rest a moment later."""
        self.article = article
        text = article.text if article else ""
        self._map = utf16_map(text)
        self.chars = preview_length(text)
        self.show(self.new(self.chars))
        if self.chars < len(text):
            QTimer.singleShot(REST_DELAY_MS, lambda a=article: self.show_rest(a))

    def show_rest(self, article: Article | None) -> None:
        """Put in the plain text after the preview, unless the coloured copy already replaced it."""
        if article is None or article is not self.article or self.chars >= len(article.text):
            return
        # A fresh document swapped in: inserting into the shown one makes Qt lay it all out at once.
        self.chars = len(article.text)
        self.replace(self.new(self.chars))

    def ensure_shown(self, end: int) -> None:
        """Before a position past a preview is used, put the rest of the text in."""
        if end > self.chars:
            self.show_rest(self.article)

    def new(self, body_chars: int) -> QTextDocument:
        """A fresh document with the article's header and first ``body_chars`` code points."""
        doc, self._body_start = new_document(
            self._view, self.article, self._theme(), self._font(), body_chars
        )
        return doc

    def show(self, doc: QTextDocument) -> None:
        # A fresh document is faster than clearing a large one and drops every old format at once.
        old, self.doc = self.doc, doc
        self._view.setDocument(doc)  # Qt deletes its built-in document itself; ours we delete
        if old is not None and old is not doc and not self._held(old):
            old.deleteLater()
        self.apply_font()
        self.fit_column()

    def apply_font(self) -> None:
        """The body font (the zoom changed, or a document was put on screen) and the column for it."""
        self._view.document().setDefaultFont(self._font())
        self.fit_column()

    def fit_column(self) -> None:
        """Centre a column of ~COLUMN_CHARS characters by widening the root frame's side margins."""
        doc = self._view.document()
        side = column_margin(self._font(), self._view.viewport().width())
        if abs(side - self.side_margin) < 1 and doc.rootFrame().frameFormat().leftMargin() == side:
            return
        self.side_margin = side
        set_side_margins(doc, side)

    def replace(self, doc: QTextDocument) -> None:
        """Show ``doc`` (the same text, other formats) where the reader was."""
        swap_keeping_place(self._view, doc, self.show)
        self._swapped()

    def show_whole(self, doc: QTextDocument) -> None:
        """Show ``doc`` holding the whole (coloured) text where the reader was."""
        self.replace(doc)
        self.chars = len(self.article.text) if self.article else 0


def swap_keeping_place(view: QTextBrowser, doc: QTextDocument, show: Callable[[QTextDocument], None]) -> None:
    """Show ``doc`` (the same text, other formats) in ``view`` through ``show`` where the reader was:
    same lines at the top of the view, same selection. Qt lays a large document out lazily; only the
    part down to the old view is laid out here, so a 50,000-word article does not stall the window."""
    bar = view.verticalScrollBar()
    top, old = bar.value(), view.textCursor()
    anchor, position = old.anchor(), old.position()
    first = view.cursorForPosition(QPoint(0, 0)).block()
    below = view.cursorForPosition(view.viewport().rect().bottomRight()).position()
    old_layout = view.document().documentLayout()
    inside = top - old_layout.blockBoundingRect(first).y() if first.isValid() else 0.0
    first_position = first.position() if first.isValid() else -1
    view.blockSignals(True)  # the cursor only moves to the same place in the new document
    try:
        show(doc)
        cursor = QTextCursor(doc)
        last = doc.characterCount() - 1
        cursor.setPosition(min(anchor, last))
        cursor.setPosition(min(position, last), QTextCursor.MoveMode.KeepAnchor)
        view.setTextCursor(cursor)
    finally:
        view.blockSignals(False)
    if top > 0 and first_position >= 0:
        layout = doc.documentLayout()
        layout.blockBoundingRect(doc.findBlock(min(below, last)))  # lays out down to the old view
        bar.setValue(round(layout.blockBoundingRect(doc.findBlock(first_position)).y() + inside))


__all__ = ["REST_DELAY_MS", "ShownText", "prepare_view", "swap_keeping_place"]
