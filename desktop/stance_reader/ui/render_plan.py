"""The render plan: which layers cover which characters, and the character format each mix gets.

Owns :class:`Layer`, :class:`RenderPlan` (built once per analysis, in code points) and
:class:`FormatBook` (the ``QTextCharFormat`` for a combination of features in a theme). Toggling a layer
or switching theme re-uses the plan: only the per-segment format keys are recomputed, which is a cheap
pass over precomputed intervals, never a re-analysis.

Overlap rules (so a hedge inside a quote shows both):
- background: speaker tint inside quotes (the speaker's own hue, see ``core.speaker_style``), else the
  hedge/commitment tint, fainter for a tentative mark (confidence under its kind's model threshold +
  ``TENTATIVE_MARGIN``);
- underline: commitment solid, hedge wavy (commitment wins where both), else entity dotted, else the
  speaker's line pattern (dashed, dash-dot, dash-dot-dot from the seventh speaker on);
- cue words: hedge cue italic, commitment cue bold; the speaker's name bold on its tint.
Every format sets the theme's text colour explicitly so contrast is checkable per format.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum
from typing import NamedTuple

from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextFormat

from stance_reader.core.models import Analysis, Mark, MarkKind
from stance_reader.core.palette import COMMITMENT_HUE, HEDGE_HUE, Theme, mix, tint, underline
from stance_reader.core.speaker_style import LinePattern, SpeakerStyle, speaker_style, speaker_styles
from stance_reader.ui.speaker_look import UNDERLINES

# Custom QTextFormat properties, so tests and tooltips can ask a format which layers it carries.
LAYERS_PROPERTY = QTextFormat.Property.UserProperty + 17
SPEAKER_PROPERTY = QTextFormat.Property.UserProperty + 18


class Layer(StrEnum):
    SPEAKERS = "speakers"
    HEDGES = "hedges"
    COMMITMENTS = "commitments"
    ENTITIES = "entities"


LAYER_LABELS = {
    Layer.SPEAKERS: "Speakers",
    Layer.HEDGES: "Hedges",
    Layer.COMMITMENTS: "Commitments",
    Layer.ENTITIES: "Entities",
}

# A scored mark this close above its kind's decision threshold is drawn fainter: the model was unsure.
TENTATIVE_MARGIN = 0.15

# Feature codes. Speaker features carry the speaker's index: ("quote", i), ("mention", i).
HEDGE, HEDGE_CUE, COMMIT, COMMIT_CUE, ENTITY = "hedge", "hedge_cue", "commit", "commit_cue", "entity"
# Passages of tentative marks: separate codes so a confident mark overlapping one keeps its full tint.
HEDGE_WEAK, COMMIT_WEAK = "hedge_weak", "commit_weak"
QUOTE, MENTION = "quote", "mention"
_FEATURE_LAYER = {
    HEDGE: Layer.HEDGES,
    HEDGE_WEAK: Layer.HEDGES,
    HEDGE_CUE: Layer.HEDGES,
    COMMIT: Layer.COMMITMENTS,
    COMMIT_WEAK: Layer.COMMITMENTS,
    COMMIT_CUE: Layer.COMMITMENTS,
    ENTITY: Layer.ENTITIES,
    QUOTE: Layer.SPEAKERS,
    MENTION: Layer.SPEAKERS,
}
Feature = tuple[str, int]  # (code, speaker index or -1)
FormatKey = frozenset[Feature]


def is_tentative(mark: Mark, thresholds: Mapping[str, float]) -> bool:
    """True for a scored mark under its kind's model threshold + ``TENTATIVE_MARGIN`` (unscored marks
    come from rules alone and are drawn as confident)."""
    if mark.confidence is None:
        return False
    return mark.confidence < thresholds.get(str(mark.kind), 0.0) + TENTATIVE_MARGIN


class Segment(NamedTuple):
    """A run of code points ``[start, end)`` covered by the same features (possibly none).

    A named tuple, not a frozen dataclass: a plan makes tens of thousands of them and a frozen
    dataclass costs several times more to build."""

    start: int
    end: int
    key: FormatKey


class RenderPlan:
    """Elementary intervals of one article's analysis, in code points, covering the whole text."""

    def __init__(self, text_length: int, analysis: Analysis | None) -> None:
        self.length = text_length
        self.speakers: list[str] = analysis.speakers() if analysis else []
        self.speaker_index = {name: i for i, name in enumerate(self.speakers)}
        spans = list(self._feature_spans(analysis)) if analysis else []
        self._segments = self._sweep(text_length, spans)
        self._starts = [s.start for s in self._segments]
        self._by_layers: dict[frozenset[Layer], list[Segment]] = {}

    def _feature_spans(self, analysis: Analysis) -> Iterable[tuple[int, int, Feature]]:
        for quote in analysis.quotes:
            index = self.speaker_index.get(quote.speaker_entity or "", -1)
            if index < 0:
                continue  # an unresolved speaker gets no colour: nothing trustworthy to show
            for s, e in quote.content:
                yield s, e, (QUOTE, index)
            for s, e in quote.speaker:
                yield s, e, (MENTION, index)
        thresholds = analysis.thresholds
        for mark in analysis.marks:
            hedge = mark.kind is MarkKind.HEDGE
            if is_tentative(mark, thresholds):
                passage = HEDGE_WEAK if hedge else COMMIT_WEAK
            else:
                passage = HEDGE if hedge else COMMIT
            cue = HEDGE_CUE if hedge else COMMIT_CUE
            yield mark.start, mark.end, (passage, -1)
            for s, e in mark.cue:
                yield s, e, (cue, -1)
        for entity in analysis.entities:
            yield entity.start, entity.end, (ENTITY, -1)

    @staticmethod
    def _sweep(length: int, spans: list[tuple[int, int, Feature]]) -> list[Segment]:
        """Cut [0, length) at every span boundary; each piece lists the features covering it."""
        events: dict[int, list[tuple[int, Feature]]] = {0: [], length: []}
        for s, e, feature in spans:
            s, e = max(0, s), min(length, e)
            if e <= s:
                continue
            events.setdefault(s, []).append((1, feature))
            events.setdefault(e, []).append((-1, feature))
        active: dict[Feature, int] = {}
        segments: list[Segment] = []
        points = sorted(events)
        for here, nxt in itertools.pairwise(points):
            for delta, feature in events[here]:
                active[feature] = active.get(feature, 0) + delta
                if active[feature] <= 0:
                    del active[feature]
            key = frozenset(active)
            if segments and segments[-1].key == key and segments[-1].end == here:
                segments[-1] = Segment(segments[-1].start, nxt, key)
            else:
                segments.append(Segment(here, nxt, key))
        return segments

    def segments(self, layers: set[Layer]) -> list[Segment]:
        """The whole text as runs of identical visible features for the given active layers (cached
        per layer set: toggling back and forth costs nothing; warm it off the GUI thread)."""
        key = frozenset(layers)
        cached = self._by_layers.get(key)
        if cached is None:
            cached = self._by_layers[key] = self._segments_for(key)
        return cached

    def _segments_for(self, layers: frozenset[Layer]) -> list[Segment]:
        # A few hundred distinct keys cover tens of thousands of segments: filter each key once and
        # keep one object per visible key, so runs are found by identity (a toggle on a 50,000-word
        # article ran ~0.13 s on the GUI thread before).
        visible: dict[FormatKey, FormatKey] = {}
        interned: dict[FormatKey, FormatKey] = {}
        out: list[Segment] = []
        run_start, run_key = 0, None
        for seg in self._segments:
            key = visible.get(seg.key)
            if key is None:
                shown = frozenset(f for f in seg.key if _FEATURE_LAYER[f[0]] in layers)
                key = visible[seg.key] = interned.setdefault(shown, shown)
            if key is not run_key:
                if run_key is not None:
                    out.append(Segment(run_start, seg.start, run_key))
                run_start, run_key = seg.start, key
        if run_key is not None:
            out.append(Segment(run_start, self._segments[-1].end, run_key))
        return out

    def features_at(self, offset: int) -> FormatKey:
        """All features (every layer) at code point ``offset``."""
        i = bisect_left(self._starts, offset + 1) - 1
        if 0 <= i < len(self._segments) and self._segments[i].start <= offset < self._segments[i].end:
            return self._segments[i].key
        return frozenset()


def layers_of(key: FormatKey) -> set[Layer]:
    return {_FEATURE_LAYER[code] for code, _ in key}


class FormatBook:
    """Builds (and caches) the char format for a feature set in one theme, on top of a base format."""

    def __init__(self, theme: Theme, base: QTextCharFormat, speakers: Sequence[str]) -> None:
        self.theme = theme
        self.base = QTextCharFormat(base)
        self.base.setForeground(QColor(theme.text))
        self.base.setProperty(LAYERS_PROPERTY, "")
        self.speakers = list(speakers)
        self.styles = list(speaker_styles(self.speakers).values())
        self._cache: dict[FormatKey, QTextCharFormat] = {}
        self.hedge_tint = tint(HEDGE_HUE, theme, 0.30)
        self.commit_tint = tint(COMMITMENT_HUE, theme, 0.22)
        # Tentative marks: under half the tint, still distinct from the page next to it.
        self.hedge_weak_tint = tint(HEDGE_HUE, theme, 0.13)
        self.commit_weak_tint = tint(COMMITMENT_HUE, theme, 0.09)
        # Underlines pulled towards the text colour: a thin wave in pure orange is too faint to read.
        self.hedge_line = mix(underline(HEDGE_HUE, theme), theme.text, 0.3)
        self.commit_line = mix(underline(COMMITMENT_HUE, theme), theme.text, 0.2)
        self.entity_line = theme.muted

    def style(self, index: int) -> SpeakerStyle:
        """Speaker ``index``'s style (initials unique among this article's speakers)."""
        return self.styles[index] if 0 <= index < len(self.styles) else speaker_style(index)

    def speaker_tint(self, index: int, strong: bool = False) -> str:
        return self.style(index).tint(self.theme, 0.38 if strong else 0.24)

    def speaker_line(self, index: int) -> str:
        """The underline under speaker ``index``'s words (see ``SpeakerStyle.text_line``)."""
        return self.style(index).text_line(self.theme)

    def format_for(self, key: FormatKey) -> QTextCharFormat:
        cached = self._cache.get(key)
        if cached is None:
            cached = self._cache[key] = self._build(key)
        return cached

    def _build(self, key: FormatKey) -> QTextCharFormat:
        fmt = QTextCharFormat(self.base)
        codes = {code for code, _ in key}
        speaker = max((i for code, i in key if code in (QUOTE, MENTION)), default=-1)
        if speaker >= 0:
            fmt.setBackground(QColor(self.speaker_tint(speaker, strong=MENTION in codes)))
            fmt.setProperty(SPEAKER_PROPERTY, self.speakers[speaker] if speaker < len(self.speakers) else "")
            if MENTION in codes:
                fmt.setFontWeight(QFont.Weight.Bold)
        else:
            self._mark_background(fmt, codes)
        commit = COMMIT in codes or COMMIT_WEAK in codes
        if commit and (COMMIT_CUE in codes or HEDGE_CUE not in codes):
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(QColor(self.commit_line))
        elif HEDGE in codes or HEDGE_WEAK in codes:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(QColor(self.hedge_line))
        elif ENTITY in codes:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            fmt.setUnderlineColor(QColor(self.entity_line))
        elif speaker >= 0 and self.style(speaker).pattern is not LinePattern.PLAIN:
            fmt.setUnderlineStyle(UNDERLINES[self.style(speaker).pattern])
            fmt.setUnderlineColor(QColor(self.speaker_line(speaker)))
        if HEDGE_CUE in codes:
            fmt.setFontItalic(True)
        if COMMIT_CUE in codes:
            fmt.setFontWeight(QFont.Weight.Bold)
        fmt.setProperty(LAYERS_PROPERTY, ",".join(sorted(layers_of(key))))
        return fmt

    def _mark_background(self, fmt: QTextCharFormat, codes: set[str]) -> None:
        """Commitment over hedge; within a kind a confident mark's full tint over a tentative one's."""
        for strong, weak, full, faint in (
            (COMMIT, COMMIT_WEAK, self.commit_tint, self.commit_weak_tint),
            (HEDGE, HEDGE_WEAK, self.hedge_tint, self.hedge_weak_tint),
        ):
            if strong in codes or weak in codes:
                fmt.setBackground(QColor(full if strong in codes else faint))
                return


__all__ = [
    "LAYERS_PROPERTY",
    "LAYER_LABELS",
    "SPEAKER_PROPERTY",
    "TENTATIVE_MARGIN",
    "FormatBook",
    "Layer",
    "RenderPlan",
    "Segment",
    "is_tentative",
    "layers_of",
]
