"""EPUB (.epub) → Article with zipfile + lxml: container → package document (OPF) → spine chapters.

Chosen over ebooklib because reading text needs only the spine, and doing it ourselves keeps the zip-bomb
limits (ebooklib inflates every member unchecked) and a parser that never resolves entities or loads DTDs.
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

from stance_reader.core.models import Article
from stance_reader.documents.archives import open_zip, read_member
from stance_reader.documents.assemble import build_article
from stance_reader.documents.errors import DocumentError
from stance_reader.documents.garbled import garbled_reason
from stance_reader.documents.htmltext import html_blocks, parse_html
from stance_reader.documents.newsheader import Fields

_XHTML_TYPES = frozenset({"application/xhtml+xml", "text/html", "application/x-dtbook+xml"})


def _xml(data: bytes) -> etree._Element:
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=True
    )
    root = etree.fromstring(data, parser=parser)
    if root is None:
        raise ValueError("empty XML")
    return root


def _first(root: etree._Element, local: str) -> str:
    found = root.xpath(f"//*[local-name()='metadata']/*[local-name()='{local}']")
    for el in found:
        text = "".join(el.itertext()).strip()
        if text:
            return text
    return ""


def article_from_epub(path: Path, *, notices: tuple[str, ...] = ()) -> Article:
    with open_zip(path, "EPUB") as archive:
        try:
            opf_path, opf = _package(archive)
            chapters = _spine(opf, opf_path)
            blocks, skipped = _readable_blocks(archive, chapters)
        except (KeyError, ValueError, etree.LxmlError, zipfile.BadZipFile) as exc:
            raise DocumentError(f"cannot open {path.name}: broken EPUB file ({exc})") from exc
    if skipped and not blocks:
        raise DocumentError(f"cannot open {path.name}: its chapters hold binary data or mojibake, not text")
    if skipped:
        left_out = ", ".join(skipped)
        notices = (*notices, f"left out chapters that look like binary data or mojibake: {left_out}")
    fields = Fields(
        title=_first(opf, "title"),
        author=_first(opf, "creator"),
        date=_first(opf, "date"),
        outlet=_first(opf, "publisher"),
    )
    return build_article(
        blocks,
        fields,
        source_format="epub",
        source_path=str(path),
        notices=notices,
        header=False,
        name=path.name,
    )


def _package(archive: zipfile.ZipFile) -> tuple[str, etree._Element]:
    container = _xml(read_member(archive, "META-INF/container.xml"))
    paths = container.xpath("//*[local-name()='rootfile']/@full-path")
    if not paths:
        raise ValueError("no package document named in META-INF/container.xml")
    opf_path = str(paths[0])
    return opf_path, _xml(read_member(archive, opf_path))


def _spine(opf: etree._Element, opf_path: str) -> list[str]:
    """Member names of the spine's text documents, in reading order (navigation documents skipped)."""
    base = posixpath.dirname(opf_path)
    manifest = {
        item.get("id"): item
        for item in opf.xpath("//*[local-name()='manifest']/*[local-name()='item']")
        if item.get("id")
    }
    hrefs: list[str] = []
    for ref in opf.xpath("//*[local-name()='spine']/*[local-name()='itemref']"):
        item = manifest.get(ref.get("idref"))
        if item is None or item.get("media-type") not in _XHTML_TYPES:
            continue
        if "nav" in (item.get("properties") or "").split():
            continue
        href = unquote((item.get("href") or "").split("#")[0])
        hrefs.append(posixpath.normpath(posixpath.join(base, href)))
    if not hrefs:
        raise ValueError("the spine lists no text documents")
    return hrefs


def _readable_blocks(archive: zipfile.ZipFile, chapters: list[str]) -> tuple[list[str], list[str]]:
    """The blocks of every chapter that reads as text, and the names of the chapters left out because
    they look like binary data or mojibake (analysing those would only mark up noise)."""
    blocks: list[str] = []
    skipped: list[str] = []
    for href in chapters:
        chapter = _chapter_blocks(archive, href)
        if garbled_reason("\n\n".join(chapter)):
            skipped.append(posixpath.basename(href))
        else:
            blocks += chapter
    return blocks, skipped


def _chapter_blocks(archive: zipfile.ZipFile, member: str) -> list[str]:
    data = read_member(archive, member)
    if not data.strip():
        return []
    return html_blocks(parse_html(data), drop_chrome=False)
