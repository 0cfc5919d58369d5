"""Standalone HTML export: each article with its colour coding (hedges, commitments, speakers, saved
highlights), a legend, and the passages with attribution and notes. Also the rich-text clipboard
fragment.

Self-contained by construction: one file, inline ``<style>``, no scripts, no external URLs (an
article's own URL is printed as text, never fetched or linked). Colours come from ``core.palette``
and every layer also has a non-colour cue (``palette.LAYER_STYLES``): hedges a wavy underline with the
cue in italics, commitments a thick solid underline with the cue in bold, speakers a tint plus ▸
before the speaker's name, saved highlights an outline plus a numbered ● marker. Each speaker has the
window's style (``core.speaker_style``): from the seventh on, a dashed, dash-dot or dash-dot-dot line
under their words, and the legend names every speaker's hue, pattern and initials.

The same page feeds the PDF (``to_pdf``) through ``QTextDocument``, whose HTML subset ignores what it
does not know; each rule below therefore states a property for browsers and one Qt understands.
All data passes through :func:`html.escape`; a colour is used only if it is ``#rrggbb``.

A speaker's pattern is drawn for browsers as a repeating gradient along the bottom of the words (CSS
has no dash-dot line); Qt ignores that and keeps a plain underline, in a colour unique to the pattern
(``QT_UNDERLINES``), which ``to_pdf`` turns back into the pattern.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Required, TypedDict

from stance_reader.core import palette
from stance_reader.core.models import Analysis, Article
from stance_reader.core.speaker_style import PATTERN_DASHES, PATTERNS, LinePattern, SpeakerStyle
from stance_reader.export.passages import (
    NO_SPEAKER,
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

THEME = palette.LIGHT
HEDGE_LINE = palette.underline(palette.HEDGE_HUE, THEME)
COMMIT_LINE = palette.underline(palette.COMMITMENT_HUE, THEME)
SAVED_LINE = palette.underline(palette.CUSTOM_HUE, THEME)
SAVED_TINT = palette.tint(palette.CUSTOM_HUE, THEME, 0.25)
_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
SPEAKER_MARK = '<span class="speaker-name">▸</span>'


# Nesting order of layer spans, outermost first; a later (inner) layer wins where Qt merges formats.
LAYER_ORDER = ("speaker", "saved", "commitment", "hedge", "commitment-cue", "hedge-cue", "speaker-name")


def esc(text: str) -> str:
    return html.escape(clean(text), quote=True)


def qt_underline(style: SpeakerStyle) -> str:
    """The underline colour Qt sees under a patterned speaker's words: the style's text line with its
    blue channel moved by 1–8 per (pattern, shade), invisible to the eye, unique among speakers (the
    same hue differs only in these), so the PDF can find the words and draw the pattern."""
    r, g, b = (int(style.text_line(THEME)[i : i + 2], 16) for i in (1, 3, 5))
    step = 1 + PATTERNS.index(style.pattern) + (len(PATTERNS) if style.pale else 0)
    b = b - step if b >= 16 else b + step
    return f"#{r:02X}{g:02X}{b:02X}"


def qt_underlines(speakers: Mapping[str, SpeakerStyle]) -> dict[str, LinePattern]:
    """Qt underline colour → the pattern it stands for, for every patterned speaker."""
    return {qt_underline(s): s.pattern for s in speakers.values() if s.pattern is not LinePattern.PLAIN}


def dash_gradient(style: SpeakerStyle, unit: int = 2) -> str:
    """A CSS gradient drawing the style's line pattern (steps of ``unit`` px) along the x axis."""
    stops, at, colour = [], 0, style.line(THEME)
    for i, step in enumerate(PATTERN_DASHES[style.pattern]):
        ink = colour if i % 2 == 0 else "transparent"
        stops.append(f"{ink} {at}px {at + step * unit}px")
        at += step * unit
    return f"repeating-linear-gradient(90deg, {', '.join(stops)})"


def speaker_rule(style: SpeakerStyle) -> str:
    """The CSS class of one speaker's words: the tint, and the line pattern from the seventh on."""
    rule = f".sp{style.index} {{ background-color: {style.tint(THEME, 0.35)};"
    if style.pattern is not LinePattern.PLAIN:
        # Qt reads the underline (and skips the rest); browsers drop it for the gradient below.
        rule += (
            f" text-decoration: underline; text-decoration-color: {qt_underline(style)};"
            f" text-decoration-line: none; background-image: {dash_gradient(style)};"
            " background-size: 100% 2px; background-position: 0 100%; background-repeat: no-repeat;"
        )
    return rule + " }"


def stylesheet(speakers: Mapping[str, SpeakerStyle]) -> str:
    rules = [
        f"body {{ background: {THEME.page}; color: {THEME.text}; font-family: 'DejaVu Serif', Georgia, serif;"
        " max-width: 46em; margin: 2em auto; padding: 0 1em; line-height: 1.5; }",
        f".meta, .citation, .attribution {{ color: {THEME.muted}; }}",
        ".text { white-space: pre-wrap; }",
        # Browsers read text-decoration-*; Qt reads text-decoration + text-decoration-color.
        f".hedge {{ text-decoration: underline; text-decoration-style: wavy;"
        f" text-decoration-color: {HEDGE_LINE}; text-decoration-thickness: 1.5px; }}",
        f".commitment {{ text-decoration: underline; text-decoration-style: solid;"
        f" text-decoration-color: {COMMIT_LINE}; text-decoration-thickness: 3px; }}",
        ".hedge-cue { font-style: italic; }",
        ".commitment-cue { font-weight: bold; }",
        ".speaker-name { font-weight: bold; }",
        f".saved {{ outline: 2px solid {SAVED_LINE}; background-color: {SAVED_TINT}; }}",
        f".marker {{ color: {SAVED_LINE}; font-weight: bold; }}",
        f"blockquote.passage {{ border-left: 4px solid {THEME.muted}; margin: 1em 0; padding: 0.2em 1em; }}",
        "table.legend { border-collapse: collapse; margin: 1em 0; }",
        "table.legend td { padding: 0.2em 0.6em; vertical-align: top; }",
        ".orphaned { font-style: italic; }",
    ]
    rules += [speaker_rule(style) for style in speakers.values()]
    return "\n".join(rules)


@dataclass(frozen=True, slots=True)
class Layer:
    """One styled interval of the article text (code points, end exclusive)."""

    start: int
    end: int
    css: str  # the class name
    kind: str  # a LAYER_ORDER entry
    title: str = ""


def layers(
    article: Article,
    analysis: Analysis | None,
    passages: Sequence[Passage],
    speakers: Mapping[str, SpeakerStyle],
    first_number: int = 1,
) -> tuple[list[Layer], dict[int, str]]:
    """Every styled interval of ``article`` plus insertions (offset → HTML placed before it).

    ``passages[i]`` is listed below the article as number ``first_number + i``; saved ones get a
    ●number marker in the text linking to that entry."""
    n = len(article.text)
    out: list[Layer] = []
    inserts: dict[int, list[str]] = {}
    index = {name: style.index for name, style in speakers.items()}

    def add(start: int, end: int, css: str, kind: str, title: str = "") -> None:
        start, end = max(0, min(start, n)), max(0, min(end, n))
        if start < end:
            out.append(Layer(start, end, css, kind, title))

    if analysis is not None:
        for q in analysis.quotes:
            if q.speaker_entity in index:
                for s, e in q.content:
                    add(s, e, f"sp{index[q.speaker_entity]}", "speaker", f"Said by {q.speaker_entity}")
                for s, e in q.speaker:
                    add(s, e, "speaker-name", "speaker-name")
                    here = inserts.setdefault(max(0, min(s, n)), [])
                    if SPEAKER_MARK not in here:  # one ▸ per mention, however many quotes it heads
                        here.append(SPEAKER_MARK)
        for m in analysis.marks:
            kind = "hedge" if str(m.kind) == "hedge" else "commitment"
            add(m.start, m.end, kind, kind, m.explanation or m.rule)
            for s, e in m.cue:
                add(s, e, f"{kind}-cue", f"{kind}-cue")
    for number, p in enumerate(passages, start=first_number):
        hl = p.highlight
        if p.origin != "manual" or hl.orphaned or article.text[hl.start : hl.end] != hl.quote:
            continue
        add(hl.start, hl.end, "saved", "saved", hl.note)
        marker = f'<a class="marker" href="#p{number}" title="Saved highlight {number}">●{number}</a>'
        inserts.setdefault(max(0, min(hl.start, n)), []).append(marker)
    return out, {k: "".join(v) for k, v in inserts.items()}


def _segments(n: int, spans: Sequence[Layer], cuts: Sequence[int]) -> Iterator[tuple[int, int, list[Layer]]]:
    """Sweep the text once: each maximal piece [a, b) with the layers covering all of it."""
    starts: dict[int, list[Layer]] = {}
    for span in spans:
        starts.setdefault(span.start, []).append(span)
    points = sorted({0, n, *cuts, *(s.start for s in spans), *(s.end for s in spans)})
    active: list[Layer] = []
    for a, b in itertools.pairwise(points):
        active = [s for s in active if s.end > a] + starts.get(a, [])
        if a < b:
            yield a, b, active


def article_html(
    article: Article,
    analysis: Analysis | None,
    passages: Sequence[Passage],
    speakers: Mapping[str, SpeakerStyle],
    first_number: int = 1,
) -> str:
    """The article text with nested layer spans; one segment per change of active layers."""
    spans, inserts = layers(article, analysis, passages, speakers, first_number)
    rank = {k: i for i, k in enumerate(LAYER_ORDER)}
    parts: list[str] = []
    text = article.text
    for a, b, covering in _segments(len(text), spans, list(inserts)):
        parts.append(inserts.get(a, ""))
        active = sorted({(rank[s.kind], s.css, s.title) for s in covering})
        chunk = esc(text[a:b])
        for _r, css, title in reversed(active):
            attr = f' title="{esc(title)}"' if title else ""
            chunk = f'<span class="{css}"{attr}>{chunk}</span>'
        parts.append(chunk)
    parts.append(inserts.get(len(text), ""))
    return f'<div class="text">{"".join(parts)}</div>'


def legend(speakers: Mapping[str, SpeakerStyle]) -> str:
    rows = [
        ("hedge", "hedge-cue", "Hedge", palette.LAYER_STYLES["hedge"]),
        ("commitment", "commitment-cue", "Firm commitment", palette.LAYER_STYLES["commitment"]),
        ("saved", "", "Saved highlight", palette.LAYER_STYLES["saved"]),
    ]
    cells = []
    for css, cue, label, style in rows:
        sample = f'<span class="{cue}">cue</span> passage' if cue else "passage"
        cells.append(
            f'<tr><td><span class="{css}">{sample}</span></td><td><b>{label}</b>: {esc(style)}</td></tr>'
        )
    if speakers:
        cells.append(
            f"<tr><td>{SPEAKER_MARK}<b>Name</b></td>"
            f"<td><b>Speakers</b>: {esc(palette.LAYER_STYLES['speaker'])}</td></tr>"
        )
    for name, style in speakers.items():
        cells.append(
            f'<tr><td><span class="sp{style.index}">“quoted words”</span></td>'
            f"<td><b>Speaker: {esc(name)}</b> ({esc(style.initials)}): {esc(style.describe())}</td></tr>"
        )
    return f'<h2>Legend</h2>\n<table class="legend">{"".join(cells)}</table>'


def attribution(passage: Passage) -> str:
    who = f"<b>{esc(passage.speaker)}</b>" if passage.speaker else "<i>no speaker</i>"
    bits = [f"— {who}", esc(passage.kind_label)]
    if passage.origin != "manual":
        bits.append(
            "automatic" + (f" (rule {esc(passage.highlight.rule)})" if passage.highlight.rule else "")
        )
    if passage.decided_by:
        bits.append(f"<b>{esc(passage.decided_by)}</b>")
    if passage.highlight.orphaned:
        bits.append('<span class="orphaned">orphaned: no longer found in the article</span>')
    return " · ".join(bits)


def passage_html(
    passage: Passage, number: int | None = None, *, inline: bool = False, with_citation: bool = False
) -> str:
    """A passage as a blockquote. ``inline`` styles every element (clipboard targets drop ``<style>``)."""
    hl = passage.highlight
    colour = (
        hl.colour
        if _HEX.match(hl.colour or "")
        else {"hedge": HEDGE_LINE, "commitment": COMMIT_LINE}.get(str(passage.kind), SAVED_LINE)
    )
    quote_style = (
        f' style="border-left: 4px solid {colour}; margin: 0.8em 0 0.8em 1.5em; padding: 0.2em 0.8em;"'
    )
    muted = f' style="color: {THEME.muted};"' if inline else ' class="attribution"'
    ident = f' id="p{number}"' if number is not None else ""
    label = f"<b>●{number}</b> " if number is not None and passage.origin == "manual" else ""
    body = esc(passage.text).replace("\n", "<br>")
    lines = [f'<blockquote class="passage"{ident}{quote_style}>', f"<p>{label}{body}</p>"]
    lines.append(f"<p{muted}>{attribution(passage)}</p>")
    if hl.note.strip():
        lines.append(f"<p><b>Note:</b> {esc(hl.note).replace(chr(10), '<br>')}</p>")
    if passage.tags:
        lines.append("<p><b>Tags:</b> " + ", ".join(f"#{esc(t)}" for t in passage.tags) + "</p>")
    if with_citation:
        lines.append(f"<p{muted}>Source: " + esc(", ".join(citation_parts(passage.article))) + "</p>")
    lines.append("</blockquote>")
    return "\n".join(lines)


def fragment(passages: Sequence[Passage], *, group_by: str = "speaker") -> str:
    """Rich-text clipboard HTML: the passages as inline-styled blockquotes with attribution and source."""
    out = []
    for _article, _doc, items in by_article(passages):
        out += [passage_html(p, inline=True, with_citation=True) for p in items]
    return "\n".join(out) + "\n"


class PageOptions(TypedDict, total=False):
    """The report page's options (:func:`render`'s keywords; the PDF writer passes them on)."""

    analyses: Mapping[int, Analysis] | None
    generated_at: Required[str]
    group_by: str
    title: str
    cite: Cite | None


def render(
    passages: Sequence[Passage],
    *,
    analyses: Mapping[int, Analysis] | None = None,
    generated_at: str,
    group_by: str = "speaker",
    title: str = "Highlights",
    cite: Cite | None = None,
) -> str:
    """The standalone page. Only the line holding ``generated_at`` depends on when it was made."""
    analyses = analyses or {}
    groups = by_article(passages)
    speakers = speaker_key(passages, analyses)
    body = [
        f"<h1>{esc(title)}</h1>",
        f'<p class="meta">Exported by Stance Reader: {esc(summary_line(passages))}.</p>',
        f'<p class="meta">Generated: {esc(generated_at)}</p>',
        legend(speakers),
    ]
    number = 0
    for article, doc_id, items in groups:
        analysis = analyses.get(doc_id) if doc_id is not None else None
        meta = article_meta(article, cite)
        body += [
            f'<hr>\n<h2 class="article-title">{esc(article.display_title)}</h2>',
            f'<p class="citation">{esc(" · ".join(meta))}</p>' if meta else "",
        ]
        numbered = {id(p): i for i, p in enumerate(items, start=number + 1)}
        body.append(article_html(article, analysis, items, speakers, number + 1))
        body.append("<h3>Passages</h3>")
        for label, group in by_group(items, group_by):
            heading = esc(label) if label != NO_SPEAKER else "<i>" + esc(label) + "</i>"
            body.append(f"<h4>{heading}</h4>")
            body += [passage_html(p, numbered[id(p)]) for p in group]
        number += len(items)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="generator" content="Stance Reader">\n'
        f"<title>{esc(title)}</title>\n<style>\n{stylesheet(speakers)}\n</style>\n</head>\n<body>\n"
        + "\n".join(b for b in body if b)
        + "\n</body>\n</html>\n"
    )


def write(
    passages: Sequence[Passage],
    out: Path,
    *,
    generated_at: str,
    analyses: Mapping[int, Analysis] | None = None,
    group_by: str = "speaker",
    cite: Cite | None = None,
    **_: object,
) -> None:
    page = render(passages, analyses=analyses, generated_at=generated_at, group_by=group_by, cite=cite)
    out.write_text(page, encoding="utf-8", newline="\n")
