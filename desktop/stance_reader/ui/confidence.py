"""The window's confidence bar: which of the model's scored marks it shows, and the control that sets it.

Owns :class:`DecidedViews` (one article's full analysis and, per bar, its decided view with a render
plan, cached so going back to a bar costs nothing) and :class:`ConfidenceControl` (the toolbar's "Show
marks from confidence ≥" spin box; its minimum means "model default", each kind's own threshold).
Outside the window every output uses the model default (``Analysis.decided()``); only the window lets
the analyst move the bar.
GUI thread only, except that the lane may build a :class:`DecidedViews` before handing it over.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QWidget

from stance_reader.core.models import Analysis
from stance_reader.ui.render_plan import RenderPlan

MinConfidence = float | None  # a probability, or None for each kind's model threshold
DEFAULT_TEXT = "model default"
STEP_PERCENT = 5


class DecidedViews:
    """One article's full analysis and its decided views, each with a render plan, per bar."""

    def __init__(self, full: Analysis, text_length: int) -> None:
        self.full = full
        self.text_length = text_length
        self._views: dict[MinConfidence, tuple[Analysis, RenderPlan]] = {}

    def view(self, min_confidence: MinConfidence) -> tuple[Analysis, RenderPlan]:
        """The analysis shown at ``min_confidence`` and its plan (a sweep over the marks, done once)."""
        cached = self._views.get(min_confidence)
        if cached is None:
            shown = self.full.decided(min_confidence)
            cached = self._views[min_confidence] = (shown, RenderPlan(self.text_length, shown))
        return cached

    def hidden(self, min_confidence: MinConfidence) -> int:
        """How many candidate marks the bar hides."""
        return len(self.full.marks) - len(self.view(min_confidence)[0].marks)


VIEWS_KEPT = 4  # the article on screen and the last few: going back to one re-plans nothing
_kept: OrderedDict[tuple[int, int], tuple[Analysis, DecidedViews]] = OrderedDict()
_kept_lock = threading.Lock()


def views_of(full: Analysis, text_length: int) -> DecidedViews:
    """The :class:`DecidedViews` of ``full``, kept for the last few analyses (by object: the store and
    the corrections hand back the same object while nothing changed), so reopening an article from
    the cache reuses its render plans (~20 ms at 10,000 words). Any thread."""
    key = (id(full), text_length)
    with _kept_lock:
        kept = _kept.get(key)
        if kept is not None and kept[0] is full:
            _kept.move_to_end(key)
            return kept[1]
    views = DecidedViews(full, text_length)
    with _kept_lock:
        _kept[key] = (full, views)  # holding ``full`` keeps its id from being reused
        while len(_kept) > VIEWS_KEPT:
            _kept.popitem(last=False)
    return views


def percent_of(min_confidence: MinConfidence) -> int:
    """The spin box value for a bar: 0 is "model default"."""
    return 0 if min_confidence is None else max(1, min(100, round(min_confidence * 100)))


def bar_of(percent: int) -> MinConfidence:
    return None if percent <= 0 else percent / 100


class ConfidenceControl(QWidget):
    """ "Show marks from confidence ≥ [model default]": percentages; the minimum is the model default.

    Emits ``changed(MinConfidence)``. Typed digits apply on Enter or when focus leaves (no re-render
    per keystroke); the arrow and Page keys apply at once."""

    changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("confidence_control")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.label = QLabel("Show marks from confidence ≥", self)
        self.spin = QSpinBox(self)
        self.spin.setObjectName("min_confidence")
        self.spin.setAccessibleName("Show marks from confidence")
        self.spin.setRange(0, 100)
        self.spin.setSingleStep(STEP_PERCENT)
        self.spin.setSuffix(" %")
        self.spin.setSpecialValueText(DEFAULT_TEXT)
        self.spin.setKeyboardTracking(False)
        self.spin.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.label.setBuddy(self.spin)
        self.spin.valueChanged.connect(self._spun)
        layout.addWidget(self.label)
        layout.addWidget(self.spin)
        self.set_thresholds({})

    def value(self) -> MinConfidence:
        return bar_of(self.spin.value())

    def set_value(self, min_confidence: MinConfidence) -> None:
        """Set without emitting ``changed`` (restoring the saved setting)."""
        self.spin.blockSignals(True)
        try:
            self.spin.setValue(percent_of(min_confidence))
        finally:
            self.spin.blockSignals(False)

    def set_thresholds(self, thresholds: Mapping[str, float]) -> None:
        """Say in the tooltip what "model default" currently means."""
        known = ", ".join(f"{kind}s ≥ {value:.0%}" for kind, value in sorted(thresholds.items()))
        meaning = f" ({known})" if known else ""
        tip = (
            "Show hedges and commitments the stance model scored at least this confident. "
            f"“{DEFAULT_TEXT}” uses each kind's tuned threshold{meaning}. Marks found by rules alone "
            "are always shown; faint tint = barely above the threshold. (Ctrl+Shift+C)"
        )
        for widget in (self, self.label, self.spin):
            widget.setToolTip(tip)

    def focus(self) -> None:
        self.spin.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.spin.selectAll()

    @Slot(int)
    def _spun(self, percent: int) -> None:
        self.changed.emit(bar_of(percent))


__all__ = ["ConfidenceControl", "DecidedViews", "MinConfidence", "bar_of", "percent_of"]
