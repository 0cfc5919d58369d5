"""Normalisation once at import: line breaks, BOM, NFC, whitespace, encodings, and code-point offsets."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stance_reader.documents import DocumentError, article_from_text, load_article, normalize_text


def test_offsets_after_emoji_and_crlf_are_code_points(tmp_path: Path) -> None:
    # BOM + CRLF + an emoji before the phrase: bytes, UTF-16 units and CRLF counting would all give 8.
    raw = "\ufeffHarbour Council Delays Vote\r\n\r\nA 👍 b.\r\nThe mayor said it might rain.\r\n"
    path = tmp_path / "crlf.txt"
    path.write_bytes(raw.encode("utf-8"))
    article = load_article(path)
    assert article.title == "Harbour Council Delays Vote"
    assert article.text == "A 👍 b.\nThe mayor said it might rain."
    assert article.text.index("The mayor") == 7
    assert article.text[7:16] == "The mayor"


def test_crlf_file_phrase_offset_several_paragraphs(tmp_path: Path) -> None:
    lines = ["First paragraph, café 🎉.", "", "", "Second paragraph.", "", "The council might delay."]
    path = tmp_path / "multi.txt"
    path.write_bytes("\r\n".join(lines).encode("utf-8"))
    text = load_article(path).text
    expected_prefix = "First paragraph, café 🎉.\n\nSecond paragraph.\n\n"
    assert text == expected_prefix + "The council might delay."
    assert text.index("might delay") == len(expected_prefix) + len("The council ") == 57


@pytest.mark.parametrize("newline", ["\r", "\x85", "\u2028"])
def test_other_line_breaks_become_newline(newline: str) -> None:
    text = normalize_text(f"one{newline}two{newline}{newline}three")
    assert text == "one\ntwo\n\nthree"


def test_paragraph_separator_becomes_blank_line() -> None:
    assert normalize_text("one\u2029two") == "one\n\ntwo"


def test_nfc_composes_accents() -> None:
    text = normalize_text("cafe\u0301 and Ångstro\u0308m")
    assert text == "café and Ångström"
    assert len(text) == 17


def test_whitespace_tidied_without_merging_paragraphs() -> None:
    raw = "  Para  one\twith   spaces.  \n\n\n\n\u00a0Para two\u2003here.\n \nPara three.\n\n"
    assert normalize_text(raw) == "Para one with spaces.\n\nPara two here.\n\nPara three."


def test_invisible_characters_removed() -> None:
    assert normalize_text("re\u00adcon\u200bstruction\ufeff \x00ok\x07") == "reconstruction ok"


def test_ligatures_expanded() -> None:
    assert normalize_text("\ufb01nished e\ufb00ort") == "finished effort"


def test_hard_wrapped_plain_text_is_rejoined_but_short_lines_stay() -> None:
    wrapped = (
        "Ministers met on Monday in a long session that ran late into\n"
        "the evening, and several said they might sign the pact if\n"
        "the terms were softened."
    )
    verse = "Roses are red\nViolets are blue"
    article = article_from_text(f"{wrapped}\n\n{verse}")
    assert article.text.split("\n\n") == [" ".join(wrapped.split("\n")), verse]


def test_single_newline_paragraphs_become_paragraphs() -> None:
    first = "The council said on Thursday that it might postpone the vote until spring, citing costs."
    second = "Engineers suggested the work could begin in late summer if the regional funding is approved."
    article = article_from_text(f"{first} {first}\n{second}\nShort closing line")
    assert article.text.split("\n\n") == [f"{first} {first}", second, "Short closing line"]


def test_utf16_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "u16.txt"
    path.write_bytes("Straße 👍 said.\n\nMore text here.".encode("utf-16"))
    article = load_article(path)
    assert article.text == "Straße 👍 said.\n\nMore text here."
    assert article.notices == ()


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfOne sentence only.")
    assert load_article(path).text == "One sentence only."


def test_cp1252_fallback_with_visible_notice(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes("Café “quoted” costs €5 – naïve résumé.".encode("cp1252"))
    article = load_article(path)
    assert article.text == "Café “quoted” costs €5 – naïve résumé."
    assert any("cp1252" in notice for notice in article.notices)


def test_mostly_utf8_with_a_stray_byte_stays_utf8(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes("Café – “quoted” naïve".encode() + b" it\x92s here.")
    article = load_article(path)
    assert article.text == "Café – “quoted” naïve it\ufffds here."
    assert any("1 undecodable byte" in notice for notice in article.notices)


def test_cyrillic_legacy_encoding_is_guessed_not_mangled(tmp_path: Path) -> None:
    path = tmp_path / "ru.txt"
    sentence = "Министр сказал, что правительство, возможно, поддержит этот план в следующем году."
    path.write_bytes(sentence.encode("cp1251"))
    article = load_article(path)
    assert article.text == sentence
    assert any("guessed" in notice for notice in article.notices)


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_normalize_is_idempotent_and_canonical(raw: str) -> None:
    once = normalize_text(raw)
    assert normalize_text(once) == once
    assert "\r" not in once and "\n\n\n" not in once and "\ufeff" not in once
    assert unicodedata.is_normalized("NFC", once)
    once.encode("utf-8")  # no lone surrogates: content_hash must always work


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_article_from_text_only_raises_document_error(raw: str) -> None:
    try:
        article = article_from_text(raw)
    except DocumentError as exc:
        assert "\n" not in str(exc)
        return
    assert article.text.strip()
    assert len(article.content_hash) == 64
    assert normalize_text(article.text) == article.text
