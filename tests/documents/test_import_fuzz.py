"""Property tests: arbitrary or corrupted bytes never crash an importer; only DocumentError escapes."""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path

import pytest
from doc_builders import PAGE, write_docx, write_epub
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
]
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


_WORKDIR = tempfile.TemporaryDirectory(prefix="stance-fuzz-")  # removed when the session ends


@cache
def _valid(kind: str) -> bytes:
    """A valid document to corrupt (built once per session)."""
    folder = Path(_WORKDIR.name)
    if kind == "docx":
        return write_docx(folder / "a.docx").read_bytes()
    if kind == "epub":
        return write_epub(folder / "a.epub").read_bytes()
    if kind == "pdf":
        from pypdf import PdfWriter

        writer = PdfWriter()
        page = writer.add_blank_page(width=300, height=300)
        page.merge_page(page)  # a minimal, valid file with a page tree and content
        path = folder / "a.pdf"
        with path.open("wb") as handle:
            writer.write(handle)
        return path.read_bytes()
    return PAGE.encode()


def _load_only_document_error(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    try:
        article = load_article(path)
    except DocumentError as exc:
        assert str(exc) and "\n" not in str(exc)
        # Each reader names what is wrong; the loader's last-resort net ("unreadable file") is not relied on.
        assert "unreadable file" not in str(exc), repr(exc.__cause__)
    else:
        assert article.text.strip()


@pytest.mark.parametrize("suffix", [*SUPPORTED_EXTENSIONS, ".bin"])
@FUZZ
@given(prefix=st.sampled_from(PREFIXES), data=st.binary(max_size=2048))
def test_arbitrary_bytes(tmp_path: Path, suffix: str, prefix: bytes, data: bytes) -> None:
    _load_only_document_error(tmp_path / f"fuzz{suffix}", prefix + data)


@pytest.mark.parametrize("kind", ["docx", "epub", "pdf", "html"])
@FUZZ
@given(data=st.data())
def test_corrupted_valid_documents(tmp_path: Path, kind: str, data: st.DataObject) -> None:
    original = bytearray(_valid(kind))
    for _ in range(data.draw(st.integers(1, 8))):
        position = data.draw(st.integers(0, len(original) - 1))
        original[position] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(len(original) // 2, len(original)))
    _load_only_document_error(tmp_path / f"corrupt.{kind}", bytes(original[:cut]))


@settings(max_examples=60, deadline=None)
@given(text=st.text(), html=st.one_of(st.none(), st.text(), st.binary().map(lambda b: b.decode("latin-1"))))
def test_clipboard_payloads(text: str, html: str | None) -> None:
    try:
        article = article_from_clipboard(text, html)
    except DocumentError as exc:
        assert "\n" not in str(exc)
    else:
        assert article.text.strip() and article.source_format == "clipboard"
