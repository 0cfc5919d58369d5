"""Suite-wide fixtures: offscreen Qt, user data and settings in tmp_path, one shared pipeline."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(autouse=True)
def isolated_user_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point the data folder, database and Qt settings at tmp_path so no test touches the real ones."""
    data = tmp_path / "userdata"
    monkeypatch.setenv("STANCE_READER_DATA", str(data))
    monkeypatch.delenv("STANCE_READER_DB", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("STANCE_READER_SETTINGS", str(tmp_path / "config" / "settings.ini"))
    yield data


@pytest.fixture(scope="session")
def analyzer():  # type: ignore[no-untyped-def]
    """The real stance pipeline, loaded once per test session."""
    from stance_reader.nlp.pipeline import StanceAnalyzer

    return StanceAnalyzer.load()


@pytest.fixture(scope="session")
def sample_path() -> Path:
    from stance_reader.paths import sample_article

    return sample_article()


@pytest.fixture(scope="session")
def seed_path() -> Path | None:
    """The product's reference article from ../shared (not shipped); None when absent."""
    path = SHARED / "seed" / "nato-victory-plan.txt"
    return path if path.exists() else None
