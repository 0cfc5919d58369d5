"""Who speaks: the subject of a cue as parsed (climbing conjunctions, "adding that", "a statement
saying"), the fallbacks when the parser lost it (the noun phrase right before a finite cue), and the
speaker mention as written (the subject with its modifiers and apposition).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from stance_reader.nlp.attribution.common import SUBJECTS, SpanT, _according
from stance_reader.nlp.extensions import doc_text

# Verbs whose subject is what is judged, not who judges ("he seems to …").
RAISING = frozenset({"seem", "appear", "look"})


def _raising(cue: Token) -> bool:
    """ "He seems to …", "it looks like …" — but not "she is looking to win": that one seeks."""
    lemma = cue.lemma_.lower()
    return lemma in RAISING and not (lemma == "look" and cue.tag_ == "VBG")


# Passives that describe the subject's own state of mind ("voters are split on …", "not everyone is
# convinced that …", "she is determined to …"): the subject holds the view.
STATES = frozenset(
    {
        "alarm", "assure", "commit", "concern", "convince", "determine", "disappoint", "divide",
        "dismay", "encourage", "focus", "frighten", "frustrate", "impress", "incline", "interest",
        "mystify", "persuade", "please", "poise", "prepare", "satisfy", "scare", "shock", "split",
        "surprise", "tear", "trouble", "unconvince", "upset", "worry",
    }
)


def _agent(cue: Token) -> Token | None:
    """The "by" phrase of a passive cue ("asked by a reporter", "pushed by host Chuck Todd")."""
    for child in cue.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _subject(cue: Token) -> Token | None:
    """Who speaks: the parsed subject, else for a finite cue the noun phrase right before it."""
    subj = _parsed_subject(cue)
    if subj is not None and _temporal(subj):
        # 'Saturday at the convention Sen. Warren said …': a day or a time never speaks
        subj = None
    if subj is not None and subj.i < cue.i and any(t.text == ":" for t in cue.doc[subj.i + 1 : cue.i]):
        # 'Voter participation: Sanders, whose coalition …, said': a label before a colon is no subject
        subj = None
    if subj is not None and _opening_participle(subj) and subj.i < cue.i:
        subj = _name_before_cue(cue)
    if subj is None:
        subj = _left_subject(cue)
    return subj


def _opening_participle(tok: Token) -> bool:
    """ "Briefing the Council, …": a participle opening its sentence with its own object (not a name
    the tagger read as one: "Ebeling reminisced")."""
    return (tok.tag_ == "VBG" and tok.i == tok.sent.start
            and any(c.dep_ in ("dobj", "prep") and c.i > tok.i for c in tok.children))


def _name_before_cue(cue: Token) -> Token | None:
    """ "Briefing the Council, the Head of the mission, Adaeze Nwosu, said": the parser made the opening
    participle the subject; who speaks is the name set off by commas right before the cue."""
    doc = cue.doc
    if cue.i < 2 or doc[cue.i - 1].text != ",":
        return None
    name = doc[cue.i - 2]
    return name if name.pos_ == "PROPN" else None


WEEKDAYS = frozenset(
    {
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "yesterday",
        "tonight",
    }
)


def _temporal(tok: Token) -> bool:
    """A day or a time of day (the parser sometimes makes a fronted "Saturday" the subject)."""
    return tok.ent_type_ == "TIME" or tok.lower_ in WEEKDAYS


def _left_subject(cue: Token) -> Token | None:
    """'Speaker of the House Paul Ryan (R-WI) said “…”' when the parser lost the subject: a finite,
    active cue takes the noun phrase just before it (over adverbs and a parenthesis); a relative
    clause ending there gives its noun ('an official who spoke anonymously said …')."""
    if cue.tag_ == "VBG" and cue.i > 0 and cue.doc[cue.i - 1].text == ",":
        # 'Hollande said …, noting that …': a participle clause after a comma shares the main subject
        root = cue.sent.root
        if root.i >= cue.i or root.pos_ not in ("VERB", "AUX"):
            return None
        return _parsed_subject(root)
    if cue.tag_ not in ("VBD", "VBZ", "VBP") or _raising(cue):
        return None
    if any(c.dep_ in ("auxpass", "nsubjpass", "expl", "csubj") for c in cue.children):
        return None
    doc = cue.doc
    start = cue.sent.start
    i, depth = cue.i - 1, 0
    while i >= start:
        tok = doc[i]
        if tok.text == ")":
            depth += 1
        elif tok.text == "(":
            depth -= 1
        elif depth == 0 and not (tok.is_space or tok.pos_ in ("ADV", "PART") or tok.text in (",", "-", "—")):
            break
        i -= 1
    if i < start:
        return None
    tok = doc[i]
    if tok.pos_ not in ("PROPN", "NOUN", "PRON") or tok.is_quote or tok.tag_ in ("WP", "WDT"):
        return None
    if tok.lower_ in ("him", "them", "me", "us", "whom"):
        return None  # an object pronoun never speaks
    holder = tok
    for _ in range(8):  # climb out of a relative clause to the noun it describes
        if holder.dep_ == "relcl" and holder.head.i < tok.i:
            return holder.head
        if holder.head.i == holder.i:
            break
        holder = holder.head
    return tok


# Not ``syntax.subject_of``: that takes the first nsubj/nsubjpass/expl child, climbing conj/xcomp; a
# speaker is the nearest subject, never a passive one or "it" (except a passive shared over a
# conjunction), and the climb also crosses advcl/acomp/pcomp, participles and "a statement saying".
def _parsed_subject(cue: Token) -> Token | None:
    """Who speaks: the cue's subject, or the subject of the verb it hangs from ("…, adding that")."""
    if _according(cue):
        to = cue.doc[cue.i + 1]
        return next((c for c in to.children if c.dep_ == "pobj"), None)
    if _raising(cue):
        return None  # "he seems to …": an impression, nobody is quoted
    agent = _agent(cue)
    if agent is not None:
        return agent  # "Sanders was asked by host John Dickerson whether …": the asker is named
    sharer = _participle_sharer(cue)
    if sharer is not None:
        return sharer
    verb = cue
    via_conj = False
    acts = False  # the passive subject still does the cue ("suspended after slamming", "pressed to explain")
    for _ in range(4):
        subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
        subj = min(subjects, key=lambda c: abs(c.i - verb.i)) if subjects else None
        if subj is not None:
            if subj.dep_ == "nsubjpass" and (via_conj or acts or verb.lemma_.lower() in STATES):
                return subj  # 'Silverman was joined on stage … and joked': the shared subject speaks
            if subj.dep_ == "nsubjpass" or (verb is not cue and subj.lower_ == "it"):
                # passive, or "It is difficult to say …": nobody named says it
                return None
            return subj
        if verb is cue and cue.i > 0 and cue.doc[cue.i - 1].is_quote:
            # '"…," added another New Hampshire Democrat': the parser takes the speaker for an object.
            after = [c for c in cue.children if c.i > cue.i and c.dep_ in ("dobj", "attr", "npadvmod", "dep")]
            if after and after[0].pos_ in ("PROPN", "NOUN", "PRON"):
                return after[0]
            nxt = cue.doc[cue.i + 1] if cue.i + 1 < len(cue.doc) else None
            if nxt is not None and nxt.is_title and not nxt.is_stop:
                return nxt  # '“…,” said Skelly' with the name mistagged or hung off something else
        if (verb.tag_ == "VBN" and (verb.dep_ == "advcl" or verb.i == verb.sent.start)) or (
            verb.tag_ == "VBD" and verb.dep_ == "advcl" and verb.i == verb.sent.start
        ):
            # "Asked whether …, X said": the asker is not named (the tagger reads "Asked what …"
            # opening a sentence as a past tense; with no subject of its own it is the participle)
            return None
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
            holder = verb.head
            if holder.dep_ == "pobj" and holder.head.lower_ == "to" and holder.head.head.pos_ == "VERB":
                # "sent a text message to supporters saying …": the sender speaks, not the recipients
                sender = [c for c in holder.head.head.children if c.dep_ == "nsubj"]
                if sender and any(c.dep_ == "dobj" for c in holder.head.head.children):
                    return sender[0]
            if holder.pos_ == "NOUN" and holder.dep_ == "dobj" and holder.ent_type_ != "PERSON":
                # "X issued a statement saying …": the statement's issuer speaks, not the statement
                issuer = [c for c in holder.head.children if c.dep_ == "nsubj"]
                if issuer:
                    return issuer[0]
            return holder  # "Clinton, stating that …"
        if verb is cue:
            # "About 4 in 10 say …": the parser hangs the poll share off the verb as a number.
            share = [
                c
                for c in cue.children
                if c.i < cue.i and c.pos_ == "NUM" and c.dep_ in ("nummod", "npadvmod")
            ]
            if share:
                return share[-1]
        # "Voters were more likely to say …": climb from the infinitive over the adjective too.
        if verb.dep_ in ("conj", "xcomp", "advcl", "acomp") and verb.head.i != verb.i:
            via_conj = verb.dep_ == "conj" and verb is cue
            if verb.dep_ == "xcomp":
                acts = acts or verb is cue  # "was pressed to explain": the subject explains
            verb = verb.head
            continue
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
            # "… in criticizing Trump's record": the subject of the verb before "in"; also over the noun
            # or adjective the phrase hangs from ("has a long history of blaming others", "are united in
            # supporting …")
            up = verb.head.head
            for _ in range(3):
                if up.pos_ in ("VERB", "AUX") or up.head.i == up.i:
                    break
                up = up.head
            if up.pos_ in ("VERB", "AUX") and up.i != verb.i:
                verb, acts = up, True
                continue
        break
    return None


def _participle_sharer(cue: Token) -> Token | None:
    """ "Trump told Newsmax that Romney “…,” adding, “…”": a participle after a comma that the parser
    hangs off the reported clause still shares the main clause's subject (the reporter, not Romney)."""
    if cue.tag_ != "VBG" or cue.i == 0 or cue.doc[cue.i - 1].text != ",":
        return None
    if any(c.dep_ in SUBJECTS for c in cue.children):
        return None
    root = cue.sent.root
    if root.i >= cue.i or root.pos_ not in ("VERB", "AUX") or cue.head.i == root.i:
        return None
    if not any(a.i == root.i for a in cue.ancestors):
        return None
    subjects = [c for c in root.children if c.dep_ == "nsubj"]
    return subjects[0] if subjects else None


_NAMES_RUNNING_ON = frozenset({"ORG", "GPE", "PERSON", "FAC", "WORK_OF_ART", "PRODUCT", "LOC"})


def _mention(subj: Token) -> SpanT:
    """The subject as written: its left modifiers up to the head, plus an apposition."""
    if subj.pos_ == "PRON":
        return subj.idx, subj.idx + len(subj.text)
    doc = subj.doc
    left = subj
    # Grow left over the subject's own modifiers, never across a line break or past 8 tokens.
    while (
        left.i > subj.left_edge.i
        and subj.i - left.i < 8
        and "\n" not in doc[left.i - 1].text
        and not doc[left.i - 1].is_space
        and not _ends_quoted_sentence(doc, left.i - 1)
        and not _spaced_dash(doc, left.i - 1)
    ):
        left = doc[left.i - 1]
    while left.i < subj.i and (left.is_punct or left.is_space):
        left = doc[left.i + 1]  # '“…,” Sarandon, 69, told': the closing mark hangs off the name
    right = subj
    for child in subj.children:
        if child.dep_ == "appos" and child.i > subj.i:
            right = child.right_edge
        elif child.i > subj.i and (_authored_by(child) or _represented(subj, child)):
            right = max(right, child.right_edge, key=lambda t: t.i)
    while right.i > subj.i and (right.is_punct or right.is_space):
        right = doc[right.i - 1]
    if subj.ent_iob_ in ("B", "I") and subj.ent_type_ in _NAMES_RUNNING_ON:
        # "The Department of Health said": the name runs on past the head ("of Health"); also under a
        # label the model got wrong ("The Port of Rotterdam Authority", WORK_OF_ART to it)
        while right.i + 1 < len(doc) and doc[right.i + 1].ent_iob_ == "I" and right.i - subj.i < 8:
            right = doc[right.i + 1]
    return left.idx, _closed_bracket(doc, left.i, right.i)


def _spaced_dash(doc: Doc, i: int) -> bool:
    """A dash with a space before it ("the next round - Philip Bump") parts phrases; one inside a word
    ("Washington-based") does not."""
    return doc[i].text in ("-", "\u2013", "\u2014") and i > 0 and bool(doc[i - 1].whitespace_)


def _ends_quoted_sentence(doc: Doc, i: int) -> bool:
    """A closing mark after a comma or full stop ('“It’s unanimous,” councilmember Levine said'): the
    end of a quotation the parser put inside the subject, not a name in quotes ('the “Ted Cruz” camp')."""
    return doc[i].is_quote and i > 0 and doc[i - 1].text in (",", ".", "!", "?")


def _closed_bracket(doc: Doc, first: int, last: int) -> int:
    """Where a mention over tokens first..last ends: past the ")" its "(" opened ("Sen. Bernie Sanders
    (I-Vt.)", whose "." the trim of end punctuation took), or before the unclosed "(" when none is near."""
    end = doc[last].idx + len(doc[last].text)
    written = doc_text(doc)[doc[first].idx : end]
    if written.count("(") <= written.count(")"):
        return end
    for k in range(last + 1, min(len(doc), last + 4)):
        if doc[k].text == ")":
            return doc[k].idx + 1
    before = max(k for k in range(first, last + 1) if doc[k].text == "(") - 1
    while before > first and (doc[before].is_punct or doc[before].is_space):
        before -= 1
    return doc[before].idx + len(doc[before].text) if before >= first else end


# Nouns of people who speak for a body: the body is part of the source as written ("the representative
# of Kestria", "members of the Security Council", "a spokeswoman for the ministry").
_SPEAKS_FOR = frozenset({
    "ambassador", "chair", "chairman", "chairwoman", "chief", "delegate", "delegation", "director",
    "envoy", "head", "leader", "member", "minister", "president", "representative", "secretary",
    "spokesman", "spokesperson", "spokeswoman",
})
# ... and of people who speak from inside one ("analysts at Norrbank", "officials at the ministry").
_SPEAKS_AT = frozenset({
    "analyst", "economist", "expert", "official", "researcher", "scientist", "source", "strategist",
})


# ... and of people sent by one ("Mediators from the Coastal Union said", "officials from the ministry").
_SPEAKS_FROM = frozenset({
    "delegate", "delegation", "diplomat", "envoy", "expert", "inspector", "investigator", "mediator",
    "monitor", "negotiator", "observer", "official", "representative",
})


def _represented(subj: Token, child: Token) -> bool:
    """ "of/for" (or "at", "from") + a named body right after a noun of someone who speaks for (or from)
    it."""
    if child.dep_ != "prep" or child.i != subj.i + 1 or subj.pos_ != "NOUN":
        return False
    lemma = subj.lemma_.lower()
    fits = (child.lower_ in ("of", "for") and lemma in _SPEAKS_FOR) or (
        child.lower_ == "at" and lemma in _SPEAKS_AT) or (child.lower_ == "from" and lemma in _SPEAKS_FROM)
    return fits and any(g.dep_ == "pobj" and g.pos_ == "PROPN" for g in child.children)


def _authored_by(child: Token) -> bool:
    """ "a poll by Gallup", "an analysis conducted by the Pew Research Center": who made the finding is
    part of the source as written."""
    if child.dep_ == "prep" and child.lower_ == "by":
        return True
    return child.dep_ == "acl" and child.tag_ == "VBN" and any(g.dep_ == "agent" for g in child.children)
