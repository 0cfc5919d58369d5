"""Same data → same bytes in every format; a different generated-at changes exactly one line of the text
formats, nothing in CSV, and only the document dates of the zip formats."""

from __future__ import annotations

import difflib
import zipfile
from pathlib import Path

import pytest
from export_data import GENERATED

from stance_reader.core.models import Analysis
from stance_reader.export import FORMATS, Passage, export_passages

LATER = "2027-12-31T23:59:58Z"


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_same_data_gives_same_bytes_whatever_the_input_order(
    fmt: str, with_automatic: list[Passage], analysis1: Analysis, tmp_path: Path
) -> None:
    a, b = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
    export_passages(fmt, with_automatic, a, generated_at=GENERATED, include_marks={1: analysis1})
    export_passages(
        fmt, list(reversed(with_automatic)), b, generated_at=GENERATED, include_marks={1: analysis1}
    )
    assert a.read_bytes() == b.read_bytes()


@pytest.mark.parametrize("fmt", ["md", "json", "html"])
def test_text_formats_differ_in_the_generated_line_only(
    fmt: str, passages: list[Passage], tmp_path: Path
) -> None:
    export_passages(fmt, passages, tmp_path / "a", generated_at=GENERATED)
    export_passages(fmt, passages, tmp_path / "b", generated_at=LATER)
    old = (tmp_path / "a").read_text(encoding="utf-8").splitlines()
    new = (tmp_path / "b").read_text(encoding="utf-8").splitlines()
    changed = [
        line
        for line in difflib.unified_diff(old, new, lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert len(changed) == 2
    assert GENERATED in changed[0] and LATER in changed[1]


def test_csv_has_no_generated_value_at_all(passages: list[Passage], tmp_path: Path) -> None:
    export_passages("csv", passages, tmp_path / "a", generated_at=GENERATED)
    export_passages("csv", passages, tmp_path / "b", generated_at=LATER)
    assert (tmp_path / "a").read_bytes() == (tmp_path / "b").read_bytes()


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_zip_formats_differ_only_in_core_properties(
    fmt: str, passages: list[Passage], tmp_path: Path
) -> None:
    export_passages(fmt, passages, tmp_path / "a", generated_at=GENERATED)
    export_passages(fmt, passages, tmp_path / "b", generated_at=LATER)
    with zipfile.ZipFile(tmp_path / "a") as za, zipfile.ZipFile(tmp_path / "b") as zb:
        assert za.namelist() == zb.namelist()
        differing = [n for n in za.namelist() if za.read(n) != zb.read(n)]
        assert {i.date_time for i in za.infolist() + zb.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert differing in (["docProps/core.xml"], ["docProps/core.xml", "word/document.xml"])
    if fmt == "xlsx":
        assert differing == ["docProps/core.xml"]
