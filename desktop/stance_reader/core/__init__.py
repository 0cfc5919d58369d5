"""Shared value types (frozen dataclasses) and offset helpers. Standard library only."""

from stance_reader.core.models import (
    Analysis,
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
    "Article",
    "Entity",
    "Highlight",
    "HighlightKind",
    "Mark",
    "MarkKind",
    "Quote",
    "ReadingSession",
    "SpanTuple",
    "StoredDocument",
]
