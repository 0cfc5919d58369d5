"""Standalone HTML read back with html.parser: self-contained, colour-coded article with non-colour
cues, legend, passages with attribution and notes, escaping, non-ASCII; and the clipboard fragment."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from export_data import GENERATED, HOSTILE_NOTE

from stance_reader.core import palette
from stance_reader.core.models import Analysis
from stance_reader.export import Passage, export_passages, passages_to_html_fragment
from stance_reader.export.to_html import COMMIT_LINE, HEDGE_LINE


class Page(HTMLParser):
    """Collects elements (tag, attrs), all text, the article text div's text, and per-class text."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.style = ""
        self._stack: list[tuple[str, dict[str, str]]] = []
        self.by_class: dict[str, list[str]] = {}
        self.article_texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.elements.append((tag, a))
        if tag not in {"meta", "br", "hr"}:
            self._stack.append((tag, a))
        if tag == "div" and a.get("class") == "text":
            self.article_texts.append("")

    def handle_endtag(self, tag: str) -> None:
        while self._stack and self._stack.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._stack and self._stack[-1][0] == "style":
            self.style += data
        classes = [a.get("class", "") for _t, a in self._stack]
        for css in set(classes):
            if css:
                self.by_class.setdefault(css, []).append(data)
        if "text" in classes:  # markers (●n, ▸) are inserted text; the test strips them
            self.article_texts[-1] += data


def page(passages: list[Passage], tmp_path: Path, analyses: dict[int, Analysis] | None = None) -> Page:
    export_passages("html", passages, tmp_path / "x.html", generated_at=GENERATED, include_marks=analyses)
    parsed = Page()
    parsed.feed((tmp_path / "x.html").read_text(encoding="utf-8"))
    return parsed


def test_self_contained_no_scripts_no_external_resources(
    passages: list[Passage], analysis1: Analysis, tmp_path: Path
) -> None:
    p = page(passages, tmp_path, {1: analysis1})
    tags = {t for t, _ in p.elements}
    assert not tags & {"script", "link", "img", "iframe", "object", "embed"}
    for _tag, attrs in p.elements:
        assert not any(k.startswith("on") for k in attrs)  # no event handlers
        assert "src" not in attrs
        assert not attrs.get("href", "#").lstrip().lower().startswith(("http", "javascript", "//"))
    assert "url(" not in p.style and "@import" not in p.style


def test_hostile_note_is_text_not_markup(passages: list[Passage], tmp_path: Path) -> None:
    p = page(passages, tmp_path)
    assert HOSTILE_NOTE in "".join(p.text)
    assert "Kyiv talks <resume>" in "".join(p.text)


def test_article_is_colour_coded_with_non_colour_cues(
    passages: list[Passage], analysis1: Analysis, tmp_path: Path
) -> None:
    p = page(passages, tmp_path, {1: analysis1})
    # The legend's sample "cue" first, then the article's cue words.
    assert p.by_class["hedge-cue"] == ["cue", "may", "perhaps", "could"]
    assert "we will pay €12 billion by March" in "".join(p.by_class["commitment"])
    assert p.by_class["commitment-cue"] == ["cue", "will"]
    assert "could be difficult" in "".join(p.by_class["sp1"])  # second speaker's tint
    assert "▸" in "".join(p.by_class["speaker-name"])
    style = re.sub(r"\s+", " ", p.style)
    assert f"text-decoration-color: {HEDGE_LINE}" in style and "wavy" in style
    assert f"text-decoration-color: {COMMIT_LINE}" in style and "font-weight: bold" in style
    assert "font-style: italic" in style
    assert palette.tint(palette.speaker_hue(0), palette.LIGHT) in style
    assert palette.tint(palette.speaker_hue(1), palette.LIGHT) in style


def test_article_text_is_reproduced_exactly(
    passages: list[Passage], analysis1: Analysis, tmp_path: Path
) -> None:
    p = page(passages, tmp_path, {1: analysis1})
    strip = re.compile(r"●\d+|▸")
    assert [strip.sub("", t) for t in p.article_texts] == [
        passages[0].article.text,
        passages[-1].article.text,
    ]


def test_saved_highlights_are_boxed_numbered_and_linked(passages: list[Passage], tmp_path: Path) -> None:
    p = page(passages, tmp_path)
    markers = [a["href"] for t, a in p.elements if t == "a" and a.get("class") == "marker"]
    assert markers == ["#p1", "#p2", "#p3", "#p4"]
    ids = {a.get("id") for _t, a in p.elements}
    assert {"p1", "p2", "p3", "p4"} <= ids
    assert "may perhaps slip" in "".join(p.by_class["saved"])


def test_legend_names_every_layer_and_speaker(
    passages: list[Passage], analysis1: Analysis, tmp_path: Path
) -> None:
    p = page(passages, tmp_path, {1: analysis1})
    text = "".join(p.text)
    for style in ("hedge", "commitment", "saved", "speaker"):
        assert palette.LAYER_STYLES[style] in text
    assert "Speaker: Олена Коваль" in text and "Speaker: Jörg Weiß" in text and "Speaker: The mayor" in text


def test_passages_have_attribution_notes_and_tags(passages: list[Passage], tmp_path: Path) -> None:
    p = page(passages, tmp_path)
    quotes = "".join(p.by_class["passage"])
    assert "we will pay €12 billion by March" in quotes
    assert "— Олена Коваль · Firm commitment" in quotes
    assert "Note: -2+3 looks like a formula" in quotes
    assert "Tags: #budget, #€-zone" in quotes and "#@risk" in quotes
    assert "Watch this 🙂 hedge" in quotes
    assert "".join(p.by_class["attribution"]).count("—") == 4


def test_custom_colour_is_used_only_when_it_is_a_hex_colour(passages: list[Passage], tmp_path: Path) -> None:
    from dataclasses import replace

    evil = replace(passages[1], highlight=replace(passages[1].highlight, colour="red;}</style><script>"))
    p = page([passages[2], evil], tmp_path)
    styles = [a.get("style", "") for t, a in p.elements if t == "blockquote"]
    assert "border-left: 4px solid #CC79A7" in styles[0]
    assert "script" not in styles[1] and "red" not in styles[1]


def test_generated_at_appears_once(passages: list[Passage], tmp_path: Path) -> None:
    export_passages("html", passages, tmp_path / "x.html", generated_at=GENERATED)
    lines = (tmp_path / "x.html").read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if GENERATED in line] == [f'<p class="meta">Generated: {GENERATED}</p>']


def test_clipboard_fragment_is_inline_styled_and_escaped(passages: list[Passage]) -> None:
    fragment = passages_to_html_fragment(passages)
    p = Page()
    p.feed(fragment)
    assert "style" not in {t for t, _ in p.elements} and "script" not in {t for t, _ in p.elements}
    assert [t for t, _ in p.elements].count("blockquote") == 4
    assert all("border-left" in a.get("style", "") for t, a in p.elements if t == "blockquote")
    text = "".join(p.text)
    assert HOSTILE_NOTE in text
    assert (
        "Source: Kyiv talks <resume>, Northgate Ledger, 2026-02-01, https://news.example/kyiv?id=1&x=2"
        in text
    )


def test_orphaned_highlight_is_listed_but_not_painted(passages: list[Passage], tmp_path: Path) -> None:
    from dataclasses import replace

    stale = replace(passages[1], highlight=replace(passages[1].highlight, orphaned=True, start=0, end=16))
    p = page([passages[0], stale], tmp_path)
    markers = [a["href"] for t, a in p.elements if t == "a" and a.get("class") == "marker"]
    assert markers == ["#p2"]  # the orphan (sorted first, at its stale offset) gets no box in the text
    assert "orphaned: no longer found in the article" in "".join(p.by_class["orphaned"])
    assert "may perhaps slip" in "".join(p.by_class["passage"])
