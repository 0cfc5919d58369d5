"""The checks a rule may ask for under ``when``, by the name the rule files use.

These names are also what ``doc.user_data["stance_rejections"]`` records for a veto, and the trained
decider (``models/stance_model.json``) has weights keyed on them: never rename one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from spacy.tokens import Token

from stance_reader.nlp.stance.rules.checks import attack, common, future, hedge, release, speaker
from stance_reader.nlp.stance.rules.rule import Hit

if TYPE_CHECKING:
    from stance_reader.nlp.stance.rules.engine import StanceMarker

# (engine, match, the rule's argument for the check, anchor token, its governed verb) -> may the match stand
Check = Callable[["StanceMarker", Hit, Any, Token, Token], bool]

CHECKS: dict[str, Check] = {
    "next_lemma_not": common.next_lemma_not,
    "child_dep_any": common.child_dep_any,
    "child_dep_none": common.child_dep_none,
    "dep_in": common.dep_in,
    "dep_not_in": common.dep_not_in,
    "verb_lemma_not": common.verb_lemma_not,
    "head_lemma_in": common.head_lemma_in,
    "head_lemma_not": common.head_lemma_not,
    "not_question": common.not_question,
    "not_conditional": common.not_conditional,
    "not_reported": common.not_reported,
    "reported": common.reported,
    "commissive_future": future.commissive_future,
    "future_complement": future.future_complement,
    "subject_agent": common.subject_agent,
    "object_not": common.object_not,
    "subject_lemma_in": common.subject_lemma_in,
    "not_sentence_initial": common.not_sentence_initial,
    "negated": common.negated,
    "not_modalised": future.not_modalised,
    "modifier_not": common.modifier_not,
    "no_hedge_adverb": future.no_hedge_adverb,
    "prev_lower_not": common.prev_lower_not,
    "that_complement": common.that_complement,
    "object_in": common.object_in,
    "not_booster_doubt": hedge.not_booster_doubt,
    "question_phrase": hedge.question_phrase,
    "embedded_under": hedge.embedded_under,
    "not_under_hedge": future.not_under_hedge,
    "not_attack": attack.not_attack,
    "own_voice": speaker.own_voice,
    "not_kept_or_praised": release.not_kept_or_praised,
    "title_case_headline": release.title_case_headline,
    "owned_plural_not": speaker.owned_plural_not,
    "not_event_subject": future.not_event_subject,
    "not_embedded_question": future.not_embedded_question,
    "progressive_agent": release.progressive_agent,
    "owned_plan_subject": release.owned_plan_subject,
    "not_refused": release.not_refused,
    "money_purpose": release.money_purpose,
    "headline_future": release.headline_future,
    "gerund_fragment": release.gerund_fragment,
    "fragment_root": release.fragment_root,
    "imperative_item": release.imperative_item,
    "np_item": release.np_item,
    "hypothetical_government": speaker.hypothetical_government,
    "announces_funding": release.announces_funding,
    "first_person_wish": release.first_person_wish,
    "first_person_plan": release.first_person_plan,
    "body_plan": release.body_plan,
    "present_pledge": release.present_pledge,
}
