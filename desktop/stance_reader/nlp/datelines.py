"""News datelines: "DUBLIN (Tidewater Wire) - ", "ROTTERDAM, 4 March — ", the place (and agency or
date) a wire story opens with before its first sentence. The entity layer reads the place as a place,
not a person; the attribution layer keeps it out of what a source is reported to say."""

from __future__ import annotations

import re

DATELINE = re.compile(
    r"[A-Z][A-Z.'\- ]{2,40}"  # the place in capitals
    r"(?: ?\([^)\n]{1,40}\))?"  # (the agency)
    r"(?:, [^\n,\u2014\u2013]{1,30})?"  # , the date
    r" ?(?:-|--|\u2013|\u2014) "
)


def dateline_end(text: str, start: int, end: int | None = None) -> int | None:
    """Where the dateline opening the line at ``start`` ends (after its dash), or None."""
    if start and text[start - 1] != "\n":
        return None
    found = DATELINE.match(text, start, len(text) if end is None else end)
    return found.end() if found else None
