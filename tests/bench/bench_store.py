"""Benchmark the highlights store at library scale: 10,000 documents and 100,000 highlights.

    .venv/bin/python tests/bench/bench_store.py [--docs 10000] [--highlights 100000] [--db PATH] [--keep]

Builds the fixture database fast (schema from the real Store, rows with bulk ``executemany`` inside
one transaction; the FTS triggers index them as they go), then times what the window does:
opening the store, opening the All-highlights view (first page of ``search_highlights`` with no
query, the result count and the filter lists), and searches. Prints median / worst of repeated
runs in milliseconds. Targets: view < 200 ms, search < 50 ms. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from stance_reader.core import Article, Highlight
from stance_reader.store import Store

WORDS = [
    "alliance",
    "plan",
    "fund",
    "support",
    "troops",
    "border",
    "ceasefire",
    "talks",
    "minister",
    "summit",
    "budget",
    "sanctions",
    "energy",
    "gas",
    "grain",
    "export",
    "harbour",
    "missile",
    "drone",
    "defence",
    "agreement",
    "treaty",
    "parliament",
    "vote",
    "coalition",
    "election",
    "poll",
    "inflation",
    "market",
    "bank",
    "loan",
    "reform",
    "court",
    "ruling",
    "police",
    "protest",
    "strike",
    "union",
    "wage",
    "pension",
    "housing",
    "climate",
    "emission",
    "wind",
    "solar",
    "nuclear",
    "reactor",
    "pipeline",
    "refinery",
    "shipping",
    "convoy",
    "frontline",
    "artillery",
    "shell",
    "factory",
    "production",
    "capacity",
    "aid",
    "package",
    "reconstruction",
    "investment",
    "partner",
    "ally",
    "envoy",
    "embassy",
    "statement",
    "spokesperson",
    "briefing",
    "report",
    "analysts",
    "officials",
    "sources",
    "critics",
    "observers",
    "diplomats",
]
HEDGES = ("may", "might", "could", "probably", "possibly", "is expected to", "appears to", "reportedly")
FIRM = ("will", "must", "is determined to", "has pledged to", "guarantees", "shall")
FORMATS = ("{d} {month} {y}", "{month} {d}, {y}", "{y}-{m:02d}-{d:02d}")
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def sentence(rng: random.Random, speaker: str) -> str:
    cue = rng.choice(HEDGES + FIRM)
    body = " ".join(rng.choices(WORDS, k=rng.randint(8, 18)))
    return f"{speaker} said the {rng.choice(WORDS)} {cue} {body}."


def build(path: Path, n_docs: int, n_highlights: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    speakers = [f"{rng.choice(WORDS).title()} {rng.choice(WORDS).title()}son" for _ in range(200)]
    outlets = [f"The {w.title()} Post" for w in rng.sample(WORDS, 20)]
    tags = [f"{w}" for w in rng.sample(WORDS, 30)]
    Store(str(path), auto_backup=False).close()  # the real schema, migrations and triggers
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=wal")
    conn.execute("PRAGMA synchronous=off")  # building a throwaway fixture: speed over durability
    now = "2026-11-27 12:00:00"
    docs, texts = [], []
    for i in range(n_docs):
        text = " ".join(sentence(rng, rng.choice(speakers)) for _ in range(rng.randint(20, 40)))
        y, m, d = rng.choice((2025, 2026)), rng.randint(1, 12), rng.randint(1, 28)
        printed = rng.choice(FORMATS).format(d=d, m=m, y=y, month=MONTHS[m - 1])
        title = f"Report {i}: {rng.choice(WORDS)} {rng.choice(WORDS)}"
        art = Article(text, title=title, outlet=rng.choice(outlets))
        iso = f"{y}-{m:02d}-{d:02d}"
        docs.append((art.content_hash, text, art.title, art.outlet, printed, iso, now, now))
        texts.append(text)
    t0 = time.perf_counter()
    with conn:
        conn.executemany(
            "INSERT INTO documents (content_hash, text, title, outlet, date, date_iso, created, updated)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            docs,
        )
        rows, links = [], []
        kinds = ("hedge", "commitment", "speaker", "custom")
        for hid in range(1, n_highlights + 1):
            doc_id = rng.randint(1, n_docs)
            text = texts[doc_id - 1]
            start = rng.randrange(0, len(text) - 120)
            h = Highlight.from_span(text, start, start + rng.randint(30, 110), document_id=doc_id)
            note = " ".join(rng.choices(WORDS, k=rng.randint(0, 8)))
            rows.append((hid, doc_id, h.start, h.end, h.quote, h.prefix, h.suffix, rng.choice(kinds),
                         rng.choice(speakers), note, now, now))  # fmt: skip
            for position, tag in enumerate(rng.sample(range(1, len(tags) + 1), rng.randint(0, 2))):
                links.append((hid, tag, position))
        conn.executemany("INSERT INTO tags (name, key) VALUES (?, ?)", [(t, t.casefold()) for t in tags])
        conn.executemany(
            'INSERT INTO highlights (id, document_id, start, "end", quote, prefix, suffix, kind, speaker,'
            " note, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        conn.executemany(
            "INSERT INTO highlight_tags (highlight_id, tag_id, position) VALUES (?, ?, ?)", links
        )
    conn.execute("PRAGMA optimize")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    size = path.stat().st_size / 1e6
    took = time.perf_counter() - t0
    print(f"built {n_docs:,} documents, {n_highlights:,} highlights in {took:.1f} s ({size:.0f} MB)")


def timed(fn: Callable[[], Any], runs: int = 15) -> tuple[float, float, float, Any]:
    """(first, median, worst) in ms, and the last result."""
    times, result = [], None
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t) * 1000)
    return times[0], statistics.median(times), max(times), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--highlights", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="reuse or create the fixture here")
    parser.add_argument("--keep", action="store_true", help="keep the temporary fixture")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="stance-bench-"))
    path = args.db or folder / "bench.sqlite3"
    if not path.exists():
        build(path, args.docs, args.highlights)

    t = time.perf_counter()
    store = Store(str(path), backups_dir=folder / "backups", auto_backup=False)
    print(f"open store (file check + quick_check + schema): {(time.perf_counter() - t) * 1000:.0f} ms")
    t = time.perf_counter()
    backup = store.backup(force=True)
    print(f"backup (SQLite backup API + check): {(time.perf_counter() - t) * 1000:.0f} ms -> {backup}")

    def view() -> tuple[int, int]:
        page = store.search_highlights(limit=200)
        total = store.count_highlights()
        store.all_tags(), store.all_speakers(), store.all_outlets()
        return len(page), total

    def rows(query: str = "", **filters: Any) -> Callable[[], int]:
        return lambda: len(store.search_highlights(query, limit=200, **filters))

    tag, speaker, outlet = store.all_tags()[0], store.all_speakers()[0], store.all_outlets()[0]
    cases: list[tuple[str, float, Callable[[], Any]]] = [
        ("All-highlights view: page 1 + count + filter lists", 200, view),
        ("  page 1 only (200 rows with their documents)", 200, rows()),
        ("  count only", 200, lambda: store.count_highlights()),
        ("  next page (offset 200)", 200, lambda: len(store.search_highlights(limit=200, offset=200))),
        ("search 'reactor' (word in every article)", 50, rows("reactor")),
        ("search 'refinery pipeline'", 50, rows("refinery pipeline")),
        ("search 'Report 4217' (one article's title)", 50, rows("Report 4217")),
        ("search prefix 'conv' while typing", 50, rows("conv")),
        ("search 'budget' + kind=hedge", 50, rows("budget", kinds=["hedge"])),
        ("search 'reactor', page 3 (offset 400)", 50,
         lambda: len(store.search_highlights("reactor", limit=200, offset=400))),
        ("filter tag", 50, rows(tags=[tag])),
        ("filter speaker + kind", 50, rows(speakers=[speaker], kinds=["commitment"])),
        ("filter outlet + date range", 50, rows(outlet=outlet, date_from="2026-03-01", date_to="2026-06-30")),
        ("highlights_for(one document)", 50, lambda: len(store.highlights_for(4217))),
        ("count for 'reactor' (not needed to show a page)", 200, lambda: store.count_highlights("reactor")),
    ]  # fmt: skip
    print(f"\n{'what':58} {'first':>8} {'median':>8} {'worst':>8}  target  rows")
    failed = 0
    for label, target, fn in cases:
        first, median, worst, result = timed(fn)
        ok = median < target
        failed += not ok
        verdict = "" if ok else " MISSED"
        print(f"{label:58} {first:8.1f} {median:8.1f} {worst:8.1f}  <{target:<4}{verdict}  {result}")
    store.close()
    if not args.keep and not args.db:
        for leftover in sorted(folder.rglob("*"), reverse=True):
            leftover.unlink() if leftover.is_file() else leftover.rmdir()
        folder.rmdir()
    elif not args.db:
        print(f"fixture kept at {path}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
