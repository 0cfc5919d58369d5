"""Writers for the speaker ledger: the speaker list as a table, JSON or CSV, and one speaker's ledger
as Markdown or JSON. They take ``core.ledger`` values and know nothing of the store."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from stance_reader.core.ledger import LedgerEntry, SpeakerSummary

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


def ledger_json(speaker: SpeakerSummary, entries: Sequence[LedgerEntry], filters: dict[str, object]) -> str:
    data = {"speaker": speaker.to_dict(), "filters": filters, "entries": [e.to_dict() for e in entries]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _confidence(value: float | None) -> str:
    return "" if value is None else f" · confidence {value:.2f}"


def ledger_markdown(
    speaker: SpeakerSummary, entries: Sequence[LedgerEntry], filters: dict[str, object]
) -> str:
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
