"""`stance-reader export` end to end over a real temporary store: formats, scopes, filters, errors."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from export_data import TEXT_1, TEXT_2, span

from stance_reader.cli import main
from stance_reader.core.models import Analysis, Article, Highlight, HighlightKind, Mark, MarkKind

store_module = pytest.importorskip("stance_reader.store")
Store = store_module.Store


@pytest.fixture
def db(tmp_path: Path) -> str:
    """A library with two articles and three saved highlights; article 1 has a cached analysis."""
    path = str(tmp_path / "library.sqlite3")
    store = Store(path, auto_backup=False)
    try:
        d1 = store.add_document(
            Article(text=TEXT_1, title="Kyiv talks", outlet="Northgate Ledger", date="2026-02-01")
        )
        d2 = store.add_document(
            Article(text=TEXT_2, title="Bridge", outlet="Harbour Post", date="2026-02-02")
        )
        store.add_highlight(
            Highlight.from_span(
                TEXT_1,
                *span(TEXT_1, "we will pay €12 billion by March"),
                document_id=d1.id,
                kind=HighlightKind.COMMITMENT,
                speaker="Олена Коваль",
                note='=HYPERLINK("x")',
                tags=("budget",),
            )
        )
        store.add_highlight(
            Highlight.from_span(
                TEXT_1, *span(TEXT_1, "may perhaps slip"), document_id=d1.id, kind=HighlightKind.HEDGE
            )
        )
        store.add_highlight(
            Highlight.from_span(
                TEXT_2,
                *span(TEXT_2, "will reopen in May"),
                document_id=d2.id,
                kind=HighlightKind.COMMITMENT,
                speaker="The mayor",
            )
        )
        could = span(TEXT_1, "could be difficult")
        store.save_analysis(
            d1.content_hash,
            "test-pipeline",
            Analysis(
                marks=(Mark(MarkKind.HEDGE, *could, cue=(span(TEXT_1, "could"),), rule="hedge.could"),),
                pipeline="test-pipeline",
            ),
        )
    finally:
        store.close()
    return path


def run(*args: str) -> int:
    return main(["export", *args])


def test_cli_exports_markdown_of_the_whole_library(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.md"
    assert run("--format", "md", "--db", db, "--out", str(out)) == 0
    text = out.read_text(encoding="utf-8")
    assert "## Kyiv talks" in text and "## Bridge" in text
    assert "> we will pay €12 billion by March" in text and "— **Олена Коваль** · Firm commitment" in text
    assert "exported 3 passages" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["md", "csv", "xlsx", "json", "html", "pdf", "docx"])
def test_cli_writes_every_format(db: str, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"report.{fmt}"
    assert run("--format", fmt, "--db", db, "--out", str(out)) == 0
    assert out.stat().st_size > 0


def test_cli_filters_by_document_kind_and_tag(db: str, tmp_path: Path) -> None:
    out = tmp_path / "x.csv"

    def texts(*args: str) -> list[str]:
        assert run("--format", "csv", "--db", db, "--out", str(out), *args) == 0
        with out.open(encoding="utf-8-sig", newline="") as fh:
            return [row["text"] for row in csv.DictReader(fh)]

    assert texts("--doc", "2") == ["will reopen in May"]
    assert texts("--kind", "hedge") == ["may perhaps slip"]
    assert texts("--tag", "budget") == ["we will pay €12 billion by March"]
    assert texts("--speaker", "The mayor") == ["will reopen in May"]


def test_cli_csv_defuses_the_formula_note(db: str, tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    assert run("--format", "csv", "--db", db, "--out", str(out), "--tag", "budget") == 0
    with out.open(encoding="utf-8-sig", newline="") as fh:
        assert next(csv.DictReader(fh))["note"] == '\'=HYPERLINK("x")'


def test_cli_unknown_document_is_a_clean_error(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("--format", "md", "--db", db, "--doc", "999", "--out", str(tmp_path / "x.md")) == 1
    assert "999" in capsys.readouterr().err
    assert not (tmp_path / "x.md").exists()


def test_cli_missing_database_is_an_error_not_a_new_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.sqlite3"
    assert run("--format", "md", "--db", str(missing), "--out", str(tmp_path / "x.md")) == 1
    assert "no library database" in capsys.readouterr().err
    assert not missing.exists()


def test_selected_ids_through_the_real_store(db: str, tmp_path: Path) -> None:
    from stance_reader.services import exporting

    store = Store(db, auto_backup=False)
    try:
        ids = [h.id for h, _d in store.search_highlights("", kinds=("commitment",))]
        n = exporting.export_highlights(store, "json", out=tmp_path / "x.json", highlight_ids=ids)
    finally:
        store.close()
    data = json.loads((tmp_path / "x.json").read_text(encoding="utf-8"))
    assert n == 2 and {a["stance"]["speaker"] for a in data["annotations"]} == {"Олена Коваль", "The mayor"}


def test_cli_includes_automatic_marks_from_the_cached_analysis(db: str, tmp_path: Path) -> None:
    out = tmp_path / "x.json"
    assert run("--format", "json", "--db", db, "--doc", "1", "--automatic", "--out", str(out)) == 0
    anns = json.loads(out.read_text(encoding="utf-8"))["annotations"]
    auto = [a for a in anns if a["stance"]["origin"] == "automatic"]
    assert [a["target"]["selector"][1]["exact"] for a in auto] == ["could be difficult"]


@pytest.mark.parametrize("scope", ["article", "selected", "filter"])
def test_the_windows_export_request_runs_against_this_api(
    db: str, tmp_path: Path, qapp: object, scope: str
) -> None:
    """File → Export… hands an ExportRequest to ui.highlights.run_export; its keywords must match."""
    from stance_reader.ui.export_dialog import ExportRequest, ExportScope
    from stance_reader.ui.highlights import run_export
    from stance_reader.ui.library_filter import HighlightFilter

    store = Store(db, auto_backup=False)
    try:
        hedge_id = store.search_highlights("", kinds=("hedge",))[0][0].id
        request = ExportRequest(
            fmt="md",
            out=tmp_path / "w.md",
            scope=ExportScope(scope),
            include_automatic=False,
            document_id=1 if scope == "article" else None,
            highlight_ids=(hedge_id,) if scope == "selected" else (),
            filter=HighlightFilter(kinds=("commitment",)) if scope == "filter" else HighlightFilter(),
        )
        count = run_export(store, request)
    finally:
        store.close()
    assert count == {"article": 2, "selected": 1, "filter": 2}[scope]
    assert (tmp_path / "w.md").read_text(encoding="utf-8").count("\n> — ") == count


def test_cli_says_which_articles_had_no_analysis_for_automatic_marks(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.csv"
    assert run("--format", "csv", "--db", db, "--automatic", "--out", str(out)) == 0
    err = capsys.readouterr().err
    assert "1 article has no cached analysis" in err and "exported 4 passages" in err
    with out.open(encoding="utf-8-sig", newline="") as fh:
        assert [r["origin"] for r in csv.DictReader(fh)].count("automatic") == 1


def test_installed_command_exports_markdown(db: str, tmp_path: Path) -> None:
    """The real console script, in its own process: `stance-reader export --format md --db … --out …`."""
    import subprocess
    import sys

    script = Path(sys.executable).with_name("stance-reader")
    if not script.exists():
        pytest.skip(f"console script not installed next to {sys.executable}")
    out = tmp_path / "cli.md"
    done = subprocess.run(
        [str(script), "export", "--format", "md", "--db", db, "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "exported 3 passages" in done.stderr
    assert "> we will pay €12 billion by March" in out.read_text(encoding="utf-8")
