"""Where the window's articles come from besides a path: the Open dialog, the clipboard, a folder
imported into the library (its dialog and the lane job), and files dropped on the window.

Plain functions taking the window; each ends in the window's own ``open_path`` / ``show_article`` /
``show_error``, so the open flow (``ui/window/open_flow.py``) stays the one way in. The documents
package is imported only when a dialog or the clipboard is used (the window starts without it).
GUI thread only.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QFileDialog

from stance_reader.ui import settings as keys
from stance_reader.workers.jobs import FolderImportDone
from stance_reader.workers.jobs import import_folder as import_folder_job

if TYPE_CHECKING:
    from stance_reader.ui.main_window import MainWindow

OPEN_FILTER = (
    "Articles (*.txt *.md *.markdown *.html *.htm *.docx *.epub *.pdf);;"
    "Text (*.txt *.md *.markdown);;Web pages (*.html *.htm);;Documents (*.docx *.epub *.pdf);;All files (*)"
)
STATUS_MS = 6000


def open_dialog(window: MainWindow) -> None:
    start = str(window.settings.value(keys.LAST_DIR, "") or "")
    from stance_reader.documents import FILE_DIALOG_FILTER

    path, _ = QFileDialog.getOpenFileName(window, "Open article", start, FILE_DIALOG_FILTER or OPEN_FILTER)
    if path:
        window.open_path(Path(path))


def open_clipboard(window: MainWindow) -> None:
    """The clipboard's text (its HTML when there is some) as a new article."""
    from stance_reader.documents import DocumentError, article_from_clipboard

    mime = QGuiApplication.clipboard().mimeData()
    text = mime.text() if mime is not None and mime.hasText() else ""
    html = mime.html() if mime is not None and mime.hasHtml() else None
    try:
        article = article_from_clipboard(text, html)
    except DocumentError as exc:
        window.show_error(str(exc))
        return
    window.current_path = None
    window.show_article(article)


def import_folder_dialog(window: MainWindow) -> None:
    folder = QFileDialog.getExistingDirectory(window, "Import folder into the library")
    if folder:
        window.import_folder(Path(folder))


def import_folder(window: MainWindow, folder: Path) -> int | None:
    """Import every article in ``folder`` into the library on the lane; returns the job id."""
    if window.store is None:
        window.show_error("No library database is open, so a folder cannot be imported.")
        return None

    def done(result: FolderImportDone) -> None:
        message = f"Imported {result.imported} articles from {folder.name}"
        window.statusBar().showMessage(message, STATUS_MS)
        if result.failed:
            names = "; ".join(f"{name}: {why}" for name, why in result.failed[:5])
            more = f" (and {len(result.failed) - 5} more)" if len(result.failed) > 5 else ""
            window.show_error(f"{message}; {len(result.failed)} could not be read — {names}{more}")

    return window.lane.submit(
        import_folder_job,
        window.store,
        folder,
        on_done=done,
        on_error=lambda exc: window.show_error(f"Folder import failed: {exc}"),
    )


def drag_enter(event: QDragEnterEvent) -> None:
    """Accept a drag that carries at least one local file."""
    if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
        event.acceptProposedAction()
    else:
        event.ignore()


def dropped_path(event: QDropEvent) -> Path | None:
    """The first local file dropped (the drop is accepted), or None."""
    paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
    if not paths:
        return None
    event.acceptProposedAction()
    return paths[0]


__all__ = [
    "OPEN_FILTER",
    "drag_enter",
    "dropped_path",
    "import_folder",
    "import_folder_dialog",
    "open_clipboard",
    "open_dialog",
]
