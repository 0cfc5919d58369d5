"""Inputs of ``stance-reader batch``: JSONL ``{id, text, …}`` files, Parquet files with ``id``/``text``
columns, and article files or folders (the document readers). Each record is read lazily, so the client
never holds the corpus; a record that cannot be analysed carries its error instead of a text.

Keys: a document's key is its content hash and the pipeline identity (``sha256(text):pipeline``), so
the same text under a new pipeline is analysed again and under the same one never is. A record with no
text has a key from its place in the input (``bad:SOURCE#N``), so its error row is written once too.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stance_reader.core.models import Article
from stance_reader.services import batch


@dataclass(frozen=True)
class Record:
    """One input document: its id, its text (or the error why it has none), its source's metadata."""

    id: Any
    text: str = ""
    error: str = ""
    where: str = ""  # "IN#line" for an error key
    meta: dict[str, Any] = field(default_factory=dict)

    def key(self, pipeline: str) -> str:
        if self.error:
            return f"bad:{self.where}"
        return f"{hashlib.sha256(self.text.encode('utf-8')).hexdigest()}:{pipeline}"

    def article(self) -> Article:
        """The record as a library article (metadata from the source where it has any)."""
        return Article.from_dict({**self.meta, "text": self.text})


def id_token(row_id: Any) -> str:
    """An id as one comparable string (ids may be any JSON value)."""
    return row_id if isinstance(row_id, str) else json.dumps(row_id)


def done_token(row_id: Any, key: str) -> bytes:
    """What the dedup sets hold for a written document: 16 bytes for its id and key (a set of a
    million is ~87 MB, where the strings themselves would be several times that)."""
    return hashlib.blake2b(f"{id_token(row_id)}\0{key}".encode(), digest_size=16).digest()


def count(paths: Sequence[Path]) -> int:
    """How many records the inputs hold (for progress and ETA); cheap: lines, Parquet metadata, files."""
    return sum(_count_one(path) for path in paths)


def _count_one(path: Path) -> int:
    kind = input_kind(path)
    if kind == "jsonl":
        with path.open("rb") as fh:
            return sum(1 for line in fh if line.strip())
    if kind == "parquet":
        import pyarrow.parquet as pq

        return int(pq.ParquetFile(path).metadata.num_rows)
    from stance_reader.services.ledger import expand

    return sum(1 for _ in expand([path]))


def input_kind(path: Path) -> str:
    if path.is_file() and path.suffix.lower() in (".jsonl", ".ndjson"):
        return "jsonl"
    if path.is_file() and path.suffix.lower() == ".parquet":
        return "parquet"
    return "articles"


def read(paths: Sequence[Path]) -> Iterator[Record]:
    """Every record of every input, in order."""
    for path in paths:
        kind = input_kind(path)
        if kind == "jsonl":
            yield from _jsonl(path)
        elif kind == "parquet":
            yield from _parquet(path)
        else:
            yield from _articles(path)


# Fields of a JSONL row kept as the library article's metadata (with --db).
_META = ("title", "outlet", "date", "author", "section", "url")


def _jsonl(path: Path) -> Iterator[Record]:
    with path.open("rb") as fh:
        for number, raw in enumerate(fh, 1):
            if raw.strip():
                yield _jsonl_record(path, number, raw)


def _jsonl_record(path: Path, number: int, raw: bytes) -> Record:
    row = batch.parse_row(number, raw)  # the same checks and messages as `analyze --jsonl`
    if row.error:
        return Record(row.label, error=row.error, where=f"{path.name}#{number}")
    data = json.loads(raw)
    meta = {k: data[k] for k in _META if isinstance(data.get(k), str)}
    return Record(row.id, row.text, meta={**meta, "source_path": f"{path}#{number}"})


def _parquet(path: Path) -> Iterator[Record]:
    import pyarrow.parquet as pq

    number = 0
    parquet = pq.ParquetFile(path)
    missing = {"id", "text"} - set(parquet.schema_arrow.names)
    if missing:
        raise ValueError(f"{path}: no {' or '.join(sorted(missing))} column (expected id and text)")
    for chunk in parquet.iter_batches(batch_size=512, columns=["id", "text"]):
        for row in chunk.to_pylist():
            number += 1
            yield _parquet_record(path, number, row)


def _parquet_record(path: Path, number: int, row: dict[str, Any]) -> Record:
    text = row.get("text")
    if not isinstance(text, str):
        where = f"{path.name}#{number}"
        label = row.get("id") if row.get("id") is not None else f"row {number}"
        return Record(label, error="'text' must be a string, not null", where=where)
    return Record(row.get("id"), text, meta={"source_path": f"{path}#{number}"})


def _articles(path: Path) -> Iterator[Record]:
    from stance_reader.documents.errors import DocumentError
    from stance_reader.documents.loader import load_article
    from stance_reader.services.ledger import expand

    for file in expand([path]):
        try:
            article = load_article(file)
        except DocumentError as exc:
            yield Record(str(file), error=str(exc), where=str(file))
            continue
        meta = article.to_dict()
        text = meta.pop("text")
        meta["notices"] = tuple(meta.get("notices", ()))
        yield Record(str(file), text, meta=meta)
