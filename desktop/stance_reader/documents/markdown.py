"""Markdown (.md, .markdown) → Article, through markdown-it-py's token stream (CommonMark + tables).

Formatting marks, link targets and images are dropped; headings, paragraphs, list items, quotes, code and
table rows become plain paragraphs. YAML-style front matter (``title:``, ``author:``, ``date:``, ``outlet:``…)
fills the metadata; otherwise the news-header rules apply as for plain text.
"""

from __future__ import annotations

import html
import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from stance_reader.core.models import Article
from stance_reader.documents.assemble import build_article
from stance_reader.documents.newsheader import Fields, is_meta_block
from stance_reader.documents.normalize import normalize_text

_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n(?:---|\.\.\.)\n", re.DOTALL)
_FRONT_KEYS = {
    "title": "title",
    "author": "author",
    "authors": "author",
    "date": "date",
    "published": "date",
    "outlet": "outlet",
    "site": "outlet",
    "source": "outlet",
    "publisher": "outlet",
    "section": "section",
    "category": "section",
    "url": "url",
    "link": "url",
}
_TAGS = re.compile(r"<[^>]*>")
# Raw HTML whose content is code or styling, never article text (a page's <script> copied into a README).
_HIDDEN_TAGS = "script|style|noscript|template"
_HIDDEN_ELEMENT = re.compile(rf"<({_HIDDEN_TAGS})\b[^>]*>.*?(?:</\1\s*>|\Z)", re.IGNORECASE | re.DOTALL)
_HIDDEN_OPEN = re.compile(rf"<(?:{_HIDDEN_TAGS})\b", re.IGNORECASE)
_HIDDEN_CLOSE = re.compile(rf"</(?:{_HIDDEN_TAGS})\s*>", re.IGNORECASE)


def article_from_markdown(
    text: str, *, source_path: str = "", notices: tuple[str, ...] = (), name: str = ""
) -> Article:
    text = normalize_text(text)
    fields = Fields()
    match = _FRONT_MATTER.match(text + "\n")
    if match:
        _read_front_matter(match.group(1), fields)
        text = text[match.end() :] if match.end() <= len(text) else ""
    # A soft break is a space in markdown, except in header-like blocks whose lines carry metadata.
    blocks = [b if is_meta_block(b) else " ".join(b.split()) for b in markdown_blocks(text)]
    return build_article(
        blocks, fields, source_format="markdown", source_path=source_path, notices=notices, name=name
    )


def markdown_blocks(text: str) -> list[str]:
    """Plain-text paragraphs of a markdown document, in reading order."""
    parser = MarkdownIt("commonmark").enable("table")
    tokens = parser.parse(text)
    blocks: list[str] = []
    list_depth = 0
    row: list[str] | None = None  # cells of the table row being read, None outside a row
    for token in tokens:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close" and row is not None:
            blocks.append(" | ".join(row))
            row = None
        elif token.type == "inline" and row is not None:
            row.append(_inline_text(token).replace("\n", " "))
        elif token.type == "inline":
            content = _inline_text(token)
            blocks.append(f"• {content}" if list_depth and content else content)
        elif token.type in ("fence", "code_block"):
            blocks.append(token.content)
        elif token.type == "html_block":
            blocks.append(_html_block_text(token.content))
    return [b for b in blocks if b.strip()]


def _html_block_text(raw: str) -> str:
    """The readable words of a raw HTML block: scripts and styles dropped, tags removed, entities read."""
    return html.unescape(_TAGS.sub(" ", _HIDDEN_ELEMENT.sub(" ", raw)))


def _inline_text(token: Token) -> str:
    parts: list[str] = []
    hidden = False  # inside an inline <script>/<style>: its text is code, not prose
    for child in token.children or []:
        if child.type == "html_inline":
            hidden = bool(_HIDDEN_OPEN.match(child.content)) or (
                hidden and not _HIDDEN_CLOSE.match(child.content)
            )
        elif hidden:
            continue
        elif child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    return "".join(parts)


def _read_front_matter(raw: str, fields: Fields) -> None:
    for line in raw.split("\n"):
        key, sep, value = line.partition(":")
        attr = _FRONT_KEYS.get(key.strip().lower())
        value = value.strip().strip("\"'")
        if sep and attr and value and not getattr(fields, attr):
            setattr(fields, attr, value)
