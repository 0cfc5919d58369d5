"""Writers for the speaker ledger: the speaker list as a table, JSON or CSV, and one speaker's ledger
as Markdown or JSON. They take ``core.ledger`` values and know nothing of the store."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence

from stance_reader.core.ledger import LedgerEntry, SpeakerSummary, StanceShift, WeekCount

SPEAKER_COLUMNS = (
    "name",
    "key",
    "hedges",
    "commitments",
    "quotes",
    "total",
    "articles",
    "first_date",
    "last_date",
)
KIND_TITLES = {"hedge": "Hedge", "commitment": "Commitment", "quote": "Quote"}


def speakers_json(speakers: Sequence[SpeakerSummary]) -> str:
    return json.dumps({"speakers": [s.to_dict() for s in speakers]}, ensure_ascii=False, indent=2) + "\n"


def speakers_csv(speakers: Sequence[SpeakerSummary]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(SPEAKER_COLUMNS)
    for s in speakers:
        row = s.to_dict()
        writer.writerow(["" if row[c] is None else row[c] for c in SPEAKER_COLUMNS])
    return out.getvalue()


def speakers_table(speakers: Sequence[SpeakerSummary]) -> str:
    head = ("Speaker", "Hedges", "Commitments", "Quotes", "Articles", "First", "Last")
    rows = [
        (s.name, str(s.hedges), str(s.commitments), str(s.quotes), str(s.articles),
         s.first_date or "—", s.last_date or "—")
        for s in speakers
    ]  # fmt: skip
    widths = [max(len(r[i]) for r in (head, *rows)) for i in range(len(head))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    body = [line(head), line(["-" * w for w in widths]), *(line(r) for r in rows)]
    if not rows:
        body.append("(no speakers yet: import and analyse articles first)")
    return "\n".join(body) + "\n"


def ledger_json(
    speaker: SpeakerSummary,
    entries: Sequence[LedgerEntry],
    filters: Mapping[str, object],
    *,
    shifts: Sequence[StanceShift] = (),
) -> str:
    data = {
        "speaker": speaker.to_dict(), "filters": dict(filters), "entries": [e.to_dict() for e in entries],
        "shifts": [s.to_dict() for s in shifts],
    }  # fmt: skip
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _confidence(value: float | None) -> str:
    return "" if value is None else f" · confidence {value:.2f}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _where(entry: LedgerEntry) -> str:
    return " · ".join(x for x in (entry.title or f"Article {entry.document_id}", entry.outlet,
                                  entry.date_iso or "undated") if x)  # fmt: skip


def shifts_markdown(shifts: Sequence[StanceShift]) -> list[str]:
    """The stance shifts as a two-column table (earlier commitment | later hedge or negation)."""
    lines = ["", f"## Stance shifts ({len(shifts)})", ""]
    if not shifts:
        return [*lines, "No stance shifts found."]
    lines += ["| Earlier commitment | Later hedge or negation |", "|---|---|"]
    for s in shifts:
        turn = "hedged" if s.reason == "hedge" else "negated"
        cells = [f"{_one_line(e.snippet)} *({_where(e)})*".replace("|", "\\|") for e in (s.before, s.after)]
        lines.append(f"| {cells[0]} | {cells[1]} ({turn}; shared: {', '.join(s.subject[:5])}) |")
    return lines


def weeks_markdown(weeks: Sequence[WeekCount]) -> list[str]:
    """Marks per week by kind, weeks with marks only (the text stand-in for the timeline picture)."""
    busy = [w for w in weeks if w.total]
    lines = ["", "## Timeline", ""]
    if not busy:
        return [*lines, "No dated marks."]
    lines += ["| Week of | Hedges | Commitments | Quotes |", "|---|---:|---:|---:|"]
    return lines + [f"| {w.week_start} | {w.hedges} | {w.commitments} | {w.quotes} |" for w in busy]


def ledger_markdown(
    speaker: SpeakerSummary,
    entries: Sequence[LedgerEntry],
    filters: Mapping[str, object],
    *,
    shifts: Sequence[StanceShift] | None = None,
    mentions: Sequence[tuple[str, int]] = (),
    weeks: Sequence[WeekCount] | None = None,
) -> str:
    """The ledger as Markdown; with ``shifts``/``weeks`` (the dossier) those sections come before the
    articles, and ``mentions`` lists the names the speaker is mentioned under."""
    lines = [f"# {speaker.name}", ""]
    span = f"{speaker.first_date or '?'} – {speaker.last_date or '?'}"
    lines.append(
        f"{speaker.hedges} hedges, {speaker.commitments} commitments, {speaker.quotes} quotes"
        f" in {speaker.articles} articles ({span})."
    )
    shown = {k: v for k, v in filters.items() if v}
    if shown:
        lines.append("")
        lines.append(
            "Filtered by " + ", ".join(f"{k}: {v}" for k, v in shown.items()) + f" — {len(entries)} shown."
        )
    if mentions:
        lines += ["", "Mentioned as " + "; ".join(f"{_one_line(n)} ({c})" for n, c in mentions) + "."]
    if weeks is not None:
        lines += weeks_markdown(weeks)
    if shifts is not None:
        lines += shifts_markdown(shifts)
    current: tuple[int, str] | None = None
    for e in entries:
        if current != (e.document_id, e.title):
            current = (e.document_id, e.title)
            where = " · ".join(x for x in (e.date_iso or "undated", e.outlet) if x)
            lines += ["", f"## {e.title or f'Article {e.document_id}'}", "", f"*{where}*", ""]
        text = e.snippet.replace("\n", " ")
        lines.append(f"- **{KIND_TITLES.get(e.kind, e.kind)}**{_confidence(e.confidence)}: {text}")
    if not entries:
        lines += ["", "(nothing matches)"]
    return "\n".join(lines) + "\n"
