"""One fixture per format, built inside the test: title, metadata and body of each."""

from __future__ import annotations

from pathlib import Path

import pytest
from doc_builders import (
    DATELINE,
    HEADLINE,
    OUTLET,
    PAGE,
    PARA_1,
    PARA_2,
    PARA_3,
    SECTION,
    SUBHEAD,
    write_docx,
    write_epub,
    write_pdf,
)

from stance_reader.documents import load_article
from stance_reader.documents.pdf import paragraphs

MARKDOWN = f"""---
title: "{HEADLINE}"
author: Ana Lima
date: 2026-02-05
outlet: {OUTLET}
section: {SECTION}
---

# {HEADLINE}

## {SUBHEAD}

The harbour council said on **Thursday** that it *might* postpone the vote on the
new [seawall](https://example.org/seawall) until spring, citing unfinished cost estimates.

![aerial photo](https://images.example.org/seawall.jpg)

- Flood defences
- Ferry access

| Year | Cost |
|------|------|
| 2026 | €3m  |

> {PARA_2}
"""


def test_markdown_front_matter_and_body(tmp_path: Path) -> None:
    path = tmp_path / "seawall.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    article = load_article(path)
    assert (article.title, article.author, article.date, article.outlet, article.section) == (
        HEADLINE,
        "Ana Lima",
        "2026-02-05",
        OUTLET,
        SECTION,
    )
    assert article.source_format == "markdown"
    assert article.text.split("\n\n") == [
        SUBHEAD,
        PARA_1,  # emphasis and link syntax gone, the wrapped line rejoined
        "• Flood defences",
        "• Ferry access",
        "Year | Cost",
        "2026 | €3m",
        PARA_2,
    ]


def test_markdown_with_news_header_instead_of_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "seawall.markdown"
    markdown = f"# {HEADLINE}\n\n{OUTLET}\n{SECTION}\n{DATELINE}\n\n### {SUBHEAD}\n\n{PARA_1}\n"
    path.write_text(markdown, "utf-8")
    article = load_article(path)
    assert (article.title, article.outlet, article.section, article.date) == (
        HEADLINE,
        OUTLET,
        SECTION,
        DATELINE,
    )
    assert article.text == f"{SUBHEAD}\n\n{PARA_1}"


def test_bundled_markdown_sample_opens() -> None:
    from stance_reader.paths import resources_dir

    article = load_article(resources_dir() / "samples" / "harbour-seawall-vote.md")
    assert article.title and article.outlet and article.date
    assert article.source_format == "markdown"
    assert "**" not in article.text and "](" not in article.text
    assert all("\n" not in paragraph for paragraph in article.text.split("\n\n"))  # soft breaks are spaces


def test_html_page_main_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "seawall.html"
    path.write_text(PAGE, encoding="utf-8")
    article = load_article(path)
    assert (article.title, article.author, article.outlet, article.source_format) == (
        HEADLINE,
        "Ana Lima",
        OUTLET,
        "html",
    )
    assert article.date.startswith("2026-02-05")
    assert article.text.split("\n\n") == [SUBHEAD, PARA_1, PARA_2, PARA_3]
    for chrome in ("menu", "Footer", "INJECTED", "fetch", "http"):
        assert chrome not in article.text


def test_short_html_fragment_uses_block_walker(tmp_path: Path) -> None:
    path = tmp_path / "short.htm"
    path.write_text("<html><head><title>Brief note</title></head><body><p>Tiny.</p><p>Also</p></body></html>")
    article = load_article(path)
    assert article.title == "Brief note"
    assert article.text == "Tiny.\n\nAlso"


def test_html_declared_legacy_charset(tmp_path: Path) -> None:
    path = tmp_path / "latin.html"
    html = (
        '<html><head><meta charset="windows-1252"><title>Café</title></head>'
        "<body><p>Café “sûr”.</p></body></html>"
    )
    path.write_bytes(html.encode("cp1252"))
    article = load_article(path)
    assert article.title == "Café"
    assert article.text == "Café “sûr”."


@pytest.mark.parametrize("encoding", ["base64", "quoted-printable"])
def test_mhtml_web_archive(tmp_path: Path, encoding: str) -> None:
    from email.charset import BASE64, QP, Charset
    from email.mime.image import MIMEImage
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText

    archive = MIMEMultipart("related")
    archive["Snapshot-Content-Location"] = "https://news.example.org/seawall"
    charset = Charset("utf-8")
    charset.body_encoding = BASE64 if encoding == "base64" else QP
    page = MIMEText(PAGE, "html", charset)
    assert page["Content-Transfer-Encoding"] == encoding
    archive.attach(page)
    archive.attach(MIMEImage(b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "png"))
    path = tmp_path / "seawall.mhtml"
    path.write_bytes(archive.as_bytes())
    article = load_article(path)
    assert (article.title, article.outlet, article.url) == (
        HEADLINE,
        OUTLET,
        "https://news.example.org/seawall",
    )
    assert article.text.split("\n\n") == [SUBHEAD, PARA_1, PARA_2, PARA_3]


def test_docx_title_metadata_body(tmp_path: Path) -> None:
    article = load_article(write_docx(tmp_path / "seawall.docx"))
    assert (article.title, article.outlet, article.section, article.date, article.author) == (
        HEADLINE,
        OUTLET,
        SECTION,
        DATELINE,
        "Ana Lima",
    )
    assert article.source_format == "docx"
    assert article.text.split("\n\n") == [
        SUBHEAD,
        PARA_1,
        PARA_2,
        "• Flood defences",
        "Year | Cost",
        "2026 | €3m",
        PARA_3,
    ]


def test_pdf_title_metadata_body(tmp_path: Path, qapp: object) -> None:
    html = f"<h1>{HEADLINE}</h1><h2>{SUBHEAD}</h2>" + "".join(
        f"<p>{p} {p}</p>" for p in (PARA_1, PARA_2, PARA_3)
    )
    path = write_pdf(tmp_path / "seawall.pdf", html, title=HEADLINE, author="Ana Lima")
    article = load_article(path)
    assert (article.title, article.author, article.source_format) == (HEADLINE, "Ana Lima", "pdf")
    # Lines joined back into the paragraphs Qt wrapped; the heading repeated from the metadata is dropped.
    assert article.text.split("\n\n") == [SUBHEAD] + [f"{p} {p}" for p in (PARA_1, PARA_2, PARA_3)]


def test_pdf_multi_page_paragraph_continues_and_page_numbers_go(tmp_path: Path, qapp: object) -> None:
    long = " ".join(f"Sentence {i} says the council may act." for i in range(120))
    path = write_pdf(tmp_path / "long.pdf", f"<p>{long}</p><p>{PARA_3}</p>", title="Long")
    article = load_article(path)
    assert article.text.split("\n\n") == [long, PARA_3]


def test_pdf_paragraph_rules_hyphenation_headers_and_headings() -> None:
    width = "x" * 60
    pages = [
        ["Running Header", "Heading line", f"{width} recon-", "struction went on and on and on and on.", ""],
        ["Running Header", f"{width} well", "ended here."],
        ["Running Header", "Final short paragraph."],
    ]
    from stance_reader.documents.pdf import _drop_repeated

    assert paragraphs(_drop_repeated(pages)) == [
        "Heading line",
        f"{width} reconstruction went on and on and on and on.",
        f"{width} well ended here.",
        "Final short paragraph.",
    ]


def test_pdf_browser_print_header_and_footer_on_two_pages_are_dropped() -> None:
    from stance_reader.documents.pdf import _drop_repeated

    header, footer = "27/11/2026, 19:41 Seawall vote delayed", "https://news.example.org/seawall"
    pages = [[header, "First page text goes here.", footer], [header, "Second page text.", footer]]
    assert paragraphs(_drop_repeated(pages)) == ["First page text goes here.", "Second page text."]


def test_epub_title_metadata_spine_order(tmp_path: Path) -> None:
    article = load_article(write_epub(tmp_path / "seawall.epub"))
    assert (article.title, article.author, article.outlet, article.date, article.source_format) == (
        HEADLINE,
        "Ana Lima",
        OUTLET,
        "2026-02-05",
        "epub",
    )
    # Chapter 1 before chapter 2 (spine order, not manifest order); the navigation document is skipped.
    assert article.text.split("\n\n") == [SUBHEAD, PARA_1, PARA_2, PARA_3]


@pytest.mark.parametrize("name", ["notes.log", "README"])
def test_unknown_extension_with_text_content_opens_as_text(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(PARA_1, encoding="utf-8")
    assert load_article(path).text == PARA_1


def test_content_signature_beats_extension(tmp_path: Path) -> None:
    path = write_epub(tmp_path / "really-an-epub.txt")
    assert load_article(path).source_format == "epub"
