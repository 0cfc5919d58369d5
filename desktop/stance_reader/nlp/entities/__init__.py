"""The entity layer: the entity list with merged canonical names (``doc._.stance_entities``).

Owns: cleaning the base model's entity spans (whitespace, stray punctuation), patching its misses
(a title followed by proper nouns, "Defense Minister Rustem Umerov"; a proper noun that is the subject of
a speech verb), correcting types (``models/entity_types.jsonl``: a name opening with a known given name,
the source of a speech verb, or a known person's surname is a PERSON; an outlet name is an ORG; a
surname modifying a noun, "the Kessler campaign", is no person), acronyms ("SEC", "Associated Press
(AP)") and alias merging: possessives and titles stripped, a surname or a first name joins a full name,
two people who share a surname stay apart (a bare surname goes to the most salient of them).

Label correction from ``models/gazetteer.jsonl`` (countries, capitals, major cities, regions, rivers and
seas, international bodies, with aliases): a model span that is a listed name takes the listed label and
canonical name ("Budapest" ORG -> GPE, "UK" -> "United Kingdom"); a listed name the model missed is added;
a capitalised short form after "the" ("the Commission") joins the most recent full name that allows it
("European Commission"); "Reconstruction Pact"-style names become LAW; a bare ordinal or number word is
dropped and never starts a MONEY span. Lookups are one PhraseMatcher pass and dict hits per span.

Modules: ``data`` (rule files), ``aliases`` (pure merging over (name, label) mentions, which the pipeline
runs once more across the chunks of a long article), ``spans`` (span tidying and tests), ``types``
(label corrections from the whole article), ``component`` (the spaCy component and its factory).
"""

from __future__ import annotations

from stance_reader.nlp.entities.aliases import PERSON, NameHints, clean_name, merge_aliases, resolve_names
from stance_reader.nlp.entities.component import EntityComponent
from stance_reader.nlp.entities.data import (
    GAZETTEER_FILE,
    GIVEN_NAMES_FILE,
    RULES_FILE,
    Gazetteer,
    Place,
    TitleRules,
    load_given_names,
)
from stance_reader.nlp.entities.spans import _in_title_case_line, _is_law

__all__ = [
    "GAZETTEER_FILE",
    "GIVEN_NAMES_FILE",
    "PERSON",
    "RULES_FILE",
    "EntityComponent",
    "Gazetteer",
    "NameHints",
    "Place",
    "TitleRules",
    "_in_title_case_line",
    "_is_law",
    "clean_name",
    "load_given_names",
    "merge_aliases",
    "resolve_names",
]
