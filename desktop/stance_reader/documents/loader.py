"""``load_article``: one entry point that reads any supported file into an Article.

Dispatch is by content signature first (a PDF or zip renamed .txt is still read as what it is), then by
extension, then by sniffing text for HTML. Every failure leaves as a one-line ``DocumentError``: third-party
parsers raise all kinds of exceptions on hostile input, and the window and CLI must only ever see ours.
"""

from __future__ import annotations

import logging
import zipfile
from pathlib import Path

from stance_reader.core.models import Article
from stance_reader.documents.decoding import binary_error, decode_bytes, describe_binary
from stance_reader.documents.errors import DocumentError
from stance_reader.documents.quiet import quiet_parsers

log = logging.getLogger(__name__)

TEXT_EXTENSIONS = (".txt", ".text")
MARKDOWN_EXTENSIONS = (".md", ".markdown")
HTML_EXTENSIONS = (".html", ".htm", ".xhtml")
WEB_ARCHIVE_EXTENSIONS = (".mhtml", ".mht")
SUPPORTED_EXTENSIONS: tuple[str, ...] = (
    *TEXT_EXTENSIONS,
    *MARKDOWN_EXTENSIONS,
    *HTML_EXTENSIONS,
    *WEB_ARCHIVE_EXTENSIONS,
    ".docx",
    ".epub",
    ".pdf",
)
FILE_DIALOG_FILTER = ";;".join(
    (
        "Articles (" + " ".join(f"*{e}" for e in SUPPORTED_EXTENSIONS) + ")",
        "Plain text (*.txt *.text)",
        "Markdown (*.md *.markdown)",
        "Web pages (*.html *.htm *.xhtml *.mhtml *.mht)",
        "Word documents (*.docx)",
        "E-books (*.epub)",
        "PDF documents (*.pdf)",
        "All files (*)",
    )
)
MAX_FILE_BYTES = 200 * 1000 * 1000
LARGE_FILE_BYTES = 2 * 1000 * 1000
_UNSUPPORTED_HINTS = {
    ".doc": "old Word .doc files are not supported; save it as .docx",
    ".rtf": "RTF files are not supported; save it as .docx or plain text",
    ".odt": "OpenDocument files are not supported; save it as .docx",
    ".pages": "Pages files are not supported; export it as .docx or PDF",
}


def is_large_file(path: Path) -> bool:
    """True when the window should warn before opening (the file still opens)."""
    try:
        return path.stat().st_size >= LARGE_FILE_BYTES
    except OSError:
        return False


def size_notice(size: int) -> str:
    return f"large file: {size / 1e6:.1f} MB"


def load_article(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> Article:
    """Read ``path`` into a normalised Article. Raises DocumentError (one line) on any failure.

    Files of ``LARGE_FILE_BYTES`` or more open with a "large file: N MB" notice; files above ``max_bytes``
    are refused.
    """
    path = Path(path)
    try:
        with quiet_parsers():  # a damaged file's parser chatter must not print before our one line
            return _load(path, max_bytes)
    except DocumentError as exc:
        exc.path = str(path)
        raise


def _load(path: Path, max_bytes: int) -> Article:
    name = path.name
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise DocumentError(f"cannot open {name}: not a file")
        if size > max_bytes:
            raise DocumentError(
                f"cannot open {name}: {size / 1e6:.0f} MB is beyond the {max_bytes / 1e6:.0f} MB limit"
            )
        with path.open("rb") as handle:
            head = handle.read(8)
    except FileNotFoundError as exc:
        raise DocumentError(f"cannot open {name}: no such file", path=str(path)) from exc
    except PermissionError as exc:
        raise DocumentError(f"cannot open {name}: permission denied", path=str(path)) from exc
    except OSError as exc:
        raise DocumentError(f"cannot open {name}: {exc.strerror or exc}", path=str(path)) from exc
    if size == 0:
        raise DocumentError(f"cannot open {name}: the file is empty", path=str(path))
    notices = (size_notice(size),) if size >= LARGE_FILE_BYTES else ()
    try:
        return _dispatch(path, head, notices)
    except DocumentError:
        raise
    except MemoryError as exc:
        raise DocumentError(f"cannot open {name}: not enough memory to read it", path=str(path)) from exc
    except Exception as exc:  # why broad: the boundary: parsers raise anything on hostile input
        log.debug("unexpected failure reading %s", path, exc_info=True)
        raise DocumentError(
            f"cannot open {name}: unreadable file ({type(exc).__name__})", path=str(path)
        ) from exc


def _dispatch(path: Path, head: bytes, notices: tuple[str, ...]) -> Article:
    suffix = path.suffix.lower()
    if head.startswith(b"%PDF") or suffix == ".pdf":
        from stance_reader.documents.pdf import article_from_pdf

        return article_from_pdf(path, notices=notices)
    if head.startswith(b"PK\x03\x04") or suffix in (".docx", ".epub"):
        return _zip_document(path, suffix, notices)
    if suffix in _UNSUPPORTED_HINTS:
        raise DocumentError(f"cannot open {path.name}: {_UNSUPPORTED_HINTS[suffix]}")
    data = path.read_bytes()
    if suffix in WEB_ARCHIVE_EXTENSIONS:
        from stance_reader.documents.webarchive import article_from_mhtml

        return article_from_mhtml(path, data, notices=notices)
    if suffix in HTML_EXTENSIONS:
        from stance_reader.documents.webpage import article_from_html, decode_html

        text, decoded = decode_html(data, path.name)
        return article_from_html(text, source_path=str(path), notices=(*notices, *decoded), name=path.name)
    if suffix not in SUPPORTED_EXTENSIONS and describe_binary(data):
        raise binary_error(data, path.name)
    text, decoded = decode_bytes(data, path.name)
    notices = (*notices, *decoded)
    if suffix in MARKDOWN_EXTENSIONS:
        from stance_reader.documents.markdown import article_from_markdown

        return article_from_markdown(text, source_path=str(path), notices=notices, name=path.name)
    if suffix not in TEXT_EXTENSIONS and _looks_like_html(text):
        from stance_reader.documents.webpage import article_from_html

        return article_from_html(text, source_path=str(path), notices=notices, name=path.name)
    from stance_reader.documents.plaintext import article_from_text

    return article_from_text(
        text, source_format="text", source_path=str(path), notices=notices, name=path.name
    )


def _zip_document(path: Path, suffix: str, notices: tuple[str, ...]) -> Article:
    kind = _zip_kind(path) or suffix.lstrip(".")
    if kind == "docx":
        from stance_reader.documents.wordprocessing import article_from_docx

        return article_from_docx(path, notices=notices)
    if kind == "epub":
        from stance_reader.documents.ebook import article_from_epub

        return article_from_epub(path, notices=notices)
    raise DocumentError(f"cannot open {path.name}: it is a zip archive, not a DOCX or EPUB document")


def _zip_kind(path: Path) -> str | None:
    """'docx' or 'epub' from the archive's member names; None when it is neither (or not a zip)."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return None  # NotImplementedError: a zip format version zipfile cannot read; open_zip says so
    if "word/document.xml" in names:
        return "docx"
    if "META-INF/container.xml" in names or "mimetype" in names:
        return "epub"
    return None


def _looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip("\ufeff \t\r\n").lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) and "<body" in text[:200_000].lower()
