"""The ``Store`` facade's methods over the analyst's own records: corrections and the speaker ledger.

Owns :class:`CorrectionsAndLedger`, a mixin of plain delegations to ``store.corrections``
(:class:`~stance_reader.store.repositories.corrections.CorrectionRepository`) and ``store.speakers``
(:class:`~stance_reader.store.repositories.speakers.SpeakerRepository`), kept apart from ``store.py`` so
the facade file holds opening, backups and the other aggregates. :class:`~stance_reader.store.Store` is
the only class that mixes it in; its ``__init__`` builds both repositories. Canonical speakers are
decided by ``services.speakers`` (the ``resolve`` callables), never here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Unpack

from stance_reader.core.corrections import Correction
from stance_reader.core.ledger import LedgerEntry, LedgerFilters, SpeakerMention, SpeakerSummary
from stance_reader.store.repositories.corrections import CorrectionRepository
from stance_reader.store.repositories.speakers import Mentions, Resolve, SpeakerRepository


class CorrectionsAndLedger:
    """``Store`` methods for corrections and the speaker ledger (a mixin; ``Store`` sets the repositories)."""

    corrections: CorrectionRepository
    speakers: SpeakerRepository

    # --- corrections ---------------------------------------------------------------------------------

    def add_corrections(self, corrections: Sequence[Correction]) -> list[Correction]:
        return self.corrections.add(corrections)

    def update_correction(self, correction: Correction) -> Correction:
        return self.corrections.update(correction)

    def update_corrections(self, corrections: Sequence[Correction]) -> int:
        return self.corrections.update_many(corrections)

    def delete_corrections(self, ids: Sequence[int]) -> int:
        return self.corrections.delete_many(ids)

    def get_correction(self, correction_id: int) -> Correction:
        return self.corrections.get(correction_id)

    def corrections_for(self, document_id: int) -> list[Correction]:
        return self.corrections.for_document(document_id)

    def corrections_stamp(self, document_id: int) -> tuple[Any, ...]:
        return self.corrections.stamp(document_id)

    def corrected_document_ids(self) -> list[int]:
        return self.corrections.document_ids()

    def count_corrections(self, document_ids: Iterable[int] | None = None) -> int:
        return self.corrections.count(document_ids)

    # --- the speaker ledger (canonical speakers are decided by services.speakers) -------------------

    def replace_speaker_marks(
        self, document_id: int, mentions: Sequence[SpeakerMention], resolve: Resolve
    ) -> int:
        """Replace a document's ledger rows and re-resolve canonical speakers (one transaction)."""
        return self.speakers.replace_for_document(document_id, mentions, resolve)

    def refresh_speakers(self, resolve: Resolve) -> int:
        return self.speakers.refresh(resolve)

    def set_speaker_aliases(
        self, changes: Sequence[tuple[str, str | None]], resolve: Resolve
    ) -> dict[str, str | None]:
        """Set or remove speaker aliases and re-resolve (one transaction); returns the previous values."""
        return self.speakers.set_aliases(changes, resolve)

    def speaker_aliases(self) -> dict[str, str]:
        return self.speakers.aliases()

    def speaker_mentions(self, speaker_key: str | None = None) -> Mentions:
        """(mention key, mention, marks) of the library, or of one canonical speaker."""
        return self.speakers.mentions() if speaker_key is None else self.speakers.mentions_of(speaker_key)

    def list_speakers(self) -> list[SpeakerSummary]:
        """Every canonical speaker with marks per kind, articles and first/last dates, busiest first."""
        return self.speakers.summaries()

    def speaker_ledger(
        self, speaker_key: str, *, limit: int | None = None, **filters: Unpack[LedgerFilters]
    ) -> list[LedgerEntry]:
        """One speaker's marks across the library, newest article first."""
        return self.speakers.entries(speaker_key, limit=limit, **filters)

    def count_speaker_marks(self, document_id: int | None = None) -> int:
        return self.speakers.count(document_id)
