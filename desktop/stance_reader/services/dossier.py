"""One speaker's dossier (issue 21): their ledger, the names they are mentioned under and their stance
shifts, gathered from the store for ``export.dossier`` to write (Qt-free; the PDF writer brings Qt in
only when asked for a PDF)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any, Unpack

from stance_reader.core.ledger import LedgerFilters
from stance_reader.export import whole_or_nothing
from stance_reader.export.dossier import Dossier, render
from stance_reader.export.passages import default_generated_at
from stance_reader.services.shifts import find_shifts
from stance_reader.services.speakers import ledger
from stance_reader.store import Store


def build(
    store: Store, name: str, *, generated_at: str | None = None, **filters: Unpack[LedgerFilters]
) -> Dossier | None:
    """The dossier of the speaker called ``name`` (any name they go by), or None when there is none.

    Shifts are found in the speaker's whole ledger (a filter on kind would otherwise hide the
    commitment a hedge turns from) and kept when their later passage is among the filtered entries."""
    filters["kinds"] = kinds = list(filters.get("kinds", ()))
    found = ledger(store, name, **filters)
    if found is None:
        return None
    speaker, entries = found
    filtered = any(filters.values())
    everything = store.speaker_ledger(speaker.key) if filtered else entries
    shown = {e.id for e in entries}
    shifts = tuple(s for s in find_shifts(everything) if s.after.id in shown)
    names: Counter[str] = Counter()
    for _key, written, marks in store.speaker_mentions(speaker.key):
        names[written] += marks
    as_shown: dict[str, object] = {
        "kinds": kinds, "from": filters.get("date_from"), "to": filters.get("date_to"),
        "outlet": filters.get("outlet"), "text": filters.get("text", ""),
    }  # fmt: skip
    return Dossier(
        speaker, tuple(entries), shifts, tuple(sorted(names.items(), key=lambda kv: (-kv[1], kv[0]))),
        as_shown, generated_at or default_generated_at(),
    )  # fmt: skip


def write(dossier: Dossier, fmt: str, out: Path) -> None:
    """Write the dossier in ``fmt`` (md, json, html, docx, pdf) to ``out``."""
    data = render(dossier, fmt)
    with whole_or_nothing(out) as partial:  # as the other exports: never half a file
        if isinstance(data, bytes):
            partial.write_bytes(data)
        else:
            partial.write_text(data, encoding="utf-8", newline="\n")


def write_dossier(store: Store, speaker: str, filters: dict[str, Any], out: Path) -> str:
    """Build and write ``speaker``'s dossier under ``filters`` (``kinds``, ``date_from``, ``date_to``,
    ``outlet``, ``text``: the ledger's) to ``out``, its format taken from the suffix; returns what
    to tell the analyst."""
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in ("md", "json", "html", "docx", "pdf"):
        raise ValueError(f"no dossier format for {out.name!r} (use .md, .json, .html, .docx or .pdf)")
    dossier = build(store, speaker, **filters)
    if dossier is None:
        raise LookupError(f"no speaker {speaker!r} in the library")
    write(dossier, fmt, out)
    return (
        f"Wrote the dossier of {dossier.speaker.name} to {out} "
        f"({len(dossier.entries)} entries, {len(dossier.shifts)} stance shifts)"
    )


__all__ = ["build", "write", "write_dossier"]
