"""What 1,000 corrections cost when a 10,000-word article is (re)opened.

Two generated 10k-word articles of our own sample's sentences (tests/bench/bench_gui_stall.py), each
with a canned analysis saved in the library's cache, are opened in the real window (build_window: the
highlights and the corrections installed) alternately, N times each. One carries 1,000 corrections
(rejections, relabellings, re-credited speakers and added passages, in that mix), the other none; a
third holds the corrected marks as its own analysis (drawing as many marks, nothing to correct). Timed:
``open_stored_document`` → ``analysis_ready`` and → the reader's ``render_finished`` (the article drawn,
corrections applied). Also timed alone: reading the 1,000 corrections and applying them
(``services.corrections.corrected``), the lane-side cost.

    .venv/bin/python tests/bench/bench_corrections.py [--runs 9] [--corrections 1000] [--cold]

``--cold`` parses the corrections at every open (the first open after launch); by default a reopen finds
them parsed (services/corrections/reading.py keeps the last few documents' against the store's stamp).

Prints the medians and the difference; exits non-zero above --limit-ms (default 30) of extra time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "gui"))
sys.path.insert(0, str(ROOT / "tests" / "bench"))


def make_corrections(store, document, analysis, count: int):  # type: ignore[no-untyped-def]
    """``count`` corrections of ``document``: one per model mark in turn (reject, relabel, speaker),
    then added passages (whole sentences) for the rest."""
    from stance_reader.core import CorrectionKind
    from stance_reader.services.corrections import Revision, added_correction, fresh_correction, revise
    from stance_reader.services.corrections.learning import sentence_spans

    text, content_hash = document.article.text, document.content_hash
    revisions = (
        Revision(kind=CorrectionKind.NONE),
        Revision(kind=CorrectionKind.COMMITMENT),
        Revision(speaker="Carla Duarte", set_speaker=True),
    )
    made = []
    for i, mark in enumerate(analysis.marks[:count]):
        base = fresh_correction(mark, text, document.id, content_hash)
        made.append(revise(base, revisions[i % 3], text))
    spans = [s for s in sentence_spans(text) if not any(m.start <= s[0] < m.end for m in analysis.marks)]
    for start, end in (spans * (count // max(1, len(spans)) + 1))[: count - len(made)]:
        made.append(
            added_correction(text, document.id, content_hash, start, end, CorrectionKind.COMMITMENT, "X")
        )
    store.add_corrections(made)
    return len(made)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=10_000)
    parser.add_argument("--corrections", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--limit-ms", type=float, default=30.0)
    parser.add_argument(
        "--cold",
        action="store_true",
        help="parse the corrections at every open (as the first one after launch)",
    )
    args = parser.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="stance-bench-"))
    os.environ["STANCE_READER_DATA"] = str(tmp / "data")
    os.environ["STANCE_READER_SETTINGS"] = str(tmp / "settings.ini")
    from bench_gui_stall import generate_article
    from fake_analysis import generic_analysis
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from stance_reader.app import build_window, open_library
    from stance_reader.core import Article
    from stance_reader.services import analysis as analysis_service
    from stance_reader.services.corrections import corrected, reading

    class Canned:
        name, version = "canned", "canned-1"

        def analyze(self, text: str):  # type: ignore[no-untyped-def]
            return replace(generic_analysis(text), pipeline=self.version)

    analysis_service._ANALYZER = Canned()  # type: ignore[assignment]
    app = QApplication.instance() or QApplication([])
    store = open_library(str(tmp / "bench.sqlite3"))[0]
    docs = []
    for seed in (7, 8):
        article = Article(
            generate_article(args.words, seed), title=f"Bench {seed}", source_path=f"bench{seed}"
        )
        doc = store.add_document(article)
        store.save_analysis(doc.content_hash, Canned.version, Canned().analyze(article.text))
        docs.append(doc)
    plain, heavy = docs
    full = generic_analysis(heavy.article.text)
    made = make_corrections(store, heavy, full, args.corrections)
    # The same text (one letter of the title changed: same offsets, another document) whose cached
    # analysis already holds the corrected marks: what drawing that many marks costs without corrections.
    twin = Article(heavy.article.text.replace("Generated", "Generatee", 1), title="Twin", source_path="twin")
    dense = store.add_document(twin)
    shown = corrected(store, heavy, full, write_back=False).analysis
    store.save_analysis(dense.content_hash, Canned.version, replace(shown, pipeline=Canned.version))
    analysis_service._ANALYZER = Canned()  # type: ignore[assignment]
    print(
        f"articles: {len(heavy.article.text.split()):,} words;"
        f" {len(full.marks)} model marks; {made} corrections"
    )

    window = build_window(store, None, restore_layout=False)
    window.resize(1400, 900)
    window.show()
    app.processEvents()
    timings: dict[str, dict[str, list[float]]] = {
        "plain": {"ready": [], "drawn": []},
        "dense": {"ready": [], "drawn": []},
        "heavy": {"ready": [], "drawn": []},
    }

    def open_once(doc, key: str) -> None:  # type: ignore[no-untyped-def]
        loop = QEventLoop()
        started = time.perf_counter()
        seen: dict[str, float] = {}

        def ready(_a: object) -> None:
            seen.setdefault("ready", time.perf_counter() - started)

        def drawn() -> None:
            if "ready" in seen or window.current_analysis is not None:
                seen.setdefault("drawn", time.perf_counter() - started)
                loop.quit()

        if args.cold:
            reading._cache.clear()
        window.analysis_ready.connect(ready)
        window.reader.render_finished.connect(drawn)
        QTimer.singleShot(0, lambda: window.open_stored_document(doc))
        QTimer.singleShot(60_000, loop.quit)
        loop.exec()
        window.analysis_ready.disconnect(ready)
        window.reader.render_finished.disconnect(drawn)
        for name in ("ready", "drawn"):
            timings[key][name].append(seen.get(name, float("nan")) * 1000)
        app.processEvents()

    open_once(plain, "plain")  # warm-up: imports, first layout
    open_once(dense, "dense")
    open_once(heavy, "heavy")
    for key in timings:
        for name in timings[key]:
            timings[key][name].clear()
    for _ in range(args.runs):
        open_once(plain, "plain")
        open_once(dense, "dense")
        open_once(heavy, "heavy")
    assert len(window.corrections.panel.lines()) == made, "the corrections were not all applied"

    apply_ms = []
    for _ in range(args.runs):
        if args.cold:
            reading._cache.clear()
        t0 = time.perf_counter()
        corrected(store, heavy, full, write_back=False)
        apply_ms.append((time.perf_counter() - t0) * 1000)

    def med(values: list[float]) -> float:
        return statistics.median(values)

    for name in ("ready", "drawn"):
        p, d, h = (med(timings[key][name]) for key in ("plain", "dense", "heavy"))
        print(
            f"open → {name:<6} model marks {p:6.1f} ms · as many marks, uncorrected {d:6.1f} ms"
            f" · {made} corrections {h:6.1f} ms"
        )
    print(f"reading and applying {made} corrections alone: {med(apply_ms):.1f} ms (median of {args.runs})")
    total = med(timings["heavy"]["drawn"]) - med(timings["plain"]["drawn"])
    extra = med(timings["heavy"]["drawn"]) - med(timings["dense"]["drawn"])
    print(f"drawing the marks the corrections add: {total - extra:+.1f} ms; in all {total:+.1f} ms")
    print(f"EXTRA TIME TO OPEN WITH {made} CORRECTIONS: {extra:+.1f} ms (limit +{args.limit_ms:.0f} ms)")
    window.close()
    return 0 if extra <= args.limit_ms else 1


if __name__ == "__main__":
    raise SystemExit(main())
