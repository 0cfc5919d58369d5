"""Opening the database behind a :class:`~stance_reader.store.Store`: SQLite file or PostgreSQL URL.

SQLite: one connection per thread (peewee's thread-local state), WAL so the GUI thread can read
while the lane thread writes, foreign keys on, ``busy_timeout`` so a second instance waits for a
lock instead of failing, ``BEGIN IMMEDIATE`` for every transaction so two writers never deadlock on
a lock upgrade, and ``synchronous=FULL`` so a committed save survives a killed process or power cut.

A file that is not a database, or fails SQLite's quick check, is moved aside (never overwritten)
to ``<name>.corrupt-<timestamp>`` together with its ``-wal``/``-shm`` companions.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from peewee import Database, PostgresqlDatabase, SqliteDatabase
from playhouse.db_url import parse as parse_url

from stance_reader.store.errors import StoreError

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 15_000
PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": BUSY_TIMEOUT_MS,
    "synchronous": "full",
    "cache_size": -32_000,  # KiB: 32 MB page cache per connection
    "temp_store": "memory",
}


class _Tracked:
    """Remembers every connection a database opens, in any thread, so ``close_all`` can close them
    all when the store closes (peewee's ``close()`` only sees the calling thread's connection)."""

    _open_lock: threading.Lock
    _open: list[Any]

    def _track(self, conn: Any) -> Any:
        with self._open_lock:
            self._open.append(conn)
        return conn

    def close_all(self) -> None:
        with self._open_lock:
            conns, self._open = self._open, []
        for conn in conns:
            # Already closed, or its thread is gone: nothing left to free.
            with contextlib.suppress(Exception):
                conn.close()


class StoreSqliteDatabase(_Tracked, SqliteDatabase):
    def __init__(self, path: str) -> None:
        self._open_lock = threading.Lock()
        self._open = []
        # check_same_thread=False only so close_all may close other threads' connections at exit;
        # peewee still gives each thread its own connection.
        super().__init__(
            None,
            autoconnect=False,
            lock_type="IMMEDIATE",
            pragmas=PRAGMAS,
        )
        self.init(path, pragmas=PRAGMAS, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)

    def _connect(self) -> Any:
        return self._track(super()._connect())


class StorePostgresDatabase(_Tracked, PostgresqlDatabase):
    def __init__(self, **params: Any) -> None:
        self._open_lock = threading.Lock()
        self._open = []
        super().__init__(params.pop("database"), autoconnect=False, **params)

    def _connect(self) -> Any:
        return self._track(super()._connect())


def sqlite_path(db: str) -> Path | None:
    """The file behind ``db`` when it names SQLite (plain path or ``sqlite:///...``), else None."""
    scheme = urlparse(db).scheme if "://" in db else ""
    if not scheme:
        return Path(db).expanduser()
    if scheme == "sqlite":
        return Path(parse_url(db)["database"]).expanduser()
    return None


def open_database(db: str) -> Database:
    """A not-yet-connected peewee database for a path or URL."""
    path = sqlite_path(db)
    if path is not None:
        if str(path) in ("", ":memory:"):
            raise StoreError("an in-memory database cannot be shared between threads; give a file path")
        return StoreSqliteDatabase(str(path))
    scheme = urlparse(db).scheme
    if scheme in ("postgres", "postgresql", "postgresext", "postgresqlext"):
        params = parse_url(db)
        if not params.get("database"):
            raise StoreError(f"the database URL {redact(db)} names no database")
        return StorePostgresDatabase(**params)
    raise StoreError(f"unsupported database {redact(db)}: give a file path, sqlite:/// or postgresql:// URL")


def redact(url: str) -> str:
    """The URL without its password, for messages and logs."""
    parts = urlparse(url)
    if parts.password:
        return url.replace(f":{parts.password}@", ":***@", 1)
    return url


def damage(path: Path) -> str | None:
    """Why ``path`` is not a usable SQLite database (a short reason), or None when it looks sound.

    Reads the header, then runs ``PRAGMA quick_check`` on its own connection (O(pages), no index
    cross-checks: ~0.1 s per 100 MB). A missing or empty file is fine: it becomes a new database.
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    with path.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            return "not an SQLite database"
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    finally:
        conn.close()
    if rows != [("ok",)]:
        return f"quick check failed: {rows[0][0]}"
    return None


def aside_name(path: Path, label: str) -> Path:
    """A free ``<name>.<label>-<timestamp>[-n]`` beside ``path``."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{label}-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.{label}-{stamp}-{n}")
    return target


def move_aside(path: Path, label: str = "corrupt") -> Path | None:
    """Rename ``path`` (and its -wal/-shm files) to ``<name>.<label>-<timestamp>``; never overwrites.

    ``corrupt`` marks a damaged file; ``set-aside`` a sound one replaced by the analyst's choice."""
    target = aside_name(path, label)
    try:
        path.rename(target)
    except OSError:
        return None
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            # The main file is aside already; a stray -shm is rebuilt by SQLite.
            with contextlib.suppress(OSError):
                companion.rename(target.with_name(target.name + suffix))
    return target


def moved_aside(path: Path, label: str = "corrupt") -> list[Path]:
    """Files ``move_aside`` made from ``path`` with ``label``, oldest first (their -wal/-shm left out)."""
    found = [p for p in path.parent.glob(f"{path.name}.{label}-*") if not p.name.endswith(("-wal", "-shm"))]
    return sorted(found, key=lambda p: p.name)  # the timestamp in the name orders them


def check_writable(path: Path) -> None:
    """Clear messages for the folder or file problems SQLite would report as "unable to open"."""
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file")
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create the folder {folder} for the database: {exc.strerror}") from exc
    if path.exists():
        try:
            with path.open("r+b"):
                pass
        except OSError as exc:
            raise StoreError(f"cannot open the database {path}: {exc.strerror}") from exc
