"""Reports the hand-written cue frames miss, found by a model trained on PolNeAR *train*.

PolNeAR attributes far more than speech: wants, plans, support, what a poll or a report shows.
The hand-written and counted frames (``attribution_cues.jsonl``) keep a verb only where its frame is
right at least 40% of the time, so "wants to", "backed", "showed" are left out everywhere. This model
scores each frame of each verb in context (its lemma, who its subject is, what the complement starts
with, negation, the verb's own role) and proposes a report where the probability clears the bar chosen
on cross-validation. Rules run first; the model only adds reports for verbs they left alone.
Weights: ``models/attribution_model.json``, written by ``models/tools/train_attribution.py``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Token

from stance_reader.nlp.attribution.common import SUBJECTS, SpanT
from stance_reader.nlp.attribution.content import _frame_spans
from stance_reader.nlp.extensions import doc_text

MODEL_FILE = "attribution_model.json"
FRAME_DEPS = ("ccomp", "xcomp", "dobj")
# Whether a verb inside another report's content may report too ("Trump said he wants to …"): PolNeAR
# annotates such nested attributions.
NESTED_REPORTS = False
PRONOUN_CLASS = {"i": "1", "we": "1", "he": "3p", "she": "3p", "they": "3pl", "it": "it", "you": "2"}


@dataclass(frozen=True, slots=True)
class FrameModel:
    weights: dict[str, float]
    bias: float
    threshold: float
    version: str = ""

    @classmethod
    def load(cls, path: Path) -> FrameModel | None:
        if not path.exists():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        version = str(data.get("version", ""))
        return cls(data["weights"], float(data["bias"]), float(data["threshold"]), version)

    def probability(self, feats: list[str]) -> float:
        score = self.bias + sum(self.weights.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


def frames_of(tok: Token) -> Iterator[tuple[str, list[SpanT]]]:
    """(frame name, content spans) for each complement the parse gives ``tok`` (after it, except a
    clause: '"…," he said' reports the clause before it)."""
    names: list[str] = []
    for c in tok.children:
        if c.dep_ == "ccomp" or (c.dep_ in ("xcomp", "dobj") and c.i > tok.i):
            names.append(c.dep_)
        elif c.dep_ == "prep" and c.i > tok.i and any(g.dep_ in ("pobj", "pcomp") for g in c.children):
            names.append(f"prep:{c.lower_}")
    for name in dict.fromkeys(names):
        spans = _frame_spans(tok, name, trim=False)
        if spans:
            yield name, spans


def frame_features(tok: Token, frame: str, spans: list[SpanT], speech_verb: bool) -> list[str]:
    """What the model sees of one verb-and-frame: the kind of cue, whose it is, what follows."""
    lemma = tok.lemma_.lower()
    subj = _subject_class(tok)
    doc = tok.doc
    first = doc.char_span(spans[0][0], spans[0][1], alignment_mode="expand")
    lead = first[0].lower_ if first is not None and len(first) else ""
    size = len(first) if first is not None else 0
    negated = any(c.dep_ == "neg" for c in tok.children)
    feats = [
        f"lemma={lemma}",
        f"frame={frame}",
        f"lemma|frame={lemma}|{frame}",
        f"dep={tok.dep_}",
        f"tag={tok.tag_}",
        f"subj={subj}",
        f"lemma|subj={lemma}|{subj}",
        f"frame|subj={frame}|{subj}",
        f"lead={lead}",
        f"frame|lead={frame}|{lead}",
        f"size={min(size // 4, 6)}",
        f"head={tok.head.lemma_.lower() if tok.head.i != tok.i else 'ROOT'}",
        f"lemma|lead={lemma}|{lead}",
        f"subj_lemma={_subject_lemma(tok)}",
    ]
    feats.extend(_complement_head_features(tok, frame, lemma))
    if negated:
        feats.append("neg")
    if speech_verb:
        feats.append("speech_verb")
    text = doc_text(doc)
    if any(ch in text[s:e] for s, e in spans for ch in '"\u201c\u201d'):
        feats.append("quoted_content")
    return feats


def _complement_head_features(tok: Token, frame: str, lemma: str) -> list[str]:
    """The verb's particle ("point out", "back down"), the head word of its complement ("seem to *be*",
    "want to *win*", "issued a *statement*", "support *for*"), and a participle after a comma
    ("…, calling it a sham"): what tells a report from an action among the verbs the rules left alone."""
    feats: list[str] = []
    prt = next((c.lower_ for c in tok.children if c.dep_ == "prt"), "")
    if prt:
        feats += [f"prt={prt}", f"lemma|prt={lemma}|{prt}"]
    dep = "pobj" if frame.startswith("prep:") else frame
    if frame.startswith("prep:"):
        word = frame[5:]
        prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == word and c.i > tok.i), None)
        child = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None) if prep else None
    else:
        child = next((c for c in tok.children if c.dep_ == dep and (c.i > tok.i or dep == "ccomp")), None)
    if child is not None:
        feats += [f"chead={child.lemma_.lower()}", f"frame|chead={frame}|{child.lemma_.lower()}"]
    if tok.tag_ == "VBG" and tok.i > 0 and tok.doc[tok.i - 1].text == ",":
        feats.append("comma_participle")
    return feats


def _subject(tok: Token) -> Token | None:
    subj = next((c for c in tok.children if c.dep_ in SUBJECTS), None)
    if subj is None and tok.dep_ in ("xcomp", "conj") and tok.head.i != tok.i:
        subj = next((c for c in tok.head.children if c.dep_ in SUBJECTS), None)
    return subj


def _subject_lemma(tok: Token) -> str:
    """The subject's head word when it is a common noun ("poll", "report", "officials")."""
    subj = _subject(tok)
    return subj.lemma_.lower() if subj is not None and subj.pos_ == "NOUN" else "-"


def _subject_class(tok: Token) -> str:
    subj = _subject(tok)
    if subj is None:
        return "none"
    low = subj.lower_
    if low in PRONOUN_CLASS:
        return PRONOUN_CLASS[low]
    if subj.ent_type_:
        return subj.ent_type_
    return "noun" if subj.pos_ in ("NOUN", "PROPN") else subj.pos_.lower()
