"""Building unsaved highlights from what the analyst points at: a mark, a selection, a speaker's marks.

Owns the one MarkKind → HighlightKind table (:func:`highlight_kind_of`) and the rules that give a
selection its kind and speaker. Pure functions over ``core`` values: no store, no Qt, any thread.
Offsets are code points into the article text, end exclusive.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from stance_reader.core.models import Analysis, Highlight, HighlightKind, Mark, MarkKind
from stance_reader.core.session import ReadingSession

_MARK_KINDS = {MarkKind.HEDGE: HighlightKind.HEDGE, MarkKind.COMMITMENT: HighlightKind.COMMITMENT}


def highlight_kind_of(mark_kind: MarkKind) -> HighlightKind:
    """The highlight kind a mark of ``mark_kind`` is saved as (anything else is custom)."""
    return _MARK_KINDS.get(mark_kind, HighlightKind.CUSTOM)


def highlight_from_mark(article_text: str, doc_id: int | None, mark: Mark, colour: str = "") -> Highlight:
    """An unsaved highlight over an automatic mark's passage, keeping its kind, speaker and rule."""
    return Highlight.from_span(
        article_text,
        mark.start,
        mark.end,
        document_id=doc_id,
        kind=highlight_kind_of(mark.kind),
        speaker=mark.speaker,
        colour=colour,
        origin="automatic",
        rule=mark.rule,
    )


def highlight_from_selection(
    article_text: str,
    doc_id: int | None,
    start: int,
    end: int,
    kind: HighlightKind = HighlightKind.CUSTOM,
    note: str = "",
    tags: Sequence[str] = (),
) -> Highlight:
    """An unsaved highlight over a selection (code points, end exclusive), trimmed of surrounding
    whitespace. Raises ValueError for an empty or out-of-range selection."""
    start, end = sorted((start, end))
    if start < 0 or end > len(article_text):
        raise ValueError(f"selection {start}..{end} is outside the article (0..{len(article_text)})")
    while start < end and article_text[start].isspace():
        start += 1
    while end > start and article_text[end - 1].isspace():
        end -= 1
    if start == end:
        raise ValueError("the selection is empty")
    return Highlight.from_span(
        article_text,
        start,
        end,
        document_id=doc_id,
        kind=HighlightKind(str(kind)),
        note=note,
        tags=tuple(tags),
        origin="manual",
    )


def infer_kind(analysis: Analysis | None, start: int, end: int) -> tuple[HighlightKind, str | None]:
    """Kind and speaker of a selection: inside a mark it takes the (innermost) mark's; inside a quote
    the quoted speaker's; else custom with no speaker."""
    if analysis is None:
        return HighlightKind.CUSTOM, None
    inside = [m for m in analysis.marks if m.start <= start and end <= m.end]
    if inside:
        mark = min(inside, key=lambda m: m.end - m.start)
        return highlight_kind_of(mark.kind), mark.speaker
    for quote in analysis.quotes:
        if quote.speaker_entity and any(s <= start and end <= e for s, e in quote.content):
            return HighlightKind.SPEAKER, quote.speaker_entity
    return HighlightKind.CUSTOM, None


def selection_candidate(session: ReadingSession, start: int, end: int) -> Highlight | None:
    """What saving the selection ``[start, end)`` of the session's article would store; None when
    nothing can be (no stored document, or only whitespace selected)."""
    doc_id, text = session.document_id, session.text
    if doc_id is None or not text or end <= start:
        return None
    kind, speaker = infer_kind(session.analysis, start, end)
    try:
        made = highlight_from_selection(text, doc_id, start, end, kind)
    except ValueError:  # only whitespace selected
        return None
    return replace(made, speaker=speaker) if speaker and not made.speaker else made


def mark_candidate(session: ReadingSession, mark: Mark) -> Highlight | None:
    """What saving ``mark`` would store; None before the article is in the library."""
    doc_id = session.document_id
    return None if doc_id is None else highlight_from_mark(session.text, doc_id, mark)


def speakers_with_marks(analysis: Analysis) -> list[str]:
    """Speakers that own at least one hedge or commitment, in order of appearance."""
    with_marks = {m.speaker for m in analysis.marks if m.speaker}
    ordered = [s for s in analysis.speakers() if s in with_marks]
    return ordered + sorted(with_marks.difference(ordered))


def marks_of(analysis: Analysis, speaker: str, kind: HighlightKind) -> list[Mark]:
    """The hedges or commitments of ``speaker`` that would be saved as ``kind``."""
    return [m for m in analysis.marks if m.speaker == speaker and _MARK_KINDS.get(m.kind) is kind]


__all__ = [
    "highlight_from_mark",
    "highlight_from_selection",
    "highlight_kind_of",
    "infer_kind",
    "mark_candidate",
    "marks_of",
    "selection_candidate",
    "speakers_with_marks",
]
