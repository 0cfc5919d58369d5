"""The analyst's corrections in the window: reject, relabel, reassign, adjust, add; the Corrections dock.

Owns :func:`install_corrections` (called by ``app.py`` after the highlights feature, whose write lane
and undo stack it shares). The parts:

- ``host``: :class:`CorrectionsHost`, what the package needs from the window (a Protocol);
- ``controller``: :class:`CorrectionsFeature`, what each key, menu entry and context-menu item does, and
  the lane overlay that shows every analysis corrected;
- ``menus``: the Correct menu and its keys, the details-pane buttons and the reader's context menu;
- ``dialogs``: change speaker, add a passage, adjust a passage; ``panel``: the Corrections dock.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from stance_reader.ui.corrections.controller import CorrectionsFeature
from stance_reader.ui.corrections.host import CorrectionsHost

if TYPE_CHECKING:
    from stance_reader.ui.highlights.controller import HighlightsFeature


def install_corrections(window: CorrectionsHost, highlights: HighlightsFeature) -> CorrectionsFeature:
    """Add the corrections to ``window``; ``highlights`` is the installed highlights feature (its
    ``ops`` runner and ``hub``). Returns the controller, a child of the window."""
    return CorrectionsFeature(window, highlights.ops, highlights.hub)


__all__ = ["CorrectionsFeature", "CorrectionsHost", "install_corrections"]
