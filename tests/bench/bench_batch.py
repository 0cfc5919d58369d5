"""The "nothing lost" batch measurement: 1,000 good and 10 bad JSONL lines through `stance-reader analyze
--jsonl`, serial and with worker processes; prints rows, error rows, exit status and wall time.

    .venv/bin/python tests/bench/bench_batch.py            # serial and -j 2
    .venv/bin/python tests/bench/bench_batch.py --good 5000 --jobs 1

Texts are short sentences from our own templates (fictional people). Wall time includes loading the
pipeline (about 2 s per process). Separate from the test suite; it never fails a build.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DESKTOP = Path(__file__).resolve().parents[2] / "desktop"
BAD_LINES = [
    "not json",
    "[1, 2, 3]",
    '{"id": "no-text"}',
    '{"id": "null-text", "text": null}',
    '{"id": 5, "text": 7}',
    '"just a string"',
    '{"text": "unterminated',
    "42",
    '{"id": "typo", "txt": "x"}',
    "{broken",
]
NAMES = ["Anna Berg", "Tom Hardy", "Ines Okafor", "Paul Weir"]
VERBS = ["said", "told reporters", "argued", "claimed"]


def write_input(path: Path, good: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    lines = [
        json.dumps({"id": i, "text": f'"We might wait," {rng.choice(NAMES)} {rng.choice(VERBS)} on day {i}.'})
        for i in range(good)
    ]
    for bad in BAD_LINES:
        lines.insert(rng.randrange(len(lines) + 1), bad)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def run(inp: Path, out: Path, jobs: int) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(DESKTOP)}
    command = [sys.executable, "-m", "stance_reader", "analyze", "--jsonl", str(inp), "--out", str(out)]
    started = time.monotonic()
    result = subprocess.run([*command, "-j", str(jobs)], capture_output=True, text=True, env=env, check=False)
    seconds = time.monotonic() - started
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return {
        "jobs": jobs,
        "rows": len(rows),
        "results": sum("error" not in row for row in rows),
        "errors": sum("error" in row for row in rows),
        "exit": result.returncode,
        "seconds": round(seconds, 2),
        "summary": result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "",
        "traceback": "Traceback" in result.stderr,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--good", type=int, default=1000)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="stance-bench-batch-") as folder:
        inp = Path(folder) / "in.jsonl"
        write_input(inp, args.good)
        for jobs in args.jobs:
            print(json.dumps(run(inp, Path(folder) / f"out-{jobs}.jsonl", jobs)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
