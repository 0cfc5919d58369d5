"""Whose undertaking a commitment is: the first person, the writer's party or government, or a named
person (whose futures in news are schedule or forecast, and whose possessions campaign prose attacks)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from spacy.tokens import Token

from stance_reader.nlp.stance.rules.checks.common import reporting_head
from stance_reader.nlp.stance.rules.rule import Hit
from stance_reader.nlp.syntax import (
    clause_head,
    subject_of,
)

if TYPE_CHECKING:
    from stance_reader.nlp.stance.rules.engine import StanceMarker


def is_first_person(eng: StanceMarker, subj: Token | None) -> bool:
    """"we"/"I", or our plan or our government ("our plan"; not "our children will pay")."""
    if subj is None:
        return False
    first = eng.lexicon("@first_person")
    if subj.lower_ in first:
        return True
    if not any(c.dep_ == "poss" and c.lower_ in first for c in subj.children):
        return False
    lemma = subj.lemma_.lower()
    return lemma in eng.lexicon("@own_body_nouns") or lemma in eng.lexicon("@instrument_nouns")


def government_to_be(subj: Token | None) -> bool:
    """"A Shorten Labor Government", "a re-elected Turnbull Government": only a campaign speaks of its
    own side's government this way."""
    if subj is None or subj.lemma_.lower() not in ("government", "administration"):
        return False
    if any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in subj.children):
        return True
    return "re-elected" in subj.doc[subj.left_edge.i : subj.i].text.lower()


def is_person(eng: StanceMarker, subj: Token | None) -> bool:
    """A named person or an office-holder ("Mr Turnbull", "the Prime Minister", "Senator Brandis")."""
    if subj is None:
        return False
    return subj.ent_type_ == "PERSON" or subj.lemma_.lower() in eng.lexicon("@office_titles") or any(
        c.dep_ == "compound" and c.lemma_.lower() in eng.lexicon("@office_titles") for c in subj.children
    )


def is_named_person(eng: StanceMarker, tok: Token) -> bool:
    """A named individual or an office-holder as written ("Mr Turnbull", "Bill Shorten", "the Prime
    Minister", "Trudeau"), not a party or government ("the Turnbull Government", "Labor")."""
    low = tok.lemma_.lower()
    if low in eng.lexicon("@agent_nouns") and low not in eng.lexicon("@office_titles"):
        return False
    if tok.pos_ == "PRON":
        return False
    return is_person(eng, tok)


def _plural_party(subj: Token) -> bool:
    """"The Liberals / the Tories / the Republicans will …": parties call themselves by the singular
    body ("Labor", "the Coalition", "a Conservative Government", "we"); the plural nickname with "the"
    is how the other side names them."""
    tag, low = subj.tag_, subj.lower_
    plural = tag == "NNPS" or (subj.pos_ == "PROPN" and low.endswith("s") and tag != "NNP")
    if not plural:
        return False
    if any(c.dep_ == "conj" and c.pos_ == "PROPN" for c in subj.children):
        return False  # "the Liberals and Nationals will …": a coalition naming itself by its parties
    return any(c.dep_ == "det" and c.lower_ == "the" for c in subj.children)


def own_voice(eng: StanceMarker, hit: Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """The future is the writer's own party's, not a claim about a rival or a diary note about a person.
    Campaign prose speaks of its own side as a body ("Labor will", "the Turnbull Government will", "a
    Shorten Labor Government will", "we will") and of the other side through people and their
    possessions ("Mr Turnbull will …", "Bill Shorten's Labor will …", "Trudeau's Liberals …", "Mr
    Shorten's plan will …"). Not a commitment: a named person (or he/she) as the subject of the
    writer's own sentence — in news that is scheduling or forecast ("The Prime Minister will visit
    Townsville"); a subject owned by a named person; a future under a distancing verb ("Mr Shorten
    claims Labor will …"). A person's undertaking still counts when reported ("Rutte said he would …")
    or in the first person ("I will")."""
    subj = subject_of(verb)
    rep = reporting_head(verb)
    if rep is not None and rep.lower_ == "going":  # "said he was going to get …"
        rep = reporting_head(rep)
    if rep is not None and rep.lemma_.lower() in eng.lexicon("@distancing_verbs"):
        return False
    if subj is None or is_first_person(eng, subj):
        return True
    owner = clause_head(verb).head if subj.lower_ in ("which", "that") else subj
    if clause_head(verb).dep_ == "relcl" and any(  # "Mr Turnbull's tax cut, which will cost …"
        c.dep_ == "poss" and (is_named_person(eng, c) or c.lower_ in ("their", "his", "her"))
        for c in owner.children
    ):
        return False
    if any(c.dep_ == "poss" and is_named_person(eng, c) for c in subj.children):
        return False
    if any(c.dep_ == "advcl" and any(m.lower_ == "unless" for m in c.children) for c in verb.children):
        return False  # "Unless Mr Shorten changes course, the budget will never …": a threat or forecast
    if subj.lower_ in ("that", "who") and clause_head(verb).dep_ == "relcl":
        owner = clause_head(verb).head  # "the same Labor Party that will do deals with the Greens"
        if any(c.lower_ == "same" for c in owner.children):
            return False
    reported = rep is not None and rep.lemma_.lower() in eng.lexicon("@report_verbs")
    if reported:
        return True
    relative = clause_head(verb)
    if subj.lower_ == "who" and relative.dep_ == "relcl" and is_named_person(eng, relative.head):
        return False  # "Please welcome Jessica O'Bryan, who will sing the anthem": a programme note
    if _plural_party(subj):
        return False
    people = [subj, *(c for c in subj.children if c.dep_ == "conj")]
    if subj.lower_ in ("he", "she"):
        return False
    # "Bill Shorten and Labor will fight …" speaks for the party
    return not all(is_named_person(eng, t) for t in people)


def owned_plural_not(eng: StanceMarker, hit: Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """Not "his promises", "their commitments", "Mr Shorten's promises": a rival's promises counted up
    in an attack; one owned undertaking ("NATO's commitment", "our promises") stays."""
    if anchor.tag_ != "NNS":
        return True
    return not any(
        c.dep_ == "poss" and (c.lower_ in ("his", "her", "its", "their") or is_named_person(eng, c))
        for c in anchor.children
    )


def hypothetical_government(
    eng: StanceMarker, hit: Hit, arg: Any, anchor: Token, verb: Token
) -> bool:
    """"A Shorten Labor Government would invest …": the campaign's own hypothetical government."""
    return government_to_be(subject_of(verb))
