"""Citation lines: the built-in plain form, CSL styles through citeproc-py (optional), and the CLI's
``--citation-style``."""

from __future__ import annotations

import builtins
import zipfile
from pathlib import Path

import pytest
from export_data import GENERATED

from stance_reader.cli import main
from stance_reader.core.models import Article
from stance_reader.export import CitationStyleError, Passage, export_passages
from stance_reader.export.citations import citer, csl_item

ARTICLE = Article(
    text="Body.", title="Kyiv talks", outlet="Northgate Ledger", date="2026-02-01",
    url="https://news.example/kyiv", author="Ana Lima",
)  # fmt: skip


def test_plain_citation_names_outlet_title_date_and_url() -> None:
    assert citer("plain")(ARTICLE) == "Northgate Ledger, 'Kyiv talks', 2026-02-01, https://news.example/kyiv"
    bare = Article(text="Body.", title="Bridge", source_path="/tmp/bridge.txt")
    assert citer("plain")(bare) == "'Bridge', /tmp/bridge.txt"


def test_csl_item_keeps_printed_dates_as_literals() -> None:
    assert csl_item(ARTICLE)["issued"] == {"date-parts": [[2026, 2, 1]]}
    printed = Article(text="x", date="5 March 2026")
    assert csl_item(printed)["issued"] == {"literal": "5 March 2026"}


def _markdown(tmp_path: Path, style: str | None, passages: list[Passage]) -> str:
    """The Markdown report of ``passages`` with the article line in ``style``."""
    out = tmp_path / "report.md"
    export_passages("md", passages, out, generated_at=GENERATED, citation_style=style)
    return out.read_text(encoding="utf-8")


def test_the_style_sets_the_line_under_each_article(tmp_path: Path) -> None:
    from stance_reader.core.models import Highlight

    passages = [Passage(Highlight.from_span(ARTICLE.text, 0, 4, document_id=1), ARTICLE, 1)]
    default = _markdown(tmp_path, None, passages)
    assert "## Kyiv talks\n\n*Northgate Ledger · 2026-02-01 · https://news.example/kyiv*\n" in default
    plain = _markdown(tmp_path, "plain", passages)
    cited = "*Northgate Ledger, 'Kyiv talks', 2026-02-01, https://news.example/kyiv*"
    assert f"## Kyiv talks\n\n{cited}\n" in plain


def test_harvard_through_citeproc(tmp_path: Path) -> None:
    pytest.importorskip("citeproc")
    cited = citer("harvard-cite-them-right")(ARTICLE)
    expected = "Ana Lima (2026) “Kyiv talks”, Northgate Ledger, 1 February. Available at: https://news.example/kyiv."
    assert cited == expected


def test_qdpx_source_description_follows_the_style(tmp_path: Path) -> None:
    pytest.importorskip("citeproc")
    from stance_reader.core.models import Highlight

    passage = Passage(Highlight.from_span(ARTICLE.text, 0, 4, document_id=1), ARTICLE, 1)
    out = tmp_path / "p.qdpx"
    export_passages("qdpx", [passage], out, generated_at=GENERATED, citation_style="harvard-cite-them-right")
    project = zipfile.ZipFile(out).read("project.qde").decode("utf-8")
    assert "<Description>Ana Lima (2026) “Kyiv talks”, Northgate Ledger, 1 February." in project


def test_without_citeproc_a_csl_style_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_citeproc(name: str, *args, **kwargs):  # type: ignore[no-untyped-def]
        if name.startswith("citeproc"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_citeproc)
    with pytest.raises(CitationStyleError, match="pip install citeproc-py"):
        citer("harvard-cite-them-right")


def test_cli_refuses_an_unknown_style_before_writing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("citeproc")
    from stance_reader.store import Store

    db = str(tmp_path / "lib.sqlite3")
    Store(db, auto_backup=False).close()
    out = tmp_path / "r.md"
    args = ["export", "--format", "md", "--db", db, "--citation-style", "no-such-style", "--out", str(out)]
    assert main(args) == 1
    assert "cannot use the citation style 'no-such-style'" in capsys.readouterr().err
    assert not out.exists()


def _report_text(path: Path, fmt: str) -> str:
    if fmt == "docx":
        return zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    if fmt == "pdf":
        from pypdf import PdfReader

        return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
def test_every_report_format_uses_the_style(tmp_path: Path, fmt: str) -> None:
    from stance_reader.core.models import Highlight

    article = Article(text="Body text.", title="Bridge", outlet="Harbour Post", date="2026-02-02")
    passages = [Passage(Highlight.from_span(article.text, 0, 4, document_id=1), article, 1)]
    out = tmp_path / f"report.{fmt}"
    export_passages(fmt, passages, out, generated_at=GENERATED, citation_style="plain")
    assert "Harbour Post, 'Bridge', 2026-02-02" in _report_text(out, fmt).replace("&#x27;", "'")
