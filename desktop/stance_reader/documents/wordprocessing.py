"""Word documents (.docx) → Article with python-docx (the maintained reader of the OOXML format).

Body paragraphs and tables are read in document order; a paragraph in the "Title" style or the core
property title becomes the title; "List" styles get a bullet. The news-header rules then apply, since
analysts often paste web articles into Word.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from stance_reader.core.models import Article
from stance_reader.documents.archives import open_zip
from stance_reader.documents.assemble import build_article
from stance_reader.documents.errors import DocumentError
from stance_reader.documents.newsheader import Fields

if TYPE_CHECKING:  # python-docx is imported lazily, when a .docx is opened
    from docx.table import Table

# python-docx's own template carries these placeholders; they say nothing about the article.
_PLACEHOLDER_AUTHORS = frozenset({"python-docx", "", "author", "user", "administrator"})


def article_from_docx(path: Path, *, notices: tuple[str, ...] = ()) -> Article:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    open_zip(path, "DOCX").close()  # size limits before python-docx inflates every part
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # why broad: python-docx raises KeyError/ValueError/lxml errors alike
        raise DocumentError(f"cannot open {path.name}: broken DOCX file ({type(exc).__name__})") from exc
    fields = _properties(document)
    blocks: list[str] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            style = (item.style.name if item.style is not None else "") or ""
            text = item.text
            if style == "Title" and not fields.title and not blocks:
                # Kept as a block: the header rules drop it again and read the lines under it.
                fields.title = text.strip()
            blocks.append(f"• {text}" if style.startswith("List") and text.strip() else text)
        elif isinstance(item, Table):
            blocks.extend(_table_rows(item))
    return build_article(
        blocks, fields, source_format="docx", source_path=str(path), notices=notices, name=path.name
    )


def _table_rows(table: Table) -> list[str]:
    rows: list[str] = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            if text and (not cells or cells[-1] != text):  # merged cells repeat their text
                cells.append(text)
        if cells:
            rows.append(" | ".join(cells))
    return rows


def _properties(document: Any) -> Fields:
    """Title, section and author from the core properties; a damaged properties part (python-docx
    then hands back a bare Part, found by the fuzz test) only costs the metadata, not the text."""
    try:
        props = document.core_properties
        fields = Fields(title=(props.title or "").strip(), section=(props.category or "").strip())
        if (props.author or "").strip().lower() not in _PLACEHOLDER_AUTHORS:
            fields.author = props.author.strip()
    except Exception:  # why broad: any error here is in optional metadata
        return Fields()
    return fields
