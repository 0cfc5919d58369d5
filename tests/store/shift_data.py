"""The stance-shift test set (tests/data/ledger_shifts/): nine short articles about invented people
with hand-made analyses (no spaCy), the shifts a reader finds in them, and scoring of a finder's
output against those."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ledger_helpers import mark

from stance_reader.core.ledger import StanceShift
from stance_reader.core.models import Analysis
from stance_reader.documents import load_article
from stance_reader.services import speakers
from stance_reader.store import Store

FOLDER = Path(__file__).resolve().parents[1] / "data" / "ledger_shifts"
GoldShift = tuple[str, str, str]  # speaker key, earlier commitment, later passage


def fill(store: Store) -> dict[str, int]:
    """Store and index every article of the set; returns document ids by file name."""
    marks = json.loads((FOLDER / "marks.json").read_text(encoding="utf-8"))
    ids: dict[str, int] = {}
    for name in sorted(k for k in marks if not k.startswith("_")):
        article = load_article(FOLDER / name)
        text = article.text
        made = tuple(mark(text, kind, passage, cue, who) for kind, passage, cue, who in marks[name])
        analysis = Analysis(marks=made, pipeline="test-pipeline")
        doc = store.add_document(article)
        store.save_analysis(doc.content_hash, "test-pipeline", analysis)
        speakers.index_document(store, doc, analysis)
        ids[name] = doc.id
    # The resolver keeps descriptions it has no title word for ("Dock workers' union leader"), and a
    # bare surname then has two full names to join; the analyst merges them, as in the window.
    speakers.merge(store, "harbour board chair tomas brekke", "tomas brekke")
    speakers.merge(store, "dock workers union leader ravi menon", "ravi menon")
    return ids


def gold() -> set[GoldShift]:
    data = json.loads((FOLDER / "gold.json").read_text(encoding="utf-8"))
    return {(key, before, after) for key, before, after in data["shifts"]}


def as_gold(shift: StanceShift) -> GoldShift:
    return shift.speaker_key, shift.before.snippet, shift.after.snippet


@dataclass(frozen=True)
class Score:
    found: int
    right: int
    expected: int

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.expected if self.expected else 1.0


def score(shifts: list[StanceShift]) -> Score:
    found = {as_gold(s) for s in shifts}
    expected = gold()
    return Score(len(found), len(found & expected), len(expected))
