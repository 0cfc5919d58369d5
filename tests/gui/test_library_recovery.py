"""A damaged library in the window: the salvage opens at once, the banner says in plain words what each
choice holds, and its buttons switch to the backup or an empty library."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt

from stance_reader import app
from stance_reader.core import Article, Highlight
from stance_reader.services.recovery import Choice
from stance_reader.store import Store

WAIT_MS = 120_000
N, BACKUP_AFTER = 60, 40
LEFT = Qt.MouseButton.LeftButton


def _damaged_library(path: Path, backups: Path) -> None:
    """60 highlights, a backup after 40, then a page of the highlights table overwritten."""
    text = " ".join(f"Sentence {i}: the plan may slip, and we will fund it." for i in range(200))
    with Store(str(path), backups_dir=backups, auto_backup=False) as store:
        doc = store.add_document(Article(text=text, title="Plan"))
        for i in range(N):
            if i == BACKUP_AFTER:
                store.backup(force=True)
            start = i * 40
            made = Highlight.from_span(text, start, start + 30, document_id=doc.id, note="n" * 300)
            store.add_highlight(made)
    data = path.read_bytes()
    pages = range(2, len(data) // 4096)
    last_highlights_page = max(n for n in pages if b"nnnnnnnn" in data[n * 4096 : (n + 1) * 4096])
    with path.open("r+b") as handle:
        handle.seek(last_highlights_page * 4096)
        handle.write(os.urandom(4096))


def test_banner_offers_the_choices_and_restores_the_backup(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, isolated_user_data: Path
) -> None:
    db = tmp_path / "library.sqlite3"
    _damaged_library(db, isolated_user_data / "backups")
    store, problem, recovery = app.open_library_with_recovery(str(db))
    assert recovery is not None and recovery.default is Choice.SALVAGED
    salvaged = store.count_highlights()
    assert BACKUP_AFTER < salvaged < N
    assert f"Now using the salvaged library: {salvaged} highlights" in problem
    assert "quick check" not in problem and "malformed" not in problem, "plain words, not SQLite's"

    window = app.build_window(store, "light", restore_layout=False)
    qtbot.addWidget(window)
    app.wire_recovery(window, recovery)
    buttons = window.choice_buttons()
    assert set(buttons) == {"backup", "empty"}
    assert f"({BACKUP_AFTER} highlights)" in buttons["backup"].text()
    assert window.banner.isVisibleTo(window) and "newer than the backup" in window.banner_label.text()

    qtbot.mouseClick(buttons["backup"], LEFT)
    qtbot.waitUntil(lambda: "Now using the backup" in window.banner_label.text(), timeout=WAIT_MS)
    assert window.store is not store and window.store.count_highlights() == BACKUP_AFTER
    assert set(window.choice_buttons()) == {"salvaged", "empty"}, "the salvage can still be chosen"
    assert recovery.salvaged is not None and recovery.salvaged.exists()

    qtbot.mouseClick(window.choice_buttons()["salvaged"], LEFT)
    qtbot.waitUntil(lambda: "Now using the salvaged" in window.banner_label.text(), timeout=WAIT_MS)
    assert window.store.count_highlights() == salvaged
    window.close()
