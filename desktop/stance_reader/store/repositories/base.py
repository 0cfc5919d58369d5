"""What every repository shares: the open database and its tables (:class:`StoreCore`), the
:func:`connected` guard that opens this thread's connection and turns driver errors into store errors,
and the time and chunking helpers."""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, Protocol, TypeVar

import peewee

from stance_reader.store.errors import CorruptDatabaseError, StoreError

P = ParamSpec("P")
R = TypeVar("R")
CHUNK = 500  # ids per IN (...) list: far below SQLite's and PostgreSQL's parameter limits


@dataclass(slots=True)
class StoreCore:
    """The one open database behind a :class:`~stance_reader.store.Store` and all its repositories."""

    db: Any  # peewee Database (SqliteDatabase / PostgresqlDatabase subclass)
    tables: Any  # store.tables.Tables: the Row classes bound to ``db``
    sqlite: bool
    path: Path | None
    latest_backup: Callable[[], Path | None]
    closed: bool = field(default=False)


class HasCore(Protocol):
    core: StoreCore


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def aware(moment: datetime | str | None) -> datetime | None:
    if moment is None:
        return None
    if isinstance(moment, str):  # SQLite hands back text if a value was written by other code
        moment = datetime.fromisoformat(moment)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def naive(moment: datetime | None) -> datetime | None:
    if moment is None or moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def chunks(items: Sequence[int]) -> Iterable[Sequence[int]]:
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]


def is_corruption(exc: BaseException) -> bool:
    """SQLite reports a damaged file as a bare DatabaseError (SQLITE_CORRUPT / SQLITE_NOTADB);
    locks, full disks and permissions are OperationalErrors and must never move a file aside.
    peewee re-raises driver errors as its own classes, carrying the original in ``args``."""
    originals = [exc, exc.__cause__, exc.__context__, *(a for a in exc.args if isinstance(a, BaseException))]
    if any(type(original) is sqlite3.DatabaseError for original in originals):
        return True
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text


H = TypeVar("H", bound=HasCore)


def connected(method: Callable[Concatenate[H, P], R]) -> Callable[Concatenate[H, P], R]:
    """Open this thread's connection if needed; turn driver errors into :class:`StoreError`."""

    @functools.wraps(method)
    def wrapper(self: H, *args: P.args, **kwargs: P.kwargs) -> R:
        core = self.core
        if core.closed:
            raise StoreError("the store is closed")
        try:
            core.db.connect(reuse_if_open=True)
            return method(self, *args, **kwargs)
        except peewee.IntegrityError as exc:
            raise StoreError(f"the database refused the change: {exc}") from exc
        except peewee.DatabaseError as exc:
            if core.path is not None and is_corruption(exc):
                raise CorruptDatabaseError(core.path, str(exc), None, core.latest_backup()) from exc
            raise StoreError(f"database error: {exc}") from exc

    return wrapper
