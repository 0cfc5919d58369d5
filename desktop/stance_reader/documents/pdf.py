"""PDF (.pdf) → Article with pypdf (pure Python, maintained, reads the text layer; no OCR).

Lines are rejoined into paragraphs (a paragraph ends at a blank line, a short line ending a sentence, or a
short heading-like line), end-of-line hyphenation is undone, page numbers and running headers/footers that
repeat on most pages are dropped. Encrypted files open when they need no password; image-only files get a
clear message.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from stance_reader.core.models import Article
from stance_reader.documents.assemble import build_article
from stance_reader.documents.errors import DocumentError
from stance_reader.documents.newsheader import Fields
from stance_reader.documents.normalize import join_lines, normalize_text

if TYPE_CHECKING:  # pypdf is imported lazily: opening a .txt should not pay for it
    from pypdf import PageObject, PdfReader

_PAGE_NUMBER = re.compile(r"^(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE)
_BULLET = re.compile(r"^(?:[-*•–▪◦]|\d{1,3}[.)])\s")
_COLUMN_GAP = re.compile(r"\S {6,}\S")
_SENTENCE_END = tuple('.!?:"”’»)')
_PRODUCER_TITLE = re.compile(r"^(?:microsoft (?:word|powerpoint) - |untitled\b)", re.IGNORECASE)


def article_from_pdf(path: Path, *, notices: tuple[str, ...] = ()) -> Article:
    reader = _open(path)
    pages = _page_lines(reader, path.name)
    if not any(pages):
        raise DocumentError(
            f"cannot open {path.name}: the PDF has no text layer (scanned or image-only); run OCR on it first"
        )
    info = _metadata(reader)
    title = info.get("/Title", "")
    fields = Fields(title="" if _PRODUCER_TITLE.match(title) else title, author=info.get("/Author", ""))
    blocks = paragraphs(_drop_repeated(pages))
    return build_article(
        blocks, fields, source_format="pdf", source_path=str(path), notices=notices, name=path.name
    )


# What a damaged file makes pypdf or its parsing raise (besides its own PyPdfError family).
_PARSE_ERRORS = (RecursionError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError)


def _open(path: Path) -> PdfReader:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError

    try:
        reader = PdfReader(str(path), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError(
                f"cannot open {path.name}: the PDF is password-protected; save an unprotected copy first"
            )
        len(reader.pages)  # forces the page tree to load, where broken files fail
    except DocumentError:
        raise
    except (DependencyError, NotImplementedError) as exc:
        raise DocumentError(
            f"cannot open {path.name}: the PDF uses encryption we cannot read ({exc})"
        ) from exc
    except FileNotDecryptedError as exc:
        raise DocumentError(f"cannot open {path.name}: the PDF is password-protected") from exc
    # PyPdfError: pypdf's base class (PdfReadError, LimitReachedError on a page tree that refers to itself)
    except (PyPdfError, *_PARSE_ERRORS) as exc:
        raise DocumentError(f"cannot open {path.name}: broken PDF file ({exc})") from exc
    return reader


def _metadata(reader: PdfReader) -> dict[str, str]:
    try:
        info = reader.metadata
        if info is None:
            return {}
        return {str(k): v.strip() for k, v in info.items() if isinstance(v, str) and v.strip()}
    except Exception:  # why broad: metadata is optional; a broken info dict must not block the text
        return {}


def _page_text(page: PageObject) -> str:
    """Layout mode keeps vertical gaps as blank lines (paragraph breaks); plain mode follows the content
    stream, which keeps columns apart, so it is used when layout mode shows side-by-side columns."""
    try:
        text = page.extract_text(extraction_mode="layout") or ""
    except Exception:  # why broad: layout mode is newer code; plain mode is the safe fallback
        text = ""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    columns = sum(1 for ln in lines if _COLUMN_GAP.search(ln.strip()))
    if not lines or columns > 0.3 * len(lines):
        text = page.extract_text() or ""
    return text


def _page_lines(reader: PdfReader, name: str) -> list[list[str]]:
    """Per page, its lines with "" where a blank line (a vertical gap) separated them."""
    pages: list[list[str]] = []
    for page in reader.pages:
        try:
            text = _page_text(page)
        except Exception as exc:  # why broad: pypdf raises many types on damaged content streams
            raise DocumentError(f"cannot open {name}: broken PDF page ({type(exc).__name__})") from exc
        lines = [ln for ln in normalize_text(text).split("\n") if not _PAGE_NUMBER.match(ln)]
        filled = sum(1 for ln in lines if ln)
        if filled >= 6 and len(lines) - filled >= 0.7 * filled:
            lines = [ln for ln in lines if ln]  # double-spaced: gaps say nothing about paragraphs
        pages.append(lines if filled else [])
    return pages


def _drop_repeated(pages: list[list[str]]) -> list[list[str]]:
    """Remove running headers/footers (a browser's print date and URL, a journal's name): edge lines that
    repeat on both pages of a 2-page file, or on at least 60% of the pages of a longer one."""
    if len(pages) < 2:
        return pages
    edges = Counter(ln for lines in pages for ln in set(_edges(lines)))
    needed = len(pages) if len(pages) == 2 else 0.6 * len(pages)
    repeated = {ln for ln, n in edges.items() if n >= needed}
    return [[ln for ln in lines if ln not in repeated] for lines in pages]


def _edges(lines: list[str]) -> list[str]:
    text = [ln for ln in lines if ln]
    return text[:2] + text[-2:]


_PAGE_BREAK = "\f"


def paragraphs(pages: list[list[str]]) -> list[str]:
    """Rejoin PDF lines into paragraphs; a paragraph may continue across a page break."""
    lines = [ln for page in pages for ln in [*page, _PAGE_BREAK]]
    widths = sorted(len(ln) for ln in lines if ln and ln != _PAGE_BREAK)
    typical = widths[int(0.8 * (len(widths) - 1))] if widths else 0
    blocks: list[str] = []
    current: list[str] = []
    for i, line in enumerate(lines):
        # A blank line is a vertical gap: a new paragraph. A page break ends one only after a sentence.
        if current and (not line or (line == _PAGE_BREAK and current[-1].endswith(_SENTENCE_END))):
            blocks.append(join_lines(current))
            current = []
        if not line or line == _PAGE_BREAK:
            continue
        if current and _BULLET.match(line):
            blocks.append(join_lines(current))
            current = []
        current.append(line)
        ends = line.endswith(_SENTENCE_END) or len(line) < 0.5 * typical or _heading_like(line, lines, i)
        if len(line) < 0.75 * typical and ends:
            blocks.append(join_lines(current))
            current = []
    if current:
        blocks.append(join_lines(current))
    return blocks


def _heading_like(line: str, lines: list[str], i: int) -> bool:
    """A short line without final punctuation followed by a capitalised line reads as a heading."""
    nxt = next((ln for ln in lines[i + 1 :] if ln), "")
    return not line.endswith((",", "-", ";")) and bool(nxt) and nxt[0].isupper()
