"""The analyst's corrections of the analysis, as use cases: build, apply, write, learn from.

The analyst has the last word on every mark: reject it, change its kind or speaker, adjust its passage,
or add what the model missed. The parts:

- ``building``: :class:`Revision` (one gesture's change) and the corrections it makes;
- ``apply``: :func:`apply_corrections`, the corrected analysis (re-attached to a fresh analysis by
  anchor; orphans listed, never dropped);
- ``reading``: the corrected analysis of a stored document;
- ``operations``: :class:`CorrectMark`, :class:`AddPassage`, :class:`RemoveCorrections`, each one step of
  the shared undo history (``services.highlights.HighlightHistory``);
- ``learning``: evaluation JSONL, the model's score against the analyst, training sentences.

No Qt here.
"""

from stance_reader.services.corrections.apply import (
    ANALYST_RULE,
    Applied,
    MarkFinder,
    added_mark,
    added_quote,
    apply_corrections,
    rebase,
)
from stance_reader.services.corrections.building import (
    Revision,
    added_correction,
    fresh_correction,
    is_model_view,
    revise,
)
from stance_reader.services.corrections.operations import (
    AddPassage,
    CorrectionStep,
    CorrectMark,
    RemoveCorrections,
    existing_correction,
)
from stance_reader.services.corrections.reading import corrected, corrected_or_plain

__all__ = [
    "ANALYST_RULE",
    "AddPassage",
    "Applied",
    "CorrectMark",
    "CorrectionStep",
    "MarkFinder",
    "RemoveCorrections",
    "Revision",
    "added_correction",
    "added_mark",
    "added_quote",
    "apply_corrections",
    "corrected",
    "corrected_or_plain",
    "existing_correction",
    "fresh_correction",
    "is_model_view",
    "rebase",
    "revise",
]
