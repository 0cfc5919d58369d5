"""The package's foundation: CLI basics, layer contracts, and the UI importing without spaCy."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from stance_reader import __version__, cli, paths

ROOT = Path(__file__).resolve().parents[2]


def test_version_flag(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == f"stance-reader {__version__}"


def test_missing_file_is_one_line_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code = cli.main([str(tmp_path / "nope.txt"), "--screenshot", str(tmp_path / "x.png")])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and "no such file" in err


def test_bad_option_exits_nonzero(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main(["--theme", "purple"])
    assert exc.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_no_display_points_to_screenshot(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    code = cli.main([])
    err = capsys.readouterr().err
    assert code == 1
    assert "no display found" in err and "--screenshot" in err


def test_python_dash_m_matches_console_script() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "stance_reader", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == f"stance-reader {__version__}"


def test_bundled_assets_are_found() -> None:
    assert paths.sample_article().is_file()
    assert paths.models_dir().is_dir()


def test_layer_contracts_hold() -> None:
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint, "import-linter is part of the test extra"
    result = subprocess.run([lint], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_ui_import_does_not_pull_spacy() -> None:
    code = (
        "import sys, stance_reader.ui, stance_reader.app, stance_reader.workers;"
        "import stance_reader.ui.main_window;"
        "bad = [m for m in ('spacy', 'thinc') if m in sys.modules];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_missing_x11_libraries_give_advice_not_a_qt_abort(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import ctypes

    def fail_to_load(name: str) -> None:
        raise OSError("libxcb-icccm.so.4: cannot open shared object file: No such file or directory")

    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(ctypes, "CDLL", fail_to_load)
    code = cli.main([])
    err = capsys.readouterr().err
    assert code == 1
    assert "libxcb-icccm.so.4" in err and "--screenshot" in err
