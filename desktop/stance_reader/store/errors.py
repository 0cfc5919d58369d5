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
    """The database file is damaged or is not a database. It was moved aside, never overwritten.

    ``path`` is where the file was, ``moved_to`` where it is now (None when moving failed),
    ``latest_backup`` the newest backup of that database (None when there is none).
    """

    def __init__(
        self, path: Path, reason: str, moved_to: Path | None = None, latest_backup: Path | None = None
    ) -> None:
        self.path = path
        self.reason = reason
        self.moved_to = moved_to
        self.latest_backup = latest_backup
        super().__init__(self._message())

    def _message(self) -> str:
        where = f"it was moved aside to {self.moved_to}" if self.moved_to else "it could not be moved aside"
        backup = (
            f"the latest backup is {self.latest_backup}"
            if self.latest_backup
            else "no backup of it exists yet"
        )
        return f"The highlights database {self.path} is damaged ({self.reason}); {where}; {backup}."
