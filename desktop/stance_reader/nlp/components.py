"""The one place that lists the project's spaCy components: importing this registers every factory.

Order in the pipeline (see ``pipeline.COMPONENTS``): entities first (canonical names), then speakers
(resolves mentions against those names), then the hedge/commitment rules when their module is present.
"""

from __future__ import annotations

from spacy.language import Language

from stance_reader.nlp import attribution, entities, extensions, segmentation

try:  # the hedge/commitment rules live in their own module, which may not exist in every checkout
    from stance_reader.nlp import stance_rules
except ImportError:  # pragma: no cover - depends on the checkout
    stance_rules = None  # type: ignore[assignment]
from stance_reader.nlp.stance import decider

# Runs before the parser (sentence starts at paragraph breaks).
PRE_PARSER = ("stance_paragraphs",)
CORE_COMPONENTS = ("stance_entities", "stance_speakers")
OPTIONAL_COMPONENTS = ("stance_hedges", "stance_commitments", "stance_decider")


def available() -> tuple[str, ...]:
    """Factories registered now, in pipeline order."""
    names = CORE_COMPONENTS + OPTIONAL_COMPONENTS
    return tuple(n for n in names if Language.has_factory(n))


__all__ = ["attribution", "available", "decider", "entities", "extensions", "segmentation", "stance_rules"]
