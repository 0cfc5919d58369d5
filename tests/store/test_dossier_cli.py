"""`stance-reader speaker NAME --format md|json|html|docx|pdf` on the stance-shift set
(tests/data/ledger_shifts/): every format is written, html/docx/pdf need --out, filters keep the
shifts whose later passage they show."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx import Document

from shift_data import fill
from stance_reader import cli
from stance_reader.store import Store


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "lib.sqlite3")
    with Store(path, auto_backup=False) as store:
        fill(store)
    return path


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
def test_binary_and_page_formats_are_written_to_out(
    db: str, tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / f"varga.{fmt}"
    assert cli.main(["speaker", "Varga", "--db", db, "--format", fmt, "--out", str(out)]) == 0
    assert "wrote 8 ledger entries of Ilse Varga" in capsys.readouterr().err
    data = out.read_bytes()
    if fmt == "pdf":
        assert data.startswith(b"%PDF")
    elif fmt == "docx":
        assert len(Document(str(out)).inline_shapes) == 1
    else:
        assert b"<svg" in data and b"We cannot guarantee that the Northside tram line" in data


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
def test_page_formats_need_out(db: str, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["speaker", "Varga", "--db", db, "--format", fmt]) == 1
    assert f"--format {fmt} needs --out" in capsys.readouterr().err


def test_json_lists_the_shifts_and_a_filter_keeps_the_later_passage(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["speaker", "Tomas Brekke", "--db", db, "--format", "json"]) == 0
    [shift] = json.loads(capsys.readouterr().out)["shifts"]
    assert shift["reason"] == "negation" and shift["after"]["date"] == "2026-03-16"
    # Only hedges shown: Varga's two shifts still count, their commitments come from the whole ledger.
    assert cli.main(["speaker", "Varga", "--db", db, "--format", "json", "--kind", "hedge"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {e["kind"] for e in data["entries"]} == {"hedge"} and len(data["shifts"]) == 2
    assert cli.main(["speaker", "Varga", "--db", db, "--format", "json", "--to", "2026-03-31"]) == 0
    assert [s["after"]["date"] for s in json.loads(capsys.readouterr().out)["shifts"]] == ["2026-03-02"]


def test_markdown_has_the_shifts_table(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["speaker", "Lisk", "--db", db]) == 0
    text = capsys.readouterr().out
    assert "## Stance shifts (1)" in text
    assert "| We will hire 300 nurses for the regional hospitals *(Lisk promises nurses" in text
