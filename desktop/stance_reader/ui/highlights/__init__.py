"""Saved highlights in the window: actions, the Highlights dock, the All-highlights window, export, copy.

Owns :func:`install_highlights` (called once by ``app.py`` after the main window is built). The parts:

- ``host``: :class:`HighlightsHost`, what the package needs from the window (a Protocol);
- ``operations``: one ``services.highlights`` operation per user action, one lane job each, and the
  ``ChangeHub.changed(Changes)`` signal every view refreshes from;
- ``controller``: :class:`HighlightsFeature`, what each key, menu entry and panel gesture does;
- ``views``: the current article's highlights in the dock and the reader; ``library``: the
  All-highlights window; ``actions``, ``export``, ``clipboard``.
"""

from __future__ import annotations

from stance_reader.ui.highlights.controller import HighlightsFeature
from stance_reader.ui.highlights.export import run_export
from stance_reader.ui.highlights.host import HighlightsHost


def install_highlights(window: HighlightsHost) -> HighlightsFeature:
    """Add the Highlights dock, menu entries and shortcuts to ``window``; returns the controller (a
    child of the window, so it lives as long as the window does)."""
    return HighlightsFeature(window)


__all__ = ["HighlightsFeature", "HighlightsHost", "install_highlights", "run_export"]
