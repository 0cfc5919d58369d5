"""The main window: it assembles the reader, legend, sidebar, details pane and docks, and holds the
state others read (the article, its stored document and path, the library, the lanes).

Its parts live in ``ui/window/``: the open flow, show at once → store on the lane → analyse on the
lane → colour it, with the open generation that drops stale results (``open_flow.py``, over the lane
jobs of ``opening.py``); the analysis as shown at the confidence bar and the panels that follow it
(``shown_analysis.py``); the Open and folder dialogs, the clipboard and dropped files (``files.py``);
theme, zoom and layers (``look.py``); the actions declared as data (``actions.py``), the menu bar and
toolbar (``menus.py``), the status bar (``status.py``), the error banner (``banner.py``), docks, help,
counts, and moving through the article (``navigation.py``). Built pieces are kept on the window under
their public names.

Owns :class:`MainWindow` and its public API, which the highlights package (``ui/highlights/``, through
its ``HighlightsHost`` protocol) relies on: ``lane``, ``store``, ``session`` (article, document and
analysis as one frozen :class:`ReadingSession`), ``reader``, ``menus``, ``actions_by_name``,
``add_side_dock``, ``show_error``, ``show_status``, ``open_stored_document`` and the signals
``document_changed``, ``analysis_ready``, ``save_mark_requested``. ``current_analysis`` is the analysis
decided at the toolbar's confidence bar, so the reader, counts, sidebar, mark navigation and highlight
saving all agree. GUI thread only; nothing here imports spaCy or peewee (the lane jobs do).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QMainWindow,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stance_reader.core.models import Analysis, Article, Mark, StoredDocument
from stance_reader.core.palette import Theme
from stance_reader.core.session import ReadingSession
from stance_reader.ui import settings as keys
from stance_reader.ui.confidence import ConfidenceControl, MinConfidence, percent_of
from stance_reader.ui.details_pane import DetailsPane
from stance_reader.ui.entity_sidebar import EntitySidebar
from stance_reader.ui.find_bar import FindBar
from stance_reader.ui.legend import LegendBar
from stance_reader.ui.reader import ReaderView
from stance_reader.ui.render_plan import Layer
from stance_reader.ui.settings import app_settings
from stance_reader.ui.theme import theme_named
from stance_reader.ui.window import files, look
from stance_reader.ui.window.actions import build_actions
from stance_reader.ui.window.banner import Banner
from stance_reader.ui.window.counts import count_summary, layer_counts
from stance_reader.ui.window.docks import add_side_dock, build_main_docks, save_layout
from stance_reader.ui.window.docks import restore_layout as restore_layout_of
from stance_reader.ui.window.help import shortcut_table, show_about, show_shortcuts
from stance_reader.ui.window.menus import build_menus, build_toolbar, fill_recent
from stance_reader.ui.window.navigation import Navigator
from stance_reader.ui.window.open_flow import OpenFlow
from stance_reader.ui.window.opening import AnalysisOverlay
from stance_reader.ui.window.shown_analysis import ShownAnalysis
from stance_reader.ui.window.status import StatusArea
from stance_reader.workers.analysis_process import stop_running_analysis
from stance_reader.workers.lane import Lane

if TYPE_CHECKING:
    from stance_reader.store import Store

STATUS_MS = 6000


class MainWindow(QMainWindow):
    document_changed = Signal(object)  # StoredDocument | None, after an article is shown and stored
    # The current article's analysis as shown (formats may still be applying); again when the
    # confidence bar changes what is shown.
    analysis_ready = Signal(object)
    analysis_failed = Signal(str)
    open_failed = Signal(str)  # a file could not be read; the message is also shown in the window
    article_shown = Signal(object)  # Article, as soon as its text is on screen
    save_mark_requested = Signal(object)  # Mark
    library_choice = Signal(str)  # a damaged library's replacement picked on the banner (a Choice value)

    def __init__(
        self,
        store: Store | None = None,
        theme: str | None = None,
        *,
        lane: Lane | None = None,
        restore_layout: bool = True,
    ) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self.setWindowTitle("Stance Reader")
        self.setAccessibleName("Stance Reader")
        self.setAcceptDrops(True)
        self.settings = app_settings()
        self.lane = lane or Lane(self)
        # File reading gets its own small lane: a long analysis must never delay showing the next
        # article's text. It only runs documents.load_article (no database, no pipeline).
        self.loader = Lane(self)
        self.store = store
        self.current_document: StoredDocument | None = None
        self.current_article: Article | None = None
        self.shown_analysis = ShownAnalysis(self)  # the analysis as shown, at the confidence bar
        self.analysis_overlay: AnalysisOverlay | None = None  # set by the corrections feature
        self.current_path: Path | None = None
        self.last_error = ""
        self.menus: dict[str, QMenu] = {}
        self.actions_by_name: dict[str, QAction] = {}
        self.open_flow = OpenFlow(self)  # show → store → analyse → colour; the open generation
        self._closing = False
        self._persist_theme = theme is None
        self._theme: Theme = theme_named(theme or str(self.settings.value(keys.THEME, "light")))

        self.reader = ReaderView(self)
        self.sidebar = EntitySidebar(self)
        self.details = DetailsPane(self)
        self.find_bar = FindBar(self)
        self.confidence = ConfidenceControl(self)
        self._build_actions()
        self.legend = LegendBar({layer: self.actions_by_name[f"layer_{layer}"] for layer in Layer}, self)
        self._build_central()
        self._build_menus()
        self._build_toolbar()
        self._build_docks()
        self._build_status()
        self._connect()
        self._restore(restore_layout)
        self.apply_theme(self._theme, persist=False)

    # --- construction (the furniture is declared and built in ui/window/) ------------------------------

    def _build_actions(self) -> None:
        self.actions_by_name.update(build_actions(self))

    def _build_central(self) -> None:
        self.banner = Banner(self)
        self.banner_label = self.banner.label
        self.banner_choices = self.banner.choices
        self.banner.chosen.connect(self.library_choice)
        self.find_bar.hide()
        central = QWidget(self)
        central.setObjectName("central")
        central.setAccessibleName("Reading area")
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        for widget in (self.banner, self.legend, self.reader, self.find_bar):
            layout.addWidget(widget)
        layout.setStretchFactor(self.reader, 1)
        self.setCentralWidget(central)

    def _build_menus(self) -> None:
        menus, recent = build_menus(self, self.actions_by_name, self._fill_recent)
        self.menus.update(menus)
        assert recent is not None
        self.recent_menu = recent

    def _fill_recent(self, menu: QMenu | None = None) -> None:
        fill_recent(menu or self.recent_menu, self.settings, self.open_path)

    def _build_toolbar(self) -> None:
        self.toolbar, self.theme_button = build_toolbar(self, self.actions_by_name, self.confidence)
        self.theme_button.triggered.connect(self._toggle_theme)

    def _build_docks(self) -> None:
        self.sidebar_dock, self.details_dock = build_main_docks(
            self, self.sidebar, self.details, self.menus["view"]
        )

    def add_side_dock(self, widget: QWidget, title: str) -> QDockWidget:
        """Add a panel on the right (under Details), with a View-menu toggle. Public API."""
        return add_side_dock(self, widget, title, self.menus["view"], self.details_dock)

    def _build_status(self) -> None:
        self.status_area = StatusArea(self, self.cancel_analysis)
        self.progress_label = self.status_area.progress_label
        self.progress_bar = self.status_area.progress_bar
        self.counts_label = self.status_area.counts_label
        self.pipeline_label = self.status_area.pipeline_label
        self.cancel_button = self.status_area.cancel_button

    def _connect(self) -> None:
        self.lane.progress.connect(self.status_area.show_progress)
        self.lane.busy_changed.connect(self.status_area.set_busy)
        self.navigator = Navigator(self)
        self.confidence.changed.connect(self.shown_analysis.bar_moved)
        self.reader.zoom_changed.connect(lambda level: self.settings.setValue(keys.ZOOM, level))
        self.details.save_requested.connect(self.save_mark_requested)
        self.setTabOrder(self.sidebar.filter_edit, self.sidebar.tree)
        self.setTabOrder(self.sidebar.tree, self.reader)
        self.setTabOrder(self.reader, self.details.save_button)

    def _restore(self, restore_layout: bool) -> None:
        look.restore_look(self)
        if restore_layout:
            restore_layout_of(self, self.settings)

    # --- opening articles ---------------------------------------------------------------------------

    def open_path(self, path: Path | str) -> int | None:
        """Open a file: read it on the loader lane, then show it (``article_shown``), store and analyse
        it. A folder is imported into the library instead. Bad input ends in ``open_failed`` with the
        reason shown in the window. Returns the loader job id."""
        path = Path(path)
        return self.import_folder(path) if path.is_dir() else self.open_flow.open_path(path)

    def open_stored_document(self, document: StoredDocument) -> None:
        """Show a document from the library (no re-import). Public API."""
        self.show_article(document.article, document=document)

    def show_article(self, article: Article, document: StoredDocument | None = None) -> None:
        """Show the text at once, then store and analyse it on the lane."""
        self.open_flow.show_article(article, document)

    @property
    def current_analysis(self) -> Analysis | None:
        """The current article's analysis as shown: decided at the confidence bar. Public API."""
        return self.shown_analysis.current

    @property
    def full_analysis(self) -> Analysis | None:
        """Everything the pipeline found, weaker candidates included (what moving the bar draws on)."""
        return self.shown_analysis.full

    @property
    def generation(self) -> int:
        """The open generation: bumped for every article shown (and a cancelled analysis)."""
        return self.open_flow.generation

    @property
    def session(self) -> ReadingSession:
        """What is being read now, as one frozen snapshot (article, stored document, analysis as
        shown, open generation). Public API."""
        return ReadingSession(
            self.current_article, self.current_document, self.current_analysis, self.generation
        )

    def show_status(self, message: str, msecs: int = STATUS_MS) -> None:
        """A passing message in the status bar (errors go to ``show_error``). Public API."""
        self.statusBar().showMessage(message, msecs)

    def min_confidence(self) -> MinConfidence:
        return self.shown_analysis.bar

    def show_corrected(self, full: Analysis) -> None:
        """Show ``full`` (the same article's analysis, corrected again by the analyst) in place of the
        current one: re-rendered and re-counted, never re-analysed. Public API."""
        self.shown_analysis.show_corrected(full)

    def set_min_confidence(self, bar: MinConfidence) -> None:
        """Move the bar as the control would (the control shows it too)."""
        self.confidence.spin.setValue(percent_of(bar))

    def is_analysing(self) -> bool:
        """True while the current article's analysis runs (the Cancel button shows). Public API."""
        return self.shown_analysis.job is not None

    @Slot()
    def cancel_analysis(self) -> None:
        """Stop the current article's analysis (Cancel, Esc). The marks found so far stay and become
        the article's analysis for now, labelled partial; nothing partial is cached. Public API."""
        if self.shown_analysis.job is not None:
            self.open_flow.generation += 1  # late callbacks of the cancelled job are ignored
            self.shown_analysis.cancel()

    @Slot()
    def open_dialog(self) -> None:
        files.open_dialog(self)

    @Slot()
    def open_clipboard(self) -> None:
        files.open_clipboard(self)

    @Slot()
    def import_folder_dialog(self) -> None:
        files.import_folder_dialog(self)

    def import_folder(self, folder: Path) -> int | None:
        return files.import_folder(self, folder)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        files.drag_enter(event)

    def dropEvent(self, event: QDropEvent) -> None:
        path = files.dropped_path(event)
        if path is not None:
            self.open_path(path)

    # --- layers, theme, zoom ------------------------------------------------------------------------

    def active_layers(self) -> set[Layer]:
        return look.active_layers(self)

    @Slot(bool)
    def _layers_toggled(self, _checked: bool = False) -> None:
        look.layers_toggled(self)

    def set_layer_visible(self, layer: Layer, visible: bool) -> None:
        self.actions_by_name[f"layer_{layer}"].setChecked(visible)

    def theme(self) -> Theme:
        return self._theme

    def apply_theme(self, theme: Theme, persist: bool = True) -> None:
        self._theme = theme
        look.show_theme(self, theme)
        if persist and self._persist_theme:
            self.settings.setValue(keys.THEME, theme.name)

    @Slot()
    def _toggle_theme(self) -> None:
        self.apply_theme(theme_named("light" if self._theme.name == "dark" else "dark"))

    def use_theme(self, name: str) -> None:
        self.apply_theme(theme_named(name))

    def set_zoom(self, level: int) -> None:
        self.reader.set_zoom(level)

    def step_zoom(self, step: int) -> None:
        self.set_zoom(self.reader.zoom() + step)

    # --- navigation (ui/window/navigation.py) ----------------------------------------------------------

    def step_mention(self, direction: int) -> None:
        self.navigator.step_mention(direction)

    def step_mark(self, direction: int) -> None:
        self.navigator.step_mark(direction)

    def show_first_explanation(self) -> Mark | None:
        return self.navigator.show_first_explanation()

    # --- status, errors, help -----------------------------------------------------------------------

    def show_error(self, message: str) -> None:
        """Show a problem inline above the article; the window keeps working. Public API."""
        self.last_error = message
        self.banner.show_message(message)
        first = message.splitlines()[0] if message else ""
        self.statusBar().showMessage(self.status_area.fit(first), STATUS_MS)

    def show_choices(self, message: str, choices: list[tuple[str, str]]) -> None:
        """The banner with one button per ``(key, label)``; a click emits ``library_choice(key)``."""
        self.show_error(message)
        self.banner.add_choices(choices)

    def choice_buttons(self) -> dict[str, QPushButton]:
        """The banner's choice buttons by key (for tests and accessibility tools)."""
        return self.banner.choice_buttons()

    def use_store(self, store: Store | None) -> None:
        """Work in another library from now on (the caller closed the old one while the lane was idle);
        the article on screen is stored again in it."""
        self.store = store
        self.current_document = None
        if self.current_article is not None:
            self.show_article(self.current_article)

    def shortcut_table(self) -> list[tuple[str, str]]:
        return shortcut_table(self.menus.values())

    def show_shortcuts(self) -> None:
        show_shortcuts(self, self.shortcut_table())

    def show_about(self) -> None:
        show_about(self)

    # --- shutdown -----------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closing:
            self._closing = True
            save_layout(self, self.settings)
            self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Cancel lane work, wait for the running job, close the database."""
        self.open_flow.generation += 1
        self.open_flow.request += 1
        self.lane.cancel_all()
        stop_running_analysis()  # a child-process analysis is ended rather than waited for
        self.loader.shutdown()
        self.lane.shutdown()
        store, self.store = self.store, None
        close = getattr(store, "close", None)
        if callable(close):
            try:
                close()
            except Exception as exc:  # closing must never stop the app from quitting
                print(f"stance-reader: closing the database failed: {exc}")


__all__ = ["MainWindow", "count_summary", "layer_counts"]
