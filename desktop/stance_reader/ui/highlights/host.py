"""What the highlights package needs from the window it is installed in: :class:`HighlightsHost`.

A Protocol, so the package names the dozen things it uses (the reader, the write lane, the store, the
reading session, menus, messages) instead of reaching into an untyped window; ``MainWindow`` satisfies
it, and a test can hand in something smaller. Qt-level needs (a parent for dialogs, window-wide
actions, the close event) go through ``window()``, which every QWidget has.
"""

from __future__ import annotations

from typing import ClassVar, Protocol

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMenu, QWidget

from stance_reader.core import ReadingSession, StoredDocument
from stance_reader.store import Store
from stance_reader.ui.reader import ReaderView
from stance_reader.workers.lane import Lane

STATUS_MS = 6000


class HighlightsHost(Protocol):
    """The main window as the highlights package sees it. GUI thread only."""

    document_changed: ClassVar[Signal]  # StoredDocument | None: a new article is shown and stored
    analysis_ready: ClassVar[Signal]  # Analysis: the article's analysis as shown (again on a new bar)
    save_mark_requested: ClassVar[Signal]  # Mark: "save this mark" from a context menu or the details

    reader: ReaderView
    lane: Lane
    menus: dict[str, QMenu]
    actions_by_name: dict[str, QAction]

    @property
    def store(self) -> Store | None: ...

    @property
    def session(self) -> ReadingSession: ...

    def window(self) -> QWidget: ...

    def add_side_dock(self, widget: QWidget, title: str) -> QDockWidget: ...

    def show_error(self, message: str) -> None: ...

    def show_status(self, message: str, msecs: int = STATUS_MS) -> None: ...

    def open_stored_document(self, document: StoredDocument) -> None: ...


__all__ = ["STATUS_MS", "HighlightsHost"]
