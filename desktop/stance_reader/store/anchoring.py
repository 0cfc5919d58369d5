"""Re-attach a saved highlight to a changed version of its article (W3C Web Annotation style).

A highlight carries three anchors: its position, its exact quote and ~32 code points of prefix and
suffix. :func:`reanchor` tries them in order of trust:

1. exact: every occurrence of the quote, the one whose context agrees best (and lies nearest the old
   position, scaled to the new length) wins; a short quote (< 20 code points) also needs its context
   to agree, or a lone "NATO" would jump to an unrelated mention;
2. fuzzy: rapidfuzz's best partial alignment of the quote, refined so the span's own similarity to
   the quote is as high as possible and snapped to word edges; accepted from ``threshold`` (0-100);
3. otherwise None: the caller keeps the highlight, orphaned, with its text and note.

Pure functions over ``str``; offsets are code points, end exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

FUZZY_THRESHOLD = 75.0
SHORT_QUOTE = 20
_MIN_SHORT_CONTEXT = 60.0  # of 200: prefix and suffix similarity added
_WINDOW = 20_000  # fuzzy search looks this far around the expected place in very long texts


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a highlight re-attached: ``method`` is "exact" or "fuzzy"; ``score`` 0-100."""

    start: int
    end: int
    method: str
    score: float


def reanchor(
    text: str,
    quote: str,
    prefix: str = "",
    suffix: str = "",
    start: int = 0,
    old_length: int | None = None,
    threshold: float = FUZZY_THRESHOLD,
) -> Anchor | None:
    """The best place for ``quote`` in ``text`` or None (orphan). ``start`` is the old position in a
    text of ``old_length`` code points; it only breaks ties."""
    if not quote or not text:
        return None
    expected = _expected(start, old_length, len(text))
    exact = _exact(text, quote, prefix, suffix, expected)
    if exact is not None:
        return exact
    if len(quote.strip()) < SHORT_QUOTE // 2:
        return None  # a few letters fuzzily matched anywhere is noise, not an anchor
    return _fuzzy(text, quote, expected, threshold)


def _expected(start: int, old_length: int | None, new_length: int) -> int:
    if not old_length:
        return min(start, new_length)
    return round(start * new_length / old_length)


def _context_score(text: str, start: int, end: int, prefix: str, suffix: str) -> float:
    """0-200: how well the text around [start, end) matches the saved prefix and suffix."""
    score = 0.0
    score += fuzz.ratio(prefix, text[max(0, start - len(prefix)) : start]) if prefix else 100.0
    score += fuzz.ratio(suffix, text[end : end + len(suffix)]) if suffix else 100.0
    return score


def _exact(text: str, quote: str, prefix: str, suffix: str, expected: int) -> Anchor | None:
    best: tuple[float, float, int] | None = None
    at = text.find(quote)
    while at != -1:
        context = _context_score(text, at, at + len(quote), prefix, suffix)
        distance = min(abs(at - expected) / max(len(text), 1), 1.0)
        key = (context - 20.0 * distance, context, at)
        if best is None or key > best:
            best = key
        at = text.find(quote, at + 1)
    if best is None:
        return None
    _, context, at = best
    if len(quote) < SHORT_QUOTE and context < _MIN_SHORT_CONTEXT:
        return None
    return Anchor(at, at + len(quote), "exact", 100.0)


def _fuzzy(text: str, quote: str, expected: int, threshold: float) -> Anchor | None:
    offset = 0
    region = text
    if len(text) > _WINDOW:
        offset = max(0, expected - _WINDOW // 2)
        region = text[offset : offset + _WINDOW]
    found = _align(quote, region, threshold)
    if found is None and region is not text:
        offset, found = 0, _align(quote, text, threshold)
    if found is None:
        return None
    start, end = _refine(text, quote, offset + found[0], offset + found[1])
    score = fuzz.ratio(quote, text[start:end])
    if score < threshold:
        return None
    return Anchor(start, end, "fuzzy", float(score))


def _align(quote: str, region: str, threshold: float) -> tuple[int, int] | None:
    result = fuzz.partial_ratio_alignment(quote, region, score_cutoff=threshold)
    if result is None:
        return None
    return result.dest_start, result.dest_end


def _refine(text: str, quote: str, start: int, end: int) -> tuple[int, int]:
    """Move each edge within a quarter of the quote's length to maximise similarity, then snap the
    edges to word boundaries where that costs nothing (partial alignments cut words in half)."""
    reach = max(4, len(quote) // 4)
    for _ in range(2):
        end = max(
            range(max(start + 1, end - reach), min(len(text), end + reach) + 1),
            key=lambda e: (fuzz.ratio(quote, text[start:e]), -abs(e - end)),
        )
        start = max(
            range(max(0, start - reach), min(end - 1, start + reach) + 1),
            key=lambda s: (fuzz.ratio(quote, text[s:end]), -abs(s - start)),
        )
    return _snap(text, quote, start, end)


def _snap(text: str, quote: str, start: int, end: int) -> tuple[int, int]:
    starts = {start, _word_start(text, start)}
    ends = {end, _word_end(text, end)}
    candidates = [(s, e) for s in starts for e in ends if s < e]
    best = max(candidates, key=lambda se: (fuzz.ratio(quote, text[se[0] : se[1]]), se[1] - se[0]))
    s, e = best
    while s < e and text[s].isspace() and not quote[:1].isspace():
        s += 1
    while e > s and text[e - 1].isspace() and not quote[-1:].isspace():
        e -= 1
    return s, e


def _word_start(text: str, at: int) -> int:
    while 0 < at < len(text) and text[at - 1].isalnum() and text[at].isalnum():
        at -= 1
    return at


def _word_end(text: str, at: int) -> int:
    while 0 < at < len(text) and text[at - 1].isalnum() and text[at].isalnum():
        at += 1
    return at
