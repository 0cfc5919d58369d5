"""The reader's incremental render: colouring an article's text in slices from the event loop so a
huge article never freezes the window, and keeping the last few coloured documents for reopening.

:class:`SliceRender` (owned by :class:`~stance_reader.ui.reader.ReaderView`) runs one pass at a time;
a new pass, a new article or a cancel supersedes the old one through a generation number. At the top
of the article each segment's text is inserted with its format into a detached staging document that
is swapped in at the end: formatting the document the view shows makes Qt re-lay it out after every
slice, several times the cost. Scrolled down a long article, the shown text is formatted in place
instead: swapping would have Qt lay out everything above the view at once (~0.1 s at 25,000 words), a
stall the analyst would feel.

:class:`RenderedDocuments` keeps the last few coloured documents so that reopening an unchanged
article shows its formatted text at once instead of formatting it again (~50 ms of the GUI thread at
10,000 words). A document is kept under everything its formats were made from (:func:`render_key`):
the render plan (the object: the window reuses one while the analysis, corrections and confidence bar
are unchanged), the layers shown, the theme, the body font and the article's header. The reader must
not change a kept document in place (:meth:`RenderedDocuments.forget` it first) nor delete one
(:meth:`RenderedDocuments.holds`); the cache deletes what it evicts, except the document on screen,
which the reader deletes when it replaces it.

The render talks back to the view only through the callables it is built with, so it holds no
reference to the widget. GUI thread only.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Collection, Hashable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextCursor, QTextDocument

from stance_reader.core.models import Article
from stance_reader.core.palette import Theme
from stance_reader.ui.reader_document import tighten_blank_lines
from stance_reader.ui.render_plan import FormatBook, Layer, RenderPlan, Segment

SLICE_SEGMENTS = 1500  # format runs inserted per event-loop turn (~5 ms each off-screen: well under 100 ms)
IN_PLACE_SEGMENTS = 500  # format runs applied per turn to the shown text (~8 ms each with Qt's re-layout)
KEPT = 3  # the article on screen and the two before it
MAX_CHARS = 400_000  # longer texts are not kept: a 50,000-word document costs tens of MB in Qt


def render_key(
    plan: RenderPlan | None, layers: Collection[Layer], theme: Theme, zoom: int, article: Article | None
) -> Hashable:
    """Everything a coloured document is made from."""
    a = article
    header = None if a is None else (
        a.content_hash, a.display_title, a.outlet, a.section, a.date, a.author, a.url, a.source_path,
        a.notices,
    )  # fmt: skip
    return (id(plan), frozenset(layers), theme, zoom, header)


class RenderedDocuments:
    def __init__(self, shown: Callable[[], QTextDocument | None], kept: int = KEPT) -> None:
        self._shown, self._kept = shown, kept
        self._docs: OrderedDict[Hashable, tuple[QTextDocument, object]] = OrderedDict()

    def get(self, key: Hashable) -> QTextDocument | None:
        found = self._docs.get(key)
        if found is None:
            return None
        self._docs.move_to_end(key)
        return found[0]

    def put(self, key: Hashable, doc: QTextDocument, keep_alive: object, chars: int) -> None:
        """Keep ``doc`` under ``key``; ``keep_alive`` (the plan) is held so its id is not reused."""
        if chars > MAX_CHARS:
            return
        self.forget(doc)
        self._docs[key] = (doc, keep_alive)
        while len(self._docs) > self._kept:
            _, (old, _plan) = self._docs.popitem(last=False)
            if old is not self._shown():
                old.deleteLater()

    def forget(self, doc: QTextDocument | None) -> None:
        """Stop keeping ``doc`` (it is about to change in place, or be deleted by the reader)."""
        for key in [k for k, (d, _) in self._docs.items() if d is doc]:
            del self._docs[key]

    def holds(self, doc: QTextDocument | None) -> bool:
        return any(d is doc for d, _ in self._docs.values())

    def clear(self) -> None:
        """Delete every kept document but the one on screen (the theme or the font changed)."""
        shown = self._shown()
        for doc, _ in self._docs.values():
            if doc is not shown:
                doc.deleteLater()
        self._docs.clear()


class SliceRender:
    """One render pass at a time over the view's article.

    Built with the view's callables: ``shown()`` the document on screen, ``book()`` the current
    format book, ``to_qt(offset)`` code point → document position, ``header_document()`` a fresh
    document with the header and no body, ``show(doc)`` puts a coloured document on screen where the
    reader was, ``done()`` is called once a pass (or a kept document) is shown.
    """

    def __init__(
        self,
        *,
        shown: Callable[[], QTextDocument | None],
        book: Callable[[], FormatBook],
        to_qt: Callable[[int], int],
        header_document: Callable[[], QTextDocument],
        show: Callable[[QTextDocument], None],
        done: Callable[[], None],
    ) -> None:
        self._shown, self._book, self._to_qt = shown, book, to_qt
        self._header_document, self._show, self._done = header_document, show, done
        self._kept = RenderedDocuments(shown)  # coloured documents kept for reopening
        self._pending: list[Segment] = []
        self._generation = 0
        self._rendering = False
        self._text = ""
        self._plan: RenderPlan | None = None
        self._staging: QTextDocument | None = None  # being coloured off-screen, shown when done
        self._staging_cursor = QTextCursor()
        self._in_place_cursor = QTextCursor()
        self._staging_key: Hashable = None

    @property
    def rendering(self) -> bool:
        return self._rendering

    def holds(self, doc: QTextDocument | None) -> bool:
        """Whether ``doc`` is kept (the view must not delete it)."""
        return self._kept.holds(doc)

    def clear_kept(self) -> None:
        """Drop the kept documents (they carry an old theme or font size)."""
        self._kept.clear()

    def cancel(self) -> None:
        """Supersede any pass under way and drop its staging document."""
        self._generation += 1
        self._drop_staging()
        self._pending = []
        self._rendering = False

    def start(
        self, plan: RenderPlan, text: str, layers: Collection[Layer], key: Hashable, in_place: bool
    ) -> None:
        """Colour ``text`` with ``plan``'s segments for ``layers``: in place in the shown document, or
        in a staging document (shown at once instead if one was kept under ``key``)."""
        self._generation += 1
        self._drop_staging()
        self._text, self._plan = text, plan
        kept = None if in_place else self._kept.get(key)
        if kept is not None:  # this very article, plan, theme and font were coloured a moment ago
            self._pending = []
            self._show(kept)
            self._rendering = False
            self._done()
            return
        self._pending = list(reversed(plan.segments(set(layers))))  # pop() = reading order
        self._rendering = True
        if in_place:
            shown = self._shown()
            self._kept.forget(shown)  # about to change: no longer what it was kept as
            self._in_place_cursor = QTextCursor(shown)
        else:
            self._staging_key = key
            self._staging = self._header_document()
            self._staging_cursor = QTextCursor(self._staging)
            self._staging_cursor.movePosition(QTextCursor.MoveOperation.End)
        self._apply_slice(self._generation)

    def _drop_staging(self) -> None:
        if self._staging is not None:
            self._staging.deleteLater()
            self._staging = None

    def _apply_slice(self, generation: int) -> None:
        if generation != self._generation:
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
            tighten_blank_lines(self._staging)
            doc, self._staging = self._staging, None
            self._show(doc)
            self._kept.put(self._staging_key, doc, self._plan, len(self._text))
        self._rendering = False
        self._done()

    def _insert_slice(self, count: int) -> None:
        book, cursor, text = self._book(), self._staging_cursor, self._text
        cursor.beginEditBlock()
        for _ in range(count):
            seg = self._pending.pop()
            cursor.insertText(text[seg.start : seg.end], book.format_for(seg.key))
        cursor.endEditBlock()

    def _format_slice(self, count: int) -> None:
        book, cursor = self._book(), self._in_place_cursor
        cursor.beginEditBlock()
        for _ in range(count):
            seg = self._pending.pop()
            cursor.setPosition(self._to_qt(seg.start))
            cursor.setPosition(self._to_qt(seg.end), QTextCursor.MoveMode.KeepAnchor)
            cursor.setCharFormat(book.format_for(seg.key))
        cursor.endEditBlock()


__all__ = ["RenderedDocuments", "SliceRender", "render_key"]
