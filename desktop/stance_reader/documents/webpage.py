"""Saved web pages (.html/.htm/.xhtml) and clipboard HTML → Article.

Main text and metadata come from trafilatura (well kept, the best-scoring open extractor on news pages;
it separates story from navigation, comments and teasers, and reads title/author/date/site from meta tags
and JSON-LD). It is given a string, never a URL, so it fetches nothing; lxml's HTML parser never loads
remote resources either. When trafilatura finds nothing (very short pages) our own block walker reads the
page instead. Clipboard HTML always uses the walker: the user's selection *is* the content.
"""

from __future__ import annotations

import logging
import re

from lxml import etree

from stance_reader.core.models import Article
from stance_reader.documents.assemble import build_article
from stance_reader.documents.decoding import decode_bytes
from stance_reader.documents.errors import DocumentError
from stance_reader.documents.htmltext import html_blocks, meta_content, parse_html
from stance_reader.documents.newsheader import Fields

log = logging.getLogger(__name__)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_WINDOWS_CLIP_HEADER = re.compile(r"\AVersion:\d[^<]*", re.DOTALL)  # "HTML Format" clipboard preamble
_TITLE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,60}$")


def decode_html(data: bytes, name: str) -> tuple[str, tuple[str, ...]]:
    """Bytes of a page → str, honouring a declared <meta charset> when the bytes are not UTF-8."""
    declared = _CHARSET.search(data[:8192])
    if declared and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) and not _is_utf8(data):
        try:
            return data.decode(declared.group(1).decode("ascii"), errors="replace"), ()
        except LookupError:
            pass  # unknown charset name: guess as for plain text
    return decode_bytes(data, name)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def article_from_html(
    markup: str,
    *,
    source_format: str = "html",
    source_path: str = "",
    notices: tuple[str, ...] = (),
    name: str = "",
    main_content: bool = True,
) -> Article:
    """Read a page. ``main_content`` picks the story out of page chrome (files); False keeps every block."""
    markup = _WINDOWS_CLIP_HEADER.sub("", markup, count=1)
    if not markup.strip():
        raise DocumentError(f"cannot open {name or 'this page'}: it is empty")
    try:
        root = parse_html(markup)
    except (ValueError, etree.LxmlError) as exc:
        raise DocumentError(f"cannot open {name or 'this page'}: broken HTML ({exc})") from exc
    fields = _page_fields(root)
    everything = html_blocks(root, drop_chrome=False)
    if not any(b.strip() for b in everything):
        # Checked before trafilatura, which would only log errors about an empty tree.
        raise DocumentError(f"cannot open {name or 'this page'}: no readable text found in the page")
    blocks: list[str] = []
    if main_content:
        blocks = _trafilatura_blocks(markup, fields) or html_blocks(root, drop_chrome=True)
    blocks = blocks if any(b.strip() for b in blocks) else everything
    return build_article(
        blocks,
        fields,
        source_format=source_format,
        source_path=source_path,
        notices=notices,
        # A pasted selection often starts with the page's header lines (outlet, date) as plain blocks.
        header=not main_content,
        name=name,
    )


def _page_fields(root: etree._Element) -> Fields:
    """Metadata straight from meta tags: the fallback when trafilatura is not used or finds none."""
    title = meta_content(root, "og:title", "twitter:title", "headline")
    if not title:
        found = root.find(".//title")
        title = _TITLE_SUFFIX.sub("", found.text_content().strip()) if found is not None else ""
    if not title:
        h1 = root.find(".//h1")
        title = h1.text_content().strip() if h1 is not None else ""
    canonical = root.find(".//link[@rel='canonical']")
    return Fields(
        title=title,
        author=meta_content(root, "author", "article:author", "byl", "dc.creator", "parsely-author"),
        date=meta_content(root, "article:published_time", "date", "pubdate", "dc.date", "datepublished"),
        outlet=meta_content(root, "og:site_name", "application-name", "publisher"),
        section=meta_content(root, "article:section", "section"),
        url=meta_content(root, "og:url") or (canonical.get("href", "") if canonical is not None else ""),
    )


def _trafilatura_blocks(markup: str, fields: Fields) -> list[str]:
    """Main-text blocks from trafilatura, filling ``fields`` where it knows better; [] when it finds none."""
    from trafilatura import bare_extraction
    from trafilatura.settings import Document

    try:
        doc = bare_extraction(
            markup,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            include_formatting=False,
        )
    except Exception:  # why broad: a third-party extractor on hostile input: fall back to our walker
        log.debug("trafilatura failed; using the block walker", exc_info=True)
        return []
    body = doc.body if isinstance(doc, Document) else None  # as_dict=False: always a Document or None
    if not isinstance(doc, Document) or body is None:
        return []
    fields.title = doc.title or fields.title
    fields.author = doc.author or fields.author
    fields.date = doc.date or fields.date
    fields.outlet = doc.sitename or fields.outlet
    fields.url = doc.url or fields.url
    if not fields.section and doc.categories:
        fields.section = doc.categories[0]
    return _body_blocks(body)


def _body_blocks(body: etree._Element) -> list[str]:
    """trafilatura's XML body (p, head, list/item, quote, table/row/cell, code) → paragraph blocks."""
    blocks: list[str] = []
    for el in body:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "list":
            blocks.extend(f"• {_text(item)}" for item in el.iter("item"))
        elif tag == "table":
            for row in el.iter("row"):
                blocks.append(" | ".join(_text(cell) for cell in row.iter("cell")))
        elif tag:
            blocks.append(_text(el))
    return [b for b in blocks if b.strip()]


def _text(el: etree._Element) -> str:
    """Element text with <lb/> as a line break."""
    parts: list[str] = [el.text or ""]
    for child in el:
        parts.append("\n" if child.tag == "lb" else _text(child))
        parts.append(child.tail or "")
    return "".join(parts)
