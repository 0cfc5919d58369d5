"""Where the attribution component goes wrong on PolNeAR *train*, cue lemma by cue lemma.

For every gold attribution with a cue: right (content and speaker), wrong speaker, or content cut
differently (a prediction shares the cue but not the content). Sorted by the errors, so the lemmas
whose PolNeAR convention the rules miss come first ("seem": subject and complement together;
"according to": both sides of the phrase). Train only; dev is for measuring.

    .venv/bin/python models/tools/attribution_errors_by_lemma.py [--top 30] [--examples LEMMA]

Uses the parse cache of ``train_attribution.py`` (``build/polnear_train_parsed.pkl``, built on first use).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_attribution import ROOT, load_gold, parsed


def _alnum(text: str, spans: list) -> set[int]:  # type: ignore[type-arg]
    return {i for s, e in spans for i in range(s, e) if text[i].isalnum()}


def _cue_chars(spans: list) -> set[int]:  # type: ignore[type-arg]
    return {i for s, e in spans for i in range(s, e)}


def tally(gold: list[dict], docs: list, comp) -> tuple[dict[str, Counter], dict[str, list[str]]]:  # type: ignore[no-untyped-def,type-arg]
    from eval_attribution_train import scorer_quotes
    from score_quotes import match_doc, speaker_ok  # type: ignore[import-not-found]

    counts: dict[str, Counter] = {}  # type: ignore[type-arg]
    examples: dict[str, list[str]] = {}
    for g, doc in zip(gold, docs, strict=True):
        comp(doc)
        text = g["text"]
        preds = scorer_quotes(doc._.stance_quotes)
        pairs = dict(match_doc(text, g["attributions"], preds, 0.5))
        for i, att in enumerate(g["attributions"]):
            if not att["cue"]:
                continue
            s, e = att["cue"][0]
            words = doc.char_span(s, e, alignment_mode="expand")
            if words is None:
                continue
            lemma = words.root.lemma_.lower()
            tally_for = counts.setdefault(lemma, Counter())
            if i in pairs:
                tally_for["right" if speaker_ok(text, att, preds[pairs[i]]) else "speaker"] += 1
                continue
            cue = _cue_chars(att["cue"])
            other = next((p for p in preds if cue & _cue_chars(p["cue"])), None)
            if other is None:
                tally_for["missed"] += 1
                continue
            tally_for["content"] += 1
            examples.setdefault(lemma, []).append(
                f"  gold: {' / '.join(text[a:b] for a, b in att['content'])[:160]}\n"
                f"  ours: {' / '.join(text[a:b] for a, b in other['content'])[:160]}")
    return counts, examples


def main() -> int:
    from stance_reader.nlp.attribution import AttributionComponent

    root = ROOT.parent / "shared" / "eval" / "polnear"
    sys.path.insert(0, str(root.parent / "tools"))
    top = int(sys.argv[sys.argv.index("--top") + 1]) if "--top" in sys.argv else 30
    show = sys.argv[sys.argv.index("--examples") + 1] if "--examples" in sys.argv else ""
    gold = load_gold(root)
    nlp, docs = parsed(gold)
    counts, examples = tally(gold, docs, AttributionComponent(nlp, "stance_speakers"))
    print(f"{'cue lemma':14s} {'content':>7s} {'speaker':>7s} {'missed':>6s} {'right':>6s}")
    worst = sorted(counts.items(), key=lambda kv: -(kv[1]["content"] + kv[1]["speaker"]))
    for lemma, c in worst[:top]:
        print(f"{lemma:14s} {c['content']:7d} {c['speaker']:7d} {c['missed']:6d} {c['right']:6d}")
    for line in examples.get(show, [])[:20]:
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
