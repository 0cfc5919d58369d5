"""Building a correction from what the analyst points at: a mark on screen, or a selection.

Owns :class:`Revision` (what one gesture changes: kind, speaker, passage) and the pure functions that
turn a mark (model or already corrected) plus a revision into the correction to store. A correction
that would say only what the model says is dropped instead (:func:`is_model_view`), so changing a
relabelled mark back leaves no trace but the undo step. No store, no Qt, any thread; offsets are code
points.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from stance_reader.core.corrections import (
    DECIDED_KIND,
    DECIDED_PASSAGE,
    DECIDED_SPEAKER,
    Correction,
    CorrectionKind,
    MarkRef,
)
from stance_reader.core.models import Mark


@dataclass(frozen=True, slots=True)
class Revision:
    """One gesture's change. ``kind`` None: keep the kind; ``set_speaker``: take ``speaker`` (None is
    the article's own voice); ``passage`` None: keep the passage (code points, end exclusive)."""

    kind: CorrectionKind | None = None
    speaker: str | None = None
    set_speaker: bool = False
    passage: tuple[int, int] | None = None

    def label(self, mark: Mark) -> str:
        """The Edit menu's name for the step: "Reject hedge", "Change kind to commitment", ..."""
        if self.kind is CorrectionKind.NONE:
            return f"Reject {mark.kind}"
        if self.kind is not None:
            return f"Change kind to {self.kind}"
        if self.set_speaker:
            return f"Change speaker to {self.speaker or 'the article'}"
        return "Adjust passage" if self.passage is not None else "Correct mark"


def fresh_correction(mark: Mark, text: str, document_id: int, content_hash: str) -> Correction:
    """A correction of a model mark that so far decides nothing (the starting point of a revision)."""
    target = MarkRef.of(mark, text)
    made = Correction(
        document_id=document_id,
        content_hash=content_hash,
        kind=CorrectionKind.of(target.kind),
        start=mark.start,
        end=mark.end,
        cue=mark.cue,
        speaker=mark.speaker,
        target=target,
    )
    return made.with_passage(text, mark.start, mark.end)


def revise(base: Correction, revision: Revision, text: str) -> Correction:
    """``base`` with ``revision`` applied; the parts it sets become the analyst's."""
    c = base
    decided = set(c.decided)
    if revision.kind is not None:
        c = replace(c, kind=revision.kind)
        decided.add(DECIDED_KIND)
    if revision.set_speaker:
        c = replace(c, speaker=(revision.speaker or "").strip() or None)
        decided.add(DECIDED_SPEAKER)
    if revision.passage is not None:
        start, end = sorted(revision.passage)
        c = c.with_passage(text, max(0, start), min(len(text), end))
        decided.add(DECIDED_PASSAGE)
    return replace(c, decided=frozenset(decided))


def is_model_view(c: Correction) -> bool:
    """True when ``c`` (a correction of a model mark) says exactly what the model said: nothing to keep."""
    t = c.target
    if t is None:
        return False
    same_kind = DECIDED_KIND not in c.decided or str(c.kind) == str(t.kind)
    same_speaker = DECIDED_SPEAKER not in c.decided or c.speaker == t.speaker
    same_passage = DECIDED_PASSAGE not in c.decided or (c.start, c.end) == (t.start, t.end)
    return same_kind and same_speaker and same_passage


def added_correction(
    text: str,
    document_id: int,
    content_hash: str,
    start: int,
    end: int,
    kind: CorrectionKind,
    speaker: str | None,
) -> Correction:
    """A passage the model missed: ``kind`` (hedge, commitment or quote) by ``speaker``, over the
    selection trimmed of surrounding whitespace. Raises ValueError for an empty selection."""
    start, end = sorted((max(0, start), min(len(text), end)))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        raise ValueError("the selection is empty")
    if kind is CorrectionKind.NONE:
        raise ValueError("an added passage needs a kind")
    made = Correction(
        document_id=document_id,
        content_hash=content_hash,
        kind=kind,
        start=start,
        end=end,
        cue=((start, end),),
        speaker=(speaker or "").strip() or None,
        decided=frozenset({DECIDED_KIND, DECIDED_SPEAKER, DECIDED_PASSAGE}),
    )
    return made.with_passage(text, start, end)


__all__ = ["Revision", "added_correction", "fresh_correction", "is_model_view", "revise"]
