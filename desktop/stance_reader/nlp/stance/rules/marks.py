"""From matched tokens to a ``Mark``'s text: the cue's character ranges, the cue words an explanation
names, and one mark per cue when rules overlap."""

from __future__ import annotations

from spacy.tokens import Token

from stance_reader.core.models import Mark


def cue_words(tokens: list[Token]) -> str:
    """The cue as written, lower-cased: each run of adjacent tokens is sliced from the text, so the
    tokenizer's splits never show ("can't", not "ca n't"); separate runs are joined by a space."""
    runs: list[list[Token]] = []
    for tok in tokens:
        if runs and tok.i == runs[-1][-1].i + 1:
            runs[-1].append(tok)
        else:
            runs.append([tok])
    return " ".join(run[0].doc[run[0].i : run[-1].i + 1].text.lower() for run in runs)


def token_ranges(tokens: list[Token]) -> list[tuple[int, int]]:
    """Character ranges of the cue, adjacent tokens joined ("can't say" is one range, "some … argue" two)."""
    ranges: list[tuple[int, int]] = []
    last = -2
    for tok in sorted(tokens, key=lambda t: t.i):
        end = tok.idx + len(tok.text)
        if ranges and tok.i == last + 1:
            ranges[-1] = (ranges[-1][0], end)
        else:
            ranges.append((tok.idx, end))
        last = tok.i
    return ranges


def _cue_inside(inner: Mark, outer: Mark) -> bool:
    return all(any(os <= s and e <= oe for os, oe in outer.cue) for s, e in inner.cue)


def dedupe(marks: list[Mark], existing: list[Mark]) -> list[Mark]:
    """One mark per cue: drop a mark whose cue lies inside a longer cue of the same kind, including
    marks an earlier component already wrote ("cannot guarantee" as a shield and as a flipped
    commitment). Kept marks are bucketed by the text blocks their cues cover, so each check looks
    only at nearby cues (linear in a long article, not quadratic)."""
    block = 64  # characters; cues are a few words, so most fall in one or two blocks
    buckets: dict[tuple[str, int], list[Mark]] = {}

    def keep(mark: Mark) -> None:
        for b in range(mark.cue_start // block, mark.cue_end // block + 1):
            buckets.setdefault((mark.kind, b), []).append(mark)

    for mark in existing:
        keep(mark)
    fresh: list[Mark] = []
    size = lambda m: sum(e - s for s, e in m.cue)  # noqa: E731
    for mark in sorted(marks, key=lambda m: (-size(m), m.start)):
        nearby = buckets.get((mark.kind, mark.cue_start // block), ())
        if any(_cue_inside(mark, other) for other in nearby):
            continue
        keep(mark)
        fresh.append(mark)
    return sorted(fresh, key=lambda m: (m.cue_start, m.start))
