"""services.reading: one way in for opening an article (read → store → analyse through the cache), used
alike by the window's lane job and `stance-reader analyze ARTICLE --db`; services.importing for folders.

A counting stand-in pipeline (no spaCy) proves what the cache saves: the second opening analyses nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stance_reader import cli
from stance_reader.core.models import Analysis, Mark, MarkKind
from stance_reader.services import analysis as analysis_service
from stance_reader.services import reading
from stance_reader.services.importing import import_folder
from stance_reader.services.library import open_store

TEXT = "The engineer said the bridge could reopen in May.\n\nThe mayor will publish every contract.\n"


class CountingAnalyzer:
    """The pipeline's interface (name, version, analyze) counting how often it analyses."""

    name = "counting"
    version = "counting-1"

    def __init__(self) -> None:
        self.calls = 0

    def analyze(self, text: str) -> Analysis:
        self.calls += 1
        s = text.index("could reopen")
        c = text.index("will publish")
        return Analysis(
            marks=(
                Mark(MarkKind.HEDGE, s, s + 12, ((s, s + 5),), "hedge.test", None, "uncertain"),
                Mark(MarkKind.COMMITMENT, c, c + 12, ((c, c + 12),), "commit.test", None, "promise"),
            ),
            pipeline=self.version,
        )


class ChunkedJob:
    """Three chunks; the partial analysis is empty (enough for progress, partials and cancelling)."""

    total = 3

    def __init__(self) -> None:
        self.done = 0
        self.closed = False

    def step(self) -> bool:
        if self.done >= self.total:
            return False
        self.done += 1
        return True

    def partial(self) -> Analysis:
        return Analysis(pipeline="chunked-1")

    def close(self) -> None:
        self.closed = True


class ChunkedAnalyzer:
    name, version = "chunked", "chunked-1"

    def __init__(self) -> None:
        self.jobs: list[ChunkedJob] = []

    def chunked(self, text: str) -> ChunkedJob:
        self.jobs.append(ChunkedJob())
        return self.jobs[-1]


@pytest.fixture
def counting(monkeypatch: pytest.MonkeyPatch) -> CountingAnalyzer:
    fake = CountingAnalyzer()
    monkeypatch.setattr(analysis_service, "_ANALYZER", fake)
    return fake


@pytest.fixture
def article_path(tmp_path: Path) -> Path:
    path = tmp_path / "bridge.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_cli_analyze_with_db_serves_the_second_run_from_the_cache(
    counting: CountingAnalyzer, article_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "library.sqlite3"
    argv = ["analyze", str(article_path), "--db", str(db), "--format", "json"]
    assert cli.main(argv) == 0
    first = capsys.readouterr()
    assert counting.calls == 1 and "from cache" not in first.err
    assert cli.main(argv) == 0
    second = capsys.readouterr()
    assert counting.calls == 1  # the second run analysed nothing
    assert "analysis from cache (counting-1)" in second.err
    assert json.loads(second.out) == json.loads(first.out)
    assert [m["kind"] for m in json.loads(first.out)["marks"]] == ["hedge", "commitment"]
    # The window's way in finds the same cached analysis: the CLI stored the article in the library.
    store = open_store(str(db))
    try:
        again = reading.open_article(article_path, store)
    finally:
        store.close()
    assert again.from_cache and counting.calls == 1 and again.document is not None


def test_cli_analyze_with_db_prints_what_analyze_without_db_prints(
    counting: CountingAnalyzer, article_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["analyze", str(article_path)]) == 0
    plain = capsys.readouterr().out
    assert cli.main(["analyze", str(article_path), "--db", str(tmp_path / "lib.sqlite3")]) == 0
    assert capsys.readouterr().out == plain


def test_open_article_reads_stores_and_reuses_the_cached_analysis(
    counting: CountingAnalyzer, article_path: Path, tmp_path: Path
) -> None:
    store = open_store(str(tmp_path / "library.sqlite3"))
    seen: list[object] = []
    try:
        first = reading.open_article(article_path, store, on_read=seen.append, on_stored=seen.append)
        second = reading.open_article(article_path, store)
    finally:
        store.close()
    assert seen == [first.article, first.document]
    assert first.document is not None and first.report is not None and first.report.created
    assert not first.from_cache and first.pipeline == "counting-1"
    assert second.from_cache and second.report is not None and not second.report.created
    assert second.document == first.document and second.analysis == first.analysis
    assert counting.calls == 1
    assert first.content_hash == first.article.content_hash


def test_open_article_without_a_store_analyses_and_stores_nothing(
    counting: CountingAnalyzer, article_path: Path
) -> None:
    result = reading.open_article(article_path)
    assert result.document is None and result.report is None and not result.from_cache
    assert len(result.analysis.marks) == 2


def test_overlay_corrects_the_final_analysis_but_the_cache_keeps_the_model_s(
    counting: CountingAnalyzer, article_path: Path, tmp_path: Path
) -> None:
    store = open_store(str(tmp_path / "library.sqlite3"))

    def drop_hedges(_store, _doc, _article, analysis: Analysis) -> Analysis:  # type: ignore[no-untyped-def]
        return Analysis(marks=tuple(m for m in analysis.marks if m.kind is not MarkKind.HEDGE), pipeline="x")

    try:
        corrected = reading.open_article(article_path, store, overlay=drop_hedges)
        plain = reading.open_article(article_path, store)
    finally:
        store.close()
    assert [m.kind for m in corrected.analysis.marks] == [MarkKind.COMMITMENT]
    assert len(plain.analysis.marks) == 2 and plain.from_cache


def test_chunked_analysis_reports_progress_and_partials_and_stops_when_checked(
    monkeypatch: pytest.MonkeyPatch, article_path: Path, tmp_path: Path
) -> None:
    pipeline = ChunkedAnalyzer()
    progress: list[float] = []
    partials: list[Analysis] = []
    hooks = reading.Hooks(progress=lambda f, _m: progress.append(f), partial=partials.append)
    result = reading.open_article(article_path, analyzer=lambda: pipeline, hooks=hooks)
    assert result.pipeline == "chunked-1"
    assert progress[0] == reading.BUSY and progress[-1] == 1.0
    assert len(partials) == 2  # after chunk 1 and chunk 2 (the analysed part doubled); none at the end
    assert pipeline.jobs[-1].closed

    class Stop(Exception):
        pass

    stopping = ChunkedAnalyzer()

    def check() -> None:
        if stopping.jobs and stopping.jobs[-1].done >= 2:
            raise Stop

    store = open_store(str(tmp_path / "library.sqlite3"))
    try:
        with pytest.raises(Stop):
            reading.open_article(
                article_path, store, analyzer=lambda: stopping, hooks=reading.Hooks(check=check)
            )
        assert len(stopping.jobs) == 1 and stopping.jobs[0].done == 2 and stopping.jobs[0].closed
        document = store.find_document(result.content_hash)
        assert document is not None  # stored before the analysis began
        assert (
            store.cached_analysis(document.content_hash, stopping.version) is None
        )  # nothing partial cached
    finally:
        store.close()


def test_import_folder_lists_bad_files_and_stops_when_cancelled(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("First article text.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Second article text.\n", encoding="utf-8")
    (folder / "c.docx").write_bytes(b"not a docx")
    store = open_store(str(tmp_path / "library.sqlite3"))
    messages: list[str] = []
    try:
        done = import_folder(store, folder, progress=lambda _f, m: messages.append(m))
        stopped = import_folder(store, folder, cancelled=lambda: True)
    finally:
        store.close()
    assert done.imported == 2 and [name for name, _ in done.failed] == ["c.docx"] and not done.cancelled
    assert messages[-1] == "Imported 2 of 3 files"
    assert stopped.cancelled and stopped.imported == 0
