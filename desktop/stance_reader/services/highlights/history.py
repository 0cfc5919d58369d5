"""The undo/redo history of the analyst's writes: saved highlights and corrections of the analysis.

:class:`HighlightHistory` is the Qt-free undo stack behind Ctrl+Z / Ctrl+Shift+Z: every action is
written to the store at once (nothing waits for a "save"), and undoing writes the inverse. A bulk
save ("all of Mark Rutte's hedges") is one transaction and one undo step. Deleted highlights come
back under their old id (the store never reuses ids), so redo and references keep working.

One stack for everything the analyst writes, so Ctrl+Z undoes the last action whatever it was: a step
is any :class:`Step` (it knows how to undo and redo itself against the store and what that changed).
:class:`HistoryStep` is the highlights' step; corrections bring their own
(``services.corrections.operations.CorrectionStep``) through :meth:`HighlightHistory.record`.

Thread affinity: call the mutating methods from one thread at a time (the window's write lane);
``can_undo``/``can_redo``/labels are safe to read from the GUI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from stance_reader.core.models import Highlight
from stance_reader.services.highlights.changes import Changes
from stance_reader.store import Store

MAX_STEPS = 200


class Step(Protocol):
    """One undoable action of any kind, as the history sees it."""

    @property
    def label(self) -> str: ...

    def undo(self, store: Store) -> None: ...

    def redo(self, store: Store) -> None: ...

    def changes(self, *, undone: bool = False) -> Changes: ...


@dataclass(frozen=True, slots=True)
class HistoryStep:
    """One undoable action: ``before``/``after`` states of the highlights it touched (empty before =
    they were added, empty after = they were deleted) and a label for the Edit menu."""

    label: str
    before: tuple[Highlight, ...]
    after: tuple[Highlight, ...]

    @property
    def document_ids(self) -> set[int]:
        return {h.document_id for h in (*self.before, *self.after) if h.document_id is not None}

    def undo(self, store: Store) -> None:
        _swap_highlights(store, self.after, self.before)

    def redo(self, store: Store) -> None:
        _swap_highlights(store, self.before, self.after)

    def changes(self, *, undone: bool = False) -> Changes:
        """What this step changed (``undone``: what undoing it changed)."""
        return (
            Changes.between(self.after, self.before) if undone else Changes.between(self.before, self.after)
        )


def _swap_highlights(store: Store, current: tuple[Highlight, ...], wanted: tuple[Highlight, ...]) -> None:
    """Turn the ``current`` states into the ``wanted`` ones: delete, restore or rewrite."""
    wanted_ids = {h.id for h in wanted}
    gone = [h.id for h in current if h.id not in wanted_ids and h.id is not None]
    if gone:
        store.delete_highlights(gone)
    current_ids = {h.id for h in current}
    restore = [h for h in wanted if h.id not in current_ids]
    if restore:
        store.add_highlights(restore)
    for h in wanted:
        if h.id in current_ids:
            store.update_highlight(h)


class HighlightHistory:
    """Undo/redo over a :class:`Store`; every method persists immediately."""

    def __init__(self, store: Store, max_steps: int = MAX_STEPS) -> None:
        self.store = store
        self._undo: list[Step] = []
        self._redo: list[Step] = []
        self._max = max_steps
        self._lock = threading.Lock()

    # --- actions --------------------------------------------------------------------------------------

    def add(self, h: Highlight) -> Highlight:
        saved = self.store.add_highlight(h)
        self._push(HistoryStep("Save highlight", (), (saved,)))
        return saved

    def add_many(self, highlights: Sequence[Highlight], label: str = "") -> list[Highlight]:
        """Save all of ``highlights`` in one transaction; one undo step removes them all."""
        if not highlights:
            return []
        saved = self.store.add_highlights(list(highlights))
        self._push(HistoryStep(label or f"Save {len(saved)} highlights", (), tuple(saved)))
        return saved

    def update(self, h: Highlight) -> Highlight:
        if h.id is None:
            raise ValueError("update() needs a saved highlight (id is None)")
        before = self.store.get_highlight(h.id)
        after = self.store.update_highlight(h)
        self._push(HistoryStep("Edit highlight", (before,), (after,)))
        return after

    def delete(self, highlight: int | Highlight) -> Highlight:
        """Delete by id or highlight; returns what was deleted (undo brings it back)."""
        hid = highlight if isinstance(highlight, int) else highlight.id
        if hid is None:
            raise ValueError("delete() needs a saved highlight (id is None)")
        before = self.store.get_highlight(hid)
        self.store.delete_highlight(hid)
        self._push(HistoryStep("Delete highlight", (before,), ()))
        return before

    def delete_many(self, highlights: Sequence[int | Highlight]) -> list[Highlight]:
        ids = [h if isinstance(h, int) else h.id for h in highlights]
        before = [self.store.get_highlight(i) for i in ids if i is not None]
        if not before:
            return []
        self.store.delete_highlights([h.id for h in before if h.id is not None])
        self._push(HistoryStep(f"Delete {len(before)} highlights", tuple(before), ()))
        return before

    # --- undo / redo ----------------------------------------------------------------------------------

    def can_undo(self) -> bool:
        return bool(self._undo)

    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo_label(self) -> str:
        return self._undo[-1].label if self._undo else ""

    def redo_label(self) -> str:
        return self._redo[-1].label if self._redo else ""

    def undo(self) -> Step | None:
        """Revert the last action in the store; None when there is nothing to undo."""
        return self._move(self._undo, self._redo, lambda step: step.undo(self.store))

    def redo(self) -> Step | None:
        """Re-apply the last undone action; None when there is nothing to redo."""
        return self._move(self._redo, self._undo, lambda step: step.redo(self.store))

    def record(self, step: Step) -> None:
        """Add a step already written to the store (a correction): the next undo reverts it."""
        self._push(step)

    def last_step(self) -> Step | None:
        """The step the next undo would revert (what the last action did); None on an empty stack."""
        with self._lock:
            return self._undo[-1] if self._undo else None

    def clear(self) -> None:
        with self._lock:
            self._undo.clear()
            self._redo.clear()

    # --- internals ------------------------------------------------------------------------------------

    def _push(self, step: Step) -> None:
        with self._lock:
            self._undo.append(step)
            del self._undo[: -self._max]
            self._redo.clear()

    def _move(
        self,
        source: list[Step],
        target: list[Step],
        apply: Callable[[Step], None],
    ) -> Step | None:
        with self._lock:
            if not source:
                return None
            step = source[-1]
        apply(step)  # raises StoreError and leaves both stacks as they were if the store refuses
        with self._lock:
            source.pop()
            target.append(step)
        return step
