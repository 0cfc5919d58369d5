"""What every stage of attribution shares: the ``SpanT`` alias, the working ``_Attribution`` record
(one quote or report before its speaker is resolved), the subject labels, and the "according to" test.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

SpanT = tuple[int, int]
# Not ``syntax.SUBJECT_DEPS``: that one also counts "expl" ("there is …"), which never speaks here.
SUBJECTS = ("nsubj", "nsubjpass")


@dataclass(slots=True)
class _Attribution:
    content: list[SpanT]
    cue: Token | None
    cue_span: SpanT | None
    subject: Token | None
    mention: SpanT | None
    direct: bool
    rule: str
    type: str = "speech"  # set by TypeRules once the attribution is final


def _according(tok: Token) -> bool:
    doc = tok.doc
    return tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to"
