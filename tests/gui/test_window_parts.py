"""The main window's furniture in ui/window/, each part on its own: actions as data, the menu and
toolbar layouts over them, the banner's choices and the status bar's progress."""

from __future__ import annotations

from operator import attrgetter

from PySide6.QtWidgets import QMainWindow, QWidget

from stance_reader.ui.main_window import MainWindow
from stance_reader.ui.window.actions import ACTIONS, ActionSpec, build_actions
from stance_reader.ui.window.banner import Banner
from stance_reader.ui.window.menus import MENUS, RECENT, TOOLBAR, build_menus
from stance_reader.ui.window.status import StatusArea
from stance_reader.workers.lane import JobProgress


def test_every_action_is_declared_once_and_every_layout_names_a_declared_action() -> None:
    names = [spec.name for spec in ACTIONS]
    assert len(names) == len(set(names))
    laid_out = {item for menu in MENUS for item in menu.items if item is not None} | {
        item for item in TOOLBAR if item is not None
    }
    assert laid_out - {RECENT} <= set(names)
    shortcuts = [str(spec.shortcut) for spec in ACTIONS if spec.shortcut is not None]
    assert len(shortcuts) == len(set(shortcuts)), "two actions share a shortcut"


def test_every_declared_slot_path_names_a_callable_on_the_main_window(qtbot) -> None:
    window = MainWindow(store=None, restore_layout=False)
    qtbot.addWidget(window)
    try:
        for spec in ACTIONS:
            for path in (spec.slot, spec.toggled):
                if path is not None:
                    assert callable(attrgetter(path)(window)), f"{spec.name}: {path}"
        assert set(window.actions_by_name) == {spec.name for spec in ACTIONS}
    finally:
        window.close()


class _Host(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[str, tuple[object, ...]]] = []

    def step(self, *args: object) -> None:
        self.calls.append(("step", args))

    def toggled(self, *args: object) -> None:
        self.calls.append(("toggled", args))


def test_a_spec_calls_its_slot_path_with_its_arguments_and_groups_are_exclusive(qtbot) -> None:
    host = _Host()
    qtbot.addWidget(host)
    specs = (
        ActionSpec("back", "&Back", "Alt+Left", "step", (-1,)),
        ActionSpec("a", "A", checkable=True, group="g", toggled="toggled"),
        ActionSpec("b", "B", checkable=True, group="g"),
        ActionSpec("later", "Later", enabled=False),
    )
    actions = build_actions(host, specs)
    assert host.actions() == list(actions.values())  # window-wide shortcuts
    assert actions["back"].objectName() == "back" and actions["back"].shortcut().toString() == "Alt+Left"
    actions["back"].trigger()
    actions["a"].setChecked(True)
    actions["b"].setChecked(True)
    assert host.calls == [("step", (-1,)), ("toggled", (True,)), ("toggled", (False,))]
    assert not actions["later"].isEnabled()


def test_menus_are_built_from_the_layout_with_the_recent_submenu(qtbot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    actions = build_actions(window, ACTIONS)
    filled = []
    menus, recent = build_menus(window, actions, filled.append)
    assert list(menus) == [menu.key for menu in MENUS]
    assert recent is not None and filled == [recent]
    file_items = [a.objectName() or (a.menu() and a.menu().objectName()) for a in menus["file"].actions()]
    assert file_items[:4] == ["open", "menu_recent", "new_from_clipboard", "import_folder"]


def test_banner_shows_a_message_then_choices_and_relays_the_pick(qtbot) -> None:
    banner = Banner()
    qtbot.addWidget(banner)
    banner.show_message("The library is damaged.")
    banner.add_choices([("restore", "Restore the backup"), ("new", "Start a new library")])
    assert banner.label.text() == "The library is damaged." and set(banner.choice_buttons()) == {
        "restore",
        "new",
    }
    with qtbot.waitSignal(banner.chosen) as picked:
        banner.choice_buttons()["new"].click()
    assert picked.args == ["new"]
    banner.show_message("Something else.")  # a new message drops the old choices
    assert banner.choice_buttons() == {}


def test_status_area_follows_the_lane(qtbot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    cancelled = []
    area = StatusArea(window, lambda: cancelled.append(True))
    area.show_progress(JobProgress(1, 0.25, "Analysing…"))
    assert area.progress_label.text() == "Analysing…" and area.progress_bar.value() == 25
    area.set_busy(False)
    assert area.progress_bar.isHidden() and area.progress_label.text() == ""
    area.cancel_button.click()
    assert cancelled == [True]
    assert len(area.fit("x" * 5000)) < 5000
