"""Importing a folder into the library: every supported file under it, with progress; a file that cannot
be read is listed with the reason, never fatal.

Qt-free: the window's lane (``workers/jobs.py``) passes its job's progress and cancellation in as plain
callables; anything else may call it with none.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from stance_reader.services.reading import store_article

if TYPE_CHECKING:
    from stance_reader.store import Store


@dataclass(frozen=True, slots=True)
class FolderImportDone:
    imported: int
    failed: tuple[tuple[str, str], ...]  # (file name, reason)
    cancelled: bool = False


def _no_progress(_fraction: float, _message: str) -> None:
    return None


def import_folder(
    store: Store,
    folder: Path,
    *,
    progress: Callable[[float, str], None] = _no_progress,
    cancelled: Callable[[], bool] = lambda: False,
) -> FolderImportDone:
    """Import every supported file under ``folder``; ``progress(fraction, message)`` before each file,
    and ``cancelled()`` is asked between files (a cancelled import keeps what it imported)."""
    from stance_reader.documents import DocumentError, list_importable, load_article

    paths = list(list_importable(folder))
    failed: list[tuple[str, str]] = []
    imported = 0
    for i, path in enumerate(paths):
        if cancelled():
            return FolderImportDone(imported, tuple(failed), cancelled=True)
        progress(i / max(1, len(paths)), f"Importing {Path(path).name} ({i + 1} of {len(paths)})…")
        try:
            store_article(store, load_article(Path(path)))
            imported += 1
        except (DocumentError, OSError, ValueError) as exc:
            failed.append((Path(path).name, str(exc)))
    progress(1.0, f"Imported {imported} of {len(paths)} files")
    return FolderImportDone(imported, tuple(failed))


__all__ = ["FolderImportDone", "import_folder"]
