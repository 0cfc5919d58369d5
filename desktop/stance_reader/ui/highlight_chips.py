"""The look every highlight list shares: a highlight's colour, its chip icon, and the one-line excerpt.

Owns :func:`highlight_hue` (the highlight's own colour, else its kind's hue), :func:`chip_icon` (a small
coloured square with the kind's letter, hollow when orphaned; cached per look), :func:`excerpt` and
``HIGHLIGHT_ROLE`` (the item-data role under which a list's model hands out the ``Highlight`` of a row).
Kept apart from the widgets so the dock, the All-highlights window and the ledger draw highlights alike
without importing each other. GUI thread only (the chips are ``QPixmap``s).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from stance_reader.core import Highlight, HighlightKind
from stance_reader.core.palette import COMMITMENT_HUE, CUSTOM_HUE, HEDGE_HUE, SPEAKER_HUES

_KIND_HUES = {
    HighlightKind.HEDGE: HEDGE_HUE,
    HighlightKind.COMMITMENT: COMMITMENT_HUE,
    HighlightKind.CUSTOM: CUSTOM_HUE,
    HighlightKind.SPEAKER: SPEAKER_HUES[0],
}
# Letters inside the chip so kinds are told apart without colour (colour-blind and greyscale safe).
_KIND_LETTERS = {
    HighlightKind.HEDGE: "H",
    HighlightKind.COMMITMENT: "C",
    HighlightKind.SPEAKER: "S",
    HighlightKind.CUSTOM: "•",
}
HIGHLIGHT_ROLE = Qt.ItemDataRole.UserRole + 1
EXCERPT_CHARS = 160


def highlight_hue(highlight: Highlight) -> str:
    """The highlight's own colour, else its kind's default hue ("#rrggbb")."""
    return highlight.colour or _KIND_HUES.get(highlight.kind, CUSTOM_HUE)


_chip_cache: dict[tuple[str, str, bool], QIcon] = {}


def chip_icon(highlight: Highlight) -> QIcon:
    """A small rounded square in the highlight's colour with its kind letter; hollow when orphaned."""
    hue, letter = highlight_hue(highlight), _KIND_LETTERS.get(highlight.kind, "•")
    key = (hue, letter, highlight.orphaned)
    if key not in _chip_cache:
        pix = QPixmap(16, 16)
        pix.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pix)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = QColor(hue)
        painter.setPen(colour.darker(140))
        painter.setBrush(Qt.BrushStyle.NoBrush if highlight.orphaned else colour)
        painter.drawRoundedRect(1, 1, 14, 14, 3, 3)
        font = QFont()
        font.setPixelSize(10)
        font.setBold(True)
        painter.setFont(font)
        dark_text = colour.lightnessF() > 0.55 or highlight.orphaned
        painter.setPen(QColor("#1B1B1B") if dark_text else QColor("#FFFFFF"))
        painter.drawText(pix.rect(), Qt.AlignmentFlag.AlignCenter, letter)
        painter.end()
        _chip_cache[key] = QIcon(pix)
    return _chip_cache[key]


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """One line of the passage: whitespace collapsed, cut at a word with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[:limit].rsplit(" ", 1)[0] + "…"
