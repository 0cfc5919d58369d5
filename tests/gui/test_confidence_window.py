"""The window's confidence bar, driven like an analyst: the "Confidence ≥" control hides and brings back
marks (reader formats, legend counts, mark navigation) without re-analysing, persists, and the details
pane says how sure the model was and why. Tentative marks are drawn fainter.

A hand-built analysis with known confidences and thresholds stands in for the trained model; it goes
through the real lane jobs like the canned analyses of test_reader_window.py.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from html import escape

import pytest
from fake_analysis import quote, span
from PySide6.QtCore import Qt
from windows import present

from stance_reader.core.models import Analysis, Article, Mark, MarkKind
from stance_reader.core.palette import THEMES
from stance_reader.ui import settings as keys
from stance_reader.ui.main_window import MainWindow
from stance_reader.ui.render_plan import LAYERS_PROPERTY, Layer

WAIT_MS = 30_000
TEXT = (
    "Officials may consider a delay to the vote, according to the ministry.\n\n"
    '"We will sign the treaty on Friday," Minister Anna Berg said.\n\n'
    "Observers said the timetable could perhaps slip again.\n\n"
    "Some analysts suggest the talks might stall.\n\n"
    "The government will publish the full text."
)
THRESHOLDS = {"hedge": 0.45, "commitment": 0.5}
EVIDENCE = (
    "next word 'consider'",
    "rule modal.may",
    "subject 'Officials'",
    "no negation",
    "sentence length 12",
)


def _mark(kind: MarkKind, passage: str, cue: str, confidence: float | None, **extra: object) -> Mark:
    s, e = span(TEXT, passage)
    cs, ce = span(TEXT, cue, s)
    return Mark(kind, s, e, ((cs, ce),), "test.rule", confidence=confidence, **extra)  # type: ignore[arg-type]


CONFIDENT = _mark(
    MarkKind.HEDGE, "may consider a delay", "may", 0.87, explanation="possibility", evidence=EVIDENCE
)
SIGNED = _mark(
    MarkKind.COMMITMENT, "We will sign the treaty on Friday", "will sign", 0.95, speaker="Anna Berg"
)
TENTATIVE = _mark(MarkKind.HEDGE, "the timetable could perhaps slip again", "could", 0.52)
CANDIDATE = _mark(MarkKind.HEDGE, "the talks might stall", "might", 0.30)  # under the hedge threshold
UNSCORED = _mark(MarkKind.COMMITMENT, "will publish the full text", "will publish", None)


def confidence_analysis(text: str) -> Analysis:
    said = quote(text, "We will sign the treaty on Friday", "Anna Berg", "Anna Berg", "said")
    marks = (CONFIDENT, SIGNED, TENTATIVE, CANDIDATE, UNSCORED)
    return Analysis(marks=marks, quotes=(said,), pipeline="fake-stance", thresholds=THRESHOLDS)


class CountingAnalyzer:
    """The analyzer interface returning the hand-built analysis; counts calls (no re-analysis)."""

    name = version = "fake-stance"

    def __init__(self) -> None:
        self.calls = 0
        self.build: Callable[[str], Analysis] = confidence_analysis

    def analyze(self, text: str) -> Analysis:
        self.calls += 1
        return self.build(text)


@pytest.fixture
def analyzer(monkeypatch: pytest.MonkeyPatch) -> CountingAnalyzer:
    from stance_reader.services import analysis

    fake = CountingAnalyzer()
    monkeypatch.setattr(analysis, "_ANALYZER", fake)
    return fake


@pytest.fixture
def make_window(qtbot) -> Iterator[Callable[..., MainWindow]]:  # type: ignore[no-untyped-def]
    windows: list[MainWindow] = []

    def make(theme: str = "light") -> MainWindow:
        window = MainWindow(store=None, theme=theme, restore_layout=False)
        present(qtbot, window, windows)
        return window

    yield make
    for window in windows:
        window.close()


def show_and_wait(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.analysis_ready, timeout=WAIT_MS):
        window.show_article(Article(TEXT, title="Treaty talks"))
    wait_drawn(qtbot, window)


def wait_drawn(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not window.reader.is_rendering() and not window.lane.is_busy(), timeout=WAIT_MS)


def hedged(window: MainWindow, mark: Mark) -> bool:
    """The reader draws ``mark``'s passage with the hedges layer (outside its cue)."""
    value = window.reader.char_format_at(mark.end - 2).property(LAYERS_PROPERTY)
    return "hedges" in str(value or "").split(",")


def shown(window: MainWindow) -> tuple[str, str, list[Mark]]:
    marks = window.current_analysis.marks if window.current_analysis else ()
    return window.legend.count_text(Layer.HEDGES), window.legend.count_text(Layer.COMMITMENTS), list(marks)


def test_the_confidence_control_hides_and_brings_back_marks(  # type: ignore[no-untyped-def]
    qtbot, make_window, analyzer: CountingAnalyzer
) -> None:
    window = make_window()
    show_and_wait(qtbot, window)
    spin = window.confidence.spin
    assert spin.text() == "model default" and window.min_confidence() is None
    assert shown(window) == ("Hedges 2", "Commitments 2", [CONFIDENT, SIGNED, TENTATIVE, UNSCORED])
    assert hedged(window, CONFIDENT) and hedged(window, TENTATIVE) and not hedged(window, CANDIDATE)

    # Keyboard only: Ctrl+Shift+C goes to the control, type 90, Enter.
    qtbot.keyClick(
        window, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.waitUntil(spin.hasFocus)
    qtbot.keyClicks(spin, "90")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    wait_drawn(qtbot, window)
    assert window.min_confidence() == 0.9
    assert shown(window) == ("Hedges 0", "Commitments 2", [SIGNED, UNSCORED])
    assert not hedged(window, CONFIDENT) and not hedged(window, TENTATIVE)
    assert window.reader.marks_at(CONFIDENT.start + 1) == []

    qtbot.keyClick(spin, Qt.Key.Key_Down)  # 85 %: the 0.87 hedge is back
    wait_drawn(qtbot, window)
    assert shown(window)[0] == "Hedges 1" and hedged(window, CONFIDENT) and not hedged(window, TENTATIVE)

    spin.setValue(25)  # below the hedge threshold: the weak candidate too
    wait_drawn(qtbot, window)
    assert shown(window)[0] == "Hedges 3" and hedged(window, CANDIDATE)

    spin.setValue(spin.minimum())  # "model default" again
    wait_drawn(qtbot, window)
    assert shown(window) == ("Hedges 2", "Commitments 2", [CONFIDENT, SIGNED, TENTATIVE, UNSCORED])
    assert not hedged(window, CANDIDATE)
    assert window.full_analysis is not None and len(window.full_analysis.marks) == 5
    assert analyzer.calls == 1  # every change re-rendered the analysis in hand


def test_the_bar_persists_across_windows(qtbot, make_window, analyzer: CountingAnalyzer) -> None:  # type: ignore[no-untyped-def]
    first = make_window()
    first.set_min_confidence(0.9)
    assert keys.min_confidence(keys.app_settings()) == 0.9
    first.close()
    second = make_window()
    assert second.confidence.spin.text() == "90 %" and second.min_confidence() == 0.9
    show_and_wait(qtbot, second)  # an analysis arriving after the restore is shown at the saved bar
    assert shown(second) == ("Hedges 0", "Commitments 2", [SIGNED, UNSCORED])


def test_next_mark_skips_marks_under_the_bar(qtbot, make_window, analyzer: CountingAnalyzer) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    show_and_wait(qtbot, window)
    window.set_min_confidence(0.9)
    wait_drawn(qtbot, window)
    window.reader.place_cursor(0)
    visited = []
    for _ in range(3):
        window.step_mark(1)
        visited.append(window.reader.current_mark())
    assert visited == [SIGNED, UNSCORED, SIGNED]


def test_details_pane_says_kind_confidence_and_evidence(  # type: ignore[no-untyped-def]
    qtbot, make_window, analyzer: CountingAnalyzer
) -> None:
    window = make_window()
    show_and_wait(qtbot, window)
    window.reader.place_cursor(CONFIDENT.start + 5)
    qtbot.waitUntil(lambda: window.details.mark() == CONFIDENT)
    summary = window.details.plain_summary()
    assert "Hedge, 0.87" in summary and "possibility" in summary
    assert all(escape(item) in summary for item in EVIDENCE[:4])
    assert escape(EVIDENCE[4]) not in summary  # only the strongest four
    window.reader.place_cursor(UNSCORED.start + 3)
    qtbot.waitUntil(lambda: window.details.mark() == UNSCORED)
    assert "Commitment (unscored)" in window.details.plain_summary()

    window.reader.place_cursor(CONFIDENT.start + 5)
    qtbot.waitUntil(lambda: window.details.mark() == CONFIDENT)
    window.set_min_confidence(0.9)  # the mark under the cursor is hidden: the pane lets go of it
    qtbot.waitUntil(lambda: window.details.mark() is None)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_tentative_marks_are_tinted_fainter(
    qtbot, make_window, analyzer: CountingAnalyzer, theme: str
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(theme)
    show_and_wait(qtbot, window)

    def distance_to_page(mark: Mark) -> int:
        colour = window.reader.char_format_at(mark.end - 2).background().color()
        target = THEMES[theme].page.lstrip("#")
        rgb = [int(target[i : i + 2], 16) for i in (0, 2, 4)]
        return sum(
            abs(a - b) for a, b in zip((colour.red(), colour.green(), colour.blue()), rgb, strict=True)
        )

    confident, tentative = distance_to_page(CONFIDENT), distance_to_page(TENTATIVE)
    assert 0 < tentative < confident * 0.6, (confident, tentative)


def test_details_pane_says_when_a_pronoun_speaker_is_a_guess(  # type: ignore[no-untyped-def]
    qtbot, make_window, analyzer: CountingAnalyzer
) -> None:
    """A commitment inside '"…," she said' whose "she" resolved with 0.62 reads "she — probably Anna
    Berg (0.62)"; once resolution is sure, just the name."""
    def unsure(text: str) -> Analysis:
        said = quote(text, "We will sign the treaty on Friday", "Berg", "Anna Berg", "said")
        said = dataclasses.replace(said, speaker_confidence=0.62)
        return Analysis(marks=(SIGNED,), quotes=(said,), pipeline="fake-stance", thresholds=THRESHOLDS)

    analyzer.build = unsure
    window = make_window()
    show_and_wait(qtbot, window)
    window.reader.place_cursor(SIGNED.start + 4)
    qtbot.waitUntil(lambda: window.details.mark() == SIGNED)
    assert "Berg — probably Anna Berg (0.62)" in window.details.plain_summary()

    analyzer.build = confidence_analysis  # the named speaker: no hedging about who it is
    window2 = make_window()
    show_and_wait(qtbot, window2)
    window2.reader.place_cursor(SIGNED.start + 4)
    qtbot.waitUntil(lambda: window2.details.mark() == SIGNED)
    summary = window2.details.plain_summary()
    assert "Anna Berg" in summary and "probably" not in summary


def test_details_pane_names_the_kind_of_attribution(  # type: ignore[no-untyped-def]
    qtbot, make_window, analyzer: CountingAnalyzer
) -> None:
    """A mark inside a direct quote says "in direct quote · speech"; the cursor on a reported belief
    with no mark in it shows that report: "Reported · belief", its speaker and cue."""
    def with_belief(text: str) -> Analysis:
        said = quote(text, "We will sign the treaty on Friday", "Anna Berg", "Anna Berg", "said")
        believes = dataclasses.replace(
            quote(text, "the timetable could perhaps slip again", "Observers", "Observers", "said"),
            direct=False,
            type="belief",
        )
        quotes = (said, believes)
        return Analysis(marks=(SIGNED,), quotes=quotes, pipeline="fake-stance", thresholds=THRESHOLDS)

    analyzer.build = with_belief
    window = make_window()
    show_and_wait(qtbot, window)
    window.reader.place_cursor(SIGNED.start + 4)
    qtbot.waitUntil(lambda: window.details.mark() == SIGNED)
    assert "in direct quote · speech" in window.details.plain_summary()

    window.reader.place_cursor(TEXT.index("perhaps slip"))
    qtbot.waitUntil(lambda: "Reported · belief" in window.details.plain_summary())
    summary = window.details.plain_summary()
    assert "Observers" in summary and "‘said’" in summary
    assert window.details.passage.toPlainText() == "the timetable could perhaps slip again"
    assert window.details.mark() is None and not window.details.save_button.isEnabled()
