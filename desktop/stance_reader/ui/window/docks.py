"""Dock panels: the window's side panels are closable and movable, named for saved layouts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget


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


__all__ = ["add_dock", "fit_first_launch"]
