"""Quotation marks glued to the words around them (text pasted from web pages) are split off, so the
quote is found; inch marks, abbreviations and in-word apostrophes are left as the model has them."""

from __future__ import annotations

import pytest

from stance_reader.nlp.tokenization import split_glued_quotes


@pytest.fixture(scope="module")
def tokens(analyzer):  # type: ignore[no-untyped-def]
    tokenizer = analyzer.nlp.tokenizer
    return lambda text: [t.text for t in tokenizer(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("said,\u201cLook", ["said", ",", "\u201c", "Look"]),
    ("win,\u201dsaid Ryan", ["win", ",", "\u201d", "said", "Ryan"]),
    ("ratings.\u201dExclusive", ["ratings", ".", "\u201d", "Exclusive"]),
    ('well."Clinton', ["well", ".", '"', "Clinton"]),
    ("\u201cYes.\u201d\u201cNo.\u201d", ["\u201c", "Yes", ".", "\u201d", "\u201c", "No", ".", "\u201d"]),
    ("a \u201cdeal\u201d.He said", ["a", "\u201c", "deal", "\u201d", ".", "He", "said"]),
    ("said\u2026\u201cWe", ["said", "\u2026", "\u201c", "We"]),
])
def test_a_glued_mark_and_its_punctuation_are_tokens(tokens, text: str, expected: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert tokens(text) == expected


@pytest.mark.parametrize(
    "text", ["5'10\" tall", "the U.S.-led plan", "e.g. the 3.5% rise", "won't", "O\"Neil"]
)
def test_other_tokens_are_as_the_model_has_them(analyzer, tokens, text: str) -> None:  # type: ignore[no-untyped-def]
    import spacy

    stock = spacy.blank("en")
    assert tokens(text) == [t.text for t in stock.tokenizer(text)]
    split_glued_quotes(stock)  # the rules alone change nothing here either
    assert tokens(text) == [t.text for t in stock.tokenizer(text)]


def test_a_quote_glued_to_its_tag_is_found_with_its_speaker(analyzer) -> None:  # type: ignore[no-untyped-def]
    for text in ("Ryan said,\u201cLook, these images have no place in a campaign.\u201d",
                 "\u201cWe will win this vote,\u201dsaid Ryan."):
        quotes = analyzer.analyze(text).quotes
        assert len(quotes) == 1 and quotes[0].direct
        assert quotes[0].speaker_entity == "Ryan"
        content = text[slice(*quotes[0].content[0])]
        assert content.startswith("\u201c") and ("will win" in content or "Look" in content)
