"""What lies at a place in the article, in code points: the reader's marks, quotes, entities and
saved highlights under an offset, their tooltip lines, and find matches.

Plain functions over ``core`` values and the set of layers shown, calling no Qt, so the reader's
tooltips, its details signals and the tests all read the analysis the same way (what is hidden is
never "under the cursor"). :class:`MarkedSpans` keeps the spans the reader marks for a while (an
entity's mentions, find matches) and which of each is current.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from stance_reader.core.models import Analysis, Entity, Highlight, Mark, MarkKind, Quote
from stance_reader.ui.render_plan import Layer


def mark_label(mark: Mark) -> str:
    return "Commitment" if mark.kind is MarkKind.COMMITMENT else "Hedge"


def mark_tooltip(mark: Mark, text: str) -> str:
    """ "Hedge · cue 'can't say' · Mark Rutte · negated claim of support" (plain text)."""
    parts = [mark_label(mark), f"cue '{mark.cue_text(text)}'", mark.speaker or "the article's own voice"]
    why = mark.explanation or (f"rule {mark.rule}" if mark.rule else "")
    if why:
        parts.append(why)
    if mark.negated:
        parts.append("negated")
    return " · ".join(parts)


def quote_tooltip(quote: Quote, text: str) -> str:
    who = quote.speaker_entity or "unknown speaker"
    cue = " … ".join(text[s:e] for s, e in quote.cue)
    return f"{quote.kind_label().capitalize()} · {who}" + (f" · cue '{cue}'" if cue else "")


def marks_at(analysis: Analysis | None, layers: Collection[Layer], offset: int) -> list[Mark]:
    """Marks of the shown layers covering ``offset``, innermost first."""
    if analysis is None:
        return []
    wanted = {MarkKind.HEDGE} if Layer.HEDGES in layers else set()
    if Layer.COMMITMENTS in layers:
        wanted.add(MarkKind.COMMITMENT)
    found = [m for m in analysis.marks if m.kind in wanted and m.start <= offset < m.end]
    return sorted(found, key=lambda m: (m.end - m.start, m.start))


def quote_at(analysis: Analysis | None, layers: Collection[Layer], offset: int) -> Quote | None:
    """The first quote with a known speaker whose content or speaker span covers ``offset``."""
    if analysis is None or Layer.SPEAKERS not in layers:
        return None
    for quote in analysis.quotes:
        spans = quote.content + quote.speaker
        if quote.speaker_entity and any(s <= offset < e for s, e in spans):
            return quote
    return None


def entity_at(analysis: Analysis | None, layers: Collection[Layer], offset: int) -> Entity | None:
    if analysis is None or Layer.ENTITIES not in layers:
        return None
    return next((e for e in analysis.entities if e.start <= offset < e.end), None)


def tooltip_text(
    text: str,
    analysis: Analysis | None,
    layers: Collection[Layer],
    saved: Sequence[Highlight],
    offset: int,
) -> str:
    """The explanation shown when hovering code point ``offset`` (one line per layer)."""
    lines = [mark_tooltip(m, text) for m in marks_at(analysis, layers, offset)]
    quote = quote_at(analysis, layers, offset)
    if quote is not None:
        lines.append(quote_tooltip(quote, text))
    entity = entity_at(analysis, layers, offset)
    if entity is not None:
        lines.append(f"Entity · {entity.canonical or text[entity.start : entity.end]} ({entity.label})")
    lines += [
        f"Saved highlight · {h.kind} · {h.note or 'no note'}"
        for h in saved
        if h.start <= offset < h.end and not h.orphaned
    ]
    return "\n".join(lines)


def find_spans(text: str, query: str, case_sensitive: bool) -> list[tuple[int, int]]:
    """Every non-overlapping occurrence of ``query`` in ``text``, in code points (none when case
    folding would change the text's length, as ß → ss does: the offsets would no longer match)."""
    spans: list[tuple[int, int]] = []
    if not query:
        return spans
    hay = text if case_sensitive else text.casefold()
    needle = query if case_sensitive else query.casefold()
    if len(hay) == len(text):
        pos = hay.find(needle)
        while pos >= 0:
            spans.append((pos, pos + len(needle)))
            pos = hay.find(needle, pos + max(1, len(needle)))
    return spans


def step_index(spans: Sequence[tuple[int, int]], index: int, here: int, direction: int) -> int:
    """The span to move to from ``index`` (``-1``: none yet, so the first at or after the cursor
    offset ``here`` going forward, the one before it going back), wrapping at both ends."""
    if index < 0:
        after = [i for i, (s, _) in enumerate(spans) if s >= here]
        index = (after[0] if after else 0) if direction > 0 else (after[0] - 1 if after else len(spans) - 1)
    else:
        index = (index + direction) % len(spans)
    return index % len(spans)


class MarkedSpans:
    """An entity's mentions and the find matches, each with the index of the current one (-1: none
    stepped to yet)."""

    def __init__(self) -> None:
        self.entity: list[tuple[int, int]] = []
        self.entity_index = -1
        self.found: list[tuple[int, int]] = []
        self.found_index = -1

    def clear(self) -> None:
        self.entity, self.found = [], []
        self.entity_index = self.found_index = -1

    def set_entity(self, spans: Sequence[tuple[int, int]]) -> None:
        self.entity, self.entity_index = sorted(spans), -1

    def set_found(self, text: str, query: str, case_sensitive: bool) -> int:
        """Find every ``query`` in ``text``; returns the count."""
        self.found, self.found_index = find_spans(text, query, case_sensitive), -1
        return len(self.found)

    def step(self, which: str, direction: int, here: int) -> tuple[int, int] | None:
        """Make the next (``direction`` 1) or previous (-1) span of ``which`` ("entity" or "find")
        current, from the cursor offset ``here`` when none is yet; returns it (None: no spans)."""
        spans = self.entity if which == "entity" else self.found
        if not spans:
            return None
        index = step_index(
            spans, self.entity_index if which == "entity" else self.found_index, here, direction
        )
        if which == "entity":
            self.entity_index = index
        else:
            self.found_index = index
        return spans[index]

    def last_end(self) -> int:
        """The end of the last span marked (0 when none)."""
        return max((e for _, e in self.entity + self.found), default=0)


__all__ = [
    "MarkedSpans",
    "entity_at",
    "find_spans",
    "mark_label",
    "mark_tooltip",
    "marks_at",
    "quote_at",
    "quote_tooltip",
    "step_index",
    "tooltip_text",
]
