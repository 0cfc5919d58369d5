"""The corrected analysis of a stored document, read from the store: what the window and exports show.

Owns :func:`corrected` (a document's stored corrections applied to an analysis, with re-anchored
positions and orphan flags written back when they changed) and :func:`corrected_or_plain`. Any thread;
the store passed in must be usable on it. No Qt.
"""

from __future__ import annotations

from typing import Any

from stance_reader.core.models import Analysis, StoredDocument
from stance_reader.services.corrections.apply import Applied, apply_corrections


def corrected(
    store: Any, document: StoredDocument, analysis: Analysis, *, write_back: bool = True
) -> Applied:
    """``analysis`` of ``document`` with the analyst's corrections applied.

    ``write_back``: store corrections moved onto a re-imported text (so the next opening finds them
    at once) and orphan flags that changed. Read-only callers (export) pass False."""
    if not hasattr(store, "corrections_for"):  # a store that keeps no corrections (tests' fakes)
        return Applied(analysis)
    corrections = store.corrections_for(document.id)
    applied = apply_corrections(analysis, corrections, document.article.text, document.content_hash)
    if write_back and applied.rebased:
        store.update_corrections(list(applied.rebased))
    return applied


def corrected_or_plain(store: Any, document: StoredDocument | None, analysis: Analysis) -> Analysis:
    """The corrected analysis, or ``analysis`` itself without a stored document or a store that keeps
    no corrections."""
    if document is None or store is None or not hasattr(store, "corrections_for"):
        return analysis
    return corrected(store, document, analysis).analysis


__all__ = ["corrected", "corrected_or_plain"]
