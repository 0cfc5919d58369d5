"""The menu bar and the toolbar, declared as data over the action names of :mod:`.actions`.

``None`` in a layout is a separator; :data:`RECENT` is the "Open recent" submenu, refilled from the
settings each time it opens.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar, QWidget

from stance_reader.ui import settings as keys
from stance_reader.ui.render_plan import Layer

RECENT = "recent"


@dataclass(frozen=True, slots=True)
class MenuSpec:
    key: str  # the key in ``MainWindow.menus``; objectName ``menu_<key>``
    title: str
    items: tuple[str | None, ...]


MENUS: tuple[MenuSpec, ...] = (
    MenuSpec(
        "file",
        "&File",
        ("open", RECENT, "new_from_clipboard", "import_folder", None, "export", None, "quit"),
    ),
    MenuSpec(
        "edit",
        "&Edit",
        ("undo", "redo", None, "copy", "select_all", None, "find", "find_next", "find_previous"),
    ),
    MenuSpec(
        "view",
        "&View",
        (
            "zoom_in",
            "zoom_out",
            "zoom_reset",
            None,
            "theme_light",
            "theme_dark",
            None,
            *(f"layer_{layer}" for layer in Layer),
            "min_confidence",
            None,  # the docks' toggles follow (MainWindow and add_side_dock add them)
        ),
    ),
    MenuSpec(
        "go",
        "&Go",
        (
            "next_mention",
            "previous_mention",
            "next_mark",
            "previous_mark",
            None,
            "focus_reader",
            "focus_entities",
        ),
    ),
    MenuSpec("highlights", "&Highlights", ("save_mark", None)),  # the highlights feature adds below
    MenuSpec("help", "&Help", ("shortcuts", "about")),
)

TOOLBAR: tuple[str | None, ...] = (
    "open",
    "new_from_clipboard",
    None,
    "find",
    None,
    "zoom_out",
    "zoom_in",
    None,
    "previous_mention",
    "next_mention",
)


def build_menus(
    window: QMainWindow,
    actions: dict[str, QAction],
    fill_recent: Callable[[QMenu], None],
    specs: tuple[MenuSpec, ...] = MENUS,
) -> tuple[dict[str, QMenu], QMenu | None]:
    """The window's menu bar filled from ``specs``: the menus by key, and the recent-files submenu
    (filled now and whenever it is about to show, by ``fill_recent``)."""
    bar = window.menuBar()
    menus: dict[str, QMenu] = {}
    recent: QMenu | None = None
    for spec in specs:
        menu = bar.addMenu(spec.title)
        menu.setObjectName(f"menu_{spec.key}")
        menus[spec.key] = menu
        for name in spec.items:
            if name is None:
                menu.addSeparator()
            elif name == RECENT:
                recent = menu.addMenu("Open &recent")
                recent.setObjectName("menu_recent")
                recent.aboutToShow.connect(lambda m=recent: fill_recent(m))
                fill_recent(recent)
            else:
                menu.addAction(actions[name])
    return menus, recent


def fill_recent(menu: QMenu, settings: QSettings, open_path: Callable[[Path], object]) -> None:
    """The recent files as numbered entries (Ctrl+Alt+1…), or a disabled "(none yet)"."""
    menu.clear()
    items = keys.recent_files(settings)
    for i, path in enumerate(items, 1):
        action = menu.addAction(f"&{i % 10} {Path(path).name}")
        action.setToolTip(path)
        action.setShortcut(QKeySequence(f"Ctrl+Alt+{i % 10}"))
        action.triggered.connect(lambda _c=False, p=path: open_path(Path(p)))
    if not items:
        menu.addAction("(none yet)").setEnabled(False)


def build_toolbar(
    window: QMainWindow,
    actions: dict[str, QAction],
    confidence: QWidget,
    items: tuple[str | None, ...] = TOOLBAR,
) -> tuple[QToolBar, QAction]:
    """The main toolbar (text only, tooltips with the shortcut), the confidence control, and the
    light/dark toggle, which is returned for the caller to connect and relabel."""
    bar = QToolBar("Main toolbar", window)
    bar.setObjectName("main_toolbar")
    bar.setAccessibleName("Main toolbar")
    bar.setMovable(False)
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    for name in items:
        if name is None:
            bar.addSeparator()
            continue
        action = actions[name]
        bar.addAction(action)
        keyseq = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{action.text().replace('&', '')} ({keyseq})" if keyseq else action.text())
    bar.addSeparator()
    bar.addWidget(confidence)  # the toolbar has room; the legend row is full at common widths
    bar.addSeparator()
    theme_button = bar.addAction("Dark theme")
    theme_button.setObjectName("toggle_theme")
    theme_button.setToolTip("Switch between light and dark (Ctrl+Alt+L / Ctrl+Alt+D)")
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    return bar, theme_button


__all__ = ["MENUS", "RECENT", "TOOLBAR", "MenuSpec", "build_menus", "build_toolbar", "fill_recent"]
