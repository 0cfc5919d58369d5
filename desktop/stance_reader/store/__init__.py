"""The store layer: saved highlights, documents and cached analyses in SQLite (or PostgreSQL).

The only package that imports peewee/playhouse. Everything it returns is a ``core`` dataclass.
Public API: :class:`Store`, :class:`ImportResult`, the errors, and :func:`restore_backup`.
"""

from stance_reader.store.backups import restore_backup
from stance_reader.store.errors import CorruptDatabaseError, NotFoundError, StoreError
from stance_reader.store.migrations import LATEST_VERSION
from stance_reader.store.search import clean_tags
from stance_reader.store.store import ImportResult, Store

__all__ = [
    "LATEST_VERSION",
    "CorruptDatabaseError",
    "ImportResult",
    "NotFoundError",
    "Store",
    "StoreError",
    "clean_tags",
    "restore_backup",
]
