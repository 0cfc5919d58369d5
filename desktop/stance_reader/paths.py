"""The one module that knows where things live: bundled models/ and resources/, and the user's data.

Three layouts are supported: the source tree (``desktop/stance_reader`` beside ``models/``), an
installed wheel (assets under ``stance_reader/_data``), and a PyInstaller bundle (``sys._MEIPASS``).
Environment overrides: ``STANCE_READER_DATA`` (data folder), ``STANCE_READER_DB`` (database path or URL).
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

APP_NAME = "StanceReader"
ORG_NAME = "StanceReader"
_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def _asset_root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    candidates = []
    if frozen:
        candidates.append(Path(frozen) / "stance_reader" / "_data")
    candidates += [_PACKAGE_DIR / "_data", _PACKAGE_DIR.parent.parent]
    for root in candidates:
        if (root / "models").is_dir() and (root / "resources").is_dir():
            return root
    raise FileNotFoundError(f"cannot find models/ and resources/ near {_PACKAGE_DIR}")


def models_dir() -> Path:
    """Rule files, lexicons and any trained weights of the stance pipeline."""
    return _asset_root() / "models"


def resources_dir() -> Path:
    """Icons, themes and the sample articles."""
    return _asset_root() / "resources"


def sample_article() -> Path:
    """The article the window opens when none is given."""
    return resources_dir() / "samples" / "alliance-aid-summit.txt"


def data_dir() -> Path:
    """The user's data folder (database, backups); created on first use."""
    override = os.environ.get("STANCE_READER_DATA")
    if override:
        path = Path(override)
    else:
        from platformdirs import user_data_path

        path = user_data_path(APP_NAME, appauthor=False)
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database() -> str:
    """Database path or URL: ``STANCE_READER_DB`` if set, else ``<data_dir>/stance-reader.sqlite3``."""
    return os.environ.get("STANCE_READER_DB") or str(data_dir() / "stance-reader.sqlite3")


def backups_dir() -> Path:
    path = data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path
