"""Library use cases: open the store and import an article. Opening an article (read, store, analyse
through the cache) is ``services.reading``; :func:`analysis_for` is its cache lookup under the old name.

Plain functions over :class:`~stance_reader.store.Store`. spaCy is never imported here.
"""

from __future__ import annotations

from stance_reader import paths
from stance_reader.core.models import Article, StoredDocument
from stance_reader.services.reading import cached_analysis
from stance_reader.store import Store


def open_store(db: str | None = None) -> Store:
    """The store at ``db`` (path or URL), else ``STANCE_READER_DB``, else the user's data folder.

    Raises ``StoreError`` (``CorruptDatabaseError`` for a damaged file, already moved aside).
    """
    return Store(db or paths.default_database())


def import_article(store: Store, article: Article) -> StoredDocument:
    """Add ``article`` to the library (the same text again returns the stored document; a changed
    version of an already imported file replaces it and re-anchors its highlights)."""
    return store.add_document(article)


# The analysis cache lookup lives with the reading use case; kept here under its old name.
analysis_for = cached_analysis
