"""A hand-made Analysis of any text, built by finding phrases: lets GUI tests pin exact marks without
spaCy (fast, deterministic). The real pipeline is exercised by the end-to-end tests."""

from __future__ import annotations

from stance_reader.core.models import Analysis, Entity, Mark, MarkKind, Quote


def span(text: str, phrase: str, after: int = 0) -> tuple[int, int]:
    start = text.index(phrase, after)
    return start, start + len(phrase)


def hedge(text: str, passage: str, cue: str, speaker: str | None, explanation: str = "") -> Mark:
    s, e = span(text, passage)
    cs, ce = span(text, cue, s)
    return Mark(MarkKind.HEDGE, s, e, ((cs, ce),), "hedge.test", speaker, explanation or "uncertain claim")


def commitment(text: str, passage: str, cue: str, speaker: str | None) -> Mark:
    s, e = span(text, passage)
    cs, ce = span(text, cue, s)
    return Mark(MarkKind.COMMITMENT, s, e, ((cs, ce),), "commit.test", speaker, "firm promise")


def quote(text: str, content: str, who_written: str, who: str, cue: str = "said") -> Quote:
    s, e = span(text, content)
    ws, we = span(text, who_written, max(0, s - 200))
    cs, ce = span(text, cue, max(0, s - 200)) if cue in text[max(0, s - 200) :] else (ws, we)
    return Quote(((s, e),), ((cs, ce),), ((ws, we),), who, True, "quote.test")


def entities(text: str, names: dict[str, tuple[str, str]]) -> tuple[Entity, ...]:
    """``{surface: (label, canonical)}``: every occurrence of each surface becomes a mention."""
    found = []
    for surface, (label, canonical) in names.items():
        pos = text.find(surface)
        while pos >= 0:
            found.append(Entity(pos, pos + len(surface), label, canonical))
            pos = text.find(surface, pos + len(surface))
    return tuple(sorted(found, key=lambda e: e.start))


def sample_analysis(text: str) -> Analysis:
    """Marks for resources/samples/alliance-aid-summit.txt (asserts the phrases are there)."""
    q1 = quote(
        text,
        "I cannot guarantee that every capital will sign on",
        "Brandauer",
        "Tobias Brandauer",
        "told reporters",
    )
    q2 = quote(text, "We will deliver the first €12 billion by March", "she", "Ingrid Kellner", "said")
    marks = (
        hedge(
            text,
            "I cannot guarantee that every capital will sign on",
            "cannot guarantee",
            "Tobias Brandauer",
            "negated commitment",
        ),
        hedge(text, "it may take a little longer than people hope", "may", "Tobias Brandauer"),
        commitment(text, "We will deliver the first €12 billion by March", "will deliver", "Ingrid Kellner"),
        commitment(text, "we will publish every contract", "will publish", "Ingrid Kellner"),
    )
    ents = entities(
        text,
        {
            "Ingrid Kellner": ("PERSON", "Ingrid Kellner"),
            "Kellner": ("PERSON", "Ingrid Kellner"),
            "Tobias Brandauer": ("PERSON", "Tobias Brandauer"),
            "Ostrava": ("GPE", "Ostrava"),
        },
    )
    # "Kellner" also matches inside "Ingrid Kellner": keep the longer mention only.
    ents = tuple(
        e
        for e in ents
        if not any(
            o is not e and o.start <= e.start and e.end <= o.end and (o.end - o.start) > (e.end - e.start)
            for o in ents
        )
    )
    return Analysis(marks=marks, quotes=(q1, q2), entities=ents, pipeline="fake-pipeline")


def generic_analysis(text: str) -> Analysis:
    """Dense canned marks for any text (benchmarks): every "may"/"could" hedges its sentence, every
    "will" commits, every quoted passage is a quote by one of three speakers, capitalised names are
    entities."""
    import re

    marks: list[Mark] = []
    for match in re.finditer(r"\b(may|could|probably|will)\b", text):
        s = text.rfind(".", 0, match.start()) + 1
        e = text.find(".", match.end())
        e = len(text) if e < 0 else e
        kind = MarkKind.COMMITMENT if match.group(1) == "will" else MarkKind.HEDGE
        marks.append(Mark(kind, s, e, ((match.start(), match.end()),), "bench", None, "canned"))
    quotes = [
        Quote(
            ((m.start() + 1, m.end() - 1),),
            (),
            (),
            ("Ingrid Kellner", "Tobias Brandauer", "Carla Duarte")[i % 3],
        )
        for i, m in enumerate(re.finditer(r'"[^"\n]{3,}"', text))
    ]
    ents = tuple(
        Entity(m.start(), m.end(), "PERSON" if i % 2 else "ORG", m.group(0))
        for i, m in enumerate(re.finditer(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b", text))
    )
    return Analysis(marks=tuple(marks), quotes=tuple(quotes), entities=ents, pipeline="canned")
