"""Checks any rule may use: plain tests on the cue's neighbours, dependants and verb ("next lemma not
in …", "a child with dep …"), questions, conditions, reported speech, and who the subject is (an agent
or an instrument)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from spacy.tokens import Token

from stance_reader.nlp.stance.rules.rule import Hit
from stance_reader.nlp.syntax import (
    AGENT_ENTS,
    clause_head,
    in_condition,
    is_negated,
    is_question,
    subject_of,
)

if TYPE_CHECKING:
    from stance_reader.nlp.stance.rules.engine import StanceMarker


def next_lemma_not(eng: StanceMarker, hit: Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    last = hit.tokens[-1]
    nxt = last.doc[last.i + 1] if last.i + 1 < len(last.doc) else None
    return nxt is None or nxt.lemma_.lower() not in eng.lexicon(arg)


def prev_lower_not(eng: StanceMarker, hit: Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    first = hit.tokens[0]
    return first.i == 0 or first.doc[first.i - 1].lower_ not in eng.lexicon(arg)


def child_dep_any(eng: StanceMarker, hit: Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """The anchor (or its verb) has a child with one of these dependency labels."""
    deps = set(arg)
    return any(c.dep_ in deps for c in anchor.children) or any(c.dep_ in deps for c in verb.children)


def child_dep_none(eng: StanceMarker, hit: Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    return not child_dep_any(eng, hit, arg, anchor, verb)


def dep_in(eng: StanceMarker, hit: Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    return anchor.dep_ in set(arg)


def dep_not_in(eng: StanceMarker, hit: Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    return anchor.dep_ not in set(arg)


def verb_lemma_not(eng: StanceMarker, hit: Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    return verb.lemma_.lower() not in eng.lexicon(arg)


def head_lemma_in(eng: StanceMarker, hit: Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    return anchor.head.lemma_.lower() in eng.lexicon(arg)


def head_lemma_not(eng: StanceMarker, hit: Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    return anchor.head.lemma_.lower() not in eng.lexicon(arg)


def not_question(eng: StanceMarker, hit: Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    return not is_question(anchor)


def not_conditional(eng: StanceMarker, hit: Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    return not in_condition(anchor)


def not_sentence_initial(eng: StanceMarker, hit: Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """The cue does not open the sentence (an inverted modal opens a question: "Could NATO …")."""
    first = next((t for t in anchor.sent if not t.is_punct), anchor)
    return first.i != anchor.i


def negated(eng: StanceMarker, hit: Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    return is_negated(anchor, verb)


def reporting_head(verb: Token) -> Token | None:
    """The verb whose clausal complement ``verb``'s clause is (``said`` in "said that NATO would …"). A
    clause conjoined to a reported one is reported too ("said the government would press ahead *and
    would not walk back* the cuts"): the report is read off the first conjunct."""
    head = clause_head(verb)
    for _ in range(6):  # a chain of "and … and …"; the bound guards against odd parses
        if head.dep_ != "conj" or head.head.i == head.i:
            break
        head = clause_head(head.head)
    if head.dep_ in ("ccomp", "xcomp", "advcl", "acl") and head.head.i != head.i:
        return head.head
    return None


def not_reported(eng: StanceMarker, hit: Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """Not a backshifted future under a reporting verb ("said NATO would meet" reports a 'will')."""
    rep = reporting_head(verb)
    return rep is None or rep.lemma_.lower() not in eng.lexicon(arg if arg is not True else "@report_verbs")


def reported(eng: StanceMarker, hit: Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    return not not_reported(eng, hit, arg, anchor, verb)


def agent_kind(eng: StanceMarker, subj: Token | None) -> str:
    """'agent' (a person, body, we/I), 'instrument' (a plan, funding …) or '' for anything else."""
    if subj is None:
        return ""
    low = subj.lower_
    if low in eng.lexicon("@agent_pronouns"):
        return "agent"
    if subj.pos_ == "PRON":
        return ""
    if subj.ent_type_ in AGENT_ENTS or subj.pos_ == "PROPN":
        return "agent"
    lemma = subj.lemma_.lower()
    if lemma in eng.lexicon("@agent_nouns"):
        return "agent"
    if lemma in eng.lexicon("@instrument_nouns"):
        return "instrument"
    return ""


def subject_agent(eng: StanceMarker, hit: Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    return agent_kind(eng, subject_of(verb)) == "agent"


def subject_lemma_in(eng: StanceMarker, hit: Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    subj = subject_of(verb)
    return subj is not None and subj.lower_ in eng.lexicon(arg)


def object_not(eng: StanceMarker, hit: Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    words = eng.lexicon(arg)
    return not any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in words for c in verb.children)


def object_in(eng: StanceMarker, hit: Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    words = eng.lexicon(arg)
    return any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in words for c in verb.children)


def modifier_not(eng: StanceMarker, hit: Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """No adjective from the list on the cue ("broken promise" reports a failure, not a commitment)."""
    words = eng.lexicon(arg)
    return not any(c.dep_ == "amod" and c.lower_ in words for c in anchor.children)


def that_complement(eng: StanceMarker, hit: Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """A that-clause complement ("indicates that …"), not a figure legend's "× indicates the codon"."""
    return any(
        c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        for c in verb.children
    )
