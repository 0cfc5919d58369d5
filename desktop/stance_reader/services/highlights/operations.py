"""Highlight writes as operations: one small frozen object per user action, run on the write lane.

Owns :class:`HighlightOp` (the protocol) and the operations :class:`SaveHighlight`, :class:`SaveMarks`,
:class:`EditHighlight`, :class:`DeleteHighlights`, :class:`Undo` and :class:`Redo`. As Anki's
``aqt/operations`` do, an operation carries everything it needs as plain values, does its checks and its
write in one go on the lane (so "already saved?" is answered by the store at the moment of writing, not
by a view that may be behind), and returns a frozen :class:`Changes`. Each write goes through the
:class:`HighlightHistory`, so every one of them is one undo step.

Qt-free: the window runs these on its lane, the CLI or a test can call ``run`` directly. Thread
affinity: ``run`` on one thread at a time per history (the lane is serial).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from stance_reader.core.models import Highlight, Mark
from stance_reader.services.highlights.building import highlight_from_mark
from stance_reader.services.highlights.changes import Changes
from stance_reader.services.highlights.history import HighlightHistory, Step
from stance_reader.services.highlights.queries import find_saved, saved_spans


class HighlightOp(Protocol):
    """One user action on saved highlights. ``label`` names the lane job."""

    @property
    def label(self) -> str: ...

    def run(self, history: HighlightHistory) -> Changes: ...


def _step_changes(step: Step | None, *, undone: bool = False) -> Changes:
    return Changes() if step is None else step.changes(undone=undone)


@dataclass(frozen=True, slots=True)
class SaveHighlight:
    """Save one prepared highlight (a selection or a mark, maybe with a note), unless the document
    already holds one over the same span with the same kind."""

    highlight: Highlight
    label: str = "Save highlight"

    def run(self, history: HighlightHistory) -> Changes:
        h = self.highlight
        if h.document_id is not None:
            existing = find_saved(history.store, h.document_id, h.start, h.end, h.kind)
            if existing is not None and existing.id is not None:
                return Changes(already_saved=(existing.id,))
        return Changes.between((), (history.add(h),))


@dataclass(frozen=True, slots=True)
class SaveMarks:
    """Save the given automatic marks of one document as one undo step, skipping those it holds."""

    document_id: int
    text: str  # the article text the marks' offsets (code points) refer to
    marks: tuple[Mark, ...]
    label: str = "Save highlights"

    def run(self, history: HighlightHistory) -> Changes:
        saved = saved_spans(history.store, self.document_id)
        batch = [highlight_from_mark(self.text, self.document_id, m) for m in self.marks]
        fresh = [h for h in batch if (h.start, h.end, h.kind) not in saved]
        if not fresh:
            return Changes(already_saved=tuple(h.id for h in saved.values() if h.id is not None))
        return Changes.between((), history.add_many(fresh, self.label))


@dataclass(frozen=True, slots=True)
class EditHighlight:
    """Replace a saved highlight's note, tags, kind or colour (the highlight carries its id). Tagging
    is this edit: the panel's Tags field and the dialog both hand in the highlight with its new tags."""

    highlight: Highlight
    label: str = "Edit highlight"

    def run(self, history: HighlightHistory) -> Changes:
        history.update(self.highlight)
        return _step_changes(history.last_step())


@dataclass(frozen=True, slots=True)
class DeleteHighlights:
    """Delete saved highlights by id as one undo step."""

    ids: tuple[int, ...]
    label: str = "Delete highlights"

    def run(self, history: HighlightHistory) -> Changes:
        return Changes.between(history.delete_many(list(self.ids)), ())


@dataclass(frozen=True, slots=True)
class Undo:
    """Revert the last step (whatever it was when the lane reaches this)."""

    label: str = "Undo"

    def run(self, history: HighlightHistory) -> Changes:
        return _step_changes(history.undo(), undone=True)


@dataclass(frozen=True, slots=True)
class Redo:
    """Re-apply the last undone step."""

    label: str = "Redo"

    def run(self, history: HighlightHistory) -> Changes:
        return _step_changes(history.redo())


__all__ = ["DeleteHighlights", "EditHighlight", "HighlightOp", "Redo", "SaveHighlight", "SaveMarks", "Undo"]
