"""The one reader of the JSONL data files under ``models/`` (rules, cues, word lists, gazetteer): one JSON
object per line; blank lines and lines starting with ``//`` (comments) are skipped."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip() and not line.lstrip().startswith("//")]
