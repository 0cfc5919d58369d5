"""The product's reference article (../shared/seed, not shipped) through the highlights feature with the
real stance pipeline: bulk-save a speaker's marks, save a selection with H, export, re-open."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from test_highlights_window import WAIT_MS, db, open_window, saved, select, stored

from stance_reader.core import HighlightKind, MarkKind
from stance_reader.services.highlights import speakers_with_marks

__all__ = ["db", "open_window"]  # fixtures imported for pytest


@pytest.fixture
def real_pipeline(analyzer, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """The window's lane uses the session's already-loaded pipeline instead of loading another."""
    from stance_reader.services import analysis

    monkeypatch.setattr(analysis, "_ANALYZER", analyzer)


def test_seed_article_bulk_save_select_and_export(  # type: ignore[no-untyped-def]
    qtbot, open_window, real_pipeline, seed_path: Path | None, tmp_path: Path
) -> None:
    if seed_path is None:
        pytest.skip("the seed article ../shared/seed/nato-victory-plan.txt is not present")
    window = open_window(seed_path)
    analysis = window.current_analysis
    feature = window.highlights
    speakers = speakers_with_marks(analysis)
    assert speakers, "the pipeline found no speaker with hedges or commitments in the seed"
    speaker = speakers[0]
    kind = next(
        k
        for k, mk in ((HighlightKind.HEDGE, MarkKind.HEDGE), (HighlightKind.COMMITMENT, MarkKind.COMMITMENT))
        if any(m.kind is mk and m.speaker == speaker for m in analysis.marks)
    )
    expected = len(feature.unsaved_marks(speaker, kind))
    assert feature.save_all(speaker, kind) == expected
    highlights = saved(qtbot, window, expected)
    assert {(h.kind, h.speaker) for h in highlights} == {(kind, speaker)}

    # A selection in plain narration (first paragraph's first words) with the one-key save.
    text = window.current_article.text
    first_words = " ".join(text.split("\n")[0].split()[:3])
    select(qtbot, window, first_words)
    qtbot.keyClick(window.reader, Qt.Key.Key_H)
    saved(qtbot, window, expected + 1)

    from stance_reader.services.exporting import export_highlights

    out = tmp_path / "seed.json"
    assert (
        export_highlights(window.store, "json", out=out, document_id=window.current_document.id)
        == expected + 1
    )
    exact = {a["target"]["selector"][1]["exact"] for a in json.loads(out.read_text("utf-8"))["annotations"]}
    assert exact == {h.quote for h in stored(window)}
    for h in stored(window):
        assert text[h.start : h.end] == h.quote  # offsets are code points into the stored text
    qtbot.waitUntil(lambda: len(window.reader.saved_highlights()) == expected + 1, timeout=WAIT_MS)
