"""Single-file web archives (.mht/.mhtml, "Save page as… single file") → Article.

An MHTML file is a MIME multipart message; the page is its first text/html part (quoted-printable or
base64, any charset), which the standard library's email parser decodes. The other parts (images, styles)
are ignored, and nothing is fetched: the saved page goes through the same reader as an .html file.
"""

from __future__ import annotations

import email
import email.policy
from dataclasses import replace
from email.message import EmailMessage
from pathlib import Path

from stance_reader.core.models import Article
from stance_reader.documents.errors import DocumentError
from stance_reader.documents.webpage import article_from_html


def article_from_mhtml(path: Path, data: bytes, *, notices: tuple[str, ...] = ()) -> Article:
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not isinstance(message, EmailMessage):
        raise DocumentError(f"cannot open {path.name}: broken web archive")
    page = next((part for part in message.walk() if part.get_content_type() == "text/html"), None)
    if page is None:
        raise DocumentError(f"cannot open {path.name}: the web archive holds no HTML page")
    try:
        markup = page.get_content()
    except (LookupError, ValueError, UnicodeError) as exc:
        raise DocumentError(f"cannot open {path.name}: broken web archive ({exc})") from exc
    if isinstance(markup, bytes):
        markup = markup.decode("utf-8", errors="replace")
    url = str(message.get("Snapshot-Content-Location", "") or page.get("Content-Location", "") or "")
    article = article_from_html(markup, source_path=str(path), notices=notices, name=path.name)
    if url and not article.url:
        article = replace(article, url=url)
    return article
