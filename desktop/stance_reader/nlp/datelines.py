"""News datelines: "DUBLIN (Tidewater Wire) - ", "ROTTERDAM, 4 March — ", the place (and agency or
date) a wire story opens with before its first sentence. The entity layer reads the place as a place,
not a person; the attribution layer keeps it out of what a source is reported to say."""

from __future__ import annotations

import re
from collections.abc import Iterator

DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z.'\- ]{2,40})"  # the place in capitals
    r"(?: ?\((?P<agency>[^)\n]{1,40})\))?"  # (the agency)
    r"(?:, [^\n,\u2014\u2013]{1,30})?"  # , the date
    r" ?(?:-|--|\u2013|\u2014) "
)


def dateline_end(text: str, start: int, end: int | None = None) -> int | None:
    """Where the dateline opening the line at ``start`` ends (after its dash), or None."""
    if start and text[start - 1] != "\n":
        return None
    found = DATELINE.match(text, start, len(text) if end is None else end)
    return found.end() if found else None


def dateline_names(text: str, start: int) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """The (start, end) of the place and of the agency in the dateline opening the line at ``start``."""
    if start and text[start - 1] != "\n":
        return None, None
    found = DATELINE.match(text, start)
    if found is None:
        return None, None
    place = found.span("place")
    place = (place[0], place[0] + len(text[place[0] : place[1]].rstrip(" ,.-")))
    agency = found.span("agency") if found.group("agency") else None
    return place, agency


def line_starts(text: str) -> Iterator[int]:
    """The offset of every line's first character, 0 included: where a dateline may stand."""
    line = 0
    while line >= 0:
        yield line
        nxt = text.find("\n", line)
        line = nxt + 1 if nxt >= 0 else -1
