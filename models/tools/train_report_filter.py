"""Train the report filter (``models/report_filter.json``) on PolNeAR *train*.

PolNeAR's train split is permitted for training (../shared/eval/README.md); dev is never read here.
1. the 840 train articles, parsed once (the cache ``train_attribution.py`` builds under build/);
2. the shipped attribution component (frame model and speaker chooser included, no filter) gives each
   article's attributions; every report the rules made (``report_filter.judged``) is one instance,
   positive when its content matches a gold attribution (Jaccard >= 0.5 over letters and digits, as
   the scorer) and its speaker is right there (the quote+speaker score counts nothing else);
3. 5-fold cross-validation by article (index % 5 of the articles sorted by id, as the other tools):
   a logistic regression on four folds, then on the fifth the reports under each bar of the grid
   dropped and the fold scored with the eval kit's scorer; among the bars under which no fold scores
   below the rules alone (bar 0 keeps everything), the lowest whose mean "all" quote+speaker F1 is within
   ``TIE`` of the best is kept;
4. fit on all instances and write the weights, the bar and the CV figures.

    .venv/bin/python models/tools/train_report_filter.py [../shared/eval/polnear]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_attribution import closest_to_rules, cv_mean, fit_sparse, load_gold, parsed, scored, write_weights
from train_speakers import _alnum

ROOT = Path(__file__).resolve().parent.parent.parent
OUT = ROOT / "models" / "report_filter.json"
FOLDS = 5
C = 0.1
MIN_COUNT = 3
GRID = [0.0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5]


def attributions(comp, docs: list) -> list[list]:  # type: ignore[no-untyped-def]
    """Each article's attributions before any filtering."""
    captured: list = []
    comp.report_filter = None
    comp._filter_reports = lambda found: captured.append(found) or found
    out = []
    for doc in docs:
        captured.clear()
        comp(doc)
        out.append(list(captured[0]))
    return out


def instances(comp, gold: list[dict], atts: list[list]) -> list[dict]:  # type: ignore[no-untyped-def]
    from stance_reader.nlp.attribution.report_filter import judged, outer_reports, report_features

    rows = []
    for a, (g, found) in enumerate(zip(gold, atts, strict=True)):
        text = g["text"]
        golds = [(_alnum(text, x["content"]), _alnum(text, x["source"])) for x in g["attributions"]]
        outer = outer_reports(found)
        for k, att in enumerate(found):
            if not judged(att):
                continue
            lemma = att.cue.lemma_.lower()
            feats = report_features(att, comp.rules.frames.get(lemma, ()), lemma in comp.rules.verbs,
                                    outer.get(id(att)))
            if feats is None:
                continue
            ps = _alnum(text, att.content)
            spk = _alnum(text, [att.mention]) if att.mention else set()
            y = any(ps and len(gc & ps) / len(gc | ps) >= 0.5 and (bool(gs & spk) if gs else not spk)
                    for gc, gs in golds)
            rows.append({"doc": a, "k": k, "feats": feats, "y": int(y)})
    return rows


def fit(rows: list[dict]):  # type: ignore[no-untyped-def]
    return fit_sparse([{f: 1 for f in r["feats"]} for r in rows], [r["y"] for r in rows], C, MIN_COUNT)


def score_fold(
    gold: list[dict], atts: list[list], dropped: set[tuple[int, int]], docs_idx: list[int]
) -> dict:
    from score_quotes import merge_by_cue  # type: ignore[import-not-found]

    preds = {}
    for a, g, found in zip(docs_idx, gold, atts, strict=True):
        preds[g["id"]] = merge_by_cue([
            {"content": [list(c) for c in att.content], "cue": [list(att.cue_span)] if att.cue_span else [],
             "speaker": [list(att.mention)] if att.mention else []}
            for k, att in enumerate(found) if (a, k) not in dropped])
    return scored(gold, preds)


def main(root: Path) -> int:
    from stance_reader.nlp.attribution import AttributionComponent
    from stance_reader.nlp.attribution.report_filter import ReportFilter

    t0 = time.perf_counter()
    gold = load_gold(root)
    nlp, docs = parsed(gold)
    comp = AttributionComponent(nlp, "stance_speakers")
    comp.content_ends = None  # trained after this model, on its output (train_content_ends.py)
    atts = attributions(comp, docs)
    rows = instances(comp, gold, atts)
    print(f"{len(rows)} rule reports, {sum(r['y'] for r in rows)} right; "
          f"{time.perf_counter() - t0:.0f} s", flush=True)
    per_t: dict[float, list[dict]] = {t: [] for t in GRID}
    for k in range(FOLDS):
        weights, bias = fit([r for r in rows if r["doc"] % FOLDS != k])
        model = ReportFilter(weights, bias, 0.0)
        test = [a for a in range(len(gold)) if a % FOLDS == k]
        probs = {(r["doc"], r["k"]): model.probability(r["feats"]) for r in rows if r["doc"] % FOLDS == k}
        for t in GRID:
            dropped = {key for key, p in probs.items() if p < t}
            per_t[t].append(score_fold([gold[a] for a in test], [atts[a] for a in test], dropped, test))
        print(f"  fold {k}: " + ", ".join(f"{t}: {per_t[t][-1]['all'][2]:.4f}" for t in GRID), flush=True)

    mean = cv_mean
    # Among the bars under which no fold scores below the rules alone, the best mean "all" F1.
    safe = [t for t in GRID
            if all(s["all"][2] >= r["all"][2] for s, r in zip(per_t[t], per_t[0.0], strict=True))]
    best = closest_to_rules(per_t, safe, rules_first=True)  # a lower bar drops fewer reports
    cv = {"rules_only": {s: mean(per_t[0.0], s) for s in ("direct", "all")},
          "with_model": {s: mean(per_t[best], s) for s in ("direct", "all")},
          "per_fold_all_f1": [round(s["all"][2], 4) for s in per_t[best]],
          "per_fold_direct_f1": [round(s["direct"][2], 4) for s in per_t[best]],
          "curve_all_f1": {str(t): mean(per_t[t], "all")[2] for t in GRID}}
    print(f"bar {best}: CV (P, R, F1) rules {cv['rules_only']} -> with filter {cv['with_model']}", flush=True)
    weights, bias = fit(rows)
    write_weights(OUT, {"threshold": best, "bias": bias, "cv": cv, "training": {
        "articles": len(gold), "instances": len(rows), "C": C, "min_count": MIN_COUNT}}, weights, t0)
    return 0


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    raise SystemExit(main(Path(args[0] if args else ROOT.parent / "shared" / "eval" / "polnear")))
