"""Copying saved highlights to the clipboard: rich text for word processors, Markdown as plain text.

Owns :func:`copy_rows`. GUI thread only (the clipboard lives there).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

from stance_reader.core import Highlight, StoredDocument
from stance_reader.services import exporting


def copy_rows(rows: Sequence[tuple[Highlight, StoredDocument]]) -> str:
    """Put ``rows`` on the clipboard as HTML (pastes as formatted quotes in Word/Docs) with Markdown
    as the plain text; returns the status line to show."""
    mime = QMimeData()
    mime.setHtml(exporting.clipboard_html(rows))
    markdown = exporting.clipboard_markdown(rows)
    mime.setText(markdown)
    mime.setData("text/markdown", markdown.encode("utf-8"))
    QGuiApplication.clipboard().setMimeData(mime)
    n = len(rows)
    return f"Copied {n} highlight{'s' if n != 1 else ''} (rich text and Markdown)."


__all__ = ["copy_rows"]
