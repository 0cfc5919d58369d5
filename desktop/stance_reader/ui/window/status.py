"""The status bar's permanent widgets: background work (label, progress bar, Cancel), the counts and
the pipeline in use; plus eliding a passing message to the room they leave."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QProgressBar, QPushButton

from stance_reader.workers.lane import JobProgress


class StatusArea:
    """Builds and drives the widgets on ``window``'s status bar. GUI thread only."""

    def __init__(self, window: QMainWindow, on_cancel: Callable[[], object]) -> None:
        self._window = window
        status = window.statusBar()
        status.setAccessibleName("Status bar")
        self.progress_label = QLabel("", window)
        self.progress_label.setObjectName("progress_label")
        self.progress_label.setAccessibleName("Background work")
        self.progress_bar = QProgressBar(window)
        self.progress_bar.setObjectName("progress_bar")
        self.progress_bar.setAccessibleName("Background progress")
        self.progress_bar.setFixedWidth(120)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.hide()
        self.counts_label = QLabel("", window)
        self.counts_label.setObjectName("counts_label")
        self.counts_label.setAccessibleName("Counts")
        self.pipeline_label = QLabel("Pipeline: not loaded yet", window)
        self.pipeline_label.setObjectName("pipeline_label")
        self.pipeline_label.setAccessibleName("Pipeline in use")
        self.cancel_button = QPushButton("Cancel", window)
        self.cancel_button.setObjectName("cancel_analysis")
        self.cancel_button.setAccessibleName("Cancel the analysis")
        self.cancel_button.setToolTip("Stop analysing this article; the marks found so far stay (Esc)")
        self.cancel_button.clicked.connect(lambda _checked=False: on_cancel())
        self.cancel_button.hide()
        widgets = (self.progress_label, self.progress_bar, self.cancel_button, self.counts_label)
        for widget in (*widgets, self.pipeline_label):
            status.addPermanentWidget(widget)

    def show_progress(self, report: JobProgress) -> None:
        """A lane job's progress: its message, and a bar (busy when the fraction is unknown)."""
        self.progress_label.setText(report.message)
        if report.fraction < 0:
            self.progress_bar.setRange(0, 0)
        else:
            self.progress_bar.setRange(0, 100)
            self.progress_bar.setValue(int(report.fraction * 100))
        self.progress_bar.show()

    def set_busy(self, busy: bool) -> None:
        """The lane started (a busy bar) or went idle (bar and message go)."""
        if not busy:
            self.progress_bar.hide()
            self.progress_label.setText("")
        else:
            self.progress_bar.setRange(0, 0)
            self.progress_bar.show()

    def fit(self, text: str) -> str:
        """``text`` elided to the room the status bar has beside its permanent labels: a longer
        message widens the bar itself, which squeezes the counts and pipeline labels over each other
        (the banner shows the whole message anyway)."""
        labels = (self.progress_label, self.progress_bar, self.counts_label, self.pipeline_label)
        taken = sum(w.sizeHint().width() + 12 for w in labels if not w.isHidden())
        room = max(120, self._window.width() - taken - 40)
        return self._window.statusBar().fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, room)


__all__ = ["StatusArea"]
