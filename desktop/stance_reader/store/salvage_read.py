"""Reading a damaged library for salvage: every readable row, from up to three sources.

Owns :func:`working_copy` (the damaged file and its ``-wal`` copied into a work folder; the original is
never opened), :func:`gather` (rows per table by rowid from SQLite row by row, then ``sqlite3
.recover``, then the raw pages, each filling only what the ones before could not settle) and
:class:`Gathered`, what it returns. :func:`connect_ro` opens a file read-only with damaged text decoded
leniently; :func:`page_rows` yields the rows the raw pages hold. Rows are raw dicts here; the schema
checks are ``salvage_shapes``' and the writing is ``salvage_write``'s.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import subprocess
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stance_reader.store.pagescan import PageFile
from stance_reader.store.salvage_shapes import SHAPES, Row, TableShape

RECOVER_TIMEOUT_S = 300
PROBE_SLACK = 2_000  # rowids probed past the highest known one when the end of a table is unreadable


@dataclass
class Gathered:
    """Rows per table by rowid, and the rowid ranges SQLite settled (read, or certainly empty)."""

    rows: dict[str, dict[int, Row]] = field(default_factory=dict)
    settled: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    sources: dict[str, int] = field(default_factory=dict)

    def settled_at(self, table: str, rowid: int) -> bool:
        return any(lo <= rowid <= hi for lo, hi in self.settled.get(table, ()))

    def offer(self, table: str, rowid: int, row: Row, source: str, *, only_unsettled: bool) -> None:
        found = self.rows.setdefault(table, {})
        if rowid in found or (only_unsettled and self.settled_at(table, rowid)):
            return
        found[rowid] = row
        self.sources[source] = self.sources.get(source, 0) + 1


# --- 1. SQLite, row by row ------------------------------------------------------------------------


def connect_ro(path: Path) -> sqlite3.Connection:
    """``path`` opened read-only, text decoded leniently (bad UTF-8 becomes U+FFFD)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    # A row with a damaged character is still worth keeping; its checksum will name it.
    conn.text_factory = lambda raw: raw.decode("utf-8", "replace")
    return conn


def _tables_in(conn: sqlite3.Connection) -> set[str]:
    try:
        return {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.Error:
        return set()


def _sequence(conn: sqlite3.Connection) -> dict[str, int]:
    with contextlib.suppress(sqlite3.Error):
        return {str(name): int(seq) for name, seq in conn.execute("SELECT name, seq FROM sqlite_sequence")}
    return {}


def _scan(conn: sqlite3.Connection, table: str, start: int, rows: dict[int, Row]) -> tuple[int, bool]:
    """Read ``table`` from rowid ``start`` on until the end (True) or a damaged page (False);
    returns the last rowid read (``start - 1`` when none) and whether the end was reached."""
    last = start - 1
    try:
        cursor = conn.execute(
            f'SELECT rowid, * FROM "{table}" NOT INDEXED WHERE rowid >= ? ORDER BY rowid', (start,)
        )
        names = [d[0] for d in cursor.description][1:]
        for rowid, *values in cursor:
            rows[rowid] = dict(zip(names, values, strict=True))
            last = rowid
    except sqlite3.Error:
        return last, False
    return last, True


def _probe(conn: sqlite3.Connection, table: str, rowid: int) -> Row | bool | None:
    """Row ``rowid`` read on its own (index-free): the row, False when there is none, None when
    SQLite cannot tell (a damaged page on the way)."""
    try:
        cursor = conn.execute(f'SELECT * FROM "{table}" NOT INDEXED WHERE rowid = ?', (rowid,))
        found = cursor.fetchone()
    except sqlite3.Error:
        return None
    if found is None:
        return False
    return dict(zip([d[0] for d in cursor.description], found, strict=True))


def _read_table(
    conn: sqlite3.Connection, table: str, upper: int
) -> tuple[dict[int, Row], list[tuple[int, int]]]:
    """Every row SQLite can read, skipping damaged pages, and the rowid ranges it settled."""
    rows: dict[int, Row] = {}
    settled: list[tuple[int, int]] = []
    start: int | None = 1
    while start is not None:
        last, finished = _scan(conn, table, start, rows)
        if finished:
            settled.append((start, 2**63 - 1))
            break
        settled.append((start, last))
        start = _step_past_damage(conn, table, last + 1, max(upper, last) + PROBE_SLACK, rows, settled)
    return rows, settled


def _step_past_damage(
    conn: sqlite3.Connection,
    table: str,
    rowid: int,
    limit: int,
    rows: dict[int, Row],
    settled: list[tuple[int, int]],
) -> int | None:
    """Read single rows from ``rowid`` on until one reads; the rowid to resume range reads from
    (always past ``rowid``, so the caller progresses), or None at ``limit``."""
    while rowid <= limit:
        found = _probe(conn, table, rowid)
        if found is not None:
            settled.append((rowid, rowid))
        if isinstance(found, dict):
            rows[rowid] = found
            return rowid + 1
        rowid += 1
    return None


def _gather_sqlite(path: Path, into: Gathered, page_max: Mapping[str, int]) -> None:
    try:
        conn = connect_ro(path)
    except sqlite3.Error:
        return
    try:
        present, sequence = _tables_in(conn), _sequence(conn)
        for shape in SHAPES:
            if shape.name not in present:
                continue
            upper = max(sequence.get(shape.name, 0), page_max.get(shape.name, 0))
            rows, settled = _read_table(conn, shape.name, upper)
            into.settled[shape.name] = settled
            for rowid, row in rows.items():
                into.offer(shape.name, rowid, row, "sqlite", only_unsettled=False)
    finally:
        conn.close()


# --- 2. sqlite3 .recover --------------------------------------------------------------------------


def _gather_recover(path: Path, work: Path, into: Gathered) -> str:
    """Rows from ``sqlite3 .recover``; returns why it could not be used ("" when it was)."""
    binary = shutil.which("sqlite3")
    if binary is None:
        return "the sqlite3 command is not installed"
    try:
        dump = subprocess.run(
            [binary, str(path), ".recover --ignore-freelist"],
            capture_output=True, timeout=RECOVER_TIMEOUT_S, check=False,
        )  # fmt: skip
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"sqlite3 .recover failed to run ({exc})"
    script = dump.stdout.decode("utf-8", "replace")
    if dump.returncode != 0 or "COMMIT" not in script[-200:]:
        detail = dump.stderr.decode("utf-8", "replace").strip().splitlines()
        return f"sqlite3 .recover gave no usable output ({detail[0] if detail else dump.returncode})"
    recovered = work / "recovered.sqlite3"
    try:
        with contextlib.closing(sqlite3.connect(recovered)) as conn:
            conn.executescript(script)
    except sqlite3.Error as exc:
        return f"the output of sqlite3 .recover did not load ({exc})"
    rows = Gathered()
    _gather_sqlite(recovered, rows, {})
    for table, found in rows.rows.items():
        for rowid, row in found.items():
            into.offer(table, rowid, row, "sqlite3 .recover", only_unsettled=True)
    return ""


# --- 3. raw pages ---------------------------------------------------------------------------------


def _shape_row(shape: TableShape, rowid: int, values: tuple[Any, ...]) -> Row | None:
    if not shape.min_columns <= len(values) <= len(shape.columns):
        return None
    if shape.alias and values[0] is not None:
        return None
    row = dict(zip(shape.columns, values, strict=False))
    if shape.alias:
        row[shape.columns[0]] = rowid
    return row if shape.check(row) else None


def page_rows(path: Path) -> Iterator[tuple[str, int, Row]]:
    """(table, rowid, row) of every raw page cell that passes one of our tables' shapes."""
    for cell in PageFile.open(path).cells():
        for shape in SHAPES:
            row = _shape_row(shape, cell.rowid, cell.values)
            if row is not None:
                yield shape.name, cell.rowid, row
                break


def _newest_first(rows: Iterable[tuple[str, int, Row]]) -> list[tuple[str, int, Row]]:
    """Two copies of one row on different pages (a split left an old one): the last edited wins."""
    return sorted(rows, key=lambda item: str(item[2].get("updated", "")), reverse=True)


# --- the three sources together -------------------------------------------------------------------


def working_copy(source: Path, work: Path) -> Path:
    """``source`` (and its ``-wal``, checkpointed in) copied into ``work``; the original is not opened."""
    copy = work / "damaged.sqlite3"
    shutil.copyfile(source, copy)
    wal = source.with_name(source.name + "-wal")
    if wal.exists():
        shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
        with contextlib.suppress(sqlite3.Error), contextlib.closing(sqlite3.connect(copy)) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # fold committed saves into the copy
    return copy


def gather(copy: Path, work: Path) -> tuple[Gathered, str, dict[str, int]]:
    """Rows of ``copy`` from SQLite, ``.recover`` and the raw pages, in that order of trust; also why
    ``.recover`` was not used ("" when it was) and the copy's ``sqlite_sequence`` (empty if unreadable)."""
    gathered = Gathered()
    from_pages = _newest_first(page_rows(copy))
    page_max: dict[str, int] = {}
    for table, rowid, _ in from_pages:
        page_max[table] = max(page_max.get(table, 0), rowid)
    _gather_sqlite(copy, gathered, page_max)
    note = _gather_recover(copy, work, gathered)
    for table, rowid, row in from_pages:
        gathered.offer(table, rowid, row, "pages", only_unsettled=True)
    with contextlib.suppress(sqlite3.Error), contextlib.closing(connect_ro(copy)) as conn:
        return gathered, note, _sequence(conn)
    return gathered, note, {}
