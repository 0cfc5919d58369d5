"""Plain text with a news header: metadata out of the header, boilerplate out of the analysed body."""

from __future__ import annotations

from pathlib import Path

import pytest
from doc_builders import DATELINE, HEADLINE, NEWS_TEXT, OUTLET, PARA_1, PARA_3, SECTION, SUBHEAD

from stance_reader.documents import article_from_text, load_article


def test_news_header_becomes_metadata(tmp_path: Path) -> None:
    path = tmp_path / "seawall.txt"
    path.write_text(NEWS_TEXT, encoding="utf-8")
    article = load_article(path)
    assert (article.title, article.outlet, article.section, article.date) == (
        HEADLINE,
        OUTLET,
        SECTION,
        DATELINE,
    )
    assert article.source_format == "text"
    assert article.source_path == str(path)


def test_news_body_keeps_subhead_and_drops_boilerplate() -> None:
    article = article_from_text(NEWS_TEXT)
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0] == SUBHEAD  # "###" stripped, kept as its own paragraph
    assert paragraphs[1] == PARA_1
    assert paragraphs[-1] == PARA_3
    for gone in ("http", "views expressed", "Related", "ferry terminal", "###", HEADLINE, DATELINE):
        assert gone not in article.text
    notice = " ".join(article.notices)
    assert "image link" in notice and "disclaimer" in notice and "Related" in notice


def test_bundled_sample_header(sample_path: Path) -> None:
    article = load_article(sample_path)
    assert article.title.startswith("Alliance Ministers Weigh")
    expected = ("Northgate Ledger", "World", "03/11/2025 18h05")
    assert (article.outlet, article.section, article.date) == expected
    assert article.text.startswith("Finance ministers cautious")
    assert not article.text.rstrip().endswith("Related")


def test_seed_article_header_and_body(seed_path: Path | None) -> None:
    if seed_path is None:
        pytest.skip("seed article ../shared/seed/nato-victory-plan.txt not present")
    raw = seed_path.read_text(encoding="utf-8")
    lines = [ln.strip() for ln in raw.splitlines()]
    article = load_article(seed_path)
    # Header shape: title, blank, image URL, outlet, section, date (values read from the file, not copied).
    url_at = next(i for i, ln in enumerate(lines) if ln.startswith("http"))
    assert article.title == lines[0]
    assert (article.outlet, article.section, article.date) == tuple(lines[url_at + 1 : url_at + 4])
    subhead = next(ln for ln in lines if ln.startswith("###")).lstrip("# ")
    assert article.text.startswith(subhead + "\n\n")
    assert "http" not in article.text and "###" not in article.text
    assert "views expressed" not in article.text
    assert article.text.split("\n\n")[-1] != "Related"
    # Every body paragraph of the file survives word for word.
    body = [ln for ln in lines[lines.index(next(ln for ln in lines if ln.startswith("###"))) + 1 :] if ln]
    kept = [ln for ln in body if ln != "Related" and not ln.startswith("The views expressed")]
    assert article.text.split("\n\n")[1:] == kept


@pytest.mark.parametrize(
    "dateline",
    [
        "17 October 2024",
        "October 17, 2024 9:30 am EST",
        "2024-10-17T21:33:00Z",
        "Published: Thursday, 17 Oct 2024 21:33",
        "17.10.2024 | 21:33",
        "Updated 3rd March 2025, 08:00 GMT",
    ],
)
def test_dateline_variants(dateline: str) -> None:
    article = article_from_text(f"Port Reopens After Storm\n\nHarbour Times\n{dateline}\n\n{PARA_1}")
    assert article.date == dateline.removeprefix("Published: ").removeprefix("Updated ")
    assert article.outlet == "Harbour Times"
    assert article.text == PARA_1


def test_byline_and_article_url_in_header() -> None:
    text = (
        "Port Reopens After Storm\n\nhttps://news.example.org/port-reopens\nHarbour Times\nBusiness\n"
        f"12 March 2025\nBy Jane Roe\n\n{PARA_1}"
    )
    article = article_from_text(text)
    assert (article.author, article.url, article.section) == (
        "Jane Roe",
        "https://news.example.org/port-reopens",
        "Business",
    )
    assert article.text == PARA_1


def test_no_header_leaves_text_alone() -> None:
    text = f"{PARA_1}\n\n{PARA_3}"
    article = article_from_text(text)
    assert article.title == "" and article.date == ""
    assert article.text == text
    assert article.display_title.startswith("The harbour council")


def test_lone_headline_without_date_becomes_title() -> None:
    article = article_from_text(f"{HEADLINE}\n\n{PARA_1}")
    assert article.title == HEADLINE
    assert article.text == PARA_1


def test_related_and_copyright_words_inside_the_story_are_kept() -> None:
    early = "Copyright reform was also debated, and related measures were discussed."
    text = f"{early}\n\nRelated\n\n{PARA_1}\n\n{PARA_3}\n\nMore paragraphs follow here."
    article = article_from_text(text)
    assert article.text.startswith(early)
    assert "\n\nRelated\n\n" in article.text  # a heading early in the story is not a trailing link list


def test_trailing_related_list_with_long_paragraph_after_is_kept() -> None:
    long_para = "x " * 150
    text = f"{PARA_1}\n\n{PARA_3}\n\nRelated\n\n{long_para}"
    assert "Related" in article_from_text(text).text
