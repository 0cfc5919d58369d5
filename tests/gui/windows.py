"""Shared by the GUI tests: show a window the way a user would meet it."""

from __future__ import annotations

from typing import Any


def present(qtbot: Any, window: Any, windows: list[Any]) -> None:
    """Register, size, show and activate ``window`` (window shortcuts only fire in the active window)."""
    qtbot.addWidget(window)
    windows.append(window)
    window.resize(1300, 860)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(window.isActiveWindow)
