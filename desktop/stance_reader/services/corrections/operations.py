"""Correction writes as operations on the write lane, each one step of the shared undo history.

Owns :class:`CorrectionStep` (a history step: the corrections before and after one gesture) and the
operations :class:`CorrectMark` (reject, change kind, change speaker, adjust the passage of a mark on
screen), :class:`AddPassage` (a hedge, commitment or quote the model missed) and
:class:`RemoveCorrections` (give a mark back to the model; forget orphans). As the highlight operations
do, each carries plain values, reads what it needs from the store at the moment of writing, writes in
one transaction and returns a frozen :class:`Changes`; the window's ``Undo``/``Redo`` then revert it like
any highlight step, so Ctrl+Z undoes the last action whatever it was.

Every write, undo and redo re-indexes the touched documents' speaker-ledger rows from their stored
analysis with the corrections applied (``services.speakers.reindex_document``), so the ledger, the
dossier and the stance shifts show what the analyst decided, not what the model said.

Qt-free: the window runs these on its lane; the CLI or a test calls ``run`` directly.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from stance_reader.core.corrections import Correction, CorrectionKind
from stance_reader.core.models import Mark
from stance_reader.services.corrections.apply import rebase
from stance_reader.services.corrections.building import Revision, fresh_correction, is_model_view, revise
from stance_reader.services.highlights import Changes, HighlightHistory
from stance_reader.services.speakers import reindex_document
from stance_reader.store import NotFoundError, Store


@dataclass(frozen=True, slots=True)
class CorrectionStep:
    """One undoable correction gesture: ``before``/``after`` states (empty before = added, empty after
    = removed)."""

    label: str
    before: tuple[Correction, ...]
    after: tuple[Correction, ...]

    def undo(self, store: Store) -> None:
        _swap(store, self.after, self.before)
        reindex_ledger(store, self.changes().document_ids)

    def redo(self, store: Store) -> None:
        _swap(store, self.before, self.after)
        reindex_ledger(store, self.changes().document_ids)

    def changes(self, *, undone: bool = False) -> Changes:
        touched = (*self.before, *self.after)
        return Changes(
            document_ids=frozenset(c.document_id for c in touched),
            correction_ids=frozenset(c.id for c in touched if c.id is not None),
        )


def reindex_ledger(store: Store, document_ids: Iterable[int]) -> None:
    """Re-index each document's ledger rows with its corrections applied; a document removed meanwhile
    or never analysed has nothing to index."""
    for document_id in sorted(set(document_ids)):
        try:
            document = store.get_document(document_id)
        except NotFoundError:
            continue
        reindex_document(store, document)


def _swap(store: Store, current: tuple[Correction, ...], wanted: tuple[Correction, ...]) -> None:
    """Turn the ``current`` states into the ``wanted`` ones: delete, restore (same id) or rewrite."""
    wanted_ids = {c.id for c in wanted}
    gone = [c.id for c in current if c.id not in wanted_ids and c.id is not None]
    if gone:
        store.delete_corrections(gone)
    current_ids = {c.id for c in current}
    restore = [c for c in wanted if c.id not in current_ids]
    if restore:
        store.add_corrections(restore)
    for c in wanted:
        if c.id in current_ids:
            store.update_correction(c)


def _write(
    history: HighlightHistory, label: str, before: Correction | None, after: Correction | None
) -> Changes:
    """Store ``after`` in place of ``before`` (either may be None) as one undo step."""
    store = history.store
    if before is None and after is None:
        return Changes()
    if after is None:
        assert before is not None and before.id is not None
        store.delete_corrections([before.id])
        written: tuple[Correction, ...] = ()
    elif before is None or before.id is None:
        written = tuple(store.add_corrections([after]))
    else:
        written = (store.update_correction(after),)
    step = CorrectionStep(label, (before,) if before is not None else (), written)
    history.record(step)
    changes = step.changes()
    reindex_ledger(store, changes.document_ids)
    return changes


def existing_correction(store: Store, mark: Mark) -> Correction | None:
    """The stored correction a mark on screen shows, if any (None when it was removed meanwhile)."""
    cid = mark.analyst.correction_id if mark.analyst is not None else None
    if cid is None:
        return None
    try:
        return store.get_correction(cid)
    except NotFoundError:
        return None


@dataclass(frozen=True, slots=True)
class CorrectMark:
    """Revise a mark on screen (a model mark, or one already corrected or added)."""

    mark: Mark
    revision: Revision
    document_id: int
    content_hash: str
    text: str  # the article text the mark's offsets (code points) refer to
    label: str = "Correct mark"

    def run(self, history: HighlightHistory) -> Changes:
        existing = existing_correction(history.store, self.mark)
        before = existing
        if existing is not None and existing.content_hash != self.content_hash:
            existing = rebase(existing, self.text, self.content_hash) or existing
        return _write(history, self.label, before, self._after(existing))

    def _after(self, existing: Correction | None) -> Correction | None:
        if existing is not None and existing.added:
            # The analyst's own passage: rejecting it removes it, anything else edits it.
            if self.revision.kind is CorrectionKind.NONE:
                return None
            return revise(existing, self.revision, self.text)
        base = existing or fresh_correction(self.mark, self.text, self.document_id, self.content_hash)
        after = revise(base, self.revision, self.text)
        return None if is_model_view(after) else after


@dataclass(frozen=True, slots=True)
class AddPassage:
    """Store a passage the model missed (built by ``added_correction``)."""

    correction: Correction
    label: str = "Add passage"

    def run(self, history: HighlightHistory) -> Changes:
        return _write(history, self.label, None, self.correction)


@dataclass(frozen=True, slots=True)
class RemoveCorrections:
    """Delete corrections by id as one undo step (the marks go back to what the model says)."""

    ids: tuple[int, ...]
    label: str = "Remove corrections"

    def run(self, history: HighlightHistory) -> Changes:
        store = history.store
        before = []
        for cid in dict.fromkeys(self.ids):
            try:
                before.append(store.get_correction(cid))
            except NotFoundError:
                continue
        if not before:
            return Changes()
        store.delete_corrections([c.id for c in before if c.id is not None])
        step = CorrectionStep(self.label, tuple(before), ())
        history.record(step)
        changes = step.changes()
        reindex_ledger(store, changes.document_ids)
        return changes


__all__ = [
    "AddPassage", "CorrectMark", "CorrectionStep", "RemoveCorrections", "existing_correction",
    "reindex_ledger",
]  # fmt: skip
