"""The unit every exporter writes: :class:`Passage` (a highlight with its article), plus ordering,
grouping, filtering, labels and the text clean-up all formats share.

Pure standard library over ``core`` types: no store, no spaCy, no Qt. Offsets are code points into
``Article.text``, end exclusive, exactly as in :class:`~stance_reader.core.models.Highlight`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from stance_reader.core.models import (
    Analysis,
    Article,
    Highlight,
    HighlightKind,
    Mark,
    StoredDocument,
)
from stance_reader.core.speaker_style import SpeakerStyle, speaker_styles

Cite = Callable[[Article], str]  # an article's citation line in some style (export/citations.py)
NO_SPEAKER = "No speaker (the article's own voice)"
KIND_LABELS = {
    HighlightKind.HEDGE: "Hedge",
    HighlightKind.COMMITMENT: "Firm commitment",
    HighlightKind.SPEAKER: "Speaker",
    HighlightKind.CUSTOM: "Highlight",
}
KIND_ORDER = (HighlightKind.HEDGE, HighlightKind.COMMITMENT, HighlightKind.SPEAKER, HighlightKind.CUSTOM)
GROUPINGS = ("speaker", "kind")

# Characters XML 1.0 forbids (docx/xlsx would refuse them) and that no report wants: C0 controls other
# than tab/newline/CR, plus the two non-characters. Dropped, never replaced, so offsets in the text
# column can differ only where such junk was.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class Passage:
    """One exported passage: a saved (or automatic) highlight, its article and its document id."""

    highlight: Highlight
    article: Article
    document_id: int | None = None

    @property
    def text(self) -> str:
        return self.highlight.quote

    @property
    def kind(self) -> HighlightKind:
        return HighlightKind(self.highlight.kind)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, str(self.kind))

    @property
    def speaker(self) -> str:
        return self.highlight.speaker or ""

    @property
    def origin(self) -> str:
        return self.highlight.origin or "manual"

    @property
    def tags(self) -> tuple[str, ...]:
        return tuple(self.highlight.tags)

    @property
    def _corrected(self) -> dict[str, str]:
        found = self.highlight.extra.get("corrected") if self.highlight.extra else None
        return found if isinstance(found, dict) else {}

    @property
    def kind_source(self) -> str:
        """Who decided the kind: "analyst" (a saved highlight, or a corrected or added mark) or "model"."""
        return self._corrected.get("kind_source") or ("analyst" if self.origin == "manual" else "model")

    @property
    def speaker_source(self) -> str:
        return self._corrected.get("speaker_source") or ("analyst" if self.origin == "manual" else "model")

    @property
    def correction(self) -> str:
        """ "" (as the model said), "corrected", "added" or "rejected" (the analyst said it is no mark)."""
        return self._corrected.get("correction", "")

    @property
    def decided_by(self) -> str:
        """For the report formats: what the analyst did to an automatic mark, in words ("" when the
        model's mark stands as it was): "rejected by the analyst", "added by the analyst", "kind and
        speaker set by the analyst", "kind set by the analyst"…"""
        what = self.correction
        if what in ("rejected", "added"):
            return f"{what} by the analyst"
        if what != "corrected":
            return ""
        sources = (("kind", self.kind_source), ("speaker", self.speaker_source))
        parts = [part for part, source in sources if source == "analyst"]
        return f"{' and '.join(parts) or 'passage'} set by the analyst"


def passages_from_rows(rows: Iterable[tuple[Highlight, StoredDocument]]) -> list[Passage]:
    """(Highlight, StoredDocument) pairs, as ``Store.search_highlights`` returns them, to passages."""
    return [Passage(h, doc.article, doc.id) for h, doc in rows]


def passages_for_document(document: StoredDocument, highlights: Iterable[Highlight]) -> list[Passage]:
    """The current article's saved highlights as passages."""
    return [Passage(h, document.article, document.id) for h in highlights]


def provenance(mark: Mark, rejected: bool = False) -> dict[str, Any]:
    """What the analyst did to ``mark``, for ``Highlight.extra["corrected"]`` (empty: the model's)."""
    note = mark.analyst
    if rejected:
        return {"correction": "rejected", "kind_source": "analyst", "speaker_source": "model"}
    if note is None:
        return {}
    return {
        "correction": "added" if note.was_kind is None else "corrected",
        "kind_source": "analyst" if note.kind_by_analyst else "model",
        "speaker_source": "analyst" if note.speaker_by_analyst else "model",
    }


def mark_to_highlight(
    article: Article, mark: Mark, document_id: int | None, *, rejected: bool = False
) -> Highlight:
    """An automatic mark as an unsaved highlight with ``origin="automatic"`` (and the rule that fired);
    a mark the analyst corrected, added or rejected says so in ``extra["corrected"]``."""
    kind = HighlightKind.HEDGE if str(mark.kind) == "hedge" else HighlightKind.COMMITMENT
    note = mark.explanation
    if mark.cue:
        cue = mark.cue_text(article.text)
        note = f"Cue: “{cue}”" + (f". {note}" if note else "")
    return Highlight.from_span(
        article.text,
        mark.start,
        mark.end,
        document_id=document_id,
        kind=kind,
        speaker=mark.speaker,
        note=note,
        origin="automatic",
        rule=mark.rule,
        extra={"corrected": made} if (made := provenance(mark, rejected)) else {},
    )


def rejected_passages(
    document: StoredDocument, marks: Iterable[Mark], saved: Iterable[Highlight] = ()
) -> list[Passage]:
    """The model's marks the analyst rejected, as passages flagged ``correction == "rejected"``."""
    taken = {(h.start, h.end, str(h.kind)) for h in saved}
    out = []
    for mark in sorted(marks, key=lambda m: (m.start, m.end, str(m.kind))):
        hl = mark_to_highlight(document.article, mark, document.id, rejected=True)
        if (hl.start, hl.end, str(hl.kind)) not in taken:
            out.append(Passage(hl, document.article, document.id))
    return out


def automatic_passages(
    document: StoredDocument, analysis: Analysis, saved: Iterable[Highlight] = ()
) -> list[Passage]:
    """The analysis's hedges and commitments as passages, skipping any already saved with the same
    span and kind (a saved copy carries the analyst's note, so it wins)."""
    taken = {(h.start, h.end, str(h.kind)) for h in saved}
    out = []
    for mark in sorted(analysis.marks, key=lambda m: (m.start, m.end, str(m.kind))):
        hl = mark_to_highlight(document.article, mark, document.id)
        if (hl.start, hl.end, str(hl.kind)) not in taken:
            out.append(Passage(hl, document.article, document.id))
    return out


def matches(
    passage: Passage,
    *,
    kinds: Sequence[str] = (),
    speakers: Sequence[str] = (),
    tags: Sequence[str] = (),
    query: str | None = None,
) -> bool:
    """The All-highlights filter applied in memory (used for automatic marks, which the store never
    sees): any of ``kinds``, any of ``speakers``, all of ``tags``, every query word in text or note."""
    if kinds and str(passage.kind) not in {str(k).lower() for k in kinds}:
        return False
    if speakers and passage.speaker.casefold() not in {s.casefold() for s in speakers}:
        return False
    if tags and not {t.casefold() for t in tags} <= {t.casefold() for t in passage.tags}:
        return False
    if query:
        haystack = f"{passage.text} {passage.highlight.note}".casefold()
        return all(word in haystack for word in query.casefold().split())
    return True


def sort_key(passage: Passage) -> tuple[int, str, int, int, int, int, int]:
    """Stable, data-only order: document, position, kind, saved before automatic, id."""
    hl = passage.highlight
    return (
        passage.document_id if passage.document_id is not None else 1 << 62,
        passage.article.content_hash,
        hl.start,
        hl.end,
        KIND_ORDER.index(passage.kind),
        0 if passage.origin == "manual" else 1,
        hl.id if hl.id is not None else -1,
    )


def ordered(passages: Iterable[Passage]) -> list[Passage]:
    return sorted(passages, key=sort_key)


def by_article(passages: Iterable[Passage]) -> list[tuple[Article, int | None, list[Passage]]]:
    """Group (already ordered) passages by article, keeping first-seen order."""
    groups: dict[tuple[int | None, str], tuple[Article, int | None, list[Passage]]] = {}
    for p in ordered(passages):
        key = (p.document_id, p.article.content_hash)
        groups.setdefault(key, (p.article, p.document_id, []))[2].append(p)
    return list(groups.values())


def speaker_key(
    passages: Iterable[Passage], analyses: Mapping[int, Analysis] | None = None
) -> dict[str, SpeakerStyle]:
    """Every speaker of an export once, with the style its legend shows. Numbered as the window numbers
    one article's speakers: article by article, the analysis's speakers in order of first appearance,
    then any speaker only the passages name."""
    analyses = analyses or {}
    names: dict[str, None] = {}
    for _article, doc_id, items in by_article(passages):
        analysis = analyses.get(doc_id) if doc_id is not None else None
        names.update(dict.fromkeys(analysis.speakers() if analysis else []))
        names.update(dict.fromkeys(p.speaker for p in items if p.speaker))
    return speaker_styles(list(names))


def group_label(passage: Passage, group_by: str) -> str:
    if group_by == "kind":
        return passage.kind_label
    return passage.speaker or NO_SPEAKER


def by_group(passages: Sequence[Passage], group_by: str = "speaker") -> list[tuple[str, list[Passage]]]:
    """Group one article's passages by speaker (first appearance order, the unattributed last) or by
    kind (hedges, commitments, speakers, others)."""
    if group_by not in GROUPINGS:
        raise ValueError(f"group_by must be one of {', '.join(GROUPINGS)}, not {group_by!r}")
    groups: dict[str, list[Passage]] = {}
    for p in passages:
        groups.setdefault(group_label(p, group_by), []).append(p)
    if group_by == "kind":
        rank = {KIND_LABELS[k]: i for i, k in enumerate(KIND_ORDER)}
        keys = sorted(groups, key=lambda k: rank.get(k, len(rank)))
    else:
        keys = [k for k in groups if k != NO_SPEAKER] + ([NO_SPEAKER] if NO_SPEAKER in groups else [])
    return [(k, groups[k]) for k in keys]


def clean(text: str) -> str:
    """Text safe to embed in XML-based formats (docx, xlsx, html): illegal control characters dropped."""
    return _ILLEGAL.sub("", text)


def citation_parts(article: Article) -> list[str]:
    """Title, outlet, date, source (URL or file) — whichever are known, in that order."""
    source = article.url or article.source_path
    return [p for p in (article.display_title, article.outlet, article.date, source) if p]


def article_meta(article: Article, cite: Cite | None = None) -> list[str]:
    """The line under an article's heading, as parts: the citation in the chosen style (``cite``), or by
    default outlet, date and source, whichever are known (the title is the heading)."""
    return [cite(article)] if cite else citation_parts(article)[1:]


def citation(article: Article) -> str:
    """The plain citation line: Outlet, 'Title', date, URL (or source file), whichever are known."""
    title = f"'{article.display_title}'"
    source = article.url or article.source_path
    return ", ".join(p for p in (article.outlet, title, article.date, source) if p)


def default_generated_at() -> str:
    """Now, in UTC to the second: the one line of an export that changes between runs."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def summary_line(passages: Sequence[Passage]) -> str:
    articles = len({(p.document_id, p.article.content_hash) for p in passages})
    return (
        f"{len(passages)} passage{'s' if len(passages) != 1 else ''} from "
        f"{articles} article{'s' if articles != 1 else ''}"
    )
