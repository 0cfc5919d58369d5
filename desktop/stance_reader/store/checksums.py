"""Per-highlight checksums: notice a highlight's text or note changed by anything but this app.

The app stamps ``highlights.checksum`` whenever it writes a quote or note (migration 4 stamped the rows
that existed before). A row whose stamp no longer matches was edited outside the app (a script, a sync
tool, a disk fault that left the row readable): the analyst is told which ids, nothing is changed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

CHECKSUM_CHARS = 16  # 64 bits: ample to notice a change, short enough to eyeball in a report


def highlight_checksum(quote: str, note: str) -> str:
    """The stamp of one highlight's quote and note (unit separator between, so the split counts)."""
    digest = hashlib.sha256(f"{quote}\x1f{note}".encode()).hexdigest()
    return digest[:CHECKSUM_CHARS]


def mismatched(rows: Iterable[tuple[int, str | None, str | None, str | None]]) -> list[int]:
    """Ids of the ``(id, quote, note, checksum)`` rows whose stamp does not match their text."""
    return [hid for hid, quote, note, stamp in rows if stamp != highlight_checksum(quote or "", note or "")]


def describe_mismatches(ids: list[int], shown: int = 10) -> str:
    """ "2 highlights changed outside the app: ids 4, 17." ("" when none)."""
    if not ids:
        return ""
    listed = ", ".join(str(i) for i in ids[:shown]) + (" …" if len(ids) > shown else "")
    noun = "highlight was" if len(ids) == 1 else "highlights were"
    return f"{len(ids)} {noun} changed outside the app: id{'s' if len(ids) > 1 else ''} {listed}."
