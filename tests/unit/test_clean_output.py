"""`stance-reader analyze` speaks in one clear line: no tracebacks for expected failures, no
third-party chatter before our error, and import notices in every output form."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from stance_reader import cli
from stance_reader.core.models import Analysis
from stance_reader.services import analysis as service

DESKTOP = Path(cli.__file__).resolve().parents[1]
LEGACY_NOTICE = "not valid UTF-8: decoded as Windows-1252"
MOJIBAKE = ("Der Bürgermeister sagte, die Verhandlungen könnten weitergehen. " * 20).encode().decode("cp1252")


class _Blank:
    name, version = "blank", "0"

    def analyze(self, text: str) -> Analysis:
        return Analysis(pipeline="blank")


@pytest.fixture
def blank_analyzer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(service, "_ANALYZER", _Blank())


def _run(*args: str, close_stdout: bool = False) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(DESKTOP)}
    command = [sys.executable, "-m", "stance_reader", *args]
    if not close_stdout:
        return subprocess.run(command, capture_output=True, env=env, timeout=120, check=False)
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert proc.stdout is not None
    proc.stdout.close()  # the reader is gone before the first byte, as with `| head -0`
    _, err = proc.communicate(timeout=120)
    return subprocess.CompletedProcess(command, proc.returncode, b"", err)


def _damaged_pdf(tmp_path: Path) -> Path:
    """A valid one-page PDF whose cross-reference table is gone: pypdf logs while it repairs it."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=300, height=300)
    path = tmp_path / "damaged.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    data = path.read_bytes()
    path.write_bytes(data[: data.index(b"xref")] + data[data.index(b"trailer") :])
    return path


def test_a_damaged_pdf_gives_our_one_line_and_nothing_else(tmp_path: Path) -> None:
    """pypdf's "incorrect startxref pointer" log lines used to print before our error."""
    result = _run("analyze", str(_damaged_pdf(tmp_path)))
    assert result.returncode == 1
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith("stance-reader: error: cannot open damaged.pdf: ")
    assert result.stdout == b""


def test_closed_stdout_for_an_article_ends_quietly(tmp_path: Path) -> None:
    """`analyze ARTICLE | head -1`: no BrokenPipeError traceback, SIGPIPE's status."""
    article = tmp_path / "a.txt"
    article.write_text("The mayor said the plan might fail. " * 50, encoding="utf-8")
    result = _run("analyze", str(article), close_stdout=True)
    assert result.returncode == cli.SIGPIPE_STATUS
    assert b"Traceback" not in result.stderr and b"Exception ignored" not in result.stderr


@pytest.mark.usefixtures("blank_analyzer")
def test_text_summary_carries_the_decoding_notice(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes("Café owners said the plan might fail.".encode("cp1252"))
    assert cli.main(["analyze", str(path), "--format", "text"]) == 0
    assert f"Note: {LEGACY_NOTICE}" in capsys.readouterr().out
    assert cli.main(["analyze", str(path), "--format", "json"]) == 0
    assert any(LEGACY_NOTICE in n for n in json.loads(capsys.readouterr().out)["article"]["notices"])


@pytest.mark.usefixtures("blank_analyzer")
def test_mojibake_notice_in_text_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "moji.txt"
    path.write_text(MOJIBAKE, encoding="utf-8")
    assert cli.main(["analyze", str(path)]) == 0
    assert "Note: the text looks like binary data or mojibake" in capsys.readouterr().out
    assert cli.main(["analyze", str(path), "--format", "json"]) == 0
    assert any("mojibake" in n for n in json.loads(capsys.readouterr().out)["article"]["notices"])
