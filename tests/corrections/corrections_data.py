"""Shared data for the corrections tests: one short article with a hand-made analysis."""

from __future__ import annotations

from stance_reader.core import Analysis, Article, Mark, MarkKind, Quote

TEXT = (
    "Mark Rutte said the alliance will probably fund the plan next year. "
    "Olaf Scholz insisted that Germany will deliver the tanks. "
    "Critics argue the timeline may slip. "
    "The council must decide by Friday."
)


def at(phrase: str, after: int = 0) -> tuple[int, int]:
    start = TEXT.index(phrase, after)
    return start, start + len(phrase)


def mark(kind: MarkKind, passage: str, cue: str, speaker: str | None, confidence: float = 0.71) -> Mark:
    s, e = at(passage)
    cs, ce = at(cue, s)
    return Mark(kind, s, e, ((cs, ce),), f"{kind}.test", speaker, "test", confidence=confidence)


PROBABLY = mark(
    MarkKind.HEDGE, "the alliance will probably fund the plan next year", "probably", "Mark Rutte"
)
DELIVER = mark(MarkKind.COMMITMENT, "Germany will deliver the tanks", "will deliver", "Olaf Scholz")
MAY = mark(MarkKind.HEDGE, "the timeline may slip", "may", None)


def analysis(*marks: Mark) -> Analysis:
    chosen = marks or (PROBABLY, DELIVER, MAY)
    content = at("the alliance will probably fund the plan next year")
    quote = Quote((content,), (at("said"),), (at("Mark Rutte"),), "Mark Rutte", False, "test")
    return Analysis(marks=tuple(chosen), quotes=(quote,), pipeline="test-1", thresholds={"hedge": 0.5})


def article() -> Article:
    return Article(TEXT, title="Alliance weighs the plan")
