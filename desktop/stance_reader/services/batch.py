"""The JSONL batch use case (``stance-reader analyze --jsonl IN``): one ``{"id", "text"}`` line in, one
result or error line out, in input order.

A batch keeps going: a line that is not JSON, not an object, or has no string ``text`` becomes an error
row ``{"id": <id or "line N">, "error": "<message>"}`` at its position, and so does a text the pipeline
fails on. Rows are written and flushed one by one, so what was written survives a crash, a kill or a
closed pipe. ``BatchCounts`` tells the caller how many rows were analysed and how many failed.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from stance_reader.core.models import Analysis
from stance_reader.services import analysis

log = logging.getLogger(__name__)
# Report progress on stderr every this many rows (only when the input is longer than that).
PROGRESS_EVERY = 100


@dataclass(frozen=True)
class BatchCounts:
    analysed: int = 0
    failed: int = 0

    def __str__(self) -> str:
        return f"{self.analysed:,} analysed, {self.failed:,} failed"


@dataclass(frozen=True)
class _Row:
    number: int  # 1-based line number in the input file
    id: Any = None
    text: str = ""
    error: str = ""

    @property
    def label(self) -> Any:
        """What an error row is called: its own id, or its line when it has none."""
        return self.id if self.id is not None else f"line {self.number}"


_Outcome = Analysis | str  # a result, or the plain message of why there is none


def analyze_jsonl(
    inp: Path,
    out: Path | None,
    processes: int = 1,
    batch_size: int = 32,
    min_confidence: float | None = None,
) -> BatchCounts:
    """Analyse ``{"id", "text"}`` lines into ``out`` (None: stdout); each result line is
    ``{"id", marks, quotes, entities, …}`` with the marks decided at ``min_confidence`` (None: the
    model's thresholds). Progress goes to stderr every ``PROGRESS_EVERY`` rows with the rate.

    Raises OSError when ``inp`` cannot be read or ``out`` cannot be written; bad lines never raise.
    """
    total = _count_lines(inp)
    with _sink(out) as sink, analysis.run_lock():
        writer = _RowWriter(sink, total, min_confidence)
        for row, outcome in _outcomes(_read_rows(inp), batch_size, processes):
            writer.write(row, outcome)
    return writer.counts


@contextmanager
def _sink(out: Path | None) -> Iterator[IO[str]]:
    if out is None:
        yield sys.stdout
        return
    with out.open("w", encoding="utf-8", newline="\n") as handle:
        yield handle


def _count_lines(inp: Path) -> int:
    with inp.open("rb") as fh:
        return sum(1 for line in fh if line.strip())


def _read_rows(inp: Path) -> Iterator[_Row]:
    """Every non-blank line as a row; a line that cannot be analysed carries its error instead."""
    with inp.open("rb") as fh:
        for number, raw in enumerate(fh, 1):
            if raw.strip():
                yield _parse_row(number, raw)


def _parse_row(number: int, raw: bytes) -> _Row:
    try:
        row = json.loads(raw.decode("utf-8").strip())
    except UnicodeDecodeError:
        return _Row(number, error="the line is not UTF-8 text")
    except json.JSONDecodeError as exc:
        return _Row(number, error=f"not JSON ({exc.msg} at column {exc.colno})")
    if not isinstance(row, dict):
        return _Row(number, error=f"expected an object with 'id' and 'text', not {_json_kind(row)}")
    row_id = row.get("id")
    if "text" not in row:
        return _Row(number, row_id, error="no 'text' field")
    if not isinstance(row["text"], str):
        return _Row(number, row_id, error=f"'text' must be a string, not {_json_kind(row['text'])}")
    return _Row(number, row_id, row["text"])


def _json_kind(value: object) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "null" if value is None else "an object"


def _outcomes(rows: Iterator[_Row], batch_size: int, processes: int) -> Iterator[tuple[_Row, _Outcome]]:
    """Each row with its analysis or error, in input order.

    Rows the pipeline has taken but not yet answered wait in ``pending`` (with the bad rows between
    them). If the pipeline fails, those rows are retried one by one, so only the text that breaks it
    becomes an error row, and the rest of the input continues in a fresh stream.
    """
    pending: deque[_Row] = deque()
    while True:
        try:
            for result in _analyses(_texts(rows, pending), batch_size, processes):
                yield from _leading_errors(pending)
                yield pending.popleft(), result
        except Exception:  # why broad: one text that breaks the pipeline must not end the batch
            if not pending:
                raise  # nothing taken: the pipeline itself cannot run (e.g. a worker cannot load it)
            log.debug("batch stream failed; retrying %d rows one by one", len(pending), exc_info=True)
            yield from _one_by_one(pending)
            continue
        yield from _leading_errors(pending)  # every text is answered; only bad rows can remain
        return


def _texts(rows: Iterator[_Row], pending: deque[_Row]) -> Iterator[str]:
    """Texts for the pipeline; every row read, good or bad, joins ``pending`` in input order.
    In the multi-process path this runs on the pool's feeder thread (deque appends are thread-safe)."""
    for row in rows:
        pending.append(row)
        if not row.error:
            yield row.text


def _leading_errors(pending: deque[_Row]) -> Iterator[tuple[_Row, _Outcome]]:
    while pending and pending[0].error:
        row = pending.popleft()
        yield row, row.error


def _one_by_one(pending: deque[_Row]) -> Iterator[tuple[_Row, _Outcome]]:
    """After a failed stream: the waiting rows on this process's pipeline, each on its own."""
    analyzer = analysis.get_analyzer()
    while pending:
        row = pending.popleft()
        if row.error:
            yield row, row.error
            continue
        try:
            yield row, analyzer.analyze(row.text)
        except Exception as exc:  # why broad: the row's message names what failed; the batch goes on
            detail = " ".join(str(exc).split())  # one line, whatever the library put in it
            yield row, f"analysis failed ({type(exc).__name__}{': ' if detail else ''}{detail})"


def _analyses(texts: Iterator[str], batch_size: int, processes: int) -> Iterator[Analysis]:
    """Serial on this process's pipeline, or parallel workers without loading one here."""
    if processes > 1 and not analysis.analyzer_loaded():
        from stance_reader.nlp.pipeline import analyze_in_processes

        return analyze_in_processes(texts, batch_size, processes)
    return analysis.get_analyzer().analyze_many(texts, batch_size=batch_size, n_process=max(1, processes))


class _RowWriter:
    """Writes each row as one JSON line and flushes it at once: rows written are never lost."""

    def __init__(self, sink: IO[str], total: int, min_confidence: float | None) -> None:
        self._sink = sink
        self._total = total
        self._min_confidence = min_confidence
        self._started = time.monotonic()
        self.counts = BatchCounts()

    def write(self, row: _Row, outcome: _Outcome) -> None:
        if isinstance(outcome, str):
            data: dict[str, Any] = {"id": row.label, "error": outcome}
            self.counts = BatchCounts(self.counts.analysed, self.counts.failed + 1)
        else:
            # Decided here, not in the workers: nlp stays neutral about thresholds.
            data = {"id": row.id, **outcome.decided(self._min_confidence).to_dict()}
            self.counts = BatchCounts(self.counts.analysed + 1, self.counts.failed)
        self._sink.write(jsonl_line(data))
        self._sink.flush()
        self._progress()

    def _progress(self) -> None:
        done = self.counts.analysed + self.counts.failed
        if self._total > PROGRESS_EVERY and done % PROGRESS_EVERY == 0:
            rate = done / max(time.monotonic() - self._started, 1e-9)
            print(f"analysed {done}/{self._total} ({rate:.1f} texts/s)", file=sys.stderr, flush=True)


# One line's row with the same checks and messages (``stance-reader batch`` reads JSONL through it).
parse_row = _parse_row

__all__ = ["PROGRESS_EVERY", "BatchCounts", "analyze_jsonl", "jsonl_line", "parse_row"]


# Characters that str.splitlines() (and so many JSONL readers) take as line breaks but JSON leaves raw
# when ensure_ascii is off: escaped, so one row is always one line.
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def jsonl_line(data: object) -> str:
    """``data`` as one JSONL line (UTF-8 text kept readable, every line break escaped)."""
    line = json.dumps(data, ensure_ascii=False)
    # Three scans in C before translate(), which walks the line in Python-level steps (~1 ms a row).
    if "\x85" in line or "\u2028" in line or "\u2029" in line:
        line = line.translate(_LINE_BREAKS)
    return line + "\n"
