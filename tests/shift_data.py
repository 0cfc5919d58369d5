"""The stance-shift test set (tests/data/ledger_shifts/): nine short articles about invented people
with hand-made analyses (no spaCy), the shifts a reader finds in them, and scoring of a finder's
output against those."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ledger_helpers import mark
from stance_reader.core.ledger import StanceShift
from stance_reader.core.models import Analysis
from stance_reader.documents import load_article
from stance_reader.services import speakers
from stance_reader.store import Store

FOLDER = Path(__file__).resolve().parent / "data" / "ledger_shifts"
GoldShift = tuple[str, str, str]  # speaker key, earlier commitment, later passage


def fill(store: Store, analyse: Callable[[str], Analysis] | None = None) -> dict[str, int]:
    """Store and index every article of the set, with the hand-made analyses or, given ``analyse``,
    the real pipeline's; returns document ids by file name."""
    marks = json.loads((FOLDER / "marks.json").read_text(encoding="utf-8"))
    ids: dict[str, int] = {}
    for name in sorted(k for k in marks if not k.startswith("_")):
        article = load_article(FOLDER / name)
        text = article.text
        made = tuple(mark(text, kind, passage, cue, who) for kind, passage, cue, who in marks[name])
        analysis = Analysis(marks=made, pipeline="test-pipeline") if analyse is None else analyse(text)
        doc = store.add_document(article)
        store.save_analysis(doc.content_hash, analysis.pipeline, analysis)
        speakers.index_document(store, doc, analysis)
        ids[name] = doc.id
    if analyse is None:
        # The resolver keeps descriptions it has no title word for ("Dock workers' union leader"), as
        # the hand-made marks write them, and a bare surname then has two full names to join; the
        # analyst merges them, as in the window. (The pipeline's own attribution names them plainly.)
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


def _same(passage: str, snippet: str) -> bool:
    """The pipeline's passage may take a word more or less ("that the 300 nurses…", "…, citing the
    cost"): one holding the other counts as the same passage."""
    a, b = passage.strip(' ,."“”'), snippet.strip(' ,."“”')
    return a in b or b in a


def matches(shift: StanceShift, expected: GoldShift) -> bool:
    key, before, after = expected
    same_speaker = shift.speaker_key == key
    return same_speaker and _same(before, shift.before.snippet) and _same(after, shift.after.snippet)


def score(shifts: list[StanceShift]) -> Score:
    """Each gold shift found counts once; every other shift reported (a decoy, or a gold shift
    reported twice) counts against precision."""
    expected = gold()
    recalled = sum(1 for g in expected if any(matches(s, g) for s in shifts))
    return Score(len(shifts), recalled, len(expected))
