"""HTML/XHTML trees → plain paragraph blocks, and safe parsing (no network, no entities, no scripts).

Shared by saved web pages (when trafilatura finds no main text), clipboard HTML (where the user's selection
is the content, so nothing is judged boilerplate) and EPUB chapters. lxml's HTML parser is used with
``no_network=True``; it never loads DTDs or resolves external entities, and scripts are never run: they are
dropped with styles, forms and embedded objects before any text is read.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

_SKIP = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "svg",
        "math",
        "canvas",
        "video",
        "audio",
        "head",
        "title",
        "meta",
        "link",
        "button",
        "select",
        "option",
        "input",
        "textarea",
        "map",
        "area",
        "picture",
        "source",
        "img",
    ]
)
_CHROME = frozenset(["nav", "header", "footer", "aside", "form", "dialog", "menu"])
_BLOCK = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "main",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "figure",
        "figcaption",
        "address",
        "hr",
        "center",
        "caption",
        "details",
        "summary",
        "body",
        "html",
    ]
)
_CELL = frozenset({"td", "th"})
_SPACE = re.compile(r"\s+")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
# A DOCTYPE's internal subset ("<!DOCTYPE html [<!ENTITY …>]>", common in older EPUBs): lxml's HTML
# parser ends the doctype at the first ">" and reads the rest ("]>", entity values) as body text.
_DOCTYPE_SUBSET = re.compile(rb"<!DOCTYPE([^\[>]*)\[.*?\]\s*>", re.IGNORECASE | re.DOTALL)
_DOCTYPE_SUBSET_STR = re.compile(_DOCTYPE_SUBSET.pattern.decode(), re.IGNORECASE | re.DOTALL)
_PROLOG = 65536  # a doctype is only looked for this far in


def parse_html(markup: str | bytes) -> lxml_html.HtmlElement:
    """Parse HTML leniently without touching the network. Raises ValueError/etree errors on hopeless input."""
    if isinstance(markup, str):
        # lxml refuses str input that still carries an encoding declaration.
        markup = _XML_DECL.sub("", markup, count=1)
    markup = _without_doctype_subset(markup)
    parser = lxml_html.HTMLParser(
        no_network=True, remove_comments=True, remove_pis=True, default_doctype=False
    )
    root = lxml_html.document_fromstring(markup, parser=parser)
    return root


def _without_doctype_subset(markup: str | bytes) -> str | bytes:
    if isinstance(markup, bytes):
        return _DOCTYPE_SUBSET.sub(rb"<!DOCTYPE\1>", markup[:_PROLOG], count=1) + markup[_PROLOG:]
    return _DOCTYPE_SUBSET_STR.sub(r"<!DOCTYPE\1>", markup[:_PROLOG], count=1) + markup[_PROLOG:]


def html_blocks(root: etree._Element, *, drop_chrome: bool) -> list[str]:
    """Paragraph blocks of ``root`` in reading order. ``drop_chrome`` also skips nav/header/footer/aside."""
    out: list[str] = []
    _emit(root, out, drop_chrome=drop_chrome, pre=False)
    text = "".join(out)
    return [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]


def _emit(el: etree._Element, out: list[str], *, drop_chrome: bool, pre: bool) -> None:
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    if tag and (tag in _SKIP or (drop_chrome and tag in _CHROME) or _hidden(el)):
        return
    if not tag:  # comment or processing instruction: only its tail is text
        return
    in_pre = pre or tag == "pre"
    if tag in _BLOCK:
        out.append("\n\n")
    elif tag == "li":
        out.append("\n\n• ")
    elif tag == "br":
        out.append("\n")
    elif tag in _CELL and el.getprevious() is not None:
        out.append(" | ")
    if el.text:
        out.append(el.text if in_pre else _SPACE.sub(" ", el.text))
    for child in el:
        _emit(child, out, drop_chrome=drop_chrome, pre=in_pre)
        if child.tail:
            out.append(child.tail if in_pre else _SPACE.sub(" ", child.tail))
    if tag in _BLOCK or tag == "li":
        out.append("\n\n")


def _hidden(el: etree._Element) -> bool:
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = (el.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def meta_content(root: etree._Element, *names: str) -> str:
    """The first non-empty <meta name|property=…> content among ``names``."""
    wanted = {n.lower() for n in names}
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in wanted and (meta.get("content") or "").strip():
            return str(meta.get("content")).strip()
    return ""
