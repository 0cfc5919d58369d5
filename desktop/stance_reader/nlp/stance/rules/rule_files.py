"""Reading and writing the rule engine's files (through the one JSONL reader, ``nlp/jsonl.py``).

A rule file (``models/hedges.jsonl``, ``models/commitments.jsonl``) holds one rule per line; the word
lists rules and checks refer to as ``"@name"`` live in ``models/stance_lexicons.jsonl``. Lines starting
with ``//`` are comments.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path

from stance_reader.nlp.jsonl import read_jsonl
from stance_reader.nlp.stance.rules.rule import Rule

LEXICON_FILE = "stance_lexicons.jsonl"


def read_rules(path: Path) -> list[Rule]:
    return [Rule.from_dict(row) for row in read_jsonl(path)]


def read_lexicons(path: Path) -> dict[str, frozenset[str]]:
    """``{"id": "report_verbs", "words": [...]}`` lines -> name -> lower-cased word set."""
    return {str(row["id"]): frozenset(w.lower() for w in row["words"]) for row in read_jsonl(path)}


def write_rules(path: Path, rules: Iterable[Rule]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for rule in rules:
            fh.write(json.dumps(rule.to_dict(), ensure_ascii=False) + "\n")


def write_lexicons(path: Path, lexicons: Mapping[str, frozenset[str]]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for name, words in sorted(lexicons.items()):
            fh.write(json.dumps({"id": name, "words": sorted(words)}, ensure_ascii=False) + "\n")


def default_dir() -> Path:
    from stance_reader.paths import models_dir

    return models_dir()
