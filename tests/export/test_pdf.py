"""PDF read back with pypdf: passages, attribution, notes and non-ASCII come out as text; dates follow
generated-at; bytes repeat (in process, and across processes as the CLI runs it); hedges keep their
wavy underline through Qt's HTML subset."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
import unicodedata
from pathlib import Path

from export_data import GENERATED, HOSTILE_NOTE
from pypdf import PdfReader

from stance_reader.core.models import Analysis
from stance_reader.core.offsets import Utf16Map
from stance_reader.export import Passage, export_passages, to_html
from stance_reader.export.to_pdf import build_document

ROOT = Path(__file__).resolve().parents[2]


def squash(text: str) -> str:
    """pypdf puts tabs/newlines between Qt's glyph runs and keeps ligatures; compare words only."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def pdf_text(path: Path) -> str:
    return squash(" ".join(page.extract_text() for page in PdfReader(path).pages))


def test_pdf_holds_passages_attribution_notes_and_non_ascii(
    passages: list[Passage], analysis1: Analysis, tmp_path: Path
) -> None:
    export_passages("pdf", passages, tmp_path / "x.pdf", generated_at=GENERATED, include_marks={1: analysis1})
    text = pdf_text(tmp_path / "x.pdf")
    for needle in (
        "we will pay €12 billion by March",
        "Олена Коваль · Firm commitment",
        "Jörg Weiß",
        "Jörg Weiß warned it “",
        "could be difficult",
        "€-zone",
        squash(HOSTILE_NOTE),
        "Note: -2+3 looks like a formula",
        "Tags: #budget, #€-zone",
        "Kyiv talks <resume>",
        f"Generated: {GENERATED}",
        "Legend",
    ):
        assert squash(needle) in text, needle


def test_pdf_metadata_dates_follow_generated_at(passages: list[Passage], tmp_path: Path) -> None:
    export_passages("pdf", passages, tmp_path / "x.pdf", generated_at=GENERATED)
    meta = PdfReader(tmp_path / "x.pdf").metadata
    assert meta["/CreationDate"] == "D:20260304050607Z"
    assert meta["/ModDate"] == "D:20260304050607Z"
    assert meta["/Title"] == "Highlights"
    assert b'xmp:CreateDate="2026-03-04T05:06:07+00:00"' in (tmp_path / "x.pdf").read_bytes()


def test_pdf_bytes_repeat_in_process(passages: list[Passage], tmp_path: Path) -> None:
    export_passages("pdf", passages, tmp_path / "a.pdf", generated_at=GENERATED)
    export_passages("pdf", list(reversed(passages)), tmp_path / "b.pdf", generated_at=GENERATED)
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_pdf_bytes_repeat_across_processes(tmp_path: Path) -> None:
    """Each run is a fresh process (a new Qt hash seed unless the exporter pins it), like the CLI."""
    script = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from stance_reader.core.models import Article, Highlight
        from stance_reader.export import Passage, export_passages
        text = "Олена Коваль said “we will pay €12 billion”; it may perhaps slip."
        art = Article(text=text, title="Т", outlet="O")
        hl = Highlight.from_span(text, 23, 45, document_id=1, note="n", id=1)
        export_passages("pdf", [Passage(hl, art, 1)], Path(sys.argv[1]), generated_at="{GENERATED}")
        """
    )
    env = {k: v for k, v in os.environ.items() if k != "QT_HASH_SEED"}
    outs = []
    for name in ("one.pdf", "two.pdf"):
        subprocess.run(
            [sys.executable, "-c", script, str(tmp_path / name)], check=True, env=env, cwd=ROOT, timeout=120
        )
        outs.append((tmp_path / name).read_bytes())
    assert outs[0] == outs[1]


def test_hedges_get_a_wavy_underline_and_commitments_a_solid_one(
    passages: list[Passage], analysis1: Analysis
) -> None:
    from PySide6.QtGui import QTextCharFormat, QTextCursor

    html = to_html.render(passages, analyses={1: analysis1}, generated_at=GENERATED)
    doc = build_document(html)
    plain = doc.toPlainText()

    def fmt_at(needle: str) -> QTextCharFormat:
        start = plain.index(needle, plain.index("Finance Minister"))  # the article, not the legend
        cursor = QTextCursor(doc)
        cursor.setPosition(Utf16Map(plain).to_utf16(start + 1))  # the emoji before it counts twice in Qt
        return cursor.charFormat()

    assert fmt_at("perhaps").underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
    assert fmt_at("perhaps").fontItalic()  # the hedge cue
    assert fmt_at("pay €12").underlineStyle() == QTextCharFormat.UnderlineStyle.SingleUnderline
    assert fmt_at("will pay").fontWeight() >= 600  # the commitment cue is bold


def test_pdf_export_runs_on_a_worker_thread_like_the_window_lane(
    qapp: object, passages: list[Passage], tmp_path: Path
) -> None:
    from PySide6.QtCore import QRunnable, QThreadPool

    outcome: dict[str, object] = {}

    class Job(QRunnable):
        def run(self) -> None:
            try:
                outcome["count"] = export_passages(
                    "pdf", passages, tmp_path / "lane.pdf", generated_at=GENERATED
                )
            except Exception as exc:  # reported to the test thread below
                outcome["error"] = exc

    pool = QThreadPool()
    pool.setMaxThreadCount(1)
    pool.start(Job())
    assert pool.waitForDone(60_000)
    assert outcome == {"count": 4}
    assert "we will pay €12 billion by March" in pdf_text(tmp_path / "lane.pdf")
