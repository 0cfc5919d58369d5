"""Span-level helpers of the entity component: tidying the model's spans, headings, laws, places."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import numpy
from spacy.attrs import ORTH
from spacy.tokens import Doc, Span, Token

from stance_reader.nlp.entities.aliases import PERSON, acronym, clean_name, initials

_SHORT = "ORG_SHORT_FORM"  # internal label of an added "the Commission" until it resolves
# Labels the gazetteer may overrule; DATE, MONEY and the like are never place names.
_RELABELLED = frozenset({PERSON, "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT"})
_PLACE_PREPOSITIONS = frozenset(
    {"in", "to", "from", "at", "near", "across", "along", "into", "outside", "inside", "toward", "towards",
     "via", "around", "through"}
)
# A name ending in one of these is a law, treaty or named agreement (spaCy's LAW), whatever the model said.
_LAW_HEADS = frozenset({"pact", "treaty", "accord", "accords", "agreement", "convention", "protocol",
                        "charter", "directive", "constitution", "amendment"})
# Also first names or surnames (Bill, Law): not applied to a PERSON span.
_LAW_HEADS_NOT_PEOPLE = frozenset({"act", "bill", "law", "regulation", "declaration"})
# Words that may open a MONEY span without being part of the amount ("the first €12 billion").
_MONEY_OPENERS = frozenset({"the", "a", "an", "first", "second", "third", "fourth", "fifth", "last", "next",
                            "initial", "final", "another", "additional", "further", "extra", "remaining"})


_LOCATIVE = frozenset(
    {"in", "near", "across", "along", "into", "outside", "inside", "via", "around", "through"}
)


def _locative(span: Span) -> bool:
    """Right after a preposition that takes places, not people ("in Houston", not "to Houston")."""
    return span.start > 0 and span.doc[span.start - 1].lower_ in _LOCATIVE


def _after_the(span: Span) -> bool:
    return span[0].lower_ == "the" or (span.start > 0 and span.doc[span.start - 1].lower_ == "the")


def _is_law(name: str, label: str) -> bool:
    words = name.lower().split(" ")
    if len(words) < 2 or label not in _RELABELLED:
        return False
    return words[-1] in _LAW_HEADS or (label != PERSON and words[-1] in _LAW_HEADS_NOT_PEOPLE)


def _name_like(tok: Token) -> bool:
    """A proper noun, or a capitalised singular noun the tagger mislabelled mid-sentence."""
    if not (tok.is_title and tok.is_alpha and len(tok.text) > 1):
        return False
    return tok.pos_ == "PROPN" or (tok.tag_ == "NN" and not tok.is_sent_start)


def _name_word(tok: Token) -> bool:
    return tok.pos_ == "PROPN" and tok.is_title and tok.is_alpha and len(tok.text) > 1


_CURRENCY = re.compile(
    r"[$€£¥₹₽]|\b(?:dollars?|euros?|pounds?|yen|yuan|renminbi|rupees?|francs?|cents?|pence|roubles?|rubles?|"
    r"pesos?|won|shekels?|kron[ae]r?|kronor|zloty|hryvnias?|lira|rand|usd|eur|gbp|chf|jpy|cny)\b",
    re.IGNORECASE,
)


def _join_people(doc: Doc) -> list[Span]:
    """The model's entities with back-to-back PERSON spans joined ("Johanna" + "Richter")."""
    out: list[Span] = []
    for ent in doc.ents:
        prev = out[-1] if out else None
        if (prev is not None and prev.label_ == PERSON and ent.label_ == PERSON and prev.end == ent.start
                and not prev[-1].whitespace_.count("\n")):
            out[-1] = Span(doc, prev.start, ent.end, label=PERSON)
        else:
            out.append(ent)
    return out


def _trailing_junk(tok: Token) -> bool:
    return tok.tag_ == "POS" or (tok.is_stop and tok.is_lower)


def _tidy(span: Span, titles: frozenset[str]) -> Span | None:
    """The model's span without trailing function words ("Lukewarm Reception of"), a person's name
    grown over a first name the model left out ("Rustem" in "Minister Rustem Umerov"), or None for junk
    (a line break or markup inside, no letters or digits, MONEY with no currency: "21h33")."""
    start, end = span.start, span.end
    doc = span.doc
    if span.label_ == PERSON:
        while (start > 0 and _name_word(doc[start - 1]) and not doc[start - 1].ent_type_
               and doc[start - 1].text.lower().rstrip(".") not in titles):
            start -= 1
        while end < len(doc) and _name_word(doc[end]) and not doc[end].ent_type_:
            end += 1  # "Mayor Johanna Richter" tagged as just "Johanna"
    if span.label_ == "MONEY":
        while start < end - 1 and doc[start].lower_ in _MONEY_OPENERS:
            start += 1  # "the first €12 billion" -> "€12 billion"
    elif span.label_ in ("ORDINAL", "CARDINAL") and end - start == 1 and doc[start].is_alpha:
        return None  # "first", "two": not something an analyst looks up in the sidebar
    span = Span(doc, start, end, label=span.label_)
    while end > start + 1 and _trailing_junk(doc[end - 1]):
        end -= 1  # "Zelenskyy's" -> "Zelenskyy"; "Lukewarm Reception of" -> "Lukewarm Reception"
    trimmed = Span(doc, start, end, label=span.label_)
    text = trimmed.text.strip()
    if not any(ch.isalnum() for ch in text) or "\n" in text or "#" in text:
        return None
    if trimmed.label_ == "MONEY" and not _CURRENCY.search(text):
        return None
    return trimmed


# Labels the small model guesses from capitalisation alone; dates, money, places it reads fine.
_HEADLINE_GUESSES = frozenset({"ORG", "PERSON", "WORK_OF_ART", "PRODUCT", "EVENT", "FAC", "LAW"})
_SMALL_WORDS = frozenset({"a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "as",
                          "by", "with", "from", "into", "over", "vs", "via", "is", "are", "its"})


def _in_title_case_line(text: str, pos: int) -> bool:
    """True when ``pos`` is in a line that reads as a title-case heading: at least four words, every
    word but small function words capitalised, and no closing full stop."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    if end >= 0 and text[end:].lstrip()[:1] in _OPENING_MARKS:
        return False  # a roundup's name line over a quoted paragraph: 'Ana Ruiz, Tucson¶“I …”'
    return _title_case_line(text[start : end if end >= 0 else len(text)])


_OPENING_MARKS = "\"\u201c\u201e\u00ab"
# 'Marisol Ortega, 41, Tucson': a name with an age after it labels a person, it is not a heading.
_NAME_AND_AGE = re.compile(r"^[^,\d]+, \d{1,3}(?:,|$)")


@lru_cache(maxsize=256)
def _title_case_line(raw: str) -> bool:
    """``_in_title_case_line`` for one line (memoised: every name in a paragraph asks of the same line)."""
    line = raw.strip().lstrip("#").strip()
    words = re.findall(r"[^\W\d_][\w'’-]*", line)
    if len(words) < 4 or line.endswith((".", "?", "!", ":", '"', "”")) or _NAME_AND_AGE.match(line):
        return False
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    return bool(content) and all(w[0].isupper() for w in content)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and not text[start].isalnum() and text[start] not in "€$£¥":
        start += 1
    while end > start and not (text[end - 1].isalnum() or text[end - 1] in ".%"):
        end -= 1
    return start, end



# Labels the model gives an acronym it does not know ("NFA members" as CARDINAL); a name label stands.
_NOT_NAMES = frozenset({"CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY", "DATE", "TIME"})


def acronym_spans(doc: Doc, spans: list[Span], titles: frozenset[str]) -> tuple[list[Span], dict[str, str]]:
    """The spans with every use of a known acronym as an ORG mention, and acronym -> full name for those
    the article spells out in brackets ("National Freight Association (NFA)"). Known: spelled out so, or
    the initials of an organisation the article names ("SEC" beside "Securities and Exchange Commission")."""
    expansions: dict[str, str] = {}
    known: set[str] = set()
    spans = [part for span in spans for part in _split_bracket(span)]
    for span in spans:
        if span.label_ != "ORG":
            continue
        name = clean_name(span.text, "ORG", titles)
        known |= initials(name)
        if span.end + 2 < len(doc) and doc[span.end].text == "(" and doc[span.end + 2].text == ")":
            short = doc[span.end + 1].text
            if acronym(short) is not None and acronym(name) is None:
                expansions.setdefault(short, name)
    known |= set(expansions)
    if not known:
        return spans, expansions
    owner = {t: n for n, s in enumerate(spans) for t in range(s.start, s.end)}
    out = list(spans)
    for i in positions_of(doc, known):
        n = owner.get(i)
        if n is None:
            out.append(Span(doc, i, i + 1, label="ORG"))
        elif spans[n].label_ in _NOT_NAMES and len(spans[n]) == 1:
            out[n] = Span(doc, i, i + 1, label="ORG")
    return sorted(out, key=lambda s: s.start), expansions


def positions_of(doc: Doc, words: Iterable[str]) -> list[int]:
    """Indices of the tokens written exactly as one of ``words``, read from the Doc's ORTH array
    rather than token by token (a 3,000-word chunk holds a few of them)."""
    hashes = [doc.vocab.strings.add(w) for w in words]
    if not hashes:
        return []
    return [int(i) for i in numpy.flatnonzero(numpy.isin(doc.to_array(ORTH), hashes))]


def _split_bracket(span: Span) -> list[Span]:
    """"Federal Bureau of Investigation (FBI" as the model's one span -> the name alone; the acronym
    then becomes a mention of its own."""
    doc, end = span.doc, span.end
    if doc[end - 1].text == ")":
        end -= 1
    if end - span.start >= 3 and doc[end - 2].text == "(" and acronym(doc[end - 1].text) is not None:
        return [Span(doc, span.start, end - 2, label=span.label_)]
    return [span]
