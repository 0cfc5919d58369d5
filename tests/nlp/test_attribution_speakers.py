"""Speaker fallbacks, on hand-built parses (the parser's own mistakes are not reproducible in tests)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from stance_reader.nlp.attribution import _subject


def _doc(words: list[str], heads: list[int], deps: list[str], pos: list[str], tags: list[str]) -> Doc:
    nlp = spacy.blank("en")
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags,
              lemmas=[w.lower() for w in words], sent_starts=[True] + [False] * (len(words) - 1))
    return doc


def test_a_finite_cue_without_a_parsed_subject_takes_the_name_before_it() -> None:
    # "Speaker Anna Berg (D-VT) said it works", with the subject hung off somewhere else
    words = ["Speaker", "Anna", "Berg", "(", "D", "-", "VT", ")", "said", "it", "works"]
    heads = [2, 2, 10, 2, 2, 4, 4, 2, 10, 10, 10]
    deps = ["compound", "compound", "npadvmod", "punct", "appos", "punct", "appos", "punct", "advcl",
            "nsubj", "ROOT"]
    pos = ["PROPN", "PROPN", "PROPN", "PUNCT", "PROPN", "PUNCT", "PROPN", "PUNCT", "VERB", "PRON", "VERB"]
    tags = ["NNP", "NNP", "NNP", "-LRB-", "NNP", "HYPH", "NNP", "-RRB-", "VBD", "PRP", "VBZ"]
    doc = _doc(words, heads, deps, pos, tags)
    subject = _subject(doc[8])
    assert subject is not None and subject.text == "Berg"


def test_a_relative_clause_before_the_cue_gives_its_noun() -> None:
    # "an official who spoke to reporters said it works"
    words = ["an", "official", "who", "spoke", "to", "reporters", "said", "it", "works"]
    heads = [1, 8, 3, 1, 3, 4, 8, 8, 8]
    deps = ["det", "npadvmod", "nsubj", "relcl", "prep", "pobj", "advcl", "nsubj", "ROOT"]
    pos = ["DET", "NOUN", "PRON", "VERB", "ADP", "NOUN", "VERB", "PRON", "VERB"]
    tags = ["DT", "NN", "WP", "VBD", "IN", "NNS", "VBD", "PRP", "VBZ"]
    doc = _doc(words, heads, deps, pos, tags)
    # the noun before the cue sits inside the relative clause; the noun it describes is the speaker
    subject = _subject(doc[6])
    assert subject is not None and subject.text == "official"


def test_a_passive_or_participle_cue_gets_no_fallback_speaker() -> None:
    words = ["The", "plan", "was", "announced", "today"]
    heads = [1, 3, 3, 3, 3]
    deps = ["det", "nsubjpass", "auxpass", "ROOT", "npadvmod"]
    pos = ["DET", "NOUN", "AUX", "VERB", "NOUN"]
    tags = ["DT", "NN", "VBD", "VBN", "NN"]
    doc = _doc(words, heads, deps, pos, tags)
    assert _subject(doc[3]) is None


def test_an_inverted_tag_takes_the_name_after_the_verb_even_when_mistagged() -> None:
    # '“It works,” said Skelly, explaining …' with "Skelly" tagged as an adverb
    words = ["\u201c", "It", "works", ",", "\u201d", "said", "Skelly", ",", "explaining", "it"]
    heads = [5, 2, 5, 5, 5, 5, 5, 5, 5, 8]
    deps = ["punct", "nsubj", "ccomp", "punct", "punct", "ROOT", "advmod", "punct", "advcl", "dobj"]
    pos = ["PUNCT", "PRON", "VERB", "PUNCT", "PUNCT", "VERB", "ADV", "PUNCT", "VERB", "PRON"]
    tags = ["``", "PRP", "VBZ", ",", "''", "VBD", "RB", ",", "VBG", "PRP"]
    doc = _doc(words, heads, deps, pos, tags)
    said = _subject(doc[5])
    assert said is not None and said.text == "Skelly"
    # the participle after the comma shares that speaker
    explaining = _subject(doc[8])
    assert explaining is not None and explaining.text == "Skelly"


def test_a_day_parsed_as_the_subject_gives_way_to_the_name_before_the_cue() -> None:
    # 'Saturday at the convention Senator Berg said …' with "Saturday" parsed as the subject
    words = ["Saturday", "at", "the", "convention", "Senator", "Berg", "said", "it", "works"]
    heads = [6, 0, 3, 1, 5, 3, 6, 8, 6]
    deps = ["nsubj", "prep", "det", "pobj", "compound", "appos", "ROOT", "nsubj", "ccomp"]
    pos = ["PROPN", "ADP", "DET", "NOUN", "PROPN", "PROPN", "VERB", "PRON", "VERB"]
    tags = ["NNP", "IN", "DT", "NN", "NNP", "NNP", "VBD", "PRP", "VBZ"]
    doc = _doc(words, heads, deps, pos, tags)
    subject = _subject(doc[6])
    assert subject is not None and subject.text == "Berg"


def test_a_cue_coordinated_with_a_passive_shares_its_subject() -> None:
    # 'Berg was joined on stage and joked …': the passive's subject is who jokes
    words = ["Berg", "was", "joined", "on", "stage", "and", "joked", "it", "works"]
    heads = [2, 2, 2, 2, 3, 2, 2, 8, 6]
    deps = ["nsubjpass", "auxpass", "ROOT", "prep", "pobj", "cc", "conj", "nsubj", "ccomp"]
    pos = ["PROPN", "AUX", "VERB", "ADP", "NOUN", "CCONJ", "VERB", "PRON", "VERB"]
    tags = ["NNP", "VBD", "VBN", "IN", "NN", "CC", "VBD", "PRP", "VBZ"]
    doc = _doc(words, heads, deps, pos, tags)
    subject = _subject(doc[6])
    assert subject is not None and subject.text == "Berg"
    assert _subject(doc[2]) is None  # the passive verb itself names no speaker


def test_a_participle_hung_off_the_reported_clause_shares_the_reporters_subject() -> None:
    # "Berg told reporters that Lund had a plan, adding it works": the parser hangs "adding" off "had"
    words = ["Berg", "told", "reporters", "that", "Lund", "had", "a", "plan", ",", "adding", "it", "works"]
    heads = [1, 1, 1, 5, 5, 1, 7, 5, 5, 5, 11, 9]
    deps = ["nsubj", "ROOT", "dobj", "mark", "nsubj", "ccomp", "det", "dobj", "punct", "advcl", "nsubj",
            "ccomp"]
    pos = ["PROPN", "VERB", "NOUN", "SCONJ", "PROPN", "VERB", "DET", "NOUN", "PUNCT", "VERB", "PRON", "VERB"]
    tags = ["NNP", "VBD", "NNS", "IN", "NNP", "VBD", "DT", "NN", ",", "VBG", "PRP", "VBZ"]
    doc = _doc(words, heads, deps, pos, tags)
    subject = _subject(doc[9])
    assert subject is not None and subject.text == "Berg"
    # the reported clause's own verb still has its own subject
    assert _subject(doc[5]) is not None and _subject(doc[5]).text == "Lund"


def test_a_participle_with_its_own_subject_keeps_it() -> None:
    # "Berg left, Lund saying it works": an absolute clause names its own speaker
    words = ["Berg", "left", ",", "Lund", "saying", "it", "works"]
    heads = [1, 1, 1, 4, 1, 6, 4]
    deps = ["nsubj", "ROOT", "punct", "nsubj", "advcl", "nsubj", "ccomp"]
    pos = ["PROPN", "VERB", "PUNCT", "PROPN", "VERB", "PRON", "VERB"]
    tags = ["NNP", "VBD", ",", "NNP", "VBG", "PRP", "VBZ"]
    doc = _doc(words, heads, deps, pos, tags)
    subject = _subject(doc[4])
    assert subject is not None and subject.text == "Lund"
