"""Commitments in the forms campaign releases use besides 'will': headlines ("Labor to build new
hospital", "Coalition delivers $20 million"), list items and fragments ("$5 million to upgrade Main
Street"), announcements, owned plans, present progressives, and commitments kept, refused or
demanded of others."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from spacy.tokens import Token

from stance_reader.nlp.stance.rules.checks.common import agent_kind
from stance_reader.nlp.stance.rules.checks.future import future_complement
from stance_reader.nlp.stance.rules.checks.speaker import is_named_person
from stance_reader.nlp.stance.rules.rule import Hit
from stance_reader.nlp.syntax import (
    SUBJECT_DEPS,
    is_negated,
    subject_of,
)

if TYPE_CHECKING:
    from stance_reader.nlp.stance.rules.engine import StanceMarker


def progressive_agent(eng: StanceMarker, hit: Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """A present-progressive announcement by the party itself: "we are investing $30 million",
    "Labor is delivering …" — present 'be', no modal, the subject "we"/"I" or a named body (not
    he/she/they, whose progressive describes, or a common noun)."""
    auxes = [c for c in anchor.children if c.dep_ in ("aux", "auxpass")]
    present_be = any(a.lemma_ == "be" and a.lower_ in eng.lexicon("@present_be") for a in auxes)
    if not present_be or any(a.tag_ == "MD" for a in auxes):
        return False
    if any(c.lower_ == "already" for c in anchor.children):
        return False  # "is already investing $3 million": a running programme, not an announcement
    subj = subject_of(anchor)
    if subj is None or subj.dep_ == "nsubjpass":
        return False
    if subj.lower_ in ("we", "i"):
        return True
    return subj.pos_ != "PRON" and agent_kind(eng, subj) == "agent"


def owned_plan_subject(eng: StanceMarker, hit: Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """A present-tense verb whose subject is a plan/funding noun the speaker owns or points at ("our
    plan delivers", "Labor's plan provides", "this commitment builds on") — not "their plan"."""
    if anchor.tag_ not in ("VBZ", "VBP"):
        return False
    subj = subject_of(anchor)
    if subj is None or subj.dep_ != "nsubj" or subj.lemma_.lower() not in eng.lexicon("@instrument_nouns"):
        return False
    for c in subj.children:
        if c.dep_ == "poss":
            if c.lower_ in eng.lexicon("@first_person"):
                return True
            named = c.pos_ == "PROPN" or agent_kind(eng, c) == "agent"
            return named and c.lower_ not in ("their", "his", "her")
        if c.dep_ == "det" and c.lower_ in ("this", "these"):
            return True
    return False


def announces_funding(eng: StanceMarker, hit: Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """"The Government today announced $15 million for …", "I can announce that we will …": an agent
    announcing money, a plan or a future undertaking — not "will announce" (scheduling), not a past
    announcement dated back ("last year announced")."""
    if any(c.dep_ == "aux" and c.lower_ in eng.lexicon("@future_modals") for c in anchor.children):
        return False
    modifiers = (c for c in anchor.children if c.dep_ in ("npadvmod", "advmod", "prep"))
    if any(t.lower_ in eng.lexicon("@time_past") for c in modifiers for t in c.subtree):
        return False
    if agent_kind(eng, subject_of(anchor)) != "agent":
        return False
    for c in anchor.children:
        if c.dep_ == "dobj" and (
            c.ent_type_ == "MONEY" or c.lemma_.lower() in eng.lexicon("@instrument_nouns")
            or any(t.ent_type_ == "MONEY" for t in c.subtree)
        ):
            return True
    return future_complement(eng, hit, arg, anchor, anchor)


def present_pledge(eng: StanceMarker, hit: Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """A release headline in the present tense, "Coalition delivers $20 million for Geelong rail",
    "Labor invests in youth services": a party or government (not a person, not a pronoun) as subject
    of an announcing verb with an object, in a sentence with no closing full stop."""
    if anchor.dep_ != "ROOT" or any(c.dep_ in ("aux", "auxpass") for c in anchor.children):
        return False
    subj = subject_of(anchor)
    if subj is None or subj.pos_ == "PRON" or agent_kind(eng, subj) != "agent" or is_named_person(eng, subj):
        return False
    if any(c.dep_ == "poss" for c in subj.children):  # "Labor's …": a thing owned, not the party
        return False
    objs = [c for c in anchor.children if c.dep_ in ("dobj", "prep", "dative")]
    # body text in the present describes a running programme ("The Government provides $2 billion a
    # year"); only a headline announces with it
    last = next((t for t in reversed(anchor.sent) if not t.is_space), anchor)
    return bool(objs) and last.text not in (".", "!", "?", '"', "”", ";", ",")


def headline_future(eng: StanceMarker, hit: Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """A headline future, "Labor to build new hospital": a bare infinitive as the sentence root with an
    agent subject (scheduling verbs excluded: "Prime Minister to visit Darwin")."""
    if anchor.lemma_.lower() in eng.lexicon("@not_commissive_verbs"):
        return False
    if not any(c.dep_ == "aux" and c.tag_ == "TO" for c in anchor.children):
        return False
    if anchor.dep_ == "ROOT":
        subj = subject_of(anchor)
    elif anchor.dep_ in ("relcl", "acl") and anchor.head.i == anchor.sent.root.i and anchor.head.i < anchor.i:
        subj = anchor.head  # the small model reads "Labor to build …" as a noun with a relative clause
    else:
        return False
    return subj is not None and agent_kind(eng, subj) == "agent" and subj.pos_ != "PRON"


def title_case_headline(eng: StanceMarker, hit: Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """"Labor Commits To New Cancer Centre In Darwin", "Coalition To Build Western Sydney Rail": a short
    Title Case headline whose first words name a party or government (not a person: "Prime Minister To
    Visit Darwin") before the announcing verb. The tagger reads such lines as noun phrases, so the
    test is on the words. After "To" the next word must be a delivery verb ("To Build", "To Fund")."""
    last = hit.tokens[-1]
    if not (anchor.is_title or anchor.is_upper) or not (last.is_title or last.is_upper):
        return False  # cheap test first: the rule's words fire on every "to build" in body text
    sent = anchor.sent
    words = [t for t in sent if t.is_alpha]
    if not 3 <= len(words) <= 16 or sent[-1].text in ("?", "!"):
        return False
    if anchor.dep_ == "ROOT" and anchor.tag_ in ("VBZ", "VBP"):
        return False  # parsed as a verb after all: the headline rules on the parse decide
    if sum(1 for t in words if t.is_title or t.is_upper or t.is_stop) < len(words):
        return False  # body text, not a Title Case headline
    lead = [t for t in sent[: anchor.i - sent.start] if not t.is_space]
    if not 1 <= len(lead) <= 5 or not all(t.is_title or t.is_upper or t.text in ("-", "'s") for t in lead):
        return False
    if lead[0].lower_.rstrip(".") in eng.lexicon("@headline_persons") or lead[0].lower_ in eng.lexicon(
        "@first_person"
    ):
        return False
    # "Smith Pledges …" is a person's, "Shorten Labor Government …" the party's
    return not any(t.ent_type_ == "PERSON" for t in lead) or any(
        t.lower_ in ("government", "labor", "labour", "coalition", "party") for t in lead
    )


def money_purpose(eng: StanceMarker, hit: Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """A release headline "$5 million to upgrade Main Street": an amount or a funding noun with the
    purpose it is for, in a sentence without a finite verb of its own (a fragment)."""
    head = anchor.head
    if anchor.dep_ not in ("relcl", "acl", "advcl") or head.i == anchor.i:
        return False
    if not (head.ent_type_ == "MONEY" or head.lemma_.lower() in eng.lexicon("@instrument_nouns")):
        return False
    root = anchor.sent.root
    return root.pos_ in ("NOUN", "PROPN", "NUM", "SYM", "X")


def gerund_fragment(eng: StanceMarker, hit: Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """A list item of a release, "Upgrading the Princes Highway …": the sentence is a subjectless
    gerund phrase that opens with the verb."""
    if anchor.dep_ != "ROOT" or any(c.dep_ in (*SUBJECT_DEPS, "aux", "auxpass") for c in anchor.children):
        return False
    first = next((t for t in anchor.sent if not (t.is_punct or t.is_space)), anchor)
    return first.i == anchor.i


def fragment_root(eng: StanceMarker, hit: Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """The cue heads a verbless sentence ("$8.5 million for a new aquatic centre"): a release heading
    or list item naming money and its purpose."""
    return anchor.sent.root.i == anchor.i


def _purpose_clause(noun: Token) -> Token | None:
    """A to-infinitive hanging off a list item's noun: "150 new beds to meet demand"."""
    return next(
        (c for c in noun.children
         if c.dep_ in ("acl", "relcl") and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)),
        None,
    )


def _item_start(eng: StanceMarker, anchor: Token) -> bool:
    """``anchor`` opens its sentence, after nothing but punctuation, a bullet or an infinitive "to"."""
    bullets = eng.lexicon("@bullets")
    for tok in anchor.sent:
        if tok.i == anchor.i:
            return True
        if not (tok.is_punct or tok.is_space or tok.text in bullets or tok.lower_ == "to"):
            return False
    return False


def imperative_item(eng: StanceMarker, hit: Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """A list item after a "Labor will:" header, "Invest $30 million to upgrade …", "To build 20 new
    hospitals": a bare delivery verb opening a sentence with no subject, not "Help us win" or "Vote
    Labor"."""
    if anchor.dep_ != "ROOT" or not _item_start(eng, anchor):
        return False
    if any(c.dep_ in (*SUBJECT_DEPS, "aux", "auxpass") and c.tag_ != "TO" for c in anchor.children):
        return False
    if any(c.dep_ in ("dobj", "dative") and c.lower_ in ("us", "me", "you") for c in anchor.children):
        return False
    return any(c.dep_ in ("dobj", "prep", "advcl", "xcomp") for c in anchor.children)


def np_item(eng: StanceMarker, hit: Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """A verbless list item or heading naming what is promised: "More doctors in regional towns",
    "Extra teachers for our public schools", "A new emergency department for Joondalup", "A $5 million
    upgrade of the interchange" — not "More than 2,000 people …"."""
    noun = anchor.head if anchor.dep_ == "amod" else anchor
    sent = anchor.sent
    purpose = _purpose_clause(noun)  # "New operating theatres to accommodate …"
    inside = {t.i for t in purpose.subtree} if purpose is not None else set()
    verbs_outside = [t for t in sent if t.pos_ in ("VERB", "AUX") and t.i not in inside]
    if noun.i != sent.root.i or verbs_outside or len(sent) > 25:
        return False
    nxt = anchor.doc[anchor.i + 1] if anchor.i + 1 < len(anchor.doc) else anchor
    if anchor.lower_ == "more" and nxt.lower_ == "than":
        return False
    preps = eng.lexicon("@item_preps")
    if purpose is None and not any(c.dep_ == "prep" and c.lower_ in preps for c in noun.children):
        return False
    if anchor.lower_ == "new":  # "a new X for Y" (with the article: a headline drops it)
        return any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children)
    if noun.lemma_.lower() in eng.lexicon("@instrument_nouns") and noun.i == anchor.i:
        return any(t.ent_type_ == "MONEY" or t.tag_ == "$" for t in noun.subtree)  # "a $5 million upgrade"
    return anchor.lower_ in eng.lexicon("@more_words") and _item_start(eng, anchor.doc[noun.left_edge.i])


def first_person_wish(eng: StanceMarker, hit: Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """"We want to build a stronger economy": a first-person volition to act — not courtesy ("we want
    to thank …") or perception ("want to see")."""
    subj = subject_of(anchor)
    if subj is None or subj.lower_ not in ("we", "i"):
        return False
    target = hit.tokens[-1].lemma_.lower()
    return target not in eng.lexicon("@not_commissive_verbs") and target not in eng.lexicon("@courtesy_verbs")


def first_person_plan(eng: StanceMarker, hit: Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """"our plan to cut red tape", "we have a plan to create jobs": a plan the speaker owns, with the
    action it undertakes — not "Labor's plan to …" (which a rival release may be attacking)."""
    if any(c.dep_ == "poss" and c.lower_ in ("our", "my") for c in anchor.children):
        return True
    head = anchor.head
    if anchor.dep_ == "dobj" and head.lemma_ == "have" and head.tag_ in ("VBP", "VB"):
        subj = subject_of(head)
        return subj is not None and subj.lower_ in ("we", "i") and not is_negated(head, head)
    return False


def body_plan(eng: StanceMarker, hit: Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """"Labor's plan to create jobs", "its plan to fix the NBN", "the Coalition has a plan to grow the
    economy": a plan owned by a party or government (not a person's: "Mr Turnbull's plan to …"; not
    "their plan"). The rule also runs the attack test on the planned action ("Labor's plan to increase
    taxes")."""
    noun = hit.tokens[0]
    if any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
        return False  # "I have no plans to endorse a candidate"
    if first_person_plan(eng, hit, arg, noun, noun):
        return True
    for c in noun.children:
        if c.dep_ == "poss":
            if c.lower_ == "its":
                return True
            return agent_kind(eng, c) == "agent" and c.pos_ != "PRON" and not is_named_person(eng, c)
    head = noun.head
    if noun.dep_ == "dobj" and head.lemma_ == "have" and not is_negated(head, head):
        subj = subject_of(head)
        return subj is not None and subj.pos_ != "PRON" and agent_kind(eng, subj) == "agent" and not (
            is_named_person(eng, subj)
        )
    return False


def not_kept_or_praised(eng: StanceMarker, hit: Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """A commitment noun that is kept or praised is not made here: "which delivers on our commitment to
    …", "honours Labor's promise", "thanked him for his commitment to the region"."""
    noun = next((t for t in hit.tokens if t.pos_ == "NOUN"), anchor)  # "commitment to develop": the noun
    if noun.dep_ not in ("dobj", "pobj"):
        return True  # "Labor's pledge was welcomed": the pledge itself is still reported
    head = noun.head
    if head.dep_ == "prep" and head.lower_ in ("on", "for", "to"):
        head = head.head
    return head.i == noun.i or head.lemma_.lower() not in eng.lexicon("@keeping_verbs")


def not_refused(eng: StanceMarker, hit: Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """"refused to commit", "has yet to commit", "declined to promise": a withheld commitment; "calls on
    the State Government to commit $75 million", "urges Mr Turnbull to guarantee …": one demanded of
    someone else (a directive), not made."""
    head = verb.head if verb.dep_ == "xcomp" else None
    if head is not None and head.lemma_.lower() in eng.lexicon("@refusal_heads"):
        return False
    if _demanded_of_another(eng, verb):
        return False
    doc = anchor.doc
    return not any(doc[i].lower_ == "yet" for i in range(max(anchor.sent.start, anchor.i - 3), anchor.i))


def _demanded_of_another(eng: StanceMarker, verb: Token) -> bool:
    """The cue's clause is what a directive asks of someone named as its object ("call on X to …",
    "urge X to …", "want X to …"); "we want to build" (no one else named) is not."""
    if verb.dep_ not in ("xcomp", "advcl", "ccomp") or verb.head.lemma_.lower() not in eng.lexicon(
        "@directive_heads"
    ):
        return False
    head = verb.head
    asked = [c for c in head.children if c.dep_ in ("dobj", "dative", "nsubjpass")]  # "was asked to"
    asked += [o for c in head.children if c.dep_ == "prep" and c.lower_ in ("on", "upon") for o in c.children]
    asked += [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]  # "want the Government to"
    return bool(asked)
