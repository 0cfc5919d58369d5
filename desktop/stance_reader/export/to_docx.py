"""DOCX export (python-docx): passages grouped by article and speaker (or kind), each a quote paragraph
followed by its attribution, note, tags and source.

Kinds are told apart by words and weight, not colour alone: the attribution names the kind, and the
quote's left rule uses the kind's palette colour. Text goes in through python-docx runs (XML-escaped by
the library); illegal control characters are dropped first. Bytes are reproducible via
:func:`~stance_reader.export.zipfix.normalise_zip` and fixed core properties.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from stance_reader.core import palette
from stance_reader.export.passages import (
    Passage,
    by_article,
    by_group,
    citation_parts,
    clean,
    summary_line,
)
from stance_reader.export.zipfix import normalise_zip

_KIND_HUE = {
    "hedge": palette.underline(palette.HEDGE_HUE, palette.LIGHT),
    "commitment": palette.underline(palette.COMMITMENT_HUE, palette.LIGHT),
}


def _rgb(colour: str) -> Any:
    from docx.shared import RGBColor

    return RGBColor.from_string(colour.lstrip("#").upper())


def _passage(document: Any, passage: Passage) -> None:
    from docx.shared import Pt

    hl = passage.highlight
    quote = document.add_paragraph(style="Quote")
    quote.add_run(clean(passage.text))
    line = document.add_paragraph()
    line.paragraph_format.space_after = Pt(2)
    line.add_run("— ")
    who = line.add_run(clean(passage.speaker) if passage.speaker else "no speaker")
    who.bold = bool(passage.speaker)
    who.italic = not passage.speaker
    kind = line.add_run(f" · {passage.kind_label}")
    kind.bold = True
    hue = _KIND_HUE.get(str(passage.kind))
    if hue:
        kind.font.color.rgb = _rgb(hue)
    if passage.origin != "manual":
        line.add_run(" · automatic" + (f" (rule {clean(hl.rule)})" if hl.rule else ""))
    if hl.orphaned:
        line.add_run(" · orphaned: no longer found in the article").italic = True
    if hl.note.strip():
        note = document.add_paragraph()
        note.paragraph_format.space_after = Pt(2)
        note.add_run("Note: ").bold = True
        note.add_run(clean(hl.note))
    if passage.tags:
        tags = document.add_paragraph()
        tags.paragraph_format.space_after = Pt(2)
        tags.add_run("Tags: ").bold = True
        tags.add_run(", ".join(f"#{clean(t)}" for t in passage.tags))
    source = document.add_paragraph()
    source.add_run("Source: " + clean(", ".join(citation_parts(passage.article)))).italic = True


def render(
    passages: Sequence[Passage], *, generated_at: str, group_by: str = "speaker", title: str = "Highlights"
) -> bytes:
    from docx import Document

    document = Document()
    props = document.core_properties
    props.title = title
    props.author = "Stance Reader"
    props.last_modified_by = "Stance Reader"
    props.comments = ""
    props.revision = 1
    document.add_heading(title, level=0)
    document.add_paragraph(f"Exported by Stance Reader: {summary_line(passages)}.")
    document.add_paragraph(f"Generated: {clean(generated_at)}")
    for article, _doc_id, items in by_article(passages):
        document.add_heading(clean(article.display_title), level=1)
        meta = citation_parts(article)[1:]
        if meta:
            document.add_paragraph(clean(" · ".join(meta))).runs[0].italic = True
        for label, group in by_group(items, group_by):
            document.add_heading(clean(label), level=2)
            for passage in group:
                _passage(document, passage)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue(), core_date=generated_at)


def write(
    passages: Sequence[Passage], out: Path, *, generated_at: str, group_by: str = "speaker", **_: object
) -> None:
    out.write_bytes(render(passages, generated_at=generated_at, group_by=group_by))
