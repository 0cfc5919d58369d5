"""`stance-reader import` end to end on the bundled samples with the real pipeline: the ledger the CLI
prints is the one in the store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stance_reader import cli
from stance_reader.services import analysis as service
from stance_reader.store import Store

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"


@pytest.fixture(autouse=True)
def shared_analyzer(analyzer, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(service, "_ANALYZER", analyzer)


def test_import_the_samples_and_read_a_ledger(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "lib.sqlite3"
    assert cli.main(["import", str(SAMPLES), "--db", str(db)]) == 0
    assert "2 imported, 0 unchanged, 0 failed" in capsys.readouterr().err
    assert cli.main(["import", str(SAMPLES), "--db", str(db)]) == 0
    assert "0 imported, 2 unchanged" in capsys.readouterr().err
    assert cli.main(["speakers", "--db", str(db), "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)["speakers"]
    names = {s["name"] for s in listed}
    assert {"Ingrid Kellner", "Ines Okafor"} <= names, names
    assert cli.main(["speaker", "Kellner", "--db", str(db), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    with Store(str(db)) as store:
        assert data["entries"] == [e.to_dict() for e in store.speaker_ledger(data["speaker"]["key"])]
    assert data["speaker"]["name"] == "Ingrid Kellner"
    assert {e["kind"] for e in data["entries"]} >= {"commitment", "quote"}
