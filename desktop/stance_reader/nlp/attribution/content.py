"""What a cue reports: its complement in the first of its frames the parse offers ("ccomp": the clause,
"xcomp", "dobj" / "dobj+as": "called Trump a liar", "prep:about"), where that complement starts after
the telling ("told reporters on Tuesday that …"), and where it stops (a coordinated report, a gloss).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from spacy.tokens import Doc, Token

from stance_reader.nlp.attribution.common import SUBJECTS, SpanT


def _complement(tok: Token, frames: Sequence[str]) -> list[SpanT] | None:
    """The reported content of a cue verb in the first of its ``frames`` the parse offers."""
    for frame in frames:
        spans = _frame_spans(tok, frame)
        if spans:
            return spans
        if spans == []:
            return None  # the frame ruled the cue out (see _clause)
    return None


def _frame_spans(tok: Token, frame: str, trim: bool = True) -> list[SpanT] | None:
    """The content of ``tok`` in ``frame``; ``trim=False`` gives the bare complement the frame model
    was trained on (no closing gloss removed, no requested party added)."""
    if frame == "ccomp":
        return _clause(tok)
    span: SpanT | None = None
    if frame == "xcomp":
        child = next((c for c in tok.children if c.dep_ == "xcomp" and c.i > tok.i), None)
        span = _edge_span(child) if child is not None else None
        if span is not None and child is not None and trim:
            # "asked Kasich to lay out his path", "urged Congress to act": who is to act is part of
            # the request
            who = next((c for c in tok.children if c.dep_ == "dobj" and tok.i < c.i < child.i), None)
            if who is not None:
                span = (who.left_edge.idx, span[1])
    elif frame in ("dobj", "dobj+as"):
        span = _object(tok, need_second=frame == "dobj+as")
    elif frame.startswith("prep:"):
        word = frame[5:]
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == word and prep.i > tok.i:
                obj = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None)
                if obj is not None:
                    span = _edge_span(obj)
                    break
        else:
            span = _marked_clause(tok, word)
    if span is None:
        return None
    span = without_gloss(tok.doc, span) if trim else span
    seems = _seeming_subject(tok, span) if trim and frame == "xcomp" else None
    return [seems, span] if seems is not None else [span]


def _seeming_subject(tok: Token, span: SpanT) -> SpanT | None:
    """ "Clinton seems *to have found* that …", "Nabisco is expected *to cut* 277 jobs": what seems or is
    expected is the subject and the complement together (PolNeAR's content, two parts); the subject is
    not a speaker here."""
    subject = next((c for c in tok.children if c.dep_ in SUBJECTS and c.i < tok.i), None)
    passive = subject is not None and subject.dep_ == "nsubjpass"
    if not passive and tok.lemma_.lower() not in ("seem", "appear"):
        return None
    if subject is None or subject.right_edge.idx >= span[0]:
        return None
    return _edge_span(subject)


def _marked_clause(tok: Token, word: str) -> SpanT | None:
    """ "called for the United States to step up its efforts": the parser makes "for" the mark of an
    infinitive clause, not a preposition; the clause after the mark is what was called for."""
    for clause in tok.children:
        if clause.dep_ in ("advcl", "ccomp") and clause.i > tok.i:
            mark = next((m for m in clause.children if m.dep_ == "mark" and m.lower_ == word), None)
            if mark is not None and mark.i == clause.left_edge.i and mark.i + 1 <= clause.right_edge.i:
                first, last = tok.doc[mark.i + 1], clause.right_edge
                while last.is_punct and last.i > first.i:
                    last = tok.doc[last.i - 1]
                return first.idx, last.idx + len(last.text)
    return None


def without_gloss(doc: Doc, span: SpanT) -> SpanT:
    """A noun-phrase or infinitive complement without the writer's closing gloss after a comma:
    ", who stands apart from him", ", a sign of growing unease" (a relative clause or an apposition
    that runs to the end of the complement describes it; it is not part of what is reported)."""
    words = doc.char_span(span[0], span[1], alignment_mode="expand")
    if words is None or len(words) < 3:
        return span
    end = words.end - 1
    for tok in words:
        if tok.left_edge.i <= words.start + 1 or tok.right_edge.i < end:
            continue
        if doc[tok.left_edge.i - 1].text != ",":
            continue
        gloss = tok.dep_ == "appos" or (
            tok.dep_ == "relcl" and tok.left_edge.lower_ in ("who", "which", "whom", "whose")
        )
        if gloss:
            cut = _trimmed(doc, words.start, tok.left_edge.i - 2)
            if cut is not None:
                return cut
    return span


def _clause(tok: Token) -> list[SpanT] | None:
    """The clausal complement: "He said that X", or the clause the cue interrupts or follows
    ("X, he said" / "X, he said, Y": the head's words around the cue's own subtree)."""
    clauses = [c for c in tok.children if c.dep_ == "ccomp"]
    # A clause after the cue is what it reports; one before it is usually a misparse of a clause
    # around the subject ("Sanders, who sits at zero endorsements, said that …").
    after = [c for c in clauses if c.i > tok.i] or _that_clause_hung_on_a_noun(tok)
    if after:
        start, end = _clause_span(after[0])
        end = _run_on_clause(tok, after, end)
        lead = _complement_start(tok, after[0].left_edge.i)
        if lead is not None:  # the clause's own subject the parser hung off the cue ("said the days when …")
            start = tok.doc[lead].idx
        return [(start, _past_closing_quote(tok, after[0], end))]
    # "…, Obama told the crowd": the object is who hears it (unless the parse ran the clause over the
    # teller: '“Yes,” Brent Bozell, founder of …, tells National Review')
    addressed = tok.lemma_.lower() in TELLING and clauses[0].right_edge.i < tok.i if clauses else False
    if addressed:
        subject = next((c for c in tok.children if c.dep_ in SUBJECTS), None)
        addressed = subject is None or clauses[0].right_edge.i < subject.left_edge.i
        # a quotation before the tag is the direct-quote rules' to attribute
        addressed = addressed and not any(t.is_quote for t in clauses[0].subtree)
    if clauses and (addressed or not any(c.dep_ in ("dobj", "oprd", "dative") and c.i > tok.i
                                         for c in tok.children)):
        # '"…," he said' reports the clause before it; 'she drew his ire - he called her "weak"' does
        # not: a cue with its own object after it reports that instead.
        return [_clause_span(clauses[0])]
    head = tok.head
    if tok.dep_ not in ("parataxis", "ccomp") or head.i == tok.i or head.pos_ not in ("VERB", "AUX"):
        return _closing_tag(tok)
    last = tok.right_edge.i
    if head.i > last and any(c.dep_ in SUBJECTS and c.i > last for c in head.children) and not _bare_tag(tok):
        # "The government has pledged to cover it, a spokesman confirmed": the cue's clause is what
        # the verb after it reports; the words after the cue are that report, not this one's content.
        return None
    doc = tok.doc
    if tok.left_edge.dep_ == "mark" and tok.left_edge.head.i == tok.i:
        # "said …, that he was hoping for …": a clause opened by "that" is the head's report, never a
        # parenthetical around it (nor, on train, do the cue's other frames report well then)
        return []
    words_start = tok.left_edge.i
    while words_start < tok.i and doc[words_start].is_punct:
        words_start += 1  # the tag's own comma ("…, officials said, …") is the punctuation looked for
    if head.i < words_start and not any(t.is_punct for t in doc[head.i + 1 : words_start]):
        # "Officials said they warned …": the cue's clause is what the verb before it reports, not a
        # parenthetical "…, they warned"; "Officials said" is no one's content, and no other frame
        # of this cue is tried either (an empty list stops the search).
        return []
    parts = [
        _trimmed(doc, head.left_edge.i, tok.left_edge.i - 1, least=_subject_words(head, tok.left_edge.i)),
        _trimmed(doc, tok.right_edge.i + 1, head.right_edge.i),
    ]
    spans = [p for p in parts if p is not None]
    return spans or None


# What may follow a closing speech tag before the full stop ("she said on Tuesday", "he told reporters").
_TAG_TAIL = frozenset({"prep", "advmod", "npadvmod", "punct"})
_TAG_PREPS = frozenset(
    {"in", "on", "at", "during", "after", "before", "from", "with", "via", "through", "by"}
)
# Verbs that close a sentence as a bare speech tag ("…, she said."); others there take an object.
_TAG_VERBS = frozenset(
    {
        "say",
        "tell",
        "add",
        "write",
        "explain",
        "note",
        "argue",
        "claim",
        "insist",
        "recall",
        "warn",
        "predict",
        "acknowledge",
        "admit",
        "state",
        "observe",
        "contend",
        "assert",
        "suggest",
        "caution",
    }
)


def _closing_tag(tok: Token) -> list[SpanT] | None:
    """ "…, she said." closing a sentence the parser misread (the tag hung off a word inside the clause):
    the words before the comma are what was said."""
    doc = tok.doc
    sent = tok.sent
    if tok.lemma_.lower() not in _TAG_VERBS:
        return None
    subj = next((c for c in reversed(list(tok.children)) if c.dep_ == "nsubj" and c.i < tok.i), None)
    if subj is None or subj.right_edge.i != tok.i - 1:
        return None
    comma = subj.left_edge.i - 1
    if comma <= sent.start or doc[comma].text != ",":
        return None
    tail = [t for t in doc[tok.i + 1 : sent.end] if not (t.is_punct or t.is_space)]
    last = next((t for t in reversed(doc[tok.i : sent.end]) if not t.is_space), tok)
    if last.text not in (".", "!", "?") or len(tail) > 8 or any(t.dep_ in ("mark", "ccomp") for t in tail):
        return None  # "…, he said:" introduces what follows; "said at a briefing that …" reports it
    if not _speaker_like(subj):
        return None
    if any(not _under(t, tok, _TAG_TAIL) for t in tail) or any(
        c.dep_ == "prep" and c.i > tok.i and c.lower_ not in _TAG_PREPS for c in tok.children
    ):
        return None
    if any(t.text in '"\u201c\u201d' for t in doc[sent.start : comma]):
        return None  # a quotation: the direct-quote rules attribute it
    span = _trimmed(doc, sent.start, comma - 1)
    return [span] if span is not None else None


# Common nouns that speak as a body ("…, police said.").
_SPEAKING_NOUNS = frozenset(
    {
        "police",
        "official",
        "authority",
        "source",
        "aide",
        "analyst",
        "expert",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "officer",
        "prosecutor",
        "witness",
        "resident",
        "economist",
        "researcher",
        "campaign",
        "lawyer",
        "attorney",
        "adviser",
        "advisor",
        "critic",
        "supporter",
        "organizer",
        "leader",
        "company",
    }
)


def _speaker_like(subj: Token) -> bool:
    """A person, a body or a pronoun for one; not "their smiles said"."""
    if subj.pos_ == "PRON":
        return subj.lower_ in ("he", "she", "they", "i", "we", "it")
    if subj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or subj.pos_ == "PROPN":
        return True
    return subj.lemma_.lower() in _SPEAKING_NOUNS


def _under(tok: Token, cue: Token, deps: frozenset[str]) -> bool:
    """Whether ``tok`` hangs off ``cue`` through a child whose relation is one of ``deps``."""
    top = tok
    for _ in range(12):
        if top.head.i == cue.i:
            return top.dep_ in deps
        if top.head.i == top.i:
            return False
        top = top.head
    return False


def _bare_tag(tok: Token) -> bool:
    """A parenthetical speech tag set off by commas with nothing of its own to report ("In his state,
    Christie said, offenders are sent to treatment"): the sentence around it is its content."""
    doc = tok.doc
    left, right = tok.left_edge.i, tok.right_edge.i
    opened = doc[left].text == "," or (left > 0 and doc[left - 1].text == ",")
    closed = doc[right].text == "," or (right + 1 < len(doc) and doc[right + 1].text == ",")
    if not (opened and closed):
        return False
    own = ("ccomp", "xcomp", "dobj", "attr", "oprd", "acomp")
    return not any(c.dep_ in own for c in tok.children)


# Telling verbs that close a reported clause with their addressee ("…, Obama told the crowd").
TELLING = frozenset({"tell", "inform", "assure", "reassure", "remind", "warn", "caution"})
# Verbs whose object is the person addressed, not what is said ("told reporters that …").
ADDRESSEE_VERBS = frozenset(
    {
        "tell",
        "inform",
        "assure",
        "reassure",
        "remind",
        "warn",
        "advise",
        "brief",
        "ask",
        "urge",
        "promise",
        "notify",
        "caution",
        "convince",
        "persuade",
        "accuse",
    }
)
# Children of a cue that modify the telling itself, not the content ("said Tuesday in a statement that").
_CUE_MODIFIERS = frozenset(
    {
        "prep",
        "advmod",
        "dative",
        "punct",
        "prt",
        "agent",
        "aux",
        "auxpass",
        "neg",
        "mark",
        "cc",
        "nsubj",
        "nsubjpass",
        "expl",
    }
)


def _complement_start(cue: Token, limit: int) -> int | None:
    """The first word between the cue and token ``limit`` that belongs to what is reported, not to the
    telling: skips the cue's adverbials ("on Tuesday", "in a statement"), the addressee of "tell",
    a "that" and punctuation. None when every word there belongs to the telling."""
    doc = cue.doc
    for i in range(cue.i + 1, limit):
        tok = doc[i]
        if tok.is_punct or tok.is_space or (tok.lower_ in ("that", "if", "whether") and tok.dep_ == "mark"):
            continue
        top = tok
        for _ in range(12):
            if top.head.i in (cue.i, top.i):
                break
            top = top.head
        if top.head.i != cue.i:
            return i  # not under the cue at all: a misparse, the words read as the content's
        if top.dep_ in _CUE_MODIFIERS:
            continue
        if top.dep_ == "npadvmod" and top.ent_type_ in ("DATE", "TIME"):
            continue
        if i > 0 and doc[i - 1].dep_ == "prep" and doc[i - 1].head.i == cue.i and not any(
            c.dep_ in ("pobj", "pcomp") for c in doc[i - 1].children
        ):
            continue  # "said on LinkedIn that …": the object of a preposition the parser left bare
        if top.dep_ in ("dobj", "iobj") and cue.lemma_.lower() in ADDRESSEE_VERBS:
            continue
        return i
    return None


_CLOSING_MARKS = frozenset({'"', "\u201d", "''"})
_CARRIED_ON = frozenset({"advcl", "prep", "ccomp", "conj", "npadvmod", "dep", "xcomp"})


def _run_on_clause(cue: Token, after: list[Token], end: int) -> int:
    """'told reporters that she was disheartened there have not been more …': a second clause the
    parser hung on the cue right where the first ends (no comma, no "and" between) finishes it."""
    doc = cue.doc
    for first, second in pairwise(after):
        if second.left_edge.i != first.right_edge.i + 1 or doc[first.right_edge.i].is_punct:
            break
        end = max(end, _edge_span(second)[1])
    return end


def _past_closing_quote(cue: Token, clause: Token, end: int) -> int:
    """'said that waterboarding is “peanuts,” compared to what …', 'said it skipped them because they
    were routine': the parser often hangs the clause's rest on the cue (after a closing quotation
    mark, or with nothing between); the report runs on to the sentence's end when that rest is one
    phrase of the cue's reaching it (not a new report: "…," adding that …, "…," according to …)."""
    doc = cue.doc
    i = clause.right_edge.i
    closed = doc[i].text in _CLOSING_MARKS
    while i + 1 < len(doc) and doc[i + 1].is_punct and doc[i + 1].head.i == cue.i:
        i += 1
        closed = closed or doc[i].text in _CLOSING_MARKS
    if not (closed or i == clause.right_edge.i) or i + 1 >= len(doc):
        return end
    rest = doc[i + 1]
    if closed and rest.dep_ == "cc" and rest.head.i == cue.i and i + 2 < len(doc):
        rest = doc[i + 2]  # 'said the deal was "a disaster" and should be scrapped': "and" hung on the cue
    phrase = next((c for c in cue.children if c.i > clause.i and c.left_edge.i == rest.i), None)
    if phrase is None or phrase.dep_ not in _CARRIED_ON or phrase.lemma_.lower() in _SPEECH_PARTICIPLES:
        return end
    own_subject = phrase.dep_ == "conj" and any(c.dep_ in SUBJECTS for c in phrase.children)
    if phrase.lower_ == "according" or own_subject:
        return end
    last = phrase.right_edge.i
    sent_end = phrase.sent.end - 1
    while sent_end > last and (doc[sent_end].is_punct or doc[sent_end].is_space):
        sent_end -= 1
    if last != sent_end:
        return end
    return max(end, _edge_span(phrase)[1])


# Not ``syntax.clause_span``: that gives the token range of the head and its children minus coordinated
# clauses; this one gives a character span of the whole subtree, cut only before a coordinated clause
# that reports on its own or before a closing ', which …' gloss.
def _clause_span(head: Token) -> SpanT:
    """The clause under ``head``, stopping before a coordinated report of its own ("they were worried,
    and 4 in 10 said …": the second speaker's words are not the first's)."""
    doc = head.doc
    for conj in head.children:
        if (
            conj.dep_ == "conj"
            and conj.i > head.i
            and conj.pos_ == "VERB"
            and any(c.dep_ == "ccomp" for c in conj.children)
            and any(c.dep_ in SUBJECTS or (c.pos_ == "NUM" and c.i < conj.i) for c in conj.children)
        ):
            cut = _trimmed(doc, head.left_edge.i, conj.left_edge.i - 1)
            if cut is not None:
                return cut
    # ", which is spread by mosquitoes" closing the clause is usually the writer's gloss, not the report.
    end = head.right_edge.i
    while end > head.i and (doc[end].is_punct or doc[end].is_space):
        end -= 1
    gloss = [
        t
        for t in doc[head.i + 1 : end + 1]
        if t.dep_ == "relcl"
        and t.right_edge.i >= end - 1
        and t.left_edge.lower_ in ("which", "who")
        and doc[t.left_edge.i - 1].text == ","
    ]
    if gloss:
        cut = _trimmed(doc, head.left_edge.i, gloss[0].left_edge.i - 2)
        if cut is not None:
            return cut
    adjunct = _closing_participle(head, end)
    if adjunct is not None:
        cut = _trimmed(doc, head.left_edge.i, adjunct.left_edge.i - 2)
        if cut is not None:
            return cut
    return _edge_span(head)


# Speech verbs whose participle after a comma starts a report of its own (PolNeAR annotates it apart);
# "…, bringing its total to $95 million" or "…, depending on …" stay part of the clause.
_SPEECH_PARTICIPLES = frozenset(
    {
        "say",
        "tell",
        "note",
        "insist",
        "call",
        "add",
        "argue",
        "claim",
        "ask",
        "explain",
        "warn",
        "suggest",
        "accuse",
        "describe",
        "vow",
        "promise",
        "predict",
        "believe",
        "acknowledge",
        "admit",
        "declare",
        "urge",
        "complain",
        "point",
        "cite",
        "state",
        "write",
        "reply",
        "respond",
        "contend",
        "maintain",
        "stress",
        "emphasize",
        "assert",
        "question",
        "joke",
        "concede",
        "deny",
        "recall",
        "remind",
        "announce",
        "label",
    }
)


def _closing_participle(head: Token, end: int) -> Token | None:
    """ ", noting that most of the money …", ", insisting that …" closing a reported clause: the
    speaker's next move (often a report of its own), not part of what this cue reports."""
    doc = head.doc
    for tok in head.children:
        if (
            tok.i > head.i
            and tok.tag_ == "VBG"
            and tok.lemma_.lower() in _SPEECH_PARTICIPLES
            and tok.dep_ in ("advcl", "xcomp", "conj", "dep")
            and tok.right_edge.i >= end - 1
            and tok.left_edge.i == tok.i
            and doc[tok.i - 1].text == ","
        ):
            return tok
    return None


def _trimmed(doc: Doc, first: int, last: int, least: int = 2) -> SpanT | None:
    """Tokens first..last without punctuation at either end; None under ``least`` words."""
    while first <= last and (doc[first].is_punct or doc[first].is_space):
        first += 1
    while last >= first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    if last < first or sum(t.is_alpha for t in doc[first : last + 1]) < least:
        return None
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def _that_clause_hung_on_a_noun(tok: Token) -> list[Token]:
    """ "told investors on a conference call that the company would …": the parser reads the complement
    as a relative clause of "call" (or a clause of "statement" in "said in a statement that …"); a
    clause opened by "that" as a conjunction, with a subject of its own, right after the cue's object
    or phrase, is the cue's complement."""
    if tok.lemma_.lower() not in _THAT_VERBS:
        return []
    for t in tok.doc[tok.i + 1 : min(tok.right_edge.i + 1, tok.i + 12)]:
        if t.dep_ in ("relcl", "acl") and t.i > tok.i:
            first = t.left_edge
            if (first.lower_ == "that" and first.dep_ == "mark"
                    and any(c.dep_ in SUBJECTS and c.i > first.i for c in t.children)):
                return [t]
    return []


# Speech verbs whose complement the parser may hang on a noun before it ("told investors on a call that").
_THAT_VERBS = frozenset({"say", "tell", "warn", "assure", "inform", "remind", "promise", "write", "add"})


def _subject_words(head: Token, before: int) -> int:
    """How many words the part of a clause before an inserted "she added" needs: one when it is a name
    or pronoun alone, the clause's subject ("Petrescu, she added, had assured her …"), else two."""
    first = head.left_edge
    alone = first.i == before - 1 or (first.i == before - 2 and head.doc[before - 1].is_punct)
    subject = next((c for c in head.children if c.dep_ in SUBJECTS and c.i < before), None)
    named = alone and first.pos_ in ("PROPN", "PRON")
    return 1 if named or (subject is not None and subject.right_edge.i >= before - 2) else 2


def _object(tok: Token, need_second: bool) -> SpanT | None:
    """The direct object, with its second complement ("called Trump a liar", "… the plan as a …")."""
    objs = [c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i]
    if not objs:
        return None
    heads = [tok, objs[0]]
    extra = [c for h in heads for c in h.children if c.i > objs[0].i and _second_complement(c)]
    # 'criticized Trump for once holding liberal views', 'blasted him over his stance': the reason given
    # belongs to the evaluation
    extra += [c for c in tok.children if c.i > objs[0].i and c.dep_ == "prep" and c.lower_ in REASONS]
    if need_second and not extra:
        return None
    end_tok = max([objs[0], *extra], key=lambda c: c.right_edge.i).right_edge
    return objs[0].left_edge.idx, end_tok.idx + len(end_tok.text)


# Prepositions that give the reason for an evaluation ("criticized X for Y").
REASONS = frozenset({"for", "over", "against", "about"})


def _second_complement(tok: Token) -> bool:
    return tok.dep_ in ("oprd", "xcomp", "attr") or (tok.dep_ == "prep" and tok.lower_ == "as")


def _edge_span(tok: Token) -> SpanT:
    left, right = tok.left_edge, tok.right_edge
    doc = tok.doc
    while right.i > left.i and (right.is_punct or right.is_space):
        right = doc[right.i - 1]
    return left.idx, right.idx + len(right.text)
