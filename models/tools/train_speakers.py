"""Train the speaker chooser (``models/speaker_model.json``) on PolNeAR *train*.

PolNeAR's train split is permitted for training (../shared/eval/README.md); dev is never read here.
1. the 840 train articles, parsed once (the cache ``train_attribution.py`` builds under build/);
2. the shipped attribution component without a speaker model gives each article's attributions; each
   one whose content matches a gold attribution (Jaccard >= 0.5 over letters and digits, as the scorer)
   gives one group: its candidate speakers (``speaker_model.candidates``), each labelled by whether its
   mention overlaps the gold source ("no one" is right when the gold has no source);
3. 5-fold cross-validation by article (index % 5 of the articles sorted by id, as the other tools): a
   logistic regression on four folds, then on the fifth every attribution's speaker re-chosen at each
   margin of the grid and the whole fold scored with the eval kit's scorer; the largest margin whose mean
   "all" quote+speaker F1 is within ``TIE`` of the best is kept;
4. fit on all groups and write the weights, the margin and the CV figures.

    .venv/bin/python models/tools/train_speakers.py [../shared/eval/polnear]
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_attribution import closest_to_rules, cv_mean, fit_sparse, load_gold, parsed, scored, write_weights

ROOT = Path(__file__).resolve().parent.parent.parent
OUT = ROOT / "models" / "speaker_model.json"
FOLDS = 5
C = 1.0
MIN_COUNT = 3
GRID = [-1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 99.0]


def _alnum(text: str, spans) -> set[int]:  # type: ignore[no-untyped-def]
    return {i for s, e in spans for i in range(s, e) if text[i].isalnum()}


def attributions(comp, docs: list) -> list[list]:  # type: ignore[no-untyped-def]
    """Each article's attributions before any speaker model (the rules' speakers)."""
    captured: list = []
    comp.speakers = None
    comp._choose_speakers = lambda found: captured.append(found) or found
    out = []
    for doc in docs:
        captured.clear()
        comp(doc)
        out.append(list(captured[0]))
    return out


def groups(gold: list[dict], atts: list[list]) -> list[dict]:
    """One candidate group per attribution whose content matches gold and some candidate is right."""
    from stance_reader.nlp.attribution.speaker_model import _same, candidates, speaker_features
    from stance_reader.nlp.attribution.subjects import _mention

    out = []
    for a, (g, found) in enumerate(zip(gold, atts, strict=True)):
        text = g["text"]
        golds = [(_alnum(text, x["content"]), _alnum(text, x["source"])) for x in g["attributions"]]
        for att in found:
            if att.cue is None:
                continue
            ps = _alnum(text, att.content)
            best = max(golds, key=lambda gc: len(gc[0] & ps) / len(gc[0] | ps) if gc[0] | ps else 0,
                       default=None)
            if best is None or not ps or len(best[0] & ps) / len(best[0] | ps) < 0.5:
                continue
            source = best[1]
            cands = candidates(att)
            ys = [int(not source) if c is None else int(bool(source & _alnum(text, [_mention(c)])))
                  for c in cands]
            if any(ys):
                rule = next(i for i, c in enumerate(cands) if _same(c, att.subject))
                feats = [speaker_features(att, c) for c in cands]
                out.append({"doc": a, "feats": feats, "y": ys, "rule": rule})
    return out


def _pairs(rows: list[dict]) -> list[tuple[dict[str, int], int]]:
    """Pairwise examples against the rules' choice (candidate 1 of each group): features of the
    candidate minus those of the rules' choice, labelled 1 when the candidate is right and the rules'
    choice wrong, 0 when the rules' choice is right and the candidate is not."""
    out = []
    for r in rows:
        rule_ok = r["y"][r["rule"]]
        base = Counter(r["feats"][r["rule"]])
        for i, (f, y) in enumerate(zip(r["feats"], r["y"], strict=True)):
            if i == r["rule"] or y == rule_ok:
                continue
            diff = Counter(f)
            diff.subtract(base)
            out.append(({k: v for k, v in diff.items() if v}, int(y)))
    return out


def fit(rows: list[dict]):  # type: ignore[no-untyped-def]
    """The pairwise model (no intercept: only differences between candidates are scored)."""
    pairs = _pairs(rows)
    return fit_sparse([d for d, _ in pairs], [y for _, y in pairs], C, MIN_COUNT, intercept=False)


def score_fold(gold: list[dict], atts: list[list], model) -> dict:  # type: ignore[no-untyped-def]
    """The eval kit's quote+speaker scores with each attribution's speaker chosen by ``model``."""
    from score_quotes import merge_by_cue  # type: ignore[import-not-found]

    from stance_reader.nlp.attribution.subjects import _mention

    preds = {}
    for g, found in zip(gold, atts, strict=True):
        rows = []
        for att in found:
            mention = att.mention
            if model is not None and att.cue is not None:
                chosen = model.choose(att)
                if chosen is not att.subject:
                    mention = _mention(chosen) if chosen is not None else None
            rows.append({"content": [list(c) for c in att.content],
                         "cue": [list(att.cue_span)] if att.cue_span else [],
                         "speaker": [list(mention)] if mention else []})
        preds[g["id"]] = merge_by_cue(rows)
    return scored(gold, preds)


def main(root: Path) -> int:
    from stance_reader.nlp.attribution import AttributionComponent
    from stance_reader.nlp.attribution.speaker_model import SpeakerModel

    t0 = time.perf_counter()
    gold = load_gold(root)
    nlp, docs = parsed(gold)
    comp = AttributionComponent(nlp, "stance_speakers")
    comp.content_ends = None  # trained after this model, on its output (train_content_ends.py)
    atts = attributions(comp, docs)
    rows = groups(gold, atts)
    print(f"{len(rows)} attribution groups, {sum(len(r['y']) for r in rows)} candidates; "
          f"{time.perf_counter() - t0:.0f} s", flush=True)
    per_m: dict[float, list[dict]] = {m: [] for m in GRID}
    for k in range(FOLDS):
        weights, bias = fit([r for r in rows if r["doc"] % FOLDS != k])
        test = [a for a in range(len(gold)) if a % FOLDS == k]
        g, t = [gold[a] for a in test], [atts[a] for a in test]
        for m in GRID:
            per_m[m].append(score_fold(g, t, SpeakerModel(weights, bias, m)))
        print(f"  fold {k}: " + ", ".join(f"{m}: {per_m[m][-1]['all'][2]:.4f}" for m in GRID), flush=True)

    mean = cv_mean
    best = closest_to_rules(per_m, GRID, rules_first=False)  # a larger margin overrules the rules less
    cv = {"rules_only": {s: mean(per_m[99.0], s) for s in ("direct", "all")},
          "with_model": {s: mean(per_m[best], s) for s in ("direct", "all")},
          "per_fold_all_f1": [round(s["all"][2], 4) for s in per_m[best]],
          "per_fold_direct_f1": [round(s["direct"][2], 4) for s in per_m[best]],
          "curve_all_f1": {str(m): mean(per_m[m], "all")[2] for m in GRID}}
    print(f"margin {best}: CV (P, R, F1) rules {cv['rules_only']} -> with model {cv['with_model']}",
          flush=True)
    weights, bias = fit(rows)
    write_weights(OUT, {"margin": best, "bias": bias, "cv": cv, "training": {
        "articles": len(gold), "groups": len(rows), "C": C, "min_count": MIN_COUNT}}, weights, t0)
    return 0


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    raise SystemExit(main(Path(args[0] if args else ROOT.parent / "shared" / "eval" / "polnear")))
