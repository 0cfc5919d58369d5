"""The highlights store: documents, cached analyses, saved highlights and tags, behind ``core`` types.

:class:`Store` is the repository the rest of the app calls. It takes and returns frozen ``core``
dataclasses (``Article``, ``StoredDocument``, ``Analysis``, ``Highlight``), never peewee rows. Its
methods over corrections and the speaker ledger are in ``store_ledger.py`` (a mixin).

Threads: every public method may be called from any thread. peewee keeps one connection per thread
(opened on first use, all closed by :meth:`Store.close`); SQLite runs in WAL mode, so the GUI
thread's short reads never wait for the analysis lane's writes. Every write is one transaction
(``BEGIN IMMEDIATE`` on SQLite), so a killed process loses at most the save in flight, and a second
instance on the same file waits (``busy_timeout``) rather than failing or corrupting it.

Offsets are code points into ``Article.text``, end exclusive. Timestamps come back as aware UTC.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path

import peewee
from peewee import SqliteDatabase

from stance_reader import paths
from stance_reader.core.models import Analysis, Article, Highlight, StoredDocument
from stance_reader.store import backups
from stance_reader.store.connection import (
    check_writable,
    damage,
    move_aside,
    open_database,
    redact,
    sqlite_path,
)
from stance_reader.store.errors import CorruptDatabaseError, StoreError
from stance_reader.store.migrations import LATEST_VERSION, apply_migrations, current_version
from stance_reader.store.repositories.analyses import AnalysisRepository
from stance_reader.store.repositories.base import StoreCore, connected, is_corruption
from stance_reader.store.repositories.corrections import CorrectionRepository
from stance_reader.store.repositories.documents import DocumentRepository, ImportResult
from stance_reader.store.repositories.highlights import HighlightRepository
from stance_reader.store.repositories.library import LibrarySearch
from stance_reader.store.repositories.speakers import SpeakerRepository
from stance_reader.store.store_ledger import CorrectionsAndLedger
from stance_reader.store.tables import build_tables

OPEN_RETRY_SECONDS = 10.0  # how long a second instance waits out another one opening the same file

__all__ = ["ImportResult", "Store"]


class Store(CorrectionsAndLedger):
    """Documents, cached analyses and highlights in one SQLite file or PostgreSQL database: the facade
    over one repository per aggregate (``documents``, ``analyses``, ``highlights``, ``library`` search,
    ``corrections``, ``speakers``), which owns opening, migrating, backing up and closing.

    ``db`` is a file path, ``sqlite:///path`` or ``postgresql://user:pass@host:port/name``. Opening
    checks the file, moves a damaged one aside (raising :class:`CorruptDatabaseError`), backs up and
    migrates an old schema, and takes the daily backup, if due, on opening an existing file and again
    on :meth:`close` (SQLite only; ``auto_backup=False`` skips both). ``move_damaged=False`` (read-only
    commands such as export) leaves a damaged file where it is and only raises.
    """

    def __init__(
        self,
        db: str,
        *,
        backups_dir: Path | None = None,
        auto_backup: bool = True,
        move_damaged: bool = True,
    ) -> None:
        self.url = str(db)
        self.path: Path | None = sqlite_path(self.url)
        self._backups_dir = backups_dir
        self._auto_backup = auto_backup
        self._move_damaged = move_damaged
        existed = self.path is not None and self.path.exists() and self.path.stat().st_size > 0
        if self.path is not None:
            self._check_file(self.path)
        self._db = open_database(self.url)
        self._sqlite = isinstance(self._db, SqliteDatabase)
        self._t = build_tables(self._db)
        self.core = StoreCore(self._db, self._t, self._sqlite, self.path, self.latest_backup)
        self.highlights = HighlightRepository(self.core)
        self.documents = DocumentRepository(self.core, self.highlights)
        self.analyses = AnalysisRepository(self.core)
        self.library = LibrarySearch(self.core, self.documents, self.highlights)
        self.corrections = CorrectionRepository(self.core)
        self.speakers = SpeakerRepository(self.core)
        try:
            self._connect_and_migrate()
        except StoreError:  # a newer schema, or no backup could be taken before migrating
            self._db.close_all()
            raise
        except peewee.DatabaseError as exc:
            self._db.close_all()
            if self.path is not None and is_corruption(exc):
                raise self._damaged(self.path, str(exc)) from exc
            raise StoreError(f"cannot open the database {redact(self.url)}: {exc}") from exc
        self.backup_error = ""  # why the last automatic backup failed, for the window to show
        if auto_backup and existed:  # a brand-new file holds nothing worth a copy yet
            self._auto_backup_now()

    # --- lifecycle ------------------------------------------------------------------------------------

    def _check_file(self, path: Path) -> None:
        check_writable(path)
        try:
            reason = damage(path)
        except sqlite3.OperationalError as exc:  # locked or unreadable: not damage, never moved
            raise StoreError(f"cannot read the database {path}: {exc}") from exc
        if reason:
            raise self._damaged(path, reason)

    def _damaged(self, path: Path, reason: str) -> CorruptDatabaseError:
        """The error for a damaged file, moved aside first unless this store was opened read-only."""
        moved = move_aside(path) if self._move_damaged else None
        return CorruptDatabaseError(path, reason, moved, self.latest_backup(), left_in_place=moved is None)

    def _connect_and_migrate(self) -> None:
        """Connect and migrate, retrying while another instance holds the file during its own opening.

        SQLite answers "database is locked" without waiting on its busy handler when two connections
        switch a fresh file to WAL or upgrade a read lock at once (a deadlock it refuses to wait out),
        so a second app opening the same new store retries for a few seconds instead of failing.
        """
        deadline = time.monotonic() + OPEN_RETRY_SECONDS
        delay = 0.05
        while True:
            try:
                self._db.connect(reuse_if_open=True)
                self._migrate()
                return
            except peewee.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                self._db.close_all()
                time.sleep(delay)
                delay = min(delay * 2, 0.5)

    def _migrate(self) -> None:
        """Upgrade an old schema, never without a backup of the file as it was (StoreError if none
        can be taken: the old file stays untouched and usable by the older app)."""
        version = current_version(self._db)
        if 0 < version < LATEST_VERSION and self._sqlite:
            self.backup(force=True, reason=f"before-v{LATEST_VERSION}")
        apply_migrations(self._db)

    @property
    def schema_version(self) -> int:
        self._db.connect(reuse_if_open=True)
        return current_version(self._db)

    @property
    def is_sqlite(self) -> bool:
        return self._sqlite

    def close(self) -> None:
        """Close every thread's connection. Call once the lane is idle; the store is unusable after."""
        if self.core.closed:
            return
        if self._auto_backup:  # the day's work, if no copy was taken in the last 24 hours
            self._auto_backup_now()
        self.core.closed = True
        if self._sqlite and not self._db.is_closed():
            # Refresh the planner's statistics (cheap, SQLite's advice for closing), then fold the
            # WAL back into the file so a copied database is complete on its own.
            with contextlib.suppress(peewee.DatabaseError):
                self._db.execute_sql("PRAGMA optimize")
                self._db.execute_sql("PRAGMA wal_checkpoint(PASSIVE)")
        self._db.close_all()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({redact(self.url)!r})"

    # --- backups --------------------------------------------------------------------------------------

    def backups_dir(self) -> Path:
        return self._backups_dir or paths.backups_dir()

    def latest_backup(self) -> Path | None:
        if self.path is None:
            return None
        folder = self.backups_dir()
        return backups.latest_backup(self.path, folder) if folder.is_dir() else None

    def _auto_backup_now(self) -> None:
        """The daily backup; a failure (full disk, read-only folder) must not stop the analyst from
        working, so it is recorded in ``backup_error`` instead of raised."""
        try:
            self.backup()
            self.backup_error = ""
        except StoreError as exc:
            self.backup_error = str(exc)

    def backup(self, force: bool = False, reason: str = "") -> Path | None:
        """Copy the database with SQLite's backup API into the backups folder, rotating old copies.

        At most one regular backup a day unless ``force``; returns the new file, or None when none
        was due (or on PostgreSQL, whose server has its own backup tools).
        """
        if not self._sqlite or self.path is None or self.core.closed:
            return None
        folder = self.backups_dir()
        if not force and not backups.due(self.path, folder):
            return None
        self._db.connect(reuse_if_open=True)
        try:
            return backups.write_backup(self._db.connection(), self.path, folder, reason)
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"backup into {folder} failed: {exc}") from exc

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Several facade writes as one transaction, all or none (an import of a whole project): each
        call's own transaction nests inside it as a savepoint."""
        if self.core.closed:
            raise StoreError("the store is closed")
        try:
            self._db.connect(reuse_if_open=True)
            with self._db.atomic():
                yield
        except peewee.DatabaseError as exc:  # the commit itself (the calls inside raise StoreError)
            raise StoreError(f"database error: {exc}") from exc

    # --- documents ------------------------------------------------------------------------------------

    def add_document(self, article: Article) -> StoredDocument:
        """Store ``article`` (idempotent by content hash). A changed file already imported from the
        same ``source_path`` is a re-import: its text is replaced and its highlights re-anchored."""
        return self.documents.import_document(article).document

    def import_document(self, article: Article) -> ImportResult:
        """:meth:`add_document` with a report of what happened to the highlights."""
        return self.documents.import_document(article)

    def get_document(self, doc_id: int) -> StoredDocument:
        return self.documents.get(doc_id)

    def find_document(self, content_hash: str) -> StoredDocument | None:
        return self.documents.find(content_hash)

    def find_document_by_path(self, source_path: str) -> StoredDocument | None:
        return self.documents.find_by_path(source_path)

    def list_documents(self) -> list[StoredDocument]:
        """Every document with its full text, newest first (mind the memory for huge libraries)."""
        return self.documents.list_all()

    def count_documents(self) -> int:
        return self.documents.count()

    def delete_document(self, doc_id: int) -> None:
        """Remove a document with its highlights (foreign-key cascade). Cached analyses stay: they are
        keyed by text, and the same text re-imported reuses them."""
        self.documents.delete(doc_id)

    def search_documents(self, query: str, limit: int | None = 50) -> list[StoredDocument]:
        """Documents whose title, outlet or text match ``query`` (best match first on SQLite)."""
        return self.documents.search(query, limit)

    # --- analysis cache -------------------------------------------------------------------------------

    def cached_analysis(self, content_hash: str, pipeline: str) -> Analysis | None:
        return self.analyses.cached(content_hash, pipeline)

    def latest_analysis(self, content_hash: str) -> Analysis | None:
        """The newest cached analysis of ``content_hash`` under any pipeline version (for export,
        which must not load spaCy just to learn the version), or None."""
        return self.analyses.latest(content_hash)

    def save_analysis(self, content_hash: str, pipeline: str, analysis: Analysis) -> None:
        self.analyses.save(content_hash, pipeline, analysis)

    # --- highlights -----------------------------------------------------------------------------------

    def add_highlight(self, h: Highlight) -> Highlight:
        """Save ``h``; returns it with ``id``, ``created``, ``updated`` and tags as stored.

        An ``id`` already set means "restore this deleted highlight under its old id" (undo uses it);
        ids are never reused, so that id is free unless the highlight still exists (StoreError).
        """
        return self.highlights.add(h)

    def add_highlights(self, highlights: Sequence[Highlight]) -> list[Highlight]:
        """Save several highlights in one transaction: all or none."""
        return self.highlights.add_many(highlights)

    def update_highlight(self, h: Highlight) -> Highlight:
        """Write every field of ``h`` (matched by ``h.id``); ``created`` is kept, ``updated`` set now."""
        return self.highlights.update(h)

    def delete_highlight(self, highlight_id: int) -> None:
        self.highlights.delete(highlight_id)

    def delete_highlights(self, ids: Sequence[int]) -> int:
        """Delete several highlights in one transaction; returns how many existed."""
        return self.highlights.delete_many(ids)

    def get_highlight(self, highlight_id: int) -> Highlight:
        return self.highlights.get(highlight_id)

    def highlights_for(self, document_id: int) -> list[Highlight]:
        """A document's highlights, orphaned ones included, in reading order."""
        return self.highlights.for_document(document_id)

    def find_highlight(self, document_id: int, start: int, end: int, kind: str) -> Highlight | None:
        """The attached highlight over exactly ``[start, end)`` with ``kind``, or None ("already saved?")."""
        return self.highlights.find(document_id, start, end, kind)

    def changed_outside(self) -> list[int]:
        """Ids of highlights whose quote or note no longer matches the stamp this app wrote."""
        return self.highlights.changed_outside()

    def accept_changes(self, ids: Sequence[int]) -> int:
        """Take the current text of highlights ``ids`` as intended (re-stamp them); returns how many."""
        return self.highlights.accept_changes(ids)

    # --- search ---------------------------------------------------------------------------------------

    def search_highlights(
        self,
        query: str = "",
        *,
        kinds: Iterable[str] = (),
        speakers: Iterable[str] = (),
        tags: Iterable[str] = (),
        outlet: str | None = None,
        date_from: str | date | None = None,
        date_to: str | date | None = None,
        document_id: int | None = None,
        orphaned: bool | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[tuple[Highlight, StoredDocument]]:
        """Highlights across the library with their documents.

        ``query``: every word (or "quoted phrase"; the last letters may be a prefix) must match the
        highlight itself (quote, note, speaker, tags) -- those come first -- or else its article
        (title, outlet, text). Filters combine with AND; within one filter any value matches
        (``kinds=("hedge", "commitment")``); ``outlet`` ignores case.
        Dates are ``YYYY-MM-DD`` strings or ``date``s compared with the article's printed date;
        articles whose date cannot be read drop out of a date-filtered search. Order within each
        tier: newest document first, then reading order. ``limit``/``offset`` page through results.
        """
        return self.library.search_highlights(
            query, kinds=kinds, speakers=speakers, tags=tags, outlet=outlet, date_from=date_from,
            date_to=date_to, document_id=document_id, orphaned=orphaned, limit=limit, offset=offset,
        )  # fmt: skip

    def count_highlights(
        self,
        query: str = "",
        *,
        kinds: Iterable[str] = (),
        speakers: Iterable[str] = (),
        tags: Iterable[str] = (),
        outlet: str | None = None,
        date_from: str | date | None = None,
        date_to: str | date | None = None,
        document_id: int | None = None,
        orphaned: bool | None = None,
    ) -> int:
        """How many highlights :meth:`search_highlights` would return without a limit."""
        return self.library.count_highlights(
            query, kinds=kinds, speakers=speakers, tags=tags, outlet=outlet, date_from=date_from,
            date_to=date_to, document_id=document_id, orphaned=orphaned,
        )  # fmt: skip

    def all_tags(self) -> list[str]:
        """Tags used by at least one highlight, alphabetical (case-insensitive)."""
        return self.library.all_tags()

    def all_speakers(self) -> list[str]:
        """Speakers of saved highlights, alphabetical."""
        return self.library.all_speakers()

    def all_outlets(self) -> list[str]:
        """Outlets of documents that have highlights, alphabetical (for the outlet filter)."""
        return self.library.all_outlets()

    @connected
    def integrity_check(self) -> str:
        """SQLite's full ``PRAGMA integrity_check`` ("ok" when sound); "ok" on PostgreSQL."""
        if not self._sqlite:
            return "ok"
        rows = self._db.execute_sql("PRAGMA integrity_check").fetchall()
        return "\n".join(str(r[0]) for r in rows)
