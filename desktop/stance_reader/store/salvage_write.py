"""Writing salvaged rows into a fresh library of the current schema.

Owns :func:`fresh_library` (an empty store built by the migrations), :func:`write_rows` (each table's
gathered rows cleaned to the current columns, checked against its shape and inserted parents first; a
row refused by SQLite, a duplicate or one without its parent, is counted, the rest go on; highlights
whose article was lost get a placeholder article and are marked orphaned) and :func:`keep_ids_unused`
(ids handed out before the damage are never handed out again). Runs on a connection the caller holds
in one transaction.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from stance_reader.store.checksums import highlight_checksum
from stance_reader.store.dates import iso_day
from stance_reader.store.salvage_read import Gathered
from stance_reader.store.salvage_shapes import SHAPES, Row, TableShape
from stance_reader.store.store import Store


def _clean(shape: TableShape, row: Row) -> Row:
    """``row`` with only the current columns, defaults for ones an old schema lacked."""
    out = {name: row.get(name) for name in shape.columns if name in row}
    if shape.name == "documents" and out.get("date_iso") is None:
        out["date_iso"] = iso_day(out.get("date") or "")
    stamped = isinstance(out.get("checksum"), str) and bool(out["checksum"])
    if shape.name == "highlights" and not stamped:  # saved before migration 4
        out["checksum"] = highlight_checksum(out["quote"], out["note"])
    return out


def _placeholder(doc_id: int, highlights: list[Row]) -> Row:
    """An article standing in for one that could not be read, so its highlights stay visible."""
    now = datetime.now().isoformat(" ")
    return {
        "id": doc_id,
        "content_hash": hashlib.sha256(f"stance-reader lost article {doc_id} {now}".encode()).hexdigest(),
        "text": "\n\n".join(h["quote"] for h in highlights),
        "title": f"Article {doc_id} (lost in a damaged library; its highlights were salvaged)",
        "notices": json.dumps(["The text of this article could not be salvaged; only its highlights."]),
        "created": now,
        "updated": now,
    }


def _insert(conn: sqlite3.Connection, table: str, row: Row) -> bool:
    names = ", ".join(f'"{name}"' for name in row)
    marks = ", ".join("?" for _ in row)
    try:
        conn.execute(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', tuple(row.values()))
    except sqlite3.Error:  # a duplicate or a missing parent: the row is refused, the rest go on
        return False
    return True


def write_rows(conn: sqlite3.Connection, gathered: Gathered) -> tuple[dict[str, int], dict[str, int], int]:
    """Insert the gathered rows that pass their shape, parents first; returns rows written and refused
    per table, and how many placeholder articles were made."""
    written: dict[str, int] = {}
    refused: dict[str, int] = {}
    lost = 0
    for shape in SHAPES:
        rows = [_clean(shape, r) for _, r in sorted(gathered.rows.get(shape.name, {}).items())]
        good = [r for r in rows if shape.check(r)]
        if shape.name == "highlights":
            lost = _add_placeholders(conn, good)
        ok = sum(_insert(conn, shape.name, row) for row in good)
        written[shape.name], refused[shape.name] = ok, len(rows) - ok
    return written, refused, lost


def _add_placeholders(conn: sqlite3.Connection, highlights: list[Row]) -> int:
    have = {doc_id for (doc_id,) in conn.execute("SELECT id FROM documents")}
    missing: dict[int, list[Row]] = {}
    for row in highlights:
        if row["document_id"] not in have:
            missing.setdefault(row["document_id"], []).append(row)
            row["orphaned"] = 1  # its offsets point into text that is gone
    for doc_id, rows in missing.items():
        _insert(conn, "documents", _placeholder(doc_id, rows))
    return len(missing)


def keep_ids_unused(conn: sqlite3.Connection, sequence: Mapping[str, int]) -> None:
    """Ids handed out before the damage are never handed out again (undo restores by id)."""
    for name, seq in sequence.items():
        conn.execute("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?", (seq, name))


def fresh_library(path: Path) -> None:
    """An empty library of the current schema at ``path``."""
    Store(str(path), auto_backup=False).close()  # the migrations build the current schema
