"""Reading an article: read → store → analyse through the analysis cache → one frozen :class:`Reading`.

The one way in for opening an article: the window's lane job (``ui/main_window.py``, through the thin
``workers/jobs.py`` glue) and ``stance-reader analyze ARTICLE --db`` both call :func:`open_article` (or
its steps :func:`read_article`, :func:`store_article`, :func:`analyse`), so both reuse the analysis
cached under (content hash, pipeline version) and neither re-analyses an unchanged article.

Qt-free and thread-agnostic: whoever runs it passes the plumbing in as plain callables (:class:`Hooks`:
progress, a cancellation check, partial results). The heavy layers (spaCy through
``services.analysis``, the readers through ``documents``) are imported only when a function runs.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stance_reader.core.models import Analysis, Article, StoredDocument, count_words

if TYPE_CHECKING:
    from stance_reader.store import ImportResult, Store

BUSY = -1.0  # progress fraction meaning "working, length unknown"

# Turns the model's analysis into the one shown (the analyst's corrections): (store, document, article,
# analysis) -> analysis. Applied once the whole text is analysed, never to partial results.
Overlay = Callable[[Any, StoredDocument | None, Article, Analysis], Analysis]


def _nothing(*_args: Any) -> None:
    return None


@dataclass(frozen=True, slots=True)
class Hooks:
    """How a caller follows and steers a reading: ``progress(fraction, message)`` (``BUSY`` when the
    length is unknown), ``check()`` raises to stop (called between chunks), ``partial(analysis)`` gets
    what is found so far on a long text. The window passes its lane job's context; the CLI a progress
    line; tests nothing."""

    progress: Callable[[float, str], None] = _nothing
    check: Callable[[], None] = _nothing
    partial: Callable[[Analysis], None] | None = None


NO_HOOKS = Hooks()


@dataclass(frozen=True, slots=True)
class Reading:
    """One opened article, ready for a view: the article, its stored document (None without a store),
    its analysis (corrected when an overlay was given), whether the analysis came from the cache, the
    pipeline that made it, seconds spent, and what importing did (None when not imported here)."""

    article: Article
    document: StoredDocument | None
    analysis: Analysis
    from_cache: bool
    pipeline: str
    seconds: float
    report: ImportResult | None = None

    @property
    def content_hash(self) -> str:
        return self.article.content_hash


def read_article(path: Path | str) -> Article:
    """Read and normalise one file (``documents.load_article``); raises ``DocumentError`` on bad input."""
    from stance_reader.documents import load_article

    return load_article(Path(path))


def import_with_report(store: Store | None, article: Article) -> ImportResult | None:
    """Add ``article`` to the library (or find it; a changed version of an imported file replaces it
    and re-anchors its highlights) and say what happened; None without a store."""
    if store is None:
        return None
    return store.import_document(article)


def store_article(store: Store | None, article: Article) -> StoredDocument | None:
    """The article's stored document (imported if new, as :func:`import_with_report`); None without a
    store."""
    return None if store is None else store.add_document(article)


def default_analyzer() -> Any:
    """This process's pipeline (``services.analysis.get_analyzer``), loaded on first use."""
    from stance_reader.services.analysis import get_analyzer

    return get_analyzer()


def analyse(
    store: Store | None,
    document: StoredDocument | None,
    article: Article,
    *,
    analyzer: Callable[[], Any] = default_analyzer,
    hooks: Hooks = NO_HOOKS,
    overlay: Overlay | None = None,
    report: ImportResult | None = None,
) -> Reading:
    """The article's analysis: from the cache when ``store`` holds one for this pipeline version,
    otherwise analysed chunk by chunk (progress after each chunk, ``hooks.check`` between chunks,
    ``hooks.partial`` after the first chunk and each time the analysed part has doubled, so redrawing
    a long text costs at most twice drawing it once) and cached. ``analyzer()`` gives the pipeline
    (the window's lane may hand a child-process one). Raises ``TextTooLong`` beyond the limit, before
    loading anything; a partial (cancelled) analysis is never cached."""
    from stance_reader.services.analysis import check_length

    check_length(article)
    started = time.perf_counter()
    pipeline = analyzer()
    hooks.check()
    hooks.progress(BUSY, f"Analysing {count_words(article.text):,} words…")

    def run(text: str) -> Analysis:
        return _in_chunks(pipeline, text, hooks)

    from_cache = False
    if store is not None and document is not None:
        analysis, from_cache = cached_analysis(store, document, run, pipeline.version)
    else:
        analysis = run(article.text)
    if overlay is not None:
        analysis = overlay(store, document, article, analysis)
    hooks.check()
    return Reading(
        article=article,
        document=document,
        analysis=analysis,
        from_cache=bool(from_cache),
        pipeline=analysis.pipeline or f"{pipeline.name}",
        seconds=time.perf_counter() - started,
        report=report,
    )


def cached_analysis(
    store: Store, document: StoredDocument, analyze: Callable[[str], Analysis], pipeline_version: str
) -> tuple[Analysis, bool]:
    """``document``'s analysis for ``pipeline_version`` and whether it came from the cache. On a miss,
    runs ``analyze(document.article.text)`` and caches the result, so a new pipeline version
    re-analyses and an unchanged one never does; the document's rows in the speaker ledger are
    replaced from a fresh analysis (``services.speakers``)."""
    from stance_reader.services.speakers import index_document  # imports the store: only when used

    cached = store.cached_analysis(document.content_hash, pipeline_version)
    if cached is not None:
        return cached, True
    analysis = analyze(document.article.text)
    store.save_analysis(document.content_hash, pipeline_version, analysis)
    index_document(store, document, analysis)  # the speaker ledger follows every stored analysis
    return analysis, False


def open_article(
    source: Path | str | Article,
    store: Store | None = None,
    *,
    document: StoredDocument | None = None,
    analyzer: Callable[[], Any] = default_analyzer,
    hooks: Hooks = NO_HOOKS,
    overlay: Overlay | None = None,
    on_read: Callable[[Article], None] | None = None,
    on_stored: Callable[[StoredDocument | None], None] | None = None,
) -> Reading:
    """Read ``source`` (a path, or an article already read), store it (unless ``document`` is given or
    there is no store), then analyse it through the cache. ``on_read`` gets the article as soon as it
    is read (a view can show the text before the analysis), ``on_stored`` the stored document."""
    article = source if isinstance(source, Article) else read_article(source)
    if on_read is not None:
        on_read(article)
    report = None
    if document is None:
        report = import_with_report(store, article)
        document = None if report is None else report.document
    if on_stored is not None:
        on_stored(document)
    hooks.check()
    return analyse(store, document, article, analyzer=analyzer, hooks=hooks, overlay=overlay, report=report)


def _in_chunks(pipeline: Any, text: str, hooks: Hooks) -> Analysis:
    """``pipeline``'s chunked analysis of ``text`` with progress, partials and cancellation (a pipeline
    without ``chunked``, e.g. a test double, analyses in one call)."""
    if not hasattr(pipeline, "chunked"):
        return pipeline.analyze(text)  # type: ignore[no-any-return]
    from stance_reader.services.progress import mb_per_char, progress_text

    job, scale = pipeline.chunked(text), mb_per_char(text)
    shown, began = 0, time.perf_counter()
    try:
        while job.step():
            hooks.check()
            elapsed = time.perf_counter() - began
            message = progress_text(job.done, job.total, scale, elapsed, verb="Analysing")
            hooks.progress(job.done / max(1, job.total), message)
            if hooks.partial is not None and job.done < job.total and job.done >= 2 * shown:
                shown = job.done
                hooks.partial(job.partial())
        return job.partial()  # type: ignore[no-any-return]
    finally:
        job.close()


__all__ = [
    "BUSY",
    "NO_HOOKS",
    "Hooks",
    "Overlay",
    "Reading",
    "analyse",
    "cached_analysis",
    "default_analyzer",
    "import_with_report",
    "open_article",
    "read_article",
    "store_article",
]
