"""Noise never reads as article text: binary or mojibake chapters and files are flagged or left out,
DOCTYPE internals and Markdown scripts/styles never reach the body."""

from __future__ import annotations

import random
import zipfile
from pathlib import Path

import pytest
from doc_builders import CHAPTER, PARA_1, PARA_2, PARA_3, write_epub

from stance_reader.documents import DocumentError, load_article
from stance_reader.documents.garbled import garbled_notice, garbled_reason

PROSE = {
    "english": (PARA_1 + " " + PARA_2 + " " + PARA_3) * 3,
    "german": "Der Bürgermeister sagte, die Verhandlungen könnten nächste Woche weitergehen. Größe. " * 20,
    "french": "Le maire a déclaré que les négociations pourraient reprendre la semaine prochaine. " * 20,
    "russian": "Президент заявил, что переговоры могут продолжиться на следующей неделе. " * 20,
    "greek": "Ο πρόεδρος δήλωσε ότι οι διαπραγματεύσεις ενδέχεται να συνεχιστούν. " * 20,
    "chinese": "总统表示，谈判可能在下周继续进行。" * 40,
    "arabic": "قال رئيس الوزراء إن المفاوضات قد تستمر الأسبوع المقبل. " * 20,
    "table": "| Year | Cost | Votes |\n|---|---|---|\n" + "| 2024 | €3.2m | 12/34 |\n" * 50,
    "maths": "The ratio ≈ 3.14 ± 0.01; ∑x² ≥ 0 and √2 < 1.5 ⇒ true. " * 40,
    "quotes and emoji": "“We will,” she said — ‘maybe’ … «non» „ja“ 🎉😀 " * 40,
}


def _random_bytes(seed: int, size: int = 3000) -> bytes:
    rng = random.Random(seed)
    return bytes(rng.randrange(256) for _ in range(size))


NOISE = {
    "utf-8 read as cp1252": PROSE["german"].encode("utf-8").decode("cp1252", errors="replace"),
    "cp1251 read as latin-1": PROSE["russian"].encode("cp1251").decode("latin-1"),
    "random bytes as latin-1": _random_bytes(1).decode("latin-1"),
    "random bytes as utf-8": _random_bytes(2).decode("utf-8", errors="replace"),
    "control characters": "Some words \x01\x02\x03 here " * 20,
}


@pytest.mark.parametrize("name", PROSE)
def test_prose_is_not_garbled(name: str) -> None:
    assert garbled_reason(PROSE[name]) is None


@pytest.mark.parametrize("name", NOISE)
def test_noise_is_garbled(name: str) -> None:
    assert garbled_reason(NOISE[name])


def test_short_text_is_not_judged() -> None:
    assert garbled_reason("Ã© ¤ þ") is None


def test_a_mojibake_file_opens_with_a_notice(tmp_path: Path) -> None:
    path = tmp_path / "moji.txt"
    path.write_text(NOISE["utf-8 read as cp1252"], encoding="utf-8")
    article = load_article(path)
    assert any("binary data or mojibake" in n for n in article.notices)
    assert garbled_notice(article.text) in article.notices


def test_a_clean_file_has_no_garbled_notice(tmp_path: Path) -> None:
    path = tmp_path / "clean.txt"
    path.write_text(PROSE["english"], encoding="utf-8")
    assert not any("mojibake" in n for n in load_article(path).notices)


def _replace_member(path: Path, member: str, data: bytes) -> None:
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members[member] = data
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)


def test_epub_chapter_of_random_bytes_is_left_out_with_a_notice(tmp_path: Path) -> None:
    path = write_epub(tmp_path / "book.epub")
    _replace_member(path, "OEBPS/text/chapter 2.xhtml", _random_bytes(3))
    article = load_article(path)
    assert PARA_1 in article.text and PARA_2 not in article.text
    assert article.notices == ("left out chapters that look like binary data or mojibake: chapter 2.xhtml",)
    assert garbled_reason(article.text) is None


def test_epub_of_only_random_chapters_is_refused(tmp_path: Path) -> None:
    path = write_epub(tmp_path / "noise.epub")
    _replace_member(path, "OEBPS/text/chapter1.xhtml", _random_bytes(4))
    _replace_member(path, "OEBPS/text/chapter 2.xhtml", _random_bytes(5))
    with pytest.raises(DocumentError, match="binary data or mojibake"):
        load_article(path)


@pytest.mark.parametrize(
    "prolog",
    [
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html [\n<!ENTITY nbsp "&#160;">\n]>\n',
        '<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" "x.dtd" [<!ENTITY p "A">]>',
        '\ufeff<?xml version="1.0"?>\n<!doctype html>\n',
        "<!-- made by a converter -->\n<?xml version='1.0'?>\n<!DOCTYPE html>\n",
    ],
)
def test_epub_doctype_and_xml_declaration_never_leak(tmp_path: Path, prolog: str) -> None:
    path = write_epub(tmp_path / "book.epub")
    chapter = CHAPTER.format(body=f"<p>{PARA_2}</p><p>{PARA_3}</p>").split("\n", 2)[2]  # without its prolog
    _replace_member(path, "OEBPS/text/chapter 2.xhtml", (prolog + chapter).encode("utf-8"))
    text = load_article(path).text
    assert text.endswith(PARA_3)
    for leak in ("]>", "DOCTYPE", "ENTITY", "<?xml", "xhtml11", "W3C"):
        assert leak not in text


def test_markdown_scripts_and_styles_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "page.md"
    path.write_text(
        f"{PARA_1}\n\n<script>alert(1)</script>\n\n<style>p {{ color: red }}</style>\n\n"
        f"{PARA_2} <script>track('x')</script> <b>Bold</b> words.\n\n"
        "<div>\n<noscript>Enable JavaScript</noscript>\nKept &amp; read\n</div>\n",
        encoding="utf-8",
    )
    text = load_article(path).text
    for code in ("alert", "color", "track", "JavaScript"):
        assert code not in text
    assert f"{PARA_2} Bold words." in text and "Kept & read" in text
