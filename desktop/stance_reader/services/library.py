"""Library use cases: open the store, import an article, get its analysis (cached when possible).

Plain functions over :class:`~stance_reader.store.Store`; the CLI and the window's analysis lane call
them. spaCy is never imported here: :func:`analysis_for` takes the analyse callable, so reopening an
analysed article costs one indexed read and no pipeline load.
"""

from __future__ import annotations

from collections.abc import Callable

from stance_reader import paths
from stance_reader.core.models import Analysis, Article, StoredDocument
from stance_reader.services.speakers import index_document
from stance_reader.store import ImportResult, Store


def open_store(db: str | None = None) -> Store:
    """The store at ``db`` (path or URL), else ``STANCE_READER_DB``, else the user's data folder.

    Raises ``StoreError`` (``CorruptDatabaseError`` for a damaged file, already moved aside).
    """
    return Store(db or paths.default_database())


def import_article(store: Store, article: Article) -> StoredDocument:
    """Add ``article`` to the library (the same text again returns the stored document; a changed
    version of an already imported file replaces it and re-anchors its highlights)."""
    return store.add_document(article)


def import_article_with_report(store: Store, article: Article) -> ImportResult:
    """:func:`import_article` plus how many highlights re-attached or were orphaned, for the status bar."""
    return store.import_document(article)


def analysis_for(
    store: Store,
    doc: StoredDocument,
    analyze: Callable[[str], Analysis],
    pipeline_version: str,
) -> tuple[Analysis, bool]:
    """``doc``'s analysis for ``pipeline_version`` and whether it came from the cache.

    On a miss, runs ``analyze(doc.article.text)`` and caches the result under (content hash,
    pipeline version), so a new pipeline version re-analyses and an unchanged one never does; the
    document's rows in the speaker ledger are replaced from it (``services.speakers``).
    """
    cached = store.cached_analysis(doc.content_hash, pipeline_version)
    if cached is not None:
        return cached, True
    analysis = analyze(doc.article.text)
    store.save_analysis(doc.content_hash, pipeline_version, analysis)
    index_document(store, doc, analysis)  # the speaker ledger follows every stored analysis
    return analysis, False
