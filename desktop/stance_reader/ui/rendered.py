"""The reader's last few coloured documents, kept so that reopening an unchanged article shows its
formatted text at once instead of formatting it again (~50 ms of the GUI thread at 10,000 words).

A document is kept under everything its formats were made from: the render plan (the object: the
window reuses one while the analysis, corrections and confidence bar are unchanged), the layers
shown, the theme, the body font and the article's header. The reader must not change a kept document
in place (:meth:`RenderedDocuments.forget` it first) nor delete one (:meth:`holds`); the cache
deletes what it evicts, except the document on screen, which the reader deletes when it replaces it.
GUI thread only.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable

from PySide6.QtGui import QTextDocument

KEPT = 3  # the article on screen and the two before it
MAX_CHARS = 400_000  # longer texts are not kept: a 50,000-word document costs tens of MB in Qt


class RenderedDocuments:
    def __init__(self, shown: Callable[[], QTextDocument | None], kept: int = KEPT) -> None:
        self._shown, self._kept = shown, kept
        self._docs: OrderedDict[Hashable, tuple[QTextDocument, object]] = OrderedDict()

    def get(self, key: Hashable) -> QTextDocument | None:
        found = self._docs.get(key)
        if found is None:
            return None
        self._docs.move_to_end(key)
        return found[0]

    def put(self, key: Hashable, doc: QTextDocument, keep_alive: object, chars: int) -> None:
        """Keep ``doc`` under ``key``; ``keep_alive`` (the plan) is held so its id is not reused."""
        if chars > MAX_CHARS:
            return
        self.forget(doc)
        self._docs[key] = (doc, keep_alive)
        while len(self._docs) > self._kept:
            _, (old, _plan) = self._docs.popitem(last=False)
            if old is not self._shown():
                old.deleteLater()

    def forget(self, doc: QTextDocument | None) -> None:
        """Stop keeping ``doc`` (it is about to change in place, or be deleted by the reader)."""
        for key in [k for k, (d, _) in self._docs.items() if d is doc]:
            del self._docs[key]

    def holds(self, doc: QTextDocument | None) -> bool:
        return any(d is doc for d, _ in self._docs.values())

    def clear(self) -> None:
        """Delete every kept document but the one on screen (the theme or the font changed)."""
        shown = self._shown()
        for doc, _ in self._docs.values():
            if doc is not shown:
                doc.deleteLater()
        self._docs.clear()


__all__ = ["RenderedDocuments"]
