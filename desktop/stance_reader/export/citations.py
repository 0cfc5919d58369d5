"""Citation lines for the article headers of the reports (and a qdpx source's description).

``plain`` (the default) is built in: "Outlet, 'Title', date, URL". Any other style is a CSL style rendered
by citeproc-py, an optional dependency (``pip install stance-reader[citations]``, ~2.5 MB, no further
packages: its one requirement, lxml, already comes with trafilatura and python-docx): either the name of
a style citeproc-py bundles (``harvard-cite-them-right``) or the path of a ``.csl`` file. Everything runs
offline; citeproc-py is imported only when such a style is asked for.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from stance_reader.core.models import Article
from stance_reader.export.passages import Cite, citation

PLAIN = "plain"
_ISO_DAY = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


class CitationStyleError(ValueError):
    """A style that cannot be used (citeproc-py missing, unknown name, unreadable file)."""


def citer(style: str | None) -> Cite:
    """The function that cites an article in ``style`` (None or "plain": the built-in line)."""
    if not style or style == PLAIN:
        return citation
    return _csl(style)


def csl_item(article: Article, key: str = "item") -> dict[str, Any]:
    """An article as CSL-JSON: a newspaper article, its outlet the container, an ISO date as date parts
    (a printed date as a literal)."""
    item: dict[str, Any] = {"id": key, "type": "article-newspaper", "title": article.display_title}
    if article.outlet:
        item["container-title"] = article.outlet
    if article.author:
        item["author"] = [{"literal": article.author}]
    if article.url:
        item["URL"] = article.url
    if found := _ISO_DAY.match(article.date):
        item["issued"] = {"date-parts": [[int(p) for p in found.groups() if p]]}
    elif article.date:
        item["issued"] = {"literal": article.date}
    return item


def _csl(style: str) -> Cite:
    try:
        from citeproc import CitationStylesStyle
    except ImportError as exc:
        raise CitationStyleError(
            f"the citation style {style!r} needs citeproc-py (pip install citeproc-py); "
            f"without it only '{PLAIN}' is available"
        ) from exc
    try:
        parsed = CitationStylesStyle(str(Path(style).expanduser()) if style.endswith(".csl") else style)
    except Exception as exc:  # citeproc raises bare errors for unknown names and broken files alike
        raise CitationStyleError(f"cannot use the citation style {style!r}: {exc}") from exc
    cache: dict[str, str] = {}

    def cite(article: Article) -> str:
        key = article.content_hash
        if key not in cache:
            cache[key] = _format(parsed, article)
        return cache[key]

    return cite


def _format(style: Any, article: Article) -> str:
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    bibliography = CitationStylesBibliography(style, CiteProcJSON([csl_item(article)]), formatter.plain)
    bibliography.register(Citation([CitationItem("item")]))
    return str(bibliography.bibliography()[0])
