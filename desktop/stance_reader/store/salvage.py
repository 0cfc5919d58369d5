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

The parts: ``salvage_shapes`` (what a sound row of each table looks like), ``salvage_read`` (the working
copy and the three sources), ``salvage_write`` (the fresh library and the rows written into it). This
module runs them in order and owns the report (:class:`SalvageReport`, with :class:`BackupComparison`
against the newest backup) and :func:`highlight_count`.
"""

from __future__ import annotations

import contextlib
import sqlite3
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from stance_reader.store.backups import taken_at
from stance_reader.store.checksums import mismatched
from stance_reader.store.pagescan import repair_header
from stance_reader.store.salvage_read import connect_ro, gather, working_copy
from stance_reader.store.salvage_write import fresh_library, keep_ids_unused, write_rows


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


def salvage(damaged: Path, target: Path, backup: Path | None = None) -> SalvageReport:
    """Salvage the readable rows of ``damaged`` (never written to) into a new library at ``target``
    (which must not exist), compared with ``backup`` when given."""
    if target.exists():
        raise FileExistsError(f"{target} exists; a salvage never overwrites a file")
    with tempfile.TemporaryDirectory(prefix="stance-salvage-") as folder:
        work = Path(folder)
        copy = working_copy(damaged, work)
        repaired = repair_header(copy)
        gathered, note, sequence = gather(copy, work)
        partial = target.with_name(target.name + ".partial")
        partial.unlink(missing_ok=True)
        fresh_library(partial)
        with contextlib.closing(sqlite3.connect(partial)) as conn:
            conn.execute("PRAGMA foreign_keys = ON")
            with conn:
                written, refused, lost = write_rows(conn, gathered)
                keep_ids_unused(conn, sequence)
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
    with contextlib.closing(connect_ro(path)) as conn:
        return {int(i): str(u) for i, u in conn.execute("SELECT id, updated FROM highlights")}


def highlight_count(path: Path) -> int | None:
    """How many highlights the library at ``path`` holds (None when it cannot be read)."""
    try:
        with contextlib.closing(connect_ro(path)) as conn:
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
