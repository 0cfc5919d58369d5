"""How the Highlights dock paints one highlight: a compact card instead of table columns.

Owns :class:`HighlightCardDelegate` (chip, "speaker · kind", up to three wrapped lines of passage, the
note and #tags, each row as tall as its card) and :func:`elide_lines`, the measured word wrap it uses.
Painting only: the delegate reads the row's ``Highlight`` through ``HIGHLIGHT_ROLE`` and edits nothing.
GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from stance_reader.core import Highlight, HighlightKind
from stance_reader.ui.highlight_chips import HIGHLIGHT_ROLE, chip_icon


def elide_lines(text: str, metrics: QFontMetrics, width: int, lines: int) -> list[str]:
    """``text`` wrapped to ``width`` pixels in at most ``lines`` lines, the last one elided with "…"."""
    out: list[str] = []
    start = 0
    while start < len(text) and len(out) < lines:
        if len(out) == lines - 1:
            out.append(metrics.elidedText(text[start:], Qt.TextElideMode.ElideRight, width))
            break
        # Greedy word wrap by measured width: the longest prefix of whole words that fits.
        end, best = start, start
        while end < len(text):
            nxt = text.find(" ", end + 1)
            nxt = len(text) if nxt < 0 else nxt
            if metrics.horizontalAdvance(text[start:nxt]) > width:
                break
            best = end = nxt
        if best == start:  # one word wider than the line: let elision cut it
            out.append(metrics.elidedText(text[start:], Qt.TextElideMode.ElideRight, width))
            break
        out.append(text[start:best])
        start = best + 1
    return out


_SHORT_KIND = {
    HighlightKind.HEDGE: "hedge",
    HighlightKind.COMMITMENT: "commitment",
    HighlightKind.SPEAKER: "quote",
    HighlightKind.CUSTOM: "highlight",
}


class HighlightCardDelegate(QStyledItemDelegate):
    """Paints a highlight as a compact card: chip + "speaker · kind", up to three lines of passage, then
    the note and #tags. Fits a narrow dock where table columns would cut the passage to a few letters.
    Rows are as tall as their content (``sizeHint`` lays the card out at the view's width)."""

    PAD = 5
    PASSAGE_LINES = 3
    CHIP = 22  # chip width + gap, in pixels

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view

    def _lines(self, h: Highlight, font: QFont, width: int) -> list[tuple[str, str]]:
        """(style, text) per painted line: "meta", "passage" (up to three), "note", "tags"."""
        kind = _SHORT_KIND.get(h.kind, str(h.kind))
        meta = f"{h.speaker} · {kind}" if h.speaker else kind.capitalize()
        lines = [("meta", ("⚠ ORPHANED · " if h.orphaned else "") + meta)]
        passage = f"“{' '.join(h.quote.split())}”"
        lines += [("passage", t) for t in elide_lines(passage, QFontMetrics(font), width, self.PASSAGE_LINES)]
        if h.note:
            lines.append(("note", f"✎ {' '.join(h.note.split())}"))
        if h.tags:
            lines.append(("tags", " ".join(f"#{t}" for t in h.tags)))
        return lines

    def _width(self) -> int:
        return max(120, self._view.viewport().width() - 2 * self.PAD - self.CHIP)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        h: Highlight | None = index.data(HIGHLIGHT_ROLE)
        if h is None:
            return super().sizeHint(option, index)
        n = len(self._lines(h, option.font, self._width()))
        return QSize(200, 2 * self.PAD + n * option.fontMetrics.lineSpacing() + 2)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        h: Highlight | None = index.data(HIGHLIGHT_ROLE)
        if h is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text, opt.icon = "", QIcon()
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)

        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        group = (
            QPalette.ColorGroup.Active
            if option.state & QStyle.StateFlag.State_Active
            else QPalette.ColorGroup.Inactive
        )
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        ink = option.palette.color(group, role)
        muted = QColor(ink)
        muted.setAlphaF(0.72)
        fonts = {style_name: QFont(option.font) for style_name in ("meta", "passage", "note", "tags")}
        fonts["meta"].setBold(True)
        fonts["passage"].setItalic(h.orphaned)
        fonts["note"].setItalic(True)

        painter.save()
        rect = option.rect.adjusted(self.PAD, self.PAD, -self.PAD, -self.PAD)
        chip_icon(h).paint(painter, QRect(rect.left(), rect.top() + 1, 16, 16))
        x, width, line = rect.left() + self.CHIP, rect.width() - self.CHIP, option.fontMetrics.lineSpacing()
        y = rect.top()
        for style_name, text in self._lines(h, option.font, width):
            font = fonts[style_name]
            painter.setFont(font)
            painter.setPen(muted if style_name == "tags" else ink)
            shown = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, width)
            painter.drawText(QRect(x, y, width, line), Qt.AlignmentFlag.AlignVCenter, shown)
            y += line
        painter.restore()
