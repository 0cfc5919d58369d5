"""Who "he" or "she" is: the person an analyst would name, with how sure that is.

Each earlier person gets a salience score from where they were last seen relative to the pronoun —
named earlier in the same sentence (outside the quote being attributed), the subject of an earlier
sentence of the same paragraph, named in the paragraph, the last to speak, the subject of an
earlier paragraph — and ties go to the most recent. People of the other gender (known from a title,
a given name or an earlier resolution) are left out. The confidence is a softmax over the scores, so
two equally salient people give ~0.5 and the window can say "probably".
"""

from __future__ import annotations

import bisect
import dataclasses
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.attrs import DEP, IDX, LEMMA, LOWER, ORTH, SENT_START, TAG
from spacy.tokens import Doc, Token

from stance_reader.core.models import Entity, Quote
from stance_reader.nlp.attribution.common import SUBJECTS, SpanT
from stance_reader.nlp.attribution.roles import ROLE_HEADS, definite, introduced_as
from stance_reader.nlp.attribution.subjects import _SPEAKS_FOR
from stance_reader.nlp.extensions import doc_text

_NEWLINE = re.compile("\n")
# Salience of a person's most telling appearance before the pronoun (higher wins).
SAME_SENTENCE = 5.0
PARAGRAPH_SUBJECT = 4.0
PARAGRAPH_MENTION = 3.0
LAST_SPEAKER = 2.5
EARLIER_SUBJECT = 1.5
EARLIER_MENTION = 1.0


@dataclass(frozen=True, slots=True)
class Appearance:
    """One person mention or resolved speaker: where, who, and whether it is a clause subject."""

    pos: int
    canonical: str
    subject: bool
    speaker: bool = False


class PronounContext:
    """Per-Doc positions of sentences and paragraphs and the people mentioned, built once."""

    def __init__(self, doc: Doc, persons: Sequence[Entity], bodies: Sequence[Entity] = ()) -> None:
        text = doc_text(doc)
        cols = doc.to_array([IDX, SENT_START]).tolist()
        self.sentence_starts = [idx for k, (idx, start) in enumerate(cols) if start == 1 or k == 0]
        self.breaks = [m.start() for m in _NEWLINE.finditer(text)]
        self.people: list[Appearance] = []
        for e in persons:
            span = doc.char_span(e.start, e.end, alignment_mode="expand")
            is_subject = span is not None and span.root.dep_ in SUBJECTS
            self.people.append(Appearance(e.start, e.canonical, is_subject))
        self.people += _bare_surnames(doc, persons)
        described = _described_people(doc, persons)
        self.people += described + _representatives(doc, persons, bodies) + _role_subjects(doc, persons)
        self.people.sort(key=lambda a: a.pos)
        # who may have spoken before a "he"/"she": a person, or a body a person spoke for ("The
        # representative of Kestria said …", then "he said"); not a group named by a number
        self.names = frozenset(a.canonical for a in self.people) | {e.canonical for e in bodies}
        # "Her former colleague" has a gender only when the noun has one ("spokeswoman")
        self.gender = {a.canonical: _NOUN_GENDER[a.canonical.split()[-1].lower()] for a in described
                       if a.canonical.split()[-1].lower() in _NOUN_GENDER}

    def sentence_of(self, pos: int) -> int:
        return bisect.bisect_right(self.sentence_starts, pos) - 1

    def paragraph_of(self, pos: int) -> int:
        return bisect.bisect_right(self.breaks, pos)


# Nouns for a person the article does not name; as a clause subject such a description is who a
# "he"/"she" in the next sentence most likely is ("Her former colleague … backed her story. '…,' he said").
_PERSON_NOUNS = frozenset({
    "colleague", "official", "spokesman", "spokeswoman", "spokesperson", "resident", "woman", "man",
    "worker", "employee", "source", "friend", "neighbour", "neighbor", "witness", "officer", "lawyer",
    "aide", "adviser", "advisor", "diplomat", "teacher", "nurse", "doctor", "student", "voter", "inspector",
    "engineer", "farmer", "driver", "owner", "manager", "executive", "mother", "father", "wife", "husband",
})
_NOUN_GENDER = {"spokesman": "m", "spokeswoman": "f", "woman": "f", "man": "m", "mother": "f",
                "father": "m", "wife": "f", "husband": "m"}


def _described_people(doc: Doc, persons: Sequence[Entity]) -> list[Appearance]:
    """Clause subjects that describe a person without a name ("Her former colleague"), as written."""
    strings = doc.vocab.strings
    nouns = {strings.add(form) for w in _PERSON_NOUNS for form in (w, w.capitalize())}
    tag_nn = strings.add("NN")
    tagged = {i for e in persons for i in range(e.start, e.end)}
    starts = {e.start for e in persons}
    out = []
    # one column read first: only the few singular person nouns become Token objects
    for i, (tag, lemma) in enumerate(doc.to_array([TAG, LEMMA]).tolist()):
        if tag != tag_nn or lemma not in nouns:
            continue
        tok = doc[i]
        # a subject, or the root the parser makes of "Her former colleague, who …, backed …"
        if (tok.dep_ in SUBJECTS or tok.dep_ == "ROOT") and tok.idx not in tagged and not any(
            c.dep_ in ("appos", "compound") and c.ent_type_ for c in tok.children
        ) and not _named_after(tok, starts):
            words = doc[tok.left_edge.i : tok.i + 1].text
            out.append(Appearance(doc[tok.left_edge.i].idx, words[:1].upper() + words[1:], True))
    return out


def _role_subjects(doc: Doc, persons: Sequence[Entity]) -> list[Appearance]:
    """ "Speaking after the debate, the minister appeared to soften her position. She said …": a role
    description as a clause subject is the person the article introduced with that role (as "the
    minister said" is), and so a candidate for the next "he"/"she"."""
    strings = doc.vocab.strings
    roles = {strings.add(w) for w in ROLE_HEADS}
    subjects = {strings.add(d) for d in SUBJECTS}
    starts = {e.start for e in persons}
    out = []
    for i, (low, dep) in enumerate(doc.to_array([LOWER, DEP]).tolist()):
        if low not in roles or dep not in subjects:
            continue
        tok = doc[i]
        if _named_after(tok, starts):
            continue  # "The shadow housing secretary, Daniel Okoro,": that name is already a mention
        person = introduced_as(tok, persons) if definite(tok) else None
        if person is not None:
            out.append(Appearance(doc[tok.left_edge.i].idx, person, True))
    return out


def _representatives(doc: Doc, persons: Sequence[Entity], bodies: Sequence[Entity]) -> list[Appearance]:
    """ "The delegate of Karstan was more sceptical. … '…,' he said": someone who speaks for a named
    body, as a clause subject, is who a later "he"/"she" may be; shown as the body, as "The
    representative of Valdoria said" is (not when a name follows: "The leader of the League, Jonathan
    Greenblatt," is that person)."""
    starts = {e.start for e in persons}
    out = []
    for e in bodies:
        span = doc.char_span(e.start, e.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        prep = span.root.head
        noun = prep.head
        if (span.root.dep_ == "pobj" and prep.lower_ in ("of", "for") and prep.i == noun.i + 1
                and noun.tag_ == "NN" and noun.lemma_.lower() in _SPEAKS_FOR and noun.dep_ in SUBJECTS
                and not _named_after(noun, starts)):
            out.append(Appearance(doc[noun.left_edge.i].idx, e.canonical, True))
    return out


def _named_after(tok: Token, starts: set[int]) -> bool:
    """ "A spokesman for the Liberation Front, Karim Haddou,": the description's own phrase is followed
    by a person's name set off by a comma, so it is that named person, not an unnamed one."""
    doc = tok.doc
    for j in range(tok.i + 1, min(len(doc) - 1, tok.i + 10)):
        if doc[j].text == ",":
            k = j + 1
            while k < min(len(doc) - 1, j + 4) and doc[k].idx not in starts and doc[k].is_title:
                k += 1  # a title before the name: ", Ambassador Tomas Lindqvist,"
            return doc[k].idx in starts
        if doc[j].pos_ in ("VERB", "AUX"):
            return False
    return False


def _bare_surnames(doc: Doc, persons: Sequence[Entity]) -> list[Appearance]:
    """Surnames of people named in full that the NER left untagged ("Obi did not give way"): they
    make that person salient as much as a tagged mention does. A surname two people share is skipped."""
    owners: dict[str, set[str]] = {}
    for e in persons:
        words = e.canonical.split()
        if len(words) > 1:
            owners.setdefault(words[-1], set()).add(e.canonical)
    surnames = {w: next(iter(c)) for w, c in owners.items() if len(c) == 1}
    if not surnames:
        return []
    tagged = {i for e in persons for i in range(e.start, e.end)}
    strings = doc.vocab.strings
    hashes = {strings.add(w): w for w in surnames}
    out = []
    for i, orth in enumerate(doc.to_array([ORTH]).tolist()):
        if orth in hashes and doc[i].idx not in tagged:
            tok = doc[i]
            out.append(Appearance(tok.idx, surnames[hashes[orth]], tok.dep_ in SUBJECTS))
    return out


def resolve_pronoun(
    pos: int,
    want: str,
    ctx: PronounContext,
    earlier: Sequence[Quote],
    gender: dict[str, str],
    skip: Sequence[SpanT] = (),
) -> tuple[str | None, float]:
    """(canonical, confidence) for a he/she at ``pos`` wanting gender ``want``; ``skip``: spans whose
    mentions do not count (the content of the quote being attributed: speakers rarely name themselves)."""
    seen = [a for a in ctx.people if a.pos < pos and not any(s <= a.pos < e for s, e in skip)]
    # a subject inside what someone else was reported saying ("Achterberg told the jury that Malik had
    # received …") is a mention there, not the narrative's subject: "she said" next is the teller
    reported = sorted(span for q in earlier if not q.direct for span in q.content)
    seen = [dataclasses.replace(a, subject=False) if a.subject and _inside(a.pos, reported) else a
            for a in seen]
    people = ctx.names
    seen += [
        Appearance(q.speaker[0][0], q.speaker_entity, True, speaker=True)
        for q in earlier  # "he" is never "about two dozen protesters", who spoke before
        if q.speaker_entity in people and q.speaker and q.speaker[0][0] < pos
    ]
    seen = [a for a in seen if gender.get(a.canonical, ctx.gender.get(a.canonical, want)) == want]
    if not seen:
        return None, 0.0
    last_speaker = max((a for a in seen if a.speaker), key=lambda a: a.pos, default=None)
    sentence, paragraph = ctx.sentence_of(pos), ctx.paragraph_of(pos)
    scores: dict[str, tuple[float, int]] = {}
    for a in seen:
        score = _salience(a, sentence, paragraph, ctx)
        if last_speaker is not None and a.canonical == last_speaker.canonical:
            score = max(score, LAST_SPEAKER)
        old = scores.get(a.canonical, (0.0, -1))
        scores[a.canonical] = (max(old[0], score), max(old[1], a.pos))
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    total = sum(math.exp(s) for _, (s, _) in ranked)
    best, (top, _) = ranked[0]
    return best, round(math.exp(top) / total, 2)


def _inside(pos: int, spans: Sequence[SpanT]) -> bool:
    """Is ``pos`` inside one of ``spans`` (sorted by start)?"""
    k = bisect.bisect_right(spans, (pos, float("inf")))
    return any(s <= pos < e for s, e in spans[max(0, k - 8) : k])


def _salience(a: Appearance, sentence: int, paragraph: int, ctx: PronounContext) -> float:
    if a.speaker:
        return EARLIER_SUBJECT
    if ctx.sentence_of(a.pos) == sentence:
        return SAME_SENTENCE
    if ctx.paragraph_of(a.pos) == paragraph:
        return PARAGRAPH_SUBJECT if a.subject else PARAGRAPH_MENTION
    return EARLIER_SUBJECT if a.subject else EARLIER_MENTION
