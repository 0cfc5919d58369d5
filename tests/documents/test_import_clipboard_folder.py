"""Clipboard payloads (plain and HTML) and folder import."""

from __future__ import annotations

from pathlib import Path

import pytest
from doc_builders import DATELINE, HEADLINE, NEWS_TEXT, OUTLET, PARA_1, PARA_2, SUBHEAD, write_docx

from stance_reader.documents import (
    FILE_DIALOG_FILTER,
    SUPPORTED_EXTENSIONS,
    DocumentError,
    article_from_clipboard,
    iter_folder,
    iter_paths,
    list_importable,
)


def test_clipboard_prefers_html() -> None:
    html = f"<meta charset='utf-8'><h1>{HEADLINE}</h1><p>{PARA_1}</p><p><b>{PARA_2}</b></p>"
    article = article_from_clipboard("plain flavour differs", html)
    assert article.source_format == "clipboard"
    assert article.title == HEADLINE
    assert article.text == f"{PARA_1}\n\n{PARA_2}"


def test_clipboard_html_selection_with_news_header() -> None:
    html = f"<h1>{HEADLINE}</h1><div>{OUTLET}</div><div>{DATELINE}</div><h3>{SUBHEAD}</h3><p>{PARA_1}</p>"
    article = article_from_clipboard("", html)
    assert (article.title, article.outlet, article.date) == (HEADLINE, OUTLET, DATELINE)
    assert article.text == f"{SUBHEAD}\n\n{PARA_1}"


def test_clipboard_html_keeps_every_block_of_the_selection() -> None:
    # A selection copied from inside a <footer> or <nav> is still what the user wants.
    html = f"<footer><p>{PARA_1}</p></footer>"
    assert article_from_clipboard("", html).text == PARA_1


def test_clipboard_windows_html_format_preamble() -> None:
    html = (
        "Version:0.9\r\nStartHTML:0000000105\r\nEndHTML:0000000200\r\n"
        f"<html><body><!--StartFragment--><p>{PARA_1}</p><!--EndFragment--></body></html>"
    )
    assert article_from_clipboard("", html).text == PARA_1


def test_clipboard_html_without_text_falls_back_to_plain() -> None:
    article = article_from_clipboard(PARA_1, "<img src='https://example.org/a.png'>")
    assert article.text == PARA_1 and article.source_format == "clipboard"


def test_clipboard_plain_text_news_header() -> None:
    article = article_from_clipboard(NEWS_TEXT.replace("\n", "\r\n"))
    assert (article.title, article.outlet, article.date) == (HEADLINE, OUTLET, DATELINE)
    assert "\r" not in article.text


@pytest.mark.parametrize(("text", "html"), [("", None), ("  \n ", "<p> </p>"), ("", "")])
def test_empty_clipboard(text: str, html: str | None) -> None:
    with pytest.raises(DocumentError, match="clipboard"):
        article_from_clipboard(text, html)


def _library(root: Path) -> None:
    (root / "sub").mkdir()
    (root / ".hidden").mkdir()
    (root / "b-story.md").write_text(f"# {HEADLINE}\n\n{PARA_1}\n")
    (root / "A-story.txt").write_text(NEWS_TEXT)
    (root / "sub" / "c-page.HTML").write_text(f"<html><body><p>{PARA_2}</p></body></html>")
    (root / "sub" / "d-broken.docx").write_bytes(b"not a zip")
    (root / "e-report.docx").write_bytes(write_docx(root.parent / "tmp.docx").read_bytes())
    (root / ".hidden" / "secret.txt").write_text("hidden")
    (root / ".dotfile.txt").write_text("hidden")
    (root / "photo.png").write_bytes(b"\x89PNG\r\n")
    (root / "notes.log").write_text("not an article extension")


def test_list_importable_sorted_supported_visible(tmp_path: Path) -> None:
    root = tmp_path / "library"
    root.mkdir()
    _library(root)
    names = [p.relative_to(root).as_posix() for p in list_importable(root)]
    assert names == ["A-story.txt", "b-story.md", "e-report.docx", "sub/c-page.HTML", "sub/d-broken.docx"]


def test_iter_folder_yields_articles_and_errors(tmp_path: Path) -> None:
    root = tmp_path / "library"
    root.mkdir()
    _library(root)
    results = {p.name: r for p, r in iter_folder(root)}
    assert results["A-story.txt"].outlet == OUTLET  # type: ignore[union-attr]
    assert results["c-page.HTML"].text == PARA_2  # type: ignore[union-attr]
    assert isinstance(results["d-broken.docx"], DocumentError)
    assert "broken DOCX" in str(results["d-broken.docx"])
    assert len(results) == 5


def test_iter_paths_counts_first(tmp_path: Path) -> None:
    root = tmp_path / "library"
    root.mkdir()
    _library(root)
    paths = list_importable(root, recursive=False)
    assert len(paths) == 3
    assert [p for p, _ in iter_paths(paths)] == paths


def test_not_a_folder(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="not a folder"):
        list_importable(tmp_path / "missing")


def test_dialog_filter_lists_every_extension() -> None:
    first = FILE_DIALOG_FILTER.split(";;")[0]
    assert all(f"*{ext}" in first for ext in SUPPORTED_EXTENSIONS)
    assert FILE_DIALOG_FILTER.endswith("All files (*)")
