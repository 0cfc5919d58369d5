"""Zip containers (DOCX, EPUB) opened with limits, so a crafted archive cannot exhaust memory.

The declared sizes are checked before anything is inflated (sum of members, member count, compression
ratio), and members are read through a capped reader, because zipfile trusts the declared size only as far
as it stops early.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from stance_reader.documents.errors import DocumentError

MAX_INFLATED_BYTES = 256 * 1024 * 1024
MAX_MEMBERS = 10_000
_MAX_RATIO = 200  # deflate tops out near 1000:1 only for degenerate data; real XML is ~10-20:1
_RATIO_FLOOR = 8 * 1024 * 1024  # small members may have any ratio


def open_zip(path: Path, kind: str, *, max_inflated: int = MAX_INFLATED_BYTES) -> zipfile.ZipFile:
    """Open ``path`` as a zip after checking it cannot inflate beyond ``max_inflated`` bytes."""
    name = path.name
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise DocumentError(f"cannot open {name}: broken {kind} file (not a valid zip archive)") from exc
    members = archive.infolist()
    total = sum(info.file_size for info in members)
    too_big = (
        len(members) > MAX_MEMBERS
        or total > max_inflated
        or any(
            info.file_size > _RATIO_FLOOR and info.file_size > _MAX_RATIO * max(1, info.compress_size)
            for info in members
        )
    )
    if too_big:
        archive.close()
        raise DocumentError(
            f"cannot open {name}: the {kind} would unpack to {total / 1e6:.0f} MB in {len(members)} parts, "
            f"beyond the {max_inflated // 1_000_000} MB safety limit (possible zip bomb)"
        )
    return archive


def read_member(archive: zipfile.ZipFile, member: str, *, limit: int = MAX_INFLATED_BYTES) -> bytes:
    """Read one member, never inflating more than ``limit`` bytes. Raises KeyError when it is missing."""
    with archive.open(member) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise DocumentError(f"{member} inflates beyond the safety limit (possible zip bomb)")
    return data
