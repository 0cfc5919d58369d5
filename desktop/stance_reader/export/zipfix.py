"""Reproducible Office files: rewrite an OOXML zip (xlsx, docx) so its bytes depend on content only.

openpyxl and python-docx stamp every zip entry with the wall-clock time and write "now" into
``docProps/core.xml``. :func:`normalise_zip` re-packs the entries in their original order with a fixed
entry date (the zip epoch, 1980-01-01, as reproducible-build tools do) and sets the core properties'
created/modified dates to the export's generated-at time, the one value allowed to change.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, datetime

FIXED_TIMESTAMP = "2000-01-01T00:00:00Z"
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_CORE_DATE = re.compile(r"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)")


def w3c_date(value: str) -> str:
    """``value`` (ISO 8601) as the W3CDTF UTC form Office writes; the fixed date when unparseable."""
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return FIXED_TIMESTAMP
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def normalise_zip(data: bytes, *, core_date: str = FIXED_TIMESTAMP) -> bytes:
    """Re-pack ``data`` with fixed entry dates and ``core_date`` in docProps/core.xml."""
    stamp = w3c_date(core_date)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            payload = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = _CORE_DATE.sub(lambda m: f"{m.group(1)}{stamp}{m.group(3)}", payload.decode("utf-8"))
                payload = text.encode("utf-8")
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_EPOCH)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16  # regular file, rw-r--r--, whatever the umask
            entry.create_system = 3  # "Unix", fixed so the header does not follow the host OS
            dst.writestr(entry, payload, compresslevel=6)
    return out.getvalue()
