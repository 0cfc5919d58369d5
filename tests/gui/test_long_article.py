"""A long article in the window: highlights after the first chunk, progress with a Cancel button (and
Esc) that stops the analysis and leaves the window usable. Real pipeline, in 700-character chunks, with
the second chunk held back by a gate so the test sees the window mid-analysis."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from windows import present

from stance_reader.app import build_window, open_library
from stance_reader.paths import sample_article
from stance_reader.ui.main_window import MainWindow
from stance_reader.ui.render_plan import LAYERS_PROPERTY

WAIT_MS = 30_000
CHUNK = 700


class GatedPipeline:
    """The real analyzer in small chunks; every chunk after the first waits for ``gate``."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.name = real.name
        self.version = f"gated-{real.version}"
        self.gate = threading.Event()
        self.closed: list[tuple[int, int]] = []  # (done, total) of each job when it was let go

    def analyze(self, text: str) -> Any:
        return self.real.analyze(text)

    def chunked(self, text: str) -> _GatedJob:
        return _GatedJob(self, self.real.chunked(text, chunk_chars=CHUNK))


class _GatedJob:
    def __init__(self, owner: GatedPipeline, job: Any) -> None:
        self.owner, self.job = owner, job

    @property
    def total(self) -> int:
        return int(self.job.total)

    @property
    def done(self) -> int:
        return int(self.job.done)

    def step(self) -> bool:
        if self.job.chunks_done >= 1:
            self.owner.gate.wait(20)
        return bool(self.job.step())

    def partial(self) -> Any:
        return self.job.partial()

    def close(self) -> None:
        self.owner.closed.append((self.job.done, self.job.total))
        self.job.close()


@pytest.fixture
def gated(analyzer, monkeypatch: pytest.MonkeyPatch) -> Iterator[GatedPipeline]:  # type: ignore[no-untyped-def]
    from stance_reader.services import analysis

    pipeline = GatedPipeline(analyzer)
    monkeypatch.setattr(analysis, "_ANALYZER", pipeline)
    yield pipeline
    pipeline.gate.set()  # never leave the lane thread waiting


@pytest.fixture
def window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    store, problem = open_library(str(tmp_path / "library.sqlite3"))
    assert not problem, problem
    windows: list[MainWindow] = []
    present(qtbot, build_window(store, None, restore_layout=False), windows)
    yield windows[0]
    windows[0].close()


@pytest.fixture
def long_path(tmp_path: Path) -> Path:
    body = sample_article().read_text(encoding="utf-8")
    path = tmp_path / "long-report.txt"
    path.write_text("\n\n".join([body, body.replace("Kellner", "Lindqvist"), body]), encoding="utf-8")
    return path


def _coloured(window: MainWindow, offset: int) -> bool:
    return bool(window.reader.char_format_at(offset).property(LAYERS_PROPERTY))


def _wait_first_chunk(qtbot, window: MainWindow, path: Path) -> Any:  # type: ignore[no-untyped-def]
    window.open_path(path)
    qtbot.waitUntil(
        lambda: window.reader.analysis is not None and window.reader.analysis.marks
        and not window.reader.is_rendering(),
        timeout=WAIT_MS,
    )
    return window.reader.analysis


def test_highlights_show_after_the_first_chunk_and_cancel_keeps_them(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, gated: GatedPipeline, long_path: Path
) -> None:
    partial = _wait_first_chunk(qtbot, window, long_path)
    text = long_path.read_text(encoding="utf-8")
    assert all(m.end <= CHUNK for m in partial.marks)  # only the first chunk's marks so far
    assert _coloured(window, partial.marks[0].cue_start)
    assert window.is_analysing() and window.current_analysis is None
    assert window.cancel_button.isVisible() and window.progress_bar.isVisible()
    assert window.progress_label.text().startswith("Analysing: ") and " kB)" in window.progress_label.text()
    assert window.counts_label.text().startswith("Analysing… so far ")
    window.grab().save("/tmp/bounded.png")

    qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
    assert not window.is_analysing() and not window.cancel_button.isVisible()
    kept = window.current_analysis
    assert kept is not None and kept.marks and all(m.end <= CHUNK for m in kept.marks)
    assert window.counts_label.text().endswith("(partial)")
    gated.gate.set()  # the chunk the lane was on ends; the job sees the cancel and stops there
    qtbot.waitUntil(lambda: not window.lane.is_busy(), timeout=WAIT_MS)
    assert gated.closed and gated.closed[0][0] < len(text)
    assert window.current_analysis is kept and _coloured(window, kept.marks[0].cue_start)

    with qtbot.waitSignal(window.analysis_ready, timeout=WAIT_MS):  # the window still works
        window.open_path(sample_article())
    assert window.current_analysis is not None and window.current_analysis.marks
    qtbot.waitUntil(lambda: not window.lane.is_busy(), timeout=WAIT_MS)


def test_escape_cancels_a_running_analysis(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, gated: GatedPipeline, long_path: Path
) -> None:
    _wait_first_chunk(qtbot, window, long_path)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Escape)
    assert not window.is_analysing()
    assert not window.actions_by_name["cancel_analysis"].isEnabled()  # Esc is the find bar's again
    gated.gate.set()
    qtbot.waitUntil(lambda: not window.lane.is_busy(), timeout=WAIT_MS)


def test_a_text_beyond_the_limit_is_shown_unanalysed_with_the_reason(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, gated: GatedPipeline, long_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stance_reader.services import analysis

    monkeypatch.setattr(analysis, "MAX_ANALYSIS_CHARS", 1_000)
    with qtbot.waitSignal(window.analysis_failed, timeout=WAIT_MS) as blocker:
        window.open_path(long_path)
    assert blocker.args[0].startswith("Not analysed: this text is ") and "Split it" in blocker.args[0]
    assert window.banner.isVisible() and not window.is_analysing()
    assert window.reader.toPlainText().startswith("Alliance Ministers")
    qtbot.waitUntil(lambda: not window.lane.is_busy(), timeout=WAIT_MS)
