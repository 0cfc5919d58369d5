"""What the corrections package needs from the window: :class:`CorrectionsHost`.

The highlights' :class:`~stance_reader.ui.highlights.host.HighlightsHost` plus the details pane (the
mark's explanation, where the correction buttons sit), the lane hook ``analysis_overlay`` and
``show_corrected`` (show a corrected analysis without re-analysing). ``MainWindow`` satisfies it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from stance_reader.core import Analysis, Article, StoredDocument
from stance_reader.store import Store
from stance_reader.ui.details_pane import DetailsPane
from stance_reader.ui.highlights.host import HighlightsHost

# Turns the model's analysis into the one shown (the analyst's corrections); called on the lane.
AnalysisOverlay = Callable[[Store | None, StoredDocument | None, Article, Analysis], Analysis]


class CorrectionsHost(HighlightsHost, Protocol):
    """The main window as the corrections package sees it. GUI thread only."""

    details: DetailsPane
    analysis_overlay: AnalysisOverlay | None  # called on the lane

    def show_corrected(self, full: Analysis) -> None: ...


__all__ = ["AnalysisOverlay", "CorrectionsHost"]
