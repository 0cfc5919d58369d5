"""What to do about a damaged library: the three choices, in plain words, for the window and the CLI.

When the store finds its file damaged it moves it aside (kept, never overwritten). Then
:func:`prepare` salvages every readable row into a new file beside it and looks up the newest backup,
and the analyst picks one of three libraries to work in:

- the **salvaged** library (the default when it holds more highlights than the backup),
- the **backup** of a given date,
- an **empty** library.

:func:`apply` makes the library file hold the choice. Nothing is ever deleted: a library being
replaced is moved aside as ``<name>.set-aside-<timestamp>``, the salvage and the damaged file stay,
so any choice can be changed later (window banner, or ``stance-reader library ...``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from stance_reader import paths
from stance_reader.store import backups, restore_backup
from stance_reader.store.connection import aside_name, move_aside
from stance_reader.store.errors import CorruptDatabaseError, plain_reason
from stance_reader.store.salvage import SalvageReport, highlight_count, salvage


class Choice(StrEnum):
    SALVAGED = "salvaged"
    BACKUP = "backup"
    EMPTY = "empty"


@dataclass(frozen=True)
class Option:
    """One choice as offered: the button's words, what it holds, whether it is the recommended one."""

    choice: Choice
    label: str
    holds: str
    default: bool


@dataclass(frozen=True)
class Recovery:
    """A damaged library and what can replace it. ``damaged`` is the kept original."""

    db_path: Path
    damaged: Path
    reason: str
    report: SalvageReport | None
    salvage_error: str
    backup: Path | None
    backup_highlights: int | None

    @property
    def salvaged(self) -> Path | None:
        return self.report.target if self.report else None

    @property
    def default(self) -> Choice:
        """The salvage when it holds more highlights than the backup; else the backup; else empty."""
        backup = self.backup_highlights if self.backup is not None else None
        if self.report is not None and (backup is None or self.report.highlights > backup):
            return Choice.SALVAGED
        return Choice.BACKUP if backup is not None else Choice.EMPTY


def when(moment: datetime) -> str:
    """ "5 Dec 2026 22:40": a backup's date as the analyst reads it."""
    return f"{moment.day} {moment:%b %Y %H:%M}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def prepare(
    db_path: Path,
    damaged: Path,
    reason: str,
    backups_dir: Path | None = None,
    salvage_to: Path | None = None,
) -> Recovery:
    """Salvage ``damaged`` (the kept original of ``db_path``) into a new file beside it (or
    ``salvage_to``) and find the newest backup. A failed salvage is put in ``salvage_error``."""
    folder = backups_dir or paths.backups_dir()
    backup = backups.latest_backup(db_path, folder) if folder.is_dir() else None
    report, error = None, ""
    try:
        report = salvage(damaged, salvage_to or aside_name(db_path, "salvaged"), backup)
    except Exception as exc:  # whatever the damage does to the reader, the other choices remain
        error = str(exc) or exc.__class__.__name__
    count = highlight_count(backup) if backup else None
    return Recovery(db_path, damaged, reason, report, error, backup if count is not None else None, count)


def from_error(error: CorruptDatabaseError, backups_dir: Path | None = None) -> Recovery:
    """:func:`prepare` for the file a store just moved aside."""
    return prepare(error.path, error.moved_to or error.path, error.reason, backups_dir)


def options(recovery: Recovery) -> list[Option]:
    """The choices available for ``recovery`` (the backup only when there is one), default first."""
    found = []
    report = recovery.report
    if report is not None:
        found.append(Option(Choice.SALVAGED, "Use the salvaged library", salvaged_words(report), False))
    if recovery.backup is not None:
        taken = backups.taken_at(recovery.backup)
        holds = _plural(recovery.backup_highlights or 0, "highlight")
        found.append(Option(Choice.BACKUP, f"Restore the backup of {when(taken)}", holds, False))
    found.append(Option(Choice.EMPTY, "Start an empty library", "no highlights; nothing is deleted", False))
    default = recovery.default
    marked = [Option(o.choice, o.label, o.holds, o.choice is default) for o in found]
    return sorted(marked, key=lambda o: not o.default)


def salvaged_words(report: SalvageReport) -> str:
    """ "486 highlights, 200 newer than the backup" and any caveat worth a word."""
    parts = [_plural(report.highlights, "highlight")]
    if report.backup is not None:
        parts.append(f"{report.backup.newer} newer than the backup")
        if report.backup.only_in_backup:
            parts.append(f"{report.backup.only_in_backup} only in the backup")
    if report.lost_articles:
        parts.append(f"{_plural(report.lost_articles, 'article')} lost (its highlights kept)")
    if report.changed:
        parts.append(f"{len(report.changed)} with text that differs from what was saved")
    return ", ".join(parts)


def message(recovery: Recovery, applied: Choice) -> str:
    """The banner's text once ``applied`` is in use: what happened, where things are, what is open."""
    head = (
        f"Your library {recovery.db_path.name} was damaged ({plain_reason(recovery.reason)}). "
        f"The damaged file was moved aside and kept as {recovery.damaged.name}."
    )
    now = {option.choice: option for option in options(recovery)}.get(applied)
    using = {
        Choice.SALVAGED: "Now using the salvaged library",
        Choice.BACKUP: "Now using the backup",
        Choice.EMPTY: "Now using an empty library",
    }[applied]
    detail = f": {now.holds}." if now is not None and applied is not Choice.EMPTY else "."
    failed = f" Salvage failed: {recovery.salvage_error}." if recovery.salvage_error else ""
    return f"{head}{failed} {using}{detail}"


def apply(recovery: Recovery, choice: Choice) -> Path | None:
    """Make ``recovery.db_path`` hold ``choice``; returns where a library it replaced was moved."""
    if choice is Choice.SALVAGED:
        if recovery.salvaged is None:
            raise FileNotFoundError("there is no salvaged library to use")
        return use_copy_of(recovery.salvaged, recovery.db_path)
    if choice is Choice.BACKUP:
        if recovery.backup is None:
            raise FileNotFoundError("there is no backup to restore")
        return use_copy_of(recovery.backup, recovery.db_path)
    return set_aside(recovery.db_path)


def set_aside(db_path: Path) -> Path | None:
    """Move the library at ``db_path`` out of the way (kept as ``.set-aside-…``); None if none."""
    if not db_path.exists():
        return None
    moved = move_aside(db_path, "set-aside")
    if moved is None:
        raise OSError(f"could not move {db_path} aside")
    return moved


def use_copy_of(source: Path, db_path: Path) -> Path | None:
    """A checked copy of ``source`` (salvage or backup) becomes the library; ``source`` stays."""
    moved = set_aside(db_path)
    restore_backup(source, db_path)
    return moved


# --- for the command line: the same choices on a library file named by path ---------------------------


def find_backup(db_path: Path, spec: str = "latest", backups_dir: Path | None = None) -> Path:
    """The backup ``spec`` names: "latest", a timestamp like 20261205-224044 (or a prefix of it,
    such as a day 20261205), or a file path."""
    folder = backups_dir or paths.backups_dir()
    every = backups.backups_of(db_path, folder) if folder.is_dir() else []
    if spec == "latest":
        if not every:
            raise FileNotFoundError(f"no backup of {db_path.name} in {folder}")
        return every[-1]
    as_file = Path(spec).expanduser()
    if as_file.is_file():
        return as_file
    stamp = spec.replace(" ", "-").replace(":", "")
    matching = [p for p in every if p.name.startswith(f"{db_path.stem}.{stamp}")]
    if not matching:
        raise FileNotFoundError(f"no backup of {db_path.name} taken at {spec} in {folder}")
    return matching[-1]


def backup_lines(db_path: Path, backups_dir: Path | None = None) -> list[str]:
    """One line per backup, oldest first: stamp to pass to ``--backup``, date, highlights, why taken."""
    folder = backups_dir or paths.backups_dir()
    lines = []
    for path in backups.backups_of(db_path, folder) if folder.is_dir() else []:
        count = highlight_count(path)
        holds = "unreadable" if count is None else _plural(count, "highlight")
        why = " (before an upgrade)" if ".before-" in path.name else ""
        stamp = path.name.removeprefix(f"{db_path.stem}.").split(".")[0]
        lines.append(f"{stamp}  {when(backups.taken_at(path))}  {holds}{why}  {path}")
    return lines


def take_aside_if_damaged(db_path: Path) -> tuple[Path, str] | None:
    """Move a damaged library file aside (a repair command's first step); (where, why) or None."""
    from stance_reader.store.connection import damage

    reason = damage(db_path)
    if reason is None:
        return None
    moved = move_aside(db_path)
    if moved is None:
        raise OSError(f"could not move the damaged {db_path} aside")
    return moved, reason
