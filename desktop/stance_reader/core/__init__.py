"""Shared value types (frozen dataclasses) and offset helpers. Standard library only."""

from stance_reader.core.corrections import Correction, CorrectionKind, MarkRef
from stance_reader.core.models import (
    Analysis,
    AnalystNote,
    Article,
    Entity,
    Highlight,
    HighlightKind,
    Mark,
    MarkKind,
    Quote,
    SpanTuple,
    StoredDocument,
)
from stance_reader.core.session import ReadingSession

__all__ = [
    "Analysis",
    "AnalystNote",
    "Article",
    "Correction",
    "CorrectionKind",
    "Entity",
    "Highlight",
    "HighlightKind",
    "Mark",
    "MarkKind",
    "MarkRef",
    "Quote",
    "ReadingSession",
    "SpanTuple",
    "StoredDocument",
]
