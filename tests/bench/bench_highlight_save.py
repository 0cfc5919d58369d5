"""Saving a highlight with H in the real window: latency, lane jobs and store calls per save.

Opens the bundled sample article in a real main window (temp library, canned analysis from
tests/gui/fake_analysis.py, so spaCy is not loaded), then repeats: select a passage, press H, wait until
the store row exists and the panel and reader show it; undo with Ctrl+Z and wait again. Latency is
key press → panel and reader refreshed (the analyst's view), GUI thread and lane included.

    .venv/bin/python tests/bench/bench_highlight_save.py [--runs 30]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "gui"))

PHRASES = ("serious basis", "may take a little longer", "the last realistic chance")


class _Canned:
    name = "canned"
    version = "canned-1"

    def analyze(self, text: str) -> Any:
        from fake_analysis import sample_analysis

        return sample_analysis(text)


def _spy_store(store: Any, calls: Counter[str]) -> None:
    """Count every public store method call made on this store instance (any thread)."""
    for name in dir(type(store)):
        attr = getattr(store, name, None)
        if name.startswith("_") or not callable(attr):
            continue

        def counted(*args: Any, _fn: Callable[..., Any] = attr, _name: str = name, **kw: Any) -> Any:
            calls[_name] += 1
            return _fn(*args, **kw)

        setattr(store, name, counted)


def _wait(app: Any, condition: Callable[[], bool], timeout_s: float = 20.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        app.processEvents()
        if time.monotonic() > deadline:
            raise TimeoutError("condition not met")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args(argv)

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from stance_reader.app import build_window
    from stance_reader.paths import sample_article
    from stance_reader.services import analysis
    from stance_reader.services.library import open_store

    app = QApplication.instance() or QApplication([])
    analysis._ANALYZER = _Canned()  # type: ignore[attr-defined]
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "bench.sqlite3"))
        window = build_window(store, None, restore_layout=False)
        window.resize(1300, 860)
        window.show()
        window.activateWindow()
        window.open_path(sample_article())
        _wait(app, lambda: window.current_analysis is not None and not window.lane.is_busy())
        panel = window.highlights.panel

        calls: Counter[str] = Counter()
        _spy_store(store, calls)
        jobs = [0]
        submit = window.lane.submit

        def counted_submit(*a: Any, **kw: Any) -> int:
            jobs[0] += 1
            return int(submit(*a, **kw))

        window.lane.submit = counted_submit

        latencies: list[float] = []
        per_save_calls: list[int] = []
        per_save_jobs: list[int] = []
        text = window.current_article.text
        for i in range(args.runs):
            phrase = PHRASES[i % len(PHRASES)]
            start = text.index(phrase)
            window.reader.setFocus()
            window.reader.jump_to(start, start + len(phrase))
            calls.clear()
            jobs[0] = 0
            t0 = time.perf_counter()
            QTest.keyClick(window.reader, Qt.Key.Key_H)
            _wait(
                app,
                lambda: (
                    len(panel.highlights()) == 1
                    and len(window.reader.saved_highlights()) == 1
                    and not window.lane.is_busy()
                ),
            )
            latencies.append(time.perf_counter() - t0)
            per_save_calls.append(sum(calls.values()))
            per_save_jobs.append(jobs[0])
            detail = dict(calls)
            QTest.keyClick(window.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
            _wait(app, lambda: not panel.highlights() and not window.lane.is_busy())
        window.close()

    ms = sorted(x * 1000 for x in latencies)
    print(f"runs: {args.runs}")
    print(
        f"save latency (H → store row, panel and reader): median {statistics.median(ms):.1f} ms, "
        f"p90 {ms[int(len(ms) * 0.9) - 1]:.1f} ms, min {ms[0]:.1f} ms"
    )
    print(f"lane jobs per save: {statistics.median(per_save_jobs):.0f}")
    print(f"store calls per save: {statistics.median(per_save_calls):.0f} (last: {detail})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
