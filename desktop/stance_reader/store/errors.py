"""The store's exceptions: what the window shows when the database cannot be used.

Every message is one line an analyst can act on; :class:`CorruptDatabaseError` also carries where the
damaged file went and the newest backup, so the window can offer to restore it.
"""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """Any failure of the highlights store (bad path, locked too long, missing row, damaged file)."""


class NotFoundError(StoreError, LookupError):
    """A document or highlight id that the store does not hold (deleted meanwhile, or never saved)."""


class CorruptDatabaseError(StoreError):
    """The database file is damaged or is not a database. It is moved aside (never overwritten) or, for
    read-only use, left where it is.

    ``path`` is where the file was, ``moved_to`` where it is now (None when moving failed or was not
    tried), ``left_in_place`` True when it was deliberately not moved, ``latest_backup`` the newest
    backup of that database (None when there is none).
    """

    def __init__(
        self,
        path: Path,
        reason: str,
        moved_to: Path | None = None,
        latest_backup: Path | None = None,
        *,
        left_in_place: bool = False,
    ) -> None:
        self.path = path
        self.reason = reason
        self.moved_to = moved_to
        self.latest_backup = latest_backup
        self.left_in_place = left_in_place and moved_to is None
        super().__init__(self._message())

    def _message(self) -> str:
        if self.left_in_place:
            return (
                f"The library {self.path} is damaged ({plain_reason(self.reason)}); it was left where it is."
                f" Run 'stance-reader library salvage --db {self.path}' to recover what is readable."
            )
        where = f"it was moved aside to {self.moved_to}" if self.moved_to else "it could not be moved aside"
        backup = (
            f"the latest backup is {self.latest_backup}"
            if self.latest_backup
            else "no backup of it exists yet"
        )
        why = plain_reason(self.reason)
        return f"The highlights database {self.path} is damaged ({why}); {where}; {backup}."


def plain_reason(reason: str) -> str:
    """SQLite's diagnosis in words an analyst understands (the raw text stays in ``reason``)."""
    text = reason.lower()
    if "not a database" in text or "not an sqlite database" in text:
        return "the file is not a library database, or its first bytes were overwritten"
    if "truncat" in text or "file is too small" in text:
        return "the file is cut short"
    if "malformed" in text or "quick check" in text or "corrupt" in text:
        return "parts of the file cannot be read"
    return reason.splitlines()[0] if reason else "unknown damage"
