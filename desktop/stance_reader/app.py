"""Builds and wires the application: QApplication, store, analysis lane, main window, screenshot mode.

Owns :func:`run_gui` (called by the CLI) and :func:`open_library`. The window appears before spaCy is
imported: the pipeline loads on the window's analysis lane. ``--screenshot`` renders offscreen, waits
for the analysis (or its failure) and for the formats to be applied, saves the PNG and returns.
"""

from __future__ import annotations

import gc
import importlib.util
import os
import sys
from pathlib import Path
from typing import Any

SCREENSHOT_TIMEOUT_MS = 180_000


def open_library(db: str | None) -> tuple[Any, str]:
    """Open the highlights store; returns (store or None, problem to show or "").

    A damaged database has been moved aside by the store, so a second attempt starts a fresh one and
    the analyst is told where the old file and its latest backup are.
    """
    try:
        from stance_reader import paths
        from stance_reader.services.library import open_store
    except ImportError as exc:  # the store is optional for reading
        return None, f"The library is unavailable ({exc}); articles open without saving."
    target = db or paths.default_database()
    try:
        return open_store(target), ""
    except Exception as exc:  # CorruptDatabaseError and friends: keep reading, explain why
        problem = str(exc) or exc.__class__.__name__
        if exc.__class__.__name__ == "CorruptDatabaseError":
            try:
                return open_store(target), f"{problem} A fresh, empty library was started."
            except Exception as again:
                problem = f"{problem} A fresh library could not be started either ({again})."
        return None, f"{problem} Articles open without saving highlights."


def _show_library_problem(window: Any, problem: str) -> None:
    """Show a library problem now and again once the first article is on screen (showing an article
    clears the banner, and this message must survive that first open)."""
    window.show_error(problem)

    def again(_article: Any) -> None:
        window.article_shown.disconnect(again)
        window.show_error(problem)

    window.article_shown.connect(again)


def _application(screenshot: bool) -> Any:
    if screenshot:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # only effective before the first QApplication
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from stance_reader import __version__
    from stance_reader.paths import APP_NAME, ORG_NAME
    from stance_reader.ui.qt_compat import protect_none_refcount

    protect_none_refcount()

    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    app.setApplicationDisplayName("Stance Reader")
    return app


def build_window(store: Any, theme: str | None, restore_layout: bool = True) -> Any:
    """The main window with the highlights feature plugged in when that module is present."""
    from stance_reader.ui.main_window import MainWindow

    window = MainWindow(store=store, theme=theme, restore_layout=restore_layout)
    if importlib.util.find_spec("stance_reader.ui.highlights") is not None:
        try:
            from stance_reader.ui.highlights import install_highlights

            window.highlights = install_highlights(window)
        except Exception as exc:  # a broken optional panel must not take the reader down
            window.show_error(f"The highlights panel could not start: {exc}")
    return window


def wait_for_analysis(window: Any, timeout_ms: int = SCREENSHOT_TIMEOUT_MS) -> str:
    """Run the event loop until the current article is analysed and drawn; "" or a problem."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    outcome = {"problem": ""}

    def fail(message: str) -> None:
        outcome["problem"] = message
        loop.quit()

    def check() -> None:
        done = window.current_analysis is not None and not window.reader.is_rendering()
        if done and not window.lane.is_busy():
            loop.quit()

    window.analysis_failed.connect(fail)
    window.open_failed.connect(fail)
    timer = QTimer()
    timer.timeout.connect(check)
    timer.start(50)
    QTimer.singleShot(timeout_ms, lambda: fail("timed out waiting for the analysis"))
    loop.exec()
    timer.stop()
    return outcome["problem"]


def save_screenshot(window: Any, out: Path) -> str:
    """Grab the window into ``out`` (PNG); "" or a problem."""
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    pixmap = window.grab()
    out.parent.mkdir(parents=True, exist_ok=True)
    if pixmap.isNull() or not pixmap.save(str(out), "PNG"):
        return f"could not write the screenshot to {out}"
    return ""


def run_gui(
    file: Path | None,
    db: str | None,
    screenshot: Path | None,
    theme: str | None,
    size: tuple[int, int] = (1400, 900),
) -> int:
    app = _application(screenshot is not None)
    store, problem = open_library(db)
    window = build_window(store, theme, restore_layout=screenshot is None)
    if screenshot is not None:
        window.resize(*size)
    if problem:
        print(f"stance-reader: {problem}", file=sys.stderr)
        _show_library_problem(window, problem)
    window.show()
    from stance_reader import paths

    window.open_path(file or paths.sample_article())
    # Everything made so far (Qt wrappers, modules) lives as long as the app: keep it out of the
    # cyclic collector's full passes, which otherwise cost tens of ms while an article opens.
    gc.freeze()
    if screenshot is None:
        return int(app.exec())
    try:
        failure = wait_for_analysis(window)
        if not failure:
            window.show_first_explanation()
            failure = save_screenshot(window, screenshot)
        if failure:
            print(f"stance-reader: error: {failure.splitlines()[0]}", file=sys.stderr)
            return 1
        return 0
    finally:
        window.close()
        window.deleteLater()
