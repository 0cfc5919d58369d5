"""`stance-reader import`, `speakers` and `speaker` against a temporary library, with a stand-in
analyzer (no spaCy); the JSON they print is checked against the store."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from stance_reader import cli
from stance_reader.core.models import Analysis, Mark, MarkKind
from stance_reader.services import analysis as service
from stance_reader.store import Store

_SAID = re.compile(r"([A-Z][a-z]+(?: [A-Z][a-z]+)*) said (?:that )?([^.]+)\.")


class FakeAnalyzer:
    """Every "NAME said PASSAGE." is a commitment ("will") or a hedge ("may") of NAME."""

    version = "fake-1"

    def __init__(self) -> None:
        self.calls = 0

    def analyze(self, text: str) -> Analysis:
        self.calls += 1
        marks = []
        for found in _SAID.finditer(text):
            passage = found.group(2)
            cue = "will" if " will " in f" {passage} " else "may"
            if cue not in passage:
                continue
            s = found.start(2)
            c = s + passage.index(cue)
            kind = MarkKind.COMMITMENT if cue == "will" else MarkKind.HEDGE
            marks.append(
                Mark(kind, s, found.end(2), ((c, c + len(cue)),), "fake", found.group(1), confidence=0.8)
            )
        return Analysis(marks=tuple(marks), pipeline=self.version)


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeAnalyzer:
    analyzer = FakeAnalyzer()
    monkeypatch.setattr(service, "_ANALYZER", analyzer)
    return analyzer


def _article(folder: Path, name: str, day: str, outlet: str, body: str) -> Path:
    path = folder / name
    path.write_text(f'---\ntitle: "{name}"\ndate: {day}\noutlet: {outlet}\n---\n\n{body}\n', encoding="utf-8")
    return path


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    _article(folder, "a.md", "2026-01-10", "Alpha", "Mark Rutte said the alliance will deliver the money.")
    _article(
        folder,
        "b.md",
        "2026-02-14",
        "Beta",
        "Rutte said the money may arrive late. Anna Berg said she will wait.",
    )
    _article(folder, "c.md", "2026-03-01", "Alpha", "NATO Secretary General Mark Rutte said talks may fail.")
    return folder


def _import(db: Path, *paths: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = cli.main(["import", *map(str, paths), "--db", str(db)])
    return code, capsys.readouterr().err


def test_import_fills_the_ledger_and_reimport_is_a_no_op(
    tmp_path: Path, library: Path, fake: FakeAnalyzer, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "lib.sqlite3"
    code, err = _import(db, library, capsys=capsys)
    assert code == 0 and fake.calls == 3
    assert "1/3 a.md: imported" in err and "3/3 c.md" in err and "3 imported, 0 unchanged, 0 failed" in err
    code, err = _import(db, library, capsys=capsys)
    assert code == 0 and fake.calls == 3  # nothing analysed again
    assert err.count("unchanged, already in the library") == 3 and "0 imported, 3 unchanged" in err
    with Store(str(db)) as store:
        assert store.count_documents() == 3
        assert store.count_speaker_marks() == 4


def test_a_changed_file_is_imported_again(
    tmp_path: Path, library: Path, fake: FakeAnalyzer, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "lib.sqlite3"
    _import(db, library, capsys=capsys)
    _article(
        library, "a.md", "2026-01-10", "Alpha", "Mark Rutte said nothing may change. Rutte said it may rain."
    )
    code, err = _import(db, library / "a.md", capsys=capsys)
    assert code == 0 and "1 imported" in err
    with Store(str(db)) as store:
        assert store.count_documents() == 3
        rutte = next(s for s in store.list_speakers() if s.key == "mark rutte")
        assert (rutte.hedges, rutte.commitments) == (4, 0)


def test_import_reports_a_bad_file_and_goes_on(
    tmp_path: Path, library: Path, fake: FakeAnalyzer, capsys: pytest.CaptureFixture[str]
) -> None:
    (library / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    code, err = _import(tmp_path / "lib.sqlite3", library, capsys=capsys)
    assert code == 1 and "broken.pdf: failed" in err and "3 imported, 0 unchanged, 1 failed" in err


def test_speakers_formats_match_the_store(
    tmp_path: Path, library: Path, fake: FakeAnalyzer, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "lib.sqlite3"
    _import(db, library, capsys=capsys)
    assert cli.main(["speakers", "--db", str(db), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    with Store(str(db)) as store:
        assert data["speakers"] == [s.to_dict() for s in store.list_speakers()]
    rutte = data["speakers"][0]
    assert (rutte["name"], rutte["hedges"], rutte["commitments"], rutte["articles"]) == (
        "Mark Rutte",
        2,
        1,
        3,
    )
    assert (rutte["first_date"], rutte["last_date"]) == ("2026-01-10", "2026-03-01")
    assert cli.main(["speakers", "--db", str(db), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["name"] for r in rows] == ["Mark Rutte", "Anna Berg"] and rows[1]["commitments"] == "1"
    assert cli.main(["speakers", "--db", str(db)]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split() == ["Speaker", "Hedges", "Commitments", "Quotes", "Articles", "First", "Last"]
    assert table[2].startswith("Mark Rutte")


def test_speaker_ledger_json_matches_the_store(
    tmp_path: Path, library: Path, fake: FakeAnalyzer, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "lib.sqlite3"
    _import(db, library, capsys=capsys)
    out = tmp_path / "rutte.json"
    assert cli.main(["speaker", "Rutte", "--db", str(db), "--format", "json", "--out", str(out)]) == 0
    assert "wrote 3 ledger entries of Mark Rutte" in capsys.readouterr().err
    data = json.loads(out.read_text(encoding="utf-8"))
    with Store(str(db)) as store:
        assert data["entries"] == [e.to_dict() for e in store.speaker_ledger("mark rutte")]
        assert data["speaker"] == store.list_speakers()[0].to_dict()
    assert [e["date"] for e in data["entries"]] == ["2026-03-01", "2026-02-14", "2026-01-10"]
    args = [
        "speaker",
        "Mark Rutte",
        "--db",
        str(db),
        "--format",
        "json",
        "--kind",
        "hedge",
        "--from",
        "2026-02-01",
    ]
    assert cli.main(args) == 0
    filtered = json.loads(capsys.readouterr().out)
    assert [(e["kind"], e["date"]) for e in filtered["entries"]] == [
        ("hedge", "2026-03-01"),
        ("hedge", "2026-02-14"),
    ]
    assert filtered["filters"]["kinds"] == ["hedge"]


def test_speaker_markdown_and_unknown_names(
    tmp_path: Path, library: Path, fake: FakeAnalyzer, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "lib.sqlite3"
    _import(db, library, capsys=capsys)
    assert cli.main(["speaker", "anna berg", "--db", str(db), "--format", "md", "--to", "2026-12-31"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("# Anna Berg\n") and "**Commitment** · confidence 0.80: she will wait" in text
    assert "## b.md" in text and "*2026-02-14 · Beta*" in text
    assert cli.main(["speaker", "Nobody", "--db", str(db), "--format", "json"]) == 1
    assert "no speaker called 'Nobody'" in capsys.readouterr().err


def test_help_lists_the_new_subcommands() -> None:
    assert {"import", "speakers", "speaker"} <= set(cli.SUBCOMMANDS)
