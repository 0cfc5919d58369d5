"""The trained stance model at run time: a logistic regression per kind over feature strings, Platt
calibrated, read from ``models/stance_model.json`` (written by ``python3 dev.py train``).

No scikit-learn here: scoring is a sum of weights, so the window and the bundle need nothing beyond the
standard library to use what training learned.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from pathlib import Path

MODEL_FILE = "stance_model.json"

# How a feature string reads in the details pane ("next=consider" -> "next word 'consider'").
_PHRASES = {
    "w": "the word '{}'",
    "lemma": "the word '{}'",
    "next": "next word '{}'",
    "prev": "word before '{}'",
    "next2": "next words '{}'",
    "verb": "governs '{}'",
    "head": "attached to '{}'",
    "subj": "subject {}",
    "subj_lemma": "subject '{}'",
    "obj": "object '{}'",
    "rule": "rule {}",
    "family": "rule family {}",
    "reported_by": "reported by '{}'",
    "tag": "tagged {}",
    "dep": "parsed as {}",
    "veto": "a rule turned it down ({})",
}
_FLAGS = {
    "neg": "negated",
    "sent_initial": "opens the sentence",
    "question": "in a question",
    "in_condition": "inside a condition",
    "passive": "passive verb",
    "no_rule": "no rule fired",
    "rule_negated": "negated rule cue",
    "title_case": "Title Case",
    "money": "money in the clause",
    "sent_we": "'we' in the sentence",
    "short_sentence": "a short sentence or headline",
}


@dataclass(frozen=True, slots=True)
class KindModel:
    """One kind's weights, calibration and decision threshold."""

    weights: Mapping[str, float]
    bias: float
    platt: tuple[float, float]  # p = sigmoid(a * score + b)
    threshold: float  # F1-best bar on cross-validation
    floor: float  # model-only candidates below this are dropped outright
    proposal_threshold: float  # default bar for cue words no rule accepted (precision 0.8 on CV)
    rule_threshold: float = 0.0  # default bar for rule-proposed marks: the rules stay the default

    def probability(self, feats: Sequence[str]) -> float:
        score = self.bias + sum(map(self.weights.get, feats, repeat(0.0)))
        a, b = self.platt
        return _sigmoid(a * score + b)

    def evidence(self, feats: Sequence[str], limit: int = 4) -> tuple[str, ...]:
        """The features that pushed this candidate's score up most, readable, strongest first."""
        get = self.weights.get
        pushes = sorted(((w, f) for f in set(feats) if (w := get(f, 0.0)) > 0 and f != "bias"), reverse=True)
        said: dict[str, None] = {}
        for _, f in pushes:
            if len(said) >= limit:
                break
            said.setdefault(describe(f), None)
        return tuple(said)


@dataclass(frozen=True, slots=True)
class StanceModel:
    kinds: Mapping[str, KindModel]
    cues: Mapping[str, frozenset[str]]
    version: str

    @classmethod
    def load(cls, path: Path) -> StanceModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        kinds = {
            name: KindModel(
                weights=row["weights"],
                bias=float(row["bias"]),
                platt=(float(row["platt"][0]), float(row["platt"][1])),
                threshold=float(row["threshold"]),
                floor=float(row["floor"]),
                proposal_threshold=float(row.get("proposal_threshold", 1.0)),
                rule_threshold=float(row.get("rule_threshold", 0.0)),
            )
            for name, row in data["kinds"].items()
        }
        cues = {name: frozenset(words) for name, words in data["cues"].items()}
        return cls(kinds, cues, str(data.get("version", "")))

    @property
    def thresholds(self) -> dict[str, float]:
        """The bars ``Analysis.default_bar`` reads."""
        out: dict[str, float] = {}
        for name, k in self.kinds.items():
            out[name] = k.threshold
            out[f"{name}.rule"] = k.rule_threshold
            out[f"{name}.proposal"] = k.proposal_threshold
        return out


@lru_cache(maxsize=8192)
def describe(feature: str) -> str:
    """A feature string in words for the details pane (memoised: the same features recur in every
    article, and each decided mark describes its strongest four)."""
    if feature in _FLAGS:
        return _FLAGS[feature]
    key, _, value = feature.partition("=")
    if key in ("prev|w", "prev2|w"):
        before, _, word = value.rpartition("|")
        return f"'{before.replace('|', ' ')} {word}'"
    if key.startswith("w|"):
        word, _, rest = value.partition("|")
        inner = key[2:]
        if inner in _FLAGS:
            return f"'{word}' {_FLAGS[inner]}"
        return f"'{word}' with {describe(f'{inner}={rest}')}"
    phrase = _PHRASES.get(key)
    return phrase.format(value) if phrase else feature


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)
