"""Clause and subject helpers over a spaCy parse, shared by the stance rules, the trained stance
decider and attribution. Token level and cheap: a few hops up or down the tree."""

from __future__ import annotations

from spacy.tokens import Token

NEGATORS = frozenset({"not", "n't", "never", "no", "nt", "cannot", "without"})
# Dependency labels that start a new clause: the scope of a clausal cue stops at them when climbing.
CLAUSE_DEPS = frozenset(
    {"ROOT", "ccomp", "xcomp", "advcl", "relcl", "csubj", "csubjpass", "acl", "parataxis"}
)
# Children left out of a clause's span: coordinated clauses have their own stance.
SCOPE_EXCLUDE = frozenset({"conj", "cc", "preconj"})
SUBJECT_DEPS = ("nsubj", "nsubjpass", "expl")
AGENT_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
CONDITION_MARKERS = frozenset({"if", "unless", "whether"})


def clause_head(tok: Token) -> Token:
    """The head of the clause ``tok`` sits in: climb until a clause-starting dependency or the root."""
    cur = tok
    for _ in range(12):  # trees are shallow; the bound guards against odd parses
        if cur.dep_ in CLAUSE_DEPS or cur.head.i == cur.i:
            return cur
        if cur.dep_ == "conj" and cur.pos_ in ("VERB", "AUX"):
            return cur
        cur = cur.head
    return cur


def governed_verb(tok: Token) -> Token:
    """The word a modal, auxiliary, negation, adverb or predicative-adjective cue leans on (its head:
    the verb, or the copula of "we are confident"); else the cue itself."""
    if tok.dep_ in ("aux", "auxpass", "neg", "advmod", "npadvmod", "prt", "acomp") and tok.head.i != tok.i:
        return tok.head
    return tok


def clause_span(head: Token) -> tuple[int, int]:
    """Token range [start, end) of ``head``'s clause without coordinated clauses."""
    lo, hi = head.i, head.i
    for child in head.children:
        if child.dep_ in SCOPE_EXCLUDE:
            continue
        lo = min(lo, child.left_edge.i)
        hi = max(hi, child.right_edge.i)
    return lo, hi + 1


def subject_of(verb: Token) -> Token | None:
    """The verb's subject, borrowing it from the governing verb for xcomp/conj chains ("Labor will
    invest … and build …", "we want to deliver")."""
    cur = verb
    for _ in range(4):
        for child in cur.children:
            if child.dep_ in SUBJECT_DEPS:
                return child
        if cur.dep_ in ("conj", "xcomp") and cur.head.i != cur.i:
            cur = cur.head
            continue
        return None
    return None


def is_negated(anchor: Token, verb: Token) -> bool:
    """A ``neg`` child on the cue or its verb, or a negator in the two tokens before the cue."""
    if any(c.dep_ == "neg" for c in anchor.children) or any(c.dep_ == "neg" for c in verb.children):
        return True
    doc = anchor.doc
    start = max(anchor.sent.start, anchor.i - 2)
    return any(doc[i].lower_ in NEGATORS for i in range(start, anchor.i))


def in_condition(tok: Token, marked: set[int] | frozenset[int] | None = None) -> bool:
    """True when ``tok`` sits in an *if/unless* clause (climbing at most to the sentence root).
    ``marked``: the indices of the clause heads with such a marker, when the caller has them for the
    whole Doc (the trained decider asks for every cue); else each clause's children are read."""
    cur = tok
    for _ in range(8):
        head = clause_head(cur)
        # "if …" conditions and "whether …" open questions, whatever their clause's label
        if head.i in marked if marked is not None else any(
            c.dep_ == "mark" and c.lower_ in CONDITION_MARKERS for c in head.children
        ):
            return True
        if head.head.i == head.i:
            return False
        cur = head.head
    return False


def is_question(tok: Token, window: int = 60) -> bool:
    """The next sentence-final mark after ``tok`` is a question mark (the parser may glue a question
    to the sentence after it, so the sentence's own last character is not enough)."""
    doc = tok.doc
    for i in range(tok.i + 1, min(len(doc), tok.i + window)):
        text = doc[i].text
        if text in ("?", "!", ".") or text.endswith("?"):
            return "?" in text
        if "\n" in text:  # a paragraph break ends a headline or sentence without a mark
            return False
    return False
