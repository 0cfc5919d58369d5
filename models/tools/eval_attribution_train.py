"""Score the ``stance_speakers`` component on a held-out part of PolNeAR *train* (never dev).

Parses the held-out articles once (base pipeline + ``stance_entities``), caches the Docs, then re-runs
only the attribution component from the current ``models/attribution_cues.jsonl`` and prints the same
quote+speaker P/R/F1 the eval scorer reports (direct and all). Hold-out = every fifth train article.

    .venv/bin/python models/tools/eval_attribution_train.py ../shared/eval/polnear [--errors N] [--fold K]

``--fold K`` (1-4) scores another fifth of train instead (article i with i % 5 == K), to check that a
rule tuned on the hold-out carries over. Those folds are part of the data the learned cue frames were
counted on (``learn_attribution_frames.py --holdout`` leaves out fold 0 only), so their scores are
a check on the hand-written rules, not an unseen estimate.
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

CACHE = Path("/tmp/stance_polnear_train_holdout_pf.pkl")
FOLD = 0


def _load(root: str, every: int = 5) -> list[dict]:  # type: ignore[type-arg]
    sys.path.insert(0, str(Path(root).resolve().parent / "tools"))
    from polnear_reader import load_split  # type: ignore[import-not-found]

    docs = load_split(root, "train")
    return [d for i, d in enumerate(sorted(docs, key=lambda d: d["id"])) if i % every == FOLD]


def _parsed(gold: list[dict]):  # type: ignore[no-untyped-def,type-arg]
    return parse_articles(gold, CACHE)


# What the cached Docs depend on: the code and word lists that run up to ``stance_entities``. The
# attribution layer re-runs on the cached Docs, so its own code is left out of the key.
PARSE_SOURCES = (
    "desktop/stance_reader/nlp/pipeline.py", "desktop/stance_reader/nlp/components.py",
    "desktop/stance_reader/nlp/segmentation.py", "desktop/stance_reader/nlp/datelines.py",
    "desktop/stance_reader/nlp/extensions.py", "desktop/stance_reader/nlp/tokenization.py",
    "desktop/stance_reader/nlp/entities/*.py",
    "models/entity_*.jsonl", "models/gazetteer.jsonl", "models/given_names.jsonl",
)


def parse_fingerprint(nlp) -> str:  # type: ignore[no-untyped-def]
    """A hash of the spaCy version, the model and every file in ``PARSE_SOURCES``: a cache made by
    other code is parsed again instead of silently training on stale parses."""
    import hashlib

    import spacy

    root = Path(__file__).resolve().parents[2]
    digest = hashlib.sha256(f"{spacy.__version__} {nlp.meta.get('name')} {nlp.meta.get('version')}".encode())
    for pattern in PARSE_SOURCES:
        for path in sorted(root.glob(pattern)):
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def parse_articles(gold: list[dict], cache: Path):  # type: ignore[no-untyped-def,type-arg]
    """The pipeline and the articles' Docs with entities (up to ``stance_entities``), parsed once and
    cached at ``cache``; the attribution tools re-run only the attribution component on them."""
    from spacy.tokens import Doc

    from stance_reader.core.models import Entity
    from stance_reader.nlp.pipeline import StanceAnalyzer, parse_form

    analyzer = StanceAnalyzer.load()
    nlp = analyzer.nlp
    key = parse_fingerprint(nlp)
    blobs = None
    if cache.exists():
        stored = pickle.loads(cache.read_bytes())
        if isinstance(stored, dict) and stored.get("key") == key:
            blobs = stored["blobs"]
        else:
            print(f"{cache}: made by another parser or entity layer, parsing again", file=sys.stderr)
    if blobs is None:
        keep = [n for n in nlp.pipe_names if not n.startswith("stance_") or n in ("stance_paragraphs",
                                                                                 "stance_entities")]
        blobs = []
        with nlp.select_pipes(enable=keep):
            for doc in nlp.pipe([parse_form(g["text"]) for g in gold], batch_size=8):
                blobs.append((doc.to_bytes(exclude=["user_data"]),
                              [e.to_dict() for e in doc._.stance_entities or []]))
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_bytes(pickle.dumps({"key": key, "blobs": blobs}))
    docs = []
    for data, ents in blobs:
        doc = Doc(nlp.vocab).from_bytes(data)
        doc._.stance_entities = [Entity.from_dict(e) for e in ents]
        docs.append(doc)
    return nlp, docs


def scorer_quotes(quotes) -> list[dict]:  # type: ignore[no-untyped-def,type-arg]
    """The component's quotes as the eval kit's scorer reads them (quotes sharing a cue merged)."""
    from score_quotes import merge_by_cue  # type: ignore[import-not-found]

    return merge_by_cue([{"content": [list(c) for c in q.content], "cue": [list(c) for c in q.cue],
                          "speaker": [list(c) for c in q.speaker]} for q in quotes])


def main(root: str, errors: int = 0) -> None:
    import time

    sys.path.insert(0, str(Path(root).resolve().parent / "tools"))
    from score_quotes import prf2, score  # type: ignore[import-not-found]

    from stance_reader.nlp.attribution import AttributionComponent

    gold = _load(root)
    nlp, docs = _parsed(gold)
    comp = AttributionComponent(nlp, "stance_speakers")
    t0 = time.perf_counter()
    preds = {}
    for g, doc in zip(gold, docs, strict=True):
        comp(doc)
        preds[g["id"]] = scorer_quotes(doc._.stance_quotes)
    secs = time.perf_counter() - t0
    res = score(gold, preds, thresholds=(0.5,))[0.5]
    for subset in ("direct", "indirect", "all"):
        a = res[subset]
        p, r, f = prf2(a["tpp_cs"], a["np"], a["tp_cs"], a["ng"])
        pc, rc, fc = prf2(a["tpp_c"], a["np"], a["tp_c"], a["ng"])
        print(f"{subset:9s} gold {a['ng']:5d} pred {a['np']:5d}  q+spk P {p:.3f} R {r:.3f} F1 {f:.4f}"
              f"   content P {pc:.3f} R {rc:.3f} F1 {fc:.3f}")
    print(f"{len(docs)} docs, component {secs:.2f}s")
    if errors:
        _dump_errors(gold, preds, errors)


def _is_direct(text: str, spans) -> bool:  # type: ignore[no-untyped-def]
    return any(ch in text[s:e] for s, e in spans for ch in '"\u201c\u201d')


def _dump_errors(gold, preds, limit):  # type: ignore[no-untyped-def]
    """Missed gold (with cue) and false predictions, for reading: written to /tmp, never committed.
    ``--direct`` keeps only errors whose content holds a quotation mark."""
    from score_quotes import match_doc, speaker_ok  # type: ignore[import-not-found]

    direct_only = "--direct" in sys.argv
    out = []
    for g in gold:
        text, pred = g["text"], preds.get(g["id"], [])
        if direct_only:
            g = {**g, "attributions": [a for a in g["attributions"] if _is_direct(text, a["content"])]}
            pred = [p for p in pred if _is_direct(text, p["content"])]
        pairs = match_doc(text, g["attributions"], pred, 0.5)
        mg = {i for i, _ in pairs}
        mp = {j for _, j in pairs}
        for i, a in enumerate(g["attributions"]):
            if i not in mg:
                cue = " / ".join(text[s:e] for s, e in a["cue"])
                src = " / ".join(text[s:e] for s, e in a["source"])
                con = " / ".join(text[s:e] for s, e in a["content"])[:200]
                out.append(f"MISS cue=[{cue}] src=[{src}] :: {con}")
        for j, p in enumerate(pred):
            if j not in mp:
                cue = " / ".join(text[s:e] for s, e in p["cue"])
                con = " / ".join(text[s:e] for s, e in p["content"])[:200]
                out.append(f"FP   cue=[{cue}] :: {con}")
        for i, j in pairs:
            if not speaker_ok(text, g["attributions"][i], pred[j]):
                src = " / ".join(text[s:e] for s, e in g["attributions"][i]["source"])
                spk = " / ".join(text[s:e] for s, e in pred[j]["speaker"])
                cue = " / ".join(text[s:e] for s, e in pred[j]["cue"])
                at = pred[j]["cue"][0][0] if pred[j]["cue"] else pred[j]["content"][0][0]
                around = text[max(0, at - 160) : at + 60].replace("\n", " ")
                out.append(f"SPK  gold=[{src}] pred=[{spk}] cue=[{cue}] :: …{around}…")
    report = "\n".join(out[:limit]).replace("\r", "")
    Path("/tmp/stance_attr_errors.txt").write_text(report, encoding="utf-8")


def _option(name: str) -> int:
    return int(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else 0


if __name__ == "__main__":
    n, FOLD = _option("--errors"), _option("--fold")
    if FOLD:
        CACHE = Path(f"/tmp/stance_polnear_train_split{FOLD}_pf.pkl")
    values = {str(n), str(FOLD)}
    args = [a for a in sys.argv[1:] if not a.startswith("--") and a not in values]
    main(args[0] if args else "../shared/eval/polnear", n)
