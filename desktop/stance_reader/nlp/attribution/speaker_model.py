"""Who speaks, chosen by a model trained on PolNeAR *train* among the noun phrases around the cue.

The rules (``subjects.py``) give one speaker per cue: the parsed subject, a participle's main subject, a
passive's "by" phrase. Where the small parser misattaches a participle or a clause, that choice is a
place, an object or a quoted name. This model scores every candidate in the cue's sentence (and "no
one") with a logistic regression over how it relates to the cue (dependency path, side, distance, its
kind) and whether the rules chose it; the best-scoring candidate replaces the rules' choice only when it
beats it by the margin chosen on cross-validation, so the rules stay the default and the explanation.
Weights: ``models/speaker_model.json``, written by ``models/tools/train_speakers.py``.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path

import spacy.symbols
from spacy.tokens import Token

from stance_reader.nlp.attribution.common import _Attribution
from stance_reader.nlp.attribution.subjects import _mention
from stance_reader.nlp.extensions import doc_text

MODEL_FILE = "speaker_model.json"
# Candidates farther than this (tokens) from the cue are not considered.
MAX_DISTANCE = 40
_HEAD_IDS = frozenset(spacy.symbols.IDS[p] for p in ("NOUN", "PROPN", "PRON"))
_SKIP_DEPS = ("compound", "nmod")
_DISTANCES = ((1, "1"), (3, "2-3"), (6, "4-6"), (12, "7-12"), (10**9, "13+"))


@dataclass(frozen=True, slots=True)
class SpeakerModel:
    weights: dict[str, float]
    bias: float
    margin: float

    @classmethod
    def load(cls, path: Path) -> SpeakerModel | None:
        if not path.exists():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["weights"], float(data["bias"]), float(data["margin"]))

    def score(self, feats: list[str]) -> float:
        return self.bias + sum(map(self.weights.get, feats, repeat(0.0)))

    def choose(self, att: _Attribution) -> Token | None:
        """The speaker for ``att``: the rules' choice unless another candidate scores ``margin`` higher."""
        if att.cue is None or att.rule in _SET_BY_LAYOUT or _plain_subject(att):
            return att.subject
        cands = candidates(att)
        ctx = _CueContext.of(att)
        scores = [self.score(ctx.features(c)) for c in cands]
        rule = 1 if att.subject is not None else 0  # candidates() puts the rules' choice there
        best = max(range(len(cands)), key=scores.__getitem__)
        if best != rule and scores[best] - scores[rule] >= self.margin:
            return cands[best]
        return att.subject


# The speaker is where the layout puts it (a label before a colon, a name line over the quote, a signed
# dash): a person nearby that the model scores higher is some other line's name or a place after an age.
_SET_BY_LAYOUT = frozenset({"direct:label", "reported:label", "direct:name-line", "direct:dash"})


def _plain_subject(att: _Attribution) -> bool:
    """The cue's own subject is a named person ("Sanders said"): kept without scoring the others. The
    model would sometimes prefer an outlet named nearby ("told CNN", "according to a transcript"), as
    PolNeAR annotates the outer source; an analyst wants the person who spoke (costs 0.0002 "all" F1 on
    the train folds, and most scoring time)."""
    subj, cue = att.subject, att.cue
    if subj is None or cue is None or subj.head.i != cue.i or subj.dep_ != "nsubj":
        return False
    return subj.ent_type_ == "PERSON"


def probability(score: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


def _same(a: Token | None, b: Token | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and a.i == b.i)


def candidates(att: _Attribution) -> list[Token | None]:
    """No one, the rules' choice, and every noun-phrase head of the cue's sentence outside the content."""
    cue = att.cue
    out: list[Token | None] = [None]
    if att.subject is not None:
        out.append(att.subject)
    if cue is None:
        return out
    inside = [(s, e) for s, e in att.content]
    skip = {cue.i, att.subject.i if att.subject is not None else -1}
    sent = cue.sent
    doc = cue.doc
    skip_deps = {doc.vocab.strings[d] for d in _SKIP_DEPS}
    for i in range(max(sent.start, cue.i - MAX_DISTANCE), min(sent.end, cue.i + MAX_DISTANCE + 1)):
        tok = doc[i]
        if tok.pos not in _HEAD_IDS or tok.dep in skip_deps or i in skip or tok.is_punct:
            continue  # (a "." the tagger calls a proper noun, as in "(I-Vt.)", is no one)
        if any(s <= tok.idx < e for s, e in inside):
            continue
        out.append(tok)
    return out


@dataclass(frozen=True, slots=True)
class _CueContext:
    """What every candidate's features share: the cue, its ancestors, its sentence's root, the text."""

    subject: Token | None
    cue: Token
    kind: str
    up: list[Token]
    root: int
    text: str

    @classmethod
    def of(cls, att: _Attribution) -> _CueContext:
        cue = att.cue
        assert cue is not None
        up = [cue, *list(cue.ancestors)[:5]]
        kind = "direct" if att.direct else "reported"
        return cls(att.subject, cue, kind, up, cue.sent.root.i, doc_text(cue.doc))

    def path(self, tok: Token) -> str:
        """Dependency labels from the cue up to the common ancestor and down to ``tok`` (at most 3 + 3)."""
        up_ids = [t.i for t in self.up]
        down = [tok, *list(tok.ancestors)[:5]]
        for j, t in enumerate(down):
            if t.i in up_ids:
                k = up_ids.index(t.i)
                if k > 3 or j > 3:
                    return "far"
                ups = ">".join(u.dep_ for u in self.up[:k])
                downs = "<".join(d.dep_ for d in reversed(down[:j]))
                return f"{ups}^{downs}"
        return "none"

    def features(self, tok: Token | None) -> list[str]:
        """What the model sees of one candidate speaker."""
        cue, kind = self.cue, self.kind
        ctag = cue.tag_
        rule = "rule" if _same(tok, self.subject) else "other"
        if tok is None:
            return [
                "NONE",
                f"NONE|{rule}",
                f"NONE|ctag={ctag}",
                f"NONE|cdep={cue.dep_}",
                f"NONE|lemma={cue.lemma_.lower()}",
                f"NONE|{kind}",
            ]
        path = self.path(tok)
        side = "before" if tok.i < cue.i else "after"
        bucket = next(name for top, name in _DISTANCES if abs(tok.i - cue.i) <= top)
        what = _what(tok)
        feats = [
            rule,
            f"{rule}|{kind}",
            f"path={path}",
            f"path|ctag={path}|{ctag}",
            f"path|{rule}={path}|{rule}",
            f"dep={tok.dep_}",
            f"dep|side={tok.dep_}|{side}",
            f"side|dist={side}|{bucket}",
            f"what={what}",
            f"what|dep={what}|{tok.dep_}",
            f"pos={tok.pos_}",
            f"tag={tok.tag_}",
            f"ctag|side={ctag}|{side}",
            f"cdep|path={cue.dep_}|{path}",
            f"what|path={what}|{path}",
            f"what|{rule}={what}|{rule}",
            f"dep|{rule}|ctag={tok.dep_}|{rule}|{ctag}",
            f"dep|cdep={tok.dep_}|{cue.dep_}",
            f"side|{rule}|{kind}={side}|{rule}|{kind}",
        ]
        if tok.tag_ in ("WP", "WDT"):
            feats.append("relative")
        if tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
            feats.append(f"named|{rule}")
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.i == self.root:
            feats.append("root_subject")
        first, last = (tok, cue) if tok.i < cue.i else (cue, tok)
        between = self.text[first.idx : last.idx + len(last.text)]
        if '"' in between or "\u201c" in between or "\u201d" in between:
            feats.append("quote_between")
        return feats


def _what(tok: Token) -> str:
    if tok.pos_ == "PRON":
        return f"pron={tok.lower_}"
    if tok.ent_type_:
        return f"ent={tok.ent_type_}"
    return f"noun={tok.lemma_.lower()}" if tok.pos_ == "NOUN" else "propn"


def speaker_features(att: _Attribution, tok: Token | None) -> list[str]:
    """What the model sees of one candidate speaker for one attribution (for training)."""
    return _CueContext.of(att).features(tok)


def speaker_of(token: Token | None) -> tuple[Token | None, tuple[int, int] | None]:
    return token, (_mention(token) if token is not None else None)
