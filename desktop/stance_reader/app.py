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
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: the window appears before Qt widgets, peewee or spaCy load
    from PySide6.QtWidgets import QApplication

    from stance_reader.core import Article
    from stance_reader.services.recovery import Recovery
    from stance_reader.store import CorruptDatabaseError, Store
    from stance_reader.ui.main_window import MainWindow

SCREENSHOT_TIMEOUT_MS = 180_000


def open_library(db: str | None) -> tuple[Store | None, str]:
    """Open the highlights store; returns (store or None, problem to show or "")."""
    store, problem, _recovery = open_library_with_recovery(db)
    return store, problem


def open_library_with_recovery(db: str | None) -> tuple[Store | None, str, Recovery | None]:
    """Open the highlights store; returns (store or None, problem or "", recovery or None).

    A damaged database has been moved aside by the store: its readable rows are salvaged and the
    recommended choice (salvage, backup or empty; see services.recovery) is opened at once, so reading
    goes on; the recovery is returned so the window can offer the other choices.
    """
    try:
        from stance_reader import paths
        from stance_reader.services.library import open_store
        from stance_reader.store import CorruptDatabaseError
    except ImportError as exc:  # the store is optional for reading
        return None, f"The library is unavailable ({exc}); articles open without saving.", None
    target = db or paths.default_database()
    try:
        store = open_store(target)
    except CorruptDatabaseError as exc:
        return _recover(target, exc)
    except Exception as exc:  # locked, unreadable folder, newer schema: keep reading, explain why
        problem = str(exc) or exc.__class__.__name__
        return None, f"{problem} Articles open without saving highlights.", None
    return store, _changed_outside(store), None


def _recover(target: str, error: CorruptDatabaseError) -> tuple[Store | None, str, Recovery | None]:
    from stance_reader.services import recovery as rec
    from stance_reader.services.library import open_store

    if error.moved_to is None:  # nothing was moved aside: salvaging in place would overwrite it
        return None, f"{error} Articles open without saving highlights.", None
    recovery = rec.from_error(error)
    choice = recovery.default
    try:
        rec.apply(recovery, choice)
        return open_store(target), rec.message(recovery, choice), recovery
    except Exception as exc:
        return None, f"{error} The library could not be replaced ({exc}).", None


def _changed_outside(store: Store) -> str:
    """ "2 highlights were changed outside the app: ids …" or ""."""
    from stance_reader.store.checksums import describe_mismatches

    try:
        return describe_mismatches(store.changed_outside())
    except Exception:  # a check must never stop the library from opening
        return ""


def offer_recovery(window: MainWindow, recovery: Recovery, applied: str) -> None:
    """The banner: what happened and what is in use now, with a button for each other choice."""
    from stance_reader.services import recovery as rec

    others = [
        (str(o.choice), f"{o.label} ({o.holds})" if o.choice is not rec.Choice.EMPTY else o.label)
        for o in rec.options(recovery)
        if o.choice != applied
    ]
    window.show_choices(rec.message(recovery, rec.Choice(applied)), others)


def switch_library(window: MainWindow, recovery: Recovery, choice: str) -> None:
    """Replace the window's library with ``choice`` (the lane idle, the old store closed first)."""
    from stance_reader.services import recovery as rec
    from stance_reader.services.library import open_store

    window.lane.cancel_all()
    window.lane.wait()
    old, window.store = window.store, None
    if old is not None:
        old.close()
    try:
        rec.apply(recovery, rec.Choice(choice))
        window.use_store(open_store(str(recovery.db_path)))
    except Exception as exc:
        window.show_error(f"Could not switch the library: {exc}")
        return
    offer_recovery(window, recovery, choice)


def wire_recovery(window: MainWindow, recovery: Recovery) -> None:
    """Offer the choices now, again once the first article is shown (that clears the banner), and
    switch libraries when a choice is clicked."""
    applied = {"choice": str(recovery.default)}
    offer_recovery(window, recovery, applied["choice"])

    def chosen(choice: str) -> None:
        applied["choice"] = choice
        switch_library(window, recovery, choice)

    def again(_article: Article) -> None:
        window.article_shown.disconnect(again)
        offer_recovery(window, recovery, applied["choice"])

    window.library_choice.connect(chosen)
    window.article_shown.connect(again)


def _show_library_problem(window: MainWindow, problem: str) -> None:
    """Show a library problem now and again once the first article is on screen (showing an article
    clears the banner, and this message must survive that first open)."""
    window.show_error(problem)

    def again(_article: Article) -> None:
        window.article_shown.disconnect(again)
        window.show_error(problem)

    window.article_shown.connect(again)


def _application(screenshot: bool) -> QApplication:
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


def build_window(store: Store | None, theme: str | None, restore_layout: bool = True) -> MainWindow:
    """The main window with the highlights feature (and the corrections, which share its write lane
    and undo stack) plugged in when that module is present."""
    from stance_reader.ui.main_window import MainWindow

    window = MainWindow(store=store, theme=theme, restore_layout=restore_layout)
    if importlib.util.find_spec("stance_reader.ui.highlights") is not None:
        try:
            from stance_reader.ui.highlights import install_highlights

            window.highlights = install_highlights(window)
        except Exception as exc:  # a broken optional panel must not take the reader down
            window.show_error(f"The highlights panel could not start: {exc}")
            return window
        try:
            from stance_reader.ui.corrections import install_corrections

            window.corrections = install_corrections(window, window.highlights)
        except Exception as exc:  # corrections are optional too: the reader keeps working without them
            window.show_error(f"Corrections could not start: {exc}")
        try:
            from stance_reader.ui.ledger import install_ledger

            window.ledger = install_ledger(window)
        except Exception as exc:  # the ledger is optional: the reader keeps working without it
            window.show_error(f"The speaker ledger could not start: {exc}")
    return window


def wait_for_analysis(window: MainWindow, timeout_ms: int = SCREENSHOT_TIMEOUT_MS) -> str:
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


def save_screenshot(window: MainWindow, out: Path) -> str:
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
    store, problem, recovery = open_library_with_recovery(db)
    window = build_window(store, theme, restore_layout=screenshot is None)
    if screenshot is not None:
        window.resize(*size)
    if problem:
        print(f"stance-reader: {problem}", file=sys.stderr)
        if recovery is not None:
            wire_recovery(window, recovery)
        else:
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
