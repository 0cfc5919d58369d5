"""Learning from the corrections: the corrected documents as evaluation and training data, and how a
model does against them.

Owns :func:`corrected_documents` (each corrected article with its corrected analysis), :func:`eval_rows`
(those in the analyser contract of ``../shared/eval/README.md``, for ``stance_eval.py --jsonl-set`` and
for training), :func:`score` / :class:`Score` (the model against the analyst: precision over the marks
the analyst kept or rejected, recall of the passages the analyst added, speakers set by the analyst)
and :func:`labelled_sentences` (the sentences the analyst reviewed, labelled, for the stance trainer).

Analyses come from the store's cache (the newest per text, decided at the model's own bars) unless the
caller hands in an ``analyse`` function (the CLI's ``--reanalyse`` runs the current pipeline). No Qt.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from stance_reader.core.corrections import DECIDED_SPEAKER, Correction, CorrectionKind
from stance_reader.core.models import Analysis, Article, Mark, StoredDocument
from stance_reader.services.corrections.apply import Applied, MarkFinder, apply_corrections

Analyse = Callable[[Article], Analysis]
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+|\n\s*\n")


@dataclass(frozen=True, slots=True)
class CorrectedDocument:
    """One article the analyst corrected: its model analysis (None: never analysed), its corrections
    and the corrected analysis (the corrections alone when there is no model analysis)."""

    document: StoredDocument
    model: Analysis | None
    corrections: tuple[Correction, ...]
    applied: Applied


def _model_analysis(store: Any, document: StoredDocument, analyse: Analyse | None) -> Analysis | None:
    if analyse is not None:
        return analyse(document.article)
    cached = store.latest_analysis(document.content_hash)
    return cached.decided() if isinstance(cached, Analysis) else None


def corrected_documents(store: Any, analyse: Analyse | None = None) -> Iterator[CorrectedDocument]:
    """Every document with at least one correction, oldest first."""
    for doc_id in store.corrected_document_ids():
        document = store.get_document(doc_id)
        corrections = tuple(store.corrections_for(doc_id))
        model = _model_analysis(store, document, analyse)
        base = model if model is not None else Analysis()
        applied = apply_corrections(base, corrections, document.article.text, document.content_hash)
        yield CorrectedDocument(document, model, corrections, applied)


# --- the analyser contract --------------------------------------------------------------------------


def _mark_row(mark: Mark) -> dict[str, Any]:
    note = mark.analyst
    return {
        "kind": str(mark.kind),
        "start": mark.start,
        "end": mark.end,
        "cue": [list(c) for c in mark.cue],
        "rule": mark.rule,
        "speaker": mark.speaker,
        # Beyond the contract (scorers ignore it): who decided the kind and the speaker.
        "kind_source": "analyst" if note is not None and note.kind_by_analyst else "model",
        "speaker_source": "analyst" if note is not None and note.speaker_by_analyst else "model",
    }


def eval_row(item: CorrectedDocument) -> dict[str, Any]:
    """One corrected document as a JSONL row of the analyser contract (code-point offsets)."""
    analysis = item.applied.analysis
    return {
        "id": f"document/{item.document.id}",
        "text": item.document.article.text,
        "title": item.document.article.display_title,
        "marks": [_mark_row(m) for m in analysis.marks],
        "quotes": [
            {
                "content": [list(c) for c in q.content],
                "cue": [list(c) for c in q.cue],
                "speaker": [list(c) for c in q.speaker],
                "speaker_entity": q.speaker_entity,
            }
            for q in analysis.quotes
        ],
        "entities": [e.to_dict() for e in analysis.entities],
        "corrections": len(item.corrections),
        "orphaned_corrections": len(item.applied.orphans),
        "analysed": item.model is not None,
    }


def eval_rows(store: Any, analyse: Analyse | None = None) -> list[dict[str, Any]]:
    return [eval_row(item) for item in corrected_documents(store, analyse)]


# --- the model against the analyst ------------------------------------------------------------------


@dataclass
class Score:
    """Counts of one comparison; see :func:`score`."""

    documents: int = 0
    corrections: int = 0
    orphans: int = 0
    kept: int = 0  # corrections that keep a mark (relabelled, speaker or passage changed)
    kept_right: int = 0  # ... the model marks it with the analyst's kind
    rejected: int = 0
    rejected_still: int = 0  # rejected marks the model still makes
    added: int = 0
    added_found: int = 0  # passages the analyst added that the model now marks
    speakers: int = 0  # speakers the analyst set on a kept mark
    speakers_right: int = 0
    unanalysed: int = 0  # corrected documents with no analysis to compare
    kinds: dict[str, int] = field(default_factory=dict)

    @property
    def precision(self) -> float | None:
        """Of the model's marks on passages the analyst judged, the share the analyst kept as marked."""
        tp, fp = self.kept_right + self.added_found, self.rejected_still + (self.kept - self.kept_right)
        return tp / (tp + fp) if tp + fp else None

    @property
    def recall_added(self) -> float | None:
        return self.added_found / self.added if self.added else None

    def lines(self) -> list[str]:
        def ratio(n: int, d: int) -> str:
            return f"{n} of {d}" + (f" ({n / d:.2f})" if d else "")

        precision = "n/a" if self.precision is None else f"{self.precision:.2f}"
        recall = "n/a" if self.recall_added is None else f"{self.recall_added:.2f}"
        return [
            f"Corrections: {self.corrections} in {self.documents} article(s)"
            f" ({self.orphans} orphaned, {self.unanalysed} article(s) never analysed)",
            f"Precision on the marks you judged: {precision}",
            f"  rejected marks the model still makes: {ratio(self.rejected_still, self.rejected)}",
            f"  kept marks it gives your kind:        {ratio(self.kept_right, self.kept)}",
            f"Recall of the passages you added:      {recall} ({self.added_found} of {self.added})",
            f"Speakers you set that it now gets:      {ratio(self.speakers_right, self.speakers)}",
        ]


def _judge(score: Score, c: Correction, model: Sequence[Mark], finder: MarkFinder) -> None:
    score.kinds[str(c.kind)] = score.kinds.get(str(c.kind), 0) + 1
    if c.target is None:
        if c.kind.mark_kind is None:
            return  # an added quote: attribution is scored elsewhere
        score.added += 1
        score.added_found += finder.covers(c.kind.mark_kind, c.start, c.end)
        return
    index = finder.find(c)
    mark = model[index] if index is not None else None
    if c.rejected:
        score.rejected += 1
        score.rejected_still += mark is not None and mark.kind is c.target.kind
        return
    score.kept += 1
    score.kept_right += mark is not None and mark.kind is c.kind.mark_kind
    if DECIDED_SPEAKER in c.decided:
        score.speakers += 1
        score.speakers_right += mark is not None and mark.speaker == c.speaker


def score(store: Any, analyse: Analyse | None = None) -> Score:
    """How the model (cached analyses, or ``analyse``) does against every stored correction."""
    result = Score()
    for item in corrected_documents(store, analyse):
        result.documents += 1
        result.corrections += len(item.corrections)
        result.orphans += len(item.applied.orphans)
        if item.model is None:
            result.unanalysed += 1
            continue
        marks = list(item.model.marks)
        finder = MarkFinder(marks, item.document.article.text)
        orphaned = {c.id for c in item.applied.orphans}
        for c in item.corrections:
            if c.id not in orphaned:
                _judge(result, c, marks, finder)
    return result


# --- training sentences -----------------------------------------------------------------------------


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences of ``text`` as (start, end) code points: a light splitter, good enough for labels."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if text[start : match.start()].strip():
            spans.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def labelled_sentences(store: Any) -> list[dict[str, Any]]:
    """The sentences the analyst reviewed (a correction's passage or cue starts in them), labelled from
    the corrected analysis: ``{"text", "label": hedge|commitment|neutral, "cues", "group", "document"}``.
    ``cues`` (hedge cue spans, relative to the sentence) is set only where the analyst judged a hedge,
    so untouched sentences are never taken as gold."""
    out: list[dict[str, Any]] = []
    for item in corrected_documents(store):
        text = item.document.article.text
        marks = item.applied.analysis.marks
        for start, end in sentence_spans(text):
            touched = [
                c for c in item.corrections if start <= (c.target.cue_start if c.target else c.start) < end
            ]
            if not touched:
                continue
            inside = [m for m in marks if start <= m.cue_start < end]
            hedges = [m for m in inside if str(m.kind) == "hedge"]
            label = "hedge" if hedges else "commitment" if inside else "neutral"
            judged_hedge = any(
                c.kind is CorrectionKind.HEDGE or (c.target is not None and str(c.target.kind) == "hedge")
                for c in touched
            )
            cues = [[s - start, e - start] for m in hedges for s, e in m.cue] if judged_hedge else None
            out.append(
                {
                    "text": text[start:end],
                    "label": label,
                    "cues": cues,
                    "group": f"analyst-document-{item.document.id}",
                    "document": item.document.id,
                }
            )
    return out


__all__ = [
    "CorrectedDocument",
    "Score",
    "corrected_documents",
    "eval_row",
    "eval_rows",
    "labelled_sentences",
    "score",
    "sentence_spans",
]
