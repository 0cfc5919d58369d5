"""Short news documents made from the bundled sample articles' paragraphs (fictional people), for the
cluster batch tests and tests/bench/bench_dask_batch.py."""

from __future__ import annotations

import json
import random
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"


def paragraphs() -> list[str]:
    found = []
    for path in sorted(SAMPLES.iterdir()):
        found += [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if len(p.strip()) > 80]
    return found


def documents(count: int, seed: int = 7, size: int = 2) -> list[dict[str, object]]:
    """``count`` {id, text} rows of ``size`` paragraphs each, the day number making every text distinct."""
    rng, pool = random.Random(seed), paragraphs()
    return [{"id": i, "text": "\n\n".join(rng.sample(pool, size)) + f" Day {i}."} for i in range(count)]


def write_jsonl(path: Path, rows: list[dict[str, object]], extra_lines: tuple[str, ...] = ()) -> Path:
    lines = [json.dumps(row) for row in rows] + list(extra_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
