"""Saved highlights as use cases: build, ask "already saved?", write as undoable operations.

The one way in for every highlight action, from the window (which runs the operations on its write
lane) or headless (CLI, tests):

- ``building``: unsaved highlights from a mark or a selection; the one MarkKind → HighlightKind table;
  a selection's kind and speaker from the analysis;
- ``queries``: "is this passage already saved?", "which marks are not?", asked of the store;
- ``operations``: :class:`SaveHighlight`, :class:`SaveMarks`, :class:`EditHighlight`,
  :class:`DeleteHighlights`, :class:`Undo`, :class:`Redo`, each returning a :class:`Changes`;
- ``history``: :class:`HighlightHistory`, the undo/redo stack every write goes through.

No Qt here.
"""

from stance_reader.services.highlights.building import (
    highlight_from_mark,
    highlight_from_selection,
    highlight_kind_of,
    infer_kind,
    mark_candidate,
    marks_of,
    selection_candidate,
    speakers_with_marks,
)
from stance_reader.services.highlights.changes import Changes
from stance_reader.services.highlights.history import MAX_STEPS, HighlightHistory, HistoryStep, Step
from stance_reader.services.highlights.operations import (
    DeleteHighlights,
    EditHighlight,
    HighlightOp,
    Redo,
    SaveHighlight,
    SaveMarks,
    Undo,
)
from stance_reader.services.highlights.queries import find_saved, saved_spans, unsaved_marks

__all__ = [
    "MAX_STEPS",
    "Changes",
    "DeleteHighlights",
    "EditHighlight",
    "HighlightHistory",
    "HighlightOp",
    "HistoryStep",
    "Redo",
    "SaveHighlight",
    "SaveMarks",
    "Step",
    "Undo",
    "find_saved",
    "highlight_from_mark",
    "highlight_from_selection",
    "highlight_kind_of",
    "infer_kind",
    "mark_candidate",
    "marks_of",
    "saved_spans",
    "selection_candidate",
    "speakers_with_marks",
    "unsaved_marks",
]
