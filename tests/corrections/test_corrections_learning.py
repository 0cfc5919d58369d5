"""Learning from the corrections: `stance-reader corrections export` (the analyser contract),
`corrections report` (the model against the analyst) and the labelled sentences the trainer folds in."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from corrections_data import DELIVER, MAY, PROBABLY, TEXT, analysis, at

from stance_reader.cli import main
from stance_reader.core import CorrectionKind, MarkKind, StoredDocument
from stance_reader.services.corrections import AddPassage, CorrectMark, Revision, added_correction
from stance_reader.services.corrections.learning import labelled_sentences, score
from stance_reader.services.highlights import HighlightHistory
from stance_reader.store import Store

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def corrected_library(store: Store, document: StoredDocument) -> Store:
    """The article analysed (cached), with: "may" rejected, "will deliver" re-credited, "probably"
    relabelled a commitment, and "must decide" added as a commitment the model missed."""
    store.save_analysis(document.content_hash, "test-1", analysis())
    history = HighlightHistory(store)

    def correct(mark, revision: Revision) -> None:  # type: ignore[no-untyped-def]
        CorrectMark(mark, revision, document.id, document.content_hash, TEXT).run(history)

    correct(MAY, Revision(kind=CorrectionKind.NONE))
    correct(DELIVER, Revision(speaker="Berlin", set_speaker=True))
    correct(PROBABLY, Revision(kind=CorrectionKind.COMMITMENT))
    s, e = at("The council must decide by Friday.")
    kind = CorrectionKind.COMMITMENT
    added = added_correction(TEXT, document.id, document.content_hash, s, e, kind, "Council")
    AddPassage(added).run(history)
    return store


def test_export_writes_the_analyser_contract(
    corrected_library: Store, db_path: Path, tmp_path: Path
) -> None:
    corrected_library.close()
    out = tmp_path / "corrected.jsonl"
    assert main(["corrections", "export", "--format", "jsonl", "--db", str(db_path), "--out", str(out)]) == 0
    [row] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {"id", "text", "marks", "quotes", "entities"} <= row.keys() and row["text"] == TEXT
    marks = {TEXT[s:e]: m for m in row["marks"] for s, e in m["cue"]}
    assert "may" not in marks
    assert (marks["probably"]["kind"], marks["probably"]["kind_source"]) == ("commitment", "analyst")
    assert (marks["will deliver"]["speaker"], marks["will deliver"]["speaker_source"]) == (
        "Berlin",
        "analyst",
    )
    assert marks["The council must decide by Friday."]["speaker"] == "Council"
    for mark in row["marks"]:
        assert {"kind", "start", "end", "cue", "speaker"} <= mark.keys()


def test_report_scores_the_cached_model_against_the_analyst(corrected_library: Store) -> None:
    result = score(corrected_library)
    assert (result.rejected, result.rejected_still) == (1, 1)  # the cached model still makes it
    assert (result.kept, result.kept_right) == (2, 1)  # relabelled "probably" is wrong, "deliver" right
    assert (result.added, result.added_found) == (1, 0)
    assert (result.speakers, result.speakers_right) == (1, 0)
    assert result.precision == pytest.approx(1 / 3)


def test_report_on_a_model_that_learnt(corrected_library: Store) -> None:
    from dataclasses import replace

    s, e = at("The council must decide by Friday.")
    must = at("must")
    learnt = analysis(
        replace(PROBABLY, kind=MarkKind.COMMITMENT),
        replace(DELIVER, speaker="Berlin"),
        replace(DELIVER, kind=MarkKind.COMMITMENT, start=s, end=e, cue=(must,), speaker="Council"),
    )
    result = score(corrected_library, lambda _article: learnt)
    assert result.precision == 1.0 and result.recall_added == 1.0 and result.speakers_right == 1


def test_report_cli_prints_the_figures(corrected_library: Store, db_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    corrected_library.close()
    assert main(["corrections", "report", "--db", str(db_path)]) == 0
    text = capsys.readouterr().out
    assert "Precision on the marks you judged: 0.33" in text
    assert "Recall of the passages you added:      0.00 (0 of 1)" in text


def test_labelled_sentences_cover_only_what_the_analyst_judged(corrected_library: Store) -> None:
    rows = {r["text"]: r for r in labelled_sentences(corrected_library)}
    assert rows["Critics argue the timeline may slip."]["label"] == "neutral"
    assert rows["Critics argue the timeline may slip."]["cues"] == []  # a judged hedge sentence: no cue
    assert rows["The council must decide by Friday."]["label"] == "commitment"
    assert rows["Olaf Scholz insisted that Germany will deliver the tanks."]["cues"] is None
    assert len(rows) == 4


def test_trainer_folds_corrections_in_on_a_dry_run(corrected_library: Store, db_path: Path) -> None:
    corrected_library.close()
    script = ROOT / "models" / "tools" / "train_stance.py"
    env = {"PYTHONPATH": str(ROOT / "desktop"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, str(script), "--with-corrections", str(db_path), "--dry-run",
         "--data", str(db_path.parent)],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "4 labelled sentences from the analyst's corrections" in done.stdout
    assert "neutral 1, commitment 3" in done.stdout
