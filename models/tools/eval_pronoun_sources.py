"""How the attribution does where the speaker is a pronoun ("he said"): PolNeAR *dev* (measure only).

PolNeAR marks the source as written, so for a gold source that is a pronoun the scorer checks that we
found the quote and pointed at that pronoun; which person the pronoun stands for is not in the gold
(our own four-speaker test article checks that). Prints recall of content and of content+speaker for
gold attributions whose source is a personal pronoun, beside the same figures for all the others.

    .venv/bin/python models/tools/eval_pronoun_sources.py [../shared/eval/polnear]
"""

from __future__ import annotations

import sys
from pathlib import Path

PRONOUNS = {"he", "she", "they", "i", "we", "you", "it", "him", "her", "them"}


def main(root: str) -> None:
    sys.path.insert(0, str(Path(root).resolve().parent / "tools"))
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from eval_attribution_train import scorer_quotes
    from polnear_reader import load_split  # type: ignore[import-not-found]
    from score_quotes import match_doc, speaker_ok  # type: ignore[import-not-found]

    from stance_reader.nlp.pipeline import StanceAnalyzer

    analyzer = StanceAnalyzer.load()
    counts = {"pronoun": [0, 0, 0], "other": [0, 0, 0]}  # gold, content matched, + speaker right
    for doc in load_split(root, "dev"):
        text = doc["text"]
        analysis = analyzer.analyze(text)
        pred = scorer_quotes(analysis.quotes)
        gold = doc["attributions"]
        pairs = dict(match_doc(text, gold, pred, 0.5))
        for i, att in enumerate(gold):
            source = " ".join(text[s:e] for s, e in att["source"]).strip().lower()
            row = counts["pronoun" if source in PRONOUNS else "other"]
            row[0] += 1
            if i in pairs:
                row[1] += 1
                row[2] += speaker_ok(text, att, pred[pairs[i]])
    for name, (n, matched, right) in counts.items():
        print(f"{name:8s} gold {n:5d}  content recall {matched / n:.3f}  "
              f"content+speaker recall {right / n:.3f}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/eval/polnear")
