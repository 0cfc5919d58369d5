"""Benchmark the speaker ledger on a 1,000-article library (issue 21).

    PYTHONPATH=desktop .venv/bin/python tests/bench/bench_ledger.py [--docs 1000] [--db PATH|URL] [--keep]

Builds the library through the real store and service (``Store.add_document`` then
``services.speakers.index_document`` per article, so every article is one ledger transaction with the
library-wide speaker resolution in it) from generated articles and hand-built analyses: ~160 people
with varied titles and bare surnames, Zipf-weighted so a few are busy, 8 outlets, dates over two
years. No spaCy. Then times (median and worst of 5 runs, ms): the speaker list, the busiest speaker's
whole ledger, the same with filters, the CLI's lookup by name, and the busiest speaker's dossier (gathered
with its stance shifts, then as md, html, docx, pdf). Targets: list < 200 ms, ledger < 300 ms.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from stance_reader.core import Article
from stance_reader.core.models import Analysis, Mark, MarkKind, Quote
from stance_reader.services import speakers
from stance_reader.store import Store

FIRST = [
    "Mark",
    "Anna",
    "Lars",
    "Ingrid",
    "Tobias",
    "Ines",
    "Olaf",
    "Maren",
    "Dana",
    "Keir",
    "Ursula",
    "Pedro",
    "Giorgia",
    "Viktor",
    "Petr",
    "Kaja",
    "Jens",
    "Sanna",
    "Mette",
    "Leo",
]
LAST = ["Rutte", "Berg", "Kellner", "Brandauer", "Okafor", "Scholz", "Solberg", "Whitlock", "Starmer",
        "Leyen", "Sanchez", "Meloni", "Orban", "Fiala", "Kallas", "Stoltenberg", "Marin", "Frederiksen",
        "Varadkar", "Nowak", "Costa", "Duda", "Tusk", "Simonyte", "Karins", "Nauseda", "Halla", "Rinkevics",
        "Petersen", "Lindqvist"]  # fmt: skip
TITLES = ["", "", "", "Prime Minister ", "NATO Secretary General ", "Mr. ", "Finance Minister ", "President "]
OUTLETS = ["The Daily Test", "Coastline Courier", "Alpha News", "Beta Post", "Gamma Times", "Delta Wire",
           "Epsilon Herald", "Zeta Journal"]  # fmt: skip
PASSAGES = {
    MarkKind.COMMITMENT: ("will deliver the funds by {m}", "will"),
    MarkKind.HEDGE: ("may need more time before {m}", "may"),
}
MONTHS = ["March", "June", "the summit", "winter", "the vote"]


def people(rng: random.Random) -> list[str]:
    names = sorted({f"{rng.choice(FIRST)} {last}" for last in LAST for _ in range(6)})
    rng.shuffle(names)
    return names


def article(
    i: int, rng: random.Random, cast: list[str], weights: list[float], start: date
) -> tuple[Article, Analysis]:
    day = start + timedelta(days=rng.randrange(730))
    chosen = rng.choices(cast, weights=weights, k=rng.randint(2, 6))
    parts: list[str] = [f"Report {i} from {day.isoformat()}."]
    marks: list[Mark] = []
    quotes: list[Quote] = []
    pos = len(parts[0]) + 1
    for name in chosen:
        for _ in range(rng.randint(1, 4)):
            written = rng.choice(TITLES) + name if rng.random() < 0.7 else name.split()[-1]
            kind = rng.choice((MarkKind.COMMITMENT, MarkKind.HEDGE))
            template, cue = PASSAGES[kind]
            passage = template.format(m=rng.choice(MONTHS)) + f" ({i}.{pos})"
            sentence = f'"We {passage}," {written} said.'
            s = pos + 1
            e = s + len("We " + passage)
            c = s + 3
            marks.append(Mark(kind, s, e, ((c, c + len(cue)),), "bench", written, confidence=rng.random()))
            if rng.random() < 0.5:
                w = pos + sentence.index(written)
                quotes.append(Quote(((s, e),), ((w, w + len(written)),), ((w, w + len(written)),), written))
            parts.append(sentence)
            pos += len(sentence) + 1
    text = " ".join(parts)
    meta = {"title": f"Article {i}", "outlet": rng.choice(OUTLETS), "date": day.isoformat()}
    return Article(text=text, **meta), Analysis(marks=tuple(marks), quotes=tuple(quotes), pipeline="bench")


def build(store: Store, docs: int, seed: int = 21) -> dict[str, float]:
    rng = random.Random(seed)
    cast = people(rng)
    weights = [1 / (rank + 1) ** 0.9 for rank in range(len(cast))]
    started = time.perf_counter()
    marks = 0
    for i in range(docs):
        art, analysis = article(i, rng, cast, weights, date(2025, 1, 1))
        doc = store.add_document(art)
        store.save_analysis(doc.content_hash, "bench", analysis)
        marks += speakers.index_document(store, doc, analysis)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "marks": marks, "rate": docs / seconds}


def timed(fn: Callable[[], Any], runs: int = 5) -> tuple[float, float, Any]:
    times, result = [], None
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), max(times), result


def run(docs: int, db: str) -> list[tuple[str, float, float, str]]:
    rows: list[tuple[str, float, float, str]] = []
    with Store(db, auto_backup=False) as store:
        built = build(store, docs)
        print(
            f"built {docs} articles, {built['marks']:.0f} ledger rows in {built['seconds']:.1f} s"
            f" ({built['rate']:.0f} articles/s: store + analysis cache + ledger, no spaCy)",
            file=sys.stderr,
        )
        med, worst, listed = timed(store.list_speakers)
        rows.append(("speaker list (all speakers)", med, worst, f"{len(listed)} speakers"))
        busiest = listed[0]
        med, worst, entries = timed(lambda: store.speaker_ledger(busiest.key))
        rows.append((f"ledger of the busiest ({busiest.name})", med, worst, f"{len(entries)} marks"))
        med, worst, entries = timed(
            lambda: store.speaker_ledger(
                busiest.key, kinds=["hedge"], date_from="2025-06-01", date_to="2026-06-01"
            )
        )
        rows.append(("  … hedges, one year", med, worst, f"{len(entries)} marks"))
        med, worst, entries = timed(
            lambda: store.speaker_ledger(busiest.key, outlet="alpha news", text="summit")
        )
        rows.append(("  … outlet + text", med, worst, f"{len(entries)} marks"))
        titled = f"NATO Secretary General {busiest.name}"
        med, worst, found = timed(lambda: speakers.ledger(store, titled))
        rows.append(("CLI: lookup by a titled name + ledger", med, worst, f"{len(found[1])} marks"))
        # Several people share each surname here, so a bare surname is its own (ambiguous) speaker.
        surname = busiest.name.split()[-1]
        med, worst, found = timed(lambda: speakers.ledger(store, surname))
        rows.append((f"CLI: bare surname {surname!r} (ambiguous)", med, worst, f"{len(found[1])} marks"))
        rows += window_rows(store)
        rows += dossier_rows(store, busiest.name)
    return rows


def window_rows(store: Store) -> list[tuple[str, float, float, str]]:
    """The ledger window (offscreen Qt): opening it on the busiest speaker, and switching speaker."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from stance_reader.ui.ledger import LedgerView

    app = QApplication.instance() or QApplication([])

    def open_view() -> LedgerView:
        view = LedgerView(store)
        view.show()
        app.processEvents()  # laid out and painted, timeline included
        return view

    def open_without_shifts() -> LedgerView:
        view = LedgerView(store)
        view.show()
        return view

    med, worst, view = timed(open_without_shifts)
    rows = [("window: ledger listed + timeline (busiest speaker)", med, worst, view.status_label.text())]
    view.close()
    med, worst, view = timed(open_view)
    rows.append(("window: … and its stance shifts counted", med, worst, view.tabs.tabText(1)))
    med, worst, _ = timed(lambda: (view.select_speaker_row(1), app.processEvents()))
    rows.append(("window: switch to the second speaker", med, worst, view.status_label.text()))
    view.close()
    return rows


def dossier_rows(store: Store, name: str) -> list[tuple[str, float, float, str]]:
    """The busiest speaker's dossier: gathering it (ledger, names, stance shifts) and each format."""
    from stance_reader.export.dossier import render
    from stance_reader.services import dossier

    med, worst, built = timed(lambda: dossier.build(store, name, generated_at="2026-01-01T00:00:00Z"))
    rows = [("dossier: ledger + names + stance shifts", med, worst, f"{len(built.shifts)} shifts")]
    for fmt in ("md", "html", "docx", "pdf"):
        med, worst, data = timed(lambda fmt=fmt: render(built, fmt), runs=3)
        rows.append((f"dossier: {fmt}", med, worst, f"{len(data) / 1024:.0f} KiB"))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--db", help="path or postgresql:// URL (default: a temporary SQLite file)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary database")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="stance-bench-ledger-"))
    db = args.db or str(folder / "ledger.sqlite3")
    rows = run(args.docs, db)
    print(f"{'case':52} {'median ms':>10} {'worst ms':>9}  result")
    for label, med, worst, note in rows:
        print(f"{label:52} {med:10.1f} {worst:9.1f}  {note}")
    if not args.keep and not args.db:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
