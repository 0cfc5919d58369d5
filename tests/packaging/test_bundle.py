"""The PyInstaller one-folder bundle builds and starts offline: ``--version`` and ``analyze`` on the sample.

Marked slow (about a minute to build on a quiet 2-core machine, several minutes on a busy one), so
``addopts = -m 'not slow'`` keeps it out of the default suite and of ``.ci/run``. Run it with
``.venv/bin/pytest -m slow tests/packaging/test_bundle.py`` after ``pip install -e .[bundle]``.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "stance-reader.spec"
BUILD_TIMEOUT = 1800
RUN_TIMEOUT = 120


def _clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"}}
    return {**env, "QT_QPA_PLATFORM": "offscreen", **extra}


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip("PyInstaller is not installed: pip install -e .[bundle]")
    base = tmp_path_factory.mktemp("bundle")
    cmd = [
        sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm",
        "--distpath", str(base / "dist"), "--workpath", str(base / "work"),
    ]  # fmt: skip
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=BUILD_TIMEOUT)
    assert result.returncode == 0, result.stderr[-4000:]
    exe = base / "dist" / "stance-reader" / ("stance-reader.exe" if os.name == "nt" else "stance-reader")
    assert exe.is_file(), f"no executable at {exe}"
    return exe


def _run(exe: Path, *args: str, cwd: Path, **env: str) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.perf_counter()
    result = subprocess.run(
        [str(exe), *args], cwd=cwd, env=_clean_env(**env), capture_output=True, text=True, timeout=RUN_TIMEOUT
    )
    return result, time.perf_counter() - started


def test_bundle_reports_version(bundle: Path, tmp_path: Path) -> None:
    from stance_reader import __version__

    result, seconds = _run(bundle, "--version", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"stance-reader {__version__}"
    print(f"bundle --version: {seconds:.2f} s")


def test_bundle_ships_assets_inside(bundle: Path) -> None:
    data = bundle.parent / "_internal" / "stance_reader" / "_data"
    for name in ("models/attribution_cues.jsonl", "resources/samples/alliance-aid-summit.txt",
                 "resources/icons/stance-reader-256.png"):  # fmt: skip
        assert (data / name).is_file(), f"{name} is missing from the bundle"


def test_bundle_analyzes_the_sample_offline(bundle: Path, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_bytes((ROOT / "resources" / "samples" / "alliance-aid-summit.txt").read_bytes())
    result, seconds = _run(bundle, "analyze", article.name, "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    # A component that cannot find its rule file is skipped with a warning: in a bundle that means
    # the models/ folder was not packed, so treat any such warning as a failure.
    assert "skipped" not in result.stderr, result.stderr
    data = json.loads(result.stdout)
    assert data["pipeline"].startswith("en_core_web_sm"), data["pipeline"]
    assert {m["kind"] for m in data["marks"]} >= {"hedge", "commitment"}
    assert data["quotes"]
    print(f"bundle analyze: {seconds:.2f} s")


@pytest.mark.parametrize("analysis", ["thread", "process"])
def test_bundle_renders_the_window_offscreen(bundle: Path, tmp_path: Path, analysis: str) -> None:
    # Proves the Qt platform plugins and the window's resources made it into the bundle, and, with
    # "process", that the spawned analysis child starts from the frozen executable (freeze_support).
    result, seconds = _run(
        bundle,
        "--screenshot",
        "shot.png",
        "--size",
        "1000x700",
        cwd=tmp_path,
        STANCE_READER_ANALYSIS=analysis,
    )
    assert result.returncode == 0, result.stderr
    assert "analysing in-process" not in result.stderr, result.stderr  # the child did start
    data = (tmp_path / "shot.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 20_000, "the screenshot is suspiciously small (blank window?)"
    print(f"bundle --screenshot ({analysis}): {seconds:.2f} s")
