"""Seven speakers through every export that shows speakers: the HTML and PDF draw each in its own tint
and line pattern with a legend row naming hue, pattern and initials; the Word document shades and
underlines the names the same way under a speaker key; the Markdown has a speaker key line (issue 17).
The article is our own, with fictional people."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_UNDERLINE
from docx.oxml.ns import qn
from export_data import GENERATED
from test_html import Page
from test_pdf import pdf_text, squash

from stance_reader.core.models import Analysis, Article, Highlight, HighlightKind, Quote
from stance_reader.core.speaker_style import speaker_styles
from stance_reader.export import Passage, export_passages, to_html
from stance_reader.export.passages import speaker_key

SEVEN = (
    ("We cannot leave the island cut off after dark", "Anna Berg"),
    ("The budget simply does not stretch that far", "Tomas Lind"),
    ("Fishermen need the late crossing more than anyone", "Mirela Kovač"),
    ("I will ask the county to share the cost", "Jonas Ekholm"),
    ("Nobody asked the crews what they think", "Sigrid Aune"),
    ("The timetable may change again in spring", "Pia Halvorsen"),
    ("We will publish the ridership figures every month", "Leila Haddad"),
)
TEXT = "Harbour council splits over the night ferry\n\n" + "\n\n".join(
    f"\u201c{said},\u201d said {who}." for said, who in SEVEN
)


def span(needle: str, after: int = 0) -> tuple[int, int]:
    start = TEXT.index(needle, after)
    return start, start + len(needle)


@pytest.fixture
def seven() -> tuple[list[Passage], dict[int, Analysis]]:
    article = Article(text=TEXT, title="Night ferry", outlet="Harbour Post", date="2026-02-03")
    quotes = []
    for said, who in SEVEN:
        content = span(said)
        quotes.append(Quote((content,), (span("said", content[1]),), (span(who),), who))
    passages = [
        Passage(
            Highlight.from_span(
                TEXT, *span(said), document_id=1, kind=HighlightKind.SPEAKER, speaker=who, id=i
            ),
            article,
            1,
        )
        for i, (said, who) in enumerate(SEVEN, start=1)
    ]
    return passages, {1: Analysis(quotes=tuple(quotes), pipeline="test-pipeline")}


def css_rules(style: str) -> dict[str, str]:
    return {m[1]: m[2] for m in re.finditer(r"\.(sp\d+) \{([^}]*)\}", style)}


def test_html_gives_seven_speakers_seven_looks_and_legend_rows(seven, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    passages, analyses = seven
    export_passages("html", passages, tmp_path / "x.html", generated_at=GENERATED, include_marks=analyses)
    page = Page()
    page.feed((tmp_path / "x.html").read_text(encoding="utf-8"))
    rules = css_rules(page.style)
    assert sorted(rules) == [f"sp{i}" for i in range(7)]

    def look(rule: str) -> tuple[str, str]:
        tint = re.search(r"background-color: (#\w{6})", rule)
        gradient = re.search(r"background-image: ([^;]*);", rule)
        return (tint[1] if tint else ""), (gradient[1] if gradient else "")

    for (a, ra), (b, rb) in itertools.combinations(rules.items(), 2):
        assert look(ra) != look(rb), (a, b)
    assert look(rules["sp0"])[0] == look(rules["sp6"])[0] and look(rules["sp6"])[1]  # same hue, a line
    text = "".join(page.text)
    assert "Speaker: Anna Berg (AB): bluish green tint, no underline" in text
    assert "Speaker: Leila Haddad (LH): bluish green tint, dashed underline" in text
    assert text.count("Speaker: ") == 7
    assert "We will publish the ridership figures" in "".join(page.by_class["sp6"])


def test_qt_sees_a_distinct_underline_per_pattern(seven) -> None:  # type: ignore[no-untyped-def]
    passages, analyses = seven
    styles = speaker_key(passages, analyses)
    colours = to_html.qt_underlines(styles)
    assert list(colours.values()) == [styles["Leila Haddad"].pattern]
    keys = [to_html.qt_underline(s) for s in speaker_styles([f"S{i}" for i in range(48)]).values()]
    assert len(set(keys)) == 48
    assert not {k.lower() for k in keys} & {to_html.HEDGE_LINE.lower(), to_html.COMMIT_LINE.lower()}


def test_pdf_draws_the_pattern_and_names_it_in_the_legend(seven, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QTextCharFormat, QTextCursor

    from stance_reader.export.to_pdf import build_document

    passages, analyses = seven
    html = to_html.render(passages, analyses=analyses, generated_at=GENERATED)
    doc = build_document(html, to_html.qt_underlines(speaker_key(passages, analyses)))
    plain = doc.toPlainText()

    def underline_at(needle: str) -> QTextCharFormat.UnderlineStyle:
        cursor = QTextCursor(doc)
        cursor.setPosition(plain.index(needle, plain.index("Harbour council")) + 2)
        return cursor.charFormat().underlineStyle()

    assert underline_at("We will publish the ridership") == QTextCharFormat.UnderlineStyle.DashUnderline
    assert underline_at("We cannot leave") == QTextCharFormat.UnderlineStyle.NoUnderline
    export_passages("pdf", passages, tmp_path / "x.pdf", generated_at=GENERATED, include_marks=analyses)
    assert squash("Speaker: Leila Haddad (LH): bluish green tint, dashed underline") in pdf_text(
        tmp_path / "x.pdf"
    )


def test_word_document_has_a_speaker_key_and_styled_names(seven, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    passages, analyses = seven
    export_passages("docx", passages, tmp_path / "x.docx", generated_at=GENERATED, include_marks=analyses)
    paragraphs = Document(str(tmp_path / "x.docx")).paragraphs
    key = [p for p in paragraphs if p.runs and p.runs[0].bold and p.text.startswith(" ")]
    assert len(key) == 7
    assert key[0].text == " AB  Anna Berg: bluish green tint, no underline"
    assert key[6].text == " LH  Leila Haddad: bluish green tint, dashed underline"
    fills = [p.runs[0]._r.rPr.find(qn("w:shd")).get(qn("w:fill")) for p in key]
    lines = [p.runs[0].font.underline for p in key]
    assert len(set(zip(fills, lines, strict=True))) == 7
    assert fills[0] == fills[6] and lines[6] == WD_UNDERLINE.DASH and lines[0] is None
    attribution = next(p for p in paragraphs if p.text.startswith("— Leila Haddad"))
    assert attribution.runs[1].font.underline == WD_UNDERLINE.DASH


def test_markdown_has_a_speaker_key_line(seven, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    passages, analyses = seven
    export_passages("md", passages, tmp_path / "x.md", generated_at=GENERATED, include_marks=analyses)
    key = [line for line in (tmp_path / "x.md").read_text(encoding="utf-8").splitlines() if "key" in line]
    assert len(key) == 1 and key[0].count(";") == 6
    assert "**LH** Leila Haddad, bluish green tint, dashed underline." in key[0]
