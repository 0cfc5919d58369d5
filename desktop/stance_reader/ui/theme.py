"""Window themes: the Qt palette and style sheet for light and dark, built from ``core.palette``.

Owns :func:`apply_theme`. The style sheet template lives in ``resources/themes/app.qss`` with
``$name`` placeholders filled from the :class:`~stance_reader.core.palette.Theme`. GUI thread only.
"""

from __future__ import annotations

from string import Template

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from stance_reader.core.palette import COMMITMENT_HUE, THEMES, Theme, mix, underline
from stance_reader.paths import resources_dir

FALLBACK_QSS = "QToolTip { color: $text; background: $panel; border: 1px solid $border; }"


def theme_named(name: str | None) -> Theme:
    return THEMES.get(name or "light", THEMES["light"])


def _chrome(theme: Theme) -> dict[str, str]:
    """Panel/border colours for the window chrome around the reading column."""
    dark = theme.name == "dark"
    return {
        "page": theme.page,
        "text": theme.text,
        "muted": theme.muted,
        "panel": mix(theme.page, "#FFFFFF" if dark else "#000000", 0.06 if dark else 0.035),
        "border": mix(theme.page, "#FFFFFF" if dark else "#000000", 0.18),
        "accent": underline(COMMITMENT_HUE, theme),
        "banner": "#5C1A1A" if dark else "#FBE3DA",
        "banner_text": "#FFE9E2" if dark else "#5A1300",
    }


def style_sheet(theme: Theme) -> str:
    try:
        template = (resources_dir() / "themes" / "app.qss").read_text(encoding="utf-8")
    except OSError:
        template = FALLBACK_QSS
    return Template(template).safe_substitute(_chrome(theme))


def apply_theme(app: QApplication, theme: Theme) -> None:
    chrome = _chrome(theme)
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: chrome["panel"],
        QPalette.ColorRole.WindowText: theme.text,
        QPalette.ColorRole.Base: theme.page,
        QPalette.ColorRole.AlternateBase: chrome["panel"],
        QPalette.ColorRole.Text: theme.text,
        QPalette.ColorRole.Button: chrome["panel"],
        QPalette.ColorRole.ButtonText: theme.text,
        QPalette.ColorRole.ToolTipBase: chrome["panel"],
        QPalette.ColorRole.ToolTipText: theme.text,
        QPalette.ColorRole.PlaceholderText: theme.muted,
        QPalette.ColorRole.Highlight: chrome["accent"],
        QPalette.ColorRole.HighlightedText: "#FFFFFF" if theme.name == "light" else "#000000",
        QPalette.ColorRole.Link: chrome["accent"],
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor(theme.muted))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor(theme.muted))
    app.setStyle("Fusion")
    app.setPalette(palette)
    app.setStyleSheet(style_sheet(theme))
