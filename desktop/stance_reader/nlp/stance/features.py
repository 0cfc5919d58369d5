"""Candidates and their context features: what the trained stance decider sees of each cue word.

A *candidate* is one token that may cue a hedge or a commitment: a word of the model's cue vocabulary
(learned from the training cues, ``models/stance_model.json``) or the first cue word of a mark a rule
proposed. Its features are short strings ("next=consider", "subj=1pl", "rule=hedge.modal.could") so
training (scikit-learn over the same strings) and run time (a dict of weights) read them identically.
The sense of a cue word is decided by its context: the next word, negation, the subject's person, the
verb it governs, a condition or report around it, and whether a rule accepted it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, IS_ALPHA, IS_STOP, LEMMA, LENGTH, LOWER, ORTH
from spacy.tokens import Doc, Token

from stance_reader.core.models import Mark
from stance_reader.nlp.stance.rules.engine import REJECTIONS_KEY
from stance_reader.nlp.syntax import (
    CONDITION_MARKERS,
    NEGATORS,
    clause_head,
    governed_verb,
    in_condition,
    subject_of,
)

KINDS = ("hedge", "commitment")
FIRST_SINGULAR = frozenset({"i", "me"})
FIRST_PLURAL = frozenset({"we", "us", "our"})
THIRD_PRONOUNS = frozenset({"he", "she", "it", "they", "this", "that", "these", "those"})
REPORTING = frozenset(
    {"say", "tell", "announce", "report", "claim", "state", "add", "note", "warn", "insist", "explain"}
)


@dataclass(slots=True)
class Candidate:
    """One cue token to decide for one kind; ``marks`` are the rule marks cued by it (may be empty)."""

    kind: str
    token: Token
    features: list[str]
    marks: list[Mark]


class DocFacts:
    """Facts about a whole Doc that many candidates ask for, computed once from the Doc's arrays: each
    token's sentence and word, which sentences say "we", which tokens sit before a question mark,
    where money and condition markers are. English parses are projective, so a subtree is the token
    range ``left_edge..right_edge`` and a range lookup answers "in it?". Per-token answers that need
    the tree (condition clauses, the kind-independent features) are memoised: one cue word is often a
    candidate of both kinds, and many cues share a clause."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        strings = doc.vocab.strings
        # Column by column: five flat lists instead of one small list per token, which would wake the
        # garbage collector over the whole (large) heap every few hundred tokens.
        arr = doc.to_array([ENT_TYPE, LOWER, DEP, ORTH, LEMMA])
        ents, lower_ids, deps, orths, self.lemma_ids = (arr[:, k].tolist() for k in range(5))
        heads = doc.to_array([HEAD]).astype("int64").ravel().tolist()  # offsets, stored unsigned
        text_of = {h: strings[h] for h in {*orths, *lower_ids}}
        self.lowers = [text_of[h] for h in lower_ids]
        self.texts = [text_of[h] for h in orths]
        self.sent_of = [0] * len(doc)
        self.sents: list[tuple[int, int]] = []
        self.sent_we: list[bool] = []
        for n, sent in enumerate(doc.sents):
            self.sents.append((sent.start, sent.end))
            self.sent_we.append(any(w in FIRST_PLURAL for w in self.lowers[sent.start:sent.end]))
            self.sent_of[sent.start:sent.end] = [n] * (sent.end - sent.start)
        money, mark = strings.add("MONEY"), strings.add("mark")
        conditions = {strings.add("if"), strings.add("unless")}
        self.money = [i for i, ent in enumerate(ents) if ent == money]
        pairs = enumerate(zip(lower_ids, deps, strict=True))
        self.conditions = [i for i, (low, dep) in pairs if low in conditions and dep == mark]
        self.questions = _before_question(self.texts)
        # the heads with a "neg" child, and the clause heads with an if/unless/whether mark child
        neg, markers = strings.add("neg"), {strings.add(w) for w in CONDITION_MARKERS}
        self.negated_heads = {i + heads[i] for i, dep in enumerate(deps) if dep == neg}
        self.condition_heads = {
            i + heads[i] for i, (low, dep) in enumerate(zip(lower_ids, deps, strict=True))
            if dep == mark and low in markers
        }
        self._bow: dict[int, list[str]] = {}
        self._conditioned: dict[int, bool] = {}
        self._token_features: dict[int, list[str]] = {}
        self._content: list[bool] | None = None

    def sentence_words(self, tok: Token) -> list[str]:
        """The content lemmas of the token's sentence ("bow=hospital"): whether a sentence pledges
        is partly in what it is about (money, building, funding), which the campaign labels teach."""
        n = self.sent_of[tok.i]
        if n not in self._bow:
            start, end = self.sents[n]
            content = self._content_words()
            strings = self.doc.vocab.strings
            lemmas = {strings[self.lemma_ids[i]].lower() for i in range(start, end) if content[i]}
            self._bow[n] = [f"bow={w}" for w in sorted(lemmas)]
        return self._bow[n]

    def _content_words(self) -> list[bool]:
        """Per token: alphabetic, no stop word, longer than two characters, outside any entity (from
        the arrays once per Doc: a Token per word of every sentence cost more than the features)."""
        if self._content is None:
            arr = self.doc.to_array([IS_ALPHA, IS_STOP, LENGTH, ENT_TYPE])
            columns = (arr[:, k].tolist() for k in range(4))
            self._content = [
                bool(alpha) and not stop and length > 2 and not ent
                for alpha, stop, length, ent in zip(*columns, strict=True)
            ]
        return self._content

    def sentence(self, tok: Token) -> tuple[int, int]:
        return self.sents[self.sent_of[tok.i]]

    def word(self, i: int) -> str:
        """The token's lower form as a feature value: sentence/paragraph edges and numbers folded."""
        if i < 0:
            return "<s>"
        if i >= len(self.lowers):
            return "</s>"
        text = self.texts[i]
        if "\n" in text:
            return "<p>"
        return "<num>" if self.doc[i].like_num else self.lowers[i]

    def negated(self, tok: Token, verb: Token) -> bool:
        """As ``syntax.is_negated``, with the sentence start and words read from the arrays."""
        if tok.i in self.negated_heads or verb.i in self.negated_heads:
            return True
        start = max(self.sentence(tok)[0], tok.i - 2)
        return any(w in NEGATORS for w in self.lowers[start:tok.i])

    def in_condition(self, tok: Token) -> bool:
        """As ``syntax.in_condition``, memoised per clause head (every cue in a clause asks alike)."""
        head = clause_head(tok)
        if head.i not in self._conditioned:
            self._conditioned[head.i] = in_condition(head, self.condition_heads)
        return self._conditioned[head.i]

    @staticmethod
    def any_in(indices: list[int], lo: int, hi: int) -> bool:
        """Is any index in ``indices`` (sorted) within ``lo..hi`` inclusive?"""
        k = bisect_right(indices, hi)
        return k > 0 and indices[k - 1] >= lo


def _before_question(texts: list[str], window: int = 60) -> list[bool]:
    """For each token, ``syntax.is_question``'s answer in one backward pass: is the next sentence-final
    mark within ``window`` tokens a question mark (a paragraph break first answers no)?"""
    out = [False] * len(texts)
    stop, is_q = len(texts) + window, False  # the nearest stop after i, and its answer
    for i in range(len(texts) - 1, -1, -1):
        out[i] = is_q and stop - i < window
        text = texts[i]
        if text in ("?", "!", ".") or text.endswith("?"):
            stop, is_q = i, "?" in text
        elif "\n" in text:
            stop, is_q = i, False
    return out


def rule_marks_by_token(doc: Doc, marks: Iterable[Mark]) -> dict[tuple[str, int], list[Mark]]:
    """(kind, token index of the mark's first cue character) -> the rule marks cued there."""
    # from the IDX column: a Token object per word cost more than the rest of this function
    starts = dict(zip(doc.to_array([IDX]).ravel().tolist(), range(len(doc)), strict=True))
    out: dict[tuple[str, int], list[Mark]] = {}
    for mark in marks:
        i = starts.get(mark.cue_start)
        if i is None:
            i = doc.char_span(mark.cue_start, mark.cue_end, alignment_mode="expand")
            i = i.start if i is not None and len(i) else None
        if i is not None:
            out.setdefault((str(mark.kind), i), []).append(mark)
    return out


def candidates(
    doc: Doc, vocab: Mapping[str, frozenset[str]], rule_marks: Sequence[Mark]
) -> list[Candidate]:
    """Every candidate of either kind in ``doc``, in token order."""
    by_token = rule_marks_by_token(doc, rule_marks)
    vetoes = rejections(doc)
    facts = DocFacts(doc)
    out: list[Candidate] = []
    for i in _worth_a_look(facts, vocab, {i for _, i in by_token} | {i for _, i in vetoes}):
        tok = doc[i]
        if tok.is_space or tok.is_punct:
            continue
        for kind in KINDS:
            marks = by_token.get((kind, tok.i), [])
            words = vocab.get(kind, frozenset())
            vetoed = vetoes.get((kind, tok.i), [])
            if marks or vetoed or tok.lower_ in words or tok.lemma_.lower() in words:
                feats = features(tok, kind, marks, facts)
                feats += [f for rule, check in vetoed for f in (f"veto={check}", f"veto={rule}|{check}")]
                out.append(Candidate(kind, tok, feats, marks))
    return out


def _worth_a_look(facts: DocFacts, vocab: Mapping[str, frozenset[str]], marked: set[int]) -> list[int]:
    """Token indices whose word or lemma is in a cue vocabulary, or that a rule looked at: a scan of
    the Doc's arrays, so most tokens never become Python Token objects (the decider's hot loop)."""
    strings = facts.doc.vocab.strings
    words = frozenset().union(*vocab.values()) if vocab else frozenset()
    # lemmas compared lower-cased ("May" at a sentence start), once per distinct lemma
    lemmas = {h for h in set(facts.lemma_ids) if strings[h].lower() in words}
    hits = {
        i for i, (low, lemma) in enumerate(zip(facts.lowers, facts.lemma_ids, strict=True))
        if low in words or lemma in lemmas
    }
    return sorted(hits | marked)


def rejections(doc: Doc) -> dict[tuple[str, int], list[tuple[str, str]]]:
    """(kind, cue token index) -> (rule id, check) of every rule that matched there and was turned down."""
    out: dict[tuple[str, int], list[tuple[str, str]]] = {}
    for kind, i, rule, check in doc.user_data.get(REJECTIONS_KEY, ()):
        out.setdefault((kind, i), []).append((rule, check))
    return out


def features(
    tok: Token, kind: str, marks: Sequence[Mark] = (), facts: DocFacts | None = None
) -> list[str]:
    """The feature strings of ``tok`` as a ``kind`` candidate (the kind is part of each weight's key
    in the model file, not of the string)."""
    facts = facts or DocFacts(tok.doc)
    feats = list(_token_features(tok, facts))
    word = tok.lower_
    if kind == "commitment":
        feats += facts.sentence_words(tok)
    for mark in marks:
        feats.append(f"rule={mark.rule}")
        feats.append(f"family={mark.rule.rsplit('.', 1)[0]}")
        if mark.negated:
            feats.append("rule_negated")
    if not marks:
        feats.append("no_rule")
        feats.append(f"w|no_rule={word}")
    return feats


def _token_features(tok: Token, facts: DocFacts) -> list[str]:
    """The features of ``tok`` whatever kind it is a candidate of (memoised in ``facts``)."""
    cached = facts._token_features.get(tok.i)
    if cached is not None:
        return cached
    word = tok.lower_
    i = tok.i
    nxt, nxt2, prev = facts.word(i + 1), facts.word(i + 2), facts.word(i - 1)
    verb = governed_verb(tok)
    subj = subject_of(verb)
    person = subject_person(subj)
    negated = facts.negated(tok, verb)
    lemma, head_lemma, verb_lemma = tok.lemma_.lower(), tok.head.lemma_.lower(), verb.lemma_.lower()
    tag, dep = tok.tag_, tok.dep_
    feats = [
        "bias",
        f"w={word}",
        f"lemma={lemma}",
        f"tag={tag}",
        f"w|tag={word}|{tag}",
        f"dep={dep}",
        f"w|dep={word}|{dep}",
        f"next={nxt}",
        f"w|next={word}|{nxt}",
        f"w|next2={word}|{nxt}|{nxt2}",
        f"prev={prev}",
        f"prev|w={prev}|{word}",
        f"prev2|w={facts.word(i - 2)}|{word}",
        f"head={head_lemma}",
        f"w|head={word}|{head_lemma}",
        f"verb={verb_lemma}",
        f"w|verb={word}|{verb_lemma}",
        f"subj={person}",
        f"w|subj={word}|{person}",
    ]
    feats += _argument_features(verb, subj, word, facts)
    feats += _context_flags(tok, verb, word, negated, facts)
    facts._token_features[i] = feats
    return feats


def _argument_features(verb: Token, subj: Token | None, word: str, facts: DocFacts) -> list[str]:
    """Who and what the governed verb is about: subject and object heads, money in its clause."""
    feats = []
    if subj is not None:
        lemma = subj.lemma_.lower()
        feats += [f"subj_lemma={lemma}", f"w|subj_lemma={word}|{lemma}"]
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "attr", "oprd")), None)
    if obj is not None:
        feats.append(f"obj={obj.lemma_.lower()}")
    if facts.any_in(facts.money, verb.left_edge.i, verb.right_edge.i):
        feats += ["money", f"w|money={word}"]
    if facts.sent_we[facts.sent_of[verb.i]]:
        feats.append("sent_we")
    start, end = facts.sentence(verb)
    if end - start < 8:
        feats.append("short_sentence")
    return feats


def _context_flags(tok: Token, verb: Token, word: str, negated: bool, facts: DocFacts) -> list[str]:
    flags: list[str] = []
    start, _ = facts.sentence(tok)
    if negated:
        flags += ["neg", f"w|neg={word}"]
    if tok.i == start or (tok.i == start + 1 and tok.doc[start].is_punct):
        flags += ["sent_initial", f"w|sent_initial={word}"]
    if facts.questions[tok.i]:
        flags += ["question", f"w|question={word}"]
    if facts.in_condition(tok):
        flags += ["in_condition", f"w|in_condition={word}"]
    if facts.any_in(facts.conditions, tok.i + 1, verb.right_edge.i):
        flags.append(f"w|governs_condition={word}")
    report = _reporting_head(verb)
    if report:
        flags += [f"reported_by={report}", f"w|reported={word}"]
    if any(c.dep_ == "auxpass" for c in verb.children):
        flags += ["passive", f"w|passive={word}"]
    if tok.i + 1 < len(facts.lowers) and facts.lowers[tok.i + 1] == "have":
        flags.append(f"w|perfect={word}")
    if tok.is_title and tok.i != start:
        flags.append("title_case")
    return flags


def _reporting_head(verb: Token) -> str:
    """The lemma of a reporting verb whose complement holds ``verb`` ("said [NATO would meet …]")."""
    head = clause_head(verb)
    if head.dep_ in ("ccomp", "parataxis") and head.head.lemma_.lower() in REPORTING:
        return head.head.lemma_.lower()
    return ""


def subject_person(subj: Token | None) -> str:
    """A coarse person class of a subject: 1sg, 1pl, 2, 3pro, there, named (an entity), 3 or none."""
    if subj is None:
        return "none"
    low = subj.lower_
    if low in FIRST_SINGULAR:
        return "1sg"
    if low in FIRST_PLURAL:
        return "1pl"
    if low == "you":
        return "2"
    if low == "there" or subj.dep_ == "expl":
        return "there"
    if low in THIRD_PRONOUNS:
        return "3pro"
    if subj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return "named"
    return "3"
