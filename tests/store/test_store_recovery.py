"""The three choices for a damaged library from the command line, and read-only commands that never
move a damaged file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from salvage_helpers import build_library, overwrite_middle

from stance_reader.cli import main
from stance_reader.services import recovery as rec
from stance_reader.services.exporting import export_cli
from stance_reader.store.connection import moved_aside

N, BACKUP_AFTER = 120, 70


@pytest.fixture
def damaged(tmp_path: Path, isolated_user_data: Path) -> Path:
    """A damaged library whose backup (in the user's backups folder) holds the first 70 highlights."""
    path = tmp_path / "lib.sqlite3"
    build_library(path, N, isolated_user_data / "backups", BACKUP_AFTER)
    overwrite_middle(path)
    return path


def _count(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("SELECT count(*) FROM highlights").fetchone()[0])


def _export(db: Path, out: Path) -> int:
    return export_cli("md", str(db), None, [], [], [], None, False, out)


def test_read_only_export_leaves_a_damaged_file_in_place(damaged: Path, tmp_path: Path) -> None:
    before = damaged.read_bytes()
    with pytest.raises(OSError) as caught:
        _export(damaged, tmp_path / "out.md")
    message = str(caught.value)
    assert "\n" not in message and str(damaged) in message and "stance-reader library salvage" in message
    assert damaged.exists() and damaged.read_bytes() == before
    assert not list(tmp_path.glob("lib.sqlite3.*")), "no .corrupt, .damaged or salvage file was made"


def test_export_names_the_file_moved_aside_earlier(damaged: Path, tmp_path: Path) -> None:
    moved = damaged.with_name("lib.sqlite3.corrupt-20260101-120000")
    damaged.rename(moved)
    with pytest.raises(OSError, match="moved aside") as caught:
        _export(damaged, tmp_path / "out.md")
    assert str(moved) in str(caught.value)


def test_cli_check_reports_damage_and_choices_without_moving(
    damaged: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["library", "check", "--db", str(damaged)]) == 1
    said = capsys.readouterr().err
    assert "damaged" in said and "Nothing was moved" in said
    assert "Use the salvaged library" in said and "newer than the backup" in said and "(recommended)" in said
    assert damaged.exists() and not list(damaged.parent.glob("lib.sqlite3.*"))


def test_cli_salvage_then_restore_then_start_empty(damaged: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["library", "salvage", "--db", str(damaged)]) == 0
    salvaged = _count(damaged)
    assert BACKUP_AFTER < salvaged < N, "the salvage holds every readable highlight, more than the backup"
    with sqlite3.connect(damaged) as conn:
        newer = conn.execute("SELECT count(*) FROM highlights WHERE id > ?", (BACKUP_AFTER,)).fetchone()[0]
    assert f"{salvaged} highlights, {newer} newer than the backup" in capsys.readouterr().err
    assert len(moved_aside(damaged)) == 1, "the damaged original is kept"

    assert main(["library", "restore", "--db", str(damaged), "--backup", "latest"]) == 0
    assert _count(damaged) == BACKUP_AFTER
    assert "kept as" in capsys.readouterr().err
    set_aside = moved_aside(damaged, "set-aside")
    assert len(set_aside) == 1 and _count(set_aside[0]) == salvaged, "the salvaged library was kept too"

    assert main(["library", "start-empty", "--db", str(damaged)]) == 0
    assert not damaged.exists() and len(moved_aside(damaged, "set-aside")) == 2


def test_cli_check_names_highlights_changed_outside(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "lib.sqlite3"
    build_library(path, 4)
    assert main(["library", "check", "--db", str(path)]) == 0
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE highlights SET quote = 'rewritten' WHERE id IN (2, 4)")
    assert main(["library", "check", "--db", str(path)]) == 1
    assert "2 highlights were changed outside the app: ids 2, 4." in capsys.readouterr().err
    assert main(["library", "check", "--db", str(path), "--accept-changes"]) == 0
    assert main(["library", "check", "--db", str(path)]) == 0


def test_list_backups_shows_dates_and_counts(damaged: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["library", "list-backups", "--db", str(damaged)]) == 0
    assert f"{BACKUP_AFTER} highlights" in capsys.readouterr().out


def test_default_choice_is_the_backup_when_it_holds_more(tmp_path: Path, isolated_user_data: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    build_library(path, 40, isolated_user_data / "backups", 39)
    with path.open("r+b") as handle:  # the schema and everything after the first pages is gone
        handle.truncate(4096 * 3)
    recovery = rec.prepare(path, path, "damaged")
    assert recovery.report is not None and recovery.report.highlights < 39
    assert recovery.default is rec.Choice.BACKUP
    assert rec.options(recovery)[0].choice is rec.Choice.BACKUP


def test_opening_the_window_names_highlights_changed_outside(tmp_path: Path) -> None:
    from stance_reader import app

    path = tmp_path / "lib.sqlite3"
    build_library(path, 3)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE highlights SET note = 'by a script' WHERE id = 3")
    store, problem = app.open_library(str(path))
    try:
        assert problem == "1 highlight was changed outside the app: id 3."
    finally:
        store.close()
