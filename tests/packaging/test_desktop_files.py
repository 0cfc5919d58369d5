"""The Linux desktop entry, AppStream metainfo and icon agree with each other and with the app."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
DESKTOP = PACKAGING / "stance-reader.desktop"
METAINFO = PACKAGING / "io.github.stancereader.StanceReader.metainfo.xml"
ICONS = ROOT / "resources" / "icons"


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_launches_the_console_script_with_our_icon() -> None:
    entry = _desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Exec"].split()[0] == "stance-reader"  # the [project.scripts] name and the bundle's
    assert entry["Icon"] == "stance-reader"
    assert (ICONS / "stance-reader.svg").is_file()


def test_metainfo_points_at_the_desktop_entry() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == "io.github.stancereader.StanceReader"
    assert root.findtext("launchable") == DESKTOP.name
    assert root.findtext("provides/binary") == "stance-reader"
    from stance_reader import __version__

    assert root.find("releases/release").get("version") == __version__  # type: ignore[union-attr]


@pytest.mark.parametrize("size", [16, 24, 32, 48, 64, 128, 256, 512])
def test_icon_png_sizes_exist_and_are_square(size: int) -> None:
    import struct

    data = (ICONS / f"stance-reader-{size}.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (size, size)


@pytest.mark.parametrize(
    ("tool", "args", "target"),
    [
        ("desktop-file-validate", [], DESKTOP),
        ("appstreamcli", ["validate", "--no-net"], METAINFO),
    ],
)
def test_files_pass_the_freedesktop_validators(tool: str, args: list[str], target: Path) -> None:
    exe = shutil.which(tool)
    if exe is None:
        pytest.skip(f"{tool} is not installed (Debian: desktop-file-utils / appstream)")
    result = subprocess.run([exe, *args, str(target)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
