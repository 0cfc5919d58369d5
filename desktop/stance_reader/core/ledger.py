"""The speaker ledger's values: one speaker's mark as indexed, a ledger line read back, a speaker's
summary and a saved alias (a manual merge or split). Standard library only."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TypedDict

LEDGER_KINDS = ("hedge", "commitment", "quote")


class LedgerFilters(TypedDict, total=False):
    """A speaker ledger's filters, combined with AND (``Store.speaker_ledger``'s keywords, passed on
    unchanged by the services and the window): kinds, articles dated in [date_from, date_to] (ISO
    days), one outlet and a text the mark contains (both case ignored)."""

    kinds: Iterable[str]
    date_from: str | date | None
    date_to: str | date | None
    outlet: str | None
    text: str


@dataclass(frozen=True, slots=True)
class SpeakerMention:
    """One mark of one speaker in one article, as the ledger index stores it.

    ``mention_key``/``mention``: the speaker as the analysis named them, titles normalised away
    ("NATO Secretary General Mark Rutte" -> key ``mark rutte``, name "Mark Rutte"). The canonical
    speaker (library-wide) is worked out from these by ``services.speakers``.
    """

    mention_key: str
    mention: str
    kind: str  # hedge | commitment | quote
    start: int
    end: int
    snippet: str
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """One line of a speaker's ledger: the mark with its article's date, outlet and title."""

    id: int
    document_id: int
    speaker_key: str
    speaker_name: str
    mention: str
    kind: str
    start: int
    end: int
    snippet: str
    confidence: float | None
    date_iso: str | None
    outlet: str
    title: str

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id, "document_id": self.document_id, "speaker_key": self.speaker_key,
            "speaker": self.speaker_name, "mention": self.mention, "kind": self.kind, "start": self.start,
            "end": self.end, "text": self.snippet, "confidence": self.confidence, "date": self.date_iso,
            "outlet": self.outlet, "title": self.title,
        }  # fmt: skip


@dataclass(frozen=True, slots=True)
class SpeakerSummary:
    """One canonical speaker in the library: marks per kind, articles, first and last dates."""

    key: str
    name: str
    hedges: int
    commitments: int
    quotes: int
    articles: int
    first_date: str | None
    last_date: str | None

    @property
    def total(self) -> int:
        return self.hedges + self.commitments + self.quotes

    def to_dict(self) -> dict[str, object]:
        return {
            "key": self.key, "name": self.name, "hedges": self.hedges, "commitments": self.commitments,
            "quotes": self.quotes, "total": self.total, "articles": self.articles,
            "first_date": self.first_date, "last_date": self.last_date,
        }  # fmt: skip


@dataclass(frozen=True, slots=True)
class SpeakerAlias:
    """A manual decision: ``alias_key`` is read as ``canonical_key`` (a merge), or as itself (a split:
    the key stands alone and is never joined automatically)."""

    alias_key: str
    canonical_key: str


@dataclass(frozen=True, slots=True)
class WeekCount:
    """Marks of one speaker in one ISO week (``week_start`` is that week's Monday, ISO date), by kind."""

    week_start: str
    hedges: int = 0
    commitments: int = 0
    quotes: int = 0

    @property
    def total(self) -> int:
        return self.hedges + self.commitments + self.quotes

    def count(self, kind: str) -> int:
        return {"hedge": self.hedges, "commitment": self.commitments, "quote": self.quotes}.get(kind, 0)


def week_of(date_iso: str) -> str:
    """The Monday of the ISO week holding ``date_iso`` (YYYY-MM-DD...), as YYYY-MM-DD."""
    from datetime import date, timedelta

    day = date.fromisoformat(date_iso[:10])
    return (day - timedelta(days=day.weekday())).isoformat()


def weekly_counts(entries: list[LedgerEntry], *, fill_gaps: bool = True) -> list[WeekCount]:
    """Marks per week by kind, oldest week first; undated entries are left out (they have no week).
    With ``fill_gaps`` the empty weeks between the first and the last appear with zero counts, so a
    chart's x axis is real time."""
    from datetime import date, timedelta

    counts: dict[str, dict[str, int]] = {}
    for entry in entries:
        if not entry.date_iso:
            continue
        try:
            week = week_of(entry.date_iso)
        except ValueError:
            continue
        bucket = counts.setdefault(week, {k: 0 for k in LEDGER_KINDS})
        if entry.kind in bucket:
            bucket[entry.kind] += 1
    if not counts:
        return []
    weeks = sorted(counts)
    if fill_gaps:
        first, last = date.fromisoformat(weeks[0]), date.fromisoformat(weeks[-1])
        weeks = [(first + timedelta(weeks=i)).isoformat() for i in range((last - first).days // 7 + 1)]
    return [
        WeekCount(w, counts.get(w, {}).get("hedge", 0), counts.get(w, {}).get("commitment", 0),
                  counts.get(w, {}).get("quote", 0))
        for w in weeks
    ]  # fmt: skip


@dataclass(frozen=True, slots=True)
class StanceShift:
    """A speaker's commitment (``before``) later followed by their own hedge or negation (``after``) on
    the same subject: ``subject`` holds the shared terms, ``score`` their weighted overlap (0-1), and
    ``reason`` says what turned ("hedge": a hedge followed; "negation": the later passage negates what
    the earlier one held, e.g. "will" then "will no longer")."""

    speaker_key: str
    before: LedgerEntry
    after: LedgerEntry
    subject: tuple[str, ...]
    score: float
    reason: str  # hedge | negation

    def to_dict(self) -> dict[str, object]:
        return {
            "speaker_key": self.speaker_key, "reason": self.reason, "score": round(self.score, 3),
            "subject": list(self.subject), "before": self.before.to_dict(), "after": self.after.to_dict(),
        }  # fmt: skip


_WORDS = re.compile(r"[\w'’-]+")


def subject_as_written(shift: StanceShift, most: int | None = None) -> str:
    """The shared subject as the passages write it: each term's first word in them ("Northside" for the
    trimmed stem "northsid", which reads badly), at most ``most`` of them."""
    words = _WORDS.findall(f"{shift.before.snippet} {shift.after.snippet}")
    shown: list[str] = []
    for term in shift.subject:
        word = next((w for w in words if w.casefold().startswith(term.casefold())), term)
        if word.casefold() not in {s.casefold() for s in shown}:
            shown.append(word)
    return ", ".join(shown[:most])
