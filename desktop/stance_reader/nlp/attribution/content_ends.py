"""Where reported content ends, re-chosen by a model trained on PolNeAR *train*.

The rules end a reported clause at its parse subtree's edge, minus a few known tails (a writer's gloss,
", noting that …"). PolNeAR's annotators cut elsewhere often enough to matter: "a phone call / on
Wednesday", "stricter gun laws would help / , though they blame …", or they run on past the subtree
("Obama and his legacy / only in passing"). For each reported (not quoted) content with a cue, every
place in its sentence where a phrase may end (before a comma, a conjunction, a preposition, a
participle, the sentence end) is a candidate; a logistic model scores each with what follows it and
how that attaches, and the best one replaces the rules' end when it scores clearly higher (the margin
chosen on cross-validation). Weights: ``models/content_ends.json``, written by
``models/tools/train_content_ends.py``.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path

from spacy.tokens import Doc, Token

from stance_reader.nlp.attribution.common import _Attribution

MODEL_FILE = "content_ends.json"
_BREAKS = frozenset({",", ";", ":", "\u2014", "\u2013", "-", "--", "(", ")"})
_QUOTE_MARKS = frozenset('"\u201c\u201d')


@dataclass(frozen=True, slots=True)
class EndChoices:
    """The candidate ends of one content span: character ends, features, which one the rules chose."""

    ends: list[int]
    features: list[list[str]]
    rule_index: int


@dataclass(frozen=True, slots=True)
class EndModel:
    weights: dict[str, float]
    bias: float
    margin: float

    @classmethod
    def load(cls, path: Path) -> EndModel | None:
        if not path.exists():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["weights"], float(data["bias"]), float(data["margin"]))

    def probability(self, feats: list[str]) -> float:
        score = self.bias + sum(map(self.weights.get, feats, repeat(0.0)))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))

    def pick(self, choices: EndChoices) -> int:
        """The index of the chosen end: the best one when it beats the rules' by the margin."""
        probs = [self.probability(f) for f in choices.features]
        best = max(range(len(probs)), key=probs.__getitem__)
        return best if probs[best] - probs[choices.rule_index] >= self.margin else choices.rule_index


def eligible(att: _Attribution) -> bool:
    """Reported content in one piece with a cue word: what the model was trained on."""
    return not att.direct and att.cue is not None and len(att.content) == 1


def end_choices(att: _Attribution) -> EndChoices | None:
    assert att.cue is not None
    doc = att.cue.doc
    span = doc.char_span(*att.content[0], alignment_mode="expand")
    if span is None or not len(span):
        return None
    first, last = span.start, span.end - 1
    while last > first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    ctx = _Context.of(doc, first, last, att.cue)
    cands = _candidates(ctx)
    feats = [_features(ctx, c) for c in cands]
    return EndChoices([doc[c].idx + len(doc[c].text) for c in cands], feats, cands.index(last))


@dataclass(slots=True)
class _Context:
    """What every candidate end of one content shares, counted once: the sentence, where the words
    after an end stop (the sentence end, or the cue after the content), and running counts over them."""

    doc: Doc
    first: int
    last: int
    cue: Token
    lemma: str
    sent_end: int
    rest_end: int
    root: Token
    alpha: list[int]  # alpha[k]: alphabetic words in doc[first : first + k]
    quoted: list[bool]  # quoted[k]: a quotation mark in doc[first : first + k]
    subj_from: list[bool]  # subj_from[k]: a subject in doc[first + k : rest_end]
    verb_from: list[bool]
    quote_from: list[bool]

    @classmethod
    def of(cls, doc: Doc, first: int, last: int, cue: Token) -> _Context:
        sent_end = doc[first].sent.end
        rest_end = min(sent_end, cue.i) if cue.i > first else sent_end
        hi = max(last + 1, sent_end)
        alpha, quoted = [0], [False]
        for tok in doc[first:hi]:
            alpha.append(alpha[-1] + tok.is_alpha)
            quoted.append(quoted[-1] or not _QUOTE_MARKS.isdisjoint(tok.text))
        size = max(rest_end - first, 0)
        subj_from, verb_from, quote_from = [False] * (size + 1), [False] * (size + 1), [False] * (size + 1)
        for k in range(size - 1, -1, -1):
            tok = doc[first + k]
            subj_from[k] = subj_from[k + 1] or tok.dep_ in ("nsubj", "nsubjpass")
            verb_from[k] = verb_from[k + 1] or tok.pos_ == "VERB"
            quote_from[k] = quote_from[k + 1] or not _QUOTE_MARKS.isdisjoint(tok.text)
        roots = [t for t in doc[first : last + 1] if not (first <= t.head.i <= last) or t.head.i == t.i]
        root = roots[0] if roots else doc[first]
        return cls(doc, first, last, cue, cue.lemma_.lower(), sent_end, rest_end, root, alpha, quoted,
                   subj_from, verb_from, quote_from)

    def alpha_between(self, a: int, b: int) -> int:
        """Alphabetic words in doc[a : b]."""
        if b <= a:
            return 0
        return self.alpha[b - self.first] - self.alpha[a - self.first]


def _candidates(ctx: _Context) -> list[int]:
    """Token indices where the content may end: before a break in the sentence, never across the cue
    or its subject when the content comes before them ('"X, Y," he said')."""
    doc, first, cue = ctx.doc, ctx.first, ctx.cue
    stop = ctx.sent_end
    if cue.i > first:
        subjects = [c.left_edge.i for c in cue.lefts if c.dep_ in ("nsubj", "nsubjpass") and c.i > first]
        stop = min([stop, cue.i, *subjects])
    out = {ctx.last}
    for tok in doc[first:stop]:
        if not (tok.is_punct or tok.is_space) and _breaks_after(doc, tok.i, stop):
            out.add(tok.i)
    return sorted(out)


def _breaks_after(doc: Doc, i: int, stop: int) -> bool:
    if i + 1 >= stop:
        return True
    nxt = doc[i + 1]
    return (
        nxt.text in _BREAKS
        or nxt.is_punct
        or nxt.pos_ in ("CCONJ", "SCONJ")
        or nxt.dep_ in ("mark", "prep", "advmod")
        or nxt.tag_ == "VBG"
    )


def _features(ctx: _Context, cand: int) -> list[str]:
    """What follows the candidate end and how it attaches, where it lies against the rules' end."""
    doc, first, last, sent_end = ctx.doc, ctx.first, ctx.last, ctx.sent_end
    rel = "cur" if cand == last else ("before" if cand < last else "after")
    nxt = doc[cand + 1] if cand + 1 < sent_end else None
    nt = nxt.lower_ if nxt is not None else "<END>"
    feats = [f"rel={rel}", f"lemma|rel={ctx.lemma}|{rel}", f"nxt={nt}", f"rel|nxt={rel}|{nt}"]
    after = nxt
    if nxt is not None:
        feats += [f"nxt_dep={nxt.dep_}", f"nxt_pos={nxt.pos_}"]
        if nxt.is_punct and cand + 2 < sent_end:
            after = doc[cand + 2]
            feats += [f"after={after.lower_}", f"after_pos={after.pos_}", f"after_dep={after.dep_}",
                      f"after_tag={after.tag_}", f"nxt|after={nt}|{after.lower_}",
                      f"nxt|after_dep={nt}|{after.dep_}"]
    feats += _rest_features(ctx, cand, rel)
    n_in = ctx.alpha_between(first, cand + 1)
    moved = ctx.alpha_between(min(cand, last) + 1, max(cand, last) + 1)
    feats += [f"len={min(n_in // 3, 10)}", f"moved={rel}{min(moved // 2, 6)}"]
    if after is not None:
        feats += _attachment_features(ctx, cand, after, rel, nt)
    feats.append(f"t_pos={doc[cand].pos_}")
    if ctx.quoted[cand + 1 - first]:
        feats.append("in_quote")
    if cand == doc[cand].head.right_edge.i:
        feats.append("closes_head")
    return feats


def _rest_features(ctx: _Context, cand: int, rel: str) -> list[str]:
    """The words between the candidate end and the sentence end (or the cue after it)."""
    n_rest = ctx.alpha_between(cand + 1, ctx.rest_end)
    feats = [f"rest_len={min(n_rest // 3, 8)}", f"rel|rest0={rel}|{int(n_rest == 0)}"]
    k = cand + 1 - ctx.first
    if k < len(ctx.subj_from):
        if ctx.subj_from[k]:
            feats.append("rest_subj")
        if ctx.verb_from[k]:
            feats.append("rest_verb")
        if ctx.quote_from[k]:
            feats.append("rest_quote")
    return feats


def _attachment_features(ctx: _Context, cand: int, after: Token, rel: str, nt: str) -> list[str]:
    """The highest word of the phrase after the end, and whether it hangs on the cue, on the content's
    root or elsewhere in the content ("told reporters / on Wednesday" vs "a call / on Wednesday")."""
    first, cue, root = ctx.first, ctx.cue, ctx.root
    top = after
    while top.head.i != top.i and cand < top.head.i < ctx.rest_end:
        top = top.head
    if top.head.i == cue.i:
        attach = "cue"
    elif top.head.i == root.i:
        attach = "root"
    else:
        attach = "in" if first <= top.head.i <= cand else "out"
    return [
        f"top_dep={top.dep_}", f"top_dep|rel={top.dep_}|{rel}",
        f"top_head_in_content={int(first <= top.head.i <= cand)}",
        f"top_head_is_cue={int(top.head.i == cue.i)}",
        f"top_pos={top.pos_}", f"top_tag|dep={top.tag_}|{top.dep_}", f"top_lemma={top.lemma_.lower()}",
        f"attach={attach}", f"attach|top={attach}|{top.dep_}", f"attach|top|rel={attach}|{top.dep_}|{rel}",
        f"croot|top={root.dep_}|{top.dep_}", f"croot|rel={root.dep_}|{rel}",
        f"lemma|top={ctx.lemma}|{top.dep_}", f"attach|nxt={attach}|{nt}",
    ]
