"""What the reader paints over its text rather than formatting into it: the speaker bars and initials
badges in the left margin, the outlined boxes and ● of saved highlights, the analyst's dashed line and
✎ on corrected marks, and the extra selections of entity mentions and find matches.

Painted, not character formats, so these stay visually distinct from the automatic layers and never
hide them. Plain functions over a :class:`PaintContext` (the painter, the theme, the column's margin,
the scroll offsets and a way to get a span's line rectangles), so nothing here holds the view; the
speaker look itself is ``ui.speaker_look``. GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPainter,
    QPen,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QTextBrowser, QTextEdit

from stance_reader.core.models import Analysis, Highlight, Mark, Quote
from stance_reader.core.palette import CUSTOM_HUE, Theme, mix, speaker_hue, underline
from stance_reader.ui.render_plan import FormatBook
from stance_reader.ui.speaker_look import badge_font, badge_width, paint_badge, paint_bar


@dataclass(frozen=True)
class PaintContext:
    """One paint of the reader's viewport: ``rects(start, end)`` gives the viewport rectangles of the
    visual lines covering code points ``[start, end)``; ``top`` and ``bottom`` are the code points at
    the view's corners (what lies wholly outside is skipped)."""

    painter: QPainter
    theme: Theme
    rects: Callable[[int, int], list[QRectF]]
    side_margin: float
    scroll_x: int
    scroll_y: int
    width: int
    top: int
    bottom: int


def viewport_context(
    view: QTextBrowser,
    painter: QPainter,
    theme: Theme,
    side_margin: float,
    to_cp: Callable[[int], int],
    rects: Callable[[int, int], list[QRectF]],
) -> PaintContext:
    """The context of one paint of ``view``'s viewport (``to_cp``: document position → code point)."""
    width, height = view.viewport().width(), view.viewport().height()
    return PaintContext(
        painter=painter,
        theme=theme,
        rects=rects,
        side_margin=side_margin,
        scroll_x=view.horizontalScrollBar().value(),
        scroll_y=view.verticalScrollBar().value(),
        width=width,
        top=to_cp(view.cursorForPosition(QPoint(0, 0)).position()),
        bottom=to_cp(view.cursorForPosition(QPoint(width, height)).position()),
    )


def line_rects(doc: QTextDocument, s16: int, e16: int, dx: float, dy: float) -> list[QRectF]:
    """Rectangles of each visual line of ``doc`` covering UTF-16 positions ``[s16, e16)``, shifted by
    ``(dx, dy)`` (minus the scroll offsets: viewport coordinates)."""
    rects: list[QRectF] = []
    block = doc.findBlock(s16)
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


def paint_overlays(
    ctx: PaintContext,
    analysis: Analysis | None,
    speaker_index: Mapping[str, int] | None,
    book: Callable[[], FormatBook],
    saved: Sequence[Highlight],
) -> None:
    """Everything painted over the text, in order: speaker bars and badges (when ``speaker_index`` is
    given: the speakers layer is shown), saved highlights, the analyst's signs."""
    if analysis is not None and speaker_index is not None:
        paint_speaker_bars(ctx, analysis.quotes, speaker_index, book())
    paint_saved(ctx, saved)
    if analysis is not None:
        paint_analyst(ctx, analysis.marks)


def paint_speaker_bars(
    ctx: PaintContext, quotes: Sequence[Quote], speaker_index: Mapping[str, int], book: FormatBook
) -> None:
    """Each quote gets a bar in the margin in its speaker's colour and line pattern, and its first
    line the speaker's initials badge left of it (where the margin has room)."""
    x = ctx.side_margin - 14 - ctx.scroll_x
    origin = -float(ctx.scroll_y)
    font = badge_font()
    badges: list[tuple[QRectF, str]] = []
    for quote in quotes:
        index = speaker_index.get(quote.speaker_entity or "", -1)
        if index < 0 or quote.end < ctx.top or quote.start > ctx.bottom:
            continue
        style = book.style(index)
        first: QRectF | None = None
        for s, e in quote.content:
            rects = ctx.rects(s, e)
            if not rects:
                continue
            first = first or rects[0]
            span = (rects[0].top() + 3, rects[-1].bottom() - 3)
            paint_bar(ctx.painter, style, ctx.theme, x, span, origin)
        if first is not None:
            _paint_badge(ctx, book, index, first, font, badges)


def _paint_badge(
    ctx: PaintContext,
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
    right = ctx.side_margin - 30 - ctx.scroll_x
    rect = QRectF(right - width, line.center().y() - height / 2, width, height)
    clash = next((b for b in badges if b[0].intersects(rect)), None)
    while clash is not None:
        if clash[1] == style.initials:
            return
        rect.moveRight(clash[0].left() - 3)
        clash = next((b for b in badges if b[0].intersects(rect)), None)
    if rect.left() < 2:
        return  # a narrow window: the bar and the tint still carry the speaker
    paint_badge(ctx.painter, style, ctx.theme, rect, font)
    badges.append((rect, style.initials))


def paint_saved(ctx: PaintContext, highlights: Sequence[Highlight]) -> None:
    """Saved highlights as outlined boxes round their lines, with a ● in the margin."""
    painter = ctx.painter
    for highlight in highlights:
        if highlight.end < ctx.top or highlight.start > ctx.bottom:
            continue
        hue = highlight.colour or CUSTOM_HUE
        colour = QColor(underline(hue, ctx.theme)) if highlight.colour else QColor(ctx.theme.text)
        pen = QPen(colour, 1.6)
        pen.setStyle(Qt.PenStyle.SolidLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        rects = ctx.rects(highlight.start, highlight.end)
        for rect in rects:
            painter.drawRoundedRect(rect.adjusted(-1.5, 0.5, 1.5, -0.5), 3, 3)
        if rects:
            dot = QRectF(ctx.side_margin - 26 - ctx.scroll_x, rects[0].center().y() - 4, 8, 8)
            painter.setBrush(colour)
            painter.drawEllipse(dot)


def paint_analyst(ctx: PaintContext, marks: Sequence[Mark]) -> None:
    """The analyst's sign on every mark the analyst corrected or added: a dashed line under it and
    a pen (✎) in the right margin, so "the model said" and "you said" never look alike."""
    painter = ctx.painter
    colour = QColor(ctx.theme.text)
    pen = QPen(colour, 1.4)
    pen.setStyle(Qt.PenStyle.DashLine)
    font = badge_font()
    for mark in marks:
        if mark.analyst is None or mark.end < ctx.top or mark.start > ctx.bottom:
            continue
        rects = ctx.rects(mark.start, mark.end)
        painter.setPen(pen)
        for rect in rects:
            y = rect.bottom() + 1
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
        if rects:
            x = ctx.width - ctx.side_margin + 10 - ctx.scroll_x
            glyph = QRectF(x, rects[0].top(), 18, rects[0].height())
            painter.setFont(font)
            painter.setPen(colour)
            painter.drawText(glyph, Qt.AlignmentFlag.AlignVCenter, "✎")


def span_selections(
    doc: QTextDocument,
    to_qt: Callable[[int], int],
    theme: Theme,
    entity: tuple[Sequence[tuple[int, int]], int],
    found: tuple[Sequence[tuple[int, int]], int],
) -> list[QTextEdit.ExtraSelection]:
    """Extra selections for an entity's mentions and the find matches, each given as (spans, index of
    the current one): a tinted background, the current one outlined and underlined."""
    selections: list[QTextEdit.ExtraSelection] = []
    mention_bg = QColor(mix(underline(speaker_hue(2), theme), theme.page, 0.55))
    find_bg = QColor(mix(CUSTOM_HUE, theme.page, 0.25 if theme.name == "light" else 0.55))
    for (spans, current), bg in ((entity, mention_bg), (found, find_bg)):
        for i, (s, e) in enumerate(spans):
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(doc)
            cursor.setPosition(to_qt(s))
            cursor.setPosition(to_qt(e), QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor  # type: ignore[attr-defined]
            fmt = QTextCharFormat()
            fmt.setBackground(bg)
            fmt.setForeground(QColor("#000000"))
            if i == current:
                fmt.setProperty(QTextFormat.Property.OutlinePen, QPen(QColor(theme.text), 1))
                fmt.setFontUnderline(True)
            sel.format = fmt  # type: ignore[attr-defined]
            selections.append(sel)
    return selections


__all__ = [
    "PaintContext",
    "line_rects",
    "paint_analyst",
    "paint_overlays",
    "paint_saved",
    "paint_speaker_bars",
    "span_selections",
    "viewport_context",
]
