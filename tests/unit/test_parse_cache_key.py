"""The PolNeAR parse cache under build/ is keyed by what shapes the cached Docs (models/tools)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "models" / "tools"))

from eval_attribution_train import PARSE_SOURCES, parse_fingerprint  # noqa: E402


class _Pipeline:
    def __init__(self, version: str) -> None:
        self.meta = {"name": "core_web_sm", "version": version}


def test_every_parse_source_pattern_names_files() -> None:
    """A renamed module would silently drop out of the key: every pattern must match something."""
    for pattern in PARSE_SOURCES:
        assert list(ROOT.glob(pattern)), pattern


def test_the_key_follows_the_model_and_stays_put_otherwise() -> None:
    first = parse_fingerprint(_Pipeline("3.8.0"))
    assert parse_fingerprint(_Pipeline("3.8.0")) == first
    assert parse_fingerprint(_Pipeline("3.8.1")) != first


def test_the_key_covers_the_entity_layer_not_the_attribution_layer() -> None:
    covered = {p for pattern in PARSE_SOURCES for p in ROOT.glob(pattern)}
    assert ROOT / "desktop/stance_reader/nlp/entities/types.py" in covered
    assert ROOT / "desktop/stance_reader/nlp/segmentation.py" in covered
    assert not any("attribution" in p.as_posix() for p in covered)
