"""The reader window driven like an analyst: legend counts, toggles, entity clicks, tooltips, themes,
stale analyses, offsets after emoji and CRLF, find, zoom, bad input, drops, --screenshot.

Most tests use a canned analysis (fake_analysis.py) through the real lane jobs, so marks are exact and
runs fast; the tests marked "real pipeline" share the process-wide spaCy analyzer.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fake_analysis import hedge, sample_analysis
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QImage, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QWidget
from windows import present

from stance_reader import cli
from stance_reader.app import build_window, open_library
from stance_reader.core import Analysis, MarkKind
from stance_reader.core.palette import contrast_ratio
from stance_reader.paths import sample_article
from stance_reader.ui.main_window import MainWindow, count_summary, layer_counts
from stance_reader.ui.render_plan import LAYERS_PROPERTY, Layer

WAIT_MS = 30_000


class CannedAnalyzer:
    """The analyzer interface with hand-made marks; ``gate`` can hold an analysis back."""

    name = "canned"
    version = "canned-1"

    def __init__(self) -> None:
        self.gates: dict[str, threading.Event] = {}
        self.started: dict[str, threading.Event] = {}
        self.extra: dict[str, Callable[[str], Analysis]] = {}

    def analyze(self, text: str) -> Analysis:
        for needle, event in self.gates.items():
            if needle in text:
                self.started.setdefault(needle, threading.Event()).set()
                event.wait(20)
        for needle, make in self.extra.items():
            if needle in text:
                return make(text)
        if "Brandauer" in text:
            return sample_analysis(text)
        return Analysis(pipeline=self.version)


@pytest.fixture
def canned(monkeypatch: pytest.MonkeyPatch) -> CannedAnalyzer:
    from stance_reader.services import analysis

    analyzer = CannedAnalyzer()
    monkeypatch.setattr(analysis, "_ANALYZER", analyzer)
    return analyzer


@pytest.fixture
def make_window(qtbot, tmp_path: Path) -> Iterator[Callable[..., MainWindow]]:  # type: ignore[no-untyped-def]
    windows: list[MainWindow] = []

    def make(theme: str | None = None, *, highlights: bool = True) -> MainWindow:
        store, problem = open_library(str(tmp_path / "library.sqlite3"))
        assert not problem, problem
        if highlights:
            window = build_window(store, theme, restore_layout=False)
        else:
            window = MainWindow(store=store, theme=theme, restore_layout=False)
        present(qtbot, window, windows)
        return window

    yield make
    for window in windows:
        window.close()


def open_and_wait(qtbot, window: MainWindow, path: Path) -> Analysis:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.analysis_ready, timeout=WAIT_MS) as blocker:
        window.open_path(path)
    wait_drawn(qtbot, window)
    return blocker.args[0]  # type: ignore[no-any-return]


def wait_drawn(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not window.reader.is_rendering() and not window.lane.is_busy(), timeout=WAIT_MS)


def layers_at(window: MainWindow, offset: int) -> set[str]:
    value = window.reader.char_format_at(offset).property(LAYERS_PROPERTY)
    return set(str(value).split(",")) - {""} if value else set()


# --- legend, status, toggles -----------------------------------------------------------------------


@pytest.mark.usefixtures("canned")
def test_legend_and_status_show_the_counts(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    analysis = open_and_wait(qtbot, window, sample_article())
    qtbot.waitUntil(lambda: window.legend.count_text(Layer.HEDGES) == "Hedges 2", timeout=WAIT_MS)
    assert window.legend.count_text(Layer.SPEAKERS) == "Speakers 2"
    assert window.legend.count_text(Layer.COMMITMENTS) == "Commitments 2"
    assert window.counts_label.text() == "2 speakers · 2 hedges · 2 commitments" == count_summary(analysis)
    assert window.current_document is not None and window.current_analysis is analysis


def test_real_pipeline_legend_counts_match_analysis(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    """Real pipeline on the bundled sample: the legend and status bar agree with what it found."""
    window = make_window()
    analysis = open_and_wait(qtbot, window, sample_article())
    counts = layer_counts(analysis)
    assert counts[Layer.HEDGES] > 0 and counts[Layer.COMMITMENTS] > 0 and counts[Layer.SPEAKERS] > 0
    qtbot.waitUntil(lambda: window.counts_label.text() == count_summary(analysis), timeout=WAIT_MS)
    for layer in Layer:
        assert window.legend.count_text(layer).endswith(f" {counts[layer]}")
    assert window.pipeline_label.text().startswith("Pipeline: ")


@pytest.mark.usefixtures("canned")
def test_toggling_hedges_off_removes_every_hedge_format(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    analysis = open_and_wait(qtbot, window, sample_article())
    hedges = [m for m in analysis.marks if m.kind is MarkKind.HEDGE]
    cue = hedges[0].cue[0][0]
    assert "hedges" in layers_at(window, cue) and window.reader.char_format_at(cue).fontItalic()

    qtbot.mouseClick(window.legend.buttons[Layer.HEDGES], Qt.MouseButton.LeftButton)
    wait_drawn(qtbot, window)
    for mark in hedges:
        for offset in range(mark.start, mark.end):
            fmt = window.reader.char_format_at(offset)
            assert "hedges" not in layers_at(window, offset)
            assert fmt.underlineStyle() != QTextCharFormat.UnderlineStyle.WaveUnderline
            assert not fmt.fontItalic()
    assert "speakers" in layers_at(window, cue)  # the quote around it is still coloured

    window.actions_by_name["layer_hedges"].trigger()  # back on, from the View menu action
    wait_drawn(qtbot, window)
    assert window.reader.char_format_at(cue).fontItalic()


@pytest.mark.usefixtures("canned")
def test_redrawing_keeps_the_reader_where_they_were(qtbot, make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Formats are applied to an off-screen copy that is swapped in: scroll position, selection and
    find matches must survive the swap."""
    filler = "\n\n".join(f"Paragraph {i} of background with nothing to mark in it." for i in range(400))
    path = tmp_path / "long.txt"
    path.write_text(sample_article().read_text(encoding="utf-8") + "\n\n" + filler, encoding="utf-8")
    window = make_window()
    open_and_wait(qtbot, window, path)
    reader, text = window.reader, window.current_article.text
    qtbot.keyClick(reader, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.find_bar.edit, "background")
    found = len(reader.extraSelections())
    assert found == text.count("background")
    bar = reader.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    top = bar.value()
    assert top > 0
    start = text.index("Paragraph 200 ")
    cursor = reader.textCursor()
    cursor.setPosition(reader._qt(start))
    cursor.setPosition(reader._qt(start + len("Paragraph 200")), QTextCursor.MoveMode.KeepAnchor)
    reader.setTextCursor(cursor)
    bar.setValue(top)

    qtbot.mouseClick(window.legend.buttons[Layer.HEDGES], Qt.MouseButton.LeftButton)
    wait_drawn(qtbot, window)
    assert bar.value() == top
    assert reader.textCursor().selectedText() == "Paragraph 200"
    selections = reader.extraSelections()
    assert len(selections) == found
    assert all(sel.cursor.document() is reader.document() for sel in selections)
    assert selections[0].cursor.selectedText() == "background"
    hedge_cue = next(m.cue[0][0] for m in window.current_analysis.marks if m.kind is MarkKind.HEDGE)
    assert "hedges" not in layers_at(window, hedge_cue)


# --- entities, tooltips, details ------------------------------------------------------------------


@pytest.mark.usefixtures("canned")
def test_clicking_an_entity_selects_all_its_mentions(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    analysis = open_and_wait(qtbot, window, sample_article())
    text = window.current_article.text
    mentions = sorted((e.start, e.end) for e in analysis.entities if e.canonical == "Ingrid Kellner")
    assert len(mentions) >= 2
    item = window.sidebar.entity_item("Ingrid Kellner")
    assert item is not None and "also: Kellner" in item.text(0)
    tree = window.sidebar.tree
    tree.scrollToItem(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(item).center())

    assert window.reader.marked_spans() == mentions
    marked = [(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in window.reader.extraSelections()]
    assert len(marked) == len(mentions)
    assert window.reader.selected_span() == mentions[0]
    qtbot.keyClick(window, Qt.Key.Key_F3)
    assert window.reader.selected_span() == mentions[1]
    assert text[slice(*mentions[1])] in ("Kellner", "Ingrid Kellner")
    qtbot.keyClick(window, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert window.reader.selected_span() == mentions[0]


@pytest.mark.usefixtures("canned")
def test_hovering_a_cue_explains_the_mark(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    analysis = open_and_wait(qtbot, window, sample_article())
    mark = next(
        m for m in analysis.marks if m.kind is MarkKind.HEDGE and m.explanation == "negated commitment"
    )
    tip = window.reader.tooltip_at(mark.cue[0][0])
    assert tip.splitlines()[0] == "Hedge · cue 'cannot guarantee' · Tobias Brandauer · negated commitment"
    assert "Direct quote · speech · Tobias Brandauer" in tip  # the overlapping quote is explained too


@pytest.mark.usefixtures("canned")
def test_clicking_a_mark_fills_details_and_save_emits(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window(highlights=False)
    analysis = open_and_wait(qtbot, window, sample_article())
    mark = next(m for m in analysis.marks if m.kind is MarkKind.COMMITMENT)
    reader = window.reader
    inside = mark.cue[0][0] + 2  # inside the cue word (a line start is ambiguous for cursorRect)
    reader.jump_to(inside, inside)
    reader.jump_to(0, 0)
    cursor = QTextCursor(reader.document())
    cursor.setPosition(reader._qt(inside))
    qtbot.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton, pos=reader.cursorRect(cursor).center())
    assert reader.cursor_offset() == inside
    assert reader.current_mark() == mark
    assert "Commitment" in window.details.plain_summary() and "will deliver" in window.details.plain_summary()
    assert window.details.passage.toPlainText() == window.current_article.text[mark.start : mark.end]
    with qtbot.waitSignal(window.save_mark_requested) as blocker:
        qtbot.mouseClick(window.details.save_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [mark]


# --- themes ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.usefixtures("canned")
def test_every_mark_format_keeps_text_contrast(qtbot, make_window, theme: str) -> None:  # type: ignore[no-untyped-def]
    window = make_window("light")
    open_and_wait(qtbot, window, sample_article())
    window.actions_by_name[f"theme_{theme}"].trigger()
    wait_drawn(qtbot, window)
    assert window.theme().name == theme
    checked = 0
    block = window.reader.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.background().style() != Qt.BrushStyle.NoBrush:
                fg, bg = fmt.foreground().color().name(), fmt.background().color().name()
                assert contrast_ratio(fg, bg) >= 4.5, (it.fragment().text(), fg, bg)
                checked += 1
            it += 1
        block = block.next()
    assert checked >= 6  # quotes, speaker names, hedges, commitments were all checked


# --- stale results, offsets ------------------------------------------------------------------------


def test_second_article_while_first_analysed_never_shows_first_results(  # type: ignore[no-untyped-def]
    qtbot, make_window, canned: CannedAnalyzer, tmp_path: Path
) -> None:
    first = tmp_path / "first.txt"
    first.write_text("Slow Story\n\nThe minister said it may rain on the parade.\n", encoding="utf-8")
    canned.gates["parade"] = threading.Event()
    canned.extra["parade"] = lambda text: Analysis(
        marks=(hedge(text, "it may rain on the parade", "may", None),), pipeline="first"
    )
    window = make_window(highlights=False)
    seen: list[Analysis] = []
    window.analysis_ready.connect(seen.append)
    window.open_path(first)
    qtbot.waitUntil(lambda: "parade" in canned.started, timeout=WAIT_MS)  # first analysis is running
    with qtbot.waitSignal(window.analysis_ready, timeout=WAIT_MS):
        window.open_path(sample_article())
        qtbot.waitUntil(
            lambda: window.current_article is not None and "Brandauer" in window.current_article.text,
            timeout=WAIT_MS,
        )
        canned.gates["parade"].set()
    wait_drawn(qtbot, window)
    assert [a.pipeline for a in seen] == ["fake-pipeline"]
    assert "parade" not in window.reader.toPlainText()
    assert window.current_analysis is seen[0]
    assert window.legend.count_text(Layer.HEDGES) == "Hedges 2"


def test_a_long_article_shows_its_opening_at_once_and_the_rest_before_the_analysis(  # type: ignore[no-untyped-def]
    qtbot, make_window, canned: CannedAnalyzer, tmp_path: Path
) -> None:
    from stance_reader.ui.reader_document import PREVIEW_CHARS

    body = "\n\n".join(f"Paragraph {i} says the harbour may reopen in spring." for i in range(1200))
    path = tmp_path / "long.txt"
    path.write_text("Long Story\n\n" + body + "\n\nThe final harbour line.\n", encoding="utf-8")
    canned.gates["final harbour"] = threading.Event()
    window = make_window(highlights=False)
    shown: list[int] = []
    window.article_shown.connect(lambda _a: shown.append(len(window.reader.toPlainText())))
    window.open_path(path)
    qtbot.waitUntil(lambda: "final harbour" in canned.started, timeout=WAIT_MS)  # analysis held back
    text = window.current_article.text
    assert shown and shown[0] < len(text) // 2  # the opening only, at first
    assert len(text) > 2 * PREVIEW_CHARS
    qtbot.waitUntil(lambda: "The final harbour line." in window.reader.toPlainText(), timeout=WAIT_MS)
    end = text.index("The final harbour line.")
    window.reader.jump_to(end, end + 9)
    assert window.reader.textCursor().selectedText() == "The final"
    canned.gates["final harbour"].set()
    wait_drawn(qtbot, window)
    assert window.reader.toPlainText().count("Paragraph") == 1200


def test_jumping_past_the_opening_puts_the_rest_in_at_once(  # type: ignore[no-untyped-def]
    qtbot, make_window, canned: CannedAnalyzer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stance_reader.ui import reader_text

    monkeypatch.setattr(reader_text, "REST_DELAY_MS", 60_000)  # the rest would not come on its own
    body = "\n\n".join(f"Paragraph {i} says the harbour may reopen in spring." for i in range(1200))
    path = tmp_path / "long.txt"
    path.write_text("Long Story\n\n" + body + "\n\nThe last quay line.\n", encoding="utf-8")
    canned.gates["last quay"] = threading.Event()
    window = make_window(highlights=False)
    window.open_path(path)
    qtbot.waitUntil(lambda: "last quay" in canned.started, timeout=WAIT_MS)
    text = window.current_article.text
    end = text.index("The last quay line.")
    assert "The last quay line." not in window.reader.toPlainText()
    window.reader.jump_to(end, end + 8)
    assert window.reader.textCursor().selectedText() == "The last"
    canned.gates["last quay"].set()
    wait_drawn(qtbot, window)


def test_colours_arriving_while_the_reader_scrolls_the_opening_keep_their_place(  # type: ignore[no-untyped-def]
    qtbot, make_window, canned: CannedAnalyzer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The coloured copy replaces a preview the analyst has scrolled: same lines in view, same
    selection (the swap path; a fully shown, scrolled article is formatted in place instead)."""
    from PySide6.QtCore import QPoint

    from stance_reader.ui import reader_text

    monkeypatch.setattr(reader_text, "REST_DELAY_MS", 60_000)
    body = "\n\n".join(f"Paragraph {i} says the harbour may reopen in spring." for i in range(1200))
    path = tmp_path / "long.txt"
    path.write_text("Long Story\n\n" + body + "\n\nThe pier line.\n", encoding="utf-8")
    canned.gates["pier line"] = threading.Event()
    canned.extra["pier line"] = lambda text: Analysis(
        marks=(hedge(text, "Paragraph 3 says the harbour may reopen in spring.", "may", None),),
        pipeline="long",
    )
    window = make_window(highlights=False)
    window.open_path(path)
    qtbot.waitUntil(lambda: "pier line" in canned.started, timeout=WAIT_MS)
    view = window.reader
    # One lane job stores and analyses, so the analysis may start before the window has laid the
    # preview out; the analyst scrolls a preview that is on screen.
    qtbot.waitUntil(lambda: view.document().documentLayout().documentSize().height() > view.height())
    qtbot.wait(50)
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() // 2)
    assert view.verticalScrollBar().value() > 0
    first_shown = view.cursorForPosition(QPoint(0, 0)).position()
    text = window.current_article.text
    cursor = view.cursorForPosition(QPoint(10, view.viewport().height() // 2))  # a line mid-view
    block = cursor.block()
    while not block.text():
        block = block.next()  # not the blank gap between paragraphs
    cursor.setPosition(block.position())
    cursor.setPosition(block.position() + 12, QTextCursor.MoveMode.KeepAnchor)
    selected = cursor.selectedText()
    assert selected.startswith("Paragraph ")
    view.setTextCursor(cursor)
    canned.gates["pier line"].set()
    qtbot.waitUntil(lambda: window.current_analysis is not None, timeout=WAIT_MS)
    wait_drawn(qtbot, window)
    assert "The pier line." in view.toPlainText()  # the coloured copy is the whole article
    assert abs(view.cursorForPosition(QPoint(0, 0)).position() - first_shown) <= 1
    assert view.textCursor().selectedText() == selected
    assert "hedges" in layers_at(window, text.index("may reopen in spring.", text.index("Paragraph 3 ")))


def test_emoji_and_crlf_before_a_mark_land_on_the_right_characters(  # type: ignore[no-untyped-def]
    qtbot, make_window, canned: CannedAnalyzer, tmp_path: Path
) -> None:
    path = tmp_path / "emoji.txt"
    path.write_bytes(
        "Weather Desk 🙂\r\n\r\nCrowds 🎉🎉 gathered.\r\nOfficials said it may rain later.\r\n".encode()
    )
    canned.extra["Officials"] = lambda text: Analysis(
        marks=(hedge(text, "it may rain later", "may", None),), pipeline="emoji"
    )
    window = make_window(highlights=False)
    analysis = open_and_wait(qtbot, window, path)
    text = window.current_article.text
    assert "\r" not in text and "🎉" in text
    mark = analysis.marks[0]
    window.reader.jump_to(mark.start, mark.end)
    assert window.reader.textCursor().selectedText() == "it may rain later"
    assert window.reader.selected_span() == (mark.start, mark.end)
    cue = mark.cue[0][0]
    assert window.reader.char_format_at(cue).fontItalic()  # the "m" of "may"
    assert not window.reader.char_format_at(cue - 1).fontItalic()  # the space before it
    assert (
        window.reader.char_format_at(mark.start - 1).underlineStyle()
        == QTextCharFormat.UnderlineStyle.NoUnderline
    )
    cursor = QTextCursor(window.reader.document())
    cursor.setPosition(window.reader._qt(cue))
    cursor.movePosition(QTextCursor.MoveOperation.NextCharacter, QTextCursor.MoveMode.KeepAnchor, 3)
    assert cursor.selectedText() == "may"


# --- everyday comforts -----------------------------------------------------------------------------


@pytest.mark.usefixtures("canned")
def test_find_counts_and_steps(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window(highlights=False)
    open_and_wait(qtbot, window, sample_article())
    text = window.current_article.text
    total = text.lower().count("kellner")
    qtbot.keyClick(window.reader, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.isVisible() and window.find_bar.edit.hasFocus()
    qtbot.keyClicks(window.find_bar.edit, "kellner")
    assert window.find_bar.count.text() == f"1 of {total}"
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Return)
    assert window.find_bar.count.text() == f"2 of {total}"
    assert window.reader.textCursor().selectedText().lower() == "kellner"
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible()


@pytest.mark.usefixtures("canned")
def test_zoom_is_remembered(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window(highlights=False)
    size = window.reader.document().defaultFont().pointSizeF()
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.reader.zoom() == 2
    assert window.reader.document().defaultFont().pointSizeF() > size
    window.close()
    again = make_window(highlights=False)
    assert again.reader.zoom() == 2
    qtbot.keyClick(again, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert again.reader.zoom() == 0


@pytest.mark.usefixtures("canned")
def test_bad_file_shows_message_and_window_keeps_working(qtbot, make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(highlights=False)
    bad = tmp_path / "garbage.txt"
    bad.write_bytes(bytes(range(256)) * 40)
    with qtbot.waitSignal(window.open_failed, timeout=WAIT_MS) as blocker:
        window.open_path(bad)
    assert "garbage.txt" in blocker.args[0]
    assert window.banner.isVisible() and window.banner_label.text() == blocker.args[0]
    open_and_wait(qtbot, window, sample_article())
    assert not window.banner.isVisible()
    assert window.current_analysis is not None


@pytest.mark.usefixtures("canned")
def test_import_notices_show_under_the_title_and_in_the_status_bar(  # type: ignore[no-untyped-def]
    qtbot, make_window, tmp_path: Path
) -> None:
    window = make_window(highlights=False)
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("Caf\u00e9 owners said the plan might fail, the mayor said.".encode("cp1252"))
    open_and_wait(qtbot, window, legacy)
    assert "⚠ not valid UTF-8: decoded as Windows-1252" in window.reader.toPlainText()
    assert window.statusBar().currentMessage().startswith("Note: not valid UTF-8: decoded as Windows-1252")
    clean = tmp_path / "clean.txt"
    clean.write_text("The mayor said the plan might fail.", encoding="utf-8")
    open_and_wait(qtbot, window, clean)
    assert window.statusBar().currentMessage() == ""  # the next article has nothing to note


@pytest.mark.usefixtures("canned")
def test_dropping_a_file_opens_it(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window(highlights=False)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(sample_article()))])
    event = QDropEvent(
        QPointF(200, 200),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.analysis_ready, timeout=WAIT_MS):
        window.dropEvent(event)
        assert event.isAccepted()
    wait_drawn(qtbot, window)
    assert "Brandauer" in window.reader.toPlainText()


@pytest.mark.usefixtures("canned")
def test_menus_show_shortcuts_and_widgets_have_names(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window(highlights=False)
    for key in ("file", "edit", "view", "go", "help"):
        for action in window.menus[key].actions():
            if action.isSeparator() or action.menu() is not None or not action.isVisible():
                continue
            assert not action.shortcut().isEmpty(), f"{key} → {action.text()} has no shortcut"
    for name in ("export", "undo", "redo", "open", "new_from_clipboard", "import_folder", "find"):
        assert name in window.actions_by_name
    unnamed = [
        w.objectName() or type(w).__name__
        for w in window.findChildren(QWidget)
        if w.focusPolicy() != Qt.FocusPolicy.NoFocus
        and w.isVisible()
        and not (w.accessibleName() or getattr(w, "text", lambda: "")())
        and type(w).__name__ not in ("QScrollBar", "QHeaderView", "QMenuBar", "QMenu")
    ]
    assert unnamed == []


# --- screenshot through the CLI --------------------------------------------------------------------


def test_screenshot_writes_a_png(tmp_path: Path) -> None:
    """Real pipeline: `stance-reader --screenshot OUT.png` renders the analysed sample and exits 0."""
    out = tmp_path / "shot.png"
    assert cli.main(["--screenshot", str(out), "--size", "1100x720", "--db", str(tmp_path / "s.db")]) == 0
    image = QImage(str(out))
    assert not image.isNull()
    assert (image.width(), image.height()) == (1100, 720)


def test_screenshot_of_unreadable_file_fails_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_text("", encoding="utf-8")
    code = cli.main([str(bad), "--screenshot", str(tmp_path / "x.png"), "--db", str(tmp_path / "s.db")])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "empty.txt" in err
    assert not (tmp_path / "x.png").exists()


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.usefixtures("canned")
def test_saved_highlights_are_boxed_not_char_formats(qtbot, make_window, theme: str) -> None:  # type: ignore[no-untyped-def]
    """Saved highlights are painted as an outline (visible over any tint) and explained on hover; the
    automatic formats underneath are untouched."""
    from PySide6.QtGui import QColor

    from stance_reader.core import Highlight

    window = make_window(theme, highlights=False)
    analysis = open_and_wait(qtbot, window, sample_article())
    text = window.current_article.text
    mark = next(m for m in analysis.marks if m.kind is MarkKind.COMMITMENT)
    before = window.reader.char_format_at(mark.start)
    saved = Highlight.from_span(text, mark.start, mark.end, document_id=1, id=7, note="pledge")
    window.reader.set_saved_highlights([saved])
    window.reader.jump_to(mark.start, mark.start)
    window.reader.place_cursor(0)
    assert window.reader.char_format_at(mark.start) == before
    assert "Saved highlight · custom · pledge" in window.reader.tooltip_at(mark.start + 1)
    image = window.reader.viewport().grab().toImage()
    rects = window.reader._line_rects(mark.start, mark.end)
    assert rects
    outline = QColor(window.theme().text)
    top = rects[0]
    y = round(top.top())  # the box's top edge runs along the line rectangle's top

    def close(x: int, yy: int) -> bool:
        c = image.pixelColor(x, yy)
        return (
            abs(c.red() - outline.red()) + abs(c.green() - outline.green()) + abs(c.blue() - outline.blue())
            < 150
        )

    xs = range(int(top.left()) + 4, int(top.right()) - 4)
    near = sum(1 for x in xs if any(close(x, yy) for yy in (y - 1, y, y + 1, y + 2)))
    assert near > len(xs) // 2  # most of the top edge is drawn in the outline colour


@pytest.mark.usefixtures("canned")
def test_new_from_clipboard_opens_the_text(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window(highlights=False)
    QApplication.clipboard().setText("Pasted Piece\n\nThe minister said talks may resume.\n")
    with qtbot.waitSignal(window.analysis_ready, timeout=WAIT_MS):
        qtbot.keyClick(
            window, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        )
    wait_drawn(qtbot, window)
    assert "talks may resume" in window.reader.toPlainText()
    assert window.current_article is not None and window.current_article.source_format == "clipboard"


@pytest.mark.usefixtures("canned")
def test_opened_files_appear_in_open_recent(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window(highlights=False)
    open_and_wait(qtbot, window, sample_article())
    window.recent_menu.aboutToShow.emit()
    entries = [a.toolTip() for a in window.recent_menu.actions()]
    assert entries == [str(sample_article().resolve())]


@pytest.mark.usefixtures("canned")
def test_import_folder_reports_good_and_bad_files(qtbot, make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(highlights=False)
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "one.txt").write_text("First Note\n\nThe council may vote in May.\n", encoding="utf-8")
    (folder / "two.md").write_text("# Second Note\n\nThe mayor will sign the order.\n", encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"")
    with qtbot.waitSignal(window.lane.job_finished, timeout=WAIT_MS):
        window.import_folder(folder)
    assert "Imported 2 articles" in window.last_error and "broken.txt" in window.last_error
    titles = {d.article.display_title for d in window.store.list_documents()}
    assert {"First Note", "Second Note"} <= titles


@pytest.mark.usefixtures("canned")
def test_speaker_lists_what_they_said_hedged_and_committed(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window(highlights=False)
    analysis = open_and_wait(qtbot, window, sample_article())
    item = window.sidebar.speaker_item("Tobias Brandauer")
    assert item is not None and item.childCount() == 0  # built on first expand
    tree = window.sidebar.tree
    tree.setFocus()
    tree.setCurrentItem(item)
    qtbot.keyClick(tree, Qt.Key.Key_Right)  # expand with the keyboard
    kinds = [item.child(i).text(1) for i in range(item.childCount())]
    assert kinds == ["said", "hedged", "hedged"]
    hedged = item.child(1)
    tree.setCurrentItem(hedged)
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    mark = next(m for m in analysis.marks if m.kind is MarkKind.HEDGE and m.speaker == "Tobias Brandauer")
    assert window.reader.selected_span() == (mark.start, mark.end)
    assert window.details.mark() == mark


def test_seed_article_opens_analysed_with_every_layer(qtbot, make_window, seed_path: Path | None) -> None:  # type: ignore[no-untyped-def]
    """Real pipeline on the product's reference article (read from ../shared, never copied)."""
    if seed_path is None:
        pytest.skip("../shared/seed/nato-victory-plan.txt is not present on this machine")
    window = make_window()
    analysis = open_and_wait(qtbot, window, seed_path)
    counts = layer_counts(analysis)
    assert all(counts[layer] > 0 for layer in Layer), counts
    first = min(analysis.marks, key=lambda m: m.start)
    assert window.reader.tooltip_at(first.cue_start).startswith(("Hedge · cue", "Commitment · cue"))
    speaker = analysis.speakers()[0]
    assert window.sidebar.speaker_item(speaker) is not None


@pytest.mark.usefixtures("canned")
def test_reopening_an_unchanged_article_reuses_its_coloured_document(  # type: ignore[no-untyped-def]
    qtbot, make_window, tmp_path: Path
) -> None:
    """Reopening from the cache reuses the analysis, its render plan and the coloured document (no
    formatting pass); anything that changes the look (zoom) colours it again."""
    window = make_window()
    analysis = open_and_wait(qtbot, window, sample_article())
    first_doc = window.reader.document()
    cue = next(m for m in analysis.marks if m.kind is MarkKind.HEDGE).cue[0][0]
    other = tmp_path / "other.txt"
    other.write_text("Other News\n\nNothing here is said by anyone.\n", encoding="utf-8")
    open_and_wait(qtbot, window, other)
    assert window.reader.document() is not first_doc
    again = open_and_wait(qtbot, window, sample_article())
    assert window.reader.document() is first_doc, "the kept coloured document is shown again"
    assert again is analysis or again == analysis
    assert "hedges" in layers_at(window, cue) and window.reader.char_format_at(cue).fontItalic()
    window.reader.set_zoom(2)
    wait_drawn(qtbot, window)
    assert window.reader.document() is not first_doc
    assert window.reader.char_format_at(cue).fontItalic(), "coloured again at the new size"


@pytest.mark.usefixtures("canned")
def test_the_header_ends_with_the_same_gap_with_or_without_an_outlet(  # type: ignore[no-untyped-def]
    qtbot, make_window, tmp_path: Path
) -> None:
    """A pasted text has no outlet, section, date or author: its header's last line still keeps the
    body at the same distance as a news article's does."""
    plain = tmp_path / "plain.txt"
    plain.write_text("A Title\n\nThe body says the harbour may reopen.\n", encoding="utf-8")
    window = make_window()
    open_and_wait(qtbot, window, plain)
    doc = window.reader.document()
    header_last = doc.findBlock(window.reader._qt(0) - 1)  # the block just before the body
    assert header_last.blockFormat().bottomMargin() == 18
