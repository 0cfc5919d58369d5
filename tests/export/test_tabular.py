"""CSV and XLSX read back: one row per passage, the agreed columns, formula-injection safety, UTF-8 with
BOM for Excel, non-ASCII, and illegal control characters."""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

import pytest
from export_data import HOSTILE_NOTE
from openpyxl import load_workbook

from stance_reader.export import Passage, export_passages
from stance_reader.export.tabular import COLUMNS


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def read_xlsx(path: Path) -> tuple[list[str], list[list[object]], object]:
    sheet = load_workbook(path).active
    rows = list(sheet.iter_rows())
    return [c.value for c in rows[0]], rows[1:], sheet


def test_csv_starts_with_a_bom_and_uses_crlf(passages: list[Passage], tmp_path: Path) -> None:
    export_passages("csv", passages, tmp_path / "x.csv")
    data = (tmp_path / "x.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.split(b"\r\n")[0] == b"\xef\xbb\xbf" + ",".join(COLUMNS).encode()


def test_csv_one_row_per_passage_with_attribution_and_offsets(
    passages: list[Passage], tmp_path: Path
) -> None:
    export_passages("csv", passages, tmp_path / "x.csv")
    rows = read_csv(tmp_path / "x.csv")
    assert len(rows) == 4
    first = rows[0]
    assert first["document"] == "Kyiv talks <resume>"
    assert first["outlet"] == "Northgate Ledger" and first["date"] == "2026-02-01"
    assert first["kind"] == "commitment" and first["speaker"] == "Олена Коваль"
    assert first["text"] == "we will pay €12 billion by March"
    assert first["tags"] == "budget; €-zone"
    start, end = int(first["start"]), int(first["end"])
    assert passages[0].article.text[start:end] == first["text"]
    assert rows[3]["document"] == "Bridge" and rows[3]["source"] == "/tmp/bridge.txt"
    assert rows[3]["note"] == "Check the date."


@pytest.mark.parametrize(
    "dangerous", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tTAB", "\rCR", HOSTILE_NOTE[30:]]
)
def test_csv_cells_that_look_like_formulas_get_a_leading_apostrophe(
    passages: list[Passage], tmp_path: Path, dangerous: str
) -> None:
    hl = replace(passages[0].highlight, note=dangerous, speaker=dangerous, tags=(dangerous,))
    export_passages("csv", [replace(passages[0], highlight=hl)], tmp_path / "x.csv")
    row = read_csv(tmp_path / "x.csv")[0]
    for column in ("note", "speaker", "tags"):
        assert row[column] == "'" + dangerous


def test_csv_hyperlink_note_is_defused(passages: list[Passage], tmp_path: Path) -> None:
    export_passages("csv", passages, tmp_path / "x.csv")
    rows = read_csv(tmp_path / "x.csv")
    assert rows[0]["note"] == HOSTILE_NOTE  # starts with "<": not a formula trigger, kept as is
    assert rows[2]["note"] == "'-2+3 looks like a formula\nsecond line"
    assert rows[2]["tags"] == "'@risk"
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row.values())


def test_xlsx_has_the_same_columns_and_rows(passages: list[Passage], tmp_path: Path) -> None:
    export_passages("xlsx", passages, tmp_path / "x.xlsx")
    header, rows, _sheet = read_xlsx(tmp_path / "x.xlsx")
    assert tuple(header) == COLUMNS
    assert len(rows) == 4
    values = {COLUMNS[i]: c.value for i, c in enumerate(rows[0])}
    assert values["text"] == "we will pay €12 billion by March"
    assert values["speaker"] == "Олена Коваль"
    assert values["note"] == HOSTILE_NOTE
    assert values["start"] == passages[0].highlight.start and isinstance(values["start"], int)


def test_xlsx_never_stores_a_formula(passages: list[Passage], tmp_path: Path) -> None:
    hl = replace(
        passages[0].highlight, note='=HYPERLINK("http://evil.example","x")', speaker="+1", tags=("@a",)
    )
    export_passages("xlsx", [replace(passages[0], highlight=hl), *passages[1:]], tmp_path / "x.xlsx")
    _header, rows, _sheet = read_xlsx(tmp_path / "x.xlsx")
    cells = [c for row in rows for c in row]
    assert all(c.data_type in {"s", "n"} for c in cells if c.value is not None)
    note = rows[0][COLUMNS.index("note")]
    assert note.value == '=HYPERLINK("http://evil.example","x")'  # exact text, typed as a string…
    assert note.data_type == "s" and note.quotePrefix  # …and quote-prefixed, as Excel stores 'text
    assert rows[0][COLUMNS.index("speaker")].quotePrefix
    assert not rows[0][COLUMNS.index("text")].quotePrefix
    # The raw sheet XML holds no <f> (formula) element at all.
    import zipfile

    with zipfile.ZipFile(tmp_path / "x.xlsx") as z:
        assert b"<f>" not in z.read("xl/worksheets/sheet1.xml")


def test_control_characters_are_dropped_not_fatal(passages: list[Passage], tmp_path: Path) -> None:
    hl = replace(passages[0].highlight, note="bell\x07 and null\x00 gone")
    for fmt in ("xlsx", "csv"):
        export_passages(fmt, [replace(passages[0], highlight=hl)], tmp_path / f"x.{fmt}")
    _h, rows, _s = read_xlsx(tmp_path / "x.xlsx")
    assert rows[0][COLUMNS.index("note")].value == "bell and null gone"
    assert read_csv(tmp_path / "x.csv")[0]["note"] == "bell and null gone"
