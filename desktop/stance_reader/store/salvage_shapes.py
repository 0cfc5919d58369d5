"""What a sound row of each of our tables looks like, for salvage.

Owns :class:`TableShape` (a table's columns in file order, how short an old row may be, whether the first
column is the rowid, and the check a row must pass) and ``SHAPES``, every table salvage keeps, parents
first. Salvage uses the shapes twice: to recognise a raw page cell as a row of one of our tables
(``salvage_read``), and to refuse a row whose types, kinds or JSON are wrong before it is written
(``salvage_write``). Standard library only; nothing here reads or writes a file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from stance_reader.core.corrections import CorrectionKind
from stance_reader.core.ledger import LEDGER_KINDS
from stance_reader.core.models import HighlightKind

_HASH = re.compile(r"^[0-9a-f]{64}$")
_STAMP = re.compile(r"^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d")
Row = dict[str, Any]


@dataclass(frozen=True)
class TableShape:
    """One of our tables as salvage sees it: columns in file order, and what a sound row looks like."""

    name: str
    columns: tuple[str, ...]
    min_columns: int  # rows written before a later migration appended columns are shorter
    alias: bool = True  # the first column is the rowid (INTEGER PRIMARY KEY), stored as NULL
    check: Callable[[Row], bool] = field(default=lambda row: True)


def _texts(row: Row, *names: str) -> bool:
    return all(isinstance(row.get(n), str) for n in names)


def _ints(row: Row, *names: str) -> bool:
    return all(isinstance(row.get(n), int) and not isinstance(row.get(n), bool) for n in names)


def _json(text: Any, kind: type) -> bool:
    try:
        return isinstance(json.loads(text), kind)
    except (TypeError, ValueError):
        return False


def _document_ok(row: Row) -> bool:
    texts = ("text", "title", "outlet", "date", "author", "section", "url", "source_path", "source_format")
    return (
        _texts(row, "content_hash", *texts, "created", "updated")
        and bool(_HASH.match(row["content_hash"]))
        and bool(_STAMP.match(row["created"]))
        and _json(row.get("notices"), list)
    )


_KINDS = {str(kind) for kind in HighlightKind}


def _highlight_ok(row: Row) -> bool:
    return (
        _ints(row, "document_id", "start", "end", "orphaned")
        and _texts(row, "quote", "prefix", "suffix", "colour", "note", "origin", "rule", "created", "updated")
        and row["kind"] in _KINDS
        and 0 <= row["start"] <= row["end"]
        and (row.get("speaker") is None or isinstance(row["speaker"], str))
        and bool(_STAMP.match(row["created"]))
        and _json(row.get("extra"), dict)
    )


def _tag_ok(row: Row) -> bool:
    return _texts(row, "name", "key") and row["key"] == row["name"].casefold() and bool(row["key"])


def _analysis_ok(row: Row) -> bool:
    return (
        _texts(row, "content_hash", "pipeline", "data", "created")
        and bool(_HASH.match(row["content_hash"]))
        and _json(row["data"], dict)
    )


_CORRECTION_KINDS = {str(kind) for kind in CorrectionKind}


def _correction_ok(row: Row) -> bool:
    return (
        _ints(row, "document_id", "start", "end", "orphaned")
        and _texts(row, "content_hash", "decided", "cue", "quote", "prefix", "suffix", "note", "created")
        and bool(_HASH.match(row["content_hash"]))
        and row["kind"] in _CORRECTION_KINDS
        and 0 <= row["start"] <= row["end"]
        and (row.get("speaker") is None or isinstance(row["speaker"], str))
        and bool(_STAMP.match(row["created"]))
        and _json(row.get("cue"), list)
        and (row.get("target") == "null" or _json(row.get("target"), dict))
        and _json(row.get("extra"), dict)
    )


_DAY = re.compile(r"^\d{4}-\d\d-\d\d$")


def _speaker_mark_ok(row: Row) -> bool:
    confidence = row.get("confidence")
    day = row.get("date_iso")
    return (
        _ints(row, "document_id", "start", "end")
        and _texts(row, "mention_key", "mention", "speaker_key", "speaker_name", "snippet", "outlet", "title")
        and row["kind"] in LEDGER_KINDS
        and 0 <= row["start"] <= row["end"]
        and bool(row["mention_key"])
        and bool(row["speaker_key"])
        and (confidence is None or (isinstance(confidence, int | float) and not isinstance(confidence, bool)))
        and (day is None or (isinstance(day, str) and bool(_DAY.match(day))))
    )


def _alias_ok(row: Row) -> bool:
    return (
        _texts(row, "alias_key", "canonical_key", "created")
        and bool(row["alias_key"])
        and bool(row["canonical_key"])
        and bool(_STAMP.match(row["created"]))
    )


def _link_ok(row: Row) -> bool:
    return _ints(row, "highlight_id", "tag_id", "position") and row["highlight_id"] > 0 and row["tag_id"] > 0


_DOC_COLUMNS = (
    "id", "content_hash", "text", "title", "outlet", "date", "author", "section", "url", "source_path",
    "source_format", "notices", "created", "updated", "date_iso",
)  # fmt: skip
_HIGHLIGHT_COLUMNS = (
    "id", "document_id", "start", "end", "quote", "prefix", "suffix", "kind", "speaker", "colour", "note",
    "origin", "rule", "orphaned", "extra", "created", "updated", "checksum",
)  # fmt: skip
_CORRECTION_COLUMNS = (
    "id", "document_id", "content_hash", "kind", "decided", "start", "end", "cue", "quote", "prefix",
    "suffix", "speaker", "target", "note", "orphaned", "extra", "created", "updated",
)  # fmt: skip
_SPEAKER_MARK_COLUMNS = (
    "id", "document_id", "mention_key", "mention", "speaker_key", "speaker_name", "kind", "start", "end",
    "snippet", "confidence", "date_iso", "outlet", "title",
)  # fmt: skip
# Parents first, so foreign keys hold as rows go in. A page cell is tried against each shape in turn;
# the checks are strict enough that no row of one table passes for another (corrections and highlights
# both have 18 columns, but column 3 is a content hash in one and an offset in the other).
SHAPES = (
    TableShape("documents", _DOC_COLUMNS, 14, check=_document_ok),
    TableShape("analyses", ("id", "content_hash", "pipeline", "data", "created"), 5, check=_analysis_ok),
    TableShape("tags", ("id", "name", "key"), 3, check=_tag_ok),
    TableShape("highlights", _HIGHLIGHT_COLUMNS, 17, check=_highlight_ok),
    TableShape("highlight_tags", ("highlight_id", "tag_id", "position"), 3, alias=False, check=_link_ok),
    TableShape("corrections", _CORRECTION_COLUMNS, 18, check=_correction_ok),
    # The speaker ledger (v6): its marks are derived from analyses but cheap to keep; the aliases are
    # the analyst's merges and splits and must survive. ``alias_key`` is a TEXT key, not the rowid.
    TableShape("speaker_marks", _SPEAKER_MARK_COLUMNS, 14, check=_speaker_mark_ok),
    TableShape("speaker_aliases", ("alias_key", "canonical_key", "created"), 3, alias=False, check=_alias_ok),
)
