"""Qt drawing of a :class:`~stance_reader.core.speaker_style.SpeakerStyle`: the underline style, the
patterned margin bar, the initials badge and the swatch the sidebar and legend show.

Decides nothing: which speaker looks how is ``core.speaker_style``'s call; this only paints it.
GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QPixmap, QTextCharFormat

from stance_reader.core.palette import Theme
from stance_reader.core.speaker_style import PATTERN_DASHES, LinePattern, SpeakerStyle

UNDERLINES: dict[LinePattern, QTextCharFormat.UnderlineStyle] = {
    LinePattern.PLAIN: QTextCharFormat.UnderlineStyle.NoUnderline,
    LinePattern.DASHED: QTextCharFormat.UnderlineStyle.DashUnderline,
    LinePattern.DASH_DOT: QTextCharFormat.UnderlineStyle.DashDotLine,
    LinePattern.DASH_DOT_DOT: QTextCharFormat.UnderlineStyle.DashDotDotLine,
}
BADGE_FAMILIES = ["DejaVu Sans", "Noto Sans", "Segoe UI", "Helvetica", "Arial"]


def pattern_pen(style: SpeakerStyle, theme: Theme, width: float, unit: float, phase: float = 0.0) -> QPen:
    """A pen in the speaker's line colour with the speaker's dash pattern (solid when plain): each
    ``PATTERN_DASHES`` step ``unit`` pixels long, the pattern shifted by ``phase`` pixels."""
    pen = QPen(QColor(style.line(theme)), width)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    dashes = [d * unit / width for d in PATTERN_DASHES[style.pattern]]  # Qt counts in pen widths
    if dashes:
        pen.setDashPattern(dashes)
        pen.setDashOffset((phase / width) % sum(dashes))
    return pen


def paint_bar(
    painter: QPainter, style: SpeakerStyle, theme: Theme, x: float, span: tuple[float, float], origin: float
) -> None:
    """The margin bar beside a quote, from ``span[0]`` to ``span[1]``: ``x`` is its left edge, 4 px wide,
    patterned like the underline. Dashes are laid on a grid from ``origin`` (the document's top), so
    two bars overlapping on one paragraph keep one pattern instead of filling each other's gaps."""
    y1, y2 = span
    painter.save()
    painter.setPen(pattern_pen(style, theme, 4.0, unit=2.0, phase=y1 - origin))
    painter.drawLine(QPointF(x + 2, y1), QPointF(x + 2, max(y1 + 4, y2)))
    painter.restore()


def badge_font(point_size: float = 7.5) -> QFont:
    font = QFont()
    font.setFamilies(BADGE_FAMILIES)
    font.setPointSizeF(point_size)
    font.setBold(True)
    return font


def badge_width(style: SpeakerStyle, font: QFont) -> float:
    return QFontMetricsF(font).horizontalAdvance(style.initials or "?") + 8


def paint_badge(painter: QPainter, style: SpeakerStyle, theme: Theme, rect: QRectF, font: QFont) -> None:
    """The initials on the speaker's strong tint, framed in the line colour, the bottom edge drawn in
    the speaker's line pattern (as the legend's layer samples): the speaker's look in a few pixels."""
    painter.save()
    box = rect.adjusted(0.5, 0.5, -0.5, -0.5)
    fill = QColor(style.tint(theme, 0.38))
    painter.setPen(QPen(QColor(style.line(theme)), 1.0))
    painter.setBrush(fill)
    painter.drawRoundedRect(box, 3, 3)
    if style.pattern is not LinePattern.PLAIN:
        y = box.bottom() - 0.5
        start, end = QPointF(box.left() + 2, y), QPointF(box.right() - 2, y)
        painter.setPen(QPen(fill, 2.0))
        painter.drawLine(start, end)  # the gaps show the tint, not the solid frame under them
        painter.setPen(pattern_pen(style, theme, 2.0, unit=1.5))
        painter.drawLine(start, end)
    painter.setPen(QColor(theme.text))
    painter.setFont(font)
    painter.drawText(rect.adjusted(0, 0, 0, -1), Qt.AlignmentFlag.AlignCenter, style.initials or "?")
    painter.restore()


SWATCH_SIZE = (32, 14)  # fits a list row of the default font without clipping


def swatch(style: SpeakerStyle, theme: Theme) -> QPixmap:
    """A badge-sized picture of the speaker's look, for list icons (the sidebar, the legend)."""
    font = badge_font()
    width, height = SWATCH_SIZE
    width = max(width, round(badge_width(style, font)))
    pixmap = QPixmap(width, height)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    paint_badge(painter, style, theme, QRectF(0, 0, width, height), font)
    painter.end()
    return pixmap


__all__ = [
    "SWATCH_SIZE",
    "UNDERLINES",
    "badge_font",
    "badge_width",
    "paint_badge",
    "paint_bar",
    "pattern_pen",
    "swatch",
]
