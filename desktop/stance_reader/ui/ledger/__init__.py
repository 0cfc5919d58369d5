"""The speaker ledger in the window: a "Speaker ledger…" window beside "All highlights".

Owns :func:`install_ledger` (called by ``app.py``). ``view``: the :class:`LedgerView` window (speakers,
filters, timeline, entries); ``timeline``: the weekly chart; ``feature``: :class:`LedgerFeature`, which
opens the window, runs merges/splits/undo on the write lane and jumps to a passage in the reader.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from stance_reader.ui.ledger.feature import LedgerFeature, LedgerHost

if TYPE_CHECKING:
    from stance_reader.ui.ledger.view import LedgerView


def install_ledger(window: LedgerHost) -> LedgerFeature:
    """Add the Speaker ledger action to ``window``; returns the feature (a child of the window)."""
    return LedgerFeature(window)


def __getattr__(name: str) -> object:
    """``LedgerView`` on first use: the window is built when the analyst opens it, not at start-up."""
    if name == "LedgerView":
        from stance_reader.ui.ledger.view import LedgerView

        return LedgerView
    raise AttributeError(name)


__all__ = ["LedgerFeature", "LedgerHost", "LedgerView", "install_ledger"]
