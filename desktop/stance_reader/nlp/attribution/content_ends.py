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

import numpy as np
from spacy.attrs import DEP, HEAD, IS_ALPHA, IS_PUNCT, IS_SPACE, LEMMA, LOWER, ORTH, POS, SENT_START, TAG
from spacy.parts_of_speech import IDS as POS_IDS
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


def end_choices(found: list[_Attribution]) -> list[EndChoices | None]:
    """The candidate ends of each eligible attribution of one Doc (None for the others)."""
    facts: _DocFacts | None = None
    out: list[EndChoices | None] = []
    for att in found:
        if not eligible(att):
            out.append(None)
            continue
        assert att.cue is not None
        if facts is None:
            facts = _DocFacts(att.cue.doc)
        out.append(_choices(att, att.cue, facts))
    return out


def _choices(att: _Attribution, cue: Token, facts: _DocFacts) -> EndChoices | None:
    doc = cue.doc
    span = doc.char_span(*att.content[0], alignment_mode="expand")
    if span is None or not len(span):
        return None
    first, last = span.start, span.end - 1
    while last > first and facts.skip[last]:
        last -= 1
    ctx = _Context.of(facts, first, last, cue)
    cands = _candidates(ctx, cue)
    feats = [_features(ctx, c) for c in cands]
    return EndChoices([doc[c].idx + len(doc[c].text) for c in cands], feats, cands.index(last))


class _DocFacts:
    """The Doc's words as flat lists, read from its arrays once (numpy over the whole Doc, strings
    looked up only where a candidate asks): a Token object per question would cost more than the rest
    of the chooser, and running sums and "next ... at or after i" lists answer the counting questions
    in one step."""

    def __init__(self, doc: Doc) -> None:
        n, strings = len(doc), doc.vocab.strings
        self.doc, self._strings, self._text = doc, strings, dict[int, str]()
        attrs = [LOWER, DEP, POS, TAG, LEMMA, ORTH, HEAD, IS_ALPHA, IS_PUNCT, IS_SPACE, SENT_START]
        arr = doc.to_array(attrs)
        lower, dep, pos, tag, lemma, orth = (arr[:, k] for k in range(6))
        self.lower_h, self.dep_h, self.pos_h, self.tag_h, self.lemma_h = (
            col.tolist() for col in (lower, dep, pos, tag, lemma)
        )
        index = np.arange(n, dtype=np.int64)
        self.head: list[int] = (arr[:, 6].astype(np.int64) + index).tolist()
        punct, space = arr[:, 8].astype(bool), arr[:, 9].astype(bool)
        self.punct: list[bool] = punct.tolist()
        self.skip: list[bool] = (punct | space).tolist()  # never the last word of a content
        quote_marks = [h for h in np.unique(orth).tolist() if not _QUOTE_MARKS.isdisjoint(strings[h])]
        quoted = np.isin(orth, quote_marks)
        breaks = (
            np.isin(orth, [strings.add(b) for b in _BREAKS])
            | punct
            | np.isin(pos, [POS_IDS["CCONJ"], POS_IDS["SCONJ"]])
            | np.isin(dep, [strings.add(d) for d in ("mark", "prep", "advmod")])
            | (tag == strings.add("VBG"))
        )
        self.breaks: list[bool] = breaks.tolist()  # a phrase may end before this token
        starts = np.append(np.flatnonzero(arr[:, 10] == 1), n)
        self.sent_end: list[int] = starts[np.searchsorted(starts, index, side="right")].tolist()
        self.alpha: list[int] = _running_count(arr[:, 7] == 1)  # alphabetic words in doc[:i]
        self.quotes: list[int] = _running_count(quoted)
        subj = np.isin(dep, [strings.add("nsubj"), strings.add("nsubjpass")])
        self.next_subj = _next_where(subj)  # the first subject at or after i (len(doc) if none)
        self.next_verb = _next_where(pos == POS_IDS["VERB"])
        self.next_quote = _next_where(quoted)

    def text(self, h: int) -> str:
        found = self._text.get(h)
        if found is None:
            found = self._text[h] = self._strings[h]
        return found

    def lower(self, i: int) -> str:
        return self.text(self.lower_h[i])

    def dep(self, i: int) -> str:
        return self.text(self.dep_h[i])

    def pos(self, i: int) -> str:
        return self.text(self.pos_h[i])

    def tag(self, i: int) -> str:
        return self.text(self.tag_h[i])

    def lemma(self, i: int) -> str:
        return self.text(self.lemma_h[i]).lower()


def _running_count(flags: np.ndarray) -> list[int]:
    """out[i]: how many of flags[:i] are set, for i in 0..len(flags)."""
    return np.concatenate((np.zeros(1, dtype=np.int64), np.cumsum(flags, dtype=np.int64))).tolist()


def _next_where(flags: np.ndarray) -> list[int]:
    """out[i]: the first j >= i with flags[j] (len(flags) if none), for i in 0..len(flags)."""
    n = len(flags)
    at = np.append(np.where(flags, np.arange(n, dtype=np.int64), n), n)
    return np.minimum.accumulate(at[::-1])[::-1].tolist()


@dataclass(frozen=True, slots=True)
class _Context:
    """What every candidate end of one content shares: the sentence, where the words after an end
    stop (the sentence end, or the cue after the content), the content's root."""

    facts: _DocFacts
    first: int
    last: int
    cue: int
    lemma: str
    sent_end: int
    rest_end: int
    root: int

    @classmethod
    def of(cls, facts: _DocFacts, first: int, last: int, cue: Token) -> _Context:
        sent_end = facts.sent_end[first]
        rest_end = min(sent_end, cue.i) if cue.i > first else sent_end
        head = facts.head
        inside = range(first, last + 1)
        root = next((i for i in inside if not (first <= head[i] <= last) or head[i] == i), first)
        return cls(facts, first, last, cue.i, cue.lemma_.lower(), sent_end, rest_end, root)

    def alpha_between(self, a: int, b: int) -> int:
        """Alphabetic words in doc[a : b]."""
        return self.facts.alpha[b] - self.facts.alpha[a] if b > a else 0

    def quoted_upto(self, end: int) -> bool:
        """A quotation mark in doc[first : end]."""
        return self.facts.quotes[end] > self.facts.quotes[self.first]


def _candidates(ctx: _Context, cue: Token) -> list[int]:
    """Token indices where the content may end: before a break in the sentence, never across the cue
    or its subject when the content comes before them ('"X, Y," he said')."""
    first, facts = ctx.first, ctx.facts
    stop = ctx.sent_end
    if cue.i > first:
        subjects = [c.left_edge.i for c in cue.lefts if c.dep_ in ("nsubj", "nsubjpass") and c.i > first]
        stop = min([stop, cue.i, *subjects])
    if _closes_a_quotation(ctx):
        stop = min(stop, ctx.last + 1)
    out = {ctx.last}
    skip, breaks = facts.skip, facts.breaks
    for i in range(first, stop):
        if not skip[i] and (i + 1 >= stop or breaks[i + 1]):
            out.add(i)
    return sorted(out)


def _closes_a_quotation(ctx: _Context) -> bool:
    """The rules' content ends at the closing mark of a quotation opened inside it ('said the plan was
    "dead in the water" and shared a link'): what follows is the writer's account, never moved into it."""
    facts, after = ctx.facts, ctx.last + 1
    if after + 1 < ctx.sent_end and facts.punct[after] and not facts.quotes[after + 1] > facts.quotes[after]:
        after += 1  # 'a "serious basis,"': the comma inside the marks
    return after < ctx.sent_end and facts.quotes[after + 1] > facts.quotes[after] and ctx.quoted_upto(after)


def _features(ctx: _Context, cand: int) -> list[str]:
    """What follows the candidate end and how it attaches, where it lies against the rules' end."""
    f, first, last, sent_end = ctx.facts, ctx.first, ctx.last, ctx.sent_end
    rel = "cur" if cand == last else ("before" if cand < last else "after")
    nxt = cand + 1 if cand + 1 < sent_end else None
    nt = f.lower(nxt) if nxt is not None else "<END>"
    feats = [f"rel={rel}", f"lemma|rel={ctx.lemma}|{rel}", f"nxt={nt}", f"rel|nxt={rel}|{nt}"]
    after = nxt
    if nxt is not None:
        feats += [f"nxt_dep={f.dep(nxt)}", f"nxt_pos={f.pos(nxt)}"]
        if f.punct[nxt] and cand + 2 < sent_end:
            after = cand + 2
            al, ad = f.lower(after), f.dep(after)
            feats += [f"after={al}", f"after_pos={f.pos(after)}", f"after_dep={ad}",
                      f"after_tag={f.tag(after)}", f"nxt|after={nt}|{al}", f"nxt|after_dep={nt}|{ad}"]
    feats += _rest_features(ctx, cand, rel)
    n_in = ctx.alpha_between(first, cand + 1)
    moved = ctx.alpha_between(min(cand, last) + 1, max(cand, last) + 1)
    feats += [f"len={min(n_in // 3, 10)}", f"moved={rel}{min(moved // 2, 6)}"]
    if after is not None:
        feats += _attachment_features(ctx, cand, after, rel, nt)
    feats.append(f"t_pos={f.pos(cand)}")
    if ctx.quoted_upto(cand + 1):
        feats.append("in_quote")
    if cand == f.doc[f.head[cand]].right_edge.i:
        feats.append("closes_head")
    return feats


def _rest_features(ctx: _Context, cand: int, rel: str) -> list[str]:
    """The words between the candidate end and the sentence end (or the cue after it)."""
    n_rest = ctx.alpha_between(cand + 1, ctx.rest_end)
    feats = [f"rest_len={min(n_rest // 3, 8)}", f"rel|rest0={rel}|{int(n_rest == 0)}"]
    facts, k, stop = ctx.facts, cand + 1, ctx.rest_end
    if facts.next_subj[k] < stop:
        feats.append("rest_subj")
    if facts.next_verb[k] < stop:
        feats.append("rest_verb")
    if facts.next_quote[k] < stop:
        feats.append("rest_quote")
    return feats


def _attachment_features(ctx: _Context, cand: int, after: int, rel: str, nt: str) -> list[str]:
    """The highest word of the phrase after the end, and whether it hangs on the cue, on the content's
    root or elsewhere in the content ("told reporters / on Wednesday" vs "a call / on Wednesday")."""
    f, first, cue, root = ctx.facts, ctx.first, ctx.cue, ctx.root
    head = f.head
    top = after
    while head[top] != top and cand < head[top] < ctx.rest_end:
        top = head[top]
    up = head[top]
    if up == cue:
        attach = "cue"
    elif up == root:
        attach = "root"
    else:
        attach = "in" if first <= up <= cand else "out"
    dep, rdep = f.dep(top), f.dep(root)
    return [
        f"top_dep={dep}", f"top_dep|rel={dep}|{rel}",
        f"top_head_in_content={int(first <= up <= cand)}",
        f"top_head_is_cue={int(up == cue)}",
        f"top_pos={f.pos(top)}", f"top_tag|dep={f.tag(top)}|{dep}", f"top_lemma={f.lemma(top)}",
        f"attach={attach}", f"attach|top={attach}|{dep}", f"attach|top|rel={attach}|{dep}|{rel}",
        f"croot|top={rdep}|{dep}", f"croot|rel={rdep}|{rel}",
        f"lemma|top={ctx.lemma}|{dep}", f"attach|nxt={attach}|{nt}",
    ]
