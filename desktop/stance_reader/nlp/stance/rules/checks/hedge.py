"""Checks only hedge rules use: "doubt" and "question" that hedge rather than boost or ask, and an
uncertain *whether/if* clause."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from spacy.tokens import Token

from stance_reader.nlp.stance.rules.rule import Hit
from stance_reader.nlp.syntax import (
    clause_head,
)

if TYPE_CHECKING:
    from stance_reader.nlp.stance.rules.engine import StanceMarker


def not_booster_doubt(eng: StanceMarker, hit: Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """"beyond doubt", "little doubt" boost rather than hedge."""
    return anchor.i == 0 or anchor.doc[anchor.i - 1].lower_ not in {"beyond", "little"}


def question_phrase(eng: StanceMarker, hit: Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """"question" as an open matter: "open question", "raises the question", "questions remain",
    "the question (of) whether" — not a question someone asked."""
    if any(c.dep_ == "amod" and c.lower_ in eng.lexicon("@open_question_modifiers") for c in anchor.children):
        return True
    if anchor.head.lemma_.lower() in eng.lexicon("@open_question_heads"):
        return True
    return any(t.lower_ == "whether" for t in anchor.subtree)


def embedded_under(eng: StanceMarker, hit: Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """The *whether/if* clause is embedded under an uncertainty or inquiry word ("unclear whether",
    "to determine whether", "it is not known if")."""
    head = clause_head(anchor.head if anchor.dep_ == "mark" else anchor)
    gov = head.head
    if gov.i == head.i:
        return False
    words = eng.lexicon(arg)
    if gov.lemma_.lower() in words or gov.lower_ in words:
        return True
    return any(c.dep_ in ("acomp", "attr") and c.lemma_.lower() in words for c in gov.children)
