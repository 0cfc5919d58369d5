"""Building the reader's documents: the article's header and plain body text in a fresh ``QTextDocument``.

Owns the body font (serif, zoom steps of ×1.1), the centred column's side margins, the header's title
and metadata lines, the body block format, the tightening of blank lines between paragraphs, and how
much of a long article the first (preview) document holds. Plain functions over Qt documents with no
reference to the view, so :class:`~stance_reader.ui.reader.ReaderView` and its incremental render
build documents the same way. GUI thread only.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

from stance_reader.core.models import Article
from stance_reader.core.offsets import Utf16Map
from stance_reader.core.palette import Theme

COLUMN_CHARS = 72  # comfortable line length for the body
BASE_POINT_SIZE = 13.0
DOCUMENT_MARGIN = 28
# A long article first shows its opening (a few screens) and the rest a moment later, unless the
# coloured text (an analysis from the cache arrives in ~0.1 s) replaces it first: laying out and
# painting the whole plain text only to throw it away cost a reopen ~25 ms on 10,000 words.
PREVIEW_CHARS = 8_000
SERIF_FAMILIES = ["Source Serif 4", "Georgia", "Charter", "Noto Serif", "DejaVu Serif", "Times New Roman"]
SANS_FAMILIES = ["DejaVu Sans", "Noto Sans", "Segoe UI", "Helvetica", "Arial"]


def preview_length(text: str) -> int:
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


def body_font(zoom: int) -> QFont:
    """The body's serif font at zoom step ``zoom`` (0 = default, each step ×1.1)."""
    font = QFont()
    font.setFamilies(SERIF_FAMILIES)
    font.setStyleHint(QFont.StyleHint.Serif)
    font.setPointSizeF(max(6.0, BASE_POINT_SIZE * (1.1**zoom)))
    return font


def column_margin(font: QFont, width: int) -> float:
    """The side margin that centres a column of ~COLUMN_CHARS characters of ``font`` in ``width``."""
    column = QFontMetricsF(font).averageCharWidth() * COLUMN_CHARS
    return max(float(DOCUMENT_MARGIN), (width - column) / 2)


def set_side_margins(doc: QTextDocument, side: float) -> None:
    """Widen the root frame's side margins to ``side`` (and set the top and bottom ones)."""
    frame = doc.rootFrame()
    fmt = frame.frameFormat()
    fmt.setLeftMargin(side)
    fmt.setRightMargin(side)
    fmt.setTopMargin(24)
    fmt.setBottomMargin(48)
    frame.setFrameFormat(fmt)


def new_document(
    parent: QObject, article: Article | None, theme: Theme, font: QFont, body_chars: int
) -> tuple[QTextDocument, int]:
    """A fresh document with ``article``'s title and metadata and the first ``body_chars`` code points
    of its text in the plain body format; not yet shown. Returns it with the UTF-16 position where the
    body starts (0 without an article)."""
    doc = QTextDocument(parent)
    doc.setUndoRedoEnabled(False)
    doc.setDocumentMargin(DOCUMENT_MARGIN)
    doc.setDefaultFont(font)
    body_start = fill(doc, article, theme, font, body_chars) if article is not None else 0
    return doc, body_start


def fill(doc: QTextDocument, article: Article, theme: Theme, font: QFont, body_chars: int) -> int:
    """Write the header and the first ``body_chars`` code points of the body into the empty ``doc``;
    returns the UTF-16 position where the body starts."""
    cursor = QTextCursor(doc)
    title_fmt = QTextCharFormat()
    title_font = QFont(font)
    title_font.setPointSizeF(font.pointSizeF() * 1.6)
    title_font.setBold(True)
    title_fmt.setFont(title_font)
    title_fmt.setForeground(QColor(theme.text))
    meta_fmt = QTextCharFormat()
    meta_font = QFont(font)
    meta_font.setFamilies(SANS_FAMILIES)
    meta_font.setPointSizeF(font.pointSizeF() * 0.8)
    meta_fmt.setFont(meta_font)
    meta_fmt.setForeground(QColor(theme.muted))
    lines = [line for line in header_lines(article) if line]
    head_block = QTextBlockFormat()
    head_block.setBottomMargin(6 if lines else 18)  # the header's last line keeps the body at a distance
    cursor.setBlockFormat(head_block)
    cursor.insertText(article.display_title, title_fmt)
    for i, line in enumerate(lines):
        block = QTextBlockFormat(head_block)
        block.setBottomMargin(2 if i < len(lines) - 1 else 18)
        cursor.insertBlock(block, meta_fmt)
        cursor.insertText(line, meta_fmt)
    body_block = QTextBlockFormat()
    body_block.setLineHeight(150, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    body_block.setBottomMargin(4)
    base = QTextCharFormat()
    base.setFont(font)
    base.setForeground(QColor(theme.text))
    cursor.insertBlock(body_block, base)
    body_start = cursor.position()
    if body_chars:
        # '\n' becomes a block separator: one UTF-16 unit each, so body positions stay 1:1.
        cursor.insertText(article.text[:body_chars], base)
        tighten_blank_lines(doc)
    return body_start


def header_lines(article: Article) -> list[str]:
    """The metadata lines under the title: outlet · section · date · author (empty when none is
    known), the source, notices."""
    meta = [article.outlet, article.section, article.date, f"by {article.author}" if article.author else ""]
    source = article.url or (Path(article.source_path).name if article.source_path else "")
    lines = [" · ".join(p for p in meta if p)]
    if source:
        lines.append(f"Source: {source}")
    lines += [f"⚠ {n}" for n in article.notices]
    return lines


def tighten_blank_lines(doc: QTextDocument) -> None:
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


__all__ = [
    "COLUMN_CHARS",
    "PREVIEW_CHARS",
    "body_font",
    "column_margin",
    "fill",
    "header_lines",
    "new_document",
    "preview_length",
    "set_side_margins",
    "tighten_blank_lines",
    "utf16_map",
]
