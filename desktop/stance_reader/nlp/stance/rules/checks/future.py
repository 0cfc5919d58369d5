"""Whether a will/would future commits someone: a commissive act by an agent, a promised outcome or
state, not a forecast, a schedule, a hedged or modalised verb, or an indirect question."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from spacy.tokens import Token

from stance_reader.nlp.stance.rules.checks.attack import effective_lemma
from stance_reader.nlp.stance.rules.checks.common import agent_kind, reporting_head
from stance_reader.nlp.stance.rules.checks.speaker import is_person
from stance_reader.nlp.stance.rules.rule import Hit
from stance_reader.nlp.syntax import (
    clause_head,
    clause_span,
    is_negated,
    subject_of,
)

if TYPE_CHECKING:
    from stance_reader.nlp.stance.rules.engine import StanceMarker


def commissive_future(eng: StanceMarker, hit: Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """A future/backshifted modal that commits someone. Yes: an agent (person, body, we) doing anything
    but a scheduled or forecast event ("Labor will invest"); a passive plan ("stations will be built");
    any subject with a delivery verb ("the project will create 8,000 jobs"); a plan/funding subject.
    No: "the meeting will focus on", "the ministers will meet", "prices will rise", "it will be hard"."""
    lemma = verb.lemma_.lower()
    subj = subject_of(verb)
    if lemma in eng.lexicon("@instrument_verbs") and agent_kind(eng, subj) == "instrument":
        return True  # "our plan will see 40,000 jobs created", "the funding will go towards …"
    if any(_under_own(c) for c in verb.children):
        return True  # "under our plan, power bills will come down": an outcome promised by us
    if subj is not None and _vote_for(subj):
        # "a vote for Labor will keep your wages growing": the outcome the party promises its voters
        return lemma not in eng.lexicon("@not_commissive_verbs")
    if lemma in ("mean", "see") and subj is not None and subj.lower_ in ("this", "these", "it"):
        # "This will mean 1,000 more police", "It will mean people can get to work quicker": the outcome
        # the writer's own (unreported) sentence promises
        return clause_head(verb).dep_ == "ROOT" and not any(c.dep_ == "parataxis" for c in verb.children)
    if lemma == "hold" and any(
        c.dep_ == "dobj" and c.lemma_.lower() in eng.lexicon("@held_inquiries") for c in verb.children
    ):  # "will hold a royal commission" undertakes; "will hold a press conference" is a diary note
        return agent_kind(eng, subj) == "agent"
    if _speech_event(eng, verb):
        return False  # "I'll take a couple of questions", "I'll give you an example": managing the talk
    targets = eng.lexicon("@met_targets")
    if lemma == "meet" and any(c.dep_ == "dobj" and c.lemma_.lower() in targets for c in verb.children):
        return agent_kind(eng, subj) == "agent"  # "will meet its aid goal" undertakes; "will meet again" not
    if lemma in eng.lexicon("@not_commissive_verbs") or effective_lemma(eng, verb) in eng.lexicon(
        "@not_commissive_verbs"
    ):  # "debt will keep climbing"
        return False
    if subj is not None and subj.lower_ in ("that", "which", "who") and clause_head(verb).dep_ == "relcl":
        subj = clause_head(verb).head  # "a government that will invest": the noun the clause modifies
    if subj is not None and subj.lower_ == "there" and lemma == "be":
        return _promised_existence(eng, verb)  # "there will be 500 more nurses"
    if subj is None or subj.lower_ in ("you", "there") or subj.dep_ == "expl":
        return False
    delivery = lemma in eng.lexicon("@delivery_verbs")
    kind = agent_kind(eng, subj)
    if subj.dep_ == "nsubjpass":  # "stations will be built" promises; "will be remembered" forecasts
        return delivery
    if lemma == "be":  # "we will be a government that …" commits; "he will be in Brussels" does not
        if any(c.dep_ == "acomp" and c.lower_ in eng.lexicon("@speaker_states") for c in verb.children):
            return False  # "I'll be brief", "I will always be grateful"
        return subj.lower_ in ("we", "i") or _promised_state(eng, verb, subj)
    if lemma == "have" and any(c.dep_ == "xcomp" for c in verb.children):
        return False  # "Labor will have to explain …": an obligation laid on someone, not an undertaking
    if kind in ("agent", "instrument"):  # a plan or funding noun promises its outcome ("the investment
        return True  # will attract …"); "will affect / cost" are in the not-commissive verbs
    if lemma == "have" and subj.pos_ in ("NOUN", "PROPN"):  # "students will have access to …"
        benefits = eng.lexicon("@benefit_nouns")
        return any(c.dep_ == "dobj" and c.lemma_.lower() in benefits for c in verb.children)
    # a delivery verb promises an outcome when its subject is a thing ("the project will create jobs",
    # "this will help families"); "it" only in the writer's own sentence, not a reported forecast
    # ("it will receive support, the senator said")
    if delivery and subj.lower_ == "it":
        return clause_head(verb).dep_ == "ROOT" and not any(c.dep_ == "parataxis" for c in verb.children)
    return delivery and (subj.pos_ in ("NOUN", "PROPN") or subj.lower_ in ("this", "these"))


def _promised_existence(eng: StanceMarker, verb: Token) -> bool:
    """"There will be 500 more nurses / a new hospital / an extra 20 beds": something new is promised to
    exist — a counted or new thing, not "there will be no easy choices"."""
    more = eng.lexicon("@more_words")
    for c in verb.children:
        if c.dep_ not in ("attr", "nsubj", "dobj") or c.pos_ not in ("NOUN", "PROPN"):
            continue
        mods = list(c.children)
        if any(m.lower_ == "no" for m in mods):
            return False
        return any(m.dep_ == "nummod" or m.lower_ in more for m in mods)
    return False


def _speech_event(eng: StanceMarker, verb: Token) -> bool:
    """"I'll take a couple of questions", "I'll give you an example", "I'll let the Minister answer
    that", "we will have more to say about that": the speaker managing the speech or press conference."""
    lemma = verb.lemma_.lower()
    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    objects += [o for c in objects for p in c.children if p.lower_ == "of" for o in p.children]  # "a few of"
    if lemma in ("get", "have") and any(
        o.lemma_.lower() == "say"
        or (o.lemma_.lower() == "chance" and any(c.lemma_.lower() in ("have", "vote") for c in o.children))
        for o in objects
    ):
        return True  # "Australians will get their chance to have their say": the election, not a promise
    talk_objects = eng.lexicon("@talk_objects")
    if lemma in ("take", "give", "have") and any(o.lemma_.lower() in talk_objects for o in objects):
        if lemma != "have":
            return True
        return any(c.dep_ in ("xcomp", "relcl", "acl") and c.lemma_.lower() == "say"
                   for o in objects for c in (*o.children, *verb.children))
    if lemma == "hand" and not objects:  # "I'll hand over to Catherine"
        return any(c.dep_ == "prt" and c.lower_ == "over" for c in verb.children)
    if lemma == "let":
        talk_verbs = eng.lexicon("@talk_verbs")
        return any(c.dep_ in ("ccomp", "xcomp") and c.lemma_.lower() in talk_verbs for c in verb.children)
    if lemma in ("finish", "conclude", "close", "end", "wrap") and verb.tag_ == "VB":
        # "I will finish with this", "I'll conclude by saying": the speaker, ending the speech
        subj = subject_of(verb)
        done = [c for c in verb.children if c.dep_ == "dobj" and c.lower_ not in ("this", "that")]
        return subj is not None and subj.lower_ == "i" and not done
    return False


def _under_own(prep: Token) -> bool:
    """"under our plan", "under my government": the writer's own programme ("under a Labor Government"
    is as often a rival's threat)."""
    if prep.dep_ != "prep" or prep.lower_ != "under":
        return False
    return any(
        o.dep_ == "pobj" and any(c.dep_ == "poss" and c.lower_ in ("our", "my") for c in o.children)
        for o in prep.children
    )


def _promised_state(eng: StanceMarker, verb: Token, subj: Token) -> bool:
    """"The centre will be open seven days a week", "parents will be able to apply": a service made
    available (a noun subject and an availability adjective), not "it will be difficult"."""
    if subj.pos_ not in ("NOUN", "PROPN") and subj.lower_ not in ("this", "these"):
        return False
    if is_person(eng, subj) or is_negated(verb, verb) or _dated(eng, verb):
        return False  # "the Minister will be available for interviews", "Labor will never be able to"
    states = eng.lexicon("@availability_adjs")
    comparative_ok = agent_kind(eng, subj) != "agent"  # "roads will be safer"; "Americans would be safer"
    if _better_off(verb):
        return comparative_ok  # "schools will be better off by $23 million"; not "Labor will be better off"
    return any(
        c.dep_ in ("acomp", "attr") and c.lower_ in states and (c.tag_ != "JJR" or comparative_ok)
        for c in verb.children
    )


def _better_off(verb: Token) -> bool:
    """"will be better off" right after the verb (the parser attaches "off" in several ways)."""
    doc = verb.doc
    window = doc[verb.i + 1 : min(len(doc), verb.i + 4)]
    return any(t.lower_ == "better" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "off" for t in window)


def future_complement(eng: StanceMarker, hit: Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """The cue verb embeds a clause carrying will/would/shall/going to ("confirmed that NATO would …"),
    or is emphatic ("did confirm")."""
    if any(c.dep_ == "aux" and c.lemma_ == "do" for c in verb.children):
        return True
    for comp in verb.children:
        if comp.dep_ in ("ccomp", "xcomp"):
            subj = subject_of(comp)
            # someone's undertaking ("that NATO would meet its goal"), not an estimate confirmed about a
            # thing ("the office confirmed the changes will raise $32 billion")
            agentive = subj is None or subj.lower_ == "it" or agent_kind(eng, subj) == "agent"
            modals = eng.lexicon("@future_modals")
            if agentive and any(c.dep_ == "aux" and c.lower_ in modals for c in comp.children):
                return True
            if comp.lower_ == "going":
                return True
    return False


def not_under_hedge(eng: StanceMarker, hit: Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """A 'will' under "I think / we hope / expect" is a forecast, not a promise."""
    rep = reporting_head(verb)
    if rep is not None and rep.lemma_.lower() in ("guarantee", "promise", "commit", "confirm", "assure"):
        return not is_negated(rep, rep)  # "we cannot guarantee that it will be finished" is a hedge
    return rep is None or rep.lemma_.lower() not in eng.lexicon("@hedge_heads")


def no_hedge_adverb(eng: StanceMarker, hit: Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """"will probably be remembered" forecasts; a hedging adverb on the verb cancels the commitment."""
    adverbs = eng.lexicon("@hedge_adverbs")
    return not any(c.dep_ == "advmod" and c.lower_ in adverbs for c in verb.children)


def not_modalised(eng: StanceMarker, hit: Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """A commissive under would/could/should is not performed ("she would have insisted on it",
    "the platform should reiterate")."""
    if any(c.dep_ == "aux" and c.lower_ in eng.lexicon("@hypothetical_modals") for c in verb.children):
        return False
    # "the Government needs to announce a plan", "Labor has to commit": an obligation, not a performance
    return not (verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ("need", "have", "ought"))


def not_embedded_question(eng: StanceMarker, hit: Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """"nobody knows what X will do", "failed to explain how he would pay": an indirect question."""
    head = clause_head(verb)
    if head.dep_ in ("ROOT", "relcl") or head.head.i == head.i:
        return True
    lo, _ = clause_span(verb)  # "where the money will come from": the wh-word may hang off a preposition
    doc = verb.doc
    return not any(
        t.tag_ in ("WP", "WRB") and not _that_is_why(t) for t in doc[lo : verb.i]
    )


def _that_is_why(tok: Token) -> bool:
    """"That is why we will invest …", "which is why": a reason given, not an open question."""
    return tok.lower_ == "why" and tok.i > 0 and tok.doc[tok.i - 1].lemma_ == "be"


def not_event_subject(eng: StanceMarker, hit: Hit, arg: Any, anchor: Token, verb: Token) -> bool:
    """Scheduling prose: an event as subject ("the conference will bring together …", "the announcement
    will be made in Perth") describes a programme, not an undertaking."""
    subj = subject_of(verb)
    words = eng.lexicon("@event_nouns")
    if subj is not None and (subj.lemma_.lower() in words or subj.lower_ in words) and not _vote_for(subj):
        return False
    return not (is_person(eng, subj) and _dated(eng, verb))


def _vote_for(subj: Token) -> bool:
    """"a vote for Labor": what the vote brings is the party's promise, not a scheduled event."""
    if subj.lemma_.lower() != "vote":
        return False
    return any(c.dep_ == "prep" and c.lower_ == "for" for c in subj.children)


def _dated(eng: StanceMarker, verb: Token) -> bool:
    """The clause names a day or a time of day ("this morning", "on Friday", "tonight", "at 10.30am"):
    a diary entry."""
    lo, hi = clause_span(verb)
    return any(t.lower_ in eng.lexicon("@diary_words") or _clock_time(t) for t in verb.doc[lo:hi])


def _clock_time(tok: Token) -> bool:
    """"10.30am", "8pm", "7.00" before am/pm: a time of day."""
    low = tok.lower_
    if low.endswith(("am", "pm")) and low[:-2].replace(".", "").replace(":", "").isdigit():
        return True
    nxt = tok.doc[tok.i + 1].lower_ if tok.i + 1 < len(tok.doc) else ""
    return tok.like_num and nxt in ("am", "pm", "a.m.", "p.m.")
