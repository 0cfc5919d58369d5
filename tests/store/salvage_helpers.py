"""A library worth salvaging, and three ways to damage it, for the salvage and recovery tests."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from stance_reader.core import Article, Highlight
from stance_reader.store import Store

PAGE = 4096


def build_library(path: Path, highlights: int, backups: Path | None = None, backup_after: int = 0) -> None:
    """``highlights`` highlights over a few articles, each with a unique marker in ``extra`` (which
    only the highlights table stores); a forced backup after the first ``backup_after``."""
    with Store(str(path), backups_dir=backups, auto_backup=False) as store:
        docs = []
        for d in range(4):
            text = " ".join(
                f"Line {i} of article {d}: the plan may slip, we will fund it." for i in range(80)
            )
            docs.append((store.add_document(Article(text=text, title=f"Article {d}")), text))
        for i in range(highlights):
            if backups is not None and i == backup_after:
                store.backup(force=True)
            doc, text = docs[i % len(docs)]
            start = (i * 37) % (len(text) - 60)
            note = f"note {i} " + "n" * (i % 150)
            made = Highlight.from_span(
                text, start, start + 40, document_id=doc.id, note=note, tags=(f"t{i % 5}",)
            )
            store.add_highlight(replace(made, extra={"marker": marker(i + 1)}))


def marker(highlight_id: int) -> str:
    return f"hl-{highlight_id:05d}"


def markers_in(path: Path, highlights: int) -> set[int]:
    """Ids whose row bytes are still in the file: what any reader could possibly get back."""
    data = path.read_bytes()
    return {i for i in range(1, highlights + 1) if marker(i).encode() in data}


def rows(path: Path) -> dict[int, tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        columns = 'id, document_id, start, "end", quote, prefix, suffix, kind, note, extra, created'
        query = f"SELECT {columns} FROM highlights"
        return {row[0]: row for row in conn.execute(query)}


def overwrite_middle(path: Path) -> None:
    """4 KB of noise over a page of highlights in the middle of the file (the fault this guards)."""
    with sqlite3.connect(path) as conn:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
    target = _highlight_page_near(path, pages // 2)
    with path.open("r+b") as handle:
        handle.seek((target - 1) * PAGE)
        handle.write(os.urandom(PAGE))


def _highlight_page_near(path: Path, middle: int) -> int:
    data = path.read_bytes()
    holding = [n for n in range(2, len(data) // PAGE + 1) if b"hl-" in data[(n - 1) * PAGE : n * PAGE]]
    return min(holding, key=lambda n: abs(n - middle))


def truncate_half(path: Path) -> None:
    os.truncate(path, path.stat().st_size // 2 + 1000)


def zero_header(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.write(bytes(100))


DAMAGE: dict[str, Callable[[Path], None]] = {
    "overwrite": overwrite_middle,
    "truncate": truncate_half,
    "zero-header": zero_header,
}
