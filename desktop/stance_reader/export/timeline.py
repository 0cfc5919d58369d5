"""A speaker's timeline picture: marks per week as stacked bars by kind (hedges, commitments, quotes),
from ``core.ledger.weekly_counts``. Two renderings of one layout:

- :func:`svg`: inline SVG for the HTML dossier, with axis labels and a legend.
- :func:`png`: the same bars as a PNG for DOCX and PDF, written in pure Python (zlib + struct). Why not
  QImage/QPainter: export/ may use Qt only in ``to_pdf.py``; a second Qt module would need a new
  contract exception and a QGuiApplication just to write a DOCX. Bars are rectangles, so a PNG needs
  no font or anti-aliasing: the document prints the legend and the date range as text beside it.

Colours are the window's kind hues (``core.palette``), quotes the neutral grey; the stacking order
(hedges at the bottom) is a second cue besides colour.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from stance_reader.core import palette
from stance_reader.core.ledger import WeekCount

QUOTE_HUE = "#8C8C8C"
KIND_COLOURS = (("hedge", palette.HEDGE_HUE), ("commitment", palette.COMMITMENT_HUE), ("quote", QUOTE_HUE))
KIND_NAMES = {"hedge": "hedges", "commitment": "commitments", "quote": "quotes"}
WIDTH, HEIGHT = 640, 180
AXIS = "#5A5A5A"


@dataclass(frozen=True, slots=True)
class Bar:
    """One stacked segment: x, y (top), width, height in picture units, and its colour."""

    x: float
    y: float
    width: float
    height: float
    colour: str


@dataclass(frozen=True, slots=True)
class Layout:
    """Where the plot sits in a ``width`` x ``height`` picture (margins for the SVG's labels)."""

    width: int = WIDTH
    height: int = HEIGHT
    left: int = 36
    right: int = 8
    top: int = 22
    bottom: int = 24

    @property
    def plot_width(self) -> int:
        return self.width - self.left - self.right

    @property
    def plot_height(self) -> int:
        return self.height - self.top - self.bottom

    @property
    def baseline(self) -> int:
        return self.top + self.plot_height


def peak(weeks: Sequence[WeekCount]) -> int:
    return max((w.total for w in weeks), default=0)


def bars(weeks: Sequence[WeekCount], layout: Layout = Layout()) -> list[Bar]:
    """The stacked segments of every week with marks (empty weeks keep their slot: real time)."""
    top = peak(weeks)
    if not weeks or top == 0:
        return []
    slot = layout.plot_width / len(weeks)
    gap = min(2.0, slot * 0.2)  # a hairline between weeks while there is room for it
    unit = layout.plot_height / top
    found: list[Bar] = []
    for i, week in enumerate(weeks):
        y = float(layout.baseline)
        for kind, colour in KIND_COLOURS:
            count = week.count(kind)
            if count:
                y -= count * unit
                found.append(Bar(layout.left + i * slot + gap / 2, y, slot - gap, count * unit, colour))
    return found


def caption(weeks: Sequence[WeekCount]) -> str:
    """The picture in words: what the colours mean and the span (the PNG has no text)."""
    if not weeks:
        return "No dated marks: nothing to draw."
    legend = "hedges (orange, bottom), commitments (blue, middle), quotes (grey, top)"
    return (
        f"Marks per week from {weeks[0].week_start} to {weeks[-1].week_start} "
        f"({len(weeks)} weeks, at most {peak(weeks)} in one): {legend}."
    )


def svg(weeks: Sequence[WeekCount], layout: Layout = Layout()) -> str:
    """Inline SVG (no scripts, no external references) with a title for screen readers."""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" width="{layout.width}" '
        f'height="{layout.height}" viewBox="0 0 {layout.width} {layout.height}" role="img">',
        f"<title>{escape(caption(weeks))}</title>",
        f'<line x1="{layout.left}" y1="{layout.baseline}" x2="{layout.width - layout.right}" '
        f'y2="{layout.baseline}" stroke="{AXIS}" stroke-width="1"/>',
    ]
    parts += [
        f'<rect x="{b.x:.2f}" y="{b.y:.2f}" width="{b.width:.2f}" height="{b.height:.2f}" fill="{b.colour}"/>'
        for b in bars(weeks, layout)
    ]
    if weeks:
        text = f'font-family="sans-serif" font-size="10" fill="{AXIS}"'
        parts += [
            f'<text x="{layout.left - 4}" y="{layout.top + 8}" text-anchor="end" {text}>{peak(weeks)}</text>',
            f'<text x="{layout.left - 4}" y="{layout.baseline}" text-anchor="end" {text}>0</text>',
            f'<text x="{layout.left}" y="{layout.height - 8}" {text}>{escape(weeks[0].week_start)}</text>',
            f'<text x="{layout.width - layout.right}" y="{layout.height - 8}" text-anchor="end" {text}>'
            f"{escape(weeks[-1].week_start)}</text>",
        ]
        x = layout.left
        for kind, colour in KIND_COLOURS:
            parts.append(f'<rect x="{x}" y="6" width="10" height="10" fill="{colour}"/>')
            parts.append(f'<text x="{x + 14}" y="15" {text}>{KIND_NAMES[kind]}</text>')
            x += 100
    parts.append("</svg>")
    return "".join(parts)


def _rgb(colour: str) -> bytes:
    return bytes.fromhex(colour.lstrip("#"))


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(weeks: Sequence[WeekCount], layout: Layout = Layout(), scale: int = 2) -> bytes:
    """The bars and the baseline as an RGB PNG, ``scale`` pixels per unit (2: sharp when printed)."""
    w, h = layout.width * scale, layout.height * scale
    rows = [bytearray(_rgb(palette.LIGHT.page) * w) for _ in range(h)]

    def fill(x0: float, y0: float, x1: float, y1: float, colour: str) -> None:
        px0, px1 = max(0, round(x0 * scale)), min(w, max(round(x0 * scale) + 1, round(x1 * scale)))
        py0, py1 = max(0, round(y0 * scale)), min(h, max(round(y0 * scale) + 1, round(y1 * scale)))
        run = _rgb(colour) * (px1 - px0)
        for y in range(py0, py1):
            rows[y][px0 * 3 : px1 * 3] = run

    for b in bars(weeks, layout):
        fill(b.x, b.y, b.x + b.width, b.y + b.height, b.colour)
    fill(layout.left, layout.baseline, layout.width - layout.right, layout.baseline + 1 / scale, AXIS)
    raw = b"".join(b"\x00" + bytes(row) for row in rows)  # filter type 0 (none) on every row
    header = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlace
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(raw, 9)) + _chunk(
        b"IEND", b""
    )


__all__ = ["Bar", "Layout", "bars", "caption", "png", "svg"]
