"""The learned speaker chooser: candidates around the cue, the margin over the rules' choice, the shipped
weights."""

from __future__ import annotations

import json

from stance_reader.nlp.attribution.common import _Attribution
from stance_reader.nlp.attribution.speaker_model import MODEL_FILE, SpeakerModel, candidates, speaker_features
from stance_reader.nlp.attribution.subjects import _mention
from stance_reader.paths import models_dir

TEXT = "At the harbour on Monday, Anna Berg told the board that the pier would close in May."


def _attribution(analyzer) -> _Attribution:  # type: ignore[no-untyped-def]
    doc = analyzer.nlp(TEXT)
    cue = next(t for t in doc if t.text == "told")
    content = (TEXT.index("the pier"), TEXT.index("."))
    board = next(t for t in doc if t.text == "board")  # a wrong speaker the rules might have picked
    return _Attribution([content], cue, (cue.idx, cue.idx + 4), board, _mention(board), False, "test")


def test_candidates_are_no_one_the_rules_choice_and_the_noun_phrases_outside_the_content(analyzer) -> None:  # type: ignore[no-untyped-def]
    att = _attribution(analyzer)
    found = candidates(att)
    assert found[0] is None and found[1] is att.subject
    words = {t.text for t in found[1:] if t is not None}
    assert {"Berg", "board", "harbour", "Monday"} <= words
    assert "pier" not in words and "May" not in words  # inside what was said


def test_another_candidate_wins_only_past_the_margin(analyzer) -> None:  # type: ignore[no-untyped-def]
    att = _attribution(analyzer)
    weights = {"what=ent=PERSON": 2.0}
    assert SpeakerModel(weights, 0.0, 1.0).choose(att).text == "Berg"  # type: ignore[union-attr]
    assert SpeakerModel(weights, 0.0, 2.5).choose(att) is att.subject  # not sure enough: the rules stand
    assert any("path=" in f for f in speaker_features(att, att.subject))


def test_the_shipped_model_was_chosen_on_cross_validation_and_beats_the_rules() -> None:
    data = json.loads((models_dir() / MODEL_FILE).read_text(encoding="utf-8"))
    cv = data["cv"]
    assert data["margin"] in (float(m) for m in cv["curve_all_f1"])
    assert cv["with_model"]["all"][2] > cv["rules_only"]["all"][2]
    assert SpeakerModel.load(models_dir() / MODEL_FILE) is not None

