"""The window's look and what it remembers of it between runs: the theme across the application and
the panes, the zoom, which layers are shown, and the confidence bar at start.

Plain functions taking the window: the window keeps the state (its theme, the layer actions) and its
public API (``apply_theme``, ``active_layers``, ``set_zoom``…); these do the work across the panes
and the settings. GUI thread only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from stance_reader.core.palette import Theme
from stance_reader.ui import settings as keys
from stance_reader.ui.render_plan import Layer
from stance_reader.ui.theme import apply_theme

if TYPE_CHECKING:
    from stance_reader.ui.main_window import MainWindow


def active_layers(window: MainWindow) -> set[Layer]:
    """The layers whose View-menu action (Alt+1…) is checked."""
    return {layer for layer in Layer if window.actions_by_name[f"layer_{layer}"].isChecked()}


def layers_toggled(window: MainWindow) -> None:
    """Show the checked layers and remember the hidden ones."""
    layers = active_layers(window)
    window.reader.set_layers(layers)
    window.settings.setValue(keys.LAYERS, ",".join(sorted(str(x) for x in set(Layer) - layers)))


def restore_look(window: MainWindow) -> None:
    """At start: the last zoom, confidence bar and hidden layers."""
    level = int(window.settings.value(keys.ZOOM, 0) or 0)
    if level:
        window.reader.set_zoom(level)
    window.shown_analysis.bar = keys.min_confidence(window.settings)
    window.confidence.set_value(window.shown_analysis.bar)
    hidden = str(window.settings.value(keys.LAYERS, "") or "")
    for layer in Layer:
        if layer.value in hidden.split(","):
            window.actions_by_name[f"layer_{layer}"].setChecked(False)


def show_theme(window: MainWindow, theme: Theme) -> None:
    """Put ``theme`` on the application (palette, style sheet) and every pane, its action checked."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        apply_theme(app, theme)
    window.reader.set_theme(theme)
    window.legend.apply_theme(theme)
    window.sidebar.set_theme(theme)
    window.actions_by_name[f"theme_{theme.name}"].setChecked(True)
    window.theme_button.setText("Light theme" if theme.name == "dark" else "Dark theme")
    window.shown_analysis.refresh_panels()


__all__ = ["active_layers", "layers_toggled", "restore_look", "show_theme"]
