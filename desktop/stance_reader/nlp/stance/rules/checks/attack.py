"""A 'will' that forecasts the other side's harm ("Labor will increase taxes", "the Liberals will cut
funding to schools") is an attack in campaign prose, not a promise: the ``not_attack`` check."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from spacy.tokens import Token

from stance_reader.nlp.stance.rules.checks.speaker import government_to_be, is_first_person
from stance_reader.nlp.stance.rules.rule import Hit
from stance_reader.nlp.syntax import (
    CLAUSE_DEPS,
    SCOPE_EXCLUDE,
    is_negated,
    subject_of,
)

if TYPE_CHECKING:
    from stance_reader.nlp.stance.rules.engine import StanceMarker


def not_attack(eng: StanceMarker, hit: Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """Not a prediction of the other side's harm ("Labor will increase taxes", "the Liberals will cut
    funding to schools", "their plan will make it harder"): in campaign prose such a 'will' attacks an
    opponent. First-person subjects are exempt ("we will cut taxes" is our promise)."""
    subj = subject_of(verb)
    if is_first_person(eng, subj) or is_negated(anchor, verb):  # "Labor will not increase the GST" promises
        return True
    if government_to_be(subj):  # "A Shorten Labor Government will cap fees": the writer's own side
        return True
    if subj is not None:
        if any(c.dep_ == "poss" and c.lower_ in ("their", "his", "her") for c in subj.children):
            return False
        if any(c.dep_ == "amod" and c.lower_ in eng.lexicon("@pejoratives") for c in subj.children):
            return False
        if subj.lemma_.lower() in eng.lexicon("@burden_nouns") and not _lowering(eng, verb):
            return False  # "Labor's debt will keep growing", not "power bills will come down"
    if any(c.dep_ == "dobj" and c.lower_ in ("anything", "whatever") for c in verb.children):
        return False  # "will say anything to win"
    if any(_under_opponent(eng, c) for c in verb.children):
        return False
    if subj is not None and subj.lemma_.lower() in eng.lexicon("@burden_nouns") and _lowering(eng, verb):
        return True  # "power bills will come down"
    verb = content_verb(eng, verb)
    lemma = verb.lemma_.lower()
    if lemma in eng.lexicon("@cut_verbs") and not _objects(verb) and verb.i != anchor.head.i:
        return False  # "the Liberals will keep cutting": cutting, with nothing named to cut
    if lemma in eng.lexicon("@harm_verbs"):
        return False
    objs = _objects(verb)
    objects = {o.lemma_.lower() for o in objs} | {o.lower_ for o in objs}
    objects |= {c.lemma_.lower() for o in objs for c in o.children if c.dep_ == "compound"}
    burdens = [o for o in objs if o.lemma_.lower() in eng.lexicon("@burden_nouns")]
    on_powerful = any(_on_the_powerful(eng, b) for b in burdens)
    if lemma in eng.lexicon("@raise_verbs") and burdens and not on_powerful:
        return False  # "will increase taxes", not "will increase the tax on cigarettes"
    if lemma in eng.lexicon("@cut_verbs") and objects & eng.lexicon("@public_goods"):
        return False
    near = [t for c in verb.children if c.dep_ not in SCOPE_EXCLUDE for t in (c, *c.children)]
    if any(t.lower_ in eng.lexicon("@harm_outcomes") for t in near):
        return False
    if lemma == "pay" and any(t.lower_ in ("more", "price", "extra") for t in near):
        return False  # "families will pay more", "Australians will pay the price"
    if _burden_rises(eng, verb):
        return False
    return lemma in eng.lexicon("@remedy_verbs") or not _harm_in_clause(eng, verb)


def content_verb(eng: StanceMarker, verb: Token) -> Token:
    """"keep cutting", "try to sell", "plan to raise": the xcomp verb; else ``verb`` itself."""
    lemma = verb.lemma_.lower()
    if lemma in eng.lexicon("@aspect_verbs") or lemma in eng.lexicon("@attempt_verbs"):
        for c in verb.children:
            if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX"):
                return c
    return verb


def effective_lemma(eng: StanceMarker, verb: Token) -> str:
    """The verb that carries the content: "keep/continue/start climbing" is about climbing."""
    return content_verb(eng, verb).lemma_.lower()


def _objects(verb: Token) -> list[Token]:
    """Direct objects and the nouns of "funding to/for/from X" ("cut funding to schools")."""
    out: list[Token] = []
    for c in verb.children:
        if c.dep_ in ("dobj", "nsubjpass", "attr"):
            out.append(c)
            preps = (p for p in c.children if p.dep_ == "prep")
            out.extend(o for prep in preps for o in prep.children if o.dep_ == "pobj")
        elif c.dep_ == "prep" and c.lower_ in ("from", "to", "on", "for"):
            out.extend(p for p in c.children if p.dep_ == "pobj")
    return out


def _under_opponent(eng: StanceMarker, prep: Token) -> bool:
    """"Under Labor, …", "under Mr Shorten, …": a forecast of life under someone else's rule. "Under
    our plan" and "under a Labor Government" (a hypothetical of the writer's own) are not."""
    if prep.dep_ != "prep" or prep.lower_ != "under":
        return False
    for obj in prep.children:
        if obj.dep_ != "pobj":
            continue
        if any(c.lower_ in eng.lexicon("@first_person") or c.lower_ in ("a", "an") for c in obj.children):
            return False
        return obj.pos_ == "PROPN" or obj.lower_ in ("them", "him", "her")
    return False


def _lowering(eng: StanceMarker, verb: Token) -> bool:
    """"will fall", "will come down", "will go down": a burden getting lighter."""
    lemma = verb.lemma_.lower()
    if lemma in eng.lexicon("@lowering_verbs"):
        return True
    down = any(c.dep_ in ("prt", "advmod") and c.lower_ == "down" for c in verb.children)
    return lemma in ("come", "go") and down


def _burden_rises(eng: StanceMarker, verb: Token) -> bool:
    """"(our plan will see) GP fees rise": a burden noun that is the subject of a rising verb."""
    burdens = eng.lexicon("@burden_nouns")
    rising_verbs = eng.lexicon("@rising_verbs")
    for tok in verb.subtree:
        lemma = tok.lemma_.lower()
        rising = lemma in rising_verbs or (lemma == "go" and any(c.lower_ == "up" for c in tok.children))
        subjects = (c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass"))
        if rising and any(c.lemma_.lower() in burdens for c in subjects):
            return True
    return False


def _harm_in_clause(eng: StanceMarker, verb: Token) -> bool:
    """The clause talks of harm ("will create chaos", "put jobs at risk", "a legacy of debt", "the
    Government's cuts will …"): said of someone else, a forecast or an attack, not a promise. A remedy
    verb ("will fix the crisis", "reverse the cuts") turns harm words into the promise's target."""
    words = eng.lexicon("@harm_words")
    # the verb's own arguments, not a purpose or relative clause ("invest to help people at risk")
    own = [c for c in verb.children if c.dep_ not in SCOPE_EXCLUDE and c.dep_ not in CLAUSE_DEPS]
    for tok in (verb, *(t for c in own for t in c.subtree)):
        if tok.lower_ in words or tok.lemma_.lower() in words:
            return True
        if tok.lower_ == "cuts" and tok.tag_ == "NNS" and not any(c.lower_ == "tax" for c in tok.children):
            return True  # "their cuts", not "our tax cuts"
        relief = (tok.dep_ == "compound" and tok.head.lemma_.lower() in eng.lexicon("@relief_nouns")) or any(
            c.dep_ == "amod" and c.lower_ in ("lower", "fewer", "less", "reduced", "fairer", "simpler")
            for c in tok.children
        )
        if tok.lower_ in eng.lexicon("@burden_nouns") and not relief and not _on_the_powerful(eng, tok):
            return True  # "will bring back the carbon tax", not "will deliver tax relief"
    return False


def _on_the_powerful(eng: StanceMarker, burden: Token) -> bool:
    """"a levy on the big banks", "a tax on multinationals / millionaires / polluters": a burden laid on
    the powerful is what a party promises; one laid on families or everyone is what its rival warns of."""
    head = burden.head if burden.dep_ == "compound" else burden
    holders = [head, head.head] if head.dep_ == "dobj" else [head]  # "introduce a levy [on the banks]"
    payers = eng.lexicon("@powerful_payers")
    for prep in (c for h in holders for c in h.children):
        if prep.dep_ != "prep" or prep.lower_ not in ("on", "for"):
            continue
        for obj in (o for o in prep.children if o.dep_ == "pobj"):
            mods = {c.lower_ for c in obj.children if c.dep_ in ("amod", "compound")}
            if obj.lemma_.lower() in payers or obj.lower_ in payers or mods & eng.lexicon("@big_words"):
                return True
    return False
