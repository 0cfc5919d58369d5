"""Help > Keyboard shortcuts (a table built from the menus) and Help > About."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from stance_reader import __version__


def shortcut_table(menus: Iterable[QMenu]) -> list[tuple[str, str]]:
    """(action text, shortcut) for every menu entry that has a shortcut, in menu order."""
    rows = []
    for menu in menus:
        for action in menu.actions():
            keyseq = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            if keyseq and action.text():
                rows.append((action.text().replace("&", ""), keyseq))
    return rows


def show_shortcuts(parent: QWidget, rows: list[tuple[str, str]]) -> None:
    table = "".join(f"<tr><td>{t}</td><td><b>{k}</b></td></tr>" for t, k in rows)
    box = QMessageBox(
        QMessageBox.Icon.NoIcon,
        "Keyboard shortcuts",
        f"<table>{table}</table>",
        QMessageBox.StandardButton.Close,
        parent,
    )
    box.setAccessibleName("Keyboard shortcuts")
    box.open()


def show_about(parent: QWidget) -> None:
    QMessageBox.about(
        parent,
        "About Stance Reader",
        f"Stance Reader {__version__}<br>Who said what, what they hedged and what they "
        "committed to. Everything stays on this computer.",
    )


__all__ = ["shortcut_table", "show_about", "show_shortcuts"]
