"""Entity type corrections that use the whole article: a known person's name the model tagged otherwise."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span

from stance_reader.nlp.entities.aliases import PERSON, clean_name
from stance_reader.nlp.entities.data import Gazetteer
from stance_reader.nlp.entities.spans import _locative

_PEOPLE_MISTAKEN_FOR = ("ORG", "GPE", "NORP", "PRODUCT", "WORK_OF_ART")


def _relabel_known_people(
    spans: Sequence[Span], named: Sequence[tuple[str, str]], places: Gazetteer
) -> list[tuple[str, str]]:
    """A name tagged ORG/GPE/NORP/PRODUCT that is a known person's full name or surname ("Zelenskyy" as
    ORG after "Volodymyr Zelenskyy") becomes PERSON; this evidence from the article beats the gazetteer."""
    people = [n.lower() for n, label in named if label == PERSON and " " in n]
    surnames = {n.split(" ")[-1] for n in people}
    full = set(people)
    out = []
    for span, (name, label) in zip(spans, named, strict=True):
        low = clean_name(span.text, label, frozenset()).lower()
        if label in ("GPE", "LOC") and _locative(span) and places.lookup(name) is not None:
            pass  # "in Houston" stays the city even with Whitney Houston in the article
        elif name and label in _PEOPLE_MISTAKEN_FOR and (low in full or low in surnames):
            name, label = clean_name(span.text, label, frozenset()), PERSON
        out.append((name, label))
    return out
