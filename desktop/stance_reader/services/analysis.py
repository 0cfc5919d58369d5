"""Analysis use cases: the process-wide analyzer, one article, and the readable summary (the JSONL batch
is ``services.batch``).

``get_analyzer()`` loads the stance pipeline once per process (thread-safe; the first call takes 1-2 s).
The analyzer itself is not re-entrant, so ``analyze_article`` serialises calls with a lock; the GUI runs
it on its one analysis lane anyway.

The analyzer returns every candidate mark it scored; what leaves this module for a reader (the CLI's
summary, JSON and JSONL) is decided: ``Analysis.decided(min_confidence)``, by default each kind's own
model threshold. Only the window keeps the candidates, to let the analyst move the bar.
"""

from __future__ import annotations

import io
import json
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from typing import IO, TYPE_CHECKING, Any

from stance_reader.core.models import Analysis, Article, Mark, MarkKind, Quote, count_words

if TYPE_CHECKING:
    from stance_reader.nlp.pipeline import StanceAnalyzer

_LOCK = threading.Lock()
_RUN_LOCK = threading.Lock()
_ANALYZER: StanceAnalyzer | None = None
# One article's analysis shows progress from this many code points (~5 s of analysis) up.
PROGRESS_FROM_CHARS = 100_000
# The most text one analysis takes, in code points. Measured here (2 cores, tests/bench/RESULTS.md):
# 55-70 CPU s and 11-14 MB of memory per MB of dense news text, so 100 MB is over 1.5 h and ~1.5 GB;
# beyond it a single article is better split than waited for.
MAX_ANALYSIS_CHARS = 100_000_000


def get_analyzer() -> StanceAnalyzer:
    """The process-wide stance analyzer, loaded on first call (double-checked under a lock)."""
    global _ANALYZER
    if _ANALYZER is None:
        with _LOCK:
            if _ANALYZER is None:
                from stance_reader.nlp.pipeline import StanceAnalyzer

                _ANALYZER = StanceAnalyzer.load()
    return _ANALYZER


def analyzer_loaded() -> bool:
    """True once this process holds a pipeline (batch mode then reuses it instead of starting workers)."""
    return _ANALYZER is not None


def run_lock() -> threading.Lock:
    """The lock every run of this process's analyzer holds (it is not re-entrant)."""
    return _RUN_LOCK


class TextTooLong(ValueError):
    """The article is beyond what one analysis may take (``MAX_ANALYSIS_CHARS``)."""


def check_length(article: Article) -> None:
    """Raise :class:`TextTooLong` for a text beyond ``MAX_ANALYSIS_CHARS``, with what to do instead."""
    if len(article.text) > MAX_ANALYSIS_CHARS:
        raise TextTooLong(
            f"this text is {len(article.text):,} characters; one analysis takes at most "
            f"{MAX_ANALYSIS_CHARS:,} (about {MAX_ANALYSIS_CHARS / 6e6:.0f} million words). "
            "Split it into smaller files, e.g. one per chapter or article."
        )


def analyze_article(
    article: Article,
    on_progress: Callable[[int], None] | None = None,
    keep: Callable[[Mark], bool] | None = None,
) -> Analysis:
    """Analyse an article's body (``article.text``) chunk by chunk; offsets in the result index that text.

    ``on_progress(done)`` gets the code points analysed so far: 0 once the pipeline is loaded, then
    after each chunk. ``keep``: the marks worth holding (see :class:`ChunkedAnalysis`). Raises
    :class:`TextTooLong` beyond ``MAX_ANALYSIS_CHARS``.
    """
    check_length(article)
    analyzer = get_analyzer()
    with _RUN_LOCK:
        if not hasattr(analyzer, "chunked"):  # a stand-in analyzer (tests): one call, no progress
            return analyzer.analyze(article.text)
        job = analyzer.chunked(article.text, keep=keep)
        if on_progress is not None:
            on_progress(0)
        while job.step():
            if on_progress is not None:
                on_progress(job.done)
        return job.partial()


def decided_analysis(
    article: Article, min_confidence: float | None = None, on_progress: Callable[[int], None] | None = None
) -> Analysis:
    """The article's analysis as reported: only the marks at ``min_confidence`` (None: the model's
    thresholds). What ``stance-reader analyze ARTICLE`` summarises or prints as JSON. The other marks
    are dropped chunk by chunk, never held (a third of them on news text: less memory on long texts)."""
    check_length(article)  # before the pipeline loads: a refusal should be instant
    thresholds = getattr(get_analyzer(), "thresholds", None)
    bar = Analysis(thresholds=thresholds or {})
    keep = None if thresholds is None else (lambda mark: bar.shows(mark, min_confidence))
    return analyze_article(article, on_progress, keep).decided(min_confidence)


def to_json(article: Article, analysis: Analysis) -> str:
    """The article's metadata and the analysis (every mark it holds, each quote and entity) as JSON;
    give it a decided analysis (see :func:`decided_analysis`)."""
    out = io.StringIO()
    write_json(article, analysis, out)
    return out.getvalue()


def write_json(article: Article, analysis: Analysis, sink: IO[str]) -> None:
    """:func:`to_json`'s text, written row by row: the same bytes as ``json.dumps(..., indent=2)``, but
    a 30 MB article's ~10^6 rows are never all held as dicts and one string at once."""
    meta = article.to_dict()
    meta.pop("text", None)
    rows = _snippet_rows(analysis, article.text)
    fields: dict[str, Any] = {
        "article": meta, "text_length": len(article.text), **rows, "pipeline": analysis.pipeline,
        "seconds": analysis.seconds, "thresholds": dict(analysis.thresholds),
    }
    sink.write("{")
    for i, (key, value) in enumerate(fields.items()):
        sink.write(("," if i else "") + "\n  " + json.dumps(key) + ": ")
        if key in rows:
            _write_rows(value, sink)
        else:
            sink.write(_nested(value, 2))
    sink.write("\n}")


def _nested(value: Any, depth: int) -> str:
    """``value`` as ``json.dumps(indent=2)`` prints it ``depth`` spaces in."""
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + " " * depth)


def _write_rows(rows: Iterator[dict[str, Any]], sink: IO[str]) -> None:
    first = True
    for row in rows:
        sink.write(("[" if first else ",") + "\n    " + _nested(row, 4))
        first = False
    sink.write("[]" if first else "\n  ]")


def _snippet_rows(analysis: Analysis, text: str) -> dict[str, Iterator[dict[str, Any]]]:
    """Each mark, quote and entity as its ``to_dict()`` row with the words it covers (made one at a
    time, as written)."""

    def words(spans: Any) -> str:
        return " … ".join(text[s:e] for s, e in spans)

    def marks() -> Iterator[dict[str, Any]]:
        for mark in analysis.marks:
            yield {**mark.to_dict(), "text": text[mark.start : mark.end], "cue_text": mark.cue_text(text)}

    def quotes() -> Iterator[dict[str, Any]]:
        for quote in analysis.quotes:
            yield {**quote.to_dict(), "text": words(quote.content), "speaker_text": words(quote.speaker)}

    def entities() -> Iterator[dict[str, Any]]:
        for entity in analysis.entities:
            yield {**entity.to_dict(), "text": text[entity.start : entity.end]}

    return {"marks": marks(), "quotes": quotes(), "entities": entities()}


def with_snippets(analysis: Analysis, text: str) -> dict[str, Any]:
    """``analysis.to_dict()`` with the words of each mark, quote and entity beside its offsets, so a
    reader of the JSON need not rebuild the normalised article to see what was found."""
    data = analysis.to_dict()

    def words(spans: Any) -> str:
        return " … ".join(text[s:e] for s, e in spans)

    for row, mark in zip(data["marks"], analysis.marks, strict=True):
        row["text"], row["cue_text"] = text[mark.start : mark.end], mark.cue_text(text)
    for row, quote in zip(data["quotes"], analysis.quotes, strict=True):
        row["text"], row["speaker_text"] = words(quote.content), words(quote.speaker)
    for row, entity in zip(data["entities"], analysis.entities, strict=True):
        row["text"] = text[entity.start : entity.end]
    return data


def _speaker_of(quote: Quote, text: str) -> str:
    from_text = " ".join(text[s:e] for s, e in quote.speaker)
    return quote.speaker_entity or from_text or "(unattributed)"


def _clip(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def format_summary(article: Article, analysis: Analysis) -> str:
    """A readable report: speakers with their hedge/commitment counts and quotes, then entities.
    Counts every mark it is given: pass a decided analysis (see :func:`decided_analysis`)."""
    return "\n".join(summary_lines(article, analysis))


def write_summary(article: Article, analysis: Analysis, sink: IO[str]) -> None:
    """:func:`format_summary` written line by line (a 30 MB text's report is tens of MB as one string)."""
    for line in summary_lines(article, analysis):
        sink.write(line + "\n")


def summary_lines(article: Article, analysis: Analysis) -> Iterator[str]:
    """The lines of :func:`format_summary`, made as they are written."""
    text = article.text
    yield article.display_title
    details = [d for d in (article.outlet, article.date) if d]
    if details:
        yield " · ".join(details)
    # Import notices (encoding guessed, text looks like mojibake, parts left out) first, as in the window.
    yield from (f"Note: {notice}" for notice in article.notices)
    hedges = sum(m.kind == MarkKind.HEDGE for m in analysis.marks)
    commitments = sum(m.kind == MarkKind.COMMITMENT for m in analysis.marks)
    yield (
        f"{count_words(text)} words · {len(analysis.quotes)} quotes · {hedges} hedges · "
        f"{commitments} commitments · analysed by {analysis.pipeline}"
    )
    yield from ("", "Speakers")
    speakers = _speaker_lines(analysis, text)
    first = next(speakers, None)
    yield "  (none found)" if first is None else first
    yield from speakers
    yield from ("", "Entities")
    yield from _entity_lines(analysis) or ["  (none found)"]


def _speaker_lines(analysis: Analysis, text: str) -> Iterator[str]:
    quotes: dict[str, list[Quote]] = defaultdict(list)
    for quote in sorted(analysis.quotes, key=lambda q: q.start):
        quotes[_speaker_of(quote, text)].append(quote)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for mark in analysis.marks:
        counts[mark.speaker or "(article voice)"][str(mark.kind)] += 1
    for speaker in list(quotes) + [s for s in counts if s not in quotes]:
        c = counts.get(speaker, Counter())
        yield f"  {speaker}: {_plural(c['hedge'], 'hedge')}, {_plural(c['commitment'], 'commitment')}"
        for quote in quotes.get(speaker, []):
            words = " … ".join(text[s:e] for s, e in quote.content)
            kind = "quote" if quote.direct else "reported"
            yield f"    - [{kind}] {_clip(words)}"


def _entity_lines(analysis: Analysis) -> list[str]:
    by_label: dict[str, Counter[str]] = defaultdict(Counter)
    for ent in analysis.entities:
        by_label[ent.label][ent.canonical] += 1
    lines = []
    for label in sorted(by_label, key=lambda lab: (-sum(by_label[lab].values()), lab)):
        names = ", ".join(f"{name} ({n})" for name, n in by_label[label].most_common())
        lines.append(f"  {label}: {names}")
    return lines


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")
