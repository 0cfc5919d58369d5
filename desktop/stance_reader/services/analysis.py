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

import json
import threading
from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any

from stance_reader.core.models import Analysis, Article, MarkKind, Quote

if TYPE_CHECKING:
    from stance_reader.nlp.pipeline import StanceAnalyzer

_LOCK = threading.Lock()
_RUN_LOCK = threading.Lock()
_ANALYZER: StanceAnalyzer | None = None


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


def analyze_article(article: Article) -> Analysis:
    """Analyse an article's body (``article.text``); offsets in the result index that text."""
    analyzer = get_analyzer()
    with _RUN_LOCK:
        return analyzer.analyze(article.text)


def decided_analysis(article: Article, min_confidence: float | None = None) -> Analysis:
    """The article's analysis as reported: only the marks at ``min_confidence`` (None: the model's
    thresholds). What ``stance-reader analyze ARTICLE`` summarises or prints as JSON."""
    return analyze_article(article).decided(min_confidence)


def to_json(article: Article, analysis: Analysis) -> str:
    """The article's metadata and the analysis (every mark it holds, each quote and entity) as JSON;
    give it a decided analysis (see :func:`decided_analysis`)."""
    meta = article.to_dict()
    meta.pop("text", None)
    data = {"article": meta, "text_length": len(article.text), **with_snippets(analysis, article.text)}
    return json.dumps(data, ensure_ascii=False, indent=2)


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
    text = article.text
    lines = [article.display_title]
    details = [d for d in (article.outlet, article.date) if d]
    if details:
        lines.append(" · ".join(details))
    # Import notices (encoding guessed, text looks like mojibake, parts left out) first, as in the window.
    lines += [f"Note: {notice}" for notice in article.notices]
    hedges = sum(m.kind == MarkKind.HEDGE for m in analysis.marks)
    commitments = sum(m.kind == MarkKind.COMMITMENT for m in analysis.marks)
    lines.append(
        f"{len(text.split())} words · {len(analysis.quotes)} quotes · {hedges} hedges · "
        f"{commitments} commitments · analysed by {analysis.pipeline}"
    )
    lines += ["", "Speakers"]
    lines += _speaker_lines(analysis, text) or ["  (none found)"]
    lines += ["", "Entities"]
    lines += _entity_lines(analysis) or ["  (none found)"]
    return "\n".join(lines)


def _speaker_lines(analysis: Analysis, text: str) -> list[str]:
    quotes: dict[str, list[Quote]] = defaultdict(list)
    for quote in sorted(analysis.quotes, key=lambda q: q.start):
        quotes[_speaker_of(quote, text)].append(quote)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for mark in analysis.marks:
        counts[mark.speaker or "(article voice)"][str(mark.kind)] += 1
    lines = []
    for speaker in list(quotes) + [s for s in counts if s not in quotes]:
        c = counts.get(speaker, Counter())
        lines.append(f"  {speaker}: {_plural(c['hedge'], 'hedge')}, {_plural(c['commitment'], 'commitment')}")
        for quote in quotes.get(speaker, []):
            words = " … ".join(text[s:e] for s, e in quote.content)
            kind = "quote" if quote.direct else "reported"
            lines.append(f"    - [{kind}] {_clip(words)}")
    return lines


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
