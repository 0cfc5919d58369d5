"""The corrections repository: the analyst's stored verdicts on the analysis, one table, ``core`` types.

Owns the reads and writes of ``corrections`` (migration 5). Functions take the store's database and
its :class:`~stance_reader.store.tables.Tables` and return :class:`~stance_reader.core.corrections.
Correction` values, never rows; :class:`~stance_reader.store.Store` exposes each as a one-line method
(which opens the thread's connection and turns driver errors into ``StoreError``).

Every write is one transaction (``BEGIN IMMEDIATE`` on SQLite): a killed process loses at most the
correction in flight. Ids are never reused (AUTOINCREMENT), so undoing a delete restores a correction
under its old id. Offsets are code points, end exclusive; timestamps come back as aware UTC.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from peewee import Database

from stance_reader.core.corrections import Correction, CorrectionKind, MarkRef
from stance_reader.store.errors import NotFoundError, StoreError
from stance_reader.store.tables import Tables

_CHUNK = 500  # ids per IN (...) list


def _utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _aware(moment: datetime | str | None) -> datetime | None:
    if moment is None:
        return None
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _naive(moment: datetime | None) -> datetime | None:
    if moment is None or moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


# Columns read for a document's corrections, in this order: plain tuples, no row objects, because
# opening an article with a thousand corrections must stay fast (see tests/bench/bench_corrections.py).
_COLUMNS = (
    "id", "document_id", "content_hash", "kind", "decided", "start", "end", "cue", "quote", "prefix",
    "suffix", "speaker", "target", "note", "orphaned", "extra", "created", "updated",
)  # fmt: skip


_KINDS = {str(k): k for k in CorrectionKind}
_DECIDED: dict[str, frozenset[str]] = {}


def _decided(text: str | None) -> frozenset[str]:
    found = _DECIDED.get(text or "")
    if found is None:
        found = _DECIDED[text or ""] = frozenset(d for d in (text or "").split(",") if d)
    return found


def _from_tuple(values: Sequence[Any]) -> Correction:
    # Positional, in _COLUMNS order: opening an article converts every one of its corrections, so
    # this is kept to plain unpacking and dictionary lookups (~6 µs a row).
    (cid, doc_id, content_hash, kind, decided, start, end, cue, quote, prefix, suffix, speaker, target,
     note, orphaned, extra, created, updated) = values  # fmt: skip
    target_data = json.loads(target) if target and target != "null" else None
    return Correction(
        document_id=doc_id,
        content_hash=content_hash,
        kind=_KINDS[kind],
        start=start,
        end=end,
        cue=_span_list(cue),
        quote=quote,
        prefix=prefix,
        suffix=suffix,
        speaker=speaker,
        decided=_decided(decided),
        target=MarkRef.from_dict(target_data) if target_data else None,
        note=note,
        id=cid,
        created=_aware(created),
        updated=_aware(updated),
        orphaned=bool(orphaned),
        extra=json.loads(extra) if extra and extra != "{}" else {},
    )


def _span_list(text: str | None) -> tuple[tuple[int, int], ...]:
    if not text or text == "[]":
        return ()
    return tuple([(int(s), int(e)) for s, e in json.loads(text)])


def _fields(c: Correction) -> dict[str, Any]:
    if not 0 <= c.start <= c.end:
        raise StoreError(f"bad correction span {c.start}..{c.end}")
    return {
        "document": c.document_id,
        "content_hash": c.content_hash,
        "kind": str(CorrectionKind(str(c.kind))),
        "decided": ",".join(sorted(c.decided)),
        "start": c.start,
        "end": c.end,
        "cue": json.dumps([list(s) for s in c.cue]),
        "quote": c.quote,
        "prefix": c.prefix,
        "suffix": c.suffix,
        "speaker": c.speaker or None,
        "target": json.dumps(c.target.to_dict() if c.target else None, ensure_ascii=False),
        "note": c.note,
        "orphaned": bool(c.orphaned),
        "extra": json.dumps(c.extra or {}, ensure_ascii=False, default=str),
    }


def _select(t: Tables) -> Any:
    C = t.CorrectionRow
    return C.select(*(getattr(C, name) for name in _COLUMNS))


def _insert(t: Tables, c: Correction, now: datetime) -> Correction:
    C, D = t.CorrectionRow, t.DocumentRow
    if not D.select().where(D.id == c.document_id).exists():
        raise NotFoundError(f"no document with id {c.document_id}")
    created = _naive(c.created) or now
    fields = _fields(c)
    if c.id is not None:  # restoring (undo of a delete) under the same id
        if C.select().where(C.id == c.id).exists():
            raise StoreError(f"correction {c.id} exists already")
        C.insert(id=c.id, **fields, created=created, updated=now).execute()
        cid = c.id
    else:
        cid = C.insert(**fields, created=created, updated=now).execute()
    return replace(c, id=cid, created=_aware(created), updated=_aware(now))


def add_corrections(db: Database, t: Tables, corrections: Sequence[Correction]) -> list[Correction]:
    """Save ``corrections`` in one transaction (all or none); an ``id`` set means "restore it"."""
    now = _utcnow()
    with db.atomic():
        return [_insert(t, c, now) for c in corrections]


def update_correction(db: Database, t: Tables, c: Correction) -> Correction:
    """Write every field of ``c`` (matched by id); ``created`` kept, ``updated`` set now."""
    C = t.CorrectionRow
    if c.id is None:
        raise StoreError("cannot update a correction that was never saved (id is None)")
    now = _utcnow()
    with db.atomic():
        row = C.get_or_none(C.id == c.id)
        if row is None:
            raise NotFoundError(f"no correction with id {c.id}")
        C.update(**_fields(c), updated=now).where(C.id == c.id).execute()
        return replace(c, created=_aware(row.created), updated=_aware(now))


def update_corrections(db: Database, t: Tables, corrections: Sequence[Correction]) -> int:
    """Rewrite several corrections in one transaction (re-anchoring, orphan flags); ``updated`` is
    left as it was: the analyst did not change them. Returns how many existed."""
    C = t.CorrectionRow
    done = 0
    with db.atomic():
        for c in corrections:
            done += C.update(**_fields(c)).where(C.id == c.id).execute()
    return done


def delete_corrections(db: Database, t: Tables, ids: Sequence[int]) -> int:
    """Delete corrections by id in one transaction; returns how many existed."""
    C = t.CorrectionRow
    deleted = 0
    with db.atomic():
        for i in range(0, len(ids), _CHUNK):
            deleted += C.delete().where(C.id.in_(list(ids[i : i + _CHUNK]))).execute()
    return deleted


def get_correction(t: Tables, correction_id: int) -> Correction:
    C = t.CorrectionRow
    found = _select(t).where(C.id == correction_id).tuples().first()
    if found is None:
        raise NotFoundError(f"no correction with id {correction_id}")
    return _from_tuple(found)


def corrections_for(db: Database, document_id: int) -> list[Correction]:
    """A document's corrections, orphans included, in reading order.

    Plain SQL into plain tuples: peewee's per-column conversion cost more than everything else when an
    article with a thousand corrections opens (timestamps arrive as text on SQLite; ``_aware`` reads
    both that and PostgreSQL's datetimes)."""
    columns = ", ".join(f'"{name}"' for name in _COLUMNS)
    sql = (
        f'SELECT {columns} FROM "corrections" WHERE "document_id" = {db.param}'
        ' ORDER BY "start", "end", "id"'
    )
    return [_from_tuple(values) for values in db.execute_sql(sql, (document_id,)).fetchall()]


def corrections_stamp(db: Database, document_id: int) -> tuple[Any, ...]:
    """A cheap fingerprint of a document's corrections (count, newest id, last edit, orphans): equal
    stamps mean the parsed list read last time is still true, so a reopen need not parse it again."""
    sql = (
        'SELECT count(*), max("id"), max("updated"), sum(CASE WHEN "orphaned" THEN 1 ELSE 0 END),'
        f' sum("start"), sum("end") FROM "corrections" WHERE "document_id" = {db.param}'
    )
    return tuple(db.execute_sql(sql, (document_id,)).fetchone())


def corrected_document_ids(t: Tables) -> list[int]:
    """Ids of documents holding at least one correction, ascending."""
    C = t.CorrectionRow
    return [i for (i,) in C.select(C.document_id).distinct().order_by(C.document_id).tuples()]


def count_corrections(t: Tables, document_ids: Iterable[int] | None = None) -> int:
    C = t.CorrectionRow
    query = C.select()
    if document_ids is not None:
        query = query.where(C.document_id.in_(list(document_ids)))
    return int(query.count())


__all__ = [
    "add_corrections",
    "corrected_document_ids",
    "corrections_for",
    "corrections_stamp",
    "count_corrections",
    "delete_corrections",
    "get_correction",
    "update_correction",
    "update_corrections",
]
