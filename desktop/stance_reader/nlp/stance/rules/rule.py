"""A cue rule as its JSONL line states it, and one match of it in a Doc."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Token

from stance_reader.core.models import MarkKind


@dataclass(frozen=True, slots=True)
class Rule:
    """One cue rule: ``id``, ``kind`` (hedge | commitment), ``family``, ``explanation`` (may name the cue
    as ``{cue}``), ``pattern`` (token dicts, see ``trigger_index``), ``cue`` (pattern indices that are the
    cue; default all), ``anchor`` (pattern index whose clause is governed; default the first cue index),
    ``scope`` (see ``scope``), ``negation`` (keep | drop | flip) and ``when`` (check name -> argument,
    see ``checks.registry``)."""

    id: str
    kind: MarkKind
    pattern: list[dict[str, Any]]
    explanation: str = ""
    family: str = ""
    cue: tuple[int, ...] = ()
    anchor: int | None = None
    scope: str = "clause"
    negation: str = "keep"
    when: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Rule:
        pattern = list(data["pattern"])
        cue = tuple(int(i) for i in data.get("cue", range(len(pattern))))
        anchor = data.get("anchor")
        return cls(
            id=str(data["id"]),
            kind=MarkKind(data.get("kind", "hedge")),
            pattern=pattern,
            explanation=str(data.get("explanation", "")),
            family=str(data.get("family", "")),
            cue=cue,
            anchor=int(anchor) if anchor is not None else cue[0],
            scope=str(data.get("scope", "clause")),
            negation=str(data.get("negation", "keep")),
            when=dict(data.get("when", {})),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "kind": str(self.kind), "family": self.family, "explanation": self.explanation,
            "pattern": self.pattern, "cue": list(self.cue), "anchor": self.anchor, "scope": self.scope,
            "negation": self.negation, "when": self.when,
        }


@dataclass(slots=True)
class Hit:
    """A rule's pattern matched at ``tokens``; ``anchor`` and ``verb`` are set when it is judged (the
    voice ledger reads them afterwards)."""

    rule: Rule
    tokens: list[Token]
    anchor: Token | None = None
    verb: Token | None = None
