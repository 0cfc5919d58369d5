"""The wheel built from pyproject.toml installs into a fresh environment and works from another folder.

One module-scoped fixture builds the wheel (``pip wheel --no-deps``) and installs it, without its
dependencies, into a new ``venv --without-pip``; a ``.pth`` file then lends that environment the
current venv's site-packages, so the dependencies (spaCy, Qt, ...) need no download while
``stance_reader`` itself, its models/ and resources/ must come from the wheel. The checks run the
console script the wheel installed, from a folder that is not the source tree.
"""

from __future__ import annotations

import importlib.util
import json
import os
import struct
import subprocess
import sys
import sysconfig
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 180  # seconds per subprocess; the whole module takes ~30-60 s on a shared 2-core machine


@dataclass(frozen=True)
class Installed:
    wheel: Path
    venv: Path
    python: Path
    script: Path
    site_packages: Path


def _run(cmd: list[str | Path], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_NO_INPUT": "1", **env}
    full_env.pop("PYTHONPATH", None)  # nothing may leak the source tree into the installed app
    result = subprocess.run(
        [str(c) for c in cmd], cwd=cwd, env=full_env, capture_output=True, text=True, timeout=TIMEOUT
    )
    assert result.returncode == 0, f"{cmd} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
    return result


def _build_wheel(out: Path) -> Path:
    # With hatchling in this venv the build needs no network; otherwise pip fetches the backend.
    offline = ["--no-build-isolation"] if importlib.util.find_spec("hatchling") else []
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", *offline, "-w", out, ROOT], ROOT)
    wheels = sorted(out.glob("stance_reader-*.whl"))
    assert len(wheels) == 1, f"expected one wheel in {out}, found {wheels}"
    return wheels[0]


def _site_packages(venv: Path) -> Path:
    found = sorted(venv.glob("lib/python*/site-packages")) or sorted(venv.glob("Lib/site-packages"))
    assert found, f"no site-packages under {venv}"
    return found[0]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    base = tmp_path_factory.mktemp("wheel")
    wheel = _build_wheel(base / "dist")
    venv = base / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv], base)
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / ("python.exe" if os.name == "nt" else "python")
    # Install before lending the dependencies, so pip sees an empty environment (no editable
    # stance-reader from the developer venv that it could consider "already satisfied").
    _run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", wheel], base)
    site = _site_packages(venv)
    lent = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    # Plain path lines: appended after the venv's own site-packages and *not* processed as a site
    # dir, so the developer venv's editable-install .pth (pointing at desktop/) stays inactive.
    (site / "_lent_dependencies.pth").write_text("\n".join(sorted(lent)) + "\n", encoding="utf-8")
    script = bindir / ("stance-reader.exe" if os.name == "nt" else "stance-reader")
    return Installed(wheel=wheel, venv=venv, python=python, script=script, site_packages=site)


def test_wheel_ships_package_models_and_resources(installed: Installed) -> None:
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    expected = {
        "stance_reader/cli.py",
        "stance_reader/nlp/pipeline.py",
        "stance_reader/_data/models/attribution_cues.jsonl",
        "stance_reader/_data/resources/samples/alliance-aid-summit.txt",
        "stance_reader/_data/resources/icons/stance-reader.svg",
        "stance_reader/_data/resources/icons/stance-reader-256.png",
    }
    assert expected <= names, f"missing from the wheel: {sorted(expected - names)}"
    assert not [n for n in names if n.startswith(("tests/", "desktop/", ".venv/")) or "__pycache__" in n]


def test_installed_package_and_assets_come_from_the_wheel(installed: Installed, tmp_path: Path) -> None:
    probe = (
        "import json, stance_reader, stance_reader.paths as p; print(json.dumps({"
        "'package': stance_reader.__file__, 'models': str(p.models_dir()), "
        "'resources': str(p.resources_dir()), 'sample': str(p.sample_article())}))"
    )
    where = json.loads(_run([installed.python, "-c", probe], tmp_path).stdout)
    data = installed.site_packages / "stance_reader" / "_data"
    assert Path(where["package"]).parent == installed.site_packages / "stance_reader"
    assert Path(where["models"]) == data / "models"
    assert Path(where["resources"]) == data / "resources"
    assert Path(where["sample"]).is_file()


def test_console_script_reports_version(installed: Installed, tmp_path: Path) -> None:
    from stance_reader import __version__

    out = _run([installed.script, "--version"], tmp_path).stdout
    assert out.strip() == f"stance-reader {__version__}"


def test_analyze_runs_from_another_folder(installed: Installed, tmp_path: Path) -> None:
    sample = installed.site_packages / "stance_reader/_data/resources/samples/alliance-aid-summit.txt"
    (tmp_path / "article.txt").write_bytes(sample.read_bytes())
    out = _run([installed.script, "analyze", "article.txt", "--format", "json"], tmp_path).stdout
    result = json.loads(out)
    kinds = {mark["kind"] for mark in result["marks"]}
    assert {"hedge", "commitment"} <= kinds, f"marks found: {kinds}"
    assert result["quotes"], "the sample quotes several people; no quote was found"
    assert result["text_length"] > 1000


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def test_screenshot_runs_from_another_folder(installed: Installed, tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    cmd = [installed.script, "--screenshot", "shot.png", "--size", "1200x800"]
    _run(cmd, tmp_path, QT_QPA_PLATFORM="offscreen")
    assert out.is_file(), "no screenshot was written"
    assert _png_size(out) == (1200, 800)
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert not image.isNull()
    # A rendered window with highlighted text has many colours; a blank or failed paint has one or two.
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 20, f"the screenshot looks blank ({len(colours)} colours)"
