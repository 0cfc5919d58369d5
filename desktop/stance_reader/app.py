"""Builds and wires the application: QApplication, store, analysis lane, main window."""

from __future__ import annotations

from pathlib import Path


def run_gui(
    file: Path | None,
    db: str | None,
    screenshot: Path | None,
    theme: str | None,
    size: tuple[int, int] = (1400, 900),
) -> int:
    raise NotImplementedError("the window is being built (issue 4)")
