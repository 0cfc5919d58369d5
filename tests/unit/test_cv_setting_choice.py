"""How the training tools pick a setting from cross-validation (models/tools/train_attribution.py):
mean differences under TIE are noise, so the setting nearest the rules wins them."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "models" / "tools"))

from train_attribution import TIE, closest_to_rules  # noqa: E402


def _folds(*f1: float) -> list[dict]:
    return [{"all": [0.0, 0.0, f], "direct": [0.0, 0.0, f]} for f in f1]


def test_a_clearly_better_setting_wins() -> None:
    per = {0.0: _folds(0.70, 0.70), 0.2: _folds(0.71, 0.71), 2.0: _folds(0.69, 0.69)}
    assert closest_to_rules(per, list(per), rules_first=False) == 0.2


def test_within_the_tie_the_setting_nearest_the_rules_wins() -> None:
    near = 0.71 - TIE / 2
    per = {0.0: _folds(0.71, 0.71), 0.15: _folds(near, near), 2.0: _folds(0.69, 0.69)}
    assert closest_to_rules(per, list(per), rules_first=False) == 0.15  # a larger margin: nearer the rules
    bars = {0.0: _folds(0.69, 0.69), 0.35: _folds(near, near), 0.4: _folds(0.71, 0.71)}
    assert closest_to_rules(bars, list(bars), rules_first=True) == 0.35  # a lower bar: nearer the rules


def test_only_the_candidates_given_are_considered() -> None:
    per = {0.0: _folds(0.75, 0.75), 0.2: _folds(0.71, 0.71)}
    assert closest_to_rules(per, [0.2], rules_first=True) == 0.2
