"""Score the full pipeline's commitment marks on our own written sentence sets (sentence level, as the
shared scorer does): ``python tests/nlp/commitment_eval.py tests/nlp/data/commitment_dev2.jsonl --errors``.

Development helper, not a test: the sets are ours (``tests/nlp/data/commitment_*.jsonl``); print errors
only for sets you develop on, never for the held-out one."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from stance_reader.core.models import MarkKind
from stance_reader.nlp.pipeline import StanceAnalyzer


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--errors", action="store_true", help="print false positives and negatives with rules")
    args = ap.parse_args()
    analyzer = StanceAnalyzer.load()
    for path in args.files:
        rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
        tp = fp = fn = 0
        for row, analysis in zip(rows, analyzer.analyze_many([r["text"] for r in rows]), strict=True):
            rules = [m.rule for m in analysis.marks if m.kind == MarkKind.COMMITMENT]
            gold, guess = row["label"] == "commitment", bool(rules)
            tp, fp, fn = tp + (guess and gold), fp + (guess and not gold), fn + (gold and not guess)
            if args.errors and bool(rules) != gold:
                print(f"{'FP' if rules else 'FN'}  {row['text']}  {rules}")
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{path.name}: n={len(rows)} P {p:.3f} R {r:.3f} F1 {f:.3f} (tp {tp} fp {fp} fn {fn})")


if __name__ == "__main__":
    main()
