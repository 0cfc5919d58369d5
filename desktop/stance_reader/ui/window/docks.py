"""Dock panels (closable, movable, named for saved layouts, each with a View-menu toggle) and the
window's saved geometry and dock layout."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QWidget

from stance_reader.ui import settings as keys


def add_dock(
    window: QMainWindow, widget: QWidget, title: str, name: str, area: Qt.DockWidgetArea
) -> QDockWidget:
    dock = QDockWidget(title, window)
    dock.setObjectName(name)
    dock.setAccessibleName(title)
    dock.setWidget(widget)
    dock.setFeatures(
        QDockWidget.DockWidgetFeature.DockWidgetClosable | QDockWidget.DockWidgetFeature.DockWidgetMovable
    )
    window.addDockWidget(area, dock)
    return dock


def build_main_docks(
    window: QMainWindow, sidebar: QWidget, details: QWidget, view: QMenu
) -> tuple[QDockWidget, QDockWidget]:
    """The speakers-and-entities dock on the left and the details dock on the right, their toggles
    (Ctrl+Shift+B, Ctrl+Shift+D) window-wide and in ``view``."""
    left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
    sidebar_dock = add_dock(window, sidebar, "Speakers and entities", "entities_dock", left)
    details_dock = add_dock(window, details, "Details", "details_dock", right)
    for dock, keyseq in ((sidebar_dock, "Ctrl+Shift+B"), (details_dock, "Ctrl+Shift+D")):
        toggle = dock.toggleViewAction()
        toggle.setShortcut(QKeySequence(keyseq))
        window.addAction(toggle)
        view.addAction(toggle)
    sidebar.setMinimumWidth(240)
    details.setMinimumWidth(260)
    window.resizeDocks([sidebar_dock, details_dock], [300, 340], Qt.Orientation.Horizontal)
    return sidebar_dock, details_dock


def add_side_dock(
    window: QMainWindow, widget: QWidget, title: str, view: QMenu, under: QDockWidget
) -> QDockWidget:
    """A panel on the right under ``under``, with its toggle in ``view``."""
    name = f"dock_{title.lower().replace(' ', '_')}"
    dock = add_dock(window, widget, title, name, Qt.DockWidgetArea.RightDockWidgetArea)
    view.addAction(dock.toggleViewAction())
    window.resizeDocks([under, dock], [210, 560], Qt.Orientation.Vertical)
    return dock


def restore_layout(window: QMainWindow, settings: QSettings) -> None:
    """The saved geometry and dock layout, or on first launch a size that fits the screen."""
    geometry = settings.value(keys.GEOMETRY)
    if isinstance(geometry, QByteArray):
        window.restoreGeometry(geometry)
    else:
        fit_first_launch(window)
    state = settings.value(keys.STATE)
    if isinstance(state, QByteArray):
        window.restoreState(state)


def save_layout(window: QMainWindow, settings: QSettings) -> None:
    settings.setValue(keys.GEOMETRY, window.saveGeometry())
    settings.setValue(keys.STATE, window.saveState())
    settings.sync()


def fit_first_launch(window: QMainWindow) -> None:
    """No saved layout yet: take most of the screen (up to 1400×900) so three panes and a comfortable
    reading column fit, instead of Qt's small default."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    room = screen.availableGeometry()
    width, height = min(1400, int(room.width() * 0.9)), min(900, int(room.height() * 0.9))
    window.resize(width, height)
    window.move(room.center().x() - width // 2, room.center().y() - height // 2)


__all__ = [
    "add_dock",
    "add_side_dock",
    "build_main_docks",
    "fit_first_launch",
    "restore_layout",
    "save_layout",
]
