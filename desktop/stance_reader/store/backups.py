"""Backups of a SQLite store with SQLite's online backup API: consistent even while others write.

Names: ``<db stem>.<YYYYmmdd-HHMMSS>[-n][.<reason>].sqlite3`` in the backups folder. Regular backups are
taken at most once a day and the newest :data:`KEEP_DAILY` kept; the ones taken before a migration
(reason ``before-vN``) are rotated separately (:data:`KEEP_TAGGED`), so a daily run never deletes the
copy from before an upgrade. Each backup is written to a temporary name, checked, then renamed,
so a half-written backup never looks like a good one.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

KEEP_DAILY = 7
KEEP_TAGGED = 3
MIN_INTERVAL = timedelta(days=1)
_NAME = re.compile(
    r"^(?P<stem>.+)\.(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?(?:\.(?P<reason>[\w-]+))?\.sqlite3$"
)


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%d-%H%M%S")


def backups_of(db_path: Path, folder: Path) -> list[Path]:
    """Every backup of ``db_path`` in ``folder``, oldest first."""
    found = []
    for candidate in folder.glob(f"{db_path.stem}.*.sqlite3"):
        match = _NAME.match(candidate.name)
        if match and match["stem"] == db_path.stem:
            found.append((match["stamp"], int(match["n"] or 1), candidate))
    return [path for _, _, path in sorted(found)]


def latest_backup(db_path: Path, folder: Path) -> Path | None:
    backups = backups_of(db_path, folder)
    return backups[-1] if backups else None


def taken_at(path: Path) -> datetime:
    match = _NAME.match(path.name)
    assert match is not None
    return datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S")


def due(db_path: Path, folder: Path, now: datetime | None = None) -> bool:
    """True when no regular backup of ``db_path`` is younger than a day."""
    now = now or datetime.now()
    regular = [p for p in backups_of(db_path, folder) if _NAME.match(p.name)["reason"] is None]  # type: ignore[index]
    return not regular or now - taken_at(regular[-1]) >= MIN_INTERVAL


def write_backup(source: sqlite3.Connection, db_path: Path, folder: Path, reason: str = "") -> Path:
    """Copy the open database ``source`` into a new backup file and rotate old ones."""
    folder.mkdir(parents=True, exist_ok=True)
    now = datetime.now()
    tail = (f".{reason}" if reason else "") + ".sqlite3"
    stamp = _stamp(now)
    # Several backups within one second (tests, forced runs): number them after the highest so far,
    # so the newest always sorts last and rotation never deletes the copy just written.
    taken = [_NAME.match(p.name) for p in backups_of(db_path, folder)]
    n = max((int(m["n"] or 1) for m in taken if m and m["stamp"] == stamp), default=0) + 1
    target = folder / (f"{db_path.stem}.{stamp}{tail}" if n == 1 else f"{db_path.stem}.{stamp}-{n}{tail}")
    if target.exists():
        raise FileExistsError(f"{target} exists; backups are never overwritten")
    partial = target.with_name(target.name + ".partial")
    dest = sqlite3.connect(partial)
    try:
        source.backup(dest)
        # A backup is a single self-contained file: no WAL beside it.
        dest.execute("PRAGMA journal_mode=DELETE")
        ok = dest.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    finally:
        dest.close()
    if not ok:
        partial.unlink(missing_ok=True)
        raise sqlite3.DatabaseError("the backup copy failed its integrity check")
    partial.rename(target)
    rotate(db_path, folder)
    return target


def rotate(db_path: Path, folder: Path) -> list[Path]:
    """Delete all but the newest regular and tagged backups; returns what was deleted."""
    regular, tagged = [], []
    for path in backups_of(db_path, folder):
        (tagged if _NAME.match(path.name)["reason"] else regular).append(path)  # type: ignore[index]
    doomed = regular[:-KEEP_DAILY] + tagged[:-KEEP_TAGGED]
    for path in doomed:
        path.unlink(missing_ok=True)
    return doomed


def restore_backup(backup: Path, db_path: Path) -> Path:
    """Make ``backup`` the database at ``db_path`` (which must not exist: a damaged file was moved
    aside first). Copies with the backup API so the result is a clean, checked database."""
    if db_path.exists():
        raise FileExistsError(f"{db_path} exists; move it aside before restoring a backup over it")
    db_path.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    partial = db_path.with_name(db_path.name + ".restoring")
    dest = sqlite3.connect(partial)
    try:
        src.backup(dest)
        ok = dest.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        dest.close()
        src.close()
    if not ok:
        partial.unlink(missing_ok=True)
        raise sqlite3.DatabaseError(f"the backup {backup} is damaged too")
    partial.rename(db_path)
    return db_path
