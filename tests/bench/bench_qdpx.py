"""Benchmark the REFI-QDA export (issue 22): 1,000 saved highlights to a ``.qdpx``, target < 2 s.

    PYTHONPATH=desktop .venv/bin/python tests/bench/bench_qdpx.py [--highlights 1000] [--docs 20] [--runs 5]

Builds a temporary library through the real store: ``--docs`` articles made from the bundled samples
(each with a numbered first line, so every text is its own document), ``--highlights`` saved highlights
spread over them (sentence spans; kinds, eight speakers, twelve tags and notes cycling). Then times, median
and worst of ``--runs``: the whole export as File → Export… runs it (``services.exporting.export_highlights``:
store reads + writer + zip), the writer alone (``export.qdpx.project_xml`` on passages already loaded),
and ``import-qdpx`` of the file into an empty library. Prints figures; not part of the test suite.
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from stance_reader.core.models import Article, Highlight, HighlightKind
from stance_reader.documents import load_article
from stance_reader.export.qdpx import project_xml
from stance_reader.services.exporting import collect, export_highlights
from stance_reader.services.qdpx_import import import_project, read_qdpx
from stance_reader.store import Store

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
KINDS = tuple(HighlightKind)
SPEAKERS = ("Ingrid Kellner", "Jörg Weiß", "Олена Коваль", "Mark Rutte", "Anna Berg", "Lars Okafor")
TAGS = tuple(f"tag-{n}" for n in range(12))
GENERATED = "2026-12-06T00:00:00Z"


def build(db: str, docs: int, highlights: int) -> None:
    texts = [load_article(p).text for p in sorted(SAMPLES.iterdir())]
    per_doc = -(-highlights // docs)
    made = 0
    with Store(db, auto_backup=False) as store:
        for d in range(docs):
            text = f"Copy {d}\n\n" + texts[d % len(texts)]
            article = Article(text=text, title=f"Sample {d}", outlet="Bench Post", date="2026-12-01")
            doc = store.add_document(article)
            spans = [m.span() for m in re.finditer(r"[^.\n]{10,}[.]|[^\s][^\n]{5,}", text)]
            rows = []
            for i in range(min(per_doc, highlights - made)):
                start, end = spans[i % len(spans)]
                start += i // len(spans)  # a different span each time round the sentences
                rows.append(
                    Highlight.from_span(
                        text, start, end, document_id=doc.id, kind=KINDS[i % len(KINDS)],
                        speaker=SPEAKERS[i % len(SPEAKERS)] if i % 8 else None,
                        note=f"note {i}" if i % 3 == 0 else "", tags=TAGS[i % 12 : i % 12 + i % 3],
                    )
                )  # fmt: skip
            store.add_highlights(rows)
            made += len(rows)
        assert store.count_highlights() == highlights, store.count_highlights()


def timed(runs: int, action: Callable[[], object]) -> tuple[float, float]:
    seconds = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        seconds.append(time.perf_counter() - began)
    return statistics.median(seconds), max(seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--highlights", type=int, default=1000)
    parser.add_argument("--docs", type=int, default=20)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db, out = f"{folder}/bench.sqlite3", Path(folder) / "bench.qdpx"
        began = time.perf_counter()
        build(db, args.docs, args.highlights)
        built = time.perf_counter() - began
        print(f"library: {args.docs} articles, {args.highlights} highlights (built in {built:.1f} s)")
        with Store(db, auto_backup=False) as store:
            export = timed(
                args.runs, lambda: export_highlights(store, "qdpx", out=out, generated_at=GENERATED)
            )
            passages = collect(store).passages
            writer = timed(args.runs, lambda: project_xml(passages, GENERATED))
        size = out.stat().st_size

        def reimport() -> None:
            with Store(f"{folder}/import-{time.perf_counter_ns()}.sqlite3", auto_backup=False) as store:
                import_project(store, read_qdpx(out))

        back = timed(args.runs, reimport)
    print(f"{'figure':<52} {'median':>9} {'worst':>9}")
    for label, (median, worst) in (
        (f"export {args.highlights} highlights to .qdpx (store + writer + zip)", export),
        ("  project.qde + texts in memory (writer only)", writer),
        ("import-qdpx of that file into an empty library", back),
    ):
        print(f"{label:<52} {median:>8.3f}s {worst:>8.3f}s")
    verdict = "met" if export[0] < 2.0 else "NOT met"
    print(f"file: {size / 1024:.0f} kB; target < 2 s for the export: {verdict} (n={args.runs})")


if __name__ == "__main__":
    main()
