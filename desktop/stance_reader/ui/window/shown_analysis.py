"""The current article's analysis as the window shows it, and the panels that follow it.

Owns :class:`ShownAnalysis`: the full analysis the window received (every candidate mark the model
scored) with its views decided at the toolbar's confidence bar (:class:`DecidedViews`), what a long
analysis has found so far, the lane job while it runs (the Cancel button), and the bar itself. From
these it colours the reader and fills the sidebar, legend and status counts, so they all show the
same decided analysis; moving the bar or a correction re-renders, never re-analyses.

Kept out of ``ui/main_window.py`` so the window assembles and the open flow (``open_flow.py``) runs
while this object holds what is shown; the window keeps its public API (``current_analysis``,
``min_confidence``, ``cancel_analysis``…) as thin calls into it. Results of the lane carry the
window's open generation; anything from an article no longer shown is dropped. GUI thread only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from stance_reader.core.models import Analysis
from stance_reader.core.speaker_style import speaker_styles
from stance_reader.ui import settings as keys
from stance_reader.ui.confidence import DecidedViews, MinConfidence, percent_of
from stance_reader.ui.window.counts import count_summary, layer_counts
from stance_reader.workers.jobs import AnalysisDone

if TYPE_CHECKING:
    from stance_reader.ui.main_window import MainWindow


class ShownAnalysis:
    """What the window shows of the current article's analysis (see the module docstring)."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.views: DecidedViews | None = None  # the current article's full analysis and its views
        self.partial: DecidedViews | None = None  # what a long analysis has found so far
        self.job: int | None = None  # the current article's analysis while it runs
        self.bar: MinConfidence = None

    @property
    def current(self) -> Analysis | None:
        """The analysis as shown: decided at the confidence bar."""
        return None if self.views is None else self.views.view(self.bar)[0]

    @property
    def full(self) -> Analysis | None:
        return None if self.views is None else self.views.full

    def clear(self) -> None:
        """A new article is shown: nothing analysed yet."""
        self.views = self.partial = None
        self.set_running(None)

    def set_running(self, job: int | None) -> None:
        self.job = job
        w = self.window
        w.cancel_button.setVisible(job is not None)
        w.cancel_button.setEnabled(job is not None)
        w.actions_by_name["cancel_analysis"].setEnabled(job is not None)

    def _stale(self, generation: int, content_hash: str) -> bool:
        article = self.window.current_article
        return generation != self.window.generation or article is None or content_hash != article.content_hash

    def analysed(self, generation: int, outcome: tuple[AnalysisDone, DecidedViews]) -> None:
        result, views = outcome
        if self._stale(generation, result.content_hash):
            return  # the analyst opened something else meanwhile
        self.views, self.partial = views, None
        self.set_running(None)
        self.window.reader.set_analysis(*views.view(self.bar))
        # The sidebar and the signal follow on the next event-loop turn, so no single turn does both
        # the first formatting slice and the sidebar (each well under the 100 ms budget).
        QTimer.singleShot(0, lambda: self._analysed_rest(generation, result))

    def _analysed_rest(self, generation: int, result: AnalysisDone) -> None:
        w = self.window
        if generation != w.generation or self.full is not result.analysis:
            return
        self.refresh_panels()
        cached = " (cached)" if result.from_cache else f" ({result.seconds:.1f} s)"
        w.pipeline_label.setText(f"Pipeline: {result.pipeline}")
        w.pipeline_label.setToolTip(f"Analysed with {result.pipeline}{cached}")
        w.analysis_ready.emit(self.current)

    def partly_analysed(self, generation: int, payload: tuple[str, DecidedViews]) -> None:
        """A long article's first chunks are done: colour what is found so far (the panels wait for
        the whole, so their names are merged over the whole text)."""
        content_hash, views = payload
        if self._stale(generation, content_hash):
            return
        self.partial = views
        shown = views.view(self.bar)
        w = self.window
        w.reader.set_analysis(*shown)
        w.legend.set_counts(layer_counts(shown[0]))
        w.counts_label.setText(f"Analysing… so far {count_summary(shown[0])}")

    def refresh_panels(self) -> None:
        """Sidebar, legend counts and status counts from the analysis as shown."""
        w = self.window
        analysis, article, views = self.current, w.current_article, self.views
        if analysis is None or article is None or views is None:
            return
        styles = speaker_styles(analysis.speakers())
        w.sidebar.set_analysis(analysis, article.text, styles, w.theme())
        w.legend.set_counts(layer_counts(analysis))
        w.legend.set_speakers(styles)
        w.counts_label.setText(count_summary(analysis))
        w.counts_label.setMinimumWidth(w.counts_label.sizeHint().width())  # never squeezed away
        hidden = views.hidden(self.bar)
        w.counts_label.setToolTip(
            f"{hidden} weaker candidate mark{'s' if hidden != 1 else ''} hidden below the confidence bar"
            if hidden
            else ""
        )
        w.confidence.set_thresholds(analysis.thresholds)

    def bar_moved(self, bar: MinConfidence) -> None:
        """Re-decide what is shown from the analysis in hand: a re-render, never a re-analysis."""
        self.bar = bar
        self.window.settings.setValue(keys.MIN_CONFIDENCE, percent_of(bar))
        if self.views is None:
            return  # an analysis still running is shown at the new bar when it arrives
        self._show(self.views)

    def show_corrected(self, full: Analysis) -> None:
        """Show ``full`` (the same article's analysis, corrected again) in place of the current one."""
        article = self.window.current_article
        if self.views is None or article is None:
            return
        self._show(DecidedViews(full, len(article.text)))

    def _show(self, views: DecidedViews) -> None:
        self.views = views
        self.window.reader.set_analysis(*views.view(self.bar))
        self.refresh_panels()
        self.window.analysis_ready.emit(self.current)

    def cancel(self) -> None:
        """Stop the running analysis; the marks found so far stay, labelled partial (the window has
        bumped its generation, so late callbacks of the job are ignored)."""
        w = self.window
        if self.job is not None:
            w.lane.cancel(self.job)  # the running chunk ends (~1 s on the lane), its result is dropped
        self.set_running(None)
        w.progress_label.setText("Cancelled")
        views, self.partial = self.partial, None
        if views is None:
            w.counts_label.setText("Analysis cancelled")
            w.sidebar.clear("The analysis was cancelled before any marks were found.")
            return
        self.views = views
        w.reader.set_analysis(*views.view(self.bar))
        self.refresh_panels()
        w.counts_label.setText(f"{w.counts_label.text()} (partial)")
        w.analysis_ready.emit(self.current)

    def failed(self, generation: int, error: BaseException) -> None:
        w = self.window
        if generation != w.generation:
            return
        self.set_running(None)
        message = f"The analysis failed: {error}. The text is shown without marks."
        if type(error).__name__ == "TextTooLong":  # by name: the UI does not import the services layer
            message = f"Not analysed: {error} The text is shown without marks."
        w.counts_label.setText("Analysis failed")
        w.sidebar.clear("The analysis failed; see the message above the article.")
        w.show_error(message)
        w.analysis_failed.emit(message)


__all__ = ["ShownAnalysis"]
