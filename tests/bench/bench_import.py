"""Benchmark ``stance-reader import`` (issue 21): a folder of articles analysed and stored with their
speaker ledger, then imported again (unchanged files: a no-op).

    PYTHONPATH=desktop .venv/bin/python tests/bench/bench_import.py [--docs 1000] [--db PATH|URL]

The articles are the bundled samples (resources/samples) with their people renamed, their dates spread
over two years and their outlets varied, one file each, so the library fills with distinct texts and
speakers. Runs the real pipeline (spaCy) through ``services.ledger.import_paths``, as the CLI does, and
prints articles/s and words/s for the first import and the re-import. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from run_benchmarks import ENDINGS, SAMPLE_SURNAMES

from stance_reader.paths import resources_dir
from stance_reader.services.ledger import import_paths
from stance_reader.store import Store

OUTLETS = ("Northgate Ledger", "Coastline Courier", "Alpha News", "Delta Wire", "Epsilon Herald")
_DATE = re.compile(r"\b\d{2}/\d{2}/\d{4}\b")


def write_articles(folder: Path, docs: int, seed: int = 21) -> int:
    """``docs`` article files in ``folder``; returns their words."""
    rng = random.Random(seed)
    samples = sorted((resources_dir() / "samples").iterdir())
    texts = [(p.suffix, p.read_text(encoding="utf-8")) for p in samples]
    words = 0
    for i in range(docs):
        suffix, text = texts[i % len(texts)]
        for name in SAMPLE_SURNAMES:
            text = text.replace(name, name + rng.choice(ENDINGS))
        day = date(2025, 1, 1) + timedelta(days=rng.randrange(730))
        text = _DATE.sub(day.strftime("%d/%m/%Y"), text, count=1)
        text = text.replace("Northgate Ledger", rng.choice(OUTLETS), 1)
        text += f"\n\n(Report {i}.)\n"  # every file a distinct text
        (folder / f"article-{i:04d}{suffix}").write_text(text, encoding="utf-8")
        words += len(text.split())
    return words


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--db", help="path or postgresql:// URL (default: a temporary SQLite file)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="stance-bench-import-"))
    folder = work / "articles"
    folder.mkdir()
    words = write_articles(folder, args.docs)
    try:
        with Store(args.db or str(work / "library.sqlite3"), auto_backup=False) as store:
            for label in ("import", "re-import (unchanged)"):
                started = time.perf_counter()
                outcomes = import_paths(store, [folder])
                seconds = time.perf_counter() - started
                statuses = [o.status for o in outcomes]
                counts = {s: statuses.count(s) for s in ("imported", "unchanged", "failed")}
                print(
                    f"{label:24} {args.docs} articles ({words:,} words) in {seconds:.1f} s: "
                    f"{args.docs / seconds:.1f} articles/s, {words / seconds:,.0f} words/s; {counts}"
                )
            print(f"ledger rows {store.count_speaker_marks()}, speakers {len(store.list_speakers())}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
