"""Property tests: arbitrary or corrupted bytes never crash or hang an importer; only DocumentError escapes.

Every reader the loader dispatches to (plain text, Markdown, HTML, MHTML web archive, DOCX, EPUB, PDF, and
the clipboard) gets random bytes behind common signatures, and a small valid sample of its format with
bytes flipped, inserted, deleted or cut off; for the zip formats, also a member (chapter, package document,
word/document.xml) corrupted inside an intact archive, which reaches the XML and HTML parsers. A load must
either return an article with text or raise our one-line DocumentError, and finish within ``HANG_S``.
The whole file runs in about 15 s (bounded by ``max_examples``; measured on 2 shared cores).
"""

from __future__ import annotations

import io
import signal
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import pytest
from doc_builders import NEWS_TEXT, PAGE, PARA_1, PARA_2, write_docx, write_epub
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stance_reader.documents import DocumentError, article_from_clipboard, load_article
from stance_reader.documents.loader import SUPPORTED_EXTENSIONS

PREFIXES = [
    b"",
    b"%PDF-1.4\n",
    b"PK\x03\x04",
    b"<html><body>",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"---\ntitle: x\n",
    b"MIME-Version: 1.0\nContent-Type: multipart/related; boundary=b\n\n--b\n",
]
HANG_S = 20  # one load of a 2-4 KB file takes milliseconds; this long means it hangs
FUZZ = settings(
    max_examples=30,
    # Hypothesis' deadline measures a finished example (flaky on shared cores); hangs are _time_limit's job.
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
_WORKDIR = tempfile.TemporaryDirectory(prefix="stance-fuzz-")  # removed when the session ends

MARKDOWN = f"""---
title: Seawall vote
author: Ana Lima
---
# Seawall vote

{PARA_1}

> {PARA_2}

- one *item*
- <b>two</b> items

| Year | Cost |
|------|------|
| 2026 | €3m  |

<script>alert(1)</script>
"""


def _text_pdf() -> bytes:
    """A hand-built one-page PDF with a real text layer (no Qt needed), offsets computed here."""
    stream = b"BT /F1 12 Tf 72 720 Td (The council said it might delay the vote.) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _mhtml() -> bytes:
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText

    archive = MIMEMultipart("related")
    archive["Snapshot-Content-Location"] = "https://news.example.org/seawall"
    archive.attach(MIMEText(PAGE, "html", "utf-8"))
    return archive.as_bytes()


@cache
def _valid(kind: str) -> bytes:
    """A small valid document of each format (built once per session)."""
    folder = Path(_WORKDIR.name)
    builders = {
        "txt": lambda: NEWS_TEXT.encode(),
        "md": lambda: MARKDOWN.encode(),
        "html": lambda: PAGE.encode(),
        "mhtml": _mhtml,
        "docx": lambda: write_docx(folder / "a.docx").read_bytes(),
        "epub": lambda: write_epub(folder / "a.epub").read_bytes(),
        "pdf": _text_pdf,
    }
    return builders[kind]()


KINDS = ["txt", "md", "html", "mhtml", "docx", "epub", "pdf"]
ZIP_MEMBERS = {
    "docx": ["word/document.xml", "[Content_Types].xml", "docProps/core.xml"],
    "epub": ["OEBPS/text/chapter1.xhtml", "OEBPS/content.opf", "META-INF/container.xml"],
}


@contextmanager
def _time_limit(seconds: int) -> Iterator[None]:
    """Fail, rather than hang the suite, when a load does not return (SIGALRM: main thread, Unix)."""

    def hung(signum: int, frame: object) -> None:
        raise TimeoutError(f"a load took over {seconds} s: it hangs")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _load_only_document_error(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    try:
        with _time_limit(HANG_S):
            article = load_article(path)
    except DocumentError as exc:
        assert str(exc) and "\n" not in str(exc)
        # Each reader names what is wrong; the loader's last-resort net ("unreadable file") is not relied on.
        assert "unreadable file" not in str(exc), repr(exc.__cause__)
    else:
        assert article.text.strip()


@st.composite
def _mutated(draw: st.DrawFn, original: bytes) -> bytes:
    """``original`` with a few bytes flipped, a run inserted or deleted, and maybe cut short."""
    data = bytearray(original)
    for _ in range(draw(st.integers(0, 8))):
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        at = draw(st.integers(0, len(data)))
        data[at:at] = draw(st.binary(min_size=1, max_size=64))
    if draw(st.booleans()):
        at = draw(st.integers(0, len(data) - 1))
        del data[at : at + draw(st.integers(1, 256))]
    if draw(st.booleans()):
        data = data[: draw(st.integers(1, max(1, len(data))))]
    return bytes(data) or original[:1]


@pytest.mark.parametrize("suffix", [*SUPPORTED_EXTENSIONS, ".bin"])
@FUZZ
@given(prefix=st.sampled_from(PREFIXES), data=st.binary(max_size=2048))
def test_arbitrary_bytes(tmp_path: Path, suffix: str, prefix: bytes, data: bytes) -> None:
    _load_only_document_error(tmp_path / f"fuzz{suffix}", prefix + data)


@pytest.mark.parametrize("kind", KINDS)
def test_valid_samples_open(tmp_path: Path, kind: str) -> None:
    """The samples the fuzzing starts from are real documents of their format."""
    path = tmp_path / f"valid.{kind}"
    path.write_bytes(_valid(kind))
    assert load_article(path).text.strip()


@pytest.mark.parametrize("kind", KINDS)
@FUZZ
@given(data=st.data())
def test_corrupted_valid_documents(tmp_path: Path, kind: str, data: st.DataObject) -> None:
    corrupted = data.draw(_mutated(_valid(kind)))
    _load_only_document_error(tmp_path / f"corrupt.{kind}", corrupted)


@pytest.mark.parametrize("kind", sorted(ZIP_MEMBERS))
@FUZZ
@given(data=st.data())
def test_corrupted_member_in_an_intact_archive(tmp_path: Path, kind: str, data: st.DataObject) -> None:
    """A zip whose checksums are fine but whose XML or XHTML member is damaged: the parsers are reached."""
    member = data.draw(st.sampled_from(ZIP_MEMBERS[kind]))
    with zipfile.ZipFile(io.BytesIO(_valid(kind))) as archive:
        members = {info: archive.read(info.filename) for info in archive.infolist()}
    rebuilt = io.BytesIO()
    with zipfile.ZipFile(rebuilt, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, content in members.items():
            archive.writestr(info, data.draw(_mutated(content)) if info.filename == member else content)
    _load_only_document_error(tmp_path / f"member.{kind}", rebuilt.getvalue())


@settings(max_examples=60, deadline=None)
@given(text=st.text(), html=st.one_of(st.none(), st.text(), st.binary().map(lambda b: b.decode("latin-1"))))
def test_clipboard_payloads(text: str, html: str | None) -> None:
    try:
        with _time_limit(HANG_S):
            article = article_from_clipboard(text, html)
    except DocumentError as exc:
        assert "\n" not in str(exc)
    else:
        assert article.text.strip() and article.source_format == "clipboard"


def test_a_pdf_page_tree_that_refers_to_itself_is_a_broken_pdf(tmp_path: Path) -> None:
    """Found by the fuzz test: a zeroed byte turns the page tree into a loop (pypdf's LimitReachedError)."""
    data = _valid("pdf").replace(b"<< /Type /Catalog", b"<< /\x00ype /Catalog", 1)
    data = data.replace(b"2 0 obj\n<<", b"2 0 obj\n\x00<", 1)
    path = tmp_path / "loop.pdf"
    path.write_bytes(data)
    with pytest.raises(DocumentError, match="broken PDF file"):
        load_article(path)
