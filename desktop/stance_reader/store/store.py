"""The highlights store: documents, cached analyses, saved highlights and tags, behind ``core`` types.

:class:`Store` is the repository the rest of the app calls. It takes and returns frozen ``core``
dataclasses (``Article``, ``StoredDocument``, ``Analysis``, ``Highlight``), never peewee rows.

Threads: every public method may be called from any thread. peewee keeps one connection per thread
(opened on first use, all closed by :meth:`Store.close`); SQLite runs in WAL mode, so the GUI
thread's short reads never wait for the analysis lane's writes. Every write is one transaction
(``BEGIN IMMEDIATE`` on SQLite), so a killed process loses at most the save in flight, and a second
instance on the same file waits (``busy_timeout``) rather than failing or corrupting it.

Offsets are code points into ``Article.text``, end exclusive. Timestamps come back as aware UTC.
"""

from __future__ import annotations

import contextlib
import functools
import json
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

import peewee
from peewee import SqliteDatabase, fn

from stance_reader import paths
from stance_reader.core.corrections import Correction
from stance_reader.core.models import Analysis, Article, Highlight, HighlightKind, StoredDocument
from stance_reader.store import backups
from stance_reader.store import corrections as _corrections
from stance_reader.store.anchoring import Anchor, reanchor
from stance_reader.store.checksums import highlight_checksum, mismatched
from stance_reader.store.connection import (
    check_writable,
    damage,
    move_aside,
    open_database,
    redact,
    sqlite_path,
)
from stance_reader.store.dates import iso_day
from stance_reader.store.errors import CorruptDatabaseError, NotFoundError, StoreError
from stance_reader.store.migrations import LATEST_VERSION, apply_migrations, current_version
from stance_reader.store.querying import Filters, HighlightQuery
from stance_reader.store.search import clean_tags, fts5_query, terms
from stance_reader.store.tables import build_tables

P = ParamSpec("P")
R = TypeVar("R")
OPEN_RETRY_SECONDS = 10.0  # how long a second instance waits out another one opening the same file
_CHUNK = 500  # ids per IN (...) list: far below SQLite's and PostgreSQL's parameter limits


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What :meth:`Store.import_document` did: a new document, the same one again, or a re-import of
    a changed file whose highlights were re-attached (``exact``/``fuzzy``) or ``orphaned``."""

    document: StoredDocument
    created: bool = False
    reimported: bool = False
    exact: int = 0
    fuzzy: int = 0
    orphaned: int = 0


def _utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _aware(moment: datetime | str | None) -> datetime | None:
    if moment is None:
        return None
    if isinstance(moment, str):  # SQLite hands back text if a value was written by other code
        moment = datetime.fromisoformat(moment)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _naive(moment: datetime | None) -> datetime | None:
    if moment is None or moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def _chunks(items: Sequence[int]) -> Iterable[Sequence[int]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


def _is_corruption(exc: BaseException) -> bool:
    """SQLite reports a damaged file as a bare DatabaseError (SQLITE_CORRUPT / SQLITE_NOTADB);
    locks, full disks and permissions are OperationalErrors and must never move a file aside.
    peewee re-raises driver errors as its own classes, carrying the original in ``args``."""
    originals = [exc, exc.__cause__, exc.__context__, *(a for a in exc.args if isinstance(a, BaseException))]
    if any(type(original) is sqlite3.DatabaseError for original in originals):
        return True
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text


def _connected(method: Callable[Concatenate[Store, P], R]) -> Callable[Concatenate[Store, P], R]:
    """Open this thread's connection if needed; turn driver errors into :class:`StoreError`."""

    @functools.wraps(method)
    def wrapper(self: Store, *args: P.args, **kwargs: P.kwargs) -> R:
        if self._closed:
            raise StoreError("the store is closed")
        try:
            self._db.connect(reuse_if_open=True)
            return method(self, *args, **kwargs)
        except peewee.IntegrityError as exc:
            raise StoreError(f"the database refused the change: {exc}") from exc
        except peewee.DatabaseError as exc:
            if self.path is not None and _is_corruption(exc):
                raise CorruptDatabaseError(self.path, str(exc), None, self.latest_backup()) from exc
            raise StoreError(f"database error: {exc}") from exc

    return wrapper


class Store:
    """Documents, cached analyses and highlights in one SQLite file or PostgreSQL database.

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
        self._closed = False
        self._auto_backup = auto_backup
        self._move_damaged = move_damaged
        existed = self.path is not None and self.path.exists() and self.path.stat().st_size > 0
        if self.path is not None:
            self._check_file(self.path)
        self._db = open_database(self.url)
        self._sqlite = isinstance(self._db, SqliteDatabase)
        self._t = build_tables(self._db)
        try:
            self._connect_and_migrate()
        except StoreError:  # a newer schema, or no backup could be taken before migrating
            self._db.close_all()
            raise
        except peewee.DatabaseError as exc:
            self._db.close_all()
            if self.path is not None and _is_corruption(exc):
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
        if self._closed:
            return
        if self._auto_backup:  # the day's work, if no copy was taken in the last 24 hours
            self._auto_backup_now()
        self._closed = True
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
        if not self._sqlite or self.path is None or self._closed:
            return None
        folder = self.backups_dir()
        if not force and not backups.due(self.path, folder):
            return None
        self._db.connect(reuse_if_open=True)
        try:
            return backups.write_backup(self._db.connection(), self.path, folder, reason)
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"backup into {folder} failed: {exc}") from exc

    # --- documents ------------------------------------------------------------------------------------

    def _document(self, row: Any) -> StoredDocument:
        article = Article(
            text=row.text,
            title=row.title,
            outlet=row.outlet,
            date=row.date,
            author=row.author,
            section=row.section,
            url=row.url,
            source_path=row.source_path,
            source_format=row.source_format,
            notices=tuple(json.loads(row.notices or "[]")),
        )
        return StoredDocument(
            id=row.id, article=article, content_hash=row.content_hash, created=_aware(row.created)
        )

    @staticmethod
    def _document_fields(article: Article) -> dict[str, Any]:
        return {
            "content_hash": article.content_hash,
            "text": article.text,
            "title": article.title,
            "outlet": article.outlet,
            "date": article.date,
            "date_iso": iso_day(article.date),
            "author": article.author,
            "section": article.section,
            "url": article.url,
            "source_path": article.source_path,
            "source_format": article.source_format,
            "notices": json.dumps(list(article.notices), ensure_ascii=False),
        }

    def add_document(self, article: Article) -> StoredDocument:
        """Store ``article`` (idempotent by content hash). A changed file already imported from the
        same ``source_path`` is a re-import: its text is replaced and its highlights re-anchored."""
        return self.import_document(article).document

    @_connected
    def import_document(self, article: Article) -> ImportResult:
        """:meth:`add_document` with a report of what happened to the highlights."""
        D = self._t.DocumentRow
        with self._db.atomic():
            same = D.get_or_none(D.content_hash == article.content_hash)
            if same is not None:
                return ImportResult(self._document(same))
            previous = None
            if article.source_path:
                previous = (
                    D.select().where(D.source_path == article.source_path).order_by(D.id.desc()).first()
                )
            now = _utcnow()
            if previous is None:
                row = D.create(**self._document_fields(article), created=now, updated=now)
                return ImportResult(self._document(row), created=True)
            counts = self._reanchor_all(previous.id, previous.text, article.text, now)
            D.update(**self._document_fields(article), updated=now).where(D.id == previous.id).execute()
            return ImportResult(self._document(D.get_by_id(previous.id)), reimported=True, **counts)

    def _reanchor_all(self, doc_id: int, old_text: str, new_text: str, now: datetime) -> dict[str, int]:
        H = self._t.HighlightRow
        counts = {"exact": 0, "fuzzy": 0, "orphaned": 0}
        for row in H.select().where(H.document == doc_id):
            anchor = reanchor(new_text, row.quote, row.prefix, row.suffix, row.start, len(old_text))
            changes = self._anchor_changes(row, anchor, new_text)
            counts["orphaned" if anchor is None else anchor.method] += 1
            if changes:
                H.update(**changes, updated=now).where(H.id == row.id).execute()
        return counts

    @staticmethod
    def _anchor_changes(row: Any, anchor: Anchor | None, text: str) -> dict[str, Any]:
        """Column updates for one highlight after a re-import; the saved quote and note are kept for
        orphans (the analyst must still see what they saved) and a fuzzy move records the old quote."""
        if anchor is None:
            return {} if row.orphaned else {"orphaned": True}
        fresh = Highlight.from_span(text, anchor.start, anchor.end, document_id=row.document_id)
        changes: dict[str, Any] = {
            "start": fresh.start,
            "end": fresh.end,
            "quote": fresh.quote,
            "prefix": fresh.prefix,
            "suffix": fresh.suffix,
            "orphaned": False,
        }
        if fresh.quote != row.quote:  # our own edit: keep the stamp true
            changes["checksum"] = highlight_checksum(fresh.quote, row.note)
        if anchor.method == "fuzzy" and fresh.quote != row.quote:
            extra = json.loads(row.extra or "{}")
            extra["reanchored"] = {
                "method": "fuzzy",
                "score": round(anchor.score, 1),
                "previous_quote": row.quote,
            }
            changes["extra"] = json.dumps(extra, ensure_ascii=False)
        current = {k: getattr(row, k) for k in changes}
        return {} if current == changes else changes

    @_connected
    def get_document(self, doc_id: int) -> StoredDocument:
        row = self._t.DocumentRow.get_or_none(self._t.DocumentRow.id == doc_id)
        if row is None:
            raise NotFoundError(f"no document with id {doc_id}")
        return self._document(row)

    @_connected
    def find_document(self, content_hash: str) -> StoredDocument | None:
        D = self._t.DocumentRow
        row = D.get_or_none(D.content_hash == content_hash)
        return self._document(row) if row is not None else None

    @_connected
    def find_document_by_path(self, source_path: str) -> StoredDocument | None:
        D = self._t.DocumentRow
        row = D.select().where(D.source_path == source_path).order_by(D.id.desc()).first()
        return self._document(row) if row is not None else None

    @_connected
    def list_documents(self) -> list[StoredDocument]:
        """Every document with its full text, newest first (mind the memory for huge libraries)."""
        D = self._t.DocumentRow
        return [self._document(row) for row in D.select().order_by(D.id.desc())]

    @_connected
    def count_documents(self) -> int:
        return int(self._t.DocumentRow.select().count())

    @_connected
    def delete_document(self, doc_id: int) -> None:
        """Remove a document with its highlights (foreign-key cascade). Cached analyses stay: they are
        keyed by text, and the same text re-imported reuses them."""
        D = self._t.DocumentRow
        with self._db.atomic():
            if D.delete().where(D.id == doc_id).execute() == 0:
                raise NotFoundError(f"no document with id {doc_id}")

    # --- analysis cache -------------------------------------------------------------------------------

    @_connected
    def cached_analysis(self, content_hash: str, pipeline: str) -> Analysis | None:
        A = self._t.AnalysisRow
        row = A.get_or_none((A.content_hash == content_hash) & (A.pipeline == pipeline))
        return Analysis.from_dict(json.loads(row.data)) if row is not None else None

    @_connected
    def latest_analysis(self, content_hash: str) -> Analysis | None:
        """The newest cached analysis of ``content_hash`` under any pipeline version (for export,
        which must not load spaCy just to learn the version), or None."""
        A = self._t.AnalysisRow
        row = A.select().where(A.content_hash == content_hash).order_by(A.created.desc(), A.id.desc()).first()
        return Analysis.from_dict(json.loads(row.data)) if row is not None else None

    @_connected
    def save_analysis(self, content_hash: str, pipeline: str, analysis: Analysis) -> None:
        A = self._t.AnalysisRow
        data = json.dumps(analysis.to_dict(), ensure_ascii=False, separators=(",", ":"))
        with self._db.atomic():
            (
                A.insert(content_hash=content_hash, pipeline=pipeline, data=data, created=_utcnow())
                .on_conflict(conflict_target=[A.content_hash, A.pipeline], preserve=[A.data, A.created])
                .execute()
            )

    # --- highlights -----------------------------------------------------------------------------------

    def _highlight(self, row: Any, tags: Sequence[str] = ()) -> Highlight:
        return Highlight(
            document_id=row.document_id,
            start=row.start,
            end=row.end,
            quote=row.quote,
            prefix=row.prefix,
            suffix=row.suffix,
            kind=HighlightKind(row.kind),
            speaker=row.speaker,
            colour=row.colour,
            note=row.note,
            tags=tuple(tags),
            origin=row.origin,
            rule=row.rule,
            id=row.id,
            created=_aware(row.created),
            updated=_aware(row.updated),
            orphaned=bool(row.orphaned),
            extra=json.loads(row.extra or "{}"),
        )

    def _tags_of(self, ids: Sequence[int]) -> dict[int, list[str]]:
        HT, T = self._t.HighlightTagRow, self._t.TagRow
        found: dict[int, list[str]] = {}
        for chunk in _chunks(list(ids)):
            query = (
                HT.select(HT.highlight_id, T.name)
                .join(T)
                .where(HT.highlight_id.in_(list(chunk)))
                .order_by(HT.highlight_id, HT.position)
                .tuples()
            )
            for hid, name in query:
                found.setdefault(hid, []).append(name)
        return found

    def _highlights(self, rows: Sequence[Any]) -> list[Highlight]:
        tags = self._tags_of([r.id for r in rows])
        return [self._highlight(r, tags.get(r.id, ())) for r in rows]

    def _highlight_fields(self, h: Highlight) -> dict[str, Any]:
        if h.document_id is None:
            raise StoreError("a highlight needs a document_id before it can be saved")
        if not 0 <= h.start <= h.end:
            raise StoreError(f"bad highlight span {h.start}..{h.end}")
        return {
            "document": h.document_id,
            "start": h.start,
            "end": h.end,
            "quote": h.quote,
            "prefix": h.prefix,
            "suffix": h.suffix,
            "kind": str(HighlightKind(str(h.kind))),
            "speaker": h.speaker or None,
            "colour": h.colour,
            "note": h.note,
            "origin": h.origin or "manual",
            "rule": h.rule,
            "orphaned": bool(h.orphaned),
            "extra": json.dumps(h.extra or {}, ensure_ascii=False, default=str),
            "checksum": highlight_checksum(h.quote, h.note),
        }

    def _set_tags(self, highlight_id: int, tags: Iterable[str]) -> tuple[str, ...]:
        """Replace a highlight's tags (inside the caller's transaction); returns the stored spellings."""
        HT, T = self._t.HighlightTagRow, self._t.TagRow
        HT.delete().where(HT.highlight == highlight_id).execute()
        stored = []
        for position, name in enumerate(clean_tags(tags)):
            tag = T.get_or_none(T.key == name.casefold())
            if tag is None:
                tag = T.create(name=name, key=name.casefold())
            HT.insert(highlight=highlight_id, tag=tag.id, position=position).execute()
            stored.append(tag.name)
        return tuple(stored)

    def _fill_quote(self, h: Highlight) -> Highlight:
        """A highlight saved with only a span gets its quote and context from the document."""
        if h.quote or h.start == h.end:
            return h
        text = self._t.DocumentRow.get_by_id(h.document_id).text
        made = Highlight.from_span(text, h.start, h.end, document_id=h.document_id)
        return replace(h, quote=made.quote, prefix=h.prefix or made.prefix, suffix=h.suffix or made.suffix)

    def _insert(self, h: Highlight, now: datetime) -> Highlight:
        H, D = self._t.HighlightRow, self._t.DocumentRow
        if not D.select().where(D.id == h.document_id).exists():
            raise NotFoundError(f"no document with id {h.document_id}")
        h = self._fill_quote(h)
        fields = self._highlight_fields(h)
        created = _naive(h.created) or now
        if h.id is not None:  # restoring (undo of a delete): the same id, so references stay valid
            if H.select().where(H.id == h.id).exists():
                raise StoreError(f"highlight {h.id} exists already")
            H.insert(id=h.id, **fields, created=created, updated=now).execute()
            hid = h.id
        else:
            hid = H.insert(**fields, created=created, updated=now).execute()
        tags = self._set_tags(hid, h.tags)
        return replace(h, id=hid, tags=tags, created=_aware(created), updated=_aware(now))

    @_connected
    def add_highlight(self, h: Highlight) -> Highlight:
        """Save ``h``; returns it with ``id``, ``created``, ``updated`` and tags as stored.

        An ``id`` already set means "restore this deleted highlight under its old id" (undo uses it);
        ids are never reused, so that id is free unless the highlight still exists (StoreError).
        """
        with self._db.atomic():
            return self._insert(h, _utcnow())

    @_connected
    def add_highlights(self, highlights: Sequence[Highlight]) -> list[Highlight]:
        """Save several highlights in one transaction: all or none."""
        now = _utcnow()
        with self._db.atomic():
            return [self._insert(h, now) for h in highlights]

    @_connected
    def update_highlight(self, h: Highlight) -> Highlight:
        """Write every field of ``h`` (matched by ``h.id``); ``created`` is kept, ``updated`` set now."""
        H = self._t.HighlightRow
        if h.id is None:
            raise StoreError("cannot update a highlight that was never saved (id is None)")
        now = _utcnow()
        with self._db.atomic():
            row = H.get_or_none(H.id == h.id)
            if row is None:
                raise NotFoundError(f"no highlight with id {h.id}")
            H.update(**self._highlight_fields(h), updated=now).where(H.id == h.id).execute()
            old_tags = tuple(self._tags_of([h.id]).get(h.id, ()))
            tags = old_tags if clean_tags(h.tags) == old_tags else self._set_tags(h.id, h.tags)
            return replace(h, tags=tags, created=_aware(row.created), updated=_aware(now))

    @_connected
    def delete_highlight(self, highlight_id: int) -> None:
        H = self._t.HighlightRow
        with self._db.atomic():
            if H.delete().where(H.id == highlight_id).execute() == 0:
                raise NotFoundError(f"no highlight with id {highlight_id}")

    @_connected
    def delete_highlights(self, ids: Sequence[int]) -> int:
        """Delete several highlights in one transaction; returns how many existed."""
        H = self._t.HighlightRow
        deleted = 0
        with self._db.atomic():
            for chunk in _chunks(list(ids)):
                deleted += H.delete().where(H.id.in_(list(chunk))).execute()
        return deleted

    @_connected
    def get_highlight(self, highlight_id: int) -> Highlight:
        H = self._t.HighlightRow
        row = H.get_or_none(H.id == highlight_id)
        if row is None:
            raise NotFoundError(f"no highlight with id {highlight_id}")
        return self._highlights([row])[0]

    @_connected
    def highlights_for(self, document_id: int) -> list[Highlight]:
        """A document's highlights, orphaned ones included, in reading order."""
        H = self._t.HighlightRow
        rows = list(H.select().where(H.document == document_id).order_by(H.start, H.end, H.id))
        return self._highlights(rows)

    # --- corrections (store/corrections.py holds the code; these only delegate) --------------------------

    @_connected
    def add_corrections(self, corrections: Sequence[Correction]) -> list[Correction]:
        return _corrections.add_corrections(self._db, self._t, corrections)

    @_connected
    def update_correction(self, correction: Correction) -> Correction:
        return _corrections.update_correction(self._db, self._t, correction)

    @_connected
    def update_corrections(self, corrections: Sequence[Correction]) -> int:
        return _corrections.update_corrections(self._db, self._t, corrections)

    @_connected
    def delete_corrections(self, ids: Sequence[int]) -> int:
        return _corrections.delete_corrections(self._db, self._t, ids)

    @_connected
    def get_correction(self, correction_id: int) -> Correction:
        return _corrections.get_correction(self._t, correction_id)

    @_connected
    def corrections_for(self, document_id: int) -> list[Correction]:
        return _corrections.corrections_for(self._db, document_id)

    @_connected
    def corrections_stamp(self, document_id: int) -> tuple[Any, ...]:
        return _corrections.corrections_stamp(self._db, document_id)

    @_connected
    def corrected_document_ids(self) -> list[int]:
        return _corrections.corrected_document_ids(self._t)

    @_connected
    def count_corrections(self, document_ids: Iterable[int] | None = None) -> int:
        return _corrections.count_corrections(self._t, document_ids)

    # --- search ---------------------------------------------------------------------------------------

    @_connected
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
        filters = Filters.make(
            query, kinds, speakers, tags, outlet=outlet, date_from=date_from, date_to=date_to,
            document_id=document_id, orphaned=orphaned,
        )  # fmt: skip
        rows = HighlightQuery(self._t, self._sqlite, filters).rows(limit, offset)
        docs = self._documents_by_id({r.document_id for r in rows})
        return [(h, docs[h.document_id]) for h in self._highlights(rows)]

    @_connected
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
        filters = Filters.make(
            query, kinds, speakers, tags, outlet=outlet, date_from=date_from, date_to=date_to,
            document_id=document_id, orphaned=orphaned,
        )  # fmt: skip
        return HighlightQuery(self._t, self._sqlite, filters).count()

    def _documents_by_id(self, ids: Iterable[int]) -> dict[int, StoredDocument]:
        D = self._t.DocumentRow
        found: dict[int, StoredDocument] = {}
        for chunk in _chunks(sorted(ids)):
            for row in D.select().where(D.id.in_(list(chunk))):
                found[row.id] = self._document(row)
        return found

    @_connected
    def search_documents(self, query: str, limit: int | None = 50) -> list[StoredDocument]:
        """Documents whose title, outlet or text match ``query`` (best match first on SQLite)."""
        D = self._t.DocumentRow
        if self._sqlite:
            match = fts5_query(query)
            if match is None:
                return []
            DS = self._t.DocumentSearchRow
            hits = DS.select(DS.rowid).where(DS.match(match)).order_by(DS.bm25()).limit(limit or -1).tuples()
            ids = [rowid for (rowid,) in hits]
            docs = self._documents_by_id(ids)
            return [docs[i] for i in ids if i in docs]
        words = terms(query)
        if not words:
            return []
        cond = functools.reduce(
            lambda a, b: a & b,
            [D.title.contains(w) | D.outlet.contains(w) | D.text.contains(w) for w in words],
        )
        rows = D.select().where(cond).order_by(D.id.desc())
        return [self._document(r) for r in (rows.limit(limit) if limit else rows)]

    @_connected
    def all_tags(self) -> list[str]:
        """Tags used by at least one highlight, alphabetical (case-insensitive)."""
        T, HT = self._t.TagRow, self._t.HighlightTagRow
        used = T.select(T.name).where(T.id.in_(HT.select(HT.tag_id))).order_by(T.key)
        return [name for (name,) in used.tuples()]

    @_connected
    def all_speakers(self) -> list[str]:
        """Speakers of saved highlights, alphabetical."""
        H = self._t.HighlightRow
        query = H.select(H.speaker).where(H.speaker.is_null(False) & (H.speaker != "")).distinct()
        return sorted((s for (s,) in query.tuples()), key=str.casefold)

    @_connected
    def all_outlets(self) -> list[str]:
        """Outlets of documents that have highlights, alphabetical (for the outlet filter)."""
        D, H = self._t.DocumentRow, self._t.HighlightRow
        has_highlights = fn.EXISTS(H.select(H.id).where(H.document_id == D.id))
        query = D.select(D.outlet).where((D.outlet != "") & has_highlights).distinct()
        return sorted((o for (o,) in query.tuples()), key=str.casefold)

    @_connected
    def changed_outside(self) -> list[int]:
        """Ids of highlights whose quote or note no longer matches the stamp this app wrote."""
        H = self._t.HighlightRow
        rows = H.select(H.id, H.quote, H.note, H.checksum).order_by(H.id).tuples()
        return mismatched(rows)

    @_connected
    def accept_changes(self, ids: Sequence[int]) -> int:
        """Take the current text of highlights ``ids`` as intended (re-stamp them); returns how many."""
        H = self._t.HighlightRow
        done = 0
        with self._db.atomic():
            for row in H.select(H.id, H.quote, H.note).where(H.id.in_(list(ids))):
                H.update(checksum=highlight_checksum(row.quote, row.note)).where(H.id == row.id).execute()
                done += 1
        return done

    @_connected
    def integrity_check(self) -> str:
        """SQLite's full ``PRAGMA integrity_check`` ("ok" when sound); "ok" on PostgreSQL."""
        if not self._sqlite:
            return "ok"
        rows = self._db.execute_sql("PRAGMA integrity_check").fetchall()
        return "\n".join(str(r[0]) for r in rows)
