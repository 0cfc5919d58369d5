"""Benchmarks of the speed and memory an analyst feels, each beside its baseline measured in the same run.

    .venv/bin/python tests/bench/run_benchmarks.py            # full run (~20-25 min on 2 busy cores)
    .venv/bin/python tests/bench/run_benchmarks.py --quick    # fewer repeats, smaller batch (~3 min)
    .venv/bin/python tests/bench/run_benchmarks.py --only launch,throughput --markdown table.md

Separate from the test suite: it prints a table and never fails a build. Machines are shared and
noisy, so every figure is a median of several runs and is printed beside a baseline taken in the same
run (interleaved where possible), and ratios are reported. Inputs are generated here from our own
sentence templates (fictional people, places and bodies): no third-party text.

GUI figures run in child processes (this file re-invoked with ``--child MODE``) with
``QT_QPA_PLATFORM=offscreen``, fresh settings and a temporary database. Times are taken from
``time.monotonic()``, which on Linux is one clock for all processes, so "launch" is measured from the
moment the parent starts the child. The GUI-stall and store figures call the helpers written beside
this file (``bench_gui_stall.py``, ``bench_store.py``) when they exist.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
BENCH = Path(__file__).resolve().parent
MARKER = "BENCH "  # prefix of the JSON line a child prints
CHILD_TIMEOUT = 900

# --------------------------------------------------------------------------------------------------
# Inputs: generated articles (our own templates, fictional names)
# --------------------------------------------------------------------------------------------------

PEOPLE = [
    ("Marta", "Velikova", "Finance Minister"),
    ("Jonas", "Reuter", "Defence Secretary"),
    ("Amara", "Osei", "Trade Commissioner"),
    ("Henrik", "Dahl", "Prime Minister"),
    ("Lucia", "Ferrante", "Foreign Minister"),
    ("Pavel", "Novak", "Energy Minister"),
    ("Ines", "Carvalho", "central bank governor"),
    ("Tomasz", "Wrona", "opposition leader"),
    ("Sofia", "Lindqvist", "EU envoy"),
    ("Rafael", "Montero", "union spokesman"),
    ("Hana", "Sato", "Health Minister"),
    ("Daniel", "Okafor", "regional governor"),
]
BODIES = [
    "the Northern Alliance",
    "the Coastal Development Fund",
    "the Ministry of Transport",
    "the Council of Regions",
    "the Riverside Port Authority",
    "the National Grid Agency",
    "the Civic Rebuilding Office",
    "the Eastern Monetary Board",
]
PLACES = ["Valmora", "Kestrel Bay", "Orlin", "Brevik", "Santa Olvena", "Harrowgate", "Tessaly", "Dunmore"]
THINGS = [
    "the reconstruction package",
    "the new rail corridor",
    "the emergency loan",
    "the border agreement",
    "the fishing quotas",
    "the energy subsidy",
    "the housing programme",
    "the flood defences",
]
AMOUNTS = ["€2 billion", "€450 million", "$3.5 billion", "€80 million", "12,000 jobs", "40 new schools"]
WHENS = ["by March", "before the winter", "within two years", "next spring", "by the end of the year"]

# Each template yields one sentence; {p}/{q} are people, {P}/{Q} their surnames on second mention.
TEMPLATES = [
    '"We will deliver {amount} {when}, and we will publish every contract," {p} said.',
    '"It may take longer than people hope," {P} told reporters in {place}.',
    "{p} said that {body} would probably support {thing} if the terms were softened.",
    "According to officials in {place}, {thing} could face further delays.",
    '"I cannot guarantee that every member will sign on," {P} admitted.',
    "{body} pledged to fund {thing} and committed {amount} {when}.",
    "{q} reportedly told colleagues that {thing} was premature.",
    '"We are determined to finish {thing} {when}," said {q}.',
    "It seems likely that {body} will revise its forecast after the talks in {place}.",
    "{P} insisted that no region would be left behind.",
    "Analysts suggested the plan might cost more than {amount}.",
    '"Perhaps we need to look more closely at the numbers," {Q} said on Tuesday.',
    "{body} confirmed that it will open a regional office in {place} {when}.",
    "The talks in {place} ended without a joint statement, and {thing} remains on the table.",
    '{q}, who leads {body}, said the decision was "a serious basis for further work."',
    "Some delegates appeared to doubt whether {thing} could be financed {when}.",
    '"We have always said we would support {thing}," {P} added, "and we will."',
    "{body} is expected to announce its position on {thing} {when}.",
    "There were signs that {place} would accept a compromise, people familiar with the talks said.",
    '"This is not the moment to promise anything," {Q} warned.',
]


def _sentence(rng: random.Random) -> str:
    first, last, title = rng.choice(PEOPLE)
    other = rng.choice(PEOPLE)
    fields = {
        "p": f"{title.capitalize() if title[0].islower() else title} {first} {last}",
        "P": last,
        "q": f"{other[0]} {other[1]}",
        "Q": other[1],
        "body": rng.choice(BODIES),
        "place": rng.choice(PLACES),
        "thing": rng.choice(THINGS),
        "amount": rng.choice(AMOUNTS),
        "when": rng.choice(WHENS),
    }
    text = rng.choice(TEMPLATES).format(**fields)
    return text[0].upper() + text[1:]


def make_article(words: int, seed: int = 1) -> str:
    """A plain-text article of about ``words`` words (title, outlet, paragraphs of 2-5 sentences)."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    count = 0
    while count < words:
        para = " ".join(_sentence(rng) for _ in range(rng.randint(2, 5)))
        paragraphs.append(para)
        count += len(para.split())
    title = f"Ministers weigh {rng.choice(THINGS)[4:]} in {rng.choice(PLACES)}"
    return f"{title}\n\nBenchmark Gazette\n\n" + "\n\n".join(paragraphs) + "\n"


def word_count(text: str) -> int:
    return len(text.split())


# Surnames in the bundled samples, given new endings per copy so a long text has many people to merge.
SAMPLE_SURNAMES = ("Kellner", "Brandauer", "Mereny", "Halasz", "Duarte", "Okafor", "Berg", "Whitlock")
ENDINGS = ("", "son", "berg", "ova", "ini", "ez", "ström", "escu", "ides", "ak", "enko", "oglu", "ard")


def make_long_article(chars: int, seed: int = 1) -> str:
    """About ``chars`` code points: the bundled samples (resources/samples) repeated, each copy with its
    people renamed, as one article (a long report or a folder of reports pasted into one file)."""
    from stance_reader.documents import load_article
    from stance_reader.paths import resources_dir

    samples = [load_article(p).text for p in sorted((resources_dir() / "samples").iterdir())]
    rng = random.Random(seed)
    copies: list[str] = []
    size = 0
    while size < chars:
        text = samples[len(copies) % len(samples)]
        for name in SAMPLE_SURNAMES:
            text = text.replace(name, name + rng.choice(ENDINGS))
        copies.append(text)
        size += len(text) + 2
    return "\n\n".join(copies)[:chars].rsplit("\n\n", 1)[0] + "\n"


# --------------------------------------------------------------------------------------------------
# Child processes (GUI and memory figures)
# --------------------------------------------------------------------------------------------------


def _emit(**values: Any) -> None:
    print(MARKER + json.dumps(values), flush=True)


def _first_paint_marker(app: Any, record: dict[str, float]) -> Any:
    """An application-wide event filter that records when the first widget is painted."""
    from PySide6.QtCore import QEvent, QObject

    class FirstPaint(QObject):
        def eventFilter(self, obj: Any, event: Any) -> bool:
            if "paint" not in record and event.type() == QEvent.Type.Paint:
                record["paint"] = time.monotonic()
            return False

    marker = FirstPaint()
    app.installEventFilter(marker)
    return marker


def _wait(condition: Callable[[], bool], timeout_s: float = 240.0, step_ms: int = 2) -> None:
    """Spin the Qt event loop until ``condition()`` or the timeout."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    timer = QTimer()
    timer.timeout.connect(lambda: loop.quit() if condition() else None)
    timer.start(step_ms)
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    if not condition():
        loop.exec()
    timer.stop()


def child_bare_window() -> None:
    """Baseline: the smallest PySide6 program that shows a main window."""
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication([])
    record: dict[str, float] = {}
    _keep = _first_paint_marker(app, record)
    window = QMainWindow()
    window.resize(1400, 900)
    window.show()
    _wait(lambda: "paint" in record, 30)
    _emit(window=record.get("paint", 0.0), rss_kb=_peak_rss_kb())


def child_spacy_load(model: str) -> None:
    """Baseline: ``import spacy; spacy.load(model)`` and nothing else."""
    import spacy

    spacy.load(model)
    _emit(loaded=time.monotonic(), rss_kb=_peak_rss_kb())


class _App:
    """The reader as ``app.run_gui`` builds it, with signals time-stamped (GUI thread)."""

    def __init__(self, db: str) -> None:
        from stance_reader import app as app_module

        self.qapp = app_module._application(True)
        self.record: dict[str, float] = {}
        self._keep = _first_paint_marker(self.qapp, self.record)
        store, _problem = app_module.open_library(db)
        self.window = app_module.build_window(store, None, restore_layout=False)
        self.window.resize(1400, 900)
        self.done = False
        self.expected: Path | None = None
        self.failure = ""
        self.window.analysis_ready.connect(lambda _a: self._maybe_done())
        self.window.reader.render_finished.connect(self._maybe_done)
        self.window.analysis_failed.connect(self._failed)
        import gc

        gc.freeze()  # as run_gui does once the window is built
        if hasattr(self.window, "open_failed"):  # reading the file failed (it is read on a lane)
            self.window.open_failed.connect(lambda *args: self._failed(" ".join(map(str, args))))

    def _maybe_done(self) -> None:
        # A late signal of the previous article (its sidebar turn emits analysis_ready) must not end
        # the wait for this one: check that the window shows the file asked for.
        if self.expected is not None and self.window.current_path != self.expected:
            return
        if self.window.current_analysis is not None and not self.window.reader.is_rendering():
            self.done = True

    def _failed(self, message: str) -> None:
        self.failure, self.done = message, True

    def wait(self) -> None:
        _wait(lambda: self.done)
        if self.failure or not self.done:
            sys.exit(f"analysis failed: {self.failure or 'timed out'}")

    def open_and_wait(self, path: Path) -> float:
        """Open ``path`` as the analyst would; seconds until its highlights are drawn."""
        self.done = False
        self.expected = Path(path)
        started = time.monotonic()
        self.window.open_path(path)
        self.wait()
        self.window.reader.viewport().repaint()  # until the coloured text is on screen, not just ready
        return time.monotonic() - started


def child_launch(path: str, db: str) -> None:
    """Launch as run_gui does (show, then open the sample): first paint and first highlights."""
    app = _App(db)
    app.window.show()
    app.window.open_path(Path(path))
    app.wait()
    _emit(window=app.record.get("paint", 0.0), highlights=time.monotonic(), rss_kb=_peak_rss_kb())


def child_cache(paths: list[str], db: str, repeats: int) -> None:
    """First open vs reopening an analysed article (the store's analysis cache)."""
    app = _App(db)
    app.window.show()
    warm, first, second = (Path(p) for p in paths)
    app.open_and_wait(warm)  # loads the pipeline, so the first open below is analysis only
    first_open = [app.open_and_wait(first), app.open_and_wait(second)]
    reopen: list[float] = []
    for _ in range(repeats):
        reopen += [app.open_and_wait(first), app.open_and_wait(second)]
    _emit(first_open=first_open, reopen=reopen)


def child_rss(path: str | None, db: str) -> None:
    """Peak RSS: the reader with ``path`` open and coloured; or, without a path, the baseline of a
    bare window plus the loaded pipeline."""
    if path is None:
        from PySide6.QtWidgets import QApplication, QMainWindow

        app = QApplication([])
        window = QMainWindow()
        window.resize(1400, 900)
        window.show()
        app.processEvents()
        from stance_reader.nlp.pipeline import StanceAnalyzer

        StanceAnalyzer.load()
        _emit(rss_kb=_peak_rss_kb())
        return
    reader = _App(db)
    reader.window.show()
    reader.open_and_wait(Path(path))
    # The window may analyse in a child process: count every live descendant too.
    tree = _tree_peak_rss_kb()
    _emit(rss_kb=sum(tree.values()), processes=len(tree), gui_kb=tree[os.getpid()])


def _peak_rss_kb() -> int:
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)  # kB on Linux


def _tree_peak_rss_kb() -> dict[int, int]:
    """{pid: peak RSS in kB (VmHWM)} for this process and its live descendants (Linux /proc).

    The sum is an upper bound of the tree's simultaneous peak (each process's own peak, added)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended meanwhile
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    peaks: dict[int, int] = {}
    todo = [os.getpid()]
    while todo:
        pid = todo.pop()
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
        peaks[pid] = int(found.group(1)) if found else 0
        todo += children.get(pid, [])
    return peaks


def run_child(mode: str, *args: str, env: dict[str, str] | None = None) -> tuple[dict[str, Any], float]:
    """Run this file as ``--child MODE``; returns (its JSON, the parent's monotonic start time)."""
    tmp = Path(tempfile.mkdtemp(prefix="stance-bench-child-"))
    child_env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "STANCE_READER_DATA": str(tmp / "data"),
        "STANCE_READER_SETTINGS": str(tmp / "settings.ini"),
        "XDG_CONFIG_HOME": str(tmp / "config"),
        **(env or {}),
    }
    child_env.pop("STANCE_READER_DB", None)
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", mode, *args]
    started = time.monotonic()
    result = subprocess.run(cmd, env=child_env, capture_output=True, text=True, timeout=CHILD_TIMEOUT)
    lines = [line for line in result.stdout.splitlines() if line.startswith(MARKER)]
    if result.returncode != 0 or not lines:
        raise RuntimeError(f"child {mode} failed ({result.returncode}): {result.stderr[-2000:]}")
    return json.loads(lines[-1][len(MARKER) :]), started


# --------------------------------------------------------------------------------------------------
# The figures
# --------------------------------------------------------------------------------------------------


@dataclass
class Row:
    figure: str
    value: str
    baseline: str
    ratio: str
    target: str
    verdict: str  # "met", "MISSED", or "-" (no target)


def _verdict(ok: bool | None) -> str:
    return "-" if ok is None else ("met" if ok else "MISSED")


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def _med(values: list[float]) -> float:
    return statistics.median(values)


def _spread(values: list[float]) -> str:
    return f"(n={len(values)}, {min(values) * 1000:.0f}-{max(values) * 1000:.0f} ms)"


class Bench:
    def __init__(self, quick: bool, workdir: Path) -> None:
        self.quick = quick
        self.work = workdir
        self.rows: list[Row] = []
        self.notes: list[str] = []
        self._articles: dict[int, Path] = {}
        self.long_mb: int | None = None

    def article(self, words: int, seed: int = 1) -> Path:
        key = words * 1000 + seed
        if key not in self._articles:
            path = self.work / f"article-{words}-{seed}.txt"
            path.write_text(make_article(words, seed), encoding="utf-8")
            self._articles[key] = path
        return self._articles[key]

    def add(self, row: Row) -> None:
        self.rows.append(row)
        print(
            f"  {row.figure}: {row.value} | baseline {row.baseline} | {row.ratio} | {row.verdict}", flush=True
        )

    # -- launch --------------------------------------------------------------------------------------

    def launch(self) -> None:
        from stance_reader.nlp.pipeline import pick_model

        runs = 3 if self.quick else 5
        model = pick_model()
        sample = str(_sample())
        window, highlights, bare, load = [], [], [], []
        run_child("bare-window")  # warm the file cache; discarded
        for i in range(runs):  # interleaved, so a noisy neighbour hits both sides alike
            db = str(self.work / f"launch-{i}.sqlite3")
            got, t0 = run_child("launch", sample, db)
            window.append(got["window"] - t0)
            highlights.append(got["highlights"] - t0)
            got, t0 = run_child("bare-window")
            bare.append(got["window"] - t0)
            got, t0 = run_child("spacy-load", model)
            load.append(got["loaded"] - t0)
        self.add(
            Row(
                "launch → window shown",
                f"{_ms(_med(window))} {_spread(window)}",
                f"bare PySide6 window {_ms(_med(bare))}",
                f"{_med(window) / _med(bare):.2f}×",
                "< 1.0 s",
                _verdict(_med(window) < 1.0),
            )
        )
        self.add(
            Row(
                "launch → first highlights on the sample",
                f"{_ms(_med(highlights))} {_spread(highlights)}",
                f"`spacy.load({model})` alone {_ms(_med(load))}",
                f"{_med(highlights) / _med(load):.2f}×",
                "< 2.5 s",
                _verdict(_med(highlights) < 2.5),
            )
        )

    # -- throughput ----------------------------------------------------------------------------------

    def throughput(self) -> None:
        from stance_reader.nlp.pipeline import StanceAnalyzer, split_chunks

        analyzer = StanceAnalyzer.load()
        base = analyzer.base_nlp
        repeats = {1_000: 3, 10_000: 2, 50_000: 1} if self.quick else {1_000: 7, 10_000: 7, 50_000: 5}

        def run_base(text: str) -> None:
            # The same chunks and batch size the stance pipeline uses, so the ratio is the cost of
            # our components alone.
            for _doc in base.pipe([chunk for _, chunk in split_chunks(text)], batch_size=1):
                pass

        for i, (size, runs) in enumerate(repeats.items()):
            text = self.article(size, seed=10 + i).read_text(encoding="utf-8")
            words = word_count(text)
            analyzer.analyze(text[:5000]), run_base(text[:5000])  # warm-up
            ours, theirs, ours_cpu, theirs_cpu = [], [], [], []
            for _ in range(runs):
                wall, cpu = _timed(lambda text=text: analyzer.analyze(text))
                ours.append(wall)
                ours_cpu.append(cpu)
                wall, cpu = _timed(lambda text=text: run_base(text))
                theirs.append(wall)
                theirs_cpu.append(cpu)
            # The verdict uses CPU time: other jobs on a shared machine stretch wall time unevenly. Each
            # pair (ours, then the base) runs back to back, so the median of the per-pair ratios cancels
            # the slow drift of a shared VM that a ratio of two medians lets through.
            ratio = _med([o / t for o, t in zip(ours_cpu, theirs_cpu, strict=True)])
            self.add(
                Row(
                    f"analysis throughput, {size // 1000}k-word article ({words:,} words, n={runs})",
                    f"{words / _med(ours):,.0f} words/s",
                    f"base {analyzer.model} {words / _med(theirs):,.0f} words/s",
                    f"CPU time {ratio:.2f}× (wall {_med(ours) / _med(theirs):.2f}×)",
                    "ratio ≤ 1.20 (goal 1.10)",
                    _verdict(ratio <= 1.20),
                )
            )
        self._component_shares(analyzer)
        self._seed_time(analyzer)

    def _seed_time(self, analyzer: Any) -> None:
        """The article the product was conceived around, once the pipeline is loaded (best of 3)."""
        seed = ROOT.parent / "shared" / "seed" / "nato-victory-plan.txt"
        if not seed.exists():
            return
        text = seed.read_text(encoding="utf-8")
        analyzer.analyze(text)  # warm caches
        best = min(_timed(lambda: analyzer.analyze(text))[0] for _ in range(3))
        self.add(Row("seed article analysed, pipeline loaded (best of 3)", f"{best:.3f} s", "", "", "< 0.3 s",
                     _verdict(best < 0.3)))

    def _component_shares(self, analyzer: Any) -> None:
        """Each stance component's time as a share of the base components', timed on the same Docs
        component by component (interleaved, so a busy machine slows both sides alike): which part of
        the stance layer to look at when the throughput ratio slips."""
        from stance_reader.nlp.pipeline import split_chunks

        text = self.article(10_000, seed=11).read_text(encoding="utf-8")
        chunks = [chunk for _, chunk in split_chunks(text)]
        spent = dict.fromkeys(analyzer.nlp.pipe_names, 0.0)
        stock = 0.0  # the stock pipeline's components: the stance pipeline's ruler is faster than stock
        for _ in range(2 if self.quick else 5):
            for chunk in chunks:
                doc = analyzer.nlp.make_doc(chunk)
                for name, proc in analyzer.nlp.pipeline:
                    started = time.process_time()
                    doc = proc(doc)
                    spent[name] += time.process_time() - started
                doc = analyzer.base_nlp.make_doc(chunk)
                for _name, proc in analyzer.base_nlp.pipeline:
                    started = time.process_time()
                    doc = proc(doc)
                    stock += time.process_time() - started
        base = stock
        ours = {k: v / base for k, v in spent.items() if k.startswith("stance_")}
        self.add(
            Row(
                "stance components / base components, 10k words (CPU, per component)",
                ", ".join(f"{k.removeprefix('stance_')} {v:.3f}" for k, v in ours.items()),
                "stock base components on the same chunks",
                f"{sum(ours.values()):.3f}",
                "≤ 0.20",
                _verdict(sum(ours.values()) <= 0.20),
            )
        )

    # -- GUI stall -----------------------------------------------------------------------------------

    def stall(self) -> None:
        script = BENCH / "bench_gui_stall.py"
        if not script.exists():
            self.add(Row("longest GUI-thread stall, 50k words", "not measured", "-", "-", "< 100 ms", "-"))
            self.notes.append("GUI stall: tests/bench/bench_gui_stall.py is missing.")
            return
        runs = 1 if self.quick else 2
        worst: list[float] = []
        detail = ""
        for _ in range(runs):
            env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
            result = subprocess.run(
                [sys.executable, str(script), "--words", "50000"],
                capture_output=True,
                text=True,
                env=env,
                timeout=CHILD_TIMEOUT,
            )
            found = re.search(r"LONGEST GUI STALL: ([\d.]+) ms", result.stdout)
            if not found:
                raise RuntimeError(f"bench_gui_stall.py printed no result: {result.stderr[-2000:]}")
            worst.append(float(found.group(1)) / 1000)
            detail = "; ".join(
                line.strip().replace("longest stall during ", "")
                for line in result.stdout.splitlines()
                if "longest stall during" in line
            )
        self.add(
            Row(
                "longest GUI-thread stall while a 50k-word article is analysed",
                f"{_ms(_med(worst))} {_spread(worst)}",
                "-",
                "-",
                "< 100 ms",
                _verdict(_med(worst) < 0.100),
            )
        )
        self.notes.append(f"GUI stall by phase (last run): {detail}")

    # -- long text -----------------------------------------------------------------------------------

    def long(self) -> None:
        """`stance-reader analyze` on a 1 MB and an N MB text: first progress, per-MB rate, peak RSS."""
        big_mb = self.long_mb or (3 if self.quick else 5)
        runs = {}
        for mb in (1, big_mb):
            path = self.work / f"long-{mb}mb.txt"
            path.write_text(make_long_article(int(mb * 1_000_000), seed=mb), encoding="utf-8")
            runs[mb] = run_long_cli(path)
            print(f"  {mb} MB: {runs[mb]}", flush=True)
        one, big = runs[1], runs[big_mb]
        self.add(
            Row(
                f"`analyze` of a {big_mb} MB text: seconds to the first progress line",
                f"{big['first_line_s']:.2f} s (then {big['pipeline_s']:.1f} s to the first chunk)",
                f"1 MB text {one['first_line_s']:.2f} s",
                "-",
                "< 2 s",
                _verdict(big["first_line_s"] < 2.0),
            )
        )
        ratio = big["cpu_s_per_mb"] / one["cpu_s_per_mb"]
        self.add(
            Row(
                f"analysis rate, {big_mb} MB text vs 1 MB (CPU s per MB, pipeline load excluded)",
                f"{big['cpu_s_per_mb']:.1f} s/MB (wall {big['wall_s_per_mb']:.1f} s/MB)",
                f"1 MB: {one['cpu_s_per_mb']:.1f} s/MB (wall {one['wall_s_per_mb']:.1f} s/MB)",
                f"{ratio:.2f}×",
                "≤ 1.20×",
                _verdict(ratio <= 1.20),
            )
        )
        per_mb = (big["rss_mb"] - one["rss_mb"]) / (big_mb - 1)
        at_30 = one["rss_mb"] + per_mb * 29
        self.add(
            Row(
                f"peak RSS of `analyze` on a {big_mb} MB text",
                f"{big['rss_mb']:.0f} MB (+{per_mb:.1f} MB per MB; 30 MB extrapolated {at_30:.0f} MB)",
                f"1 MB text {one['rss_mb']:.0f} MB",
                f"{big['rss_mb'] / one['rss_mb']:.2f}×",
                "≤ 600 MB at 30 MB",
                _verdict(at_30 <= 600),
            )
        )
        self.notes.append(
            f"Long text: bundled samples repeated with renamed people ({big_mb} MB; 1 MB = 10^6 UTF-8 "
            "bytes). The 30 MB figure is extrapolated linearly from the 1 MB and N MB peaks."
        )

    # -- cache ---------------------------------------------------------------------------------------

    def cache(self) -> None:
        repeats = "2" if self.quick else "5"
        for words in (1_000, 10_000):
            paths = [
                str(self.article(300, seed=3)),
                str(self.article(words, 21)),
                str(self.article(words, 22)),
            ]
            got, _ = run_child("cache", json.dumps(paths), str(self.work / f"cache-{words}.sqlite3"), repeats)
            first, reopen = got["first_open"], got["reopen"]
            self.add(
                Row(
                    f"reopening an analysed {words // 1000}k-word article (cache)",
                    f"{_ms(_med(reopen))} {_spread(reopen)}",
                    f"first open {_ms(_med(first))}",
                    f"{_med(reopen) / _med(first):.2f}×",
                    "< 150 ms",
                    _verdict(_med(reopen) < 0.150),
                )
            )

    # -- store ---------------------------------------------------------------------------------------

    def store(self) -> None:
        script = BENCH / "bench_store.py"
        if not script.exists():
            self.add(
                Row("store 10k docs / 100k highlights", "not measured", "-", "-", "< 200 ms; < 50 ms", "-")
            )
            self.notes.append("Store: tests/bench/bench_store.py is missing.")
            return
        result = subprocess.run(
            [sys.executable, str(script)], capture_output=True, text=True, timeout=CHILD_TIMEOUT
        )
        cases = parse_store_output(result.stdout)
        if not cases:
            raise RuntimeError(f"bench_store.py printed no timings: {result.stderr[-2000:]}")
        view = next(median for label, median in cases.items() if label.startswith("All-highlights view"))
        searches = {label: median for label, median in cases.items() if label.startswith("search")}
        slowest = max(searches, key=searches.__getitem__)
        typical = _med(list(searches.values()))
        self.add(
            Row(
                "store 10k docs / 100k highlights: open All-highlights (page 1 + count + filter lists)",
                f"{view:.0f} ms (median of 15)",
                "-",
                "-",
                "< 200 ms",
                _verdict(view < 200),
            )
        )
        self.add(
            Row(
                f"store 10k docs / 100k highlights: one search ({len(searches)} queries, median of 15 each)",
                f"typical {typical:.0f} ms; slowest {searches[slowest]:.0f} ms ({slowest})",
                "-",
                "-",
                "< 50 ms",
                _verdict(searches[slowest] < 50),
            )
        )
        opened = re.search(r"open store .*?: (\d+) ms", result.stdout)
        if opened:
            self.notes.append(
                f"Store: opening the 10k/100k library (integrity check + schema) {opened.group(1)} ms."
            )

    # -- speaker ledger (issue 21) --------------------------------------------------------------------

    def ledger(self) -> None:
        """``bench_ledger.py``: the speaker list, the busiest speaker's ledger and their dossier."""
        script = BENCH / "bench_ledger.py"
        docs = 300 if self.quick else 1000
        env = {**os.environ, "PYTHONPATH": str(ROOT / "desktop"), "QT_QPA_PLATFORM": "offscreen"}
        result = subprocess.run(
            [sys.executable, str(script), "--docs", str(docs)],
            capture_output=True, text=True, timeout=CHILD_TIMEOUT, env=env,
        )  # fmt: skip
        cases = parse_ledger_output(result.stdout)
        if not cases:
            raise RuntimeError(f"bench_ledger.py printed no timings: {result.stderr[-2000:]}")
        targets = {"speaker list": 200.0, "ledger of the busiest": 300.0}
        for label, (median, worst, note) in cases.items():
            target = next((t for prefix, t in targets.items() if label.startswith(prefix)), None)
            self.add(
                Row(
                    f"ledger, {docs:,} articles: {label}",
                    f"{median:.0f} ms (worst {worst:.0f}; {note})",
                    "-",
                    "-",
                    f"< {target:.0f} ms" if target else "-",
                    _verdict(median < target if target else None),
                )
            )

    # -- memory --------------------------------------------------------------------------------------

    def memory(self) -> None:
        runs = 1 if self.quick else 2
        ours, base, gui = [], [], []
        processes = 1
        path = str(self.article(50_000, seed=12))
        for i in range(runs):
            got, _ = run_child("rss", path, str(self.work / f"rss-{i}.sqlite3"))
            ours.append(got["rss_kb"] / 1024)
            gui.append(got["gui_kb"] / 1024)
            processes = got["processes"]
            got, _ = run_child("rss", "-", str(self.work / f"rss-base-{i}.sqlite3"))
            base.append(got["rss_kb"] / 1024)
        self.add(
            Row(
                "peak RSS with the 50k-word article open (sum over the window's process tree)",
                f"{_med(ours):.0f} MB ({processes} process(es); window alone {_med(gui):.0f} MB)",
                f"bare window + pipeline loaded {_med(base):.0f} MB",
                f"{_med(ours) / _med(base):.2f}×",
                "< 600 MB",
                _verdict(_med(ours) < 600),
            )
        )

    # -- batch ---------------------------------------------------------------------------------------

    def jsonl(self) -> None:
        count = 200 if self.quick else 1000
        cores = os.cpu_count() or 1
        path = self.work / f"batch-{count}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for i in range(count):
                rng = random.Random(i)
                text = make_article(rng.randint(150, 450), seed=1000 + i)
                fh.write(json.dumps({"id": f"a{i}", "text": text}) + "\n")
        words = sum(word_count(json.loads(line)["text"]) for line in path.read_text().splitlines())
        runs = 1
        timings: dict[int, list[float]] = {1: [], cores: []}
        cpu: dict[int, list[float]] = {1: [], cores: []}
        for _ in range(runs):
            for procs in (1, cores):
                out = self.work / f"batch-out-{procs}.jsonl"
                cmd = [
                    sys.executable,
                    "-m",
                    "stance_reader",
                    "analyze",
                    "--jsonl",
                    str(path),
                    "--out",
                    str(out),
                    "-j",
                    str(procs),
                ]
                before = _children_cpu()
                wall, _ = _timed(
                    lambda cmd=cmd: subprocess.run(cmd, check=True, capture_output=True, timeout=3600)
                )
                timings[procs].append(wall)
                cpu[procs].append(_children_cpu() - before)
                if sum(1 for _ in out.open(encoding="utf-8")) != count:
                    raise RuntimeError(f"{out} does not have {count} lines")
        one, many = _med(timings[1]), _med(timings[cores])
        speedup = one / many
        machine = machine_parallelism(cores)
        self.add(
            Row(
                f"`analyze --jsonl` over {count:,} articles ({words:,} words), 1 vs {cores} processes",
                f"{cores} procs {many:.1f} s ({words / many:,.0f} words/s); 1 proc {one:.1f} s "
                f"({words / one:,.0f} words/s)",
                f"{cores} busy-loop processes vs 1 on this machine now: {machine:.2f}×",
                f"speed-up {speedup:.2f}× on {cores} cores (CPU s: 1 proc {_med(cpu[1]):.0f}, "
                f"{cores} procs {_med(cpu[cores]):.0f})",
                "near-linear",
                _verdict(speedup >= 0.8 * cores if cores > 1 else None),
            )
        )
        self.notes.append(
            f"JSONL: the machine itself gave {machine:.2f}× for {cores} CPU-bound processes vs 1 in this run "
            "(other jobs share the cores); compare the speed-up with that, not only with the core count."
        )

    # -- bundle --------------------------------------------------------------------------------------

    def bundle(self) -> None:
        """Start-up of the PyInstaller bundle (if built) beside the same commands from the venv."""
        exe = ROOT / "build" / "dist" / "stance-reader" / "stance-reader"
        if not exe.is_file():
            self.notes.append("Bundle: not built (see packaging/README.md); start-up not measured.")
            return
        size = (
            sum(f.lstat().st_size for f in exe.parent.rglob("*") if f.is_file() and not f.is_symlink())
            / 2**20
        )
        venv = [sys.executable, "-m", "stance_reader"]
        sample = str(_sample())
        runs = 3 if self.quick else 5
        for label, args in (("--version", ["--version"]), ("analyze the sample", ["analyze", sample])):
            frozen, source = [], []
            for _ in range(runs):
                frozen.append(_timed(lambda args=args: _quiet([str(exe), *args]))[0])
                source.append(_timed(lambda args=args: _quiet([*venv, *args]))[0])
            self.add(
                Row(
                    f"bundle `stance-reader {label}` wall time",
                    f"{_ms(_med(frozen))} {_spread(frozen)}",
                    f"venv `python -m stance_reader` {_ms(_med(source))}",
                    f"{_med(frozen) / _med(source):.2f}×",
                    "-",
                    "-",
                )
            )
        self.notes.append(
            f"Bundle: build/dist/stance-reader is {size:,.0f} MiB (one folder, symlinks not followed)."
        )


# Runs the real CLI and, at exit, reports its own CPU time and peak RSS on stderr.
LONG_CLI = (
    "import atexit, resource, sys, time, runpy\n"
    "def report():\n"
    "    u = resource.getrusage(resource.RUSAGE_SELF)\n"
    "    print('BENCH', u.ru_utime + u.ru_stime, u.ru_maxrss, file=sys.stderr, flush=True)\n"
    "atexit.register(report)\n"
    "sys.argv = ['stance-reader', 'analyze', sys.argv[1]]\n"
    "runpy.run_module('stance_reader', run_name='__main__')\n"
)


def run_long_cli(path: Path) -> dict[str, float]:
    """One `stance-reader analyze PATH` run. Its stderr lines are time-stamped as they arrive, and
    the child's CPU time read from /proc when the pipeline is ready and when the analysis ends, so
    the per-MB rate leaves out reading the file and loading the pipeline."""
    size_mb = path.stat().st_size / 1e6
    started = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-c", LONG_CLI, str(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stderr is not None
    lines: list[tuple[float, str]] = []
    marks: dict[str, tuple[float, float]] = {}  # "ready"/"done" -> (wall s, child CPU s)
    for raw in proc.stderr:
        line = raw.rstrip("\n")
        lines.append((time.monotonic() - started, line))
        if line.startswith("analysing: 0%") and "loading" not in line:
            marks["ready"] = (lines[-1][0], _proc_cpu(proc.pid))
        elif line.startswith("analysed "):
            marks["done"] = (lines[-1][0], _proc_cpu(proc.pid))
    if proc.wait(timeout=CHILD_TIMEOUT * 4) != 0 or len(marks) < 2:
        raise RuntimeError(f"analyze {path.name} failed: {lines[-5:]}")
    _cpu, rss_kb = next(line for _, line in lines if line.startswith("BENCH ")).split()[1:]
    (ready, ready_cpu), (done, done_cpu) = marks["ready"], marks["done"]
    return {
        "first_line_s": lines[0][0],
        "pipeline_s": ready - lines[0][0],
        "wall_s_per_mb": (done - ready) / size_mb,
        "cpu_s_per_mb": (done_cpu - ready_cpu) / size_mb,
        "rss_mb": int(rss_kb) / 1024,
    }


def _proc_cpu(pid: int) -> float:
    """User + system CPU seconds of a live process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


BUSY_LOOP = "sum(i * i for i in range(12_000_000))"


def machine_parallelism(processes: int) -> float:
    """How much faster ``processes`` CPU-bound Python processes finish than one, right now: the
    ceiling any multi-process speed-up can reach on a shared machine (``processes`` = ideal)."""
    cmd = [sys.executable, "-c", BUSY_LOOP]
    one, _ = _timed(lambda: subprocess.run(cmd, check=True))
    started = time.perf_counter()
    for proc in [subprocess.Popen(cmd) for _ in range(processes)]:
        proc.wait()
    return processes * one / (time.perf_counter() - started)


def _quiet(cmd: list[str]) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run(cmd, check=True, capture_output=True, env=env, timeout=CHILD_TIMEOUT)


def _timed(fn: Callable[[], object]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) taken by ``fn()``."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def _children_cpu() -> float:
    """CPU seconds used so far by finished child processes (and their own children, e.g. pool workers)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


STORE_LINE = re.compile(
    r"^(?P<label>\S.*?)\s+(?P<first>\d+\.\d)\s+(?P<median>\d+\.\d)\s+(?P<worst>\d+\.\d)\s+<\d+"
)


LEDGER_LINE = re.compile(r"^(?P<label>\S.*?)\s+(?P<median>\d+\.\d)\s+(?P<worst>\d+\.\d)\s+(?P<note>.*)$")


def parse_ledger_output(stdout: str) -> dict[str, tuple[float, float, str]]:
    """``bench_ledger.py``'s table as {case label: (median ms, worst ms, result)} (sub-cases left out)."""
    cases = {}
    for line in stdout.splitlines():
        found = LEDGER_LINE.match(line)
        if found:
            cases[found.group("label").strip()] = (
                float(found.group("median")), float(found.group("worst")), found.group("note").strip()
            )
    return cases


def parse_store_output(stdout: str) -> dict[str, float]:
    """``bench_store.py``'s table as {case label: median ms} (indented sub-cases are left out)."""
    cases = {}
    for line in stdout.splitlines():
        found = STORE_LINE.match(line)
        if found:
            cases[found.group("label").strip()] = float(found.group("median"))
    return cases


def _sample() -> Path:
    from stance_reader.paths import sample_article

    return sample_article()


# --------------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------------


def machine() -> list[str]:
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines() if Path("/proc/cpuinfo").exists() else []:
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = 0
    for line in Path("/proc/meminfo").read_text().splitlines() if Path("/proc/meminfo").exists() else []:
        if line.startswith("MemTotal"):
            mem = int(line.split()[1]) // 1024
    import PySide6
    import spacy
    from PySide6 import QtCore

    from stance_reader.nlp.pipeline import pick_model

    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    return [
        f"- CPU: {cpu}, {os.cpu_count()} logical cores (nproc); RAM {mem:,} MB",
        f"- OS: {platform.platform()}",
        f"- Python {platform.python_version()}, spaCy {spacy.__version__} ({pick_model()}), "
        f"PySide6 {PySide6.__version__} / Qt {QtCore.qVersion()}",
        f"- load average at the start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}",
    ]


def table(rows: list[Row]) -> list[str]:
    out = [
        "| figure | measured (median) | baseline, same run | ratio | target | verdict |",
        "|---|---|---|---|---|---|",
    ]
    out += [f"| {r.figure} | {r.value} | {r.baseline} | {r.ratio} | {r.target} | {r.verdict} |" for r in rows]
    return out


FIGURES: dict[str, Callable[[Bench], None]] = {
    "launch": Bench.launch,
    "throughput": Bench.throughput,
    "stall": Bench.stall,
    "long": Bench.long,
    "cache": Bench.cache,
    "store": Bench.store,
    "ledger": Bench.ledger,
    "memory": Bench.memory,
    "jsonl": Bench.jsonl,
    "bundle": Bench.bundle,
}


def _child_main(argv: list[str]) -> None:
    mode, args = argv[0], argv[1:]
    if mode == "bare-window":
        child_bare_window()
    elif mode == "spacy-load":
        child_spacy_load(args[0])
    elif mode == "launch":
        child_launch(args[0], args[1])
    elif mode == "cache":
        child_cache(json.loads(args[0]), args[1], int(args[2]))
    elif mode == "rss":
        child_rss(None if args[0] == "-" else args[0], args[1])
    else:
        sys.exit(f"unknown child mode {mode}")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--child"]:
        _child_main(argv[1:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="fewer repeats and a smaller batch")
    parser.add_argument("--only", help=f"comma-separated subset of: {', '.join(FIGURES)}")
    parser.add_argument("--markdown", type=Path, help="also write the machine and table as Markdown here")
    parser.add_argument("--long-mb", type=int, help="size of the long text for 'long' (default 5; quick 3)")
    args = parser.parse_args(argv)
    chosen = args.only.split(",") if args.only else list(FIGURES)
    unknown = set(chosen) - set(FIGURES)
    if unknown:
        parser.error(f"unknown figures: {', '.join(sorted(unknown))}")

    describe = machine()
    print("\n".join(describe), flush=True)
    with tempfile.TemporaryDirectory(prefix="stance-bench-") as tmp:
        bench = Bench(args.quick, Path(tmp))
        bench.long_mb = args.long_mb
        started = time.monotonic()
        for name in chosen:
            print(f"[{name}]", flush=True)
            try:
                FIGURES[name](bench)
            except Exception as exc:  # one broken figure must not hide the others
                bench.notes.append(f"{name}: failed: {exc!r}")
                print(f"  {name} failed: {exc!r}", flush=True)
        load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
        describe.append(
            f"- load average at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; "
            f"run took {time.monotonic() - started:.0f} s ({'quick' if args.quick else 'full'})"
        )
        lines = ["", *table(bench.rows), "", *(f"- {n}" for n in bench.notes)]
        print("\n".join(lines))
        if args.markdown:
            args.markdown.write_text("\n".join(["## Machine", "", *describe, "", "## Results", *lines, ""]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
