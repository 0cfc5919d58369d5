"""Where ``stance-reader batch`` writes: a JSONL file (the ``analyze --jsonl`` contract plus ``key``), a
Parquet dataset (one row per mark, quote and entity), or the library (``--db``).

Each sink says which documents it already holds (``holds``), so a re-run skips them, and is written by
the client alone, as results arrive. The rows themselves are made on the workers (``make``, in the
forms the sinks name), so the one client only appends them: it stays light however many workers feed
it. Written data survives a kill: JSONL rows are flushed one by one (a
torn last line is cut off on resume); Parquet goes out in part files, each written under a temporary
name and renamed whole.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol

from stance_reader.core.models import Analysis
from stance_reader.services.batch import jsonl_line
from stance_reader.services.cluster_io import Record, done_token, id_token

if TYPE_CHECKING:
    from stance_reader.store import Store


@dataclass(frozen=True)
class Made:
    """One analysed document as the sinks write it, made on the worker: ``forms`` maps a sink's form
    (``jsonl``: the line; ``parquet``: the rows; ``analysis``: the whole analysis) to its payload."""

    forms: dict[str, Any]


# A result: made rows, or an error message (error rows are made by the sinks themselves).
Outcome = Made | str


class Sink(Protocol):
    forms: tuple[str, ...]  # what the workers should make for this sink

    def holds(self, record: Record, key: str) -> bool: ...

    def wrote(self, record: Record, key: str) -> bool:
        """Written in this run (memory only; ``holds`` may ask the store)."""
        ...

    def write(self, record: Record, key: str, outcome: Outcome) -> None: ...

    def close(self) -> None: ...


def make(
    forms: Sequence[str], row_id: Any, text: str, key: str, analysis: Analysis, min_confidence: float | None
) -> Made:
    """``analysis`` of document ``row_id`` in each form asked for (runs on a worker)."""
    made: dict[str, Any] = {}
    if "jsonl" in forms:
        made["jsonl"] = jsonl_row(row_id, key, analysis, min_confidence)
    if "parquet" in forms:
        made["parquet"] = parquet_rows(row_id, text, key, analysis, min_confidence)
    if "analysis" in forms:
        made["analysis"] = analysis
    return Made(made)


def jsonl_row(row_id: Any, key: str, outcome: Analysis | str, min_confidence: float | None) -> str:
    """The ``analyze --jsonl`` row (marks decided at ``min_confidence``, as there) plus ``key``."""
    if isinstance(outcome, str):
        data: dict[str, Any] = {"id": row_id, "error": outcome}
    else:
        data = {"id": row_id, **outcome.decided(min_confidence).to_dict()}
    return jsonl_line({**data, "key": key})


class JsonlSink:
    """Appends rows to ``path``; the documents already there are read first."""

    forms = ("jsonl",)

    def __init__(self, path: Path) -> None:
        self._done = _jsonl_keys(path)
        self._fh: IO[str] = path.open("a", encoding="utf-8", newline="\n")

    def holds(self, record: Record, key: str) -> bool:
        return done_token(record.id, key) in self._done

    wrote = holds

    def write(self, record: Record, key: str, outcome: Outcome) -> None:
        if isinstance(outcome, Made):
            self._fh.write(outcome.forms["jsonl"])
        else:
            self._fh.write(jsonl_row(record.id, key, outcome, None))
        self._fh.flush()
        self._done.add(done_token(record.id, key))

    def close(self) -> None:
        self._fh.close()


def _jsonl_keys(path: Path) -> set[bytes]:
    """The documents of every complete row in ``path`` (read line by line: the output may be GBs);
    a torn last line (a killed run) is cut off."""
    done: set[bytes] = set()
    if not path.exists():
        return done
    complete = 0
    with path.open("rb") as fh:
        for line in fh:
            if not line.endswith(b"\n"):
                break
            complete += len(line)
            row = json.loads(line) if line.strip() else {}
            if "key" in row:
                done.add(done_token(row.get("id"), row["key"]))
    if complete < path.stat().st_size:
        with path.open("r+b") as fh:
            fh.truncate(complete)
    return done


PARQUET_COLUMNS = ("key", "id", "kind", "start", "end", "text", "speaker", "confidence", "rule", "label")


class ParquetSink:
    """A Parquet dataset folder ``path`` of part files, one row per mark, quote and entity, plus one
    ``document`` row per document (so one with nothing found is known to be done) and an ``error`` row
    (the message in ``text``) per failure. Ids are strings (JSON for ids that are not)."""

    forms = ("parquet",)

    def __init__(self, path: Path, part_docs: int = 256) -> None:
        import pyarrow.parquet as pq

        path.mkdir(parents=True, exist_ok=True)
        for leftover in path.glob("*.tmp"):
            leftover.unlink()  # a part a killed run did not finish: its documents are not done
        self._path, self._part_docs = path, part_docs
        self._done = {
            done_token(row["id"], row["key"])
            for part in sorted(path.glob("*.parquet"))
            for row in pq.read_table(part, columns=["id", "key"]).to_pylist()
        }
        self._rows: list[dict[str, Any]] = []
        self._docs, self._parts, self._run = 0, 0, uuid.uuid4().hex[:8]

    def holds(self, record: Record, key: str) -> bool:
        return done_token(record.id, key) in self._done

    wrote = holds

    def write(self, record: Record, key: str, outcome: Outcome) -> None:
        if isinstance(outcome, Made):
            self._rows.extend(outcome.forms["parquet"])
        else:
            self._rows.extend(parquet_rows(record.id, "", key, outcome, None))
        self._done.add(done_token(record.id, key))
        self._docs += 1
        if self._docs >= self._part_docs:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not self._rows:
            return
        table = pa.Table.from_pylist(self._rows, schema=_schema())
        final = self._path / f"part-{self._run}-{self._parts:05d}.parquet"
        temporary = final.with_suffix(".tmp")
        pq.write_table(table, temporary)
        os.replace(temporary, final)  # whole or not at all
        self._rows, self._docs, self._parts = [], 0, self._parts + 1

    def close(self) -> None:
        self._flush()


def _schema() -> Any:
    import pyarrow as pa

    text, number, real = pa.string(), pa.int64(), pa.float64()
    types = [text, text, text, number, number, text, text, real, text, text]
    return pa.schema(list(zip(PARQUET_COLUMNS, types, strict=True)))


def parquet_rows(
    row_id: Any, text: str, key: str, outcome: Analysis | str, min_confidence: float | None
) -> list[dict[str, Any]]:
    """The document's rows: ``document`` (or ``error``), then each mark, quote and entity."""
    base = {"key": key, "id": id_token(row_id)}
    if isinstance(outcome, str):
        return [{**base, "kind": "error", "text": outcome}]
    found = outcome.decided(min_confidence)

    def row(kind: str, start: int, end: int, words: str | None = None, **rest: Any) -> dict[str, Any]:
        return {**base, "kind": kind, "start": start, "end": end, "text": words, **rest}

    rows = [row("document", 0, len(text), rule=found.pipeline)]
    for m in found.marks:
        words = text[m.start : m.end]
        rows.append(row(str(m.kind), m.start, m.end, words, speaker=m.speaker, confidence=m.confidence,
                        rule=m.rule))  # fmt: skip
    for q in found.quotes:
        words = " … ".join(text[s:e] for s, e in q.content)
        speaker = q.speaker_entity or " ".join(text[s:e] for s, e in q.speaker) or None
        rows.append(row("quote", q.start, q.end, words, speaker=speaker, confidence=q.speaker_confidence,
                        rule=q.rule, label=q.type))  # fmt: skip
    for e in found.entities:
        rows.append(row("entity", e.start, e.end, text[e.start : e.end], speaker=e.canonical, label=e.label))
    return rows


class StoreSink:
    """The library: each document imported and its analysis cached under the pipeline version, through
    the services the window uses (so it opens them from the cache and the speaker ledger is filled).
    Error rows are not stored; a document that failed is tried again on the next run."""

    forms = ("analysis",)

    def __init__(self, store: Store, pipeline: str) -> None:
        self._store, self._pipeline = store, pipeline
        self._written: set[bytes] = set()

    def holds(self, record: Record, key: str) -> bool:
        if record.error:
            return False
        content_hash = key.split(":", 1)[0]
        if self._store.find_document(content_hash) is None:
            return False
        return self._store.cached_analysis(content_hash, self._pipeline) is not None

    def write(self, record: Record, key: str, outcome: Outcome) -> None:
        from stance_reader.services.library import analysis_for, import_article

        if isinstance(outcome, str):
            return
        analysis: Analysis = outcome.forms["analysis"]
        document = import_article(self._store, record.article())
        analysis_for(self._store, document, lambda _text: analysis, self._pipeline)
        self._written.add(done_token(record.id, key))

    def wrote(self, record: Record, key: str) -> bool:
        return done_token(record.id, key) in self._written

    def close(self) -> None:
        self._store.close()
