"""Export layer: writes passages (saved highlights, optionally automatic marks) as Markdown, CSV, XLSX,
JSON, standalone HTML, PDF, DOCX or a REFI-QDA project (``qdpx.py``), and builds the clipboard's
Markdown and rich-text HTML.

Works on ``core`` dataclasses only (``services.exporting`` loads them from the store): no peewee, no
spaCy. Qt is imported only for the PDF, lazily. Every format is deterministic: the same passages give
the same bytes, except the one generated-at value (md/json/html: one line; xlsx/docx/pdf: the
document's dates; csv: none).

Public API::

    export_passages(fmt, passages, out, *, include_marks=None, generated_at=None, group_by="speaker") -> int
    passages_to_markdown(passages, *, group_by="speaker", header=False, generated_at=None) -> str
    passages_to_html_fragment(passages) -> str
    Passage, passages_from_rows, passages_for_document, automatic_passages, matches, FORMATS
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from stance_reader.core.models import Analysis, StoredDocument
from stance_reader.export import qdpx, tabular, to_docx, to_html, to_json, to_markdown
from stance_reader.export.citations import PLAIN, CitationStyleError, citer
from stance_reader.export.passages import (
    GROUPINGS,
    Passage,
    automatic_passages,
    default_generated_at,
    matches,
    ordered,
    passages_for_document,
    passages_from_rows,
    rejected_passages,
)

FORMATS: dict[str, str] = {
    "md": "Markdown",
    "csv": "CSV (UTF-8 with BOM)",
    "xlsx": "Excel workbook",
    "json": "JSON (Web Annotation selectors)",
    "html": "Standalone HTML",
    "pdf": "PDF",
    "docx": "Word document",
    "qdpx": "REFI-QDA project (QualCoder, MAXQDA, ATLAS.ti, NVivo)",
}
SCHEMA_PATH = Path(__file__).with_name("schema.json")


def _write_pdf(passages: list[Passage], out: Path, **options: Any) -> None:
    from stance_reader.export import to_pdf  # Qt only when a PDF is asked for

    to_pdf.write(passages, out, **options)


_WRITERS: dict[str, Callable[..., None]] = {
    "md": to_markdown.write,
    "csv": tabular.write_csv,
    "xlsx": tabular.write_xlsx,
    "json": to_json.write,
    "html": to_html.write,
    "pdf": _write_pdf,
    "docx": to_docx.write,
    "qdpx": qdpx.write,
}


def export_passages(
    fmt: str,
    passages: Iterable[Passage],
    out: Path,
    *,
    include_marks: Mapping[int, Analysis] | None = None,
    generated_at: str | None = None,
    group_by: str = "speaker",
    citation_style: str | None = None,
    documents: Iterable[StoredDocument] = (),
) -> int:
    """Write ``passages`` to ``out`` as ``fmt`` (a ``FORMATS`` key); returns how many were written.

    ``include_marks`` maps document id → Analysis: the HTML and PDF colour-code those articles' automatic
    marks and speakers (other formats ignore it; to export marks as passages, add
    :func:`automatic_passages`). ``generated_at`` defaults to now (UTC); pass it to get identical bytes.
    ``citation_style`` (see :mod:`.citations`) puts each article's citation under its heading (md, html,
    pdf, docx) and in a qdpx source's description; the tables and JSON carry the parts as fields.
    ``documents`` are articles the qdpx carries as sources even when no passage comes from them.
    The file is written to a temporary sibling first and moved into place, so a failed export never
    leaves half a report behind.
    """
    fmt = fmt.lower().lstrip(".")
    if fmt == "markdown":
        fmt = "md"
    if fmt not in _WRITERS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if group_by not in GROUPINGS:
        raise ValueError(f"group_by must be one of {', '.join(GROUPINGS)}, not {group_by!r}")
    cite = citer(citation_style) if citation_style else None  # a bad style fails before any writing
    items = ordered(passages)
    if fmt == "qdpx":  # a coding needs a span inside the text: orphaned highlights cannot come along
        items = [p for p in items if qdpx.codable(p)]
    with whole_or_nothing(Path(out)) as partial:
        _WRITERS[fmt](
            items,
            partial,
            generated_at=generated_at or default_generated_at(),
            analyses=dict(include_marks or {}),
            group_by=group_by,
            cite=cite,
            documents=list(documents),
        )
    return len(items)


@contextmanager
def whole_or_nothing(out: Path) -> Iterator[Path]:
    """A path to write ``out``'s content to; it becomes ``out`` only when the block ends without an
    error, so a reader (or a file watcher) never sees half a file and a failed export leaves none."""
    partial = out.with_name(f".{out.name}.partial")
    try:
        yield partial
        partial.replace(out)
    finally:
        partial.unlink(missing_ok=True)


def passages_to_markdown(
    passages: Iterable[Passage],
    *,
    group_by: str = "speaker",
    header: bool = False,
    generated_at: str | None = None,
) -> str:
    """Markdown for the clipboard (``header=False``: no title or generated line) or a full report."""
    return to_markdown.render(ordered(passages), group_by=group_by, header=header, generated_at=generated_at)


def passages_to_html_fragment(passages: Iterable[Passage]) -> str:
    """Rich-text clipboard HTML: inline-styled blockquotes with attribution, note, tags and source."""
    return to_html.fragment(ordered(passages))


__all__ = [
    "FORMATS",
    "PLAIN",
    "SCHEMA_PATH",
    "CitationStyleError",
    "Passage",
    "automatic_passages",
    "export_passages",
    "matches",
    "passages_for_document",
    "passages_from_rows",
    "passages_to_html_fragment",
    "passages_to_markdown",
    "rejected_passages",
    "whole_or_nothing",
]
