"""Futures that speak of the rival side: a release's "Labor will bring back the old rules" is a
commitment in Labor's release and a forecast in its rival's. The voice ledger (``nlp/voice.py``) reads
the side from the whole text; this module feeds it the document's future-family matches."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from stance_reader.core.models import Mark, MarkKind
from stance_reader.nlp.stance.rules.checks.attack import content_verb, not_attack
from stance_reader.nlp.stance.rules.checks.common import reporting_head
from stance_reader.nlp.stance.rules.checks.speaker import government_to_be, is_first_person
from stance_reader.nlp.stance.rules.rule import Hit
from stance_reader.nlp.syntax import clause_head, subject_of
from stance_reader.nlp.voice import VoiceLedger, side_of

if TYPE_CHECKING:
    from stance_reader.nlp.stance.rules.engine import StanceMarker


def rival_forecasts(eng: StanceMarker, futures: list[tuple[Hit, Mark | None]]) -> set[int]:
    """ids of future marks that speak of the rival side. The writer's side is read from the marks
    first; refused futures are only looked at when there is one (news rarely has one, so most articles
    stop after a pass over their commitment marks)."""
    ledger = VoiceLedger()
    for hit, mark in futures:
        if mark is not None and mark.kind == MarkKind.COMMITMENT:
            _witness(eng, ledger, hit, mark)
    if not ledger.candidates or not ledger.own_side():
        return set()
    for hit, mark in futures:
        if mark is None:
            _witness(eng, ledger, hit, None)
    return ledger.forecasts()


def _witness(eng: StanceMarker, ledger: VoiceLedger, hit: Hit, mark: Mark | None) -> None:
    """Feed the voice ledger: whose side an unreported future of a named body speaks for."""
    verb = hit.verb
    subj = subject_of(verb) if verb is not None else None
    if verb is None or subj is None:
        return
    if subj.lower_ in ("which", "that", "who") and clause_head(verb).dep_ == "relcl":
        subj = clause_head(verb).head
    first_person = is_first_person(eng, subj)
    side = frozenset() if first_person else side_of(subj)
    if not (first_person or side):
        return  # most futures name no side: done before the costlier report test
    rep = reporting_head(verb)
    if rep is not None and rep.lemma_.lower() in eng.lexicon("@report_verbs"):
        return  # someone's reported words, not the writer's voice
    if first_person:
        ledger.first_person += mark is not None
        return
    if government_to_be(subj):  # "A Shorten Labor Government will …" is the writer's own side
        ledger.vote_own(side, strong=True)
    elif mark is None:
        if hit.anchor is not None and not not_attack(eng, hit, True, hit.anchor, verb):
            ledger.vote_rival(side)  # a harm forecast about this side
    elif _funds(eng, verb):
        ledger.vote_own(side, strong=False)
    if mark is not None:
        ledger.candidate(mark, side)


def _funds(eng: StanceMarker, verb: Token) -> bool:
    """"… will invest / provide $85 million": money the subject delivers, not money it cuts."""
    lemma = content_verb(eng, verb).lemma_.lower()
    if lemma not in eng.lexicon("@delivery_verbs") or lemma in eng.lexicon("@cut_verbs"):
        return False
    return any(t.ent_type_ == "MONEY" or t.text in ("$", "£", "€") for t in verb.subtree)
