"""Stance shifts end to end: the real pipeline analyses the nine articles of tests/data/ledger_shifts/,
the ledger is filled from its marks and quotes, and the shift finder is scored against the shifts a
reader finds there (the hand-made-analysis version is tests/store/test_shifts.py)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))

from shift_data import fill, score
from stance_reader.services.shifts import find_shifts
from stance_reader.store import Store


def test_pipeline_ledger_gives_the_shifts(analyzer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with Store(str(tmp_path / "shifts.sqlite3"), auto_backup=False) as store:
        fill(store, analyzer.analyze)
        entries = [e for s in store.list_speakers() for e in store.speaker_ledger(s.key)]
    found = find_shifts(entries)
    result = score(found)
    # Measured: all 5 found, nothing else (quotes that repeat a mark are not paired twice).
    assert (result.found, result.recall, result.precision) == (5, 1.0, 1.0), [
        (s.speaker_key, s.before.snippet, s.after.snippet) for s in found
    ]
