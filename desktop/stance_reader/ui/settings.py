"""Where the window keeps its preferences: QSettings under the app's org/name, or the .ini file named by
``STANCE_READER_SETTINGS`` (tests point it into tmp_path). Owns :func:`app_settings` and the keys."""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings

from stance_reader.paths import APP_NAME, ORG_NAME

ZOOM = "reader/zoom"
THEME = "view/theme"
LAYERS = "view/layers"
MIN_CONFIDENCE = "view/min_confidence"  # percent; 0 = each kind's model threshold
RECENT = "files/recent"
GEOMETRY = "window/geometry"
STATE = "window/state"
LAST_DIR = "files/last_dir"
MAX_RECENT = 10


def app_settings() -> QSettings:
    """A settings object for this run (read the environment each time: tests change it per test)."""
    path = os.environ.get("STANCE_READER_SETTINGS")
    if path:
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORG_NAME, APP_NAME)


def min_confidence(settings: QSettings) -> float | None:
    """The saved confidence bar as a probability, or None for the model default (also when unreadable)."""
    try:
        percent = int(settings.value(MIN_CONFIDENCE, 0) or 0)
    except (TypeError, ValueError):
        return None
    return min(percent, 100) / 100 if percent > 0 else None


def recent_files(settings: QSettings) -> list[str]:
    value = settings.value(RECENT, [])
    if isinstance(value, str):
        value = [value] if value else []
    return [str(v) for v in (value or [])][:MAX_RECENT]


def push_recent(settings: QSettings, path: str) -> list[str]:
    items = [path] + [p for p in recent_files(settings) if p != path]
    settings.setValue(RECENT, items[:MAX_RECENT])
    return items[:MAX_RECENT]
