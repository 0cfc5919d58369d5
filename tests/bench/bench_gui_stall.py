"""Longest GUI-thread stall while a 50,000-word article is opened, analysed and coloured.

A 10 ms QTimer ticks on the GUI thread; the longest gap between ticks (minus the 10 ms period) is the
longest time the window could not respond. The article is generated from our own sample article's
sentences (resources/samples), shuffled with a fixed seed: no third-party text.

    .venv/bin/python tests/bench/bench_gui_stall.py            # real pipeline (spaCy on the lane)
    .venv/bin/python tests/bench/bench_gui_stall.py --fake     # canned analysis: rendering only
    .venv/bin/python tests/bench/bench_gui_stall.py --words 20000

Prints one line per phase and exits non-zero when the longest stall exceeds --limit-ms (default 100).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "gui"))


def generate_article(words: int, seed: int = 7) -> str:
    """Paragraphs of 3–6 sentences drawn from the bundled sample article until ``words`` is reached."""
    from stance_reader.documents import load_article
    from stance_reader.paths import sample_article

    body = load_article(sample_article()).text
    sentences = [s.strip() for s in re.split(r"(?<=[.!?\"])\s+", body) if len(s.split()) > 3]
    rng = random.Random(seed)
    paragraphs, count = [], 0
    while count < words:
        para = " ".join(rng.choice(sentences) for _ in range(rng.randint(3, 6)))
        paragraphs.append(para)
        count += len(para.split())
    return "Generated stress article\n\nBenchmark Desk\n\n" + "\n\n".join(paragraphs) + "\n"


class StallMeter:
    """Records the longest gap between ticks of a 10 ms timer, per named phase."""

    def __init__(self, period_ms: int = 10) -> None:
        from PySide6.QtCore import QTimer

        self.period = period_ms / 1000
        self.phase = "start"
        self.worst: dict[str, float] = {}
        self._last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setInterval(period_ms)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        gap = now - self._last - self.period
        self.worst[self.phase] = max(self.worst.get(self.phase, 0.0), gap)
        self._last = now

    def start(self) -> None:
        self._last = time.perf_counter()
        self.timer.start()

    def set_phase(self, name: str) -> None:
        self._tick()
        self.phase = name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=50_000)
    parser.add_argument("--fake", action="store_true", help="canned analysis instead of spaCy")
    parser.add_argument("--limit-ms", type=float, default=100.0)
    parser.add_argument("--no-store", action="store_true", help="no library database (no analysis cache)")
    args = parser.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="stance-bench-"))
    os.environ["STANCE_READER_DATA"] = str(tmp / "data")
    os.environ["STANCE_READER_SETTINGS"] = str(tmp / "settings.ini")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    text = generate_article(args.words)
    path = tmp / "stress.txt"
    path.write_text(text, encoding="utf-8")
    print(f"article: {len(text.split()):,} words, {len(text):,} characters")

    import stance_reader.ui.main_window as main_window
    from stance_reader.app import open_library

    if args.fake:
        from fake_analysis import generic_analysis

        from stance_reader.services.reading import Reading

        def canned(store, document, article, *, context, **_hooks):  # type: ignore[no-untyped-def]
            analysis = generic_analysis(article.text)
            return Reading(article, document, analysis, False, "canned", 0.0)

        main_window.analyse_article = canned  # type: ignore[assignment]
    store = None if args.no_store else open_library(str(tmp / "bench.sqlite3"))[0]
    window = main_window.MainWindow(store=store, restore_layout=False)
    window.resize(1400, 900)
    window.show()
    app.processEvents()

    meter = StallMeter()
    loop = QEventLoop()
    started = time.perf_counter()
    marks = {"ready": 0.0, "drawn": 0.0}

    def ready(_analysis: object) -> None:
        marks["ready"] = time.perf_counter() - started
        meter.set_phase("colouring")

    def drawn() -> None:
        if window.current_analysis is not None:
            marks["drawn"] = time.perf_counter() - started
            meter.set_phase("idle")
            QTimer.singleShot(300, loop.quit)  # a little idle time: scrolling/layout after the last slice

    def failed(message: str) -> None:
        print(f"analysis failed: {message}")
        loop.quit()

    original_analysed = window.shown_analysis.analysed

    def analysed(*args: object) -> None:  # GUI-side work when the result arrives, timed separately
        meter.set_phase("showing the result")
        original_analysed(*args)

    window.shown_analysis.analysed = analysed  # type: ignore[method-assign]
    window.analysis_ready.connect(ready)
    window.reader.render_finished.connect(drawn)
    window.analysis_failed.connect(failed)
    meter.start()
    meter.set_phase("open")
    window.article_shown.connect(lambda _article: meter.set_phase("analysis on lane"))
    # Name lane phases after its progress messages ("Loading the language pipeline…", "Analysing…").
    window.lane.progress.connect(lambda report: meter.set_phase(report.message.split(" ")[0].lower()))
    QTimer.singleShot(0, lambda: (window.open_path(path), meter.set_phase("reading the file")))
    QTimer.singleShot(600_000, loop.quit)
    loop.exec()
    meter.timer.stop()
    for phase, worst in meter.worst.items():
        print(f"  longest stall during {phase:<18} {worst * 1000:7.1f} ms")
    worst = max(meter.worst.values())
    print(f"analysis ready after {marks['ready']:.1f} s, colouring done after {marks['drawn']:.1f} s")
    print(f"LONGEST GUI STALL: {worst * 1000:.1f} ms (limit {args.limit_ms:.0f} ms)")
    window.close()
    return 0 if worst * 1000 <= args.limit_ms else 1


if __name__ == "__main__":
    raise SystemExit(main())
