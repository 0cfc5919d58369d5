"""Documents: rows to and from ``core.StoredDocument``, idempotent import by content hash, and a
re-import of a changed file from the same path (its highlights re-anchored in the same transaction)."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from stance_reader.core.models import Article, StoredDocument
from stance_reader.store.dates import iso_day
from stance_reader.store.errors import NotFoundError
from stance_reader.store.repositories.base import StoreCore, aware, chunks, connected, utcnow
from stance_reader.store.repositories.highlights import HighlightRepository
from stance_reader.store.search import fts5_query, terms


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


class DocumentRepository:
    def __init__(self, core: StoreCore, highlights: HighlightRepository) -> None:
        self.core = core
        self._highlights = highlights

    @staticmethod
    def to_document(row: Any) -> StoredDocument:
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
            id=row.id, article=article, content_hash=row.content_hash, created=aware(row.created)
        )

    @staticmethod
    def _fields(article: Article) -> dict[str, Any]:
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

    @connected
    def import_document(self, article: Article) -> ImportResult:
        D = self.core.tables.DocumentRow
        with self.core.db.atomic():
            same = D.get_or_none(D.content_hash == article.content_hash)
            if same is not None:
                return ImportResult(self.to_document(same))
            previous = None
            if article.source_path:
                previous = (
                    D.select().where(D.source_path == article.source_path).order_by(D.id.desc()).first()
                )
            now = utcnow()
            if previous is None:
                row = D.create(**self._fields(article), created=now, updated=now)
                return ImportResult(self.to_document(row), created=True)
            counts = self._highlights.reanchor_all(previous.id, previous.text, article.text, now)
            D.update(**self._fields(article), updated=now).where(D.id == previous.id).execute()
            return ImportResult(self.to_document(D.get_by_id(previous.id)), reimported=True, **counts)

    @connected
    def get(self, doc_id: int) -> StoredDocument:
        row = self.core.tables.DocumentRow.get_or_none(self.core.tables.DocumentRow.id == doc_id)
        if row is None:
            raise NotFoundError(f"no document with id {doc_id}")
        return self.to_document(row)

    @connected
    def find(self, content_hash: str) -> StoredDocument | None:
        D = self.core.tables.DocumentRow
        row = D.get_or_none(D.content_hash == content_hash)
        return self.to_document(row) if row is not None else None

    @connected
    def find_by_path(self, source_path: str) -> StoredDocument | None:
        D = self.core.tables.DocumentRow
        row = D.select().where(D.source_path == source_path).order_by(D.id.desc()).first()
        return self.to_document(row) if row is not None else None

    @connected
    def list_all(self) -> list[StoredDocument]:
        D = self.core.tables.DocumentRow
        return [self.to_document(row) for row in D.select().order_by(D.id.desc())]

    @connected
    def count(self) -> int:
        return int(self.core.tables.DocumentRow.select().count())

    @connected
    def delete(self, doc_id: int) -> None:
        D = self.core.tables.DocumentRow
        with self.core.db.atomic():
            if D.delete().where(D.id == doc_id).execute() == 0:
                raise NotFoundError(f"no document with id {doc_id}")

    def by_id(self, ids: Iterable[int]) -> dict[int, StoredDocument]:
        """Documents by id, read in chunks (inside a caller that is already connected)."""
        D = self.core.tables.DocumentRow
        found: dict[int, StoredDocument] = {}
        for chunk in chunks(sorted(ids)):
            for row in D.select().where(D.id.in_(list(chunk))):
                found[row.id] = self.to_document(row)
        return found

    @connected
    def search(self, query: str, limit: int | None = 50) -> list[StoredDocument]:
        D = self.core.tables.DocumentRow
        if self.core.sqlite:
            match = fts5_query(query)
            if match is None:
                return []
            DS = self.core.tables.DocumentSearchRow
            hits = DS.select(DS.rowid).where(DS.match(match)).order_by(DS.bm25()).limit(limit or -1).tuples()
            ids = [rowid for (rowid,) in hits]
            docs = self.by_id(ids)
            return [docs[i] for i in ids if i in docs]
        words = terms(query)
        if not words:
            return []
        cond = functools.reduce(
            lambda a, b: a & b,
            [D.title.contains(w) | D.outlet.contains(w) | D.text.contains(w) for w in words],
        )
        rows = D.select().where(cond).order_by(D.id.desc())
        return [self.to_document(r) for r in (rows.limit(limit) if limit else rows)]
