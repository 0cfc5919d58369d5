"""Shared test data for the store tests: a short article of our own writing and a builder."""

from __future__ import annotations

from stance_reader.core import Article

TEXT = (
    "Mark Rutte said the alliance will probably fund the plan next year. "
    "Olaf Scholz insisted that Germany will deliver the tanks. "
    "Critics argue the timeline may slip."
)


def article(text: str = TEXT, **meta: str) -> Article:
    meta.setdefault("title", "Alliance weighs the plan")
    meta.setdefault("outlet", "The Daily Test")
    meta.setdefault("date", "2026-11-20")
    return Article(text=text, **meta)
