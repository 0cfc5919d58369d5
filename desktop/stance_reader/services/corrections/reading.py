"""The corrected analysis of a stored document, read from the store: what the window and exports show.

Owns :func:`corrected` (a document's stored corrections applied to an analysis, with re-anchored
positions and orphan flags written back when they changed) and :func:`corrected_or_plain`, and a small
cache of parsed corrections checked against a fingerprint the store computes (``corrections_stamp``).
Any thread; the store passed in must be usable on it. No Qt.
"""

from __future__ import annotations

import threading
from typing import Any

from stance_reader.core.corrections import Correction
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
    stamp, corrections = _read(store, document.id)
    key = (id(store), document.id)
    with _cache_lock:
        kept = _applied.get(key)
    # The same analysis object (the store keeps recent ones decoded) under the same corrections: the
    # same result, and the same object, so the views planned from it upstream are kept too.
    if kept is not None and kept[0] is analysis and kept[1] == stamp and stamp is not None:
        return kept[2]
    applied = apply_corrections(analysis, corrections, document.article.text, document.content_hash)
    if write_back and applied.rebased:
        store.update_corrections(list(applied.rebased))
    elif stamp is not None and not applied.rebased:  # kept only once nothing is left to write back
        with _cache_lock:
            _applied.pop(key, None)
            _applied[key] = (analysis, stamp, applied)
            while len(_applied) > _CACHE_SIZE:
                _applied.pop(next(iter(_applied)))
    return applied


_CACHE_SIZE = 8  # documents whose parsed corrections are kept (the article on screen and a few before)
_cache: dict[tuple[int, int], tuple[tuple[Any, ...], list[Correction]]] = {}
# (store, document) -> (the analysis corrected, the corrections' stamp, the result)
_applied: dict[tuple[int, int], tuple[Analysis, tuple[Any, ...], Applied]] = {}
_cache_lock = threading.Lock()


def _read(store: Any, document_id: int) -> tuple[tuple[Any, ...] | None, list[Correction]]:
    """The store's stamp for the document's corrections (None: it gives none) and the corrections;
    parsed again only when the stamp changed (a reopen of an article with a thousand corrections then
    costs one small query, not ~20 ms)."""
    stamp_of = getattr(store, "corrections_stamp", None)
    if stamp_of is None:
        return None, list(store.corrections_for(document_id))
    key = (id(store), document_id)
    stamp = stamp_of(document_id)
    with _cache_lock:
        hit = _cache.get(key)
    if hit is not None and hit[0] == stamp:
        return stamp, hit[1]
    corrections = list(store.corrections_for(document_id))
    with _cache_lock:
        _cache.pop(key, None)
        _cache[key] = (stamp, corrections)
        while len(_cache) > _CACHE_SIZE:
            _cache.pop(next(iter(_cache)))
    return stamp, corrections


def corrected_or_plain(store: Any, document: StoredDocument | None, analysis: Analysis) -> Analysis:
    """The corrected analysis, or ``analysis`` itself without a stored document or a store that keeps
    no corrections."""
    if document is None or store is None or not hasattr(store, "corrections_for"):
        return analysis
    return corrected(store, document, analysis).analysis


__all__ = ["corrected", "corrected_or_plain"]
