"""What the corrections package needs from the window: :class:`CorrectionsHost`.

The highlights' :class:`~stance_reader.ui.highlights.host.HighlightsHost` plus the details pane (the
mark's explanation, where the correction buttons sit), the lane hook ``analysis_overlay`` and
``show_corrected`` (show a corrected analysis without re-analysing). ``MainWindow`` satisfies it.
"""

from __future__ import annotations

from typing import Any, Protocol

from stance_reader.core import Analysis
from stance_reader.ui.details_pane import DetailsPane
from stance_reader.ui.highlights.host import HighlightsHost


class CorrectionsHost(HighlightsHost, Protocol):
    """The main window as the corrections package sees it. GUI thread only."""

    details: DetailsPane
    analysis_overlay: Any  # main_window.AnalysisOverlay | None; called on the lane

    def show_corrected(self, full: Analysis) -> None: ...


__all__ = ["CorrectionsHost"]
