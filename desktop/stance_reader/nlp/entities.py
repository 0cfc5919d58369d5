"""The ``stance_entities`` component: the entity list with merged canonical names.

Owns: cleaning the base model's entity spans (whitespace, stray punctuation), patching its misses
(a title followed by proper nouns, "Defense Minister Rustem Umerov"; a proper noun that is the subject of
a speech verb), relabelling a known person's surname the model tagged ORG/GPE, and alias merging:
possessives and titles stripped, a surname or a first name joins an earlier full name, two people
who share a surname stay apart (a bare surname goes to the most recently mentioned of them).

Label correction from ``models/gazetteer.jsonl`` (countries, capitals, major cities, regions, rivers and
seas, international bodies, with aliases): a model span that is a listed name takes the listed label and
canonical name ("Budapest" ORG -> GPE, "UK" -> "United Kingdom"); a listed name the model missed is added;
a capitalised short form after "the" ("the Commission") joins the most recent full name that allows it
("European Commission"); "Reconstruction Pact"-style names become LAW; a bare ordinal or number word is
dropped and never starts a MONEY span. Lookups are one PhraseMatcher pass and dict hits per span.

The merging itself is :func:`merge_aliases`, a pure function over (name, label) mentions, so the
pipeline can run it once more across the chunks of a long article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from stance_reader.core.models import Entity
from stance_reader.nlp.extensions import doc_text  # also registers doc._.stance_entities
from stance_reader.nlp.jsonl import read_jsonl

RULES_FILE = "entity_titles.jsonl"
GAZETTEER_FILE = "gazetteer.jsonl"
GIVEN_NAMES_FILE = "given_names.jsonl"
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
        for row in read_jsonl(path):
            word = str(row["title"]).lower()
            titles.add(word)
            if row.get("role", "head") == "head":
                heads.add(word)
            if row.get("gender"):
                gender[word] = str(row["gender"])
        from stance_reader.nlp.attribution import CueRules

        speech = CueRules.load(path.parent / "attribution_cues.jsonl").verbs
        return cls(frozenset(titles), frozenset(heads), frozenset(speech), gender)


def load_given_names(path: Path) -> dict[str, str]:
    """Lower-case given name -> "m"/"f", used only to tell apart two people who share a surname."""
    if not path.exists():
        return {}
    return {str(n).lower(): str(row["gender"]) for row in read_jsonl(path) for n in row["names"]}


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
        for row in read_jsonl(path):
            place = Place(str(row["name"]), str(row["label"]), bool(row.get("ambiguous", False)))
            for form in [place.canonical, *row.get("aliases", [])]:
                names.setdefault(str(form), place)
            for short in row.get("anaphora", []):
                anaphora.setdefault(str(short), set()).add(place.canonical)
        return cls(names, {k: frozenset(v) for k, v in anaphora.items()})

    def lookup(self, name: str) -> Place | None:
        return self.names.get(name)


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


@dataclass(frozen=True, slots=True)
class NameHints:
    """What the words around a person mention say about who it is: role titles ("senator", "president")
    and a gender from an honorific ("Mrs" -> "f"). Used only to choose between people sharing a surname."""

    titles: frozenset[str] = frozenset()
    gender: str | None = None


@dataclass(slots=True)
class _Person:
    words: list[str]  # the best (longest) name seen
    last_seen: int
    titles: set[str] = field(default_factory=set)
    gender: str | None = None

    def note(self, hint: NameHints | None, given_gender: dict[str, str]) -> None:
        if hint is not None:
            self.titles |= hint.titles
            self.gender = self.gender or hint.gender
        if self.gender is None and len(self.words) > 1:
            self.gender = given_gender.get(self.words[0].lower())


def merge_aliases(
    mentions: Sequence[tuple[str, str]],
    hints: Sequence[NameHints | None] | None = None,
    given_gender: dict[str, str] | None = None,
) -> list[str]:
    """Canonical name for each (clean name, label) mention, in text order.

    People: a full name starts a cluster (or joins one with the same first and last word); a single
    word joins the most recent cluster whose last word (surname) or, failing that, whose only first
    word matches; a later full name upgrades a cluster that so far had only a surname. When two people
    share the surname, the mention's honorific ("Mrs Clinton") and role title ("Senator Clinton") pick
    the person they fit before recency does. Other labels merge case-insensitively on the cleaned name.
    """
    given = given_gender or {}
    people: list[_Person] = []
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
        hint = hints[pos] if hints is not None else None
        cid = _find_person(words, people, hint)
        if cid is None:
            people.append(_Person(words, pos))
            cid = len(people) - 1
        else:
            if len(words) > len(people[cid].words):
                people[cid].words = words
            people[cid].last_seen = pos
        people[cid].note(hint, given)
        out_ids.append(cid)
        out_plain.append("")
    return [" ".join(people[c].words) if c is not None else plain
            for c, plain in zip(out_ids, out_plain, strict=True)]


def _find_person(words: list[str], people: list[_Person], hint: NameHints | None) -> int | None:
    low = [w.lower() for w in words]
    order = sorted(range(len(people)), key=lambda c: -people[c].last_seen)
    names = [[w.lower() for w in p.words] for p in people]
    if len(low) == 1:
        word = low[0]
        for attr in (-1, 0):  # surname first, then first name
            hits = [c for c in order if len(names[c]) > 1 and names[c][attr] == word]
            if hits:
                return _best_fit(hits, people, hint)
        same = [c for c in order if names[c] == low]
        return same[0] if same else None
    for c in order:
        have = names[c]
        if have == low:
            return c
        # "Rutte" first, "Mark Rutte" later: upgrade unless the surname already has a full name.
        if (len(have) == 1 and have[0] == low[-1]
                and not any(len(o) > 1 and o[-1] == low[-1] for o in names)):
            return c
        if len(have) > 1 and have[-1] == low[-1] and _first_compatible(have[0], low[0]):
            return c
        if len(low) < len(have) and have[-len(low) :] == low:
            return c  # "von der Leyen" after "Ursula von der Leyen"
    return None


def _best_fit(hits: list[int], people: list[_Person], hint: NameHints | None) -> int:
    """Among people sharing the name (most recent first), the one the honorific and title fit."""
    if hint is None or len(hits) == 1:
        return hits[0]
    if hint.gender:
        fitting = [c for c in hits if people[c].gender in (None, hint.gender)]
        hits = fitting or hits  # no one fits: keep recency rather than invent a person
        known = [c for c in hits if people[c].gender == hint.gender]
        if known and len(hits) > 1 and people[hits[0]].gender is None:
            hits = known + [c for c in hits if c not in known]
    if hint.titles:
        titled = [c for c in hits if people[c].titles & hint.titles]
        if titled:
            return titled[0]
    return hits[0]


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
        folder = Path(rules_dir) if rules_dir else _default_rules_dir()
        self.rules = TitleRules.load(folder / RULES_FILE)
        self.gazetteer = Gazetteer.load(folder / GAZETTEER_FILE)
        self.given_gender = load_given_names(folder / GIVEN_NAMES_FILE)
        # ORTH, i.e. case-sensitive: "Turkey" the country, not "turkey"; "US", not "us".
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        forms = sorted(self.gazetteer.names)
        self.matcher.add("PLACE", list(nlp.tokenizer.pipe(forms)))
        if self.gazetteer.anaphora:
            self.matcher.add("SHORT", list(nlp.tokenizer.pipe(sorted(self.gazetteer.anaphora))))

    def __call__(self, doc: Doc) -> Doc:
        spans = self._with_gazetteer(doc, self._mentions(doc))
        names = [clean_name(s.text, s.label_, self.rules.titles) for s in spans]
        names = _relabel_known_people(spans, self._correct_labels(doc, spans, names), self.gazetteer)
        labels = [lab for _, lab in names]
        canon = merge_aliases(names, [self._hints(doc, s) for s in spans], self.given_gender)
        entities = []
        text = doc_text(doc)
        for span, label, canonical in zip(spans, labels, canon, strict=True):
            start, end = _trim(text, span.start_char, span.end_char)
            if canonical and end > start:
                entities.append(Entity(start, end, label, canonical))
        doc._.stance_entities = self._without_headline_guesses(text, entities)
        return doc

    def _without_headline_guesses(self, text: str, entities: list[Entity]) -> list[Entity]:
        """In a title-case heading every word is capitalised, so the small model calls phrases like
        "Lukewarm Reception" an organisation. A name found only in headings, and not a listed place or
        body, is dropped; one the body also names is kept."""
        in_heading = [_in_title_case_line(text, e.start) for e in entities]
        if not any(in_heading):
            return entities
        body = {e.canonical for e, head in zip(entities, in_heading, strict=True) if not head}
        return [
            e for e, head in zip(entities, in_heading, strict=True)
            if not head or e.label not in _HEADLINE_GUESSES or e.canonical in body
            or self.gazetteer.lookup(e.canonical) is not None
        ]

    def _hints(self, doc: Doc, span: Span) -> NameHints:
        """Title words written inside the span or just before it ("Mrs", "Senator", "Prime Minister")."""
        words = [w.lower().rstrip(".") for w in span.text.split()]
        inside = []
        for word in words[:-1]:
            if word not in self.rules.titles:
                break
            inside.append(word)
        before = []
        i = span.start - 1
        while i >= 0 and span.start - i <= 4 and doc[i].lower_.rstrip(".") in self.rules.titles:
            before.append(doc[i].lower_.rstrip("."))
            i -= 1
        found = before + inside
        gender = next((self.rules.gender[w] for w in found if w in self.rules.gender), None)
        return NameHints(frozenset(w for w in found if w not in self.rules.gender), gender)

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

    def _with_gazetteer(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """The mentions plus listed names the model missed; a listed name that covers model spans
        ("Jordan" inside "Jordan River") replaces them. A match crossing a model span loses."""
        owner: dict[int, int] = {t: n for n, s in enumerate(spans) for t in range(s.start, s.end)}
        drop: set[int] = set()
        extra: list[Span] = []
        short_id = doc.vocab.strings["SHORT"]
        matches = filter_spans([Span(doc, s, e, label=m) for m, s, e in self.matcher(doc)])
        for match in matches:
            hit = {owner[t] for t in range(match.start, match.end) if t in owner}
            if any(spans[n].start < match.start or spans[n].end > match.end for n in hit):
                continue  # inside or across a longer mention ("Paris Hilton"): the model's span stands
            if match.label == short_id:
                if not hit and _after_the(match):
                    extra.append(Span(doc, match.start, match.end, label=_SHORT))  # resolved or dropped later
                continue
            place = self.gazetteer.lookup(match.text)
            if place is None or (not hit and place.ambiguous):
                continue
            if not all(self._may_relabel(doc, spans, spans[n], match.text, place) for n in hit):
                continue
            drop |= hit
            extra.append(Span(doc, match.start, match.end, label=place.label))
        kept = [s for n, s in enumerate(spans) if n not in drop]
        return sorted(kept + extra, key=lambda s: s.start)

    def _may_relabel(self, doc: Doc, spans: Sequence[Span], span: Span, name: str, place: Place) -> bool:
        """May the listed place overrule the label of this span? Never DATE, MONEY and the like; an
        ambiguous name ("Amazon", "Atlantic") never overrules ORG, only GPE/LOC or PERSON in context."""
        if span.label_ == PERSON:
            return self._is_place(doc, spans, span, name)
        if place.ambiguous:
            return span.label_ in ("GPE", "LOC")
        return span.label_ in _RELABELLED

    def _is_place(self, doc: Doc, spans: Sequence[Span], span: Span, name: str) -> bool:
        """May a span the model called PERSON be the listed place? Not after a title ("President
        Jordan") or when it is a person's name part elsewhere; an ambiguous name only after in/to/from/at."""
        place = self.gazetteer.lookup(name)
        if place is None:
            return False
        before = doc[span.start - 1].lower_.rstrip(".") if span.start > 0 else ""
        if before in self.rules.titles:
            return False
        words = {w for s in spans if s.label_ == PERSON and len(s) > 1 and s.start != span.start
                 for w in clean_name(s.text, PERSON, self.rules.titles).split(" ")}
        if _locative(span):
            return True
        if name in words:
            return False
        return not place.ambiguous or before in _PLACE_PREPOSITIONS

    def _correct_labels(self, doc: Doc, spans: Sequence[Span], names: Sequence[str]) -> list[tuple[str, str]]:
        """(name, label) per span after the gazetteer, the LAW suffix rule and "the Commission" anaphora."""
        out: list[tuple[str, str]] = []
        recent: dict[str, int] = {}  # canonical full name -> index of its last mention
        for n, (span, name) in enumerate(zip(spans, names, strict=True)):
            label = span.label_
            place = self.gazetteer.lookup(name)
            if label == _SHORT:  # a short form we added: only kept when it resolves to a full name
                label, name = "ORG", name if any(f in recent for f in self.gazetteer.anaphora[name]) else ""
            if place is not None and self._may_relabel(doc, spans, span, name, place):
                name, label = place.canonical, place.label
            elif (place is None and name in self.gazetteer.anaphora and label in _RELABELLED | {"ORG"}
                  and _after_the(span)):
                fulls = [f for f in self.gazetteer.anaphora[name] if f in recent]
                if fulls:
                    name, label = max(fulls, key=recent.__getitem__), "ORG"
            elif label != "LAW" and _is_law(name, label):
                label = "LAW"
            recent[name] = n
            out.append((name, label))
        return out

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
    line = text[start : end if end >= 0 else len(text)].strip().lstrip("#").strip()
    words = re.findall(r"[^\W\d_][\w'’-]*", line)
    if len(words) < 4 or line.endswith((".", "?", "!", ":", '"', "”")):
        return False
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    return bool(content) and all(w[0].isupper() for w in content)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and not text[start].isalnum() and text[start] not in "€$£¥":
        start += 1
    while end > start and not (text[end - 1].isalnum() or text[end - 1] in ".%"):
        end -= 1
    return start, end


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

