"""A speaker's dossier (issue 21) as Markdown, HTML, DOCX or PDF: the header (name, the names they are
mentioned under, marks per kind, first and last dates, articles), the timeline picture (marks per week
by kind, ``export.timeline``), the stance shifts with both passages side by side, then the ledger grouped
by article (title, outlet, date, a citation line) with each mark's kind, confidence and text.

Markdown and JSON are ``export.ledger``'s (this module adds the shifts, names and weeks to them). HTML is
one self-contained page with the picture as inline SVG; the PDF is that page with the PNG picture
instead (Qt's HTML subset draws no SVG), laid out by ``to_pdf``; the DOCX is built with python-docx
like ``to_docx``, reproducible through ``zipfix``. All text passes through ``passages.clean`` and, for
HTML, ``html.escape``.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from stance_reader.core.ledger import (
    LedgerEntry,
    SpeakerSummary,
    StanceShift,
    WeekCount,
    subject_as_written,
    weekly_counts,
)
from stance_reader.export import timeline
from stance_reader.export.ledger import KIND_TITLES, ledger_json, ledger_markdown
from stance_reader.export.passages import clean
from stance_reader.export.to_docx import _Body
from stance_reader.export.to_html import esc
from stance_reader.export.zipfix import FIXED_TIMESTAMP, normalise_zip

FORMATS = ("md", "json", "html", "docx", "pdf")
BINARY = frozenset({"docx", "pdf"})
CHART_NAME = "timeline.png"  # the PDF's image resource name


@dataclass(frozen=True)
class Dossier:
    """Everything one speaker's dossier shows; built by ``services.speakers.dossier``."""

    speaker: SpeakerSummary
    entries: tuple[LedgerEntry, ...]
    shifts: tuple[StanceShift, ...] = ()
    mentions: tuple[tuple[str, int], ...] = ()  # (as written, marks), most marks first
    filters: Mapping[str, object] = field(default_factory=dict)
    generated_at: str = FIXED_TIMESTAMP

    @property
    def weeks(self) -> list[WeekCount]:
        return weekly_counts(list(self.entries))

    @property
    def title(self) -> str:
        return f"{self.speaker.name}: speaker dossier"


# --- shared pieces ---------------------------------------------------------------------------------------


def counts_line(speaker: SpeakerSummary) -> str:
    span = f"{speaker.first_date or '?'} – {speaker.last_date or '?'}"
    return (
        f"{speaker.hedges} hedges, {speaker.commitments} commitments, {speaker.quotes} quotes"
        f" in {speaker.articles} articles ({span})."
    )


def names_line(mentions: Sequence[tuple[str, int]]) -> str:
    return "Mentioned as " + "; ".join(f"{clean(name)} ({n})" for name, n in mentions) + "."


def filters_line(dossier: Dossier) -> str:
    shown = {k: v for k, v in dossier.filters.items() if v}
    if not shown:
        return ""
    listed = ", ".join(f"{k}: {v}" for k, v in shown.items())
    return f"Filtered by {listed} — {len(dossier.entries)} shown."


def where(entry: LedgerEntry) -> str:
    """An entry's article as one line: "title", outlet, date."""
    parts = [f"“{entry.title or f'Article {entry.document_id}'}”", entry.outlet, entry.date_iso or "undated"]
    return clean(", ".join(p for p in parts if p))


def confidence(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def by_article(entries: Sequence[LedgerEntry]) -> Iterator[tuple[LedgerEntry, list[LedgerEntry]]]:
    """Runs of one article's entries (the ledger's order: newest article first), with their first."""
    group: list[LedgerEntry] = []
    for entry in entries:
        if group and group[0].document_id != entry.document_id:
            yield group[0], group
            group = []
        group.append(entry)
    if group:
        yield group[0], group


def shift_label(shift: StanceShift) -> str:
    turn = "hedged" if shift.reason == "hedge" else "negated"
    subject = subject_as_written(shift, 5)
    before, after = shift.before.date_iso, shift.after.date_iso
    return f"Commitment of {before}, {turn} on {after} (shared terms: {subject})"


# --- Markdown and JSON -----------------------------------------------------------------------------------


def markdown(dossier: Dossier) -> str:
    return ledger_markdown(
        dossier.speaker, dossier.entries, dossier.filters, shifts=dossier.shifts, mentions=dossier.mentions,
        weeks=dossier.weeks,
    )  # fmt: skip


def json_text(dossier: Dossier) -> str:
    return ledger_json(dossier.speaker, dossier.entries, dossier.filters, shifts=dossier.shifts)


# --- HTML ---------------------------------------------------------------------------------------------------

_STYLE = """
body { font-family: Georgia, "DejaVu Serif", serif; color: #1B1B1B; background: #FBFAF7; max-width: 60em;
       margin: 2em auto; padding: 0 1em; line-height: 1.45; }
.meta, .citation, .caption { color: #5A5A5A; }
table.shifts { border-collapse: collapse; width: 100%; }
table.shifts td, table.shifts th { border: 1px solid #BBBBBB; padding: 6px; vertical-align: top; width: 50%; }
.kind { font-weight: bold; }
li { margin-bottom: 0.3em; }
"""


def _shifts_html(shifts: Sequence[StanceShift]) -> list[str]:
    if not shifts:
        return ["<p>No stance shifts found.</p>"]
    rows = ['<table class="shifts">', "<tr><th>Earlier commitment</th><th>Later hedge or negation</th></tr>"]
    for s in shifts:
        rows += [
            f'<tr><td colspan="2" class="meta">{esc(shift_label(s))}</td></tr>',
            f"<tr><td>{esc(s.before.snippet)}<br><i>{esc(where(s.before))}</i></td>"
            f"<td>{esc(s.after.snippet)}<br><i>{esc(where(s.after))}</i></td></tr>",
        ]
    return [*rows, "</table>"]


def _ledger_html(entries: Sequence[LedgerEntry]) -> list[str]:
    out: list[str] = []
    for first, group in by_article(entries):
        meta = " · ".join(x for x in (first.outlet, first.date_iso or "undated") if x)
        out += [
            f"<h3>{esc(first.title or f'Article {first.document_id}')}</h3>",
            f'<p class="citation">{esc(meta)}<br>Cite as: {esc(where(first))}.</p>',
            "<ul>",
            *(
                f'<li><span class="kind">{esc(KIND_TITLES.get(e.kind, e.kind))}</span> '
                f"(confidence {confidence(e.confidence)}): {esc(e.snippet)}</li>"
                for e in group
            ),
            "</ul>",
        ]
    return out or ["<p>(nothing matches)</p>"]


def html(dossier: Dossier, *, picture: str = "svg") -> str:
    """The standalone page; ``picture="png"`` refers to :data:`CHART_NAME` instead of inline SVG (PDF)."""
    weeks = dossier.weeks
    # In a paragraph of its own: Qt's HTML reader (the PDF) would set a bare image inside the heading.
    chart = (
        timeline.svg(weeks)
        if picture == "svg"
        else f'<p><img src="{CHART_NAME}" width="{timeline.WIDTH}"></p>'
    )
    body = [
        f"<h1>{esc(dossier.speaker.name)}</h1>",
        f'<p class="meta">{esc(counts_line(dossier.speaker))}</p>',
        f'<p class="meta">{esc(names_line(dossier.mentions))}</p>' if dossier.mentions else "",
        f'<p class="meta">{esc(filters_line(dossier))}</p>' if filters_line(dossier) else "",
        f'<p class="meta">Generated: {esc(dossier.generated_at)}</p>',
        "<h2>Timeline</h2>",
        chart if weeks else "",
        f'<p class="caption">{esc(timeline.caption(weeks))}</p>',
        f"<h2>Stance shifts ({len(dossier.shifts)})</h2>",
        *_shifts_html(dossier.shifts),
        f"<h2>Ledger ({len(dossier.entries)} marks)</h2>",
        *_ledger_html(dossier.entries),
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="generator" content="Stance Reader">\n'
        f"<title>{esc(dossier.title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(b for b in body if b)
        + "\n</body>\n</html>\n"
    )


# --- DOCX ---------------------------------------------------------------------------------------------------


def _docx_shifts(document: Any, shifts: Sequence[StanceShift]) -> None:
    if not shifts:
        document.add_paragraph("No stance shifts found.")
        return
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    head = table.rows[0].cells
    head[0].text, head[1].text = "Earlier commitment", "Later hedge or negation"
    for s in shifts:
        # Two labels, not one merged cell: python-docx's merge took 0.7 s for 210 shifts.
        turn = "Hedged" if s.reason == "hedge" else "Negated"
        label = table.add_row().cells
        label[0].text = f"Commitment of {s.before.date_iso}"
        label[1].text = clean(f"{turn} on {s.after.date_iso} (shared terms: {subject_as_written(s, 5)})")
        cells = table.add_row().cells
        for cell, entry in zip(cells, (s.before, s.after), strict=True):
            cell.text = clean(entry.snippet)
            cell.add_paragraph().add_run(where(entry)).italic = True


def _docx_ledger(body: _Body, entries: Sequence[LedgerEntry]) -> None:
    # Through to_docx's _Body: python-docx's add_paragraph scans the whole body on every call, which
    # made the busiest speaker's 472 marks take 2 s.
    for first, group in by_article(entries):
        body.heading(clean(first.title or f"Article {first.document_id}"), 2)
        body.para().add_run(f"Cite as: {where(first)}.").italic = True
        for e in group:
            item = body.para(style="List Bullet")
            item.add_run(KIND_TITLES.get(e.kind, e.kind)).bold = True
            item.add_run(f" (confidence {confidence(e.confidence)}): {clean(e.snippet)}")
    if not entries:
        body.para("(nothing matches)")


def docx(dossier: Dossier) -> bytes:
    """The dossier as a Word document with the timeline as a picture; same bytes for the same data."""
    from docx import Document
    from docx.shared import Inches

    document = Document()
    props = document.core_properties
    props.title, props.author, props.last_modified_by = dossier.title, "Stance Reader", "Stance Reader"
    props.comments, props.revision = "", 1
    document.add_heading(clean(dossier.speaker.name), 0)
    for line in (counts_line(dossier.speaker), names_line(dossier.mentions) if dossier.mentions else "",
                 filters_line(dossier), f"Generated: {dossier.generated_at}"):  # fmt: skip
        if line:
            document.add_paragraph(clean(line))
    document.add_heading("Timeline", 1)
    weeks = dossier.weeks
    if weeks:
        document.add_picture(io.BytesIO(timeline.png(weeks)), width=Inches(6.5))
    document.add_paragraph(timeline.caption(weeks)).runs[0].italic = True
    document.add_heading(f"Stance shifts ({len(dossier.shifts)})", 1)
    _docx_shifts(document, dossier.shifts)
    document.add_heading(f"Ledger ({len(dossier.entries)} marks)", 1)
    _docx_ledger(_Body(document), dossier.entries)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue(), core_date=dossier.generated_at)


# --- PDF ----------------------------------------------------------------------------------------------------


def pdf(dossier: Dossier) -> bytes:
    """The HTML page with the PNG picture, laid out and printed by ``to_pdf`` (Qt's PDF engine)."""
    from stance_reader.export import to_pdf

    images = {CHART_NAME: timeline.png(dossier.weeks)} if dossier.weeks else {}
    return to_pdf.render_page(
        html(dossier, picture="png"), title=dossier.title, generated_at=dossier.generated_at, images=images
    )


def render(dossier: Dossier, fmt: str) -> str | bytes:
    """The dossier in ``fmt`` (one of :data:`FORMATS`): text for md/json/html, bytes for docx/pdf."""
    writers = {"md": markdown, "json": json_text, "html": html, "docx": docx, "pdf": pdf}
    if fmt not in writers:
        raise ValueError(f"unknown dossier format {fmt!r} (one of {', '.join(FORMATS)})")
    return writers[fmt](dossier)


__all__ = ["BINARY", "FORMATS", "Dossier", "docx", "html", "json_text", "markdown", "pdf", "render"]
