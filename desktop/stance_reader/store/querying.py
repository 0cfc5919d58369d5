"""The All-highlights query: filters, full text in two tiers, and paging that stays fast at 100k rows.

A search has a *base* (the filters: kinds, speakers, tags, outlet, dates, document, orphaned) and,
with typed text, two *tiers*: highlights that match every word themselves (quote, note, speaker,
tags), then highlights whose article matches every word (title, outlet, text) and are not in the
first tier. Each tier is one query ordered by the index ``highlights_document_start`` (newest
document first, then reading order) with LIMIT/OFFSET, so the first page never sorts 100,000 rows;
the second tier is asked only when the first runs out. Document filters are ``IN (SELECT id FROM
documents ...)`` subqueries rather than joins, so SQLite can start from whichever side is smaller.

On SQLite the word conditions are FTS5 MATCH subqueries; on PostgreSQL, ILIKE (see search.py).
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from peewee import fn

from stance_reader.store.dates import iso_day
from stance_reader.store.search import clean_tags, fts5_query, terms
from stance_reader.store.tables import Tables


@dataclass(frozen=True)
class Filters:
    """What the All-highlights view asks for; every field optional (empty = no constraint)."""

    query: str = ""
    kinds: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    outlet: str | None = None
    date_from: str | date | None = None
    date_to: str | date | None = None
    document_id: int | None = None
    orphaned: bool | None = None

    @classmethod
    def make(
        cls,
        query: str = "",
        kinds: Iterable[str] = (),
        speakers: Iterable[str] = (),
        tags: Iterable[str] = (),
        **rest: Any,
    ) -> Filters:
        return cls(
            query=query or "",
            kinds=tuple(str(k) for k in kinds or ()),
            speakers=tuple(s for s in speakers or () if s),
            tags=tuple(tags or ()),
            **rest,
        )


def _all(conditions: list[Any]) -> Any:
    return functools.reduce(operator.and_, conditions)


class HighlightQuery:
    """Builds and runs one search over the tables of one store."""

    def __init__(self, tables: Tables, sqlite: bool, filters: Filters) -> None:
        self.t = tables
        self.sqlite = sqlite
        self.f = filters
        self.base = self._base()
        self.tiers = self._tiers()

    def _base(self) -> list[Any]:
        H, D, HT, T = self.t.HighlightRow, self.t.DocumentRow, self.t.HighlightTagRow, self.t.TagRow
        f, conds, doc_conds = self.f, [], []
        if f.kinds:
            conds.append(H.kind.in_(list(f.kinds)))
        if f.speakers:
            conds.append(H.speaker.in_(list(f.speakers)))
        if keys := [t.casefold() for t in clean_tags(f.tags)]:
            conds.append(H.id.in_(HT.select(HT.highlight_id).join(T).where(T.key.in_(keys))))
        if f.document_id is not None:
            conds.append(H.document == f.document_id)
        if f.orphaned is not None:
            conds.append(H.orphaned == f.orphaned)
        if f.outlet:
            doc_conds.append(fn.lower(D.outlet) == f.outlet.lower())
        if f.date_from and (day := iso_day(f.date_from)):
            doc_conds.append(D.date_iso >= day)
        if f.date_to and (day := iso_day(f.date_to)):
            doc_conds.append(D.date_iso <= day)
        if doc_conds:
            conds.append(H.document.in_(D.select(D.id).where(*doc_conds)))
        return conds

    def _tiers(self) -> list[Any | None]:
        """[None] without text; else [matches itself, article matches and not itself]."""
        if not self.f.query.strip():
            return [None]
        words = self._word_conditions()
        if words is None:
            return [None]
        itself, article = words
        return [itself, article & ~itself]

    def _word_conditions(self) -> tuple[Any, Any] | None:
        H, D = self.t.HighlightRow, self.t.DocumentRow
        if self.sqlite:
            match = fts5_query(self.f.query)
            if match is None:
                return None
            HS, DS = self.t.HighlightSearchRow, self.t.DocumentSearchRow
            itself = H.id.in_(HS.select(HS.rowid).where(HS.match(match)))
            article = H.document.in_(DS.select(DS.rowid).where(DS.match(match)))
            return itself, article
        words = terms(self.f.query)
        if not words:
            return None
        HT, T = self.t.HighlightTagRow, self.t.TagRow
        itself = _all(
            [
                H.quote.contains(w)
                | H.note.contains(w)
                | fn.COALESCE(H.speaker, "").contains(w)  # NULL would make NOT (...) unknown
                | H.id.in_(HT.select(HT.highlight_id).join(T).where(T.name.contains(w)))
                for w in words
            ]
        )
        in_doc = _all([D.title.contains(w) | D.outlet.contains(w) | D.text.contains(w) for w in words])
        return itself, H.document.in_(D.select(D.id).where(in_doc))

    def _select(self, tier: Any | None, *fields: Any) -> Any:
        H = self.t.HighlightRow
        conds = [*self.base, *([tier] if tier is not None else [])]
        query = H.select(*fields)
        return query.where(*conds) if conds else query

    def rows(self, limit: int | None, offset: int = 0) -> list[Any]:
        """One page of highlight rows, tier by tier."""
        H = self.t.HighlightRow
        found: list[Any] = []
        skip = max(0, offset)
        for tier in self.tiers:
            want = None if limit is None else limit - len(found)
            if want is not None and want <= 0:
                break
            query = self._select(tier).order_by(H.document.desc(), H.start, H.id)
            if want is not None:
                query = query.limit(want)
            if skip:
                query = query.offset(skip)
            page = list(query)
            if skip:
                # This tier held fewer rows than the offset: the rest of the offset falls in the next.
                skip = 0 if page else max(0, skip - self._select(tier, H.id).count())
            found.extend(page)
        return found

    def count(self) -> int:
        H = self.t.HighlightRow
        return sum(int(self._select(tier, H.id).count()) for tier in self.tiers)
