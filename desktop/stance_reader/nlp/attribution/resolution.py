"""Resolving speaker mentions to entities: an entity inside the mention, the antecedent of "who", or for
"he"/"she" the most recent person who spoke or was a subject before it (with genders from "Mr"/"Mrs"
titles and earlier resolutions). Turns the working records into core ``Quote`` objects.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Callable, Sequence

from spacy.tokens import Doc, Token

from stance_reader.core.models import Entity, Quote
from stance_reader.nlp.attribution.common import SpanT, _Attribution
from stance_reader.nlp.attribution.pronouns import PronounContext, resolve_pronoun
from stance_reader.nlp.attribution.roles import ROLE_HEADS, resolve_role
from stance_reader.nlp.attribution.subjects import _mention
from stance_reader.nlp.extensions import doc_text

PERSONAL = {"he": "m", "him": "m", "she": "f", "her": "f"}
_BODIES = frozenset({"ORG", "GPE", "NORP"})


# doc.user_data key: canonical person -> "m"/"f", set by the attribution component for later ones
GENDERS_KEY = "stance_reader.person_genders"


def _known_genders(
    text: str, entities: Sequence[Entity], by_title: dict[str, str], by_given: dict[str, str] | None = None
) -> dict[str, str]:
    """Canonical person -> "m"/"f" when the text calls them "Mr"/"Mrs"/"Ms" right before a mention, else
    from a known given name ("Agnes Hall" -> "f"): "he" never goes to Agnes Hall."""
    out: dict[str, str] = {}
    for ent in entities:
        if ent.label != "PERSON":
            continue
        words = text[max(0, ent.start - 12) : ent.start].replace(".", " ").split()
        if words and words[-1].lower() in by_title:
            out[ent.canonical] = by_title[words[-1].lower()]  # a title beats the given name
    for ent in entities:
        names = ent.canonical.split()
        if ent.label == "PERSON" and len(names) > 1 and ent.canonical not in out and by_given:
            gender = by_given.get(names[0].lower())
            if gender:
                out[ent.canonical] = gender
    return out


class EntityWindow:
    """The entities overlapping a span, in their original order, without scanning them all."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        self.by_start = sorted(range(len(entities)), key=lambda i: entities[i].start)
        self.starts = [entities[i].start for i in self.by_start]
        self.longest = max((e.end - e.start for e in entities), default=0)
        self.entities = entities
        self._people: list[Entity] | None = None

    @property
    def people(self) -> list[Entity]:
        """The PERSON entities in text order (built on first use: only role descriptions need it)."""
        if self._people is None:
            self._people = sorted((e for e in self.entities if e.label == "PERSON"), key=lambda e: e.start)
        return self._people

    def overlapping(self, start: int, end: int) -> list[Entity]:
        lo = bisect.bisect_left(self.starts, start - self.longest)
        hi = bisect.bisect_left(self.starts, end)
        hits = sorted(i for i in self.by_start[lo:hi] if self.entities[i].end > start)
        return [self.entities[i] for i in hits]


def _resolve(
    doc: Doc, found: list[_Attribution], entities: Sequence[Entity], known_gender: dict[str, str]
) -> list[Quote]:
    window = EntityWindow(entities)
    ctx: PronounContext | None = None  # built on the first he/she: most Docs have none
    gender: dict[str, str] = dict(known_gender)
    out: list[Quote] = []
    for att in found:
        entity: str | None = None
        sure: float | None = None
        if att.mention is not None and att.subject is not None:
            low = att.subject.lower_
            if att.subject.tag_ in ("WP", "WDT") and att.subject.head.dep_ == "relcl":
                # "… Nicky Driscoll, 24, who said …": the mention is "who", the entity its antecedent.
                antecedent = att.subject.head.head
                entity = _entity_in(_mention(antecedent), antecedent, window)
            elif att.subject.pos_ == "PRON":
                if low in PERSONAL:
                    ctx = ctx or PronounContext(doc, [e for e in entities if e.label == "PERSON"],
                                               [e for e in entities if e.label in _BODIES])
                    entity, sure = resolve_pronoun(
                        att.subject.idx, PERSONAL[low], ctx, out, gender, skip=att.content
                    )
                    if entity:
                        gender.setdefault(entity, PERSONAL[low])
                elif low == "it":
                    entity = _body_speaking_before(att.mention[0], out, window)
            else:
                entity = _speaker_entity(att.mention, att.subject, window) or _described_before(
                    att.subject, out)
        out.append(
            Quote(
                content=tuple(sorted(att.content)),
                cue=(att.cue_span,) if att.cue_span else (),
                speaker=(att.mention,) if att.mention else (),
                speaker_entity=entity,
                direct=att.direct,
                rule=att.rule,
                type=att.type,
                speaker_confidence=sure if entity else None,
            )
        )
    return _first_person_in_reports(out, doc_text(doc))


_FIRST_PERSON = frozenset({"i", "we"})


def _first_person_in_reports(quotes: list[Quote], text: str) -> list[Quote]:
    """ "Vogt: I understand why they say that": an "I" or "we" speaking inside what someone is
    reported or quoted as saying is that someone."""
    spoken = [(s, e, q.speaker_entity) for q in quotes if q.speaker_entity for s, e in q.content]
    if not spoken:
        return quotes
    out = []
    for q in quotes:
        if q.speaker_entity is None and len(q.speaker) == 1 and q.cue:
            s, e = q.speaker[0]
            if text[s:e].lower() in _FIRST_PERSON:
                at = q.cue[0][0]
                host = next((who for a, b, who in spoken if a <= at < b), None)
                if host is not None:
                    q = dataclasses.replace(q, speaker_entity=host)
        out.append(q)
    return out


def _speaker_entity(mention: SpanT, head: Token, window: EntityWindow) -> str | None:
    """The entity a speaker mention names: one at its head; else, for a role description ("the
    secretary general", "the NATO chief"), the person the article introduced with that role; else any
    entity inside it."""
    named = _apposed_person(mention, head, window)
    if named is not None:
        return named  # "The regional health minister, Tomas Brandt": the name, not a look for the role
    if head.lower_ in ROLE_HEADS and not any(
        e.start <= head.idx < e.end for e in window.overlapping(*mention)
    ):
        person = resolve_role(head, mention, doc_text(head.doc), window.people)
        if person is not None:
            return person
    found = _entity_in(mention, head, window)
    if found is None and head.is_upper and len(head.text) > 2:
        # a transcript's "BRANDT: …" label: the one person of that surname
        people = {e.canonical for e in window.people if e.canonical.split()[-1].lower() == head.lower_}
        if len(people) == 1:
            return people.pop()
    if found is None and head.pos_ == "NOUN" and any(c.lower_ == "the" for c in head.lefts):
        return _named_body(head, window)
    if found is None and head.lower_ in _SPEAKING_FOR_A_BODY:
        # "a spokeswoman for the company": the company the article is about
        body = next((g for c in head.children if c.dep_ == "prep" and c.lower_ in ("for", "of", "at")
                     for g in c.children if g.dep_ == "pobj" and g.pos_ == "NOUN"
                     and any(d.lower_ == "the" for d in g.lefts)), None)
        return _named_body(body, window) if body is not None else None
    return found


def _described_before(head: Token, quotes: Sequence[Quote]) -> str | None:
    """ "The diplomat, who asked not to be named, said" after "According to a senior European
    diplomat": the unnamed source met before under the same noun, within a few paragraphs."""
    if head.pos_ != "NOUN" or not any(c.lower_ == "the" for c in head.lefts):
        return None
    text, word = doc_text(head.doc), head.lower_
    for quote in reversed(quotes):
        if not quote.speaker:
            continue
        s, e = quote.speaker[0]
        if s < head.idx - 3000:
            return None
        written = text[s:e].lower().split()
        if quote.speaker_entity and written and written[-1] == word and written[0] in ("a", "an"):
            return quote.speaker_entity
    return None


def _apposed_person(mention: SpanT, head: Token, window: EntityWindow) -> str | None:
    """A person's name in apposition to the mention's head ("the minister, Tomas Brandt,"), also when the
    parser did not mark it: a PERSON ending the mention after a comma."""
    appos = [c.idx for c in head.children if c.dep_ == "appos"]
    text = doc_text(head.doc)
    for e in window.overlapping(*mention):
        if e.label != "PERSON" or e.start <= head.idx < e.end:
            continue
        if any(e.start <= at < e.end for at in appos) or (
            e.end >= mention[1] and e.start > head.idx and text[mention[0] : e.start].rstrip().endswith(",")
        ):
            return e.canonical
    return None


# Who speaks for a body named only by a generic noun: "a spokeswoman for the company" speaks as it
# (subjects._SPEAKS_FOR is the wider list for a body named after "of/for").
_SPEAKING_FOR_A_BODY = frozenset(
    {"spokesman", "spokeswoman", "spokesperson", "representative", "lawyer", "official"}
)
# Generic nouns for the organisation an article is about ("the company said", "the firm declined").
_GENERIC_BODIES = frozenset({"company", "firm", "group", "business", "carmaker", "retailer", "bank",
                             "utility", "airline", "insurer", "lender", "manufacturer", "operator"})


# Generic nouns for an organisation just named ("The agency said", "the watchdog warned").
_RECENT_BODIES = frozenset({"agency", "organisation", "organization", "charity", "watchdog", "regulator"})


def _body_speaking_before(at: int, quotes: Sequence[Quote], window: EntityWindow) -> str | None:
    """ "it said in a filing": the organisation or state that spoke last, within a few paragraphs."""
    labels = {e.canonical: e.label for e in window.entities}
    for quote in reversed(quotes):
        if quote.speaker and quote.speaker[0][0] < at - 1500:
            return None
        if quote.speaker_entity and labels.get(quote.speaker_entity) in ("ORG", "GPE"):
            return quote.speaker_entity
    return None


def _named_body(head: Token, window: EntityWindow) -> str | None:
    """ "the department said" after "the Department of Enterprise": the latest organisation before it
    whose name has the noun as one of its words ("the union", "the ministry", "the council")."""
    word = head.lemma_.lower()
    orgs = [e for e in window.entities if e.label == "ORG" and e.end <= head.idx]
    # a named building that is also an institution speaks too: "the hospital" of "St. Brendan's Hospital"
    named = [e for e in window.entities if e.label in ("ORG", "FAC") and e.end <= head.idx]
    before = [e for e in named if word in e.canonical.lower().split()]
    if before:
        return max(before, key=lambda e: e.start).canonical
    if any(c.dep_ != "det" for c in head.lefts):
        return None  # "the central bank" is not the bank the story is about
    latest = max(orgs, key=lambda e: e.start, default=None)
    if word in _RECENT_BODIES and latest is not None and head.idx - latest.end < 600:
        # "According to the World Food Programme, … The agency said": the organisation just named
        return latest.canonical
    if word in _GENERIC_BODIES and orgs:
        # "the company" with no company in any name: the latest organisation introduced as one
        # ("Nutrilo's parent company, Hartwell Nutrition"), else the organisation named most so far
        # (the first named on a tie), the one a business story is about
        text = doc_text(head.doc)
        introduced = [e for e in orgs if _introduced_as(word, text[max(0, e.start - 40) : e.start])]
        if introduced:
            return max(introduced, key=lambda e: e.start).canonical
        counts: dict[str, int] = {}
        for e in orgs:
            counts[e.canonical] = counts.get(e.canonical, 0) + 1
        return max(counts, key=lambda name: counts[name])
    return None


def _introduced_as(word: str, before: str) -> bool:
    """Whether the text right before a name introduces it as ``word`` ("parent company, Hartwell
    Nutrition", "the firm Halbwerk"), not merely mentions the word ("the company told the BBC")."""
    return re.search(rf"\b{re.escape(word)}\s*,?\s*$", before, flags=re.IGNORECASE) is not None


def _entity_in(mention: SpanT, head: Token, window: EntityWindow) -> str | None:
    start, end = mention
    inside = window.overlapping(start, end)
    if not inside:
        return None
    at_head = [e for e in inside if e.start <= head.idx < e.end]
    if not at_head and head.pos_ == "NOUN" and all(e.label == "NORP" for e in inside):
        # "Hungarian officials": a nationality modifying a common noun names no one by itself; the
        # group as written is the speaker, not the adjective.
        words = doc_text(head.doc)[start:end].split()
        return " ".join(words[1:] if words and words[0].lower() == "the" else words) or None
    # "Okafor's campaign manager, Dev Patel": the name apposed to the head before the head's possessor
    appos = [c.idx for c in head.children if c.dep_ == "appos"]
    apposed = [e for e in inside if any(e.start <= at < e.end for at in appos)]
    for pool in (at_head, apposed, inside):
        for label in ("PERSON", "ORG", "NORP", "GPE"):
            for e in pool:
                if e.label == label:
                    return e.canonical
    return inside[0].canonical


def resolve_holder(
    subj: Token,
    window: EntityWindow,
    quotes: Sequence[Quote],
    context: Callable[[], PronounContext],
    gender: dict[str, str] | None = None,
) -> str | None:
    """The entity a stance's subject names: an entity in the subject as written, or for "he"/"she"
    the most salient person before it (as quote speakers are resolved). ``window`` and ``context()``
    are built once per Doc by the caller; the context only when a pronoun needs it (it is the dear part).
    """
    low = subj.lower_
    if subj.pos_ == "PRON":
        if low not in PERSONAL:
            return None  # "we", "they", "it": the enclosing speaker or the article's voice holds it
        entity, _ = resolve_pronoun(subj.idx, PERSONAL[low], context(), quotes, gender or {})
        return entity
    return _speaker_entity(_mention(subj), subj, window)
