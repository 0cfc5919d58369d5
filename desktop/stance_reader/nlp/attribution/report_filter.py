"""Which of the rules' reported-speech findings to keep, judged by a model trained on PolNeAR *train*.

The hand-listed frames (``attribution_cues.jsonl``) fire on every use of a listed verb with that frame:
"he said no", "the bill calls for", "they told the story". This model scores each report the rules
made (not direct quotes, not the learned frames, which already have their own bar) with the frame
model's features plus the rule's name, and drops the ones under the bar chosen on cross-validation.
Weights: ``models/report_filter.json``, written by ``models/tools/train_report_filter.py``.
"""

from __future__ import annotations

import json
import math
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path

from stance_reader.nlp.attribution.common import _Attribution
from stance_reader.nlp.attribution.content import _frame_spans
from stance_reader.nlp.attribution.learned import frame_features

MODEL_FILE = "report_filter.json"


@dataclass(frozen=True, slots=True)
class ReportFilter:
    weights: dict[str, float]
    bias: float
    threshold: float

    @classmethod
    def load(cls, path: Path) -> ReportFilter | None:
        if not path.exists():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["weights"], float(data["bias"]), float(data["threshold"]))

    def probability(self, feats: list[str]) -> float:
        score = self.bias + sum(map(self.weights.get, feats, repeat(0.0)))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))

    def keeps(
        self, att: _Attribution, frames: Sequence[str], speech_verb: bool, outer: str | None = None
    ) -> bool:
        feats = report_features(att, frames, speech_verb, outer)
        return feats is None or self.probability(feats) >= self.threshold


def outer_reports(found: Sequence[_Attribution]) -> dict[int, str]:
    """id(report) -> the cue lemma of another report whose content holds its cue ("said he *found*
    Trump charming": "found" inside what "said" reports). A nested report is often the same words
    told twice, sometimes a belief PolNeAR annotates on its own: the filter weighs which."""
    # (start, end, order, report), by start: a cue looks back only as far as the longest content
    spans = sorted(
        (s, e, n, att) for n, att in enumerate(found) if att.cue is not None and not att.direct
        for s, e in att.content
    )
    starts = [s for s, _, _, _ in spans]
    longest = max((e - s for s, e, _, _ in spans), default=0)
    out: dict[int, str] = {}
    for att in found:
        cue = att.cue
        if cue is None:
            continue
        at = cue.idx
        lo, hi = bisect_left(starts, at - longest), bisect_right(starts, at)
        hosts = [(n, h) for s, e, n, h in spans[lo:hi] if h is not att and at < e]
        if hosts:
            host = min(hosts, key=lambda nh: nh[0])[1]  # the first in the Doc's report order
            assert host.cue is not None
            out[id(att)] = host.cue.lemma_.lower()
    return out


def judged(att: _Attribution) -> bool:
    """Whether the filter judges ``att``: a rule-made report of a verb, not a quote or a learned frame."""
    cue = att.cue
    return (
        not att.direct
        and att.rule.startswith("reported:")
        and cue is not None
        and cue.pos_ == "VERB"
        and "according" not in att.rule
    )


def report_features(
    att: _Attribution, frames: Sequence[str], speech_verb: bool, outer: str | None = None
) -> list[str] | None:
    """The frame model's view of the report plus which rule made it and the report it sits inside
    (``outer``: that report's cue lemma); None when no frame gives it."""
    cue = att.cue
    assert cue is not None
    for frame in frames:
        spans = _frame_spans(cue, frame, trim=False)
        if spans:
            feats = frame_features(cue, frame, spans, speech_verb)
            rule = att.rule.split("+", 1)[0]
            has_speaker = "speaker" if att.mention is not None else "nospeaker"
            feats += [f"rule={rule}", f"rule|frame={rule}|{frame}", has_speaker, f"{has_speaker}|{frame}"]
            if outer is not None:
                lemma = cue.lemma_.lower()
                feats += ["nested", f"nested|outer={outer}", f"nested|lemma={lemma}",
                          f"nested|dep={cue.dep_}", f"nested|subj={_subject_kind(att)}"]
            return feats
    return None


def _subject_kind(att: _Attribution) -> str:
    """A nested report's own subject: "he" (the teller again, often the same words told twice), a noun
    ("said the pause suggested that …": a source of its own), or none."""
    subject = att.subject
    if subject is None:
        return "none"
    return "pron" if subject.pos_ == "PRON" else "noun"
