"""Markdown export read back: structure, attribution, notes, citation, escaping (rendered with
markdown-it), non-ASCII, and the clipboard variant."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from export_data import GENERATED, HOSTILE_NOTE
from markdown_it import MarkdownIt

from stance_reader.export import Passage, export_passages, passages_to_markdown


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def rendered(markdown: str) -> _Tags:
    parser = _Tags()
    parser.feed(MarkdownIt("commonmark").render(markdown))
    return parser


def export_md(passages: list[Passage], tmp_path: Path, **kw: object) -> str:
    out = tmp_path / "report.md"
    export_passages("md", passages, out, generated_at=GENERATED, **kw)  # type: ignore[arg-type]
    return out.read_text(encoding="utf-8")


def test_grouped_by_article_then_speaker(passages: list[Passage], tmp_path: Path) -> None:
    lines = export_md(passages, tmp_path).splitlines()
    headings = [line for line in lines if line.startswith("#")]
    assert headings == [
        "# Highlights",
        "## Kyiv talks \\<resume\\>",
        "### Олена Коваль",
        "### Jörg Weiß",
        "### No speaker (the article's own voice)",
        "## Bridge",
        "### The mayor",
    ]


def test_group_by_kind(passages: list[Passage], tmp_path: Path) -> None:
    text = export_md(passages, tmp_path, group_by="kind")
    assert "### Hedge\n" in text and "### Firm commitment\n" in text and "### Highlight\n" in text


def test_each_passage_is_a_blockquote_with_attribution_note_tags_and_citation(
    passages: list[Passage], tmp_path: Path
) -> None:
    text = export_md(passages, tmp_path)
    block = text.split("### Олена Коваль\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert block[0] == "> we will pay €12 billion by March"
    assert all(line.startswith(">") for line in block)
    assert "> — **Олена Коваль** · Firm commitment" in block
    assert any(line.startswith("> **Note:** ") for line in block)
    assert "> **Tags:** #budget, #€-zone" in block
    assert (
        "> Source: *Kyiv talks \\<resume\\>*, Northgate Ledger, 2026-02-01, <https://news.example/kyiv?id=1&x=2>"
        in block
    )


def test_rendered_markdown_shows_hostile_note_literally_and_runs_nothing(
    passages: list[Passage], tmp_path: Path
) -> None:
    page = rendered(export_md(passages, tmp_path))
    assert "script" not in {tag for tag, _ in page.tags}
    assert HOSTILE_NOTE in "".join(page.text)
    # The only link is the article's own http(s) URL.
    hrefs = [attrs.get("href") for tag, attrs in page.tags if tag == "a"]
    assert set(hrefs) == {"https://news.example/kyiv?id=1&x=2"}


def test_link_syntax_and_line_start_syntax_in_notes_stay_text(
    passages: list[Passage], tmp_path: Path
) -> None:
    from dataclasses import replace

    note = "[click](javascript:alert(1))\n# not a heading\n- not a list\n1. not numbered\n**not bold**"
    hostile = [replace(passages[0], highlight=replace(passages[0].highlight, note=note))]
    page = rendered(export_md(hostile, tmp_path))
    tags = [tag for tag, _ in page.tags]
    assert "ul" not in tags and "ol" not in tags
    assert tags.count("h1") == 1  # the report title only
    assert [a.get("href") for t, a in page.tags if t == "a"] == ["https://news.example/kyiv?id=1&x=2"]
    text = "".join(page.text)
    for line in note.splitlines():
        assert line in text


def test_non_ascii_survives(passages: list[Passage], tmp_path: Path) -> None:
    text = export_md(passages, tmp_path)
    for needle in ("€12", "Олена Коваль", "Jörg Weiß", "“could be difficult”"[1:-1]):
        assert needle in text


def test_multi_line_note_stays_inside_the_quote(passages: list[Passage], tmp_path: Path) -> None:
    text = export_md(passages, tmp_path)
    assert "> **Note:** \\-2+3 looks like a formula\n> second line" in text


def test_automatic_passages_are_labelled_with_their_rule(
    with_automatic: list[Passage], tmp_path: Path
) -> None:
    text = export_md(with_automatic, tmp_path)
    assert "Hedge · automatic (rule `hedge.could`)" in text


def test_clipboard_markdown_has_no_title_or_generated_line(passages: list[Passage]) -> None:
    text = passages_to_markdown(passages[:1])
    assert not text.startswith("# ")
    assert "Generated" not in text
    assert "> we will pay €12 billion by March" in text
