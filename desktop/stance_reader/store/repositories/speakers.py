"""The speaker ledger: every speaker's hedges, commitments and quotes across the library
(``speaker_marks``, derived from stored analyses) and the analyst's merges and splits
(``speaker_aliases``, never derived).

Which mention is which canonical speaker is decided outside the store (``services.speakers``): the
write methods take a ``resolve`` callable, ``resolve(mentions, aliases) -> {mention_key: (speaker_key,
speaker_name)}``, and apply its answer to every row inside the same transaction, so the ledger is never
seen half re-keyed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from stance_reader.core.ledger import LedgerEntry, SpeakerMention, SpeakerSummary
from stance_reader.store.errors import NotFoundError
from stance_reader.store.repositories.base import StoreCore, connected, utcnow

# (mention_key, mention as written, marks) for every mention in the library, and the aliases.
Mentions = list[tuple[str, str, int]]
Resolve = Callable[[Mentions, Mapping[str, str]], Mapping[str, tuple[str, str]]]

_MENTIONS = 'SELECT "mention_key", "mention", count(*) FROM "speaker_marks" GROUP BY "mention_key", "mention"'
_LEDGER_COLUMNS = (
    '"id", "document_id", "speaker_key", "speaker_name", "mention", "kind", "start", "end", "snippet",'
    ' "confidence", "date_iso", "outlet", "title"'
)
INSERT_BATCH = 200


def _day(value: str | date | None) -> str | None:
    return value.isoformat() if isinstance(value, date) else (value or None)


class SpeakerRepository:
    def __init__(self, core: StoreCore) -> None:
        self.core = core

    # --- writing ----------------------------------------------------------------------------------

    @connected
    def replace_for_document(
        self, document_id: int, mentions: Sequence[SpeakerMention], resolve: Resolve
    ) -> int:
        """Replace ``document_id``'s ledger rows by ``mentions`` and re-resolve the canonical speakers,
        in one transaction; returns the rows written."""
        t = self.core.tables
        D, M = t.DocumentRow, t.SpeakerMarkRow
        with self.core.db.atomic():
            doc = D.select(D.id, D.date_iso, D.outlet, D.title).where(D.id == document_id).first()
            if doc is None:
                raise NotFoundError(f"no document {document_id}")
            M.delete().where(M.document == document_id).execute()
            rows = [
                {
                    "document": document_id,
                    "mention_key": m.mention_key,
                    "mention": m.mention,
                    "speaker_key": m.mention_key,
                    "speaker_name": m.mention,
                    "kind": m.kind,
                    "start": m.start,
                    "end": m.end,
                    "snippet": m.snippet,
                    "confidence": m.confidence,
                    "date_iso": doc.date_iso,
                    "outlet": doc.outlet or "",
                    "title": doc.title or "",
                }
                for m in mentions
            ]
            for i in range(0, len(rows), INSERT_BATCH):
                M.insert_many(rows[i : i + INSERT_BATCH]).execute()
            self._refresh(resolve)
        return len(rows)

    @connected
    def refresh(self, resolve: Resolve) -> int:
        """Re-resolve every mention (after a merge, a split or a new article); returns mentions re-keyed."""
        with self.core.db.atomic():
            return self._refresh(resolve)

    def _refresh(self, resolve: Resolve) -> int:
        db = self.core.db
        mentions = [(str(k), str(n), int(c)) for k, n, c in db.execute_sql(_MENTIONS).fetchall()]
        mapping = resolve(mentions, self._aliases())
        current = db.execute_sql(
            'SELECT DISTINCT "mention_key", "speaker_key", "speaker_name" FROM "speaker_marks"'
        ).fetchall()
        changed = {
            key: mapping[key]
            for key, speaker_key, speaker_name in current
            if key in mapping and tuple(mapping[key]) != (speaker_key, speaker_name)
        }
        p = db.param
        for key, (speaker_key, speaker_name) in changed.items():
            db.execute_sql(
                f'UPDATE "speaker_marks" SET "speaker_key" = {p}, "speaker_name" = {p}'
                f' WHERE "mention_key" = {p}',
                (speaker_key, speaker_name, key),
            )
        return len(changed)

    @connected
    def set_aliases(
        self, changes: Sequence[tuple[str, str | None]], resolve: Resolve
    ) -> dict[str, str | None]:
        """Set (``canonical``) or remove (None) each alias, then re-resolve, in one transaction.
        Returns each changed alias's previous canonical key (None: there was none), for undo."""
        A = self.core.tables.SpeakerAliasRow
        with self.core.db.atomic():
            before = self._aliases()
            for alias, canonical in changes:
                if canonical is None:
                    A.delete().where(A.alias_key == alias).execute()
                else:
                    (
                        A.insert(alias_key=alias, canonical_key=canonical, created=utcnow())
                        .on_conflict(conflict_target=[A.alias_key], preserve=[A.canonical_key, A.created])
                        .execute()
                    )
            self._refresh(resolve)
        return {alias: before.get(alias) for alias, _ in changes}

    # --- reading ----------------------------------------------------------------------------------

    def _aliases(self) -> dict[str, str]:
        rows = self.core.db.execute_sql(
            'SELECT "alias_key", "canonical_key" FROM "speaker_aliases"'
        ).fetchall()
        return {str(a): str(c) for a, c in rows}

    @connected
    def aliases(self) -> dict[str, str]:
        return self._aliases()

    @connected
    def mentions(self) -> Mentions:
        rows = self.core.db.execute_sql(_MENTIONS).fetchall()
        return [(str(k), str(n), int(c)) for k, n, c in rows]

    @connected
    def mentions_of(self, speaker_key: str) -> Mentions:
        """The mentions read as ``speaker_key`` (what a split can pull apart), most marks first."""
        rows = self.core.db.execute_sql(
            'SELECT "mention_key", "mention", count(*) FROM "speaker_marks" WHERE "speaker_key" = '
            f'{self.core.db.param} GROUP BY "mention_key", "mention" ORDER BY count(*) DESC, "mention_key"',
            (speaker_key,),
        ).fetchall()
        return [(str(k), str(n), int(c)) for k, n, c in rows]

    @connected
    def summaries(self) -> list[SpeakerSummary]:
        """Every canonical speaker: marks per kind, articles, first and last dates; most marks first."""
        rows = self.core.db.execute_sql(
            """SELECT "speaker_key", max("speaker_name"),
                      sum(CASE WHEN "kind" = 'hedge' THEN 1 ELSE 0 END),
                      sum(CASE WHEN "kind" = 'commitment' THEN 1 ELSE 0 END),
                      sum(CASE WHEN "kind" = 'quote' THEN 1 ELSE 0 END),
                      count(DISTINCT "document_id"), min("date_iso"), max("date_iso"), count(*)
               FROM "speaker_marks" GROUP BY "speaker_key" ORDER BY count(*) DESC, "speaker_key" """
        ).fetchall()
        return [
            SpeakerSummary(str(k), str(n), int(h), int(c), int(q), int(a), first, last)
            for k, n, h, c, q, a, first, last, _ in rows
        ]

    @connected
    def entries(
        self,
        speaker_key: str,
        *,
        kinds: Iterable[str] = (),
        date_from: str | date | None = None,
        date_to: str | date | None = None,
        outlet: str | None = None,
        text: str = "",
        limit: int | None = None,
    ) -> list[LedgerEntry]:
        """``speaker_key``'s marks across the library, newest article first (undated ones last), then
        reading order. Filters combine with AND; ``outlet`` and ``text`` ignore case."""
        p = self.core.db.param
        where, params = ['"speaker_key" = ' + p], [speaker_key]
        kinds = list(kinds)
        if kinds:
            where.append(f'"kind" IN ({", ".join(p for _ in kinds)})')
            params += kinds
        if _day(date_from):
            where.append(f'"date_iso" >= {p}')
            params.append(_day(date_from))  # type: ignore[arg-type]
        if _day(date_to):
            where.append(f'"date_iso" <= {p}')
            params.append(_day(date_to))  # type: ignore[arg-type]
        if outlet:
            where.append(f'lower("outlet") = lower({p})')
            params.append(outlet)
        if text:
            escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            like = "LIKE" if self.core.sqlite else "ILIKE"
            where.append(f"(lower(\"snippet\") {like} lower({p}) ESCAPE '\\')")
            params.append(f"%{escaped}%")
        sql = (
            f'SELECT {_LEDGER_COLUMNS} FROM "speaker_marks" WHERE {" AND ".join(where)}'
            ' ORDER BY "date_iso" DESC NULLS LAST, "document_id" DESC, "start"'
        )
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [_entry(row) for row in self.core.db.execute_sql(sql, tuple(params)).fetchall()]

    @connected
    def count(self, document_id: int | None = None) -> int:
        M = self.core.tables.SpeakerMarkRow
        query = M.select()
        if document_id is not None:
            query = query.where(M.document == document_id)
        return int(query.count())


def _entry(row: Any) -> LedgerEntry:
    i, doc, key, name, mention, kind, start, end, snippet, confidence, day, outlet, title = row
    return LedgerEntry(
        id=int(i), document_id=int(doc), speaker_key=str(key), speaker_name=str(name), mention=str(mention),
        kind=str(kind), start=int(start), end=int(end), snippet=str(snippet),
        confidence=None if confidence is None else float(confidence), date_iso=day or None,
        outlet=str(outlet or ""), title=str(title or ""),
    )  # fmt: skip
