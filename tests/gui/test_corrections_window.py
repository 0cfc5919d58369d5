"""Corrections in the real window, driven like an analyst: reject a mark (key and context-menu click),
relabel it, reassign its speaker, add a missed commitment, undo and redo each, quit and relaunch,
re-analyse with a changed rule set, export. A canned analysis stands in for spaCy (fake_analysis.py);
the store is a real SQLite file in tmp_path.

Set STANCE_SCREENSHOTS=<folder> to save a picture of each state (corr-*.png)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from fake_analysis import sample_analysis
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QMenu, QWidget
from test_highlights_window import CTRL_SHIFT, WAIT_MS, idle, press, select, show
from windows import present

from stance_reader.app import build_window
from stance_reader.core import Analysis, CorrectionKind, MarkKind
from stance_reader.paths import sample_article
from stance_reader.services.library import open_store
from stance_reader.ui.corrections.dialogs import AddPassageDialog, PassageDialog, SpeakerDialog
from stance_reader.ui.export_dialog import ExportScope

CTRL = Qt.KeyboardModifier.ControlModifier


def scored(text: str) -> Analysis:
    """The sample's canned marks with model scores, as the stance model would give them."""
    analysis = sample_analysis(text)
    return replace(analysis, marks=tuple(replace(m, confidence=0.71) for m in analysis.marks))


class _Canned:
    name = "canned"

    def __init__(self, version: str = "canned-1", change: Callable[[Analysis, str], Analysis] | None = None):
        self.version, self._change = version, change

    def analyze(self, text: str) -> Analysis:
        if "Brandauer" not in text:
            return Analysis(pipeline=self.version)
        analysis = scored(text)
        return replace(self._change(analysis, text) if self._change else analysis, pipeline=self.version)


@pytest.fixture(autouse=True)
def canned_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    from stance_reader.services import analysis

    monkeypatch.setattr(analysis, "_ANALYZER", _Canned())


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "library.sqlite3"


@pytest.fixture
def open_window(qtbot, db: Path) -> Iterator[Callable[[], Any]]:  # type: ignore[no-untyped-def]
    windows: list[Any] = []

    def make() -> Any:
        window = build_window(open_store(str(db)), None, restore_layout=False)
        present(qtbot, window, windows)
        show(qtbot, window, sample_article())
        return window

    yield make
    for window in windows:
        window.close()


def snap(widget: QWidget, name: str) -> None:
    folder = os.environ.get("STANCE_SCREENSHOTS")
    if folder:
        QApplication.processEvents()
        widget.grab().save(str(Path(folder) / f"corr-{name}.png"))


def cursor_in(qtbot, window: Any, cue: str) -> None:  # type: ignore[no-untyped-def]
    """Put the caret inside ``cue`` (a mark's cue words) with the reader focused, as a click would."""
    activate(qtbot, window)
    window.reader.place_cursor(window.current_article.text.index(cue) + 1)
    qtbot.waitUntil(lambda: window.reader.current_mark() is not None, timeout=WAIT_MS)


def corrections(window: Any) -> list[Any]:
    return list(window.store.corrections_for(window.current_document.id))


def mark_at(window: Any, phrase: str) -> Any:
    at = window.current_article.text.index(phrase) + 1
    return next((m for m in window.current_analysis.marks if m.start <= at < m.end), None)


def settle(qtbot, window: Any, n: int) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: len(corrections(window)) == n, timeout=WAIT_MS)
    idle(qtbot, window)
    qtbot.waitUntil(lambda: len(window.corrections.panel.lines()) == n, timeout=WAIT_MS)


def activate(qtbot, window: Any) -> None:  # type: ignore[no-untyped-def]
    """Back from a menu or dialog: offscreen Qt does not hand activation back itself."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.reader.setFocus()


def undo(qtbot, window: Any) -> None:  # type: ignore[no-untyped-def]
    activate(qtbot, window)
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    idle(qtbot, window)


def redo(qtbot, window: Any) -> None:  # type: ignore[no-untyped-def]
    activate(qtbot, window)
    press(qtbot, window, Qt.Key.Key_Z, CTRL_SHIFT)
    idle(qtbot, window)


def click_menu(qtbot, menu: QMenu, name: str) -> None:  # type: ignore[no-untyped-def]
    action = next(a for a in menu.actions() if a.objectName() == name)
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())


def open_context_menu(qtbot, window: Any, phrase: str) -> QMenu:  # type: ignore[no-untyped-def]
    """Right-click on ``phrase`` in the reader; returns the menu that pops up."""
    reader = window.reader
    window.reader.jump_to(*(lambda s: (s, s))(window.current_article.text.index(phrase) + 1))
    pos = reader.cursorRect().center()
    qtbot.mouseClick(reader.viewport(), Qt.MouseButton.RightButton, pos=pos)
    reader.customContextMenuRequested.emit(pos)  # offscreen Qt sends no context-menu event for a click
    menu = window.corrections.last_menu
    qtbot.waitUntil(lambda: menu is not None and menu.isVisible(), timeout=WAIT_MS)
    return menu


# --- reject -------------------------------------------------------------------------------------------


def test_reject_by_key_undo_and_redo(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window()
    snap(window, "0-opened")
    cursor_in(qtbot, window, "may take")
    assert window.current_analysis.marks and mark_at(window, "may take") is not None
    press(qtbot, window, Qt.Key.Key_X)
    settle(qtbot, window, 1)
    assert mark_at(window, "may take") is None  # gone from the text
    [c] = corrections(window)
    assert c.rejected and c.target.cue_text == "may"
    assert window.actions_by_name["undo"].text() == "&Undo reject hedge"
    tip = window.sidebar.speaker_item("Tobias Brandauer").toolTip(1)
    assert "1 hedged" in tip  # the per-speaker profile counts the corrected analysis
    snap(window, "1-rejected")
    undo(qtbot, window)
    qtbot.waitUntil(lambda: mark_at(window, "may take") is not None, timeout=WAIT_MS)
    assert corrections(window) == [] and "2 hedged" in window.sidebar.speaker_item(
        "Tobias Brandauer"
    ).toolTip(1)
    redo(qtbot, window)
    qtbot.waitUntil(lambda: mark_at(window, "may take") is None, timeout=WAIT_MS)
    assert len(corrections(window)) == 1


def test_reject_by_context_menu_click(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window()
    menu = open_context_menu(qtbot, window, "will publish")
    snap(menu, "2-context-menu")
    assert {"correct_reject", "correct_speaker", "correct_passage"} <= {
        a.objectName() for a in menu.actions()
    }
    click_menu(qtbot, menu, "correct_reject")
    settle(qtbot, window, 1)
    assert mark_at(window, "will publish") is None
    undo(qtbot, window)
    qtbot.waitUntil(lambda: mark_at(window, "will publish") is not None, timeout=WAIT_MS)


# --- relabel, speaker, passage ------------------------------------------------------------------------


def test_relabel_by_key_and_details_button_with_analyst_sign(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window()
    cursor_in(qtbot, window, "will deliver")
    press(qtbot, window, Qt.Key.Key_K)  # commitment → hedge
    settle(qtbot, window, 1)
    mark = mark_at(window, "will deliver")
    assert mark.kind is MarkKind.HEDGE and mark.analyst.kind_by_analyst
    cursor_in(qtbot, window, "will deliver")
    text = window.details.plain_summary()
    assert "Corrected by you, was: commitment by Ingrid Kellner, model 0.71" in text
    snap(window, "3-relabelled")
    undo(qtbot, window)
    qtbot.waitUntil(lambda: mark_at(window, "will deliver").kind is MarkKind.COMMITMENT, timeout=WAIT_MS)
    redo(qtbot, window)
    qtbot.waitUntil(lambda: mark_at(window, "will deliver").kind is MarkKind.HEDGE, timeout=WAIT_MS)
    # The details pane's Kind button (mouse) turns it back: no correction left.
    cursor_in(qtbot, window, "will deliver")
    button = window.details.findChild(QWidget, "details_correct_kind")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    settle(qtbot, window, 0)
    assert mark_at(window, "will deliver").analyst is None


def test_reassign_speaker_from_the_dialog(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window()
    cursor_in(qtbot, window, "cannot guarantee")
    press(qtbot, window, Qt.Key.Key_S)
    dialog = window.corrections.last_dialog
    assert isinstance(dialog, SpeakerDialog) and dialog.isVisible()
    choices = [dialog.box.itemText(i) for i in range(dialog.box.count())]
    assert {"Tobias Brandauer", "Ingrid Kellner", "Ostrava"} <= set(choices)
    dialog.box.lineEdit().selectAll()
    qtbot.keyClicks(dialog.box.lineEdit(), "Carla Duarte")
    snap(dialog, "4-speaker-dialog")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.box, Qt.Key.Key_Return)
    settle(qtbot, window, 1)
    assert mark_at(window, "cannot guarantee").speaker == "Carla Duarte"
    assert "1 hedged" in window.sidebar.speaker_item("Tobias Brandauer").toolTip(1)
    undo(qtbot, window)
    qtbot.waitUntil(
        lambda: mark_at(window, "cannot guarantee").speaker == "Tobias Brandauer", timeout=WAIT_MS
    )
    redo(qtbot, window)
    qtbot.waitUntil(lambda: mark_at(window, "cannot guarantee").speaker == "Carla Duarte", timeout=WAIT_MS)


def test_adjust_passage_with_shift_arrows(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window()
    before = mark_at(window, "may take")
    cursor_in(qtbot, window, "may take")
    press(qtbot, window, Qt.Key.Key_P)
    dialog = window.corrections.last_dialog
    assert isinstance(dialog, PassageDialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)  # end back one word
    qtbot.keyClick(dialog, Qt.Key.Key_Right, CTRL_SHIFT)  # start on one word
    snap(dialog, "5-passage-dialog")
    assert dialog.preview.toPlainText() == "may take a little longer than people"
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog, Qt.Key.Key_Return)
    settle(qtbot, window, 1)
    after = mark_at(window, "may take")
    assert (after.start, after.end) == (before.start + 3, before.end - 5) and after.analyst.passage_by_analyst
    undo(qtbot, window)
    qtbot.waitUntil(lambda: mark_at(window, "may take") == before, timeout=WAIT_MS)


# --- add what the model missed ------------------------------------------------------------------------


def test_add_a_missed_commitment(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window()
    start, end = select(qtbot, window, "no region would be left behind")
    press(qtbot, window, Qt.Key.Key_A)
    dialog = window.corrections.last_dialog
    assert isinstance(dialog, AddPassageDialog)
    qtbot.keyClick(dialog.kind_box, Qt.Key.Key_Down)  # Hedge → Firm commitment
    assert dialog.kind() is CorrectionKind.COMMITMENT
    dialog.box.setFocus()
    dialog.box.lineEdit().selectAll()
    qtbot.keyClicks(dialog.box.lineEdit(), "Ingrid Kellner")
    snap(dialog, "6-add-dialog")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.box, Qt.Key.Key_Return)
    settle(qtbot, window, 1)
    added = mark_at(window, "no region would be left behind")
    assert (added.kind, added.speaker, added.start, added.end) == (
        MarkKind.COMMITMENT,
        "Ingrid Kellner",
        start,
        end,
    )
    assert "3 committed" in window.sidebar.speaker_item("Ingrid Kellner").toolTip(1)
    cursor_in(qtbot, window, "no region")
    assert "Added by you" in window.details.plain_summary()
    snap(window, "7-added")
    undo(qtbot, window)
    qtbot.waitUntil(lambda: mark_at(window, "no region would be left behind") is None, timeout=WAIT_MS)
    redo(qtbot, window)
    qtbot.waitUntil(lambda: mark_at(window, "no region would be left behind") is not None, timeout=WAIT_MS)


# --- persistence, re-analysis, export -----------------------------------------------------------------


def _correct_four(qtbot, window: Any) -> None:  # type: ignore[no-untyped-def]
    cursor_in(qtbot, window, "may take")
    press(qtbot, window, Qt.Key.Key_X)
    settle(qtbot, window, 1)
    cursor_in(qtbot, window, "will deliver")
    press(qtbot, window, Qt.Key.Key_K)
    settle(qtbot, window, 2)
    window.corrections.set_speaker(mark_at(window, "will publish"), "Carla Duarte")
    settle(qtbot, window, 3)
    text = window.current_article.text
    start = text.index("no region would be left behind")
    window.corrections.add(start, start + 30, CorrectionKind.COMMITMENT, "Ingrid Kellner")
    settle(qtbot, window, 4)


def _expect_four(window: Any) -> None:
    assert mark_at(window, "may take") is None
    assert mark_at(window, "will deliver").kind is MarkKind.HEDGE
    assert mark_at(window, "will publish").speaker == "Carla Duarte"
    assert mark_at(window, "no region would").kind is MarkKind.COMMITMENT


def test_corrections_survive_quit_and_relaunch(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window()
    _correct_four(qtbot, window)
    window.close()
    again = open_window()
    qtbot.waitUntil(lambda: len(again.corrections.panel.lines()) == 4, timeout=WAIT_MS)
    _expect_four(again)
    snap(again, "8-relaunched")


def test_reanalysis_with_changed_rules_reapplies_or_lists_orphans(
    qtbot, open_window, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    window = open_window()
    _correct_four(qtbot, window)
    window.close()

    def new_rules(analysis: Analysis, text: str) -> Analysis:
        """Rule set v2: "will publish" is no longer a commitment; "will deliver" cues on "deliver" only."""
        cue = text.index("deliver the first")
        kept = [
            replace(m, cue=((cue, cue + 7),), confidence=0.9) if m.cue_text(text) == "will deliver" else m
            for m in analysis.marks
            if m.cue_text(text) != "will publish"
        ]
        return replace(analysis, marks=tuple(kept))

    from stance_reader.services import analysis as analysis_service

    monkeypatch.setattr(analysis_service, "_ANALYZER", _Canned("canned-2", new_rules))
    again = open_window()
    panel = again.corrections.panel
    qtbot.waitUntil(lambda: len(panel.lines()) == 4, timeout=WAIT_MS)
    assert mark_at(again, "may take") is None  # the rejection re-applied
    assert mark_at(again, "will deliver").kind is MarkKind.HEDGE  # re-attached by passage, new cue
    assert mark_at(again, "no region would").kind is MarkKind.COMMITMENT
    orphans = [line for line in panel.lines() if line.startswith("ORPHANED")]
    assert len(orphans) == 1 and "speaker → Carla Duarte" in orphans[0]
    assert "1 orphaned" in again.corrections.dock.windowTitle()
    assert sum(c.orphaned for c in again.store.corrections_for(again.current_document.id)) == 1
    snap(again, "9-orphans")


def _export(qtbot, window: Any, out: Path, *checks: str) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """File → Export… as JSON of this article with automatic marks and the given check boxes ticked."""
    activate(qtbot, window)
    window.statusBar().clearMessage()
    qtbot.keyClick(window.reader, Qt.Key.Key_E, CTRL)
    dialog = window.highlights.export_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("json"))
    dialog.scope_buttons[ExportScope.ARTICLE].setChecked(True)
    dialog.automatic_check.setChecked(True)
    for name in checks:
        box = getattr(dialog, name)
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))
        assert box.isChecked()
    snap(dialog, "10-export-dialog")
    dialog.path_edit.clear()
    qtbot.keyClicks(dialog.path_edit, str(out))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Exported" in window.statusBar().currentMessage(), timeout=WAIT_MS)
    data = json.loads(out.read_text(encoding="utf-8"))
    return {a["target"]["selector"][1]["exact"]: a["stance"] for a in data["annotations"]}


def test_export_carries_the_corrections(qtbot, open_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window()
    _correct_four(qtbot, window)
    marks = _export(qtbot, window, tmp_path / "all.json")
    assert marks["no region would be left behind"]["kind_source"] == "analyst"
    assert marks["no region would be left behind"]["correction"] == "added"
    deliver = next(v for k, v in marks.items() if k.startswith("We will deliver"))
    assert (deliver["kind"], deliver["kind_source"], deliver["speaker_source"]) == (
        "hedge",
        "analyst",
        "model",
    )
    publish = next(v for k, v in marks.items() if k.startswith("we will publish"))
    assert (publish["speaker"], publish["speaker_source"]) == ("Carla Duarte", "analyst")
    rejected = next(v for k, v in marks.items() if k.startswith("it may take"))
    assert rejected["correction"] == "rejected"
    untouched = next(v for k, v in marks.items() if k.startswith("I cannot guarantee"))
    assert (untouched["kind_source"], untouched["correction"]) == ("model", None)

    only = _export(qtbot, window, tmp_path / "only.json", "corrected_check", "rejected_check")
    assert len(only) == 3 and all(v["correction"] in ("corrected", "added") for v in only.values())
