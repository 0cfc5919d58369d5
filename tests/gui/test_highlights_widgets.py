"""The highlight widgets on their own: panel keyboard use and in-place edits, library paging, tag parsing.

The window-level behaviour (saving from the reader, persistence, undo) is in test_highlights_window.py.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from stance_reader.core import Article, Highlight, HighlightKind, StoredDocument
from stance_reader.ui.highlight_dialog import BulkSaveDialog, HighlightDialog, parse_tags
from stance_reader.ui.highlights_panel import HighlightsPanel
from stance_reader.ui.library_filter import HighlightFilter, page_fetcher
from stance_reader.ui.library_model import PAGE, LibraryModel
from stance_reader.ui.library_view import LibraryView

TEXT = "Ministers said the plan may fail. “We will fund it,” Kellner said. Nobody knows 🙂 why."


def _highlight(i: int, quote: str, **kw: Any) -> Highlight:
    start = TEXT.index(quote)
    return Highlight.from_span(TEXT, start, start + len(quote), document_id=1, id=i, **kw)


@pytest.fixture
def highlights() -> list[Highlight]:
    return [
        _highlight(1, "may fail", kind=HighlightKind.HEDGE, speaker="Ministers", note="weak"),
        _highlight(2, "We will fund it", kind=HighlightKind.COMMITMENT, speaker="Kellner", tags=("eu",)),
        _highlight(3, "Nobody knows 🙂 why", note="gone", orphaned=True),
    ]


@pytest.fixture
def panel(qtbot, highlights: list[Highlight]) -> HighlightsPanel:  # type: ignore[no-untyped-def]
    widget = HighlightsPanel()
    qtbot.addWidget(widget)
    widget.resize(380, 420)
    widget.show()
    widget.set_highlights(highlights)
    return widget


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("a, b ,a", ("a", "b")), ("  ", ()), ("NATO, nato,  Kyiv  aid ", ("NATO", "Kyiv aid"))],
)
def test_parse_tags(raw: str, expected: tuple[str, ...]) -> None:
    assert parse_tags(raw) == expected


def test_panel_counts_and_flags_orphans(panel: HighlightsPanel) -> None:
    assert "3 saved highlights" in panel.summary.text()
    assert "1 orphaned" in panel.summary.text()
    orphan_row = panel.model.row_of(3)
    assert panel.model.index(orphan_row, 0).data().startswith("⚠ orphaned")


def test_panel_note_edit_in_place_emits_update(qtbot, panel: HighlightsPanel) -> None:  # type: ignore[no-untyped-def]
    panel.select_highlight(2)
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_F2)
    assert panel.note_edit.hasFocus()
    panel.note_edit.selectAll()
    qtbot.keyClicks(panel.note_edit, "firm pledge")
    with qtbot.waitSignal(panel.update_requested) as blocker:
        qtbot.keyClick(panel.note_edit, Qt.Key.Key_Return)
    old, new = blocker.args
    assert (old.id, old.note, new.note, new.tags) == (2, "", "firm pledge", ("eu",))


def test_panel_tags_edit_parses(qtbot, panel: HighlightsPanel) -> None:  # type: ignore[no-untyped-def]
    panel.select_highlight(1)
    panel.tags_edit.setFocus()
    panel.tags_edit.clear()
    qtbot.keyClicks(panel.tags_edit, "budget,  risk ,budget")
    with qtbot.waitSignal(panel.update_requested) as blocker:
        qtbot.keyClick(panel.tags_edit, Qt.Key.Key_Return)
    assert blocker.args[1].tags == ("budget", "risk")


def test_panel_keyboard_jump_and_delete(qtbot, panel: HighlightsPanel) -> None:  # type: ignore[no-untyped-def]
    panel.view.setFocus()
    panel.select_highlight(1)
    with qtbot.waitSignal(panel.jump_requested) as jump:
        qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert jump.args[0].id == 1
    qtbot.keyClick(panel.view, Qt.Key.Key_Down)
    with qtbot.waitSignal(panel.delete_requested) as delete:
        qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert [h.id for h in delete.args[0]] == [2]


def test_panel_has_accessible_names(panel: HighlightsPanel) -> None:
    for widget in (panel, panel.view, panel.note_edit, panel.tags_edit):
        assert widget.accessibleName()
    index = panel.model.index(panel.model.row_of(1), 0)
    assert "Hedge highlight" in index.data(Qt.ItemDataRole.AccessibleTextRole)


def test_panel_keeps_selection_across_reload(panel: HighlightsPanel, highlights: list[Highlight]) -> None:
    panel.select_highlight(2)
    panel.set_highlights(list(reversed(highlights)))
    current = panel.current_highlight()
    assert current is not None and current.id == 2


class _RowsStore:
    """search_highlights over a list, paged by ``offset`` and ``limit`` as the store pages."""

    def __init__(self, n: int) -> None:
        doc = StoredDocument(7, Article("x " * 10, title="T", outlet="O"), "h")
        self.rows = [(_highlight(i, "may fail"), doc) for i in range(n)]
        self.calls: list[dict[str, Any]] = []

    def search_highlights(
        self, query: str = "", *, limit: int | None = None, offset: int = 0, **filters: Any
    ) -> list[Any]:
        self.calls.append({"query": query, "limit": limit, "offset": offset, **filters})
        return self.rows[offset : offset + (limit or len(self.rows))]

    def all_tags(self) -> list[str]:
        return ["eu", "risk"]

    def all_speakers(self) -> list[str]:
        return ["Kellner"]

    def all_outlets(self) -> list[str]:
        return ["O"]

    def count_highlights(self, query: str = "", **filters: Any) -> int:
        return len(self.rows)


def test_library_model_pages_rows(qtbot) -> None:  # type: ignore[no-untyped-def]
    store = _RowsStore(100_000)
    model = LibraryModel()
    model.set_source(page_fetcher(store, HighlightFilter()))
    assert [(c["offset"], c["limit"]) for c in store.calls] == [(0, PAGE)]  # the first page only
    assert model.rowCount() == PAGE and model.canFetchMore(model.index(-1, -1))
    model.fetchMore(model.index(-1, -1))
    assert model.rowCount() == 2 * PAGE
    assert [model.row(r)[0].id for r in (0, PAGE, 2 * PAGE - 1)] == [0, PAGE, 2 * PAGE - 1]


def test_library_model_stops_at_the_end(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = LibraryModel()
    model.set_source(page_fetcher(_RowsStore(PAGE + 5), HighlightFilter()))
    model.fetchMore(model.index(-1, -1))
    assert model.rowCount() == PAGE + 5 and model.complete
    assert not model.canFetchMore(model.index(-1, -1))


def test_library_view_passes_filters_to_store(qtbot) -> None:  # type: ignore[no-untyped-def]
    store = _RowsStore(3)
    view = LibraryView(store)
    qtbot.addWidget(view)
    view.kind_combo.setCurrentIndex(view.kind_combo.findData("hedge"))
    view.tag_combo.setCurrentIndex(view.tag_combo.findData("risk"))
    qtbot.keyClicks(view.search_edit, "fund")
    qtbot.waitUntil(lambda: store.calls[-1]["query"] == "fund")
    last = store.calls[-1]
    assert (last["kinds"], last["tags"], last["speakers"]) == (("hedge",), ("risk",), ())
    assert "3 highlights" in view.status.text()


def test_highlight_dialog_values(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = HighlightDialog("We will fund it", kind=HighlightKind.COMMITMENT, all_tags=["ukraine", "eu"])
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.note_edit, "pledge")
    qtbot.keyClicks(dialog.tags_edit, "eu, money")
    assert (dialog.note(), dialog.tags(), dialog.kind()) == (
        "pledge",
        ("eu", "money"),
        HighlightKind.COMMITMENT,
    )


def test_bulk_dialog_counts_and_disables_save_when_nothing(qtbot) -> None:  # type: ignore[no-untyped-def]
    counts = {("A", HighlightKind.HEDGE): 2, ("B", HighlightKind.HEDGE): 0}
    dialog = BulkSaveDialog(["A", "B"], lambda s, k: counts.get((s, k), 0))
    qtbot.addWidget(dialog)
    assert "2 unsaved hedges by A" in dialog.summary.text()
    dialog.speaker_combo.setCurrentText("B")
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert "0 unsaved" in dialog.summary.text() and not save.isEnabled()


def test_library_view_counts_the_total_after_the_first_page(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = LibraryView(_RowsStore(1_000))
    qtbot.addWidget(view)
    assert view.model.rowCount() == PAGE
    qtbot.waitUntil(lambda: view.status.text().startswith("1,000 highlights"))
    assert f"{PAGE} loaded" in view.status.text()


def test_reload_keeps_what_the_analyst_is_typing(qtbot, panel: HighlightsPanel, highlights) -> None:  # type: ignore[no-untyped-def]
    panel.select_highlight(2)
    panel.tags_edit.setFocus()
    qtbot.keyClick(panel.tags_edit, Qt.Key.Key_End)
    qtbot.keyClicks(panel.tags_edit, ", budg")
    # The note saved a moment ago comes back from the store while the tags are still being typed.
    panel.set_highlights([replace(h, note="pledge") if h.id == 2 else h for h in highlights])
    assert panel.tags_edit.text() == "eu, budg"
    assert panel.note_edit.text() == "pledge"


def test_library_view_delete_key_asks_to_delete_the_selection(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = LibraryView(_RowsStore(3))
    qtbot.addWidget(view)
    view.show()
    view.activateWindow()  # shortcuts only reach the active window
    qtbot.waitUntil(view.isActiveWindow)
    view.table.setFocus()
    view.table.selectRow(1)
    with qtbot.waitSignal(view.delete_requested) as blocker:
        qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert [h.id for h in blocker.args[0]] == [1]


def test_tag_completion_works_after_a_comma(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = HighlightDialog("passage", all_tags=["ukraine", "eu"])
    qtbot.addWidget(dialog)
    completer = dialog.tags_edit.completer()
    dialog.tags_edit.setText("eu, ukr")
    assert completer.splitPath(dialog.tags_edit.text()) == ["ukr"]
    completer.setCompletionPrefix("ukr")
    assert completer.pathFromIndex(completer.currentIndex()) == "eu, ukraine"
