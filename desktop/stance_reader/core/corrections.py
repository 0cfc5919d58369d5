"""The analyst's corrections of the analysis: what a mark really is, whose it is, where it runs.

Owns :class:`Correction` (one stored verdict on one passage), :class:`MarkRef` (the model's mark as it
was when corrected, the anchor a correction re-attaches by after a re-analysis) and
:class:`CorrectionKind`. Offsets are code points into the article text of ``content_hash``, end
exclusive. Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

from stance_reader.core.models import Mark, MarkKind, SpanTuple

CONTEXT_CHARS = 32  # prefix/suffix kept with a passage, as for highlights


class CorrectionKind(StrEnum):
    """What the analyst says a passage is. NONE rejects the model's mark ("not a hedge")."""

    HEDGE = "hedge"
    COMMITMENT = "commitment"
    QUOTE = "quote"
    NONE = "none"

    @property
    def mark_kind(self) -> MarkKind | None:
        return _MARK_KINDS.get(self.value)

    @classmethod
    def of(cls, kind: MarkKind) -> CorrectionKind:
        return cls(str(kind))


_MARK_KINDS = {"hedge": MarkKind.HEDGE, "commitment": MarkKind.COMMITMENT}

# The parts of a mark the analyst can decide; a correction applies only those it names.
DECIDED_KIND, DECIDED_SPEAKER, DECIDED_PASSAGE = "kind", "speaker", "passage"
DECIDABLE = (DECIDED_KIND, DECIDED_SPEAKER, DECIDED_PASSAGE)


def _spans(data: Any) -> tuple[SpanTuple, ...]:
    return tuple([(int(s), int(e)) for s, e in data]) if data else ()


_MARK_KIND_OF = {str(k): k for k in MarkKind}


@dataclass(frozen=True, slots=True)
class MarkRef:
    """The model's mark a correction was made on: kind, passage, cue (spans and words), speaker and
    score, as they were in the text the correction was made against."""

    kind: MarkKind
    start: int
    end: int
    cue: tuple[SpanTuple, ...]
    cue_text: str = ""
    speaker: str | None = None
    confidence: float | None = None
    rule: str = ""

    @classmethod
    def of(cls, mark: Mark, text: str) -> MarkRef:
        """The reference to ``mark``; a mark already corrected refers to what the model said."""
        note = mark.analyst
        kind = note.was_kind if note is not None and note.was_kind is not None else mark.kind
        speaker = note.was_speaker if note is not None and note.speaker_by_analyst else mark.speaker
        confidence = note.was_confidence if note is not None else mark.confidence
        return cls(kind, mark.start, mark.end, mark.cue, mark.cue_text(text), speaker, confidence, mark.rule)

    @property
    def cue_start(self) -> int:
        return min((s for s, _ in self.cue), default=self.start)

    @property
    def cue_end(self) -> int:
        return max((e for _, e in self.cue), default=self.end)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": str(self.kind),
            "start": self.start,
            "end": self.end,
            "cue": [list(c) for c in self.cue],
            "cue_text": self.cue_text,
            "speaker": self.speaker,
            "confidence": self.confidence,
            "rule": self.rule,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MarkRef:
        confidence = data.get("confidence")
        return cls(
            _MARK_KIND_OF[data["kind"]],
            int(data["start"]),
            int(data["end"]),
            _spans(data.get("cue")),
            str(data.get("cue_text", "")),
            data.get("speaker"),
            None if confidence is None else float(confidence),
            str(data.get("rule", "")),
        )


@dataclass(frozen=True, slots=True)
class Correction:
    """One analyst verdict, stored and re-applied to every later analysis of the document.

    ``target`` is the model mark corrected (None: the analyst added this passage). ``kind``,
    ``speaker``, ``start``/``end`` (with ``cue``) are the analyst's version; ``decided`` names which of
    them the analyst actually set (``DECIDABLE``), the rest follow the model. ``quote``/``prefix``/
    ``suffix`` anchor the passage in the text of ``content_hash`` (re-anchored if the article changes).
    ``orphaned``: the last analysis had nothing to attach it to; it is kept and listed, never dropped.
    """

    document_id: int
    content_hash: str
    kind: CorrectionKind
    start: int
    end: int
    cue: tuple[SpanTuple, ...] = ()
    quote: str = ""
    prefix: str = ""
    suffix: str = ""
    speaker: str | None = None
    decided: frozenset[str] = frozenset()
    target: MarkRef | None = None
    note: str = ""
    id: int | None = None
    created: datetime | None = None
    updated: datetime | None = None
    orphaned: bool = False
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def rejected(self) -> bool:
        return self.kind is CorrectionKind.NONE

    @property
    def added(self) -> bool:
        return self.target is None

    @property
    def cue_start(self) -> int:
        return min((s for s, _ in self.cue), default=self.start)

    def with_passage(self, text: str, start: int, end: int) -> Correction:
        """This correction over ``text[start:end]``, its anchor (quote and context) refreshed."""
        return replace(
            self,
            start=start,
            end=end,
            quote=text[start:end],
            prefix=text[max(0, start - CONTEXT_CHARS) : start],
            suffix=text[end : end + CONTEXT_CHARS],
        )

    def describe(self) -> str:
        """ "Rejected hedge", "Hedge → commitment", "Added commitment (Mark Rutte)" (plain text)."""
        if self.target is None:
            who = f" ({self.speaker})" if self.speaker else ""
            return f"Added {self.kind}{who}"
        was = str(self.target.kind)
        if self.rejected:
            return f"Rejected {was}"
        parts = []
        if DECIDED_KIND in self.decided and str(self.kind) != was:
            parts.append(f"{was.capitalize()} → {self.kind}")
        if DECIDED_SPEAKER in self.decided:
            parts.append(f"speaker → {self.speaker or 'the article'}")
        if DECIDED_PASSAGE in self.decided:
            parts.append("passage adjusted")
        return "; ".join(parts) or f"Kept {was}"


__all__ = [
    "DECIDABLE",
    "DECIDED_KIND",
    "DECIDED_PASSAGE",
    "DECIDED_SPEAKER",
    "Correction",
    "CorrectionKind",
    "MarkRef",
]
