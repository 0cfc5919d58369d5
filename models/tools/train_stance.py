#!/usr/bin/env python3
"""Train the stance decider (``models/stance_model.json``) from the permitted data only.

    python3 dev.py train [--data ../shared/eval] [--out models] [--no-cache]
                         [--with-corrections DB] [--dry-run]

Reads (``../shared/eval/README.md``, "Data you may also train or tune on"): BioScope full papers and
the SFU Review corpus (speculation cues, token level), wiki_weasel train (sentence labels), and
campaign_commitments/dev (sentence labels; whole releases parsed in context). Never the measuring sets.

Steps: parse every text with the shipped pipeline minus the decider (rule marks as features), list
candidates, label them (``labels.py``), grouped 5-fold cross-validation (folds by document), thresholds
and Platt calibration from the out-of-fold scores, a final fit on everything, then the model file, the
calibration PNG and ``models/stance_cv.json`` (the figures quoted in MODEL_CARD.md).

``--with-corrections DB`` folds in the analyst's own corrections from a Stance Reader library: every
sentence the analyst judged (a mark rejected, relabelled, re-credited or added) becomes a labelled
sentence of source "analyst" (hedge sentences cue-level where a hedge was judged, commitments at sentence
level, as campaign releases are). ``--dry-run`` loads and counts everything, then stops before parsing.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from stance_data import Sentence, load_all  # noqa: E402

ROOT = HERE.parent.parent


def parse_all(sentences: list[Sentence], cache: Path | None) -> list[dict]:
    """Candidates with features and their sentence, per text, from the shipped pipeline."""
    from stance_reader.nlp.pipeline import StanceAnalyzer, parse_form, rules_hash
    from stance_reader.nlp.stance.features import candidates

    key = rules_hash(skip=frozenset({"stance_model.json", "stance_cv.json", "calibration.png"}))
    if cache and cache.exists():
        with cache.open("rb") as fh:
            stored = pickle.load(fh)
        if stored.get("key") == key and stored.get("n") == len(sentences):
            print(f"parsed candidates from cache {cache}", flush=True)
            return stored["rows"]
    from stance_fit import CONFIG  # scikit-learn (the train extra): not needed for a dry run

    analyzer = StanceAnalyzer.load(decide=False)
    nlp = analyzer.nlp
    vocab = CONFIG.candidate_vocab(sentences)
    texts = _texts(sentences)
    rows: list[dict] = []
    t0 = time.perf_counter()
    docs = (nlp.make_doc(parse_form(text)) for text, _ in texts)
    for n, (doc, (_text, members)) in enumerate(zip(nlp.pipe(docs, batch_size=64), texts, strict=True)):
        for cand in candidates(doc, vocab, doc._.stance_marks or []):
            tok = cand.token
            sent = _sentence_of(members, tok.idx)
            if sent is None:
                continue
            rows.append({
                "kind": cand.kind, "sent": sent, "feats": cand.features,
                "span": (tok.idx - members_offset(members, sent), len(tok.text)),
                "word": tok.lower_, "next": _next_lower(tok), "negated": "neg" in cand.features,
                "rule": bool(cand.marks),
            })
        if n % 2000 == 0:
            print(f"  parsed {n}/{len(texts)} texts, {len(rows)} candidates, "
                  f"{time.perf_counter() - t0:.0f} s", flush=True)
    if cache:
        cache.parent.mkdir(parents=True, exist_ok=True)
        with cache.open("wb") as fh:
            pickle.dump({"key": key, "n": len(sentences), "rows": rows}, fh)
    return rows


def _texts(sentences: list[Sentence]) -> list[tuple[str, list[tuple[int, int]]]]:
    """Texts to parse: a campaign release whole (as the window reads it), every other sentence alone.
    Each text carries (offset, sentence index) of its sentences."""
    out: list[tuple[str, list[tuple[int, int]]]] = []
    by_doc: dict[str, list[int]] = {}
    for i, s in enumerate(sentences):
        if s.in_context:
            by_doc.setdefault(s.group, []).append(i)
        else:
            out.append((s.text, [(0, i)]))
    for members in by_doc.values():
        parts, offs, pos = [], [], 0
        for i in members:
            offs.append((pos, i))
            parts.append(sentences[i].text)
            pos += len(sentences[i].text) + 2
        out.append(("\n\n".join(parts), offs))
    return out


def _sentence_of(members: list[tuple[int, int]], at: int) -> int | None:
    found = None
    for off, idx in members:
        if off <= at:
            found = idx
    return found


def members_offset(members: list[tuple[int, int]], sent: int) -> int:
    return next(off for off, idx in members if idx == sent)


def _next_lower(tok) -> str:
    return tok.doc[tok.i + 1].lower_ if tok.i + 1 < len(tok.doc) else ""


def corrections_sentences(db: str) -> list[Sentence]:
    """The sentences the analyst judged in the library ``db``, as training sentences."""
    from stance_reader.services.corrections.commands import open_library
    from stance_reader.services.corrections.learning import labelled_sentences

    store = open_library(db)
    try:
        rows = labelled_sentences(store)
    finally:
        store.close()
    return [
        Sentence(r["text"], "analyst", r["group"], r["label"],
                 cues=None if r["cues"] is None else [tuple(c) for c in r["cues"]])
        for r in rows
    ]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "eval")
    ap.add_argument("--out", type=Path, default=ROOT / "models")
    ap.add_argument("--cache", type=Path, default=ROOT / "build" / "stance_candidates.pkl")
    ap.add_argument("--no-cache", action="store_true")
    ap.add_argument("--with-corrections", metavar="DB", help="fold in the corrections kept in this library")
    ap.add_argument("--dry-run", action="store_true", help="load and count the data, then stop")
    args = ap.parse_args()
    if not args.data.is_dir():
        print(f"no training data at {args.data} (see ../shared/eval/README.md)", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    sentences = [] if args.dry_run and not (args.data / "bioscope").is_dir() else load_all(args.data)
    print(f"{len(sentences)} training sentences", flush=True)
    if args.with_corrections:
        extra = corrections_sentences(args.with_corrections)
        labels = Counter(s.label for s in extra)
        order = ("hedge", "neutral", "commitment")
        counts = ", ".join(f"{label} {labels[label]}" for label in order if labels[label])
        print(f"{len(extra)} labelled sentences from the analyst's corrections ({counts})", flush=True)
        sentences += extra
    if args.dry_run:
        print(f"dry run: would train on {len(sentences)} sentences", flush=True)
        return 0
    from stance_fit import cross_validate, fit_final, write_outputs

    rows = parse_all(sentences, None if args.no_cache else args.cache)
    print(f"{len(rows)} candidates; parsing done at {time.perf_counter() - t0:.0f} s", flush=True)
    report = cross_validate(sentences, rows)
    if args.cache and not args.no_cache:  # out-of-fold scores, for error analysis on training data
        with args.cache.with_name("stance_oof.pkl").open("wb") as fh:
            pickle.dump(report["oof"], fh)
    model = fit_final(sentences, rows, report)
    write_outputs(args.out, model, report)
    print(f"done in {time.perf_counter() - t0:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
