"""The analyst's corrections of marks: a repository over ``store/corrections.py``'s table code, behind
the same connected guard as the other aggregates."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from stance_reader.core.corrections import Correction
from stance_reader.store import corrections as rows
from stance_reader.store.repositories.base import StoreCore, connected


class CorrectionRepository:
    def __init__(self, core: StoreCore) -> None:
        self.core = core

    @connected
    def add(self, corrections: Sequence[Correction]) -> list[Correction]:
        return rows.add_corrections(self.core.db, self.core.tables, corrections)

    @connected
    def update(self, correction: Correction) -> Correction:
        return rows.update_correction(self.core.db, self.core.tables, correction)

    @connected
    def update_many(self, corrections: Sequence[Correction]) -> int:
        return rows.update_corrections(self.core.db, self.core.tables, corrections)

    @connected
    def delete_many(self, ids: Sequence[int]) -> int:
        return rows.delete_corrections(self.core.db, self.core.tables, ids)

    @connected
    def get(self, correction_id: int) -> Correction:
        return rows.get_correction(self.core.tables, correction_id)

    @connected
    def for_document(self, document_id: int) -> list[Correction]:
        return rows.corrections_for(self.core.db, document_id)

    @connected
    def stamp(self, document_id: int) -> tuple[Any, ...]:
        return rows.corrections_stamp(self.core.db, document_id)

    @connected
    def document_ids(self) -> list[int]:
        return rows.corrected_document_ids(self.core.tables)

    @connected
    def count(self, document_ids: Iterable[int] | None = None) -> int:
        return rows.count_corrections(self.core.tables, document_ids)
