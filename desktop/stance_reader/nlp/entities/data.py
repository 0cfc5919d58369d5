"""The rule data the entity layer reads from ``models/``: title words, given names and the gazetteer."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

RULES_FILE = "entity_titles.jsonl"
GAZETTEER_FILE = "gazetteer.jsonl"
GIVEN_NAMES_FILE = "given_names.jsonl"
TYPES_FILE = "entity_types.jsonl"
NICKNAMES_FILE = "entity_nicknames.jsonl"



@dataclass(frozen=True, slots=True)
class TitleRules:
    """Words that precede a name without being part of it ("Secretary", "Sen.", "Mr")."""

    titles: frozenset[str] = frozenset()
    heads: frozenset[str] = frozenset()  # titles that can stand right before a name ("Minister")
    speech_lemmas: frozenset[str] = frozenset()
    gender: dict[str, str] = field(default_factory=dict)  # title -> "m"/"f" ("Mrs" -> f)

    @classmethod
    def load(cls, path: Path) -> TitleRules:
        titles: set[str] = set()
        heads: set[str] = set()
        gender: dict[str, str] = {}
        for row in _read_jsonl(path):
            word = str(row["title"]).lower()
            titles.add(word)
            if row.get("role", "head") == "head":
                heads.add(word)
            if row.get("gender"):
                gender[word] = str(row["gender"])
        from stance_reader.nlp.attribution import CueRules

        speech = CueRules.load(path.parent / "attribution_cues.jsonl").verbs
        return cls(frozenset(titles), frozenset(heads), frozenset(speech), gender)


def load_nicknames(path: Path) -> dict[str, frozenset[str]]:
    """Lower-case given name or short form -> the formal names it stands for ("rob" -> {"robert"},
    "pat" -> {"patricia", "patrick"}); a formal name stands for itself."""
    if not path.exists():
        return {}
    forms: dict[str, set[str]] = {}
    for row in _read_jsonl(path):
        if "name" not in row:
            continue  # the source row
        formal = str(row["name"]).lower()
        for word in [formal, *(str(w).lower() for w in row["short"])]:
            forms.setdefault(word, set()).add(formal)
    return {word: frozenset(names) for word, names in forms.items()}


def load_given_names(path: Path) -> dict[str, str]:
    """Lower-case given name -> "m"/"f", used only to tell apart two people who share a surname."""
    if not path.exists():
        return {}
    return {str(n).lower(): str(row["gender"]) for row in _read_jsonl(path) for n in row["names"]}


@dataclass(frozen=True, slots=True)
class TypeWords:
    """Word lists that correct an entity's type (``models/entity_types.jsonl``): outlet words and names
    make a news organisation, organisation heads make "the Kessler campaign" a group and not a person,
    place words and common adjectives tell a town or a stray adjective from a name."""

    outlet_words: frozenset[str] = frozenset()  # as written: "Gazette", "Times"
    outlet_names: frozenset[str] = frozenset()  # as written: "Reuters"
    org_heads: frozenset[str] = frozenset()  # lower case: "campaign", "foundation"
    place_words: frozenset[str] = frozenset()  # lower case: "town", "street"
    adjectives: frozenset[str] = frozenset()  # lower case: "white"
    org_nouns: frozenset[str] = frozenset()  # lower case: "utility" ("the utility, Northwater,")
    speaks_for: frozenset[str] = frozenset()  # lower case: "spokesman" ("a Northwater spokesman")

    @classmethod
    def load(cls, path: Path) -> TypeWords:
        if not path.exists():  # optional data: without it only the article's own evidence retypes
            return cls()
        kinds: dict[str, set[str]] = {}
        for row in _read_jsonl(path):
            kinds.setdefault(str(row["kind"]), set()).update(str(w) for w in row["words"])

        def lower(kind: str) -> frozenset[str]:
            return frozenset(w.lower() for w in kinds.get(kind, ()))

        return cls(frozenset(kinds.get("outlet_word", ())), frozenset(kinds.get("outlet_name", ())),
                   lower("org_head"), lower("place_word"), lower("adjective"), lower("org_noun"),
                   lower("speaks_for"))


def _read_jsonl(path: Path) -> Iterable[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry: the name it files under, its spaCy label, and whether the bare name is also
    a common first name or word ("Jordan", "Paris"), which then needs context before it overrides."""

    canonical: str
    label: str
    ambiguous: bool = False


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Surface form (as written) -> entry, and short forms usable after "the" once the full name was seen."""

    names: dict[str, Place] = field(default_factory=dict)
    anaphora: dict[str, frozenset[str]] = field(default_factory=dict)  # "Commission" -> full names

    @classmethod
    def load(cls, path: Path) -> Gazetteer:
        names: dict[str, Place] = {}
        anaphora: dict[str, set[str]] = {}
        if not path.exists():  # optional data: without it the model's labels stand
            return cls()
        for row in _read_jsonl(path):
            place = Place(str(row["name"]), str(row["label"]), bool(row.get("ambiguous", False)))
            for form in [place.canonical, *row.get("aliases", [])]:
                names.setdefault(str(form), place)
            # a short form that is also a common word ("Fed up with …"): it names the body only where
            # the model already reads a name
            for form in row.get("ambiguous_aliases", []):
                names.setdefault(str(form), Place(place.canonical, place.label, ambiguous=True))
            for short in row.get("anaphora", []):
                anaphora.setdefault(str(short), set()).add(place.canonical)
        return cls(names, {k: frozenset(v) for k, v in anaphora.items()})

    def lookup(self, name: str) -> Place | None:
        return self.names.get(name)


def _default_rules_dir() -> Path:
    from stance_reader.paths import models_dir

    return models_dir()
