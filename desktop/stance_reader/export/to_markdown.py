"""Markdown export: passages grouped by article, then by speaker (or kind), each a blockquote with
speaker, kind, note, tags and a citation line (title, outlet, date, source). Under the title, a speaker
key: each speaker's initials, hue and line as the window and the HTML/PDF/Word exports draw them.

Everything taken from the data is backslash-escaped (CommonMark allows a backslash before any ASCII
punctuation), so a note holding ``<script>`` or ``[link](javascript:…)`` renders as the literal text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from stance_reader.core.models import Analysis
from stance_reader.core.speaker_style import SpeakerStyle
from stance_reader.export.passages import (
    Cite,
    Passage,
    article_meta,
    by_article,
    by_group,
    clean,
    default_generated_at,
    speaker_key,
    summary_line,
)

# Inline characters CommonMark gives meaning to anywhere in a line.
_INLINE = re.compile(r"([\\`*_\[\]<>|~&!{}])")
# Constructs that only mean something at the start of a line: headings, quotes, lists, rules.
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])")
_SAFE_URL = re.compile(r"^https?://[^\s<>\\]+$")


def escape(text: str) -> str:
    """Markdown-escape ``text`` so it renders literally (inline and line-start syntax, raw HTML)."""
    lines = []
    for line in clean(text).split("\n"):
        line = _INLINE.sub(r"\\\1", line)
        line = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), line)
        lines.append(line)
    return "\n".join(lines)


def _quote_block(text: str) -> list[str]:
    """Blockquote lines; blank lines stay inside the quote as a bare ``>``."""
    return [f"> {line}" if line.strip() else ">" for line in escape(text.strip()).split("\n")]


def citation(passage: Passage) -> str:
    article = passage.article
    parts = [f"*{escape(article.display_title)}*"]
    parts += [escape(p) for p in (article.outlet, article.date) if p]
    if article.url and _SAFE_URL.match(article.url):
        parts.append(f"<{article.url}>")
    elif article.url or article.source_path:
        parts.append(escape(article.url or article.source_path))
    return ", ".join(parts)


def passage_lines(passage: Passage, *, with_citation: bool = True) -> list[str]:
    """One passage as a blockquote: text, attribution, note, tags, citation."""
    hl = passage.highlight
    lines = _quote_block(passage.text)
    who = f"**{escape(passage.speaker)}**" if passage.speaker else "*no speaker*"
    attribution = f"> — {who} · {passage.kind_label}"
    if passage.origin != "manual":
        attribution += " · automatic" + (f" (rule `{hl.rule.replace('`', '')}`)" if hl.rule else "")
    if passage.decided_by:
        attribution += f" · **{passage.decided_by}**"
    if hl.orphaned:
        attribution += " · *orphaned: no longer found in the article*"
    lines += [">", attribution]
    if hl.note.strip():
        note = _quote_block(hl.note)
        lines += [">", "> **Note:** " + note[0][2:], *note[1:]]
    if passage.tags:
        lines += [">", "> **Tags:** " + ", ".join(f"#{escape(t)}" for t in passage.tags)]
    if with_citation:
        lines += [">", f"> Source: {citation(passage)}"]
    return lines


def key_lines(speakers: Mapping[str, SpeakerStyle]) -> list[str]:
    """The speaker key as one paragraph: "Speaker key (…): **AB** Anna Berg, bluish green tint, no
    underline; **TL** …" (no list: a list in the report could only have come from the data)."""
    if not speakers:
        return []
    entries = [f"**{escape(s.initials)}** {escape(name)}, {s.describe()}" for name, s in speakers.items()]
    return ["Speaker key (colours and lines as Stance Reader shows them): " + "; ".join(entries) + ".", ""]


def render(
    passages: Sequence[Passage],
    *,
    group_by: str = "speaker",
    generated_at: str | None = None,
    title: str = "Highlights",
    header: bool = True,
    analyses: Mapping[int, Analysis] | None = None,
    cite: Cite | None = None,
) -> str:
    """The whole Markdown document. ``header=False`` (clipboard) drops the title, generated line and
    speaker key."""
    out: list[str] = []
    if header:
        out += [f"# {escape(title)}", ""]
        out += [f"Exported by Stance Reader: {summary_line(passages)}.", ""]
        out += [f"Generated: {escape(generated_at or default_generated_at())}", ""]
        out += key_lines(speaker_key(passages, analyses))
    for article, _doc_id, items in by_article(passages):
        out += [f"## {escape(article.display_title)}", ""]
        meta = article_meta(article, cite)
        if meta:
            out += ["*" + " · ".join(escape(m) for m in meta) + "*", ""]
        for label, group in by_group(items, group_by):
            out += [f"### {escape(label)}", ""]
            for p in group:
                out += [*passage_lines(p), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def write(
    passages: Sequence[Passage],
    out: Path,
    *,
    group_by: str,
    generated_at: str,
    analyses: Mapping[int, Analysis] | None = None,
    cite: Cite | None = None,
    **_: object,
) -> None:
    text = render(passages, group_by=group_by, generated_at=generated_at, analyses=analyses, cite=cite)
    out.write_text(text, encoding="utf-8", newline="\n")
