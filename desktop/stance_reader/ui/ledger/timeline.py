"""A speaker's timeline: marks per week as stacked bars by kind (hedge / commitment / quote).

Drawn with QPainter (no chart library: pyqtgraph would add ~15 MB and numpy start-up to the bundle for
one bar chart). Clicking a bar emits ``week_clicked(week_start)``; the ledger view then narrows its list
to that week. The bars are real time: empty weeks between the first and the last take their place.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from stance_reader.core.ledger import LEDGER_KINDS, WeekCount
from stance_reader.core.palette import COMMITMENT_HUE, HEDGE_HUE, OKABE_ITO

KIND_HUES = {"hedge": HEDGE_HUE, "commitment": COMMITMENT_HUE, "quote": OKABE_ITO["bluish_green"]}
KIND_NAMES = {"hedge": "Hedges", "commitment": "Commitments", "quote": "Quotes"}
MARGIN_LEFT, MARGIN_BOTTOM, MARGIN_TOP, LEGEND_H = 34, 20, 6, 16


class TimelineChart(QWidget):
    """Stacked weekly bars; ``selected_week`` is outlined. GUI thread only."""

    week_clicked = Signal(str)  # the Monday (ISO date) of the clicked week

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ledger_timeline")
        self.setAccessibleName("Timeline: marks per week by kind")
        self.setMouseTracking(True)
        self.setMinimumHeight(120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.weeks: list[WeekCount] = []
        self.selected_week: str | None = None

    def sizeHint(self) -> QSize:
        return QSize(520, 140)

    def set_weeks(self, weeks: list[WeekCount]) -> None:
        self.weeks = list(weeks)
        if self.selected_week not in {w.week_start for w in self.weeks}:
            self.selected_week = None
        self.setToolTip("" if self.weeks else "No dated marks to chart")
        self.update()

    def select_week(self, week_start: str | None) -> None:
        self.selected_week = week_start
        self.update()

    # --- geometry ------------------------------------------------------------------------------------

    def _plot(self) -> QRectF:
        return QRectF(
            MARGIN_LEFT, MARGIN_TOP + LEGEND_H, max(1, self.width() - MARGIN_LEFT - 6),
            max(1, self.height() - MARGIN_TOP - LEGEND_H - MARGIN_BOTTOM),
        )  # fmt: skip

    def _peak(self) -> int:
        return max((w.total for w in self.weeks), default=0) or 1

    def bar_rect(self, index: int) -> QRectF:
        """The full-height slot of week ``index`` (its bar is drawn at the bottom of it)."""
        plot = self._plot()
        slot = plot.width() / max(1, len(self.weeks))
        gap = min(3.0, slot * 0.2)
        return QRectF(plot.left() + index * slot + gap / 2, plot.top(), max(1.0, slot - gap), plot.height())

    def week_at(self, point: QPoint) -> int | None:
        for index in range(len(self.weeks)):
            if self.bar_rect(index).contains(point.toPointF()):
                return index
        return None

    # --- events --------------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self.week_at(event.position().toPoint())
        if index is not None and event.button() == Qt.MouseButton.LeftButton:
            week = self.weeks[index].week_start
            self.select_week(None if week == self.selected_week else week)
            self.week_clicked.emit(self.selected_week or "")
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        index = self.week_at(event.position().toPoint())
        if index is None:
            QToolTip.hideText()
        else:
            w = self.weeks[index]
            QToolTip.showText(
                event.globalPosition().toPoint(),
                f"Week of {w.week_start}: {w.hedges} hedges, {w.commitments} commitments, "
                f"{w.quotes} quotes (click to list them)",
                self,
            )
        super().mouseMoveEvent(event)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        ink = self.palette().color(self.foregroundRole())
        self._draw_legend(painter, ink)
        plot = self._plot()
        if not self.weeks:
            painter.setPen(ink)
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, "No dated marks to chart")
            return
        self._draw_axes(painter, plot, ink)
        for index, week in enumerate(self.weeks):
            self._draw_bar(painter, index, week, ink)

    def _draw_legend(self, painter: QPainter, ink: QColor) -> None:
        x = MARGIN_LEFT
        for kind in LEDGER_KINDS:
            painter.fillRect(x, MARGIN_TOP + 3, 10, 10, QColor(KIND_HUES[kind]))
            painter.setPen(ink)
            label = KIND_NAMES[kind]
            painter.drawText(x + 14, MARGIN_TOP + 12, label)
            x += 24 + painter.fontMetrics().horizontalAdvance(label)

    def _draw_axes(self, painter: QPainter, plot: QRectF, ink: QColor) -> None:
        painter.setPen(QPen(ink, 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        peak = self._peak()
        right = Qt.AlignmentFlag.AlignRight
        painter.drawText(QRectF(0, plot.top() - 6, MARGIN_LEFT - 4, 14), right, str(peak))
        painter.drawText(QRectF(0, plot.bottom() - 8, MARGIN_LEFT - 4, 14), right, "0")
        first, last = self.weeks[0].week_start, self.weeks[-1].week_start
        below = QRectF(plot.left(), plot.bottom() + 2, plot.width(), MARGIN_BOTTOM - 2)
        painter.drawText(below, Qt.AlignmentFlag.AlignLeft, first)
        if last != first:
            painter.drawText(below, Qt.AlignmentFlag.AlignRight, last)

    def _draw_bar(self, painter: QPainter, index: int, week: WeekCount, ink: QColor) -> None:
        slot = self.bar_rect(index)
        scale = slot.height() / self._peak()
        bottom = slot.bottom()
        for kind in LEDGER_KINDS:
            height = week.count(kind) * scale
            if height <= 0:
                continue
            bar = QRectF(slot.left(), bottom - height, slot.width(), height)
            painter.fillRect(bar, QColor(KIND_HUES[kind]))
            bottom -= height
        if week.week_start == self.selected_week:
            painter.setPen(QPen(ink, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(slot.adjusted(0, 0, -1, -1))


__all__ = ["KIND_HUES", "TimelineChart"]
