"""Export use cases: load the passages a scope names from the store and hand them to ``export``.

Owns the three scopes of File → Export… and the CLI — one article's saved highlights, selected
highlights (by id), everything matching the All-highlights filter — plus "include automatic marks",
which adds each in-scope article's hedges and commitments from its cached analysis (never re-running
spaCy: an article never analysed simply has none), as the model decided them (``Analysis.decided()``).
Also the clipboard's Markdown and rich text.

Runs on any thread (the window calls it on its analysis lane); the store passed in must belong to that
thread. No Qt here: the PDF writer (in ``export``) brings its own.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from stance_reader.core.models import Analysis, Highlight, StoredDocument
from stance_reader.export import (
    Passage,
    automatic_passages,
    export_passages,
    matches,
    passages_from_rows,
    passages_to_html_fragment,
    passages_to_markdown,
    rejected_passages,
)
from stance_reader.services.corrections import corrected

Row = tuple[Highlight, StoredDocument]


@dataclass
class Collected:
    """What one scope resolved to: the passages, the analyses for colour coding, and any caveats;
    ``documents`` are the articles in scope (one article's, even without passages; with automatic marks,
    every article in the date range), for the formats that carry whole articles (qdpx)."""

    passages: list[Passage] = field(default_factory=list)
    analyses: dict[int, Analysis] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    documents: list[StoredDocument] = field(default_factory=list)


def latest_analysis(store: Any, content_hash: str) -> Analysis | None:
    """The newest cached analysis of ``content_hash`` under any pipeline version, or None.

    ``Store.latest_analysis`` exists for exactly this: the pipeline version needed by
    ``cached_analysis`` is only known once spaCy is loaded, and export must not load it."""
    result = store.latest_analysis(content_hash)
    return result if isinstance(result, Analysis) else None


def _rows_by_ids(store: Any, ids: Sequence[int]) -> list[Row]:
    """The selected highlights with their documents; ids deleted meanwhile are skipped."""
    getter = getattr(store, "get_highlight", None)
    if not callable(getter):
        wanted = set(ids)
        return [row for row in store.search_highlights("", limit=None) if row[0].id in wanted]
    documents: dict[int, StoredDocument] = {}
    rows: list[Row] = []
    for highlight_id in dict.fromkeys(ids):
        try:
            hl = getter(highlight_id)
        except LookupError:
            continue
        if hl.document_id is None:
            continue
        if hl.document_id not in documents:
            documents[hl.document_id] = store.get_document(hl.document_id)
        rows.append((hl, documents[hl.document_id]))
    return rows


def _filter_active(kinds: Sequence[str], speakers: Sequence[str], tags: Sequence[str], query: str) -> bool:
    return bool(kinds or speakers or tags or query)


def _as_date(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _in_dates(
    doc: StoredDocument, outlet: str | None, date_from: date | str | None, date_to: date | str | None
) -> bool:
    """Document-level part of the filter, for articles that only contribute automatic marks (the
    store applies the same rules to saved highlights: same outlet, readable date inside the range)."""
    article = doc.article
    if outlet and article.outlet.casefold() != outlet.casefold():
        return False
    low, high = _as_date(date_from), _as_date(date_to)
    if low or high:
        from stance_reader.store.dates import iso_day  # the store's reading of printed dates

        day = iso_day(article.date)
        if day is None:
            return False
        when = date.fromisoformat(day)
        if (low and when < low) or (high and when > high):
            return False
    return True


def collect(
    store: Any,
    *,
    document_id: int | None = None,
    highlight_ids: Sequence[int] | None = None,
    query: str | None = "",
    kinds: Sequence[str] = (),
    speakers: Sequence[str] = (),
    tags: Sequence[str] = (),
    outlet: str | None = None,
    date_from: date | str | None = None,
    date_to: date | str | None = None,
    include_automatic: bool = False,
    only_corrected: bool = False,
    exclude_rejected: bool = False,
) -> Collected:
    """Resolve a scope: ``highlight_ids`` (selected) wins, then ``document_id`` (one article, optionally
    filtered), else the whole library through the filter. Automatic marks, when asked for, come from
    every in-scope article and pass the same kind/speaker/tag/query filter as saved highlights.

    The analyst's corrections are applied to every analysis (each passage says whether its kind and
    speaker came from the model or the analyst); marks the analyst rejected are listed, flagged, among
    the automatic marks unless ``exclude_rejected`` (which also drops saved highlights over a rejected
    mark). ``only_corrected`` keeps just the passages the analyst corrected, added or rejected."""
    query = query or ""
    kinds, speakers, tags = tuple(kinds), tuple(speakers), tuple(tags)
    filtered = _filter_active(kinds, speakers, tags, query)
    filters: dict[str, Any] = {"kinds": kinds, "speakers": speakers, "tags": tags}
    if highlight_ids:
        rows = _rows_by_ids(store, highlight_ids)
        documents = {doc.id: doc for _h, doc in rows}
    elif document_id is not None:
        doc = store.get_document(document_id)
        if doc is None:
            raise LookupError(f"no document with id {document_id}")
        if filtered:
            rows = store.search_highlights(query, document_id=document_id, limit=None, **filters)
        else:
            rows = [(h, doc) for h in store.highlights_for(document_id)]
        documents = {doc.id: doc}
    else:
        rows = store.search_highlights(
            query, outlet=outlet, date_from=date_from, date_to=date_to, limit=None, **filters
        )
        documents = {doc.id: doc for _h, doc in rows}
        if include_automatic:
            for doc in store.list_documents():
                if _in_dates(doc, outlet, date_from, date_to):
                    documents.setdefault(doc.id, doc)
    result = Collected(passages=passages_from_rows(rows), documents=[documents[k] for k in sorted(documents)])
    saved: dict[int, list[Highlight]] = {}
    for h, doc in rows:
        saved.setdefault(doc.id, []).append(h)
    missing = 0
    rejected: dict[int, set[tuple[int, int, str]]] = {}
    for doc_id, doc in sorted(documents.items()):
        analysis = latest_analysis(store, doc.content_hash)
        if analysis is None:
            missing += 1
            continue
        applied = corrected(store, doc, analysis, write_back=False)
        # Exports report the model's decision, never the weaker candidates the window can reveal.
        analysis = applied.analysis.decided()
        result.analyses[doc_id] = analysis
        rejected_marks = [m for _c, m in applied.rejected]
        rejected[doc_id] = {(m.start, m.end, str(m.kind)) for m in rejected_marks}
        if include_automatic:
            auto = automatic_passages(doc, analysis, saved.get(doc_id, ()))
            if not exclude_rejected:
                auto += rejected_passages(doc, rejected_marks, saved.get(doc_id, ()))
            result.passages += [
                p for p in auto if matches(p, kinds=kinds, speakers=speakers, tags=tags, query=query)
            ]
    result.passages = _by_correction(result.passages, rejected, only_corrected, exclude_rejected)
    if include_automatic and missing:
        result.warnings.append(
            f"{missing} article{'s have' if missing != 1 else ' has'} no cached analysis, so no automatic "
            "marks (open it in the window or run 'stance-reader analyze' first)"
        )
    return result


def _by_correction(
    passages: list[Passage],
    rejected: dict[int, set[tuple[int, int, str]]],
    only_corrected: bool,
    exclude_rejected: bool,
) -> list[Passage]:
    """The corrections filters. A saved highlight over a rejected mark counts as rejected."""

    def over_rejected(p: Passage) -> bool:
        spans = rejected.get(p.document_id, set()) if p.document_id is not None else set()
        return (p.highlight.start, p.highlight.end, str(p.kind)) in spans

    kept = []
    for p in passages:
        is_rejected = p.correction == "rejected" or over_rejected(p)
        if exclude_rejected and is_rejected:
            continue
        if only_corrected and not (p.correction or is_rejected):
            continue
        kept.append(p)
    return kept


def export_highlights(
    store: Any,
    fmt: str,
    *,
    out: Path,
    include_automatic: bool = False,
    document_id: int | None = None,
    highlight_ids: Sequence[int] | None = None,
    query: str | None = "",
    kinds: Sequence[str] = (),
    speakers: Sequence[str] = (),
    tags: Sequence[str] = (),
    outlet: str | None = None,
    date_from: date | str | None = None,
    date_to: date | str | None = None,
    generated_at: str | None = None,
    group_by: str = "speaker",
    only_corrected: bool = False,
    exclude_rejected: bool = False,
    citation_style: str | None = None,
) -> int:
    """File → Export…: resolve the scope (see :func:`collect`) and write ``out``; returns the count."""
    collected = collect(
        store,
        document_id=document_id,
        highlight_ids=highlight_ids,
        query=query,
        kinds=kinds,
        speakers=speakers,
        tags=tags,
        outlet=outlet,
        date_from=date_from,
        date_to=date_to,
        include_automatic=include_automatic,
        only_corrected=only_corrected,
        exclude_rejected=exclude_rejected,
    )
    return _write(fmt, collected, out, citation_style, generated_at=generated_at, group_by=group_by)


def _open_store(db: str | None) -> Any:
    """The library for a headless export; a missing database file is an error, never a new empty one."""
    from stance_reader.paths import default_database

    target = db or default_database()
    if "://" not in target and not Path(target).expanduser().exists():
        raise FileNotFoundError(missing_library(Path(target).expanduser()))
    from stance_reader.store import Store

    # Read-only: no daily backup, and a damaged file stays where it is (the error says what to run).
    return Store(target, auto_backup=False, move_damaged=False)


def missing_library(path: Path) -> str:
    """Why there is no library at ``path``, naming the damaged file moved aside from it if any."""
    from stance_reader.store.connection import moved_aside

    aside = moved_aside(path)
    if not aside:
        return f"no library database at {path}"
    return (
        f"no library database at {path}: the damaged one was moved aside to {aside[-1]};"
        f" run 'stance-reader library salvage --db {path}' to recover what is readable"
    )


def export_cli(
    fmt: str,
    db: str | None,
    doc_id: int | None,
    kinds: Sequence[str],
    speakers: Sequence[str],
    tags: Sequence[str],
    query: str | None,
    include_automatic: bool,
    out: Path,
    only_corrected: bool = False,
    exclude_rejected: bool = False,
    citation_style: str | None = None,
) -> int:
    """``stance-reader export``: one document (``doc_id``) or the whole library through the filter.

    Store failures (damaged or locked database) are raised as ``OSError`` with the store's one-line
    message, which the CLI prints; an unknown ``doc_id`` stays a ``LookupError``."""
    from stance_reader.store import StoreError

    try:
        store = _open_store(db)
        try:
            collected = collect(
                store,
                document_id=doc_id,
                query=query,
                kinds=kinds,
                speakers=speakers,
                tags=tags,
                include_automatic=include_automatic,
                only_corrected=only_corrected,
                exclude_rejected=exclude_rejected,
            )
        finally:
            store.close()
    except StoreError as exc:
        if isinstance(exc, LookupError):
            raise
        raise OSError(str(exc)) from exc
    for warning in collected.warnings:
        print(f"stance-reader: note: {warning}", file=sys.stderr)
    return _write(fmt, collected, out, citation_style)


def _write(fmt: str, collected: Collected, out: Path, citation_style: str | None, **options: Any) -> int:
    """Write what :func:`collect` gathered; returns the passage count."""
    return export_passages(
        fmt, collected.passages, Path(out), include_marks=collected.analyses, citation_style=citation_style,
        documents=collected.documents, **options,
    )  # fmt: skip


def clipboard_markdown(rows: Iterable[Row]) -> str:
    """Selected highlights as Markdown for the clipboard's plain text (no title or generated line)."""
    return passages_to_markdown(passages_from_rows(rows))


def clipboard_html(rows: Iterable[Row]) -> str:
    """Selected highlights as inline-styled HTML for the clipboard's rich text."""
    return passages_to_html_fragment(passages_from_rows(rows))


__all__ = [
    "Collected",
    "clipboard_html",
    "clipboard_markdown",
    "collect",
    "export_cli",
    "export_highlights",
    "latest_analysis",
]
