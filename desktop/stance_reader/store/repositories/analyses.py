"""The analysis cache: one ``core.Analysis`` per (text hash, pipeline version), stored as compact JSON.

The last few analyses read are also kept decoded in memory (``DECODED_KEPT``): reopening an article
then costs one small query that checks the row is unchanged (its id and time), not ~20 ms of JSON
decoding at 10,000 words, and hands back the *same* object, so the views and render plans built from
it upstream can be kept too (they key on the object).
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from typing import Any

from stance_reader.core.models import Analysis
from stance_reader.store.repositories.base import StoreCore, connected, utcnow

DECODED_KEPT = 8  # analyses kept decoded: the article on screen and the last few opened


class AnalysisRepository:
    def __init__(self, core: StoreCore) -> None:
        self.core = core
        self._decoded: OrderedDict[tuple[str, str], tuple[Any, Analysis]] = OrderedDict()
        self._lock = threading.Lock()  # the lane and the GUI thread both read the cache

    @connected
    def cached(self, content_hash: str, pipeline: str) -> Analysis | None:
        A = self.core.tables.AnalysisRow
        where = (A.content_hash == content_hash) & (A.pipeline == pipeline)
        stamp = A.select(A.id, A.created).where(where).tuples().first()
        if stamp is None:
            return None
        key = (content_hash, pipeline)
        with self._lock:
            kept = self._decoded.get(key)
            if kept is not None and kept[0] == tuple(stamp):
                self._decoded.move_to_end(key)
                return kept[1]
        row = A.get_or_none(where)
        if row is None:
            return None
        analysis = Analysis.from_dict(json.loads(row.data))
        self._keep(key, (row.id, row.created), analysis)
        return analysis

    def _keep(self, key: tuple[str, str], stamp: Any, analysis: Analysis) -> None:
        with self._lock:
            self._decoded[key] = (tuple(stamp), analysis)
            self._decoded.move_to_end(key)
            while len(self._decoded) > DECODED_KEPT:
                self._decoded.popitem(last=False)

    @connected
    def latest(self, content_hash: str) -> Analysis | None:
        A = self.core.tables.AnalysisRow
        row = A.select().where(A.content_hash == content_hash).order_by(A.created.desc(), A.id.desc()).first()
        return Analysis.from_dict(json.loads(row.data)) if row is not None else None

    @connected
    def save(self, content_hash: str, pipeline: str, analysis: Analysis) -> None:
        A = self.core.tables.AnalysisRow
        data = json.dumps(analysis.to_dict(), ensure_ascii=False, separators=(",", ":"))
        with self._lock:
            self._decoded.pop((content_hash, pipeline), None)
        where = (A.content_hash == content_hash) & (A.pipeline == pipeline)
        with self.core.db.atomic():
            (
                A.insert(content_hash=content_hash, pipeline=pipeline, data=data, created=utcnow())
                .on_conflict(conflict_target=[A.content_hash, A.pipeline], preserve=[A.data, A.created])
                .execute()
            )
            stamp = A.select(A.id, A.created).where(where).tuples().first()
        if stamp is not None:  # the first reopen then hands back this very object (JSON round-trips it)
            self._keep((content_hash, pipeline), stamp, analysis)
