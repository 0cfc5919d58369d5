"""Bad input gets one clear DocumentError line: empty, binary, unsupported, broken, bombs, encrypted PDFs."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest
from doc_builders import HEADLINE, PARA_1, write_docx, write_epub, write_image_pdf, write_pdf

from stance_reader.documents import DocumentError, archives, load_article


def _error(path: Path) -> str:
    with pytest.raises(DocumentError) as info:
        load_article(path)
    message = str(info.value)
    assert "\n" not in message and message.startswith(f"cannot open {path.name}")
    assert info.value.path == str(path)
    return message


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".docx", ".epub", ".pdf"])
def test_empty_file(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(b"")
    assert "empty" in _error(path)


@pytest.mark.parametrize("content", [" \n\t\r\n\n", "\ufeff\u200b\n"])
def test_whitespace_only_text(tmp_path: Path, content: str) -> None:
    path = tmp_path / "blank.txt"
    path.write_text(content, encoding="utf-8")
    assert "no article text" in _error(path)


def test_missing_file(tmp_path: Path) -> None:
    assert "no such file" in _error(tmp_path / "gone.txt")


def test_folder_is_not_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    assert "not a file" in _error(folder)


def test_png_renamed_txt_is_named(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    assert "PNG image" in _error(path)


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".bin"])
def test_binary_data(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"data{suffix}"
    path.write_bytes(bytes(range(256)) * 16)
    assert "binary" in _error(path)


@pytest.mark.parametrize(("suffix", "hint"), [(".doc", ".docx"), (".rtf", "plain text"), (".odt", ".docx")])
def test_unsupported_formats_say_what_to_do(tmp_path: Path, suffix: str, hint: str) -> None:
    path = tmp_path / f"old{suffix}"
    path.write_bytes(b"some content")
    message = _error(path)
    assert "not supported" in message and hint in message


def test_broken_docx(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"this is not a zip archive at all")
    assert "broken DOCX" in _error(path)


def test_truncated_docx(tmp_path: Path) -> None:
    whole = write_docx(tmp_path / "whole.docx").read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(whole[: len(whole) // 2])
    assert "broken DOCX" in _error(path)


def test_zip_without_document_named_docx(tmp_path: Path) -> None:
    path = tmp_path / "hollow.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert "broken DOCX" in _error(path)


def test_plain_zip_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bundle.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert "zip archive" in _error(path)


def test_broken_epub_without_container(tmp_path: Path) -> None:
    path = tmp_path / "broken.epub"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/epub+zip")
        archive.writestr("OEBPS/chapter.xhtml", "<html><body><p>x</p></body></html>")
    assert "broken EPUB" in _error(path)


def test_epub_with_empty_chapters(tmp_path: Path) -> None:
    path = write_epub(tmp_path / "hollow.epub", chapter1="<div></div>", chapter2="<p> </p>")
    assert "no article text" in _error(path)


def test_epub_entities_are_not_expanded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    chapter = f"<p>{PARA_1}</p>"
    path = write_epub(tmp_path / "xxe.epub", chapter1=chapter)
    # Rewrite the package document with an external entity pointing at a local file.
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    opf = members["OEBPS/content.opf"].decode()
    opf = opf.replace(
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE package [<!ENTITY xxe SYSTEM "file://{secret}">]>',
    ).replace(f"<dc:title>{HEADLINE}</dc:title>", "<dc:title>&xxe;</dc:title>")
    members["OEBPS/content.opf"] = opf.encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    article = load_article(path)
    assert "TOP-SECRET" not in article.title and "TOP-SECRET" not in article.text


def test_zip_bomb_docx_refused_by_ratio(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "bomb.docx")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/padding.bin", b"\0" * (20 * 1024 * 1024))  # ~1000:1
    started = time.perf_counter()
    message = _error(path)
    assert "zip bomb" in message and "compressed" in message
    assert time.perf_counter() - started < 1.0  # refused from the directory, nothing inflated


def test_zip_bomb_epub_refused_by_total_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archives, "MAX_INFLATED_BYTES", 1_000_000)
    path = write_epub(tmp_path / "big.epub", chapter1="<p>" + "word " * 300_000 + "</p>")
    message = _error(path)
    assert "zip bomb" in message and "beyond the 1 MB limit" in message


def test_read_member_caps_inflation(tmp_path: Path) -> None:
    path = tmp_path / "a.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("big", b"a" * 10_000)
    with zipfile.ZipFile(path) as archive, pytest.raises(DocumentError, match="safety limit"):
        archives.read_member(archive, "big", limit=1_000)


def test_encrypted_pdf_with_password(tmp_path: Path, qapp: object) -> None:
    from pypdf import PdfReader, PdfWriter

    plain = write_pdf(tmp_path / "plain.pdf", f"<p>{PARA_1}</p>", title=HEADLINE)
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt(user_password="secret", owner_password="owner")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    assert "password-protected" in _error(path)


def test_pdf_encrypted_without_user_password_opens(tmp_path: Path, qapp: object) -> None:
    from pypdf import PdfReader, PdfWriter

    plain = write_pdf(tmp_path / "plain.pdf", f"<p>{PARA_1}</p>", title=HEADLINE)
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt(user_password="", owner_password="owner-only")
    path = tmp_path / "restricted.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    assert load_article(path).text == PARA_1


def test_image_only_pdf(tmp_path: Path, qapp: object) -> None:
    assert "no text layer" in _error(write_image_pdf(tmp_path / "scan.pdf"))


def test_blank_page_pdf(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    path = tmp_path / "blank.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    assert "no text layer" in _error(path)


@pytest.mark.parametrize(
    "content", [b"%PDF-1.7\n garbage that is not a pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n"]
)
def test_broken_pdf(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(content)
    assert "PDF" in _error(path)


@pytest.mark.parametrize(
    "markup",
    [
        "<html><head><script>var a = 1;</script><style>p{}</style></head><body></body></html>",
        "<html><body><!-- only a comment --><p>   </p></body></html>",
        "<html><body><img src='x.png'></body></html>",
    ],
)
def test_html_without_text(tmp_path: Path, markup: str) -> None:
    path = tmp_path / "page.html"
    path.write_text(markup, encoding="utf-8")
    assert "no readable text" in _error(path) or "no article text" in _error(path)


def test_five_megabyte_text_opens_with_notice(tmp_path: Path) -> None:
    paragraph = "The council said it might delay the vote, and ministers will meet again in May. " * 8
    path = tmp_path / "huge.txt"
    count = 5_200_000 // (len(paragraph) + 2)
    path.write_text("\n\n".join([paragraph.strip()] * count), encoding="utf-8")
    started = time.perf_counter()
    article = load_article(path)
    elapsed = time.perf_counter() - started
    assert article.notices == (f"large file: {path.stat().st_size / 1e6:.1f} MB",)
    assert article.text.count("\n\n") == count - 1
    assert elapsed < 10  # measured 0.35-0.5 s; generous for a shared CI core


def test_file_beyond_max_bytes_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "too-big.txt"
    path.write_text("word " * 1000)
    with pytest.raises(DocumentError, match="beyond the"):
        load_article(path, max_bytes=1000)


def test_parser_warnings_are_not_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, recwarn: pytest.WarningsRecorder
) -> None:
    import logging
    import warnings

    from stance_reader.documents import plaintext

    real = plaintext.article_from_text

    def chatty(*args: object, **kwargs: object) -> object:
        warnings.warn("a parser's deprecation", DeprecationWarning, stacklevel=1)
        logging.getLogger("docx.oxml").warning("a parser's log line")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(plaintext, "article_from_text", chatty)
    path = tmp_path / "a.txt"
    path.write_text(PARA_1, encoding="utf-8")
    assert load_article(path).text == PARA_1
    assert not recwarn.list


@pytest.mark.parametrize("suffix", [".epub", ".docx"])
def test_zip_of_a_version_zipfile_cannot_read(tmp_path: Path, suffix: str) -> None:
    """Found by the fuzz test: zipfile raises NotImplementedError for "version needed" above 6.3."""
    data = bytearray(write_epub(tmp_path / "source.epub").read_bytes())
    entry = data.find(b"PK\x01\x02")
    while entry != -1:
        data[entry + 6] = 64  # the central directory's "version needed to extract": 6.4
        entry = data.find(b"PK\x01\x02", entry + 4)
    path = tmp_path / f"future{suffix}"
    path.write_bytes(bytes(data))
    assert "unsupported zip version" in _error(path)
