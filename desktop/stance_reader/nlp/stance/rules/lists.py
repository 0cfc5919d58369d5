"""Release lists: the bulleted items under "A Labor Government will:" are each part of the header's
undertaking, so each gets a commitment mark of its own (rule ``commit.list.under_header``)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from stance_reader.core.models import Mark, MarkKind

_BULLET = re.compile(r"[ \t]*(?:[-*\u2022\u2013\u2014\u00b7]|\d{1,2}[.)])[ \t]+")


_HEADER_END = re.compile(r"(?:[ \t]+not|n['\u2019]t)?[ \t]*:[ \t]*\n")  # "will:", "will not:", "won't:"


def list_items_under_header(text: str, marks: list[Mark], modals: frozenset[str]) -> list[Mark]:
    """Release lists: "A Labor Government will:" followed by bulleted items. Each item is part of the
    undertaking the header's *will* makes, so it gets a commitment mark cued by the item's first word
    (one mark per cue: the header keeps its own). Items already marked as commitments, and lists after
    a non-commitment, are left alone. ``modals``: the header words that open a list ("will")."""
    out: list[Mark] = []
    # An item is already marked when a commitment's cue lies in it (the header's passage may run over
    # the list when the parser glues it on; that does not count).
    covered = [span for m in marks if m.kind is MarkKind.COMMITMENT for span in m.cue]
    for header in marks:
        if header.kind is not MarkKind.COMMITMENT or not header.cue:
            continue
        cue_start, cue_end = header.cue[0]
        if text[cue_start:cue_end].lower() not in modals:
            continue
        colon = _HEADER_END.match(text, cue_end)
        if colon is None:
            continue  # "will: …" on the same line is a sentence, not a list header
        for start, end in _list_items(text, colon.end() - 1):
            if not any(s < end and start < e for s, e in covered):
                word = re.match(r"[^\s,;:]+", text[start:end])
                first = (start, start + (word.end() if word else end - start))
                out.append(Mark(  # cue: the item's action ("will" is the header's own mark's cue)
                    kind=MarkKind.COMMITMENT, start=start, end=end, cue=(first,),
                    rule="commit.list.under_header", speaker=None, negated=header.negated,
                    explanation=f"list item under '{_clip(text[header.start : cue_end])}:' — part of it",
                ))
                covered.append(first)
    return out


def _clip(words: str, limit: int = 60) -> str:
    words = " ".join(words.split())
    return words if len(words) <= limit else "…" + words[-limit:].lstrip()


def _list_items(text: str, pos: int) -> Iterable[tuple[int, int]]:
    """(start, end) of each bulleted line after ``pos`` (blank lines between items allowed), up to
    the first line that is not a bullet item."""
    line_start = text.find("\n", pos) + 1
    while 0 < line_start < len(text):
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end < 0 else line_end
        line = text[line_start:line_end]
        if line.strip():
            bullet = _BULLET.match(line)
            if bullet is None:
                return
            start, end = line_start + bullet.end(), line_end
            while end > start and text[end - 1] in " \t;,.":
                end -= 1
            if end > start:
                yield start, end
        line_start = line_end + 1
