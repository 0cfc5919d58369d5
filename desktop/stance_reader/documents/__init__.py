"""documents layer: turns files, saved web pages and clipboard payloads into normalised ``Article``s.

Public API (the CLI and the window call these):

- ``load_article(path, *, max_bytes=MAX_FILE_BYTES) -> Article``: .txt/.text, .md/.markdown,
  .html/.htm/.xhtml, .mhtml/.mht, .docx, .epub, .pdf (content signature first, then extension, then sniffing).
- ``article_from_text(text, *, source_format="text", source_path="") -> Article``
- ``article_from_clipboard(text, html=None) -> Article``
- ``list_importable(folder) -> list[Path]``, ``iter_paths(paths)``, ``iter_folder(folder)`` for folder import.
- ``DocumentError``: the only exception that leaves this package; ``str()`` is one line for a dialog/stderr.
- ``SUPPORTED_EXTENSIONS``, ``FILE_DIALOG_FILTER`` (a QFileDialog name filter), ``is_large_file(path)``,
  ``LARGE_FILE_BYTES`` (files this size open with a "large file: N MB" notice), ``MAX_FILE_BYTES``.

``Article.text`` is normalised here once (see ``normalize.normalize_text``) and never again; every offset
the product stores counts code points in it. No Qt, no spaCy, no network.
"""

from __future__ import annotations

from pathlib import Path

from stance_reader.core.models import Article
from stance_reader.documents.clipboard import article_from_clipboard
from stance_reader.documents.errors import DocumentError
from stance_reader.documents.folder import iter_folder, iter_paths, list_importable
from stance_reader.documents.loader import (
    FILE_DIALOG_FILTER,
    LARGE_FILE_BYTES,
    MAX_FILE_BYTES,
    SUPPORTED_EXTENSIONS,
    is_large_file,
    load_article,
)
from stance_reader.documents.normalize import normalize_text
from stance_reader.documents.plaintext import article_from_text as _article_from_text

__all__ = [
    "FILE_DIALOG_FILTER",
    "LARGE_FILE_BYTES",
    "MAX_FILE_BYTES",
    "SUPPORTED_EXTENSIONS",
    "DocumentError",
    "article_from_clipboard",
    "article_from_text",
    "is_large_file",
    "iter_folder",
    "iter_paths",
    "list_importable",
    "load_article",
    "normalize_text",
]


def article_from_text(text: str, *, source_format: str = "text", source_path: str = "") -> Article:
    """Normalise ``text`` and parse a news header off its top. Raises DocumentError when no text is left."""
    name = Path(source_path).name if source_path else ""
    return _article_from_text(text, source_format=source_format, source_path=source_path, name=name)
