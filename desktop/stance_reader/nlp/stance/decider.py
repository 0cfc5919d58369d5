"""The ``stance_decider`` component: every candidate hedge or commitment gets a calibrated probability.

Runs after the rule components. A rule mark keeps its passage and explanation and gains the model's
confidence and evidence; a cue word no rule accepted becomes a mark of its own above the model's floor.
Everything stays in the Doc so a reader can move the bar; ``Analysis.decided()`` applies the default
bars (rule marks: shown; model-only marks: from the bar where cross-validated precision reaches 0.8).
"""

from __future__ import annotations

import dataclasses
import json
from bisect import bisect_left
from collections.abc import Iterable
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.util import ensure_path

from stance_reader.core.models import Mark, MarkKind
from stance_reader.nlp.stance.classifier import MODEL_FILE, StanceModel
from stance_reader.nlp.stance.features import Candidate, candidates
from stance_reader.nlp.stance.holder import HOLDERS_FILE, HolderWords, assign_holders
from stance_reader.nlp.syntax import clause_head, clause_span, governed_verb

GLOSS_FILE = "stance_glosses.json"


class StanceDecider:
    def __init__(self, nlp: Language, name: str, model_file: str = MODEL_FILE, rules_dir: str = "") -> None:
        self.name = name
        folder = Path(rules_dir) if rules_dir else _default_dir()
        self.load(folder / model_file, folder / GLOSS_FILE)

    def load(self, model_path: Path, gloss_path: Path) -> None:
        self.model = StanceModel.load(model_path)
        self.glosses: dict[str, dict[str, str]] = (
            json.loads(gloss_path.read_text(encoding="utf-8")) if gloss_path.exists() else {}
        )
        self.holders = HolderWords.load(model_path.parent / HOLDERS_FILE)
        self._paths = (model_path, gloss_path, model_path.parent / HOLDERS_FILE)

    def __call__(self, doc: Doc) -> Doc:
        proposed = list(doc._.stance_marks or [])
        if not doc.has_annotation("DEP"):
            return doc
        decided: list[Mark] = []
        seen: set[int] = set()
        for cand in candidates(doc, self.model.cues, proposed):
            decided += self._decide(cand)
            seen.update(id(m) for m in cand.marks)
        # a rule mark whose cue the tokenizer could not find keeps the rule's word, unscored
        decided += [m for m in proposed if id(m) not in seen]
        entities, quotes = doc._.stance_entities or [], doc._.stance_quotes or []
        doc._.stance_marks = assign_holders(doc, _one_per_cue(decided), self.holders, entities, quotes)
        return doc

    def _decide(self, cand: Candidate) -> list[Mark]:
        kind = self.model.kinds.get(cand.kind)
        if kind is None:
            return list(cand.marks)
        p = kind.probability(cand.features)
        if p < kind.floor and not cand.marks:
            return []  # rule marks are never dropped here: the bar decides what is shown
        evidence = kind.evidence(cand.features)
        conf = round(p, 3)
        if cand.marks:
            return [dataclasses.replace(m, confidence=conf, evidence=evidence) for m in cand.marks]
        return [self._new_mark(cand, conf, evidence)]

    def _new_mark(self, cand: Candidate, confidence: float, evidence: tuple[str, ...]) -> Mark:
        tok = cand.token
        lo, hi = _passage(tok)
        doc = tok.doc
        start, end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)
        cue = (tok.idx, tok.idx + len(tok.text))
        word = tok.lower_
        gloss = self.glosses.get(cand.kind, {}).get(word) or self.glosses.get(cand.kind, {}).get(tok.lemma_)
        label = "hedge" if cand.kind == "hedge" else "commitment"
        explanation = f"'{tok.text}' — {gloss}" if gloss else f"'{tok.text}' read as a {label} in context"
        return Mark(
            kind=MarkKind(cand.kind), start=min(start, cue[0]), end=max(end, cue[1]), cue=(cue,),
            rule=f"model.{cand.kind}.{word}", explanation=explanation,
            negated="neg" in cand.features, confidence=confidence, evidence=evidence,
        )

    # spaCy serialisation: the model travels with the component
    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        folder = ensure_path(path)
        folder.mkdir(parents=True, exist_ok=True)
        for src in self._paths:
            if src.exists():
                (folder / src.name).write_bytes(src.read_bytes())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> StanceDecider:
        folder = ensure_path(path)
        self.load(folder / MODEL_FILE, folder / GLOSS_FILE)
        return self


def _passage(tok: Token) -> tuple[int, int]:
    """The cue's clause, within its sentence, without edge punctuation (as the rules scope it)."""
    sent = tok.sent
    lo, hi = clause_span(clause_head(governed_verb(tok)))
    lo, hi = max(lo, sent.start), min(hi, sent.end)
    lo, hi = min(lo, tok.i), max(hi, tok.i + 1)
    doc = tok.doc
    while hi - lo > 1 and hi - 1 != tok.i and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
        hi -= 1
    while hi - lo > 1 and lo != tok.i and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    return lo, hi


def _one_per_cue(marks: list[Mark]) -> list[Mark]:
    """Keep one mark per (kind, cue start): the most confident."""
    best: dict[tuple[str, int], Mark] = {}
    extra: list[Mark] = []
    for m in marks:
        key = (str(m.kind), m.cue_start)
        old = best.get(key)
        if old is None:
            best[key] = m
        elif m.rule != old.rule and not m.rule.startswith("model.") and not old.rule.startswith("model."):
            extra.append(m)  # two rules on one cue word (a header and its list) keep both
        elif (m.confidence or 0) > (old.confidence or 0):
            best[key] = m
    kept = [*best.values(), *extra]
    return sorted(_drop_echoes(kept), key=lambda m: (m.start, m.end))


def _drop_echoes(marks: list[Mark]) -> list[Mark]:
    """A model-only mark inside a passage already marked with the same kind says nothing new
    ("we'll also extend": the rule marks 'll, the model would add 'extend'); keep the first."""
    ordered = sorted(marks, key=lambda m: (m.rule.startswith("model."), -(m.confidence or 0)))
    kept: list[Mark] = []
    spans: dict[str, _Spans] = {}
    for m in ordered:
        seen = spans.setdefault(str(m.kind), _Spans())
        if m.rule.startswith("model.") and seen.overlaps(m.start, m.end):
            continue
        kept.append(m)
        seen.add(m.start, m.end)
    return kept


class _Spans:
    """Character ranges kept so far, sorted by start: "does [start, end) overlap any?" by bisection
    (an article has hundreds of marks; comparing each with all kept was quadratic)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.longest = 0

    def add(self, start: int, end: int) -> None:
        k = bisect_left(self.starts, start)
        self.starts.insert(k, start)
        self.ends.insert(k, end)
        self.longest = max(self.longest, end - start)

    def overlaps(self, start: int, end: int) -> bool:
        # only ranges starting within `longest` before `start` can reach into it
        lo = bisect_left(self.starts, start - self.longest)
        hi = bisect_left(self.starts, end)
        return any(self.ends[k] > start for k in range(lo, hi))


def _default_dir() -> Path:
    from stance_reader.paths import models_dir

    return models_dir()


@Language.factory(
    "stance_decider",
    default_config={"model_file": MODEL_FILE, "rules_dir": ""},
    requires=["doc._.stance_marks"],
    assigns=["doc._.stance_marks"],
)
def make_decider(nlp: Language, name: str, model_file: str, rules_dir: str) -> StanceDecider:
    return StanceDecider(nlp, name, model_file, rules_dir)

