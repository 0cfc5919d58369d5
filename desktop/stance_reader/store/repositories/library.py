"""Searching the whole library: highlights with their documents (full-text query and filters, paged),
their count, and the tag, speaker and outlet lists the filters offer."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from peewee import fn

from stance_reader.core.models import Highlight, StoredDocument
from stance_reader.store.querying import Filters, HighlightQuery
from stance_reader.store.repositories.base import StoreCore, connected
from stance_reader.store.repositories.documents import DocumentRepository
from stance_reader.store.repositories.highlights import HighlightRepository


class LibrarySearch:
    def __init__(
        self, core: StoreCore, documents: DocumentRepository, highlights: HighlightRepository
    ) -> None:
        self.core = core
        self._documents = documents
        self._highlights = highlights

    @connected
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
        filters = Filters.make(
            query, kinds, speakers, tags, outlet=outlet, date_from=date_from, date_to=date_to,
            document_id=document_id, orphaned=orphaned,
        )  # fmt: skip
        rows = HighlightQuery(self.core.tables, self.core.sqlite, filters).rows(limit, offset)
        docs = self._documents.by_id({r.document_id for r in rows})
        return [(h, docs[h.document_id]) for h in self._highlights.with_tags(rows)]

    @connected
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
        filters = Filters.make(
            query, kinds, speakers, tags, outlet=outlet, date_from=date_from, date_to=date_to,
            document_id=document_id, orphaned=orphaned,
        )  # fmt: skip
        return HighlightQuery(self.core.tables, self.core.sqlite, filters).count()

    @connected
    def all_tags(self) -> list[str]:
        T, HT = self.core.tables.TagRow, self.core.tables.HighlightTagRow
        used = T.select(T.name).where(T.id.in_(HT.select(HT.tag_id))).order_by(T.key)
        return [name for (name,) in used.tuples()]

    @connected
    def all_speakers(self) -> list[str]:
        H = self.core.tables.HighlightRow
        query = H.select(H.speaker).where(H.speaker.is_null(False) & (H.speaker != "")).distinct()
        return sorted((s for (s,) in query.tuples()), key=str.casefold)

    @connected
    def all_outlets(self) -> list[str]:
        D, H = self.core.tables.DocumentRow, self.core.tables.HighlightRow
        has_highlights = fn.EXISTS(H.select(H.id).where(H.document_id == D.id))
        query = D.select(D.outlet).where((D.outlet != "") & has_highlights).distinct()
        return sorted((o for (o,) in query.tuples()), key=str.casefold)
