"""Saved highlights and their tags: rows to and from ``core.Highlight``, writes in one transaction each,
re-anchoring after a re-import, and the checksums that tell an edit made outside the app."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from stance_reader.core.models import Highlight, HighlightKind
from stance_reader.store.anchoring import Anchor, reanchor
from stance_reader.store.checksums import highlight_checksum, mismatched
from stance_reader.store.errors import NotFoundError, StoreError
from stance_reader.store.repositories.base import StoreCore, aware, chunks, connected, naive, utcnow
from stance_reader.store.search import clean_tags


class HighlightRepository:
    def __init__(self, core: StoreCore) -> None:
        self.core = core

    # --- rows <-> core ----------------------------------------------------------------------------------

    def to_highlight(self, row: Any, tags: Sequence[str] = ()) -> Highlight:
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
            created=aware(row.created),
            updated=aware(row.updated),
            orphaned=bool(row.orphaned),
            extra=json.loads(row.extra or "{}"),
        )

    def tags_of(self, ids: Sequence[int]) -> dict[int, list[str]]:
        HT, T = self.core.tables.HighlightTagRow, self.core.tables.TagRow
        found: dict[int, list[str]] = {}
        for chunk in chunks(list(ids)):
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

    def with_tags(self, rows: Sequence[Any]) -> list[Highlight]:
        tags = self.tags_of([r.id for r in rows])
        return [self.to_highlight(r, tags.get(r.id, ())) for r in rows]

    @staticmethod
    def _fields(h: Highlight) -> dict[str, Any]:
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
        HT, T = self.core.tables.HighlightTagRow, self.core.tables.TagRow
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
        text = self.core.tables.DocumentRow.get_by_id(h.document_id).text
        made = Highlight.from_span(text, h.start, h.end, document_id=h.document_id)
        return replace(h, quote=made.quote, prefix=h.prefix or made.prefix, suffix=h.suffix or made.suffix)

    def _insert(self, h: Highlight, now: datetime) -> Highlight:
        H, D = self.core.tables.HighlightRow, self.core.tables.DocumentRow
        if not D.select().where(D.id == h.document_id).exists():
            raise NotFoundError(f"no document with id {h.document_id}")
        h = self._fill_quote(h)
        fields = self._fields(h)
        created = naive(h.created) or now
        if h.id is not None:  # restoring (undo of a delete): the same id, so references stay valid
            if H.select().where(H.id == h.id).exists():
                raise StoreError(f"highlight {h.id} exists already")
            H.insert(id=h.id, **fields, created=created, updated=now).execute()
            hid = h.id
        else:
            hid = H.insert(**fields, created=created, updated=now).execute()
        tags = self._set_tags(hid, h.tags)
        return replace(h, id=hid, tags=tags, created=aware(created), updated=aware(now))

    # --- writes -----------------------------------------------------------------------------------------

    @connected
    def add(self, h: Highlight) -> Highlight:
        with self.core.db.atomic():
            return self._insert(h, utcnow())

    @connected
    def add_many(self, highlights: Sequence[Highlight]) -> list[Highlight]:
        now = utcnow()
        with self.core.db.atomic():
            return [self._insert(h, now) for h in highlights]

    @connected
    def update(self, h: Highlight) -> Highlight:
        H = self.core.tables.HighlightRow
        if h.id is None:
            raise StoreError("cannot update a highlight that was never saved (id is None)")
        now = utcnow()
        with self.core.db.atomic():
            row = H.get_or_none(H.id == h.id)
            if row is None:
                raise NotFoundError(f"no highlight with id {h.id}")
            H.update(**self._fields(h), updated=now).where(H.id == h.id).execute()
            old_tags = tuple(self.tags_of([h.id]).get(h.id, ()))
            tags = old_tags if clean_tags(h.tags) == old_tags else self._set_tags(h.id, h.tags)
            return replace(h, tags=tags, created=aware(row.created), updated=aware(now))

    @connected
    def delete(self, highlight_id: int) -> None:
        H = self.core.tables.HighlightRow
        with self.core.db.atomic():
            if H.delete().where(H.id == highlight_id).execute() == 0:
                raise NotFoundError(f"no highlight with id {highlight_id}")

    @connected
    def delete_many(self, ids: Sequence[int]) -> int:
        H = self.core.tables.HighlightRow
        deleted = 0
        with self.core.db.atomic():
            for chunk in chunks(list(ids)):
                deleted += H.delete().where(H.id.in_(list(chunk))).execute()
        return deleted

    # --- reads ------------------------------------------------------------------------------------------

    @connected
    def get(self, highlight_id: int) -> Highlight:
        H = self.core.tables.HighlightRow
        row = H.get_or_none(H.id == highlight_id)
        if row is None:
            raise NotFoundError(f"no highlight with id {highlight_id}")
        return self.with_tags([row])[0]

    @connected
    def for_document(self, document_id: int) -> list[Highlight]:
        H = self.core.tables.HighlightRow
        rows = list(H.select().where(H.document == document_id).order_by(H.start, H.end, H.id))
        return self.with_tags(rows)

    @connected
    def find(self, document_id: int, start: int, end: int, kind: str) -> Highlight | None:
        """The attached highlight over exactly ``[start, end)`` with ``kind`` (one indexed row)."""
        H = self.core.tables.HighlightRow
        row = (
            H.select()
            .where(
                (H.document == document_id) & (H.start == start) & (H.end == end)
                & (H.kind == str(kind)) & (H.orphaned == False)  # noqa: E712 (peewee expression)
            )
            .order_by(H.id)
            .first()
        )
        return self.with_tags([row])[0] if row is not None else None

    # --- re-anchoring after a re-import (inside the document repository's transaction) ------------------

    def reanchor_all(self, doc_id: int, old_text: str, new_text: str, now: datetime) -> dict[str, int]:
        H = self.core.tables.HighlightRow
        counts = {"exact": 0, "fuzzy": 0, "orphaned": 0}
        for row in H.select().where(H.document == doc_id):
            anchor = reanchor(new_text, row.quote, row.prefix, row.suffix, row.start, len(old_text))
            changes = _anchor_changes(row, anchor, new_text)
            counts["orphaned" if anchor is None else anchor.method] += 1
            if changes:
                H.update(**changes, updated=now).where(H.id == row.id).execute()
        return counts

    # --- checksums --------------------------------------------------------------------------------------

    @connected
    def changed_outside(self) -> list[int]:
        H = self.core.tables.HighlightRow
        rows = H.select(H.id, H.quote, H.note, H.checksum).order_by(H.id).tuples()
        return mismatched(rows)

    @connected
    def accept_changes(self, ids: Sequence[int]) -> int:
        H = self.core.tables.HighlightRow
        done = 0
        with self.core.db.atomic():
            for row in H.select(H.id, H.quote, H.note).where(H.id.in_(list(ids))):
                H.update(checksum=highlight_checksum(row.quote, row.note)).where(H.id == row.id).execute()
                done += 1
        return done


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
