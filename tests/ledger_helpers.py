"""Hand-built articles and analyses for the speaker-ledger tests (no spaCy): marks and quotes are
placed by finding phrases, in the style of tests/gui/fake_analysis.py."""

from __future__ import annotations

from stance_reader.core import Article
from stance_reader.core.models import Analysis, Mark, MarkKind, Quote


def span(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def mark(text: str, kind: str, passage: str, cue: str, speaker: str | None, confidence: float = 0.9) -> Mark:
    s, e = span(text, passage)
    cs = text.index(cue, s)
    return Mark(MarkKind(kind), s, e, ((cs, cs + len(cue)),), f"{kind}.test", speaker, confidence=confidence)


def quote(text: str, content: str, who_written: str, who: str) -> Quote:
    s, e = span(text, content)
    ws, we = span(text, who_written)
    return Quote(((s, e),), ((ws, we),), ((ws, we),), who, True, "quote.test")


def rutte_article(
    day: str = "2026-03-02", outlet: str = "The Daily Test", speaker: str = "Mark Rutte"
) -> tuple[Article, Analysis]:
    """An article in which ``speaker`` commits, hedges and is quoted (each text unique per day)."""
    text = (
        f"On {day} NATO Secretary General {speaker} said the alliance will deliver 40 billion euros. "
        f'"We may need more time," {speaker} added. Olaf Scholz insisted Germany will send tanks.'
    )
    analysis = Analysis(
        marks=(
            mark(
                text,
                "commitment",
                "the alliance will deliver 40 billion euros",
                "will deliver",
                f"NATO Secretary General {speaker}",
            ),
            mark(text, "hedge", "We may need more time", "may", speaker, 0.7),
            mark(text, "commitment", "Germany will send tanks", "will send", "Olaf Scholz"),
            mark(text, "hedge", "40 billion", "40", None),  # the article's own voice: not in the ledger
        ),
        quotes=(quote(text, "We may need more time", speaker, speaker),),
        pipeline="test-pipeline",
    )
    return Article(text=text, title=f"Alliance {day}", outlet=outlet, date=day), analysis


def surname_article(day: str, surname: str = "Rutte") -> tuple[Article, Analysis]:
    text = f"On {day} {surname} said the plan will probably hold."
    analysis = Analysis(
        marks=(mark(text, "hedge", "the plan will probably hold", "probably", surname),),
        pipeline="test-pipeline",
    )
    return Article(text=text, title=f"Plan {day}", outlet="Other Paper", date=day), analysis
