"""Questions the highlight use cases ask of the store: "is this passage already saved?", "which of
this speaker's marks are not?".

Asked of the store (the truth), never of a view's rows, which may be a refresh behind a write still
queued on the lane. Short indexed reads (one row for "already saved?", one ``highlights_for`` for a
speaker's marks): fine on the GUI thread for a dialog's live count, and what the save operations ask on
the lane before they write.
"""

from __future__ import annotations

from stance_reader.core.models import Analysis, Highlight, HighlightKind, Mark
from stance_reader.services.highlights.building import marks_of
from stance_reader.store import Store

Span = tuple[int, int, HighlightKind]


def saved_spans(store: Store, document_id: int) -> dict[Span, Highlight]:
    """The document's attached highlights by (start, end, kind). Orphans are left out: their
    offsets point into an older version of the text, so they say nothing about this one."""
    return {(h.start, h.end, h.kind): h for h in store.highlights_for(document_id) if not h.orphaned}


def find_saved(store: Store, document_id: int, start: int, end: int, kind: HighlightKind) -> Highlight | None:
    """The stored highlight over exactly ``[start, end)`` with ``kind``, if there is one."""
    return store.find_highlight(document_id, start, end, kind)


def unsaved_marks(
    store: Store, document_id: int, analysis: Analysis, speaker: str, kind: HighlightKind
) -> list[Mark]:
    """``speaker``'s marks saved as ``kind`` that the document does not hold yet."""
    saved = saved_spans(store, document_id)
    return [m for m in marks_of(analysis, speaker, kind) if (m.start, m.end, kind) not in saved]


__all__ = ["find_saved", "saved_spans", "unsaved_marks"]
