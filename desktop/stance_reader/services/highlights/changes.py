"""What a highlight write changed, as one frozen value the views refresh from.

Owns :class:`Changes`. Every highlight operation (services/highlights/operations.py) returns one; the
window broadcasts it once ("what changed"), and each view decides from it whether it must re-read:
the article's panel and reader when their document is among ``document_ids``, the tag completer when
``tags`` is not empty, the library view whenever anything changed, the corrected analysis when
``correction_ids`` is not empty. Qt-free, any thread.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from stance_reader.core.models import Highlight


@dataclass(frozen=True, slots=True)
class Changes:
    """Ids touched by one write. ``tags`` are the tags added to or removed from any highlight (the
    library's tag vocabulary may have changed). ``already_saved`` names stored highlights that made a
    save a no-op (nothing changed; the view points at them instead)."""

    document_ids: frozenset[int] = frozenset()
    highlight_ids: frozenset[int] = frozenset()
    tags: frozenset[str] = frozenset()
    already_saved: tuple[int, ...] = ()
    correction_ids: frozenset[int] = frozenset()  # corrections of the analysis written or removed

    @classmethod
    def between(cls, before: Iterable[Highlight], after: Iterable[Highlight]) -> Changes:
        """The change from the ``before`` states to the ``after`` states of the same highlights (an
        empty side means added or deleted)."""
        old = {h.id: h for h in before}
        new = {h.id: h for h in after}
        tags: set[str] = set()
        for hid in old.keys() | new.keys():
            was = set(old[hid].tags) if hid in old else set()
            now = set(new[hid].tags) if hid in new else set()
            tags |= was ^ now
        touched = [*old.values(), *new.values()]
        return cls(
            document_ids=frozenset(h.document_id for h in touched if h.document_id is not None),
            highlight_ids=frozenset(h.id for h in touched if h.id is not None),
            tags=frozenset(tags),
        )

    @property
    def changed(self) -> bool:
        """True when the store was written (an "already saved" answer or an empty undo is not)."""
        return bool(self.highlight_ids or self.correction_ids)

    def touches(self, document_id: int | None) -> bool:
        return document_id is not None and document_id in self.document_ids


__all__ = ["Changes"]
