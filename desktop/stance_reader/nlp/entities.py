"""The ``stance_entities`` component: the entity list with merged canonical names.

Owns: cleaning the base model's entity spans (whitespace, stray punctuation), patching its misses
(a title followed by proper nouns, "Defense Minister Rustem Umerov"; a proper noun that is the subject of
a speech verb), relabelling a known person's surname the model tagged ORG/GPE, and alias merging:
possessives and titles stripped, a surname or a first name joins an earlier full name, two people
who share a surname stay apart (a bare surname goes to the most recently mentioned of them).

The merging itself is :func:`merge_aliases`, a pure function over (name, label) mentions, so the
pipeline can run it once more across the chunks of a long article.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from stance_reader.core.models import Entity
from stance_reader.nlp import extensions  # noqa: F401  (registers doc._.stance_entities)

RULES_FILE = "entity_titles.jsonl"
_POSSESSIVE = re.compile(r"(?:['\u2019]s|['\u2019])$")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# Labels whose names we merge as people; other labels merge on their cleaned string.
PERSON = "PERSON"


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


def _read_jsonl(path: Path) -> Iterable[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def _default_rules_dir() -> Path:
    from stance_reader.paths import models_dir

    return models_dir()


def clean_name(text: str, label: str, titles: frozenset[str]) -> str:
    """The name an entity mention is filed under: no possessive, no leading "the", no titles (PERSON)."""
    name = _SPACES.sub(" ", text).strip(" ,.;:-\u2013\u2014\"'\u201c\u201d")
    name = _POSSESSIVE.sub("", name).strip()
    name = _LEADING_THE.sub("", name)
    if label == PERSON:
        words = name.split(" ")
        while len(words) > 1 and words[0].lower().rstrip(".") in titles:
            words = words[1:]
        while len(words) > 2 and words[-1].lower().rstrip(".,") in _SUFFIXES:
            words = words[:-1]  # "Martin Luther King Jr." files under "Martin Luther King"
        name = " ".join(words).rstrip(",")
    return name


def merge_aliases(mentions: Sequence[tuple[str, str]]) -> list[str]:
    """Canonical name for each (clean name, label) mention, in text order.

    People: a full name starts a cluster (or joins one with the same first and last word); a single
    word joins the most recent cluster whose last word (surname) or, failing that, whose only first
    word matches; a later full name upgrades a cluster that so far had only a surname. Other labels
    merge case-insensitively on the cleaned name.
    """
    clusters: list[list[str]] = []  # words of the best (longest) name seen for each person
    last_seen: list[int] = []
    out_ids: list[int | None] = []
    out_plain: list[str] = []
    plain_names: dict[tuple[str, str], str] = {}
    for pos, (name, label) in enumerate(mentions):
        if label != PERSON or not name:
            key = (label, name.lower())
            out_plain.append(plain_names.setdefault(key, name))
            out_ids.append(None)
            continue
        words = name.split(" ")
        cid = _find_person(words, clusters, last_seen)
        if cid is None:
            clusters.append(words)
            last_seen.append(pos)
            cid = len(clusters) - 1
        else:
            if len(words) > len(clusters[cid]):
                clusters[cid] = words
            last_seen[cid] = pos
        out_ids.append(cid)
        out_plain.append("")
    return [" ".join(clusters[c]) if c is not None else p for c, p in zip(out_ids, out_plain, strict=True)]


def _find_person(words: list[str], clusters: list[list[str]], last_seen: list[int]) -> int | None:
    low = [w.lower() for w in words]
    order = sorted(range(len(clusters)), key=lambda c: -last_seen[c])
    if len(low) == 1:
        word = low[0]
        for attr in (-1, 0):  # surname first, then first name
            hits = [c for c in order if len(clusters[c]) > 1 and clusters[c][attr].lower() == word]
            if hits:
                return hits[0]
        same = [c for c in order if [w.lower() for w in clusters[c]] == low]
        return same[0] if same else None
    for c in order:
        have = [w.lower() for w in clusters[c]]
        if have == low:
            return c
        # "Rutte" first, "Mark Rutte" later: upgrade unless the surname already has a full name.
        if (len(have) == 1 and have[0] == low[-1]
                and not any(len(o) > 1 and o[-1].lower() == low[-1] for o in clusters)):
            return c
        if len(have) > 1 and have[-1] == low[-1] and _first_compatible(have[0], low[0]):
            return c
        if len(low) < len(have) and have[-len(low) :] == low:
            return c  # "von der Leyen" after "Ursula von der Leyen"
    return None


def _first_compatible(a: str, b: str) -> bool:
    """Same first name, or one is the other's initial ("J." / "John")."""
    a, b = a.rstrip("."), b.rstrip(".")
    if a == b:
        return True
    return (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


class EntityComponent:
    """Writes ``doc._.stance_entities``: cleaned, patched entity mentions with canonical names."""

    def __init__(self, nlp: Language, name: str, rules_dir: str = "") -> None:
        self.name = name
        self.rules = TitleRules.load((Path(rules_dir) if rules_dir else _default_rules_dir()) / RULES_FILE)

    def __call__(self, doc: Doc) -> Doc:
        spans = self._mentions(doc)
        names = [clean_name(s.text, s.label_, self.rules.titles) for s in spans]
        names = _relabel_known_people(spans, names)
        labels = [lab for _, lab in names]
        canon = merge_aliases(names)
        entities = []
        text = doc.text  # Doc.text rebuilds the string on every access
        for span, label, canonical in zip(spans, labels, canon, strict=True):
            start, end = _trim(text, span.start_char, span.end_char)
            if canonical and end > start:
                entities.append(Entity(start, end, label, canonical))
        doc._.stance_entities = entities
        return doc

    def _mentions(self, doc: Doc) -> list[Span]:
        ents = [t for t in (_tidy(e, self.rules.titles) for e in _join_people(doc)) if t is not None]
        taken = {t.i for e in ents for t in e}
        extra: list[Span] = []
        for span in self._patches(doc):
            if not any(t.i in taken for t in span):
                extra.append(span)
                taken.update(t.i for t in span)
        found = ents + extra
        # A known person's surname the model skipped elsewhere ("Zelenskyy underscored ...").
        surnames = {
            clean_name(e.text, PERSON, self.rules.titles).split(" ")[-1]
            for e in found
            if e.label_ == PERSON and " " in clean_name(e.text, PERSON, self.rules.titles)
        }
        for tok in doc:
            if tok.i not in taken and tok.is_title and tok.text in surnames:
                found.append(Span(doc, tok.i, tok.i + 1, label=PERSON))
        return sorted(found, key=lambda s: s.start)

    def _patches(self, doc: Doc) -> Iterable[Span]:
        """Person names the small model missed: after a title, or subject of a speech verb."""
        titles = self.rules.titles
        i = 0
        while i < len(doc):
            tok = doc[i]
            if tok.text.lower().rstrip(".") in titles and tok.is_title:
                j = i + 1
                while j < len(doc) and doc[j].text.lower().rstrip(".") in titles and doc[j].is_title:
                    j += 1
                k = j
                while k < len(doc) and _name_word(doc[k]):
                    k += 1
                if k > j and doc[j - 1].text.lower().rstrip(".") in self.rules.heads:
                    yield Span(doc, j, k, label=PERSON)
                    i = k
                    continue
            if (tok.dep_ in ("nsubj", "nsubjpass") and _name_like(tok) and not tok.ent_type_
                    and tok.head.lemma_.lower() in self.rules.speech_lemmas):
                left = tok.i
                while left > 0 and doc[left - 1].dep_ in ("compound", "flat") and _name_word(doc[left - 1]):
                    left -= 1
                yield Span(doc, left, tok.i + 1, label=PERSON)
            i += 1


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
    span = Span(doc, start, end, label=span.label_)
    while end > start + 1 and _trailing_junk(doc[end - 1]):
        end -= 1  # "Zelenskyy's" -> "Zelenskyy"; "Lukewarm Reception of" -> "Lukewarm Reception"
    trimmed = Span(span.doc, span.start, end, label=span.label_)
    text = trimmed.text.strip()
    if not any(ch.isalnum() for ch in text) or "\n" in text or "#" in text:
        return None
    if trimmed.label_ == "MONEY" and not _CURRENCY.search(text):
        return None
    return trimmed


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and not text[start].isalnum() and text[start] not in "€$£¥":
        start += 1
    while end > start and not (text[end - 1].isalnum() or text[end - 1] in ".%"):
        end -= 1
    return start, end


def _relabel_known_people(spans: Sequence[Span], names: Sequence[str]) -> list[tuple[str, str]]:
    """A name the model tagged ORG/GPE/NORP/PRODUCT that is a known person's full name or surname
    ("Zelenskyy" as ORG after "Volodymyr Zelenskyy") becomes PERSON."""
    people = [n.lower() for n, s in zip(names, spans, strict=True) if s.label_ == PERSON and " " in n]
    surnames = {n.split(" ")[-1] for n in people}
    full = set(people)
    out = []
    for span, name in zip(spans, names, strict=True):
        label = span.label_
        low = name.lower()
        if label in ("ORG", "GPE", "NORP", "PRODUCT", "WORK_OF_ART") and (low in full or low in surnames):
            label = PERSON
        out.append((name, label))
    return out


@Language.factory(
    "stance_entities",
    assigns=["doc._.stance_entities"],
    requires=["doc.ents", "token.dep", "token.tag"],
    default_config={"rules_dir": ""},
)
def make_entities(nlp: Language, name: str, rules_dir: str) -> EntityComponent:
    return EntityComponent(nlp, name, rules_dir)
