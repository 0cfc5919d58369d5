"""Folder import: which files in a folder can be read, and reading them one by one for a progress dialog."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from stance_reader.core.models import Article
from stance_reader.documents.errors import DocumentError
from stance_reader.documents.loader import SUPPORTED_EXTENSIONS, load_article


def list_importable(path: Path, *, recursive: bool = True) -> list[Path]:
    """Supported files under ``path`` (hidden files and folders skipped), sorted by relative path.

    Call it first to know the count for a progress bar, then pass the list to ``iter_paths``.
    Raises DocumentError when ``path`` is not a readable folder.
    """
    path = Path(path)
    if not path.is_dir():
        raise DocumentError(f"cannot import {path.name or path}: not a folder", path=str(path))
    try:
        candidates = path.rglob("*") if recursive else path.iterdir()
        found = [
            p
            for p in candidates
            if p.suffix.lower() in SUPPORTED_EXTENSIONS
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
            and p.is_file()
        ]
    except OSError as exc:
        raise DocumentError(f"cannot import {path.name}: {exc.strerror or exc}", path=str(path)) from exc
    return sorted(found, key=lambda p: [part.lower() for part in p.relative_to(path).parts])


def iter_paths(paths: list[Path]) -> Iterator[tuple[Path, Article | DocumentError]]:
    """Read each path; a failure is yielded as its DocumentError so one bad file never stops the import."""
    for item in paths:
        try:
            yield item, load_article(item)
        except DocumentError as exc:
            yield item, exc


def iter_folder(path: Path, *, recursive: bool = True) -> Iterator[tuple[Path, Article | DocumentError]]:
    """``iter_paths(list_importable(path))``; use the two steps when a count is needed first."""
    return iter_paths(list_importable(path, recursive=recursive))
