"""Turn an article's printed date into an ISO day (``YYYY-MM-DD``) for the date filter.

``Article.date`` is free text because sources disagree ("27 November 2026", "Nov. 27, 2026",
"2026-11-27T09:30:00Z", "17/10/2024 21h33"). The store keeps it as printed and adds this normalised
day beside it; dates it cannot read give None, and such documents drop out of a date-filtered search.
"""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_ISO = re.compile(r"(?P<year>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<day>\d{1,2})")
_NUMERIC = re.compile(r"\b(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<year>\d{4})\b")
_DAY_MONTH_YEAR = re.compile(rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>\d{{4}})")
_MONTH_DAY_YEAR = re.compile(rf"{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})")


def iso_day(printed: str | date | None) -> str | None:
    """``printed`` as ``YYYY-MM-DD``, or None when it holds no unambiguous calendar day."""
    if printed is None:
        return None
    if isinstance(printed, date):
        return printed.isoformat()[:10]
    text = printed.strip()
    match = _ISO.search(text)
    if match:
        return _checked(int(match["year"]), int(match["m"]), int(match["day"]))
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        match = pattern.search(text)
        if match:
            month = _MONTHS.get(match["month"].lower())
            if month:
                return _checked(int(match["year"]), month, int(match["day"]))
    match = _NUMERIC.search(text)
    if match:
        a, b = int(match["a"]), int(match["b"])
        # "17/10/2024" can only be day-first, "10/17/2024" only month-first; when both readings
        # are possible, day-first, as most outlets outside the US print it.
        day, month = (b, a) if b > 12 >= a else (a, b)
        return _checked(int(match["year"]), month, day)
    return None


def _checked(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
