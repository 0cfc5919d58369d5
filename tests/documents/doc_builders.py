"""Builders for one small document per format, written inside the tests (our own text, no seed copies)."""

from __future__ import annotations

import zipfile
from pathlib import Path

HEADLINE = "Harbour Council Delays Vote on Seawall"
OUTLET = "Coastline Courier"
SECTION = "Local"
DATELINE = "05/02/2026 09h15"
SUBHEAD = "Residents divided over the cost"
PARA_1 = (
    "The harbour council said on Thursday that it might postpone the vote on the new seawall until spring, "
    "citing unfinished cost estimates."
)
PARA_2 = '"We will publish the full survey before any decision," Mayor Ines Okafor told reporters.'
PARA_3 = "Engineers suggested the work could possibly begin in late summer if the funding is approved."

NEWS_TEXT = f"""{HEADLINE}

https://images.example.org/photos/123/seawall.jpg?v=2
{OUTLET}
{SECTION}
{DATELINE}

### {SUBHEAD}

{PARA_1}

{PARA_2}

{PARA_3}

The views expressed in this article do not reflect the opinion of the Coastline Courier.

Related
Port authority opens new ferry terminal
Storm season forecast revised upward
"""


def write_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.core_properties.author = "Ana Lima"
    document.add_paragraph(HEADLINE, style="Title")
    document.add_paragraph(OUTLET)
    document.add_paragraph(SECTION)
    document.add_paragraph(DATELINE)
    document.add_heading(SUBHEAD, level=2)
    document.add_paragraph(PARA_1)
    document.add_paragraph(PARA_2)
    document.add_paragraph("Flood defences", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    for (row, col), value in {(0, 0): "Year", (0, 1): "Cost", (1, 0): "2026", (1, 1): "€3m"}.items():
        table.cell(row, col).text = value
    document.add_paragraph(PARA_3)
    document.save(str(path))
    return path


def write_pdf(path: Path, html: str, *, title: str = "", author: str = "") -> Path:
    """A PDF with a real text layer, laid out by Qt (needs a QGuiApplication: use the qapp fixture)."""
    from PySide6.QtGui import QPageSize, QPdfWriter, QTextDocument

    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    if title:
        writer.setTitle(title)
    if author:
        writer.setAuthor(author)
    document = QTextDocument()
    document.setHtml(html)
    document.print_(writer)
    del writer  # the file is finished when the writer goes away
    return path


def write_image_pdf(path: Path) -> Path:
    """A page that holds only a picture (what a scan looks like): no text layer at all."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QColor, QImage, QPainter, QPdfWriter

    writer = QPdfWriter(str(path))
    image = QImage(200, 100, QImage.Format.Format_RGB32)
    image.fill(QColor("#cc7722"))
    painter = QPainter(writer)
    painter.drawImage(QRect(0, 0, 2000, 1000), image)
    painter.end()
    del writer
    return path


CONTAINER = """<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>"""

OPF = """<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="id">urn:uuid:1b6c8f1e-0000-4000-8000-000000000001</dc:identifier>
    <dc:title>{title}</dc:title>
    <dc:creator>Ana Lima</dc:creator>
    <dc:publisher>{outlet}</dc:publisher>
    <dc:date>2026-02-05</dc:date>
    <dc:language>en</dc:language>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="c2" href="text/chapter%202.xhtml" media-type="application/xhtml+xml"/>
    <item id="c1" href="text/chapter1.xhtml" media-type="application/xhtml+xml"/>
    <item id="css" href="style.css" media-type="text/css"/>
  </manifest>
  <spine><itemref idref="nav"/><itemref idref="c1"/><itemref idref="c2"/></spine>
</package>"""

CHAPTER = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" "http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title>
<link rel="stylesheet" href="../style.css"/></head>
<body>{body}</body></html>"""


def write_epub(path: Path, *, chapter1: str = "", chapter2: str = "") -> Path:
    chapter1 = chapter1 or f"<h1>{HEADLINE}</h1><h2>{SUBHEAD}</h2><p>{PARA_1}</p>"
    chapter2 = chapter2 or f"<p>{PARA_2}</p><p>{PARA_3}</p>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip")  # stored, first
        archive.writestr("META-INF/container.xml", CONTAINER)
        archive.writestr("OEBPS/content.opf", OPF.format(title=HEADLINE, outlet=OUTLET))
        archive.writestr("OEBPS/nav.xhtml", CHAPTER.format(body="<nav><ol><li>Contents list</li></ol></nav>"))
        archive.writestr("OEBPS/text/chapter1.xhtml", CHAPTER.format(body=chapter1))
        archive.writestr("OEBPS/text/chapter 2.xhtml", CHAPTER.format(body=chapter2))
        archive.writestr("OEBPS/style.css", "p { margin: 0 }")
    return path


PAGE = f"""<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>{HEADLINE} | {OUTLET}</title>
<meta property="og:title" content="{HEADLINE}">
<meta property="og:site_name" content="{OUTLET}">
<meta name="author" content="Ana Lima">
<meta property="article:published_time" content="2026-02-05T09:15:00+00:00">
<link rel="stylesheet" href="https://cdn.example.net/site.css">
<link rel="preload" href="https://fonts.example.net/serif.woff2" as="font">
<script src="https://cdn.example.net/tracker.js"></script>
<script>fetch("https://collect.example.net/beacon?page=1"); document.write("INJECTED BY SCRIPT");</script>
<style>@import url("https://cdn.example.net/more.css");
body {{ background: url(https://cdn.example.net/bg.png) }}</style>
</head><body>
<nav><a href="/">Home</a> <a href="/local">Local news menu</a></nav>
<article>
<h1>{HEADLINE}</h1>
<img src="https://images.example.org/photos/123/seawall.jpg" srcset="https://images.example.org/2x.jpg 2x">
<h2>{SUBHEAD}</h2>
<p>{PARA_1}</p>
<p>{PARA_2}</p>
<iframe src="https://video.example.net/embed/9"></iframe>
<p>{PARA_3}</p>
</article>
<footer>Footer link list and newsletter sign-up</footer>
<script>window.location = "https://evil.example.net/";</script>
</body></html>"""
