"""Train the content-end chooser (``models/content_ends.json``) on PolNeAR *train*.

PolNeAR's train split is permitted for training (../shared/eval/README.md); dev is never read here.
1. the 840 train articles, parsed once (the cache ``train_attribution.py`` builds under build/);
2. the shipped attribution component (frame model, speaker chooser and report filter loaded) gives each
   article's attributions; every reported content in one piece with a cue
   (``content_ends.eligible``) is one instance: its candidate ends, each with features. Where a gold
   attribution shares the cue and some candidate matches its content (Jaccard >= 0.5 over letters
   and digits, as the scorer), the candidates with the best Jaccard are positive, the rest negative;
3. 5-fold cross-validation by article (index % 5 of the articles sorted by id, as the other tools): a
   logistic regression on four folds, then on the fifth each content ends where the model's best
   candidate beats the rules' end by the margin, for each margin of the grid, and the fold is scored
   with the eval kit's scorer; among the margins under which no fold scores below the rules alone, the
   largest whose mean "all" quote+speaker F1 is within ``TIE`` of the best is kept;
4. fit on all instances and write the weights, the margin and the CV figures.

    .venv/bin/python models/tools/train_content_ends.py [../shared/eval/polnear]
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_attribution import closest_to_rules, cv_mean, fit_sparse, load_gold, parsed, scored, write_weights
from train_speakers import _alnum

ROOT = Path(__file__).resolve().parent.parent.parent
OUT = ROOT / "models" / "content_ends.json"
FOLDS = 5
C = 0.3
MIN_COUNT = 3
NEVER = 2.0  # a margin no probability difference reaches: the rules' ends everywhere
GRID = [0.0, 0.05, 0.1, 0.15, 0.2, 0.3, NEVER]


@dataclass
class Report:
    """One attribution as the scorer reads it, and its end choices when the model may move its end."""

    content: list[tuple[int, int]]
    cue: tuple[int, int] | None
    speaker: tuple[int, int] | None
    choices: object | None  # content_ends.EndChoices


def reports(comp, docs: list) -> list[list[Report]]:  # type: ignore[no-untyped-def]
    """Each article's attributions as they reach the end chooser (after the report filter)."""
    from stance_reader.nlp.attribution.content_ends import end_choices

    captured: list[list[Report]] = []

    def capture(found: list) -> list:  # type: ignore[type-arg]
        captured.append([Report(list(att.content), att.cue_span, att.mention, choices)
                         for att, choices in zip(found, end_choices(found), strict=True)])
        return found

    comp.content_ends = None
    comp._choose_ends = capture
    out = []
    for doc in docs:
        captured.clear()
        comp(doc)
        out.append(captured[0])
    return out


def instances(gold: list[dict], reps: list[list[Report]]) -> list[dict]:
    rows = []
    for a, (g, found) in enumerate(zip(gold, reps, strict=True)):
        text = g["text"]
        for _k, rep in enumerate(found):
            if rep.choices is None or rep.cue is None:
                continue
            cue = set(range(*rep.cue))
            same = [x for x in g["attributions"] if any(cue & set(range(s, e)) for s, e in x["cue"])]
            if not same:
                continue
            gc = _alnum(text, same[0]["content"])
            start = rep.content[0][0]
            jac = [len(gc & p) / len(gc | p) if gc | p else 0.0
                   for p in (_alnum(text, [(start, end)]) for end in rep.choices.ends)]  # type: ignore[attr-defined]
            best = max(jac)
            if best < 0.5:
                continue
            for feats, j in zip(rep.choices.features, jac, strict=True):  # type: ignore[attr-defined]
                rows.append({"doc": a, "feats": feats, "y": int(j == best)})
    return rows


def fit(rows: list[dict]):  # type: ignore[no-untyped-def]
    return fit_sparse([{f: 1 for f in r["feats"]} for r in rows], [r["y"] for r in rows], C, MIN_COUNT)


def score_fold(gold: list[dict], reps: list[list[Report]], model) -> dict:  # type: ignore[no-untyped-def]
    from score_quotes import merge_by_cue  # type: ignore[import-not-found]

    preds = {}
    for g, found in zip(gold, reps, strict=True):
        rows = []
        for rep in found:
            content = rep.content
            if rep.choices is not None and model is not None:
                content = [(content[0][0], rep.choices.ends[model.pick(rep.choices)])]  # type: ignore[attr-defined]
            rows.append({"content": [list(c) for c in content], "cue": [list(rep.cue)] if rep.cue else [],
                         "speaker": [list(rep.speaker)] if rep.speaker else []})
        preds[g["id"]] = merge_by_cue(rows)
    return scored(gold, preds)


def main(root: Path) -> int:
    from stance_reader.nlp.attribution import AttributionComponent
    from stance_reader.nlp.attribution.content_ends import EndModel

    t0 = time.perf_counter()
    gold = load_gold(root)
    nlp, docs = parsed(gold)
    reps = reports(AttributionComponent(nlp, "stance_speakers"), docs)
    rows = instances(gold, reps)
    n_inst = sum(r.choices is not None for found in reps for r in found)
    print(f"{n_inst} reported contents, {len(rows)} labelled candidates; {time.perf_counter() - t0:.0f} s",
          flush=True)
    per_m: dict[float, list[dict]] = {m: [] for m in GRID}
    for k in range(FOLDS):
        weights, bias = fit([r for r in rows if r["doc"] % FOLDS != k])
        test = [a for a in range(len(gold)) if a % FOLDS == k]
        for m in GRID:
            model = EndModel(weights, bias, m)
            per_m[m].append(score_fold([gold[a] for a in test], [reps[a] for a in test], model))
        print(f"  fold {k}: " + ", ".join(f"{m}: {per_m[m][-1]['all'][2]:.4f}" for m in GRID), flush=True)
    mean = cv_mean
    rules = per_m[NEVER]
    safe = [m for m in GRID if all(s["all"][2] >= r["all"][2] for s, r in zip(per_m[m], rules, strict=True))]
    best = closest_to_rules(per_m, safe, rules_first=False)  # a larger margin moves fewer ends
    cv = {"rules_only": {s: mean(rules, s) for s in ("direct", "all")},
          "with_model": {s: mean(per_m[best], s) for s in ("direct", "all")},
          "per_fold_all_f1": [round(s["all"][2], 4) for s in per_m[best]],
          "per_fold_direct_f1": [round(s["direct"][2], 4) for s in per_m[best]],
          "curve_all_f1": {str(m): mean(per_m[m], "all")[2] for m in GRID}}
    print(f"margin {best}: CV (P, R, F1) rules {cv['rules_only']} -> with ends {cv['with_model']}",
          flush=True)
    weights, bias = fit(rows)
    write_weights(OUT, {"margin": best, "bias": bias, "cv": cv, "training": {
        "articles": len(gold), "contents": n_inst, "candidates": len(rows), "C": C,
        "min_count": MIN_COUNT}}, weights, t0)
    return 0


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    raise SystemExit(main(Path(args[0] if args else ROOT.parent / "shared" / "eval" / "polnear")))
