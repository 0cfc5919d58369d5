"""Applying the analyst's corrections to an analysis: the corrected analysis the window, the sidebar and
every export show.

Owns :func:`apply_corrections` and its result :class:`Applied`. Each correction of a model mark
re-attaches to a mark of a fresh analysis by its anchor -- the same cue span (same kind first, then any
kind), else the same cue words near the old passage, else a same-kind mark over most of the passage --
so corrections survive re-analysis with a new model or new rules. A correction made on an older
version of the text is first re-anchored on the new text (quote + prefix/suffix + position, as saved
highlights are). What cannot attach is returned as an orphan, never dropped.

Pure functions over ``core`` values; no store, no Qt, any thread. Offsets are code points. Cost: one
dictionary lookup per correction on the usual path (1,000 corrections on a 10,000-word article take a
few milliseconds; tests/bench/bench_corrections.py).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from stance_reader.core.corrections import (
    DECIDED_KIND,
    DECIDED_PASSAGE,
    DECIDED_SPEAKER,
    Correction,
    CorrectionKind,
)
from stance_reader.core.models import Analysis, AnalystNote, Mark, Quote
from stance_reader.store.anchoring import reanchor

NEAR = 40  # code points: how far cue words may have moved and still be "the same cue"
MIN_OVERLAP = 0.5  # share of the union two passages must have in common to be "the same passage"
ANALYST_RULE = "analyst"


@dataclass(frozen=True, slots=True)
class Applied:
    """The corrected analysis and what happened to each correction.

    ``attached``: corrections in force (on a model mark, or added); ``rejected``: each rejecting
    correction with the model mark it removed; ``orphans``: corrections with nothing to attach to
    (listed for the analyst, kept in the store); ``rebased``: corrections whose stored anchor no longer
    matches the text or their orphan flag changed (the caller may write them back).
    """

    analysis: Analysis
    attached: tuple[Correction, ...] = ()
    rejected: tuple[tuple[Correction, Mark], ...] = ()
    orphans: tuple[Correction, ...] = ()
    rebased: tuple[Correction, ...] = field(default=(), compare=False)

    @property
    def count(self) -> int:
        return len(self.attached) + len(self.orphans)


def apply_corrections(
    analysis: Analysis, corrections: Sequence[Correction], text: str, content_hash: str
) -> Applied:
    """``analysis`` with ``corrections`` applied (see the module docstring)."""
    if not corrections:
        return Applied(analysis)
    current, orphans, rebased = _rebase_all(corrections, text, content_hash)
    marks = list(analysis.marks)
    finder = MarkFinder(marks, text)
    out: dict[int, Mark | None] = {}  # index in ``marks`` -> corrected mark (None: rejected)
    attached: list[Correction] = []
    rejected: list[tuple[Correction, Mark]] = []
    added: list[Correction] = []
    for c in current:
        if c.target is None:
            added.append(c)
            continue
        index = finder.find(c)
        if index is None:
            orphans.append(c)
            continue
        attached.append(c)
        if c.rejected:
            rejected.append((c, marks[index]))
        out[index] = _corrected(marks[index], c)
    new_marks, quotes = _added(added, marks, out, attached)
    kept = [out.get(i, m) for i, m in enumerate(marks)]
    result = [m for m in kept if m is not None] + new_marks
    result.sort(key=lambda m: (m.start, m.end))
    corrected = replace(analysis, marks=tuple(result), quotes=(*analysis.quotes, *quotes))
    rebased += _orphan_flags(attached, orphans)
    return Applied(corrected, tuple(attached), tuple(rejected), tuple(orphans), tuple(rebased))


# --- anchoring ------------------------------------------------------------------------------------


def _rebase_all(
    corrections: Iterable[Correction], text: str, content_hash: str
) -> tuple[list[Correction], list[Correction], tuple[Correction, ...]]:
    """Corrections moved onto ``text`` (made on an older version of it), orphans, and those moved."""
    current: list[Correction] = []
    orphans: list[Correction] = []
    moved: list[Correction] = []
    for c in corrections:
        if c.content_hash == content_hash:
            current.append(c)
            continue
        rebased = rebase(c, text, content_hash)
        if rebased is None:
            orphans.append(c)
        else:
            current.append(rebased)
            moved.append(rebased)
    return current, orphans, tuple(moved)


def rebase(c: Correction, text: str, content_hash: str) -> Correction | None:
    """``c`` re-anchored on a changed ``text`` (its passage found again by quote and context, its cue
    and target shifted alike), or None when the passage is gone."""
    anchor = reanchor(text, c.quote, c.prefix, c.suffix, c.start)
    if anchor is None:
        return None
    delta = anchor.start - c.start
    target = c.target
    if target is not None:
        target = replace(
            target,
            start=target.start + delta,
            end=target.end + delta,
            cue=tuple((s + delta, e + delta) for s, e in target.cue),
        )
    moved = replace(c, cue=tuple((s + delta, e + delta) for s, e in c.cue), target=target)
    return replace(moved.with_passage(text, anchor.start, anchor.end), content_hash=content_hash)


def _orphan_flags(attached: Sequence[Correction], orphans: Sequence[Correction]) -> tuple[Correction, ...]:
    """Corrections whose stored orphan flag is now wrong, with the right one."""
    now_attached = [replace(c, orphaned=False) for c in attached if c.orphaned]
    now_orphaned = [replace(c, orphaned=True) for c in orphans if not c.orphaned]
    return (*now_attached, *now_orphaned)


class MarkFinder:
    """Finds the fresh mark a correction's target is, each mark claimed by at most one correction."""

    def __init__(self, marks: Sequence[Mark], text: str) -> None:
        self._marks, self._text = marks, text
        self._by_cue: dict[tuple[int, int], list[int]] = {}
        for i, m in enumerate(marks):
            self._by_cue.setdefault((m.cue_start, m.cue_end), []).append(i)
        self._by_words: dict[str, list[int]] | None = None  # built only if a cue moved
        self._claimed: set[int] = set()

    def find(self, c: Correction) -> int | None:
        assert c.target is not None
        found = None
        for way in (self._same_cue, self._same_words, self._same_passage):  # index 0 is a find: no `or`
            found = way(c)
            if found is not None:
                break
        if found is not None:
            self._claimed.add(found)
        return found

    def covers(self, kind: object, start: int, end: int) -> bool:
        """True when a mark of ``kind`` has its cue in ``[start, end)`` or shares most of the passage
        (an added passage the model now finds). Not claimed: scoring only."""
        for m in self._marks:
            if m.kind is not kind:
                continue
            if start <= m.cue_start < end:
                return True
            union = max(m.end, end) - min(m.start, start)
            if union and (min(m.end, end) - max(m.start, start)) / union >= MIN_OVERLAP:
                return True
        return False

    def _free(self, indices: Iterable[int]) -> list[int]:
        return [i for i in indices if i not in self._claimed]

    def _same_cue(self, c: Correction) -> int | None:
        assert c.target is not None
        free = self._free(self._by_cue.get((c.target.cue_start, c.target.cue_end), ()))
        same_kind = [i for i in free if self._marks[i].kind is c.target.kind]
        return (same_kind or free or [None])[0]

    def _same_words(self, c: Correction) -> int | None:
        target = c.target
        assert target is not None
        if not target.cue_text:
            return None
        if self._by_words is None:
            self._by_words = {}
            for i, m in enumerate(self._marks):
                self._by_words.setdefault(m.cue_text(self._text).casefold(), []).append(i)
        near = [
            i
            for i in self._free(self._by_words.get(target.cue_text.casefold(), ()))
            if abs(self._marks[i].cue_start - target.cue_start) <= NEAR
        ]
        marks = self._marks
        near.sort(
            key=lambda i: (marks[i].kind is not target.kind, abs(marks[i].cue_start - target.cue_start))
        )
        return near[0] if near else None

    def _same_passage(self, c: Correction) -> int | None:
        target = c.target
        assert target is not None
        best, best_share = None, MIN_OVERLAP
        for i in self._free(range(len(self._marks))):
            m = self._marks[i]
            if m.kind is not target.kind or m.end <= target.start or m.start >= target.end:
                continue
            share = (min(m.end, target.end) - max(m.start, target.start)) / (
                max(m.end, target.end) - min(m.start, target.start)
            )
            if share >= best_share:
                best, best_share = i, share
        return best


# --- building the corrected marks -----------------------------------------------------------------


def _corrected(mark: Mark, c: Correction) -> Mark | None:
    """The model's ``mark`` as the analyst decided it (None: rejected)."""
    if c.rejected:
        return None
    kind = c.kind.mark_kind if DECIDED_KIND in c.decided else None
    note = AnalystNote(
        correction_id=c.id,
        kind_by_analyst=kind is not None and kind is not mark.kind,
        speaker_by_analyst=DECIDED_SPEAKER in c.decided,
        passage_by_analyst=DECIDED_PASSAGE in c.decided,
        was_kind=mark.kind,
        was_speaker=mark.speaker,
        was_confidence=mark.confidence,
    )
    start, end = (c.start, c.end) if DECIDED_PASSAGE in c.decided else (mark.start, mark.end)
    return replace(
        mark,
        kind=kind or mark.kind,
        speaker=c.speaker if DECIDED_SPEAKER in c.decided else mark.speaker,
        start=start,
        end=end,
        analyst=note,
    )


def _added(
    added: Sequence[Correction],
    marks: Sequence[Mark],
    out: dict[int, Mark | None],
    attached: list[Correction],
) -> tuple[list[Mark], list[Quote]]:
    """Marks and quotes the analyst added. A fresh model mark of the same kind whose cue lies inside an
    added passage is the same finding: the analyst's version replaces it (no double count)."""
    new_marks: list[Mark] = []
    quotes: list[Quote] = []
    by_cue = sorted((m.cue_start, i) for i, m in enumerate(marks))
    starts = [s for s, _ in by_cue]
    for c in added:
        attached.append(c)
        if c.kind is CorrectionKind.QUOTE:
            quotes.append(added_quote(c))
            continue
        kind = c.kind.mark_kind
        if kind is None:
            continue  # an added "none" says nothing
        for _, i in by_cue[bisect_left(starts, c.start) : bisect_left(starts, c.end)]:
            if i not in out and marks[i].kind is kind:
                out[i] = None
        new_marks.append(added_mark(c))
    return new_marks, quotes


def added_mark(c: Correction) -> Mark:
    """The mark an "add a hedge/commitment" correction draws (always shown: the analyst said so)."""
    kind = c.kind.mark_kind
    assert kind is not None
    return Mark(
        kind=kind,
        start=c.start,
        end=c.end,
        cue=c.cue or ((c.start, c.end),),
        rule=ANALYST_RULE,
        speaker=c.speaker,
        explanation="Added by you",
        analyst=AnalystNote(c.id, kind_by_analyst=True, speaker_by_analyst=True, passage_by_analyst=True),
    )


def added_quote(c: Correction) -> Quote:
    """The attribution an "add a quote" correction draws (reported speech of ``c.speaker``)."""
    return Quote(
        content=((c.start, c.end),),
        cue=(),
        speaker=(),
        speaker_entity=c.speaker,
        direct=False,
        rule=ANALYST_RULE,
    )


__all__ = [
    "ANALYST_RULE",
    "Applied",
    "MarkFinder",
    "added_mark",
    "added_quote",
    "apply_corrections",
    "rebase",
]
