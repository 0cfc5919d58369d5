"""Counts of an analysis as the window shows them: the status bar's summary and the legend's badges."""

from __future__ import annotations

from stance_reader.core.models import Analysis, MarkKind
from stance_reader.ui.render_plan import Layer


def count_summary(analysis: Analysis) -> str:
    """ "3 speakers · 6 hedges · 4 commitments" for the status bar."""
    hedges = sum(1 for m in analysis.marks if m.kind is MarkKind.HEDGE)
    commits = sum(1 for m in analysis.marks if m.kind is MarkKind.COMMITMENT)
    speakers = len(analysis.speakers())

    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    return " · ".join((plural(speakers, "speaker"), plural(hedges, "hedge"), plural(commits, "commitment")))


def layer_counts(analysis: Analysis | None) -> dict[Layer, int]:
    if analysis is None:
        return dict.fromkeys(Layer, 0)
    return {
        Layer.SPEAKERS: len(analysis.speakers()),
        Layer.HEDGES: sum(1 for m in analysis.marks if m.kind is MarkKind.HEDGE),
        Layer.COMMITMENTS: sum(1 for m in analysis.marks if m.kind is MarkKind.COMMITMENT),
        Layer.ENTITIES: len({(e.label, e.canonical) for e in analysis.entities}),
    }


__all__ = ["count_summary", "layer_counts"]
