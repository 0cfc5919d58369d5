"""Salvage every readable row of a damaged library into a fresh database of the current schema.

The damaged file is only ever read: it is copied into a temporary folder (with its ``-wal``), the copy's
file header is repaired if it was overwritten, and rows are gathered from up to three sources, each
filling only what the ones before could not read:

1. SQLite itself, table by table in rowid order. A range read that hits a damaged page is resumed
   after it by probing single rowids (``WHERE rowid = ?``, index-free), so one bad page costs only
   the rows on it. Every rowid SQLite answered for (a row, or certainly no row) is settled here.
2. The ``sqlite3`` command's ``.recover``, when the binary is on PATH and its build supports it.
3. The raw pages (:mod:`pagescan`): rows under a damaged interior or schema page, recognised by the
   shape of our own tables. Only rowids SQLite could not settle are taken from here, so a deleted row
   lingering on a stale page never comes back.

Rows are checked against our schema (types, kinds, JSON) before they are written; highlights whose
article was lost are kept under a placeholder article, marked orphaned. The result is written to a
temporary name, checked, and renamed: a half-written salvage never looks like a good library.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from stance_reader.core.corrections import CorrectionKind
from stance_reader.core.ledger import LEDGER_KINDS
from stance_reader.core.models import HighlightKind
from stance_reader.store.backups import taken_at
from stance_reader.store.checksums import highlight_checksum, mismatched
from stance_reader.store.dates import iso_day
from stance_reader.store.pagescan import PageFile, repair_header
from stance_reader.store.store import Store

RECOVER_TIMEOUT_S = 300
PROBE_SLACK = 2_000  # rowids probed past the highest known one when the end of a table is unreadable
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
        and bool(row["mention_key"]) and bool(row["speaker_key"])
        and (confidence is None or (isinstance(confidence, int | float) and not isinstance(confidence, bool)))
        and (day is None or (isinstance(day, str) and bool(_DAY.match(day))))
    )


def _alias_ok(row: Row) -> bool:
    return (
        _texts(row, "alias_key", "canonical_key", "created")
        and bool(row["alias_key"]) and bool(row["canonical_key"])
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


@dataclass(frozen=True)
class BackupComparison:
    """The salvaged highlights against the newest backup's."""

    path: Path
    taken: datetime
    highlights: int
    newer: int  # salvaged highlights created or edited after the backup was taken
    only_in_backup: int  # highlights the backup holds that the salvage could not read


@dataclass(frozen=True)
class SalvageReport:
    """What a salvage read and wrote. ``rows``: rows written per table; ``refused``: rows read that
    failed the schema checks or lost their parent; ``sources``: rows per source."""

    source: Path
    target: Path
    rows: Mapping[str, int]
    refused: Mapping[str, int]
    sources: Mapping[str, int]
    header_repaired: bool
    recover_note: str  # why ``sqlite3 .recover`` was not used ("" when it was)
    lost_articles: int  # placeholder articles made for highlights whose article was unreadable
    changed: tuple[int, ...]  # salvaged highlights whose text no longer matches its checksum
    backup: BackupComparison | None

    @property
    def highlights(self) -> int:
        return self.rows.get("highlights", 0)


@dataclass
class _Gathered:
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


def _connect_ro(path: Path) -> sqlite3.Connection:
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


def _gather_sqlite(path: Path, into: _Gathered, page_max: Mapping[str, int]) -> None:
    try:
        conn = _connect_ro(path)
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


def _gather_recover(path: Path, work: Path, into: _Gathered) -> str:
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
    rows = _Gathered()
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


def _page_rows(path: Path) -> Iterator[tuple[str, int, Row]]:
    for cell in PageFile.open(path).cells():
        for shape in SHAPES:
            row = _shape_row(shape, cell.rowid, cell.values)
            if row is not None:
                yield shape.name, cell.rowid, row
                break


def _newest_first(rows: Iterable[tuple[str, int, Row]]) -> list[tuple[str, int, Row]]:
    """Two copies of one row on different pages (a split left an old one): the last edited wins."""
    return sorted(rows, key=lambda item: str(item[2].get("updated", "")), reverse=True)


# --- writing ----------------------------------------------------------------------------------------


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


def _write(conn: sqlite3.Connection, gathered: _Gathered) -> tuple[dict[str, int], dict[str, int], int]:
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


def _keep_ids_unused(conn: sqlite3.Connection, sequence: Mapping[str, int]) -> None:
    """Ids handed out before the damage are never handed out again (undo restores by id)."""
    for name, seq in sequence.items():
        conn.execute("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?", (seq, name))


def _fresh_library(path: Path) -> None:
    Store(str(path), auto_backup=False).close()  # the migrations build the current schema


# --- the whole salvage ------------------------------------------------------------------------------


def _working_copy(source: Path, work: Path) -> Path:
    copy = work / "damaged.sqlite3"
    shutil.copyfile(source, copy)
    wal = source.with_name(source.name + "-wal")
    if wal.exists():
        shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
        with contextlib.suppress(sqlite3.Error), contextlib.closing(sqlite3.connect(copy)) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # fold committed saves into the copy
    return copy


def _gather(copy: Path, work: Path) -> tuple[_Gathered, str, dict[str, int]]:
    gathered = _Gathered()
    from_pages = _newest_first(_page_rows(copy))
    page_max: dict[str, int] = {}
    for table, rowid, _ in from_pages:
        page_max[table] = max(page_max.get(table, 0), rowid)
    _gather_sqlite(copy, gathered, page_max)
    note = _gather_recover(copy, work, gathered)
    for table, rowid, row in from_pages:
        gathered.offer(table, rowid, row, "pages", only_unsettled=True)
    with contextlib.suppress(sqlite3.Error), contextlib.closing(_connect_ro(copy)) as conn:
        return gathered, note, _sequence(conn)
    return gathered, note, {}


def salvage(damaged: Path, target: Path, backup: Path | None = None) -> SalvageReport:
    """Salvage the readable rows of ``damaged`` (never written to) into a new library at ``target``
    (which must not exist), compared with ``backup`` when given."""
    if target.exists():
        raise FileExistsError(f"{target} exists; a salvage never overwrites a file")
    with tempfile.TemporaryDirectory(prefix="stance-salvage-") as folder:
        work = Path(folder)
        copy = _working_copy(damaged, work)
        repaired = repair_header(copy)
        gathered, note, sequence = _gather(copy, work)
        partial = target.with_name(target.name + ".partial")
        partial.unlink(missing_ok=True)
        _fresh_library(partial)
        with contextlib.closing(sqlite3.connect(partial)) as conn:
            conn.execute("PRAGMA foreign_keys = ON")
            with conn:
                written, refused, lost = _write(conn, gathered)
                _keep_ids_unused(conn, sequence)
            conn.execute("INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')")
            conn.commit()
            changed = tuple(mismatched(conn.execute("SELECT id, quote, note, checksum FROM highlights")))
            if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("the salvaged library failed its integrity check")
            conn.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, like a backup
        partial.rename(target)
    return SalvageReport(
        source=damaged, target=target, rows=written, refused=refused, sources=dict(gathered.sources),
        header_repaired=repaired, recover_note=note, lost_articles=lost, changed=changed,
        backup=compare_with_backup(target, backup) if backup else None,
    )  # fmt: skip


# --- comparing with a backup ---------------------------------------------------------------------


def _updated_by_id(path: Path) -> dict[int, str]:
    with contextlib.closing(_connect_ro(path)) as conn:
        return {int(i): str(u) for i, u in conn.execute("SELECT id, updated FROM highlights")}


def highlight_count(path: Path) -> int | None:
    """How many highlights the library at ``path`` holds (None when it cannot be read)."""
    try:
        with contextlib.closing(_connect_ro(path)) as conn:
            return int(conn.execute("SELECT count(*) FROM highlights").fetchone()[0])
    except sqlite3.Error:
        return None


def compare_with_backup(library: Path, backup: Path) -> BackupComparison | None:
    """How ``library``'s highlights differ from ``backup``'s (None when the backup cannot be read)."""
    try:
        ours, theirs = _updated_by_id(library), _updated_by_id(backup)
    except sqlite3.Error:
        return None
    newer = sum(1 for hid, updated in ours.items() if hid not in theirs or updated > theirs[hid])
    return BackupComparison(
        path=backup,
        taken=taken_at(backup),
        highlights=len(theirs),
        newer=newer,
        only_in_backup=sum(1 for hid in theirs if hid not in ours),
    )
