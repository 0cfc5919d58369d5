"""Attribution — who said what: direct quotes, reported speech and their speakers (``stance_speakers``).

Read in pipeline order:

- ``quotes``: quotation-mark spans on the raw text (no parser);
- ``cues``: the cue rules (``models/attribution_cues.jsonl``), verb cues, "according to X", labelled lines;
- ``content``: what a cue reports (its complement per frame, where it starts and stops);
- ``subjects``: who speaks (the cue's subject and its fallbacks) and the mention as written;
- ``direct``: deciding which quotes are speech and which tag, colon, signature or neighbour attributes them;
- ``resolution``: mentions and "he"/"she" resolved to entities, and the core ``Quote`` objects;
- ``component``: the spaCy component that runs the stages;
- ``common``: the working ``_Attribution`` record and helpers the stages share.

A cue inside a quote never attributes that quote, so "I"/"you" inside quoted words never become its
speaker. ``"A," he said. "B."`` is one attribution: both contents share the cue.

The ``stance_speakers`` factory is registered in ``nlp/components.py``.
"""

from __future__ import annotations

from spacy.tokens import Span  # re-exported as the single-module version did

from stance_reader.nlp.attribution.component import AttributionComponent
from stance_reader.nlp.attribution.cues import CueRules
from stance_reader.nlp.attribution.quotes import find_quote_spans
from stance_reader.nlp.attribution.subjects import _subject  # tests build parses by hand for it

__all__ = ["AttributionComponent", "CueRules", "Span", "_subject", "find_quote_spans"]
