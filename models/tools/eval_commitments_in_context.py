"""Score commitments the way an analyst meets them: whole releases, not lone sentences.

The shared evaluation sends each campaign_commitments sentence on its own, so nothing the analyser
learns from the rest of a release (whose voice it is) can show. This script rebuilds each release from
its sentences (in file order, one paragraph per sentence), analyses the whole text, and scores the
same sentence-level P/R/F1: a sentence is positive when a commitment mark's first cue lies in it.

Measurement only: it prints aggregate figures and never a sentence, so it cannot be used to pick
rules sentence by sentence (see ../shared/eval/README.md).

    .venv/bin/python models/tools/eval_commitments_in_context.py ../shared/eval/campaign_commitments/dev.jsonl
"""

from __future__ import annotations

import json
import sys
from collections import OrderedDict
from pathlib import Path

JOIN = "\n\n"


def releases(path: Path) -> list[list[dict[str, str]]]:
    docs: OrderedDict[str, list[dict[str, str]]] = OrderedDict()
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            docs.setdefault(row["doc"], []).append(row)
    return list(docs.values())


def sentence_flags(text_parts: list[str], cue_starts: list[int]) -> list[bool]:
    """Which parts (joined by JOIN) hold at least one cue start."""
    flags = [False] * len(text_parts)
    bounds, pos = [], 0
    for part in text_parts:
        bounds.append((pos, pos + len(part)))
        pos += len(part) + len(JOIN)
    for start in cue_starts:
        for i, (lo, hi) in enumerate(bounds):
            if lo <= start < hi:
                flags[i] = True
                break
    return flags


def main(path: str) -> None:
    from stance_reader.core.models import MarkKind
    from stance_reader.nlp.pipeline import StanceAnalyzer

    docs = releases(Path(path))
    texts = [JOIN.join(r["text"] for r in doc) for doc in docs]
    analyzer = StanceAnalyzer.load()
    tp = fp = fn = 0
    for doc, analysis in zip(docs, analyzer.analyze_many(texts), strict=True):
        starts = [m.cue_start for m in analysis.marks if m.kind == MarkKind.COMMITMENT]
        for row, guess in zip(doc, sentence_flags([r["text"] for r in doc], starts), strict=True):
            gold = row["label"] == "commitment"
            tp += guess and gold
            fp += guess and not gold
            fn += gold and not guess
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    sentences = sum(map(len, docs))
    print(f"releases={len(docs)} sentences={sentences} in-context commitment P={p:.3f} R={r:.3f} F1={f1:.3f}")


if __name__ == "__main__":
    main(sys.argv[1])
