"""Lane-side jobs of the reader: store an article, load the pipeline and analyse, import a folder.

Owns the job functions the window submits to :class:`~stance_reader.workers.lane.Lane` and the frozen
result payloads they return. Every function here runs on the lane thread and imports the heavy layers
(spaCy through ``services.analysis``, peewee through ``services.library``) only when called, so
importing the UI never loads them.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stance_reader.core.models import Analysis, Article, StoredDocument, count_words
from stance_reader.workers.lane import JobContext

BUSY = -1.0  # progress fraction meaning "working, length unknown"


@dataclass(frozen=True, slots=True)
class AnalysisDone:
    """The analysis of one article, ready for the view. ``content_hash`` says which article it is."""

    content_hash: str
    analysis: Analysis
    from_cache: bool
    pipeline: str
    seconds: float


@dataclass(frozen=True, slots=True)
class FolderImportDone:
    imported: int
    failed: tuple[tuple[str, str], ...]  # (file name, reason)
    cancelled: bool = False


def pipeline_loaded() -> bool:
    """True once the process-wide analyzer exists (cheap; never imports spaCy)."""
    import sys

    module = sys.modules.get("stance_reader.services.analysis")
    return bool(module is not None and getattr(module, "_ANALYZER", None) is not None)


def read_article(path: Path) -> Article:
    """Read and normalise one file (``documents.load_article``); raises DocumentError on bad input."""
    from stance_reader.documents import load_article

    return load_article(Path(path))


def store_article(store: Any, article: Article) -> StoredDocument | None:
    """Import (or find) the article in the library; None without a store."""
    if store is None:
        return None
    from stance_reader.services.library import import_article

    return import_article(store, article)  # type: ignore[no-any-return]


def _analyzer(context: JobContext) -> Any:
    """The pipeline to use: the in-process one when it is already loaded here (tests, CLI) or
    ``STANCE_READER_ANALYSIS=thread``; otherwise the child-process one (keeps the GIL free for the
    window), falling back to in-process if the child cannot start."""
    # A frozen bundle would re-run the whole app in a spawned child unless its entry point calls
    # multiprocessing.freeze_support(); such builds opt in with STANCE_READER_ANALYSIS=process.
    frozen = getattr(sys, "frozen", False) and os.environ.get("STANCE_READER_ANALYSIS") != "process"
    if pipeline_loaded() or frozen or os.environ.get("STANCE_READER_ANALYSIS") == "thread":
        from stance_reader.services.analysis import get_analyzer

        return get_analyzer()
    from stance_reader.workers.analysis_process import process_analyzer

    analyzer = process_analyzer()
    if not analyzer.started:
        context.progress(BUSY, "Loading the language pipeline…")
    try:
        analyzer.start()
        return analyzer
    except Exception as exc:  # no subprocesses allowed here (sandbox, frozen build without support)
        print(f"stance-reader: analysing in-process ({exc.__class__.__name__}: {exc})", file=sys.stderr)
        from stance_reader.services.analysis import get_analyzer

        return get_analyzer()


def analyse_article(
    store: Any,
    document: StoredDocument | None,
    article: Article,
    *,
    context: JobContext,
    on_partial: Callable[[Analysis], None] | None = None,
) -> AnalysisDone:
    """Load the pipeline if needed, then analyse (or fetch the cached analysis from the store).

    Runs chunk by chunk: progress after each chunk, a cancelled job stops within one chunk, and
    ``on_partial`` gets what is found so far after the first chunk and each time the analysed part
    has doubled (so redrawing a long text costs at most twice drawing it once). Raises
    ``TextTooLong`` beyond the limit, before loading anything."""
    from stance_reader.services.analysis import check_length

    check_length(article)
    started = time.perf_counter()
    analyzer = _analyzer(context)
    context.check()
    context.progress(BUSY, f"Analysing {count_words(article.text):,} words…")

    def analyze(text: str) -> Analysis:
        return _in_chunks(analyzer, text, context, on_partial)

    from_cache = False
    if store is not None and document is not None:
        from stance_reader.services.library import analysis_for

        analysis, from_cache = analysis_for(store, document, analyze, analyzer.version)
    else:
        analysis = analyze(article.text)
    return AnalysisDone(
        content_hash=article.content_hash,
        analysis=analysis,
        from_cache=bool(from_cache),
        pipeline=analysis.pipeline or f"{analyzer.name}",
        seconds=time.perf_counter() - started,
    )


def _in_chunks(
    analyzer: Any, text: str, context: JobContext, on_partial: Callable[[Analysis], None] | None
) -> Analysis:
    """``analyzer``'s chunked analysis of ``text`` with progress, partials and cancellation (an analyzer
    without ``chunked``, e.g. a test double, analyses in one call)."""
    if not hasattr(analyzer, "chunked"):
        return analyzer.analyze(text)  # type: ignore[no-any-return]
    from stance_reader.services.progress import mb_per_char, progress_text

    job, scale = analyzer.chunked(text), mb_per_char(text)
    shown, began = 0, time.perf_counter()
    try:
        while job.step():
            context.check()
            elapsed = time.perf_counter() - began
            message = progress_text(job.done, job.total, scale, elapsed, verb="Analysing")
            context.progress(job.done / max(1, job.total), message)
            if on_partial is not None and job.done < job.total and job.done >= 2 * shown:
                shown = job.done
                on_partial(job.partial())
        return job.partial()  # type: ignore[no-any-return]
    finally:
        job.close()


def import_folder(store: Any, folder: Path, *, context: JobContext) -> FolderImportDone:
    """Import every supported file under ``folder`` into the library, with progress; errors are listed,
    never fatal. Cancellable between files."""
    from stance_reader.documents import DocumentError, list_importable, load_article

    paths = list(list_importable(folder))
    failed: list[tuple[str, str]] = []
    imported = 0
    for i, path in enumerate(paths):
        if context.cancelled:
            return FolderImportDone(imported, tuple(failed), cancelled=True)
        context.progress(i / max(1, len(paths)), f"Importing {Path(path).name} ({i + 1} of {len(paths)})…")
        try:
            store_article(store, load_article(Path(path)))
            imported += 1
        except (DocumentError, OSError, ValueError) as exc:
            failed.append((Path(path).name, str(exc)))
    context.progress(1.0, f"Imported {imported} of {len(paths)} files")
    return FolderImportDone(imported, tuple(failed))


__all__ = [
    "AnalysisDone",
    "FolderImportDone",
    "analyse_article",
    "import_folder",
    "pipeline_loaded",
    "read_article",
    "store_article",
]
