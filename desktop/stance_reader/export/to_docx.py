"""DOCX export (python-docx): passages grouped by article and speaker (or kind), each a quote paragraph
followed by its attribution, note, tags and source.

Kinds are told apart by words and weight, not colour alone: the attribution names the kind, and the
quote's left rule uses the kind's palette colour. Speakers carry the window's style
(``core.speaker_style``): the name in each attribution is shaded in the speaker's tint and, from the
seventh speaker on, underlined dashed, dash-dot or dash-dot-dot; a speaker key under the title lists
each speaker's initials, hue and line. Text goes in through python-docx runs (XML-escaped by the
library); illegal control characters are dropped first. Bytes are reproducible via
:func:`~stance_reader.export.zipfix.normalise_zip` and fixed core properties.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from stance_reader.core import palette
from stance_reader.core.models import Analysis
from stance_reader.core.speaker_style import LinePattern, SpeakerStyle
from stance_reader.export.passages import (
    Cite,
    Passage,
    article_meta,
    by_article,
    by_group,
    citation_parts,
    clean,
    speaker_key,
    summary_line,
)
from stance_reader.export.zipfix import normalise_zip

_KIND_HUE = {
    "hedge": palette.underline(palette.HEDGE_HUE, palette.LIGHT),
    "commitment": palette.underline(palette.COMMITMENT_HUE, palette.LIGHT),
}


class _Body:
    """Appends paragraphs in O(1). python-docx's ``add_paragraph`` looks for the final section properties
    with a linear scan on every call, which made a 10 000-passage export take minutes."""

    def __init__(self, document: Any) -> None:
        self.document = document
        self.body = document.element.body
        self.sect = self.body.sectPr  # looked up once: each lookup scans the whole body
        self.style_ids: dict[str, str] = {}

    def para(self, text: str = "", style: str | None = None) -> Any:
        from docx.oxml import OxmlElement
        from docx.text.paragraph import Paragraph

        element = OxmlElement("w:p")
        if self.sect is not None:
            self.sect.addprevious(element)
        else:
            self.body.append(element)
        if style:
            # Setting Paragraph.style resolves the name through every style each time; cache the id.
            if style not in self.style_ids:
                self.style_ids[style] = self.document.styles[style].style_id
            element.get_or_add_pPr().style = self.style_ids[style]
        paragraph = Paragraph(element, self.document)
        if text:
            paragraph.add_run(text)
        return paragraph

    def heading(self, text: str, level: int) -> Any:
        return self.para(text, "Title" if level == 0 else f"Heading {level}")


def _rgb(colour: str) -> Any:
    from docx.shared import RGBColor

    return RGBColor.from_string(colour.lstrip("#").upper())


def _speaker_run(run: Any, style: SpeakerStyle, strength: float) -> None:
    """Shade ``run`` in the speaker's tint and underline it in their line pattern (none when plain)."""
    from docx.enum.text import WD_UNDERLINE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    underlines = {
        LinePattern.DASHED: WD_UNDERLINE.DASH,
        LinePattern.DASH_DOT: WD_UNDERLINE.DOT_DASH,
        LinePattern.DASH_DOT_DOT: WD_UNDERLINE.DOT_DOT_DASH,
    }
    if style.pattern in underlines:
        run.font.underline = underlines[style.pattern]
        run._r.rPr.u.set(qn("w:color"), style.text_line(palette.LIGHT).lstrip("#").upper())
    shading = OxmlElement("w:shd")  # after every other run property we set: schema order
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), style.tint(palette.LIGHT, strength).lstrip("#").upper())
    run._r.get_or_add_rPr().append(shading)


def _speaker_key(document: _Body, speakers: Mapping[str, SpeakerStyle]) -> None:
    """One line per speaker: the initials in the speaker's look, the name, the hue and line in words."""
    from docx.shared import Pt

    intro = document.para()
    intro.add_run("Speaker key").bold = True
    intro.add_run(": each speaker's colour and line, as Stance Reader shows them")
    for name, style in speakers.items():
        line = document.para()
        line.paragraph_format.space_after = Pt(0)
        badge = line.add_run(f" {style.initials} ")
        badge.bold = True
        _speaker_run(badge, style, 0.38)
        line.add_run(f" {clean(name)}: {style.describe()}")


def _passage(document: _Body, passage: Passage, speakers: Mapping[str, SpeakerStyle]) -> None:
    from docx.shared import Pt

    hl = passage.highlight
    quote = document.para(style="Quote")
    quote.add_run(clean(passage.text))
    line = document.para()
    line.paragraph_format.space_after = Pt(2)
    line.add_run("— ")
    who = line.add_run(clean(passage.speaker) if passage.speaker else "no speaker")
    who.bold = bool(passage.speaker)
    who.italic = not passage.speaker
    if passage.speaker in speakers:
        _speaker_run(who, speakers[passage.speaker], 0.24)
    kind = line.add_run(f" · {passage.kind_label}")
    kind.bold = True
    hue = _KIND_HUE.get(str(passage.kind))
    if hue:
        kind.font.color.rgb = _rgb(hue)
    if passage.origin != "manual":
        line.add_run(" · automatic" + (f" (rule {clean(hl.rule)})" if hl.rule else ""))
    if passage.decided_by:
        line.add_run(f" · {passage.decided_by}").bold = True
    if hl.orphaned:
        line.add_run(" · orphaned: no longer found in the article").italic = True
    if hl.note.strip():
        note = document.para()
        note.paragraph_format.space_after = Pt(2)
        note.add_run("Note: ").bold = True
        note.add_run(clean(hl.note))
    if passage.tags:
        tags = document.para()
        tags.paragraph_format.space_after = Pt(2)
        tags.add_run("Tags: ").bold = True
        tags.add_run(", ".join(f"#{clean(t)}" for t in passage.tags))
    source = document.para()
    source.add_run("Source: " + clean(", ".join(citation_parts(passage.article)))).italic = True


def render(
    passages: Sequence[Passage],
    *,
    generated_at: str,
    group_by: str = "speaker",
    title: str = "Highlights",
    analyses: Mapping[int, Analysis] | None = None,
    cite: Cite | None = None,
) -> bytes:
    from docx import Document

    document = Document()
    props = document.core_properties
    props.title = title
    props.author = "Stance Reader"
    props.last_modified_by = "Stance Reader"
    props.comments = ""
    props.revision = 1
    body = _Body(document)
    body.heading(title, 0)
    body.para(f"Exported by Stance Reader: {summary_line(passages)}.")
    body.para(f"Generated: {clean(generated_at)}")
    speakers = speaker_key(passages, analyses)
    if speakers:
        _speaker_key(body, speakers)
    for article, _doc_id, items in by_article(passages):
        body.heading(clean(article.display_title), 1)
        meta = article_meta(article, cite)
        if meta:
            body.para(clean(" · ".join(meta))).runs[0].italic = True
        for label, group in by_group(items, group_by):
            body.heading(clean(label), 2)
            for passage in group:
                _passage(body, passage, speakers)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue(), core_date=generated_at)


def write(
    passages: Sequence[Passage],
    out: Path,
    *,
    generated_at: str,
    group_by: str = "speaker",
    analyses: Mapping[int, Analysis] | None = None,
    cite: Cite | None = None,
    **_: object,
) -> None:
    options = {"generated_at": generated_at, "group_by": group_by, "analyses": analyses, "cite": cite}
    out.write_bytes(render(passages, **options))
