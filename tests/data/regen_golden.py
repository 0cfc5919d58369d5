"""Regenerate the golden analyses ``tests/data/*.expected.json`` from ``tests/data/*.txt``.

Run only on purpose, after a change in the rules or components that you have checked by eye:

    .venv/bin/python tests/data/regen_golden.py            # rewrite every expected file
    .venv/bin/python tests/data/regen_golden.py --check    # exit 1 if any differs (what the test does)

The expected file holds the whole article's marks, quotes and entities with their text spelled out,
so a diff reads as "which words changed speaker", not as a list of offsets.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
_UNPINNED = {"explanation", "confidence", "evidence"}


def golden(text: str, analyzer: Any) -> dict[str, Any]:
    """The pinned view of one article: every field but timing and the version string."""
    # What the reader sees at the default bars; confidences move with every retraining, so the
    # golden files pin the decision, not the number (tests/nlp/test_stance_decider.py checks those).
    result = analyzer.analyze(text).decided()

    def words(spans: Any) -> list[str]:
        return [text[s:e] for s, e in spans]

    return {
        "quotes": [
            {**q.to_dict(), "content_text": words(q.content), "speaker_text": words(q.speaker)}
            for q in result.quotes
        ],
        # The explanation is display wording, owned by the rules' authors; kind, spans, rule and
        # speaker are what the golden files pin.
        "marks": [
            {k: v for k, v in m.to_dict().items() if k not in _UNPINNED} | {"cue_text": words(m.cue)}
            for m in result.marks
        ],
        "entities": [{**e.to_dict(), "text": text[e.start : e.end]} for e in result.entities],
    }


def render(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args(argv)
    from stance_reader.nlp.pipeline import StanceAnalyzer

    analyzer = StanceAnalyzer.load()
    differs = 0
    for path in sorted(HERE.glob("*.txt")):
        expected = path.with_suffix(".expected.json")
        new = render(golden(path.read_text(encoding="utf-8"), analyzer))
        if args.check:
            if not expected.exists() or expected.read_text(encoding="utf-8") != new:
                print(f"differs: {expected.name}", file=sys.stderr)
                differs += 1
        else:
            expected.write_text(new, encoding="utf-8")
            print(f"wrote {expected.name}", file=sys.stderr)
    return 1 if differs else 0


if __name__ == "__main__":
    raise SystemExit(main())
