"""Importing articles into the library with their speaker ledger (``stance-reader import``).

Each file is read with the document readers, stored, analysed through the analysis cache
(:func:`services.library.analysis_for`, which fills the ledger on a fresh analysis) and indexed. A file
whose text is already in the library with an analysis and ledger rows is a no-op: nothing is read twice,
and spaCy is not loaded for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from stance_reader.core.models import Analysis, Article
from stance_reader.documents.errors import DocumentError
from stance_reader.documents.folder import list_importable
from stance_reader.documents.loader import load_article
from stance_reader.services.library import analysis_for, import_article
from stance_reader.services.speakers import index_document
from stance_reader.store import Store

# (analyse(article) -> Analysis, pipeline version); loaded only when a file needs analysing.
AnalyzerFactory = Callable[[], tuple[Callable[[Article], Analysis], str]]


@dataclass(frozen=True)
class ImportOutcome:
    path: Path
    status: str  # imported | unchanged | failed
    document_id: int | None = None
    marks: int = 0
    from_cache: bool = False
    message: str = ""


def expand(paths: Iterable[Path]) -> Iterator[Path]:
    """Files as given; folders as their importable files (recursively, sorted)."""
    for path in paths:
        if Path(path).is_dir():
            yield from list_importable(Path(path))
        else:
            yield Path(path)


def default_analyzer() -> tuple[Callable[[Article], Analysis], str]:
    from stance_reader.services.analysis import analyze_article, get_analyzer

    return analyze_article, get_analyzer().version


def import_one(store: Store, path: Path, analyzer: AnalyzerFactory) -> ImportOutcome:
    try:
        article = load_article(path)
    except DocumentError as exc:
        return ImportOutcome(path, "failed", message=str(exc))
    known = store.find_document(article.content_hash)
    if known is not None and _indexed(store, known.id, known.content_hash):
        return ImportOutcome(path, "unchanged", known.id, store.count_speaker_marks(known.id))
    doc = import_article(store, article)
    analyse, version = analyzer()
    analysis, cached = analysis_for(store, doc, lambda _text: analyse(doc.article), version)
    marks = index_document(store, doc, analysis) if cached else store.count_speaker_marks(doc.id)
    return ImportOutcome(path, "imported", doc.id, marks, cached)


def _indexed(store: Store, document_id: int, content_hash: str) -> bool:
    """Already analysed, with its ledger rows in place (or none due)."""
    if store.latest_analysis(content_hash) is None:
        return False
    return store.count_speaker_marks(document_id) > 0 or not _has_speakers(store, content_hash)


def _has_speakers(store: Store, content_hash: str) -> bool:
    """Whether the stored analysis has anything for the ledger (else no rows is the right state)."""
    from stance_reader.services.speakers import mentions_of

    analysis = store.latest_analysis(content_hash)
    doc = store.find_document(content_hash)
    return bool(analysis is not None and doc is not None and mentions_of(analysis, doc.article.text))


def import_paths(
    store: Store,
    paths: Iterable[Path],
    analyzer: AnalyzerFactory = default_analyzer,
    on_item: Callable[[int, int, ImportOutcome], None] | None = None,
) -> list[ImportOutcome]:
    """Import every file (folders expanded); ``on_item(done, total, outcome)`` after each. The analyzer
    is loaded once, on the first file that needs it."""
    files = list(expand(paths))
    loaded: list[tuple[Callable[[Article], Analysis], str]] = []

    def lazy() -> tuple[Callable[[Article], Analysis], str]:
        if not loaded:
            loaded.append(analyzer())
        return loaded[0]

    outcomes = []
    for done, path in enumerate(files, start=1):
        outcome = import_one(store, path, lazy)
        outcomes.append(outcome)
        if on_item is not None:
            on_item(done, len(files), outcome)
    return outcomes
