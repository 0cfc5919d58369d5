"""CSV and XLSX export: one row per passage, the same columns in both, safe against formula injection.

A spreadsheet treats a cell that starts with ``=``, ``+``, ``-``, ``@``, tab or carriage return as a
formula (OWASP "CSV injection"), so a note reading ``=HYPERLINK(...)`` could run on open. CSV cells
that start so get a leading apostrophe, which spreadsheets show as text. XLSX cells are written with
the string type explicitly and Excel's own quote-prefix flag (the apostrophe Excel itself stores for
typed text like ``'=1+1``), so the value keeps its exact text and still never evaluates.

CSV is UTF-8 with a byte-order mark (Excel guesses the legacy code page without it) and CRLF rows.
Neither format carries a generated-at value: their bytes depend on the data only.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from stance_reader.export.passages import Passage, clean, ordered
from stance_reader.export.zipfix import FIXED_TIMESTAMP, normalise_zip

COLUMNS = (
    "document",
    "document_id",
    "outlet",
    "date",
    "source",
    "kind",
    "origin",
    "speaker",
    "text",
    "note",
    "tags",
    "start",
    "end",
    "kind_source",  # model | analyst: who decided the kind (and below, the speaker)
    "speaker_source",
    "correction",  # "" | corrected | added | rejected
)
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
XLSX_CELL_LIMIT = 32767  # Excel's maximum characters per cell


def row(passage: Passage) -> list[str | int]:
    """One passage's values in ``COLUMNS`` order (offsets as ints, everything else text)."""
    article, hl = passage.article, passage.highlight
    return [
        article.display_title,
        passage.document_id if passage.document_id is not None else "",
        article.outlet,
        article.date,
        article.url or article.source_path,
        str(passage.kind),
        passage.origin,
        passage.speaker,
        passage.text,
        hl.note,
        "; ".join(passage.tags),
        hl.start,
        hl.end,
        passage.kind_source,
        passage.speaker_source,
        passage.correction,
    ]


def defuse(value: str) -> str:
    """Prefix an apostrophe to text a spreadsheet would otherwise read as a formula."""
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


def needs_quote_prefix(value: str) -> bool:
    return value.startswith(FORMULA_TRIGGERS)


def render_csv(passages: Sequence[Passage]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    for p in ordered(passages):
        writer.writerow([v if isinstance(v, int) else defuse(clean(v)) for v in row(p)])
    return buffer.getvalue().encode("utf-8-sig")


def write_csv(passages: Sequence[Passage], out: Path, **_: object) -> None:
    out.write_bytes(render_csv(passages))


def render_xlsx(passages: Sequence[Passage], *, generated_at: str = "") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new Workbook always has one sheet
    sheet.title = "Highlights"
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for r, passage in enumerate(ordered(passages), start=2):
        for c, value in enumerate(row(passage), start=1):
            cell = sheet.cell(row=r, column=c)
            if isinstance(value, int):
                cell.value = value
                continue
            text = clean(value)[:XLSX_CELL_LIMIT]
            # Assigning a str lets openpyxl guess "formula" for "=..."; set the type ourselves.
            cell._value = text
            cell.data_type = "s"
            if needs_quote_prefix(text):
                cell.quotePrefix = True
            if COLUMNS[c - 1] in {"text", "note"}:
                cell.alignment = wrap
    for letter, width in {"A": 32, "I": 80, "J": 40, "K": 20}.items():
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    workbook.properties.creator = "Stance Reader"
    workbook.properties.title = "Highlights"
    workbook.properties.lastModifiedBy = "Stance Reader"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return normalise_zip(buffer.getvalue(), core_date=generated_at or FIXED_TIMESTAMP)


def write_xlsx(passages: Sequence[Passage], out: Path, *, generated_at: str, **_: object) -> None:
    out.write_bytes(render_xlsx(passages, generated_at=generated_at))
