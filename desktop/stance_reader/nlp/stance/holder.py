"""Who holds a *described* stance: "Rutte withheld full endorsement", "Berlin pledged €2 billion",
"NATO's commitment". The cue word describes someone else's stance, so the mark is that someone's
(the subject, or the possessor of a stance noun), not the article's voice or the enclosing quote's
speaker. Modals and adverbs ("Rutte may resign") describe the writer's own stance and keep theirs.
The stance words are data (``models/stance_holders.json``).
"""

from __future__ import annotations

import dataclasses
import json
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.attrs import IDX
from spacy.tokens import Doc, Token

from stance_reader.core.models import Entity, Mark, Quote
from stance_reader.nlp.attribution.pronouns import PronounContext
from stance_reader.nlp.attribution.resolution import GENDERS_KEY, EntityWindow, resolve_holder
from stance_reader.nlp.syntax import governed_verb, subject_of

HOLDERS_FILE = "stance_holders.json"


@dataclass(frozen=True, slots=True)
class HolderWords:
    """Lemmas whose subject holds the stance they describe, and nouns whose possessor does."""

    subject_holds: frozenset[str]
    possessor_holds: frozenset[str]

    @classmethod
    def load(cls, path: Path) -> HolderWords:
        if not path.exists():
            return cls(frozenset(), frozenset())
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(frozenset(data["subject_holds"]), frozenset(data["possessor_holds"]))


def assign_holders(
    doc: Doc, marks: Sequence[Mark], words: HolderWords, entities: Sequence[Entity], quotes: Sequence[Quote]
) -> list[Mark]:
    """``marks`` with ``speaker`` set where the cue describes a named holder's stance."""
    starts = doc.to_array([IDX]).tolist()  # token start offsets, without making every Token
    window = EntityWindow(entities)
    built: list[PronounContext] = []

    def context() -> PronounContext:
        if not built:
            built.append(PronounContext(doc, [e for e in entities if e.label == "PERSON"],
                                         [e for e in entities if e.label in ("ORG", "GPE", "NORP")]))
        return built[0]

    out: list[Mark] = []
    for mark in marks:
        k = bisect_left(starts, mark.cue_start)
        tok = doc[k] if k < len(starts) and starts[k] == mark.cue_start else None
        holder = _holder_token(tok, words) if tok is not None and mark.speaker is None else None
        name = None
        if holder is not None:
            name = resolve_holder(holder, window, quotes, context, doc.user_data.get(GENDERS_KEY))
        out.append(dataclasses.replace(mark, speaker=name) if name else mark)
    return out


def _holder_token(cue: Token, words: HolderWords) -> Token | None:
    """The subject (or possessor) whose stance ``cue`` describes; None when the cue is the writer's."""
    if cue.lemma_.lower() in words.possessor_holds and cue.pos_ == "NOUN":
        return next((c for c in cue.children if c.dep_ == "poss" and c.pos_ != "PRON"), None)
    stance = cue if cue.lemma_.lower() in words.subject_holds else governed_verb(cue)
    if stance.lemma_.lower() not in words.subject_holds or stance.pos_ not in ("VERB", "ADJ", "AUX"):
        return None
    # "is committed", "are determined": the adjective's subject hangs on the copula
    verb = stance.head if stance.dep_ == "acomp" else stance
    if verb.tag_ == "VBG" and verb.dep_ == "pcomp" and verb.head.head.pos_ in ("VERB", "AUX"):
        verb = verb.head.head  # "opened by promising 5,000 homes": the one who opened promises
    if verb.dep_ == "acl" and verb.head.pos_ == "PROPN" and verb.head.ent_type_ == "PERSON":
        return verb.head  # the parser hung the clause on the name ("Grant, the candidate, opened by …")
    return subject_of(verb)
