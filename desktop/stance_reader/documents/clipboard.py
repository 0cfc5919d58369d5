"""Clipboard payloads (File → New from clipboard) → Article. The UI passes QMimeData's text and html."""

from __future__ import annotations

from stance_reader.core.models import Article
from stance_reader.documents.errors import DocumentError
from stance_reader.documents.plaintext import article_from_text


def article_from_clipboard(text: str, html: str | None = None) -> Article:
    """Prefer the HTML flavour (it keeps paragraph structure and a title), falling back to the plain text.

    Every block of the HTML is kept: the user's selection is the content, so nothing is judged page chrome.
    Raises DocumentError when neither flavour holds any text.
    """
    if html and html.strip():
        from stance_reader.documents.webpage import article_from_html

        try:
            return article_from_html(
                html, source_format="clipboard", name="the clipboard", main_content=False
            )
        except DocumentError:
            pass  # e.g. an image copied from a browser: its HTML has no text, the plain flavour may
    if not text or not text.strip():
        raise DocumentError("cannot paste: the clipboard holds no text")
    return article_from_text(text, source_format="clipboard", name="the clipboard text")
