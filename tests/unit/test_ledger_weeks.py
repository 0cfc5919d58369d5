"""Weekly buckets of a speaker's ledger: the timeline's data."""

from stance_reader.core.ledger import LedgerEntry, week_of, weekly_counts


def _entry(kind: str, day: str | None) -> LedgerEntry:
    return LedgerEntry(1, 1, "k", "K", "K", kind, 0, 1, "x", None, day, "", "")


def test_week_of_is_the_monday() -> None:
    assert week_of("2026-12-06") == "2026-11-30"  # a Sunday
    assert week_of("2026-11-30T09:00") == "2026-11-30"


def test_weekly_counts_by_kind_with_gaps_filled() -> None:
    entries = [_entry("hedge", "2026-03-03"), _entry("commitment", "2026-03-04"), _entry("quote", None),
               _entry("quote", "2026-03-20")]  # fmt: skip
    weeks = weekly_counts(entries)
    assert [w.week_start for w in weeks] == ["2026-03-02", "2026-03-09", "2026-03-16"]
    assert (weeks[0].hedges, weeks[0].commitments, weeks[0].quotes) == (1, 1, 0)
    assert weeks[1].total == 0 and weeks[2].count("quote") == 1
    assert [w.week_start for w in weekly_counts(entries, fill_gaps=False)] == ["2026-03-02", "2026-03-16"]


def test_no_dates_no_weeks() -> None:
    assert weekly_counts([_entry("hedge", None), _entry("hedge", "not a date")]) == []
