"""PDF export: the standalone HTML page (``to_html``) laid out by ``QTextDocument`` and printed with
``QPdfWriter``.

Qt needs a ``QGuiApplication`` for fonts; :func:`ensure_gui_app` reuses the running one (the window,
where this runs on the analysis lane) or creates an offscreen one (CLI, tests). Qt's HTML subset has no
wavy or dashed underline, so :func:`build_document` restores the hedges' wave and the speakers' line
patterns after parsing (found by their unique underline colours) — the PDF keeps the
colour-independent cues the legend promises.

Reproducible: the document id is derived from the content, and the creation/modification dates Qt
stamps into the info dictionary and the XMP packet are rewritten to the generated-at time at the same
byte length, so the cross-reference table stays valid. Qt writes fonts in QHash order, so identical
bytes across processes also need a fixed ``QT_HASH_SEED`` (set here when Qt is not loaded yet, as in
the CLI); within one process the output is always identical.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Unpack

from stance_reader.core.models import Analysis
from stance_reader.core.speaker_style import LinePattern
from stance_reader.export import to_html
from stance_reader.export.passages import Cite, Passage, speaker_key
from stance_reader.export.zipfix import FIXED_TIMESTAMP

_app: Any = None  # the QGuiApplication we created, kept alive for the process
if "PySide6.QtCore" not in sys.modules:
    # Qt seeds QHash per process and writes fonts in QHash order: a fixed seed, set before Qt loads,
    # makes the PDF byte-identical across runs (the CLI). The window would have to set it at startup.
    os.environ.setdefault("QT_HASH_SEED", "0")
# Qt's HTML import slows down quadratically with element ids (thousands of passages took minutes), and a
# PDF has no use for the page's in-document links; data never matches these (its quotes are escaped).
_PASSAGE_ID = re.compile(r' id="p\d+"')
_MARKER_LINK = re.compile(r'<a class="marker" href="#p\d+" title="[^"]*">(●\d+)</a>')
_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:[0-9]{14}[^)]*\)")
_XMP_DATE = re.compile(rb'xmp:(CreateDate|ModifyDate|MetadataDate)="[^"]*"')


def ensure_gui_app() -> None:
    """Make sure a QGuiApplication exists (offscreen when there is no display).

    Creates a full ``QApplication`` rather than a bare ``QGuiApplication``: Qt allows one application
    object per process, and a later widget (the window, a test) needs the widgets flavour."""
    global _app
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QGuiApplication

    existing = QCoreApplication.instance()
    if isinstance(existing, QGuiApplication):
        return
    if existing is not None:
        raise RuntimeError("PDF export needs a QGuiApplication, but a console QCoreApplication is running")
    headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if headless and sys.platform not in {"win32", "darwin"}:  # those always have their native platform
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    _app = QApplication(["stance-reader-export"])


def _underline_styles(patterns: Mapping[str, LinePattern]) -> dict[str, Any]:
    """Underline colour (``#rrggbb``) → the Qt underline style to restore: the hedges' wave and each
    patterned speaker's line (``to_html.qt_underlines``)."""
    from PySide6.QtGui import QTextCharFormat

    style = QTextCharFormat.UnderlineStyle
    qt = {
        LinePattern.DASHED: style.DashUnderline,
        LinePattern.DASH_DOT: style.DashDotLine,
        LinePattern.DASH_DOT_DOT: style.DashDotDotLine,
    }
    restored = {colour.lower(): qt[pattern] for colour, pattern in patterns.items() if pattern in qt}
    restored[to_html.HEDGE_LINE.lower()] = style.WaveUnderline
    return restored


def _underlined_runs(doc: Any, styles: Mapping[str, Any]) -> list[tuple[int, int, str]]:
    """UTF-16 [start, end) and colour of every run underlined in one of ``styles``' colours (adjacent
    fragments of one colour merged)."""
    runs: list[tuple[int, int, str]] = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            colour = fmt.underlineColor().name()
            if fmt.fontUnderline() and colour in styles:
                start, end = fragment.position(), fragment.position() + fragment.length()
                if runs and runs[-1][1] == start and runs[-1][2] == colour:
                    runs[-1] = (runs[-1][0], end, colour)
                else:
                    runs.append((start, end, colour))
            it += 1
        block = block.next()
    return runs


def build_document(page_html: str, patterns: Mapping[str, LinePattern] | None = None) -> Any:
    """A QTextDocument for ``page_html``, with wavy underlines restored on hedges and each speaker's
    line pattern on their words (``patterns``: underline colour → pattern, from ``to_html``)."""
    from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor, QTextDocument

    ensure_gui_app()
    doc = QTextDocument()
    doc.setDefaultFont(QFont("DejaVu Serif", 10))
    doc.setHtml(page_html)
    styles = _underline_styles(patterns or {})
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    for start, end, colour in _underlined_runs(doc, styles):
        line = QTextCharFormat()
        line.setUnderlineStyle(styles[colour])
        line.setUnderlineColor(QColor(colour))
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(line)
    cursor.endEditBlock()
    return doc


def _pdf_stamp(generated_at: str) -> tuple[bytes, bytes]:
    """(PDF date ``D:YYYYMMDDHHmmSSZ``, XMP date ``YYYY-MM-DDTHH:MM:SS+00:00``) for ``generated_at``."""
    try:
        moment = datetime.fromisoformat(generated_at.replace("Z", "+00:00"))
    except ValueError:
        moment = datetime.fromisoformat(FIXED_TIMESTAMP.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    moment = moment.astimezone(UTC)
    return moment.strftime("D:%Y%m%d%H%M%SZ").encode(), moment.strftime("%Y-%m-%dT%H:%M:%S+00:00").encode()


def fix_dates(data: bytes, generated_at: str) -> bytes:
    """Replace Qt's wall-clock dates with ``generated_at`` without changing any byte offset."""
    pdf_date, xmp_date = _pdf_stamp(generated_at)

    def info(m: re.Match[bytes]) -> bytes:
        new = b"/" + m.group(1) + b" (" + pdf_date + b")"
        return new if len(new) == len(m.group(0)) else m.group(0)

    def xmp(m: re.Match[bytes]) -> bytes:
        new = b"xmp:" + m.group(1) + b'="' + xmp_date + b'"'
        return new if len(new) == len(m.group(0)) else m.group(0)

    return _XMP_DATE.sub(xmp, _PDF_DATE.sub(info, data))


def _print(doc: Any, *, title: str, digest: str, generated_at: str) -> bytes:
    """``doc`` printed on A4 by ``QPdfWriter``, with a content-derived id and fixed dates."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QUuid
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(title)
    writer.setCreator("Stance Reader")
    # A content-derived id (Qt would pick a random UUID), so identical pages give identical files.
    writer.setDocumentId(
        QUuid(f"{{{digest[:8]}-{digest[8:12]}-{digest[12:16]}-{digest[16:20]}-{digest[20:32]}}}")
    )
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(18, 18, 18, 18)
        )
    )
    doc.print_(writer)
    del writer  # finishes the file
    buffer.close()
    return fix_dates(bytes(data.data()), generated_at)


def _digest(page: str, generated_at: str, images: Mapping[str, bytes] | None = None) -> str:
    sha = hashlib.sha256(page.replace(generated_at, "").encode("utf-8"))
    for name in sorted(images or {}):
        sha.update(name.encode("utf-8") + (images or {})[name])
    return sha.hexdigest()


def render(passages: Sequence[Passage], **page: Unpack[to_html.PageOptions]) -> bytes:
    """The HTML report (``to_html.render``, same options) printed to PDF."""
    html = to_html.render(passages, **page)
    patterns = to_html.qt_underlines(speaker_key(passages, page.get("analyses")))
    doc = build_document(
        _MARKER_LINK.sub(r'<span class="marker">\1</span>', _PASSAGE_ID.sub("", html)), patterns
    )
    generated_at = page["generated_at"]
    title = page.get("title", "Highlights")
    return _print(doc, title=title, digest=_digest(html, generated_at), generated_at=generated_at)


def render_page(
    page_html: str, *, title: str, generated_at: str, images: Mapping[str, bytes] | None = None
) -> bytes:
    """Any page of ours (e.g. a speaker dossier) as PDF; ``images``: PNG bytes by the name its
    ``<img src>`` uses (QTextDocument takes them as resources, it fetches nothing)."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QImage, QTextDocument

    ensure_gui_app()
    doc = QTextDocument()
    doc.setDefaultFont(_default_font())
    for name, data in (images or {}).items():
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), QImage.fromData(data, "PNG"))
    doc.setHtml(page_html)
    digest = _digest(page_html, generated_at, images)
    return _print(doc, title=title, digest=digest, generated_at=generated_at)


def _default_font() -> Any:
    from PySide6.QtGui import QFont

    return QFont("DejaVu Serif", 10)


def write(
    passages: Sequence[Passage],
    out: Path,
    *,
    generated_at: str,
    analyses: Mapping[int, Analysis] | None = None,
    group_by: str = "speaker",
    cite: Cite | None = None,
    **_: object,
) -> None:
    options = {"analyses": analyses, "generated_at": generated_at, "group_by": group_by, "cite": cite}
    out.write_bytes(render(passages, **options))
