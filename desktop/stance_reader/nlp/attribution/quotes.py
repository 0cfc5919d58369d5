"""Quotation marks on the raw text, no parser: straight and curly marks, the typewriter pairs, British
single quotes, and a quote running over paragraphs (each new paragraph repeats the opening mark and the
earlier one has no closing mark). ``find_quote_spans`` is the entry point; ``_paragraphs`` is also used
for line labels.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence

from stance_reader.nlp.attribution.common import SpanT

CURLY_OPEN = "\u201c\u201e\u00ab"  # “ „ «
CURLY_CLOSE = "\u201d\u00bb"  # ” »
STRAIGHT = '"'
# Every character _mark_at can accept as (the start of) a quotation mark.
_MARK_CHARS = re.compile("[\"'`\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019]")
_OPENING_CONTEXT = " \t\n([{\u2014\u2013-/:;,"


def _paragraphs(text: str) -> Iterator[SpanT]:
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            yield start, end
        start = end + 1


def _opens(text: str, i: int) -> bool:
    """A straight mark opens when it follows a space, a bracket or a dash (or starts the text)."""
    prev = text[i - 1] if i else " "
    # isspace: a no-break space (U+00A0) often sits between '… he said.' and the next quote.
    return prev.isspace() or prev in _OPENING_CONTEXT or prev in CURLY_OPEN


def _mark_at(text: str, i: int, open_mark: str | None) -> tuple[str, int] | None:
    """("open" | "close", length) when a quotation mark starts at ``i``, given the mark now open.

    Handles straight ``"``, curly “ ” „ « », the typewriter pairs ``\u0060\u0060`` and ``''``, and
    single curly ‘ ’ as the outer mark (British style; inside double quotes they are nested, ignored).
    """
    ch = text[i]
    pair = text[i : i + 2]
    if open_mark is None:
        if ch in CURLY_OPEN or pair == "``":
            return "open", 2 if pair == "``" else 1
        if pair == "''" and _opens(text, i):
            return "open", 2
        if ch == STRAIGHT and _opens(text, i):
            return "open", 1
        if ch == "\u2018" and _opens(text, i):
            return "open", 1
        if ch == "\u201d" and _opens(text, i) and text[i + 1 : i + 2].isalnum():
            return "open", 1  # 'Doing so ”appeared to be …”': a closing mark typed where one opens
        return None
    if open_mark == "\u2018":
        after = text[i + 1 : i + 2]
        if ch == "\u2019" and not after.isalpha():
            return "close", 1
        return None
    if pair == "''":
        return "close", 2
    if ch in CURLY_CLOSE or ch == STRAIGHT or (ch == "\u201c" and open_mark == "\u201e"):
        return "close", 1
    if ch == "\u201c" and open_mark == "\u201c" and _typed_as_closing(text, i):
        return "close", 1
    return None


def _typed_as_closing(text: str, i: int) -> bool:
    """'“It’s unusual,“ said Noble': an opening curly mark typed where the closing one belongs, right
    after the quote's last punctuation and before a space (an opening mark comes before a word)."""
    return i > 0 and text[i - 1] in ",.?!" and not text[i + 1 : i + 2].isalnum()


def find_quote_spans(text: str) -> list[list[SpanT]]:
    """Each quotation as its segments (one per paragraph it spans), quotation marks included.

    A quote left open at a paragraph's end continues when the next paragraph starts with an opening
    mark (the newspaper convention); otherwise it ends with its paragraph.
    """
    quotes: list[list[SpanT]] = []
    segments: list[SpanT] = []
    open_at: int | None = None
    open_mark: str | None = None
    for p_start, p_end in _paragraphs(text):
        pos = p_start
        if open_at is not None:
            first = p_start + (len(text[p_start:p_end]) - len(text[p_start:p_end].lstrip()))
            found = _mark_at(text, first, None)
            if found and found[0] == "open":
                open_at, pos = first, first + found[1]
            else:
                quotes.append(segments)
                segments, open_at, open_mark = [], None, None
        i = pos
        while i < p_end:
            candidate = _MARK_CHARS.search(text, i, p_end)  # skip to the next character that can be a mark
            if candidate is None:
                break
            i = candidate.start()
            found = _mark_at(text, i, open_mark)
            if found is None:
                i += 1
                continue
            role, length = found
            if role == "open":
                open_at, open_mark = i, text[i]
            else:
                segments.append((open_at if open_at is not None else i, i + length))
                quotes.append(segments)
                segments, open_at, open_mark = [], None, None
            i += length
        if open_at is not None:
            segments.append((open_at, p_end))
    if segments:
        quotes.append(segments)
    return [q for q in quotes if any(e - s > 2 for s, e in q)]


# An object pronoun right before a quoted phrase: 'called it "a stunt"' reports the phrase, not "it".
_LEAD_PRONOUNS = frozenset({"it", "this", "that", "them", "him", "her", "these", "those"})


def balance_quote_marks(text: str, span: SpanT, segments: Sequence[SpanT]) -> SpanT:
    """``span`` (reported content) grown to the quotation marks it cuts through, so a report never shows
    'as a "serious basis' without its closing mark: a quote segment that starts inside and ends outside
    with only punctuation between is taken whole (and the mirror case at the start). A lone object
    pronoun before the opening mark is dropped ('it "the last chance"' → '"the last chance"')."""
    start, end = span
    # Segments are sorted and do not overlap: only the one holding ``start`` and those starting
    # before ``end`` can be cut.
    first = max(0, bisect.bisect_right(segments, (start, len(text))) - 1)
    for seg_start, seg_end in segments[first:]:
        if seg_start >= end:
            break
        if start < seg_start < end < seg_end and not _has_word(text[end:seg_end]):
            end = seg_end
        if seg_start < start < seg_end <= end and not _has_word(text[seg_start:start]):
            start = seg_start
    lead = text[start:end].split(maxsplit=1)
    if len(lead) == 2 and lead[0].lower() in _LEAD_PRONOUNS and lead[1][:1] in f"{STRAIGHT}{CURLY_OPEN}":
        start = end - len(lead[1])
    return start, end


def quote_opened_before(text: str, span: SpanT, segments: Sequence[SpanT], cue_start: int) -> SpanT:
    """A report cued after its content that starts inside a quotation and runs past its closing mark
    ('…,” Hewitt said, according to a transcript': the parser cut the quotation into sentences and the
    report took the last) takes the quotation from its opening mark."""
    start, end = span
    if cue_start < end:
        return span
    k = bisect.bisect_right(segments, (start, len(text))) - 1
    if k >= 0 and segments[k][0] < start < segments[k][1] <= end:
        start = segments[k][0]
    return start, end


def _has_word(text: str) -> bool:
    return any(ch.isalnum() for ch in text)
