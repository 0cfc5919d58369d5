"""Reading table rows straight from the pages of a damaged SQLite file, without SQLite.

SQLite reaches a row through the schema table and the table's interior pages; when either is
overwritten or cut off, every row under them becomes unreachable although the leaf pages that hold the
rows are intact. This module walks the file page by page and decodes every table-leaf cell it can
(the file format is documented at https://www.sqlite.org/fileformat2.html), so :mod:`salvage` can
recognise our own rows by their shape. It also repairs a zeroed or overwritten 100-byte file header.

Pages on the freelist hold rows deleted long ago: they are skipped whenever the header still says
where the freelist is. Anything that does not decode cleanly is dropped, never guessed.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
PAGE_SIZES = (4096, 1024, 2048, 8192, 16384, 32768, 65536, 512)  # SQLite's default first
TABLE_LEAF, TABLE_INTERIOR, INDEX_LEAF, INDEX_INTERIOR = 0x0D, 0x05, 0x0A, 0x02
BTREE_TYPES = {TABLE_LEAF, TABLE_INTERIOR, INDEX_LEAF, INDEX_INTERIOR}
MAX_CHAIN = 100_000  # overflow pages followed for one cell before giving up (a loop in a damaged file)


class Undecodable(ValueError):
    """A cell or record that does not decode: damaged bytes."""


@dataclass(frozen=True, slots=True)
class Cell:
    """One row found on a table-leaf page: its rowid and its record's values in column order."""

    page: int
    rowid: int
    values: tuple[Any, ...]


def varint(data: bytes, at: int) -> tuple[int, int]:
    """The SQLite varint at ``data[at:]`` and the offset after it."""
    value = 0
    for i in range(9):
        if at + i >= len(data):
            raise Undecodable("varint runs off the page")
        byte = data[at + i]
        if i == 8:
            return (value << 8) | byte, at + 9
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, at + i + 1
    raise AssertionError("unreachable")


def _signed(value: int) -> int:
    return value - (1 << 64) if value >= 1 << 63 else value


_INT_WIDTHS = {1: 1, 2: 2, 3: 3, 4: 4, 5: 6, 6: 8}


def _value(serial: int, body: bytes, at: int) -> tuple[Any, int]:
    if serial == 0:
        return None, at
    if serial in _INT_WIDTHS:
        width = _INT_WIDTHS[serial]
        chunk = body[at : at + width]
        if len(chunk) < width:
            raise Undecodable("integer runs off the record")
        return int.from_bytes(chunk, "big", signed=True), at + width
    if serial == 7:
        if at + 8 > len(body):
            raise Undecodable("float runs off the record")
        return struct.unpack(">d", body[at : at + 8])[0], at + 8
    if serial in (8, 9):
        return serial - 8, at
    if serial < 12:
        raise Undecodable(f"reserved serial type {serial}")
    size = (serial - 12) // 2
    chunk = body[at : at + size]
    if len(chunk) < size:
        raise Undecodable("text or blob runs off the record")
    if serial % 2 == 0:
        return bytes(chunk), at + size
    try:
        return chunk.decode("utf-8"), at + size
    except UnicodeDecodeError as exc:
        raise Undecodable("text is not UTF-8") from exc


def decode_record(payload: bytes) -> tuple[Any, ...]:
    """The values of one record (header of serial types, then the bodies); exact length required."""
    header_size, at = varint(payload, 0)
    if not 1 <= header_size <= len(payload):
        raise Undecodable("record header size out of range")
    serials = []
    while at < header_size:
        serial, at = varint(payload, at)
        serials.append(serial)
    if at != header_size:
        raise Undecodable("record header overruns itself")
    values = []
    for serial in serials:
        value, at = _value(serial, payload, at)
        values.append(value)
    if at != len(payload):
        raise Undecodable("record length does not match its header")
    return tuple(values)


class PageFile:
    """A damaged database file as pages (read once into memory: libraries are megabytes)."""

    def __init__(self, data: bytes, page_size: int, reserved: int = 0) -> None:
        # A file cut off mid-page keeps the cells that were written before the cut: pad, never drop.
        self.data = data + bytes(-len(data) % page_size)
        self.page_size = page_size
        self.usable = page_size - reserved
        self.count = len(self.data) // page_size

    @classmethod
    def open(cls, path: Path) -> PageFile:
        data = path.read_bytes()
        size = header_page_size(data) or guess_page_size(data) or 4096
        reserved = data[20] if data[:16] == MAGIC and len(data) > 20 and data[20] < size // 2 else 0
        return cls(data, size, reserved)

    def page(self, number: int) -> bytes:
        start = (number - 1) * self.page_size
        return self.data[start : start + self.page_size]

    def freelist(self) -> set[int]:
        """Pages the header's freelist names (empty when the header is gone)."""
        if self.data[:16] != MAGIC or len(self.data) < HEADER_SIZE:
            return set()
        trunk, free = struct.unpack(">I", self.data[32:36])[0], set()
        while 1 < trunk <= self.count and trunk not in free:
            free.add(trunk)
            page = self.page(trunk)
            following, leaves = struct.unpack(">II", page[:8])
            limit = min(leaves, (self.usable - 8) // 4)
            free.update(struct.unpack(f">{limit}I", page[8 : 8 + 4 * limit]))
            trunk = following
        return free

    def _local_size(self, payload: int) -> int:
        u = self.usable
        most, least = u - 35, ((u - 12) * 32 // 255) - 23
        if payload <= most:
            return payload
        local = least + (payload - least) % (u - 4)
        return local if local <= most else least

    def _overflow(self, first: int, needed: int) -> bytes:
        parts, page_no, seen = [], first, set()
        while needed > 0:
            if not 1 < page_no <= self.count or page_no in seen or len(seen) > MAX_CHAIN:
                raise Undecodable("overflow chain broken")
            seen.add(page_no)
            page = self.page(page_no)
            chunk = page[4 : min(self.usable, 4 + needed)]
            parts.append(chunk)
            needed -= len(chunk)
            page_no = struct.unpack(">I", page[:4])[0]
        return b"".join(parts)

    def _cell(self, page: bytes, offset: int) -> tuple[int, bytes]:
        size, at = varint(page, offset)
        rowid, at = varint(page, at)
        local = self._local_size(size)
        if at + local > self.usable:
            raise Undecodable("cell runs off the page")
        payload = page[at : at + local]
        if local < size:
            (first,) = struct.unpack(">I", page[at + local : at + local + 4])
            payload += self._overflow(first, size - local)
        return _signed(rowid), payload

    def leaf_cells(self, number: int) -> Iterator[Cell]:
        """Decodable rows on page ``number`` when it is a table leaf; damaged cells are skipped."""
        page = self.page(number)
        head = HEADER_SIZE if number == 1 else 0
        if len(page) < head + 8 or page[head] != TABLE_LEAF:
            return
        (cells,) = struct.unpack(">H", page[head + 3 : head + 5])
        for i in range(cells):
            pointer = head + 8 + 2 * i
            if pointer + 2 > self.usable:
                return
            (offset,) = struct.unpack(">H", page[pointer : pointer + 2])
            if not head + 8 <= offset < self.usable:
                continue
            try:
                rowid, payload = self._cell(page, offset)
                yield Cell(number, rowid, decode_record(payload))
            except (Undecodable, struct.error):
                continue

    def cells(self) -> Iterator[Cell]:
        """Every decodable row on every table-leaf page that is not on the freelist."""
        free = self.freelist()
        for number in range(1, self.count + 1):
            if number not in free:
                yield from self.leaf_cells(number)


def header_page_size(data: bytes) -> int | None:
    """The page size a sound header records, or None when the header is not intact."""
    if data[:16] != MAGIC or len(data) < HEADER_SIZE:
        return None
    (raw,) = struct.unpack(">H", data[16:18])
    size = 65536 if raw == 1 else raw
    return size if size in PAGE_SIZES else None


def _looks_like_btree(page: bytes, head: int) -> bool:
    """Whether ``page`` starts (at ``head``) with a consistent b-tree page header."""
    if len(page) < head + 12 or page[head] not in BTREE_TYPES:
        return False
    cells, content = struct.unpack(">HH", page[head + 3 : head + 7])
    content = content or 65536
    pointers = head + (8 if page[head] in (TABLE_LEAF, INDEX_LEAF) else 12) + 2 * cells
    return pointers <= content <= len(page) and page[head + 7] <= 60


def guess_page_size(data: bytes) -> int | None:
    """The page size under which the file reads as b-tree pages (its header being unreadable).

    A multiple of the true size also lands on page starts, so the smallest size that does about as
    well as the best one wins; a smaller size lands mid-page half the time or more."""
    scores: dict[int, float] = {}
    for size in sorted(PAGE_SIZES):
        pages = len(data) // size
        if pages < 2 or not _looks_like_btree(data[:size], HEADER_SIZE):
            continue
        sample = range(2, min(pages, 400) + 1)
        valid = sum(_looks_like_btree(data[(n - 1) * size : n * size], 0) for n in sample)
        scores[size] = valid / len(sample)
    if not scores or max(scores.values()) == 0:
        return None
    best = max(scores.values())
    return min(size for size, score in scores.items() if score >= 0.8 * best)


def repair_header(path: Path) -> bool:
    """Rewrite a missing or overwritten file header of ``path`` (a working copy) so SQLite opens it.

    Keeps what the header needs to be trusted least: magic, page size, rollback journal mode, UTF-8,
    schema format 4, and a page count SQLite will recompute from the file size. Returns whether it
    changed anything. The schema table on page 1 is untouched: it starts after the header.
    """
    with path.open("r+b") as handle:
        data = handle.read()
        if len(data) < 2 * 512 or header_page_size(data) is not None:
            return False
        size = guess_page_size(data)
        if size is None:
            return False
        header = bytearray(HEADER_SIZE)
        header[:16] = MAGIC
        header[16:18] = struct.pack(">H", 1 if size == 65536 else size)
        header[18], header[19] = 1, 1  # rollback journal, not WAL: there is no -wal to trust
        header[21], header[22], header[23] = 64, 32, 32  # fixed payload fractions
        header[24:28] = struct.pack(">I", 1)  # change counter; "valid for" below differs on purpose,
        header[40:44] = struct.pack(">I", 1)  # so SQLite takes the page count from the file size
        header[44:48] = struct.pack(">I", 4)  # schema format 4
        header[56:60] = struct.pack(">I", 1)  # UTF-8
        handle.seek(0)
        handle.write(bytes(header))
    return True
