"""A speaker's dossier (export/dossier.py, export/timeline.py) in every format, from hand-made ledger
entries: a commitment, its later hedge (a stance shift), a quote and an undated mark, with hostile text."""

from __future__ import annotations

import io
import json
import struct
import zlib
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from stance_reader.core.ledger import LedgerEntry, SpeakerSummary, WeekCount
from stance_reader.export import dossier, timeline
from stance_reader.services.dossier import write
from stance_reader.services.shifts import find_shifts

PROMISE = "The city will open the Northside tram line by June"
RETREAT = "We cannot guarantee that the Northside tram line will open in June"
HOSTILE = 'Fares <script>alert("x")</script> & “quotes” stay'


def _entry(i: int, doc: int, kind: str, text: str, day: str | None, title: str) -> LedgerEntry:
    return LedgerEntry(
        i, doc, "ilse varga", "Ilse Varga", "Mayor Ilse Varga", kind, i * 10, i * 10 + 5, text, 0.8, day,
        "Tessaly Courier", title,
    )  # fmt: skip


@pytest.fixture
def varga() -> dossier.Dossier:
    entries = (  # the ledger's order: newest article first
        _entry(4, 3, "hedge", RETREAT, "2026-03-02", "Tram delays"),
        _entry(3, 3, "quote", HOSTILE, "2026-03-02", "Tram delays"),
        _entry(1, 1, "commitment", PROMISE, "2026-01-12", "Transport <promises>"),
        _entry(5, 9, "hedge", "The budget may slip", None, "Undated note"),
    )
    speaker = SpeakerSummary("ilse varga", "Ilse Varga", 2, 1, 1, 3, "2026-01-12", "2026-03-02")
    shifts = tuple(find_shifts(entries))
    mentions = (("Ilse Varga", 3), ("Mayor Ilse Varga", 1))
    return dossier.Dossier(speaker, entries, shifts, mentions, {}, "2026-12-06T00:00:00Z")


def test_the_dossier_has_the_shift(varga: dossier.Dossier) -> None:
    [shift] = varga.shifts
    assert (shift.before.snippet, shift.after.snippet, shift.reason) == (PROMISE, RETREAT, "hedge")


def test_weeks_run_in_real_time_and_leave_undated_marks_out(varga: dossier.Dossier) -> None:
    weeks = varga.weeks
    assert (weeks[0].week_start, weeks[-1].week_start, len(weeks)) == ("2026-01-12", "2026-03-02", 8)
    assert sum(w.total for w in weeks) == 3


def _png_size_and_pixels(data: bytes) -> tuple[int, int, bytes]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", data[16:24])
    idat = data.index(b"IDAT")
    length = struct.unpack(">I", data[idat - 4 : idat])[0]
    return width, height, zlib.decompress(data[idat + 4 : idat + 4 + length])


def test_png_draws_each_kind_in_its_colour() -> None:
    weeks = [WeekCount("2026-01-05", 1, 2, 1), WeekCount("2026-01-12")]
    width, height, raw = _png_size_and_pixels(timeline.png(weeks, scale=1))
    assert (width, height) == (timeline.WIDTH, timeline.HEIGHT)
    assert len(raw) == height * (1 + 3 * width)
    for _kind, colour in timeline.KIND_COLOURS:
        assert bytes.fromhex(colour[1:]) in raw
    assert timeline.png([], scale=1) != timeline.png(weeks, scale=1)


def test_svg_bars_stack_to_the_peak() -> None:
    weeks = [WeekCount("2026-01-05", 1, 2, 1), WeekCount("2026-01-12", 0, 1, 0)]
    layout = timeline.Layout()
    bars = timeline.bars(weeks, layout)
    assert len(bars) == 4 and min(b.y for b in bars) == pytest.approx(layout.top)
    assert timeline.svg(weeks).count("<rect") == 4 + 3  # the bars and the legend's three swatches


def test_html_is_one_page_with_svg_shift_and_escaped_text(varga: dossier.Dossier, tmp_path: Path) -> None:
    out = tmp_path / "varga.html"
    write(varga, "html", out)
    page = out.read_text(encoding="utf-8")
    assert page.count("<svg") == 1 and "<rect" in page
    assert 'class="shifts"' in page and PROMISE in page and RETREAT in page
    assert page.index("Stance shifts") < page.index(PROMISE) < page.index(RETREAT, page.index("Ledger"))
    assert "<script>" not in page and "&lt;script&gt;" in page and "Transport &lt;promises&gt;" in page
    assert "Cite as: “Tram delays”, Tessaly Courier, 2026-03-02." in page
    assert "Mentioned as Ilse Varga (3); Mayor Ilse Varga (1)." in page


def test_markdown_and_json_carry_the_shift(varga: dossier.Dossier, tmp_path: Path) -> None:
    write(varga, "md", tmp_path / "v.md")
    text = (tmp_path / "v.md").read_text(encoding="utf-8")
    assert "## Stance shifts (1)" in text and f"| {PROMISE} *(" in text and "## Timeline" in text
    write(varga, "json", tmp_path / "v.json")
    data = json.loads((tmp_path / "v.json").read_text(encoding="utf-8"))
    [shift] = data["shifts"]
    assert (shift["before"]["text"], shift["after"]["text"], shift["reason"]) == (PROMISE, RETREAT, "hedge")
    assert len(data["entries"]) == 4


def test_docx_opens_with_the_picture_and_the_shift_table(varga: dossier.Dossier, tmp_path: Path) -> None:
    out = tmp_path / "varga.docx"
    write(varga, "docx", out)
    document = Document(str(out))
    assert len(document.inline_shapes) == 1
    [table] = document.tables
    cells = [c.text for row in table.rows for c in row.cells]
    assert any(c.startswith(PROMISE) for c in cells) and any(c.startswith(RETREAT) for c in cells)
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "Ilse Varga" and "Tram delays" in texts and "Undated note" in texts
    assert any(t.startswith("Hedge (confidence 0.80): The budget may slip") for t in texts)
    assert out.read_bytes() == dossier.docx(varga)  # reproducible


def test_pdf_has_pages_the_picture_and_the_text(varga: dossier.Dossier, tmp_path: Path) -> None:
    out = tmp_path / "varga.pdf"
    write(varga, "pdf", out)
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 1
    assert sum(len(page.images) for page in reader.pages) == 1
    words = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Stance shifts (1)" in words and "Northside tram line by June" in words


def test_unknown_format_is_refused(varga: dossier.Dossier) -> None:
    with pytest.raises(ValueError, match="unknown dossier format"):
        dossier.render(varga, "odt")
