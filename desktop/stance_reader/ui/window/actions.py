"""Every window-wide action declared as data: one :class:`ActionSpec` per action (name, text, shortcut,
the window method it calls), turned into ``QAction``s by :func:`build_actions`.

A spec names its slot as an attribute path on the window (``"open_dialog"``, ``"reader.copy"``) with
optional arguments; the path is looked up when the action fires, so the window's methods stay the one
place behaviour lives. Where an action sits in the menus and toolbar is :mod:`.menus`' business.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QWidget

from stance_reader.ui.render_plan import LAYER_LABELS, Layer

Shortcut = QKeySequence.StandardKey | str | tuple[str, ...] | None


@dataclass(frozen=True, slots=True)
class ActionSpec:
    name: str  # objectName and the key in ``actions_by_name``
    text: str
    shortcut: Shortcut = None  # a tuple gives several shortcuts
    slot: str | None = None  # attribute path on the window, called on ``triggered``
    args: tuple[object, ...] = ()
    tip: str = ""
    checkable: bool = False
    checked: bool = False
    enabled: bool = True  # False: a placeholder another feature connects and enables
    group: str | None = None  # actions sharing a group are exclusive (a QActionGroup)
    toggled: str | None = None  # attribute path on the window, called on ``toggled(bool)``


def _layer_specs() -> tuple[ActionSpec, ...]:
    return tuple(
        ActionSpec(
            f"layer_{layer}",
            LAYER_LABELS[layer],
            f"Alt+{i}",
            tip=f"Show or hide {LAYER_LABELS[layer].lower()} (Alt+{i})",
            checkable=True,
            checked=True,
            toggled="_layers_toggled",
        )
        for i, layer in enumerate(Layer, 1)
    )


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("open", "&Open…", QKeySequence.StandardKey.Open, "open_dialog", tip="Open an article file"),
    ActionSpec(
        "new_from_clipboard",
        "New from &clipboard",
        "Ctrl+Shift+V",
        "open_clipboard",
        tip="Read the clipboard's text as an article",
    ),
    ActionSpec(
        "import_folder",
        "&Import folder…",
        "Ctrl+Shift+I",
        "import_folder_dialog",
        tip="Import every article in a folder into the library",
    ),
    ActionSpec("export", "&Export…", "Ctrl+E", tip="Export saved highlights", enabled=False),
    ActionSpec("quit", "&Quit", "Ctrl+Q", "close"),
    ActionSpec("undo", "&Undo", "Ctrl+Z", enabled=False),  # the highlights feature drives undo/redo
    ActionSpec("redo", "&Redo", "Ctrl+Shift+Z", enabled=False),
    ActionSpec("copy", "&Copy", QKeySequence.StandardKey.Copy, "reader.copy"),
    ActionSpec("select_all", "Select &all", QKeySequence.StandardKey.SelectAll, "reader.selectAll"),
    ActionSpec("find", "&Find…", QKeySequence.StandardKey.Find, "find_bar.open"),
    ActionSpec("find_next", "Find &next", "Ctrl+G", "navigator.find_step", (1,)),
    ActionSpec("find_previous", "Find pre&vious", "Ctrl+Shift+G", "navigator.find_step", (-1,)),
    ActionSpec("zoom_in", "Zoom &in", ("Ctrl+=", "Ctrl++"), "step_zoom", (1,)),
    ActionSpec("zoom_out", "Zoom &out", "Ctrl+-", "step_zoom", (-1,)),
    ActionSpec("zoom_reset", "&Reset zoom", "Ctrl+0", "set_zoom", (0,)),
    ActionSpec(
        "theme_light", "Light theme", "Ctrl+Alt+L", "use_theme", ("light",), checkable=True, group="theme"
    ),
    ActionSpec(
        "theme_dark", "Dark theme", "Ctrl+Alt+D", "use_theme", ("dark",), checkable=True, group="theme"
    ),
    *_layer_specs(),
    ActionSpec(
        "min_confidence",
        "Minimum &confidence…",
        "Ctrl+Shift+C",
        "confidence.focus",
        tip="Show hedges and commitments from this model confidence up (Ctrl+Shift+C)",
    ),
    ActionSpec(
        "next_mention",
        "&Next mention",
        "F3",
        "navigator.step_mention",
        (1,),
        tip="Next mention of the entity picked in the sidebar",
    ),
    ActionSpec("previous_mention", "&Previous mention", "Shift+F3", "navigator.step_mention", (-1,)),
    ActionSpec("next_mark", "Next &hedge or commitment", "Alt+Down", "navigator.step_mark", (1,)),
    ActionSpec("previous_mark", "Previous h&edge or commitment", "Alt+Up", "navigator.step_mark", (-1,)),
    ActionSpec("focus_reader", "Go to &article text", "Ctrl+Shift+R", "reader.setFocus"),
    ActionSpec("focus_entities", "Go to &entity filter", "Ctrl+L", "navigator.focus_entities"),
    ActionSpec(
        "save_mark", "Save selected &mark as highlight", "Ctrl+Shift+S", "navigator.save_current_mark"
    ),
    # Enabled only while an analysis runs, so Esc stays the find bar's at all other times.
    ActionSpec("cancel_analysis", "&Cancel analysis", "Esc", "cancel_analysis", enabled=False),
    ActionSpec("shortcuts", "&Keyboard shortcuts", "F1", "show_shortcuts"),
    ActionSpec("about", "&About Stance Reader", "Ctrl+Shift+F1", "show_about"),
)


def _call(window: QWidget, path: str, *args: object) -> None:
    attrgetter(path)(window)(*args)


def build_action(window: QWidget, spec: ActionSpec) -> QAction:
    """One action, added to ``window`` so its shortcut works window-wide (also with the menu bar
    hidden). Its signals are connected; ``checked`` is applied after, so no slot runs while building."""
    action = QAction(spec.text, window)
    action.setObjectName(spec.name)
    if isinstance(spec.shortcut, tuple):
        action.setShortcuts([QKeySequence(s) for s in spec.shortcut])
    elif spec.shortcut is not None:
        action.setShortcut(QKeySequence(spec.shortcut))
    action.setCheckable(spec.checkable)
    action.setChecked(spec.checked)
    if spec.tip:
        action.setStatusTip(spec.tip)
        action.setToolTip(spec.tip)
    if spec.slot is not None:
        slot, args = spec.slot, spec.args
        action.triggered.connect(lambda _checked=False: _call(window, slot, *args))
    if spec.toggled is not None:
        toggled = spec.toggled
        action.toggled.connect(lambda checked: _call(window, toggled, checked))
    action.setEnabled(spec.enabled)
    window.addAction(action)
    return action


def build_actions(window: QWidget, specs: tuple[ActionSpec, ...] = ACTIONS) -> dict[str, QAction]:
    """Every spec's action by name, exclusive groups wired."""
    actions: dict[str, QAction] = {}
    groups: dict[str, QActionGroup] = {}
    for spec in specs:
        action = actions[spec.name] = build_action(window, spec)
        if spec.group is not None:
            groups.setdefault(spec.group, QActionGroup(window)).addAction(action)
    return actions


__all__ = ["ACTIONS", "ActionSpec", "build_action", "build_actions"]
