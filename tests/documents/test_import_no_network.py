"""No network, ever: opening, analysing and exporting a saved web page full of remote references."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from doc_builders import HEADLINE, PAGE, PARA_2, write_epub

from stance_reader.documents import article_from_clipboard, load_article


@pytest.fixture
def no_sockets(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every way out (connect, create_connection, DNS) records the attempt and fails.

    Attempts are recorded as well as raised because a reader may swallow the exception and fall back;
    the test must still fail then.
    """
    attempts: list[str] = []

    def refuse(name: str) -> Any:
        def blocked(*args: object, **kwargs: object) -> Any:
            attempts.append(f"{name}{args[1:] if name.startswith('socket.') else args}")
            raise OSError(f"network access attempted: {name}")

        return blocked

    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    yield attempts
    assert attempts == [], f"network access attempted: {attempts}"


def test_guard_really_blocks(no_sockets: list[str]) -> None:
    with pytest.raises(OSError, match="network access attempted"):
        socket.create_connection(("example.org", 80), timeout=1)
    assert no_sockets  # proves the guard sees attempts
    no_sockets.clear()


def test_open_analyse_export_saved_page_offline(tmp_path: Path, no_sockets: list[str]) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    article = load_article(path)
    assert article.title == HEADLINE
    assert "INJECTED BY SCRIPT" not in article.text  # scripts never ran

    from stance_reader.services.analysis import analyze_article

    analysis = analyze_article(article)
    start = article.text.index(PARA_2)
    assert any(start <= q.start < start + len(PARA_2) for q in analysis.quotes)

    from stance_reader.core.models import StoredDocument
    from stance_reader.export import automatic_passages, export_passages

    document = StoredDocument(id=1, article=article, content_hash=article.content_hash)
    passages = automatic_passages(document, analysis)
    for fmt in ("html", "md", "json"):
        out = tmp_path / f"report.{fmt}"
        export_passages(fmt, passages, out, include_marks={1: analysis})
        assert out.stat().st_size > 0


def test_clipboard_html_with_remote_references_offline(no_sockets: list[str]) -> None:
    article = article_from_clipboard("plain", PAGE)
    assert PARA_2 in article.text


def test_epub_with_remote_dtd_offline(tmp_path: Path, no_sockets: list[str]) -> None:
    # The chapters declare the W3C XHTML DTD by URL; it must not be fetched.
    assert load_article(write_epub(tmp_path / "book.epub")).title == HEADLINE
