"""The analysis cache: one ``core.Analysis`` per (text hash, pipeline version), stored as compact JSON."""

from __future__ import annotations

import json

from stance_reader.core.models import Analysis
from stance_reader.store.repositories.base import StoreCore, connected, utcnow


class AnalysisRepository:
    def __init__(self, core: StoreCore) -> None:
        self.core = core

    @connected
    def cached(self, content_hash: str, pipeline: str) -> Analysis | None:
        A = self.core.tables.AnalysisRow
        row = A.get_or_none((A.content_hash == content_hash) & (A.pipeline == pipeline))
        return Analysis.from_dict(json.loads(row.data)) if row is not None else None

    @connected
    def latest(self, content_hash: str) -> Analysis | None:
        A = self.core.tables.AnalysisRow
        row = A.select().where(A.content_hash == content_hash).order_by(A.created.desc(), A.id.desc()).first()
        return Analysis.from_dict(json.loads(row.data)) if row is not None else None

    @connected
    def save(self, content_hash: str, pipeline: str, analysis: Analysis) -> None:
        A = self.core.tables.AnalysisRow
        data = json.dumps(analysis.to_dict(), ensure_ascii=False, separators=(",", ":"))
        with self.core.db.atomic():
            (
                A.insert(content_hash=content_hash, pipeline=pipeline, data=data, created=utcnow())
                .on_conflict(conflict_target=[A.content_hash, A.pipeline], preserve=[A.data, A.created])
                .execute()
            )
