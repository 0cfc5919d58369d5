"""Zip containers (DOCX, EPUB) opened with limits, so a crafted archive cannot exhaust memory.

The declared sizes are checked before anything is inflated (sum of members, member count, compression
ratio), and members are read through a capped reader, because zipfile trusts the declared size only as far
as it stops early.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from stance_reader.documents.errors import DocumentError

MAX_INFLATED_BYTES = 256 * 1024 * 1024
MAX_MEMBERS = 10_000
_MAX_RATIO = 200  # deflate tops out near 1000:1 only for degenerate data; real XML is ~10-20:1
_RATIO_FLOOR = 8 * 1024 * 1024  # small members may have any ratio


def open_zip(path: Path, kind: str, *, max_inflated: int | None = None) -> zipfile.ZipFile:
    """Open ``path`` as a zip after checking it cannot inflate beyond ``max_inflated`` bytes
    (default ``MAX_INFLATED_BYTES``, read at call time)."""
    name = path.name
    max_inflated = max_inflated or MAX_INFLATED_BYTES
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise DocumentError(f"cannot open {name}: broken {kind} file (not a valid zip archive)") from exc
    except NotImplementedError as exc:  # zipfile's word for a zip format version it does not read
        raise DocumentError(f"cannot open {name}: broken {kind} file (unsupported zip version)") from exc
    problem = _bomb_problem(archive.infolist(), max_inflated)
    if problem:
        archive.close()
        raise DocumentError(f"cannot open {name}: the {kind} {problem} (possible zip bomb); not opened")
    return archive


def _bomb_problem(members: list[zipfile.ZipInfo], max_inflated: int) -> str:
    """Why the declared sizes look like a zip bomb, or "" when they are within limits."""
    total = sum(info.file_size for info in members)
    if len(members) > MAX_MEMBERS:
        return f"has {len(members)} parts, beyond the {MAX_MEMBERS} limit"
    if total > max_inflated:
        return f"would unpack to {total / 1e6:.0f} MB, beyond the {max_inflated / 1e6:.0f} MB limit"
    for info in members:
        if info.file_size > _RATIO_FLOOR and info.file_size > _MAX_RATIO * max(1, info.compress_size):
            ratio = info.file_size // max(1, info.compress_size)
            return f"has a part compressed {ratio}:1"
    return ""


def read_member(archive: zipfile.ZipFile, member: str, *, limit: int | None = None) -> bytes:
    """Read one member, never inflating more than ``limit`` bytes. Raises KeyError when it is missing."""
    limit = limit or MAX_INFLATED_BYTES
    try:
        with archive.open(member) as handle:
            data = handle.read(limit + 1)
    except (zlib.error, EOFError, NotImplementedError, RuntimeError, OSError) as exc:
        # Corrupt deflate data, a truncated member, an unsupported method or an encrypted member.
        raise zipfile.BadZipFile(f"{member}: {exc}") from exc
    if len(data) > limit:
        raise DocumentError(f"{member} inflates beyond the safety limit (possible zip bomb)")
    return data
