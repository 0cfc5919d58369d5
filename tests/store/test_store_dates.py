"""Printed article dates to ISO days for the date filter."""

from __future__ import annotations

from datetime import date

import pytest

from stance_reader.store.dates import iso_day


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("2026-11-27", "2026-11-27"),
        ("2026-11-27T09:30:00Z", "2026-11-27"),
        ("27 November 2026", "2026-11-27"),
        ("Friday 27th Nov. 2026", "2026-11-27"),
        ("November 27, 2026", "2026-11-27"),
        ("Sept 3, 2025", "2025-09-03"),
        ("17/10/2024 21h33", "2024-10-17"),  # day-first is the only reading
        ("10/17/2024", "2024-10-17"),  # month-first is the only reading
        ("03/04/2024", "2024-04-03"),  # ambiguous: day-first
        (date(2026, 1, 2), "2026-01-02"),
        ("31 February 2026", None),
        ("yesterday", None),
        ("", None),
        (None, None),
    ],
)
def test_iso_day(printed: str | date | None, expected: str | None) -> None:
    assert iso_day(printed) == expected
