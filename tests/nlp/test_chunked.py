"""Long texts analysed chunk by chunk (ChunkedAnalysis): document offsets, the same marks as one pass
away from the cuts, names merged across chunks, partial results and early stops."""

from __future__ import annotations

from stance_reader.core.models import Mark
from stance_reader.nlp.pipeline import iter_chunks
from stance_reader.paths import sample_article

CHUNK = 700  # code points: forces several chunks on a ~5,000-character text


def _article() -> str:
    body = sample_article().read_text(encoding="utf-8")
    # Three reports, the second and third with other people in them (the same sentences, new names).
    return "\n\n".join([body, body.replace("Brandauer", "Weissmann"), body.replace("Kellner", "Lindqvist")])


def _key(mark: Mark) -> tuple[object, ...]:
    return (mark.kind, mark.start, mark.end, mark.cue, mark.rule, mark.negated)


def _inside_one_chunk(text: str) -> list[tuple[int, int]]:
    """Paragraphs with another whole paragraph between them and every cut (no cut context leaks in)."""
    cuts = {offset for offset, _ in iter_chunks(text, CHUNK)} | {len(text)}
    paragraphs, start = [], 0
    for block in text.split("\n\n"):
        paragraphs.append((start, start + len(block)))
        start += len(block) + 2
    return [
        (s, e) for i, (s, e) in enumerate(paragraphs)
        if 0 < i < len(paragraphs) - 1
        and not any(paragraphs[i - 1][0] <= cut <= paragraphs[i + 1][1] for cut in cuts if cut)
    ]


def test_chunked_marks_and_quotes_sit_at_document_offsets(analyzer) -> None:  # type: ignore[no-untyped-def]
    text = _article()
    job = analyzer.chunked(text, chunk_chars=CHUNK)
    result = job.result()
    assert job.chunks_done >= 6 and job.done == len(text)
    third = text.index("Lindqvist presented")  # the third report, several chunks in
    deliver = '"We will deliver the first €12 billion by March, and we will publish every contract,"'
    quote = next(q for q in result.quotes if q.start > third and text[q.start : q.end] == deliver)
    (s, e), (cs, ce) = quote.speaker[0], quote.cue[0]
    assert (text[s:e], text[cs:ce]) == ("she", "said")
    cue = text.index("probably", third)
    mark = next(m for m in result.marks if m.cue_start == cue)
    assert mark.cue_text(text) == "probably" and text[mark.start : mark.end].strip()
    for entity in result.entities:
        assert text[entity.start : entity.end].strip()


def test_chunked_gives_the_same_marks_as_one_pass_away_from_the_cuts(analyzer) -> None:  # type: ignore[no-untyped-def]
    text = _article()
    whole = analyzer.analyze(text)  # one chunk: the text is under the default chunk size
    chunked = analyzer.chunked(text, chunk_chars=CHUNK).result()
    inner = _inside_one_chunk(text)
    assert len(inner) >= 4

    def within(marks: tuple[Mark, ...]) -> set[tuple[object, ...]]:
        return {_key(m) for m in marks if any(s <= m.cue_start < e for s, e in inner)}

    assert within(chunked.marks) == within(whole.marks) and within(whole.marks)


def test_names_merge_across_chunks(analyzer) -> None:  # type: ignore[no-untyped-def]
    """A bare "Brandauer" in a later chunk is the "Tobias Brandauer" named in the first."""
    text = _article()
    result = analyzer.chunked(text, chunk_chars=CHUNK).result()
    people = {e.canonical for e in result.entities if e.label == "PERSON"}
    assert "Tobias Brandauer" in people and "Brandauer" not in people
    assert "Tobias Weissmann" in people


def test_partial_results_grow_and_a_stopped_analysis_keeps_what_it_found(analyzer) -> None:  # type: ignore[no-untyped-def]
    text = _article()
    job = analyzer.chunked(text, chunk_chars=CHUNK)
    assert job.step()
    first = job.partial()
    assert first.marks and all(m.end <= job.done for m in first.marks)
    assert job.step() and job.step()
    later = job.partial()
    assert len(later.marks) > len(first.marks) and job.done < len(text)
    job.close()
    assert not job.step()


def test_the_window_s_child_process_runs_the_same_chunked_analysis(analyzer) -> None:  # type: ignore[no-untyped-def]
    """The window analyses in a child process, a chunk per call: same results, partials on the way."""
    from stance_reader.workers.analysis_process import ProcessAnalyzer

    text = _article()
    child = ProcessAnalyzer()
    try:
        job = child.chunked(text, CHUNK)
        assert job.step() and 0 < job.done < job.total
        assert job.partial().marks
        while job.step():
            pass
        remote = job.partial()
        job.close()
    finally:
        child.shutdown()
    local = analyzer.chunked(text, chunk_chars=CHUNK).result()
    assert [_key(m) for m in remote.marks] == [_key(m) for m in local.marks]
    assert remote.quotes == local.quotes and remote.entities == local.entities
