"""The one place that lists the project's spaCy components: importing this registers every factory.

Order in the pipeline (``PRE_PARSER``, then ``available()``): entities first (canonical names), then
speakers (resolves mentions against those names), then the hedge/commitment rules and the trained
decider. Every factory is defined here except ``stance_decider``, which stays with the trained decider
(``stance/decider.py``). Factory names are part of the pipeline config and of saved analyses: never
rename one.
"""

from __future__ import annotations

from spacy.language import Language

from stance_reader.nlp import attribution, entities, extensions, segmentation
from stance_reader.nlp.attribution import AttributionComponent
from stance_reader.nlp.entities import EntityComponent
from stance_reader.nlp.segmentation import ParagraphBreaks
from stance_reader.nlp.stance import decider  # registers stance_decider (its factory stays with the decider)
from stance_reader.nlp.stance.rules.engine import StanceMarker

# Runs before the parser (sentence starts at paragraph breaks).
PRE_PARSER = ("stance_paragraphs",)
CORE_COMPONENTS = ("stance_entities", "stance_speakers")
OPTIONAL_COMPONENTS = ("stance_hedges", "stance_commitments", "stance_decider")


def available() -> tuple[str, ...]:
    """Factories registered now, in pipeline order."""
    names = CORE_COMPONENTS + OPTIONAL_COMPONENTS
    return tuple(n for n in names if Language.has_factory(n))


@Language.factory("stance_paragraphs", assigns=["token.is_sent_start"])
def make_paragraph_breaks(nlp: Language, name: str) -> ParagraphBreaks:
    return ParagraphBreaks(name)


@Language.factory(
    "stance_entities",
    assigns=["doc._.stance_entities"],
    requires=["doc.ents", "token.dep", "token.tag"],
    default_config={"rules_dir": ""},
)
def make_entities(nlp: Language, name: str, rules_dir: str) -> EntityComponent:
    return EntityComponent(nlp, name, rules_dir)


@Language.factory(
    "stance_speakers",
    assigns=["doc._.stance_quotes"],
    requires=["token.dep", "token.lemma", "token.tag", "doc.sents"],
    default_config={"rules_dir": ""},
)
def make_speakers(nlp: Language, name: str, rules_dir: str) -> AttributionComponent:
    return AttributionComponent(nlp, name, rules_dir)


@Language.factory(
    "stance_hedges",
    assigns=["doc._.stance_marks"],
    requires=["token.dep", "token.lemma", "token.tag"],
    default_config={"rules_file": "hedges.jsonl", "rules_dir": ""},
)
def make_hedges(nlp: Language, name: str, rules_file: str, rules_dir: str) -> StanceMarker:
    """Hedges: modal and epistemic cues, shields, approximators, distancing."""
    return StanceMarker(nlp, name, rules_file, rules_dir)


@Language.factory(
    "stance_commitments",
    assigns=["doc._.stance_marks"],
    requires=["token.dep", "token.lemma", "token.tag", "token.ent_type"],
    default_config={"rules_file": "commitments.jsonl", "rules_dir": ""},
)
def make_commitments(nlp: Language, name: str, rules_file: str, rules_dir: str) -> StanceMarker:
    """Firm commitments: commissives, assurances, boosters; negated ones may turn into hedges."""
    return StanceMarker(nlp, name, rules_file, rules_dir)


__all__ = ["attribution", "available", "decider", "entities", "extensions", "segmentation"]
