"""Entity type corrections: the small model's PERSON/ORG/GPE guesses checked against the mention's own
words and against the rest of the article.

A mention is a person when its first word is a known given name ("Helena Varga", tagged ORG), when it is
the source of a speech verb and no known organisation ("Varga said"), or when it is a person's full name
or surname elsewhere in the article; an outlet name ("Northbay Gazette", "Gazette", "Reuters") is an
organisation; a single word the article calls a town ("Lindholm, a fishing town") or places after "in" is
a place; a lone capitalised adjective ("White") is no place. A surname that only modifies a noun ("the
Kessler campaign") is not a mention of that person: with an organisation head it names the group
("Kessler campaign", ORG), otherwise nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from stance_reader.nlp.attribution.roles import ROLE_HEADS
from stance_reader.nlp.datelines import dateline_end
from stance_reader.nlp.entities.aliases import (
    PERSON,
    SURNAME_PARTICLES,
    _particled_person,
    clean_name,
    name_key,
    person_name_forms,
)
from stance_reader.nlp.entities.data import Gazetteer, TypeWords
from stance_reader.nlp.entities.spans import _LOCATIVE, _after_the, _locative
from stance_reader.nlp.extensions import doc_text

# Labels the small model hands out to names from capitalisation alone; dates, money and numbers it reads fine.
_NAME_LABELS = frozenset({PERSON, "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT"})
# Labels a person's name is mistaken for; NORP ("Republicans said") and GPE ("Moscow said") are groups
# and places that speak, so a speech verb alone never makes them people.
_PEOPLE_MISTAKEN_FOR = frozenset({"ORG", "GPE", "NORP", "PRODUCT", "WORK_OF_ART", "FAC"})
# Labels the model gives an organisation named like a title ("the Port of Rotterdam Authority").
_TITLES_MISTAKEN_FOR = frozenset({"WORK_OF_ART", "PRODUCT"})
_OF_FOR = frozenset({"of", "for", "on"})
_SPEAKING_NON_PEOPLE = frozenset({"ORG", "PRODUCT", "WORK_OF_ART", "FAC"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_MODIFIERS = frozenset({"compound", "amod", "nmod"})


def _name_word(word: str) -> bool:
    return word[:1].isupper() and word.replace("-", "").replace("'", "").replace(".", "").isalpha()


def speech_source(span: Span, speech_lemmas: frozenset[str]) -> bool:
    """The subject of a speech verb ("Varga said", "said Varga") or the source of "according to"."""
    root = span.root
    if root.dep_ in _SUBJECTS:
        return root.head.lemma_.lower() in speech_lemmas
    return (root.dep_ == "pobj" and root.head.lower_ == "to"
            and root.head.head.lower_ == "according")


def dateline(span: Span, name: str) -> bool:
    """A news dateline's place: capitals only, opening the line of a dateline ("ROTTERDAM, 4 March —",
    "NEW YORK (Reuters) -"), which the small model takes for a person or a body."""
    letters = name.replace(" ", "").replace(".", "")
    if len(letters) < 3 or not letters.isalpha() or not letters.isupper() or len(span) > 3:
        return False
    stop = dateline_end(doc_text(span.doc), span.start_char)
    return stop is not None and span.end_char < stop


@dataclass(frozen=True, slots=True)
class TypeCorrector:
    """The word lists and name data the corrections need; one per component."""

    words: TypeWords
    given: frozenset[str]  # lower-case given names
    gazetteer: Gazetteer
    titles: frozenset[str]
    speech_lemmas: frozenset[str]

    def person_shaped(self, name: str) -> bool:
        """Two to four capitalised words opening with a known given name and not ending in an
        organisation, outlet or place word ("Helena Varga", not "Bill Clinton Foundation")."""
        words = name.split(" ")
        if not 2 <= len(words) <= 4 or not self.given_word(words[0]):
            return False
        return (all(w[:1].isupper() for w in words) and not self._org_or_place_word(words[-1])
                and self.gazetteer.lookup(name) is None)

    def given_word(self, word: str) -> bool:
        """A known given name, or a hyphenated pair of them ("Anne-Marie", "Jean-Claude")."""
        parts = word.lower().split("-")
        return all(part in self.given for part in parts)

    def given_name(self, tok: Token) -> bool:
        """A capitalised known given name: "Mark", not the verb "mark" or "the bill"."""
        return tok.is_title and tok.lower_ in self.given

    def outlet(self, name: str) -> bool:
        """A news outlet: a listed outlet name ("Reuters") or a name ending in an outlet word ("Gazette")."""
        words = name.split(" ")
        return name in self.words.outlet_names or words[-1] in self.words.outlet_words

    def _org_or_place_word(self, word: str) -> bool:
        low = word.lower()
        return word in self.words.outlet_words or low in self.words.org_heads or low in self.words.place_words

    def known_org(self, span: Span, name: str, after_the: frozenset[str]) -> bool:
        """Does anything say this speaking name is an organisation rather than a person?"""
        words = name.split(" ")
        return (
            self.gazetteer.lookup(name) is not None or self.outlet(name) or len(words) > 3
            or any(self._org_or_place_word(w) for w in words)
            or any(w.isupper() and len(w) > 1 for w in words)  # "NATO said", "BBC News"
            or not all(_name_word(w) or (0 < k < len(words) - 1 and w in SURNAME_PARTICLES)
                       for k, w in enumerate(words))  # "Anneke de Wit told"
            or _after_the(span) or name in after_the
        )

    def own_label(self, span: Span, name: str, after_the: frozenset[str]) -> str:
        """The label the mention's own words and grammar give it, before the rest of the article is read."""
        label = span.label_
        if label not in _NAME_LABELS or not name:
            return label
        if dateline(span, name) or (label in ("ORG", PERSON, "NORP") and _of_a_place(span)):
            return "GPE"
        if _named_vessel(span):
            return "PRODUCT"  # OntoNotes files vehicles under PRODUCT
        if self.person_shaped(name) or (label in _PEOPLE_MISTAKEN_FOR and (
                self.apposed_to_role(span, name) or self._lone_given_name(span, name)
                or self.apposed_name_after_role(span.doc, span.start, span.end))):
            return PERSON
        if self.named_as_body(span) and " " not in name and label in (PERSON, *_PEOPLE_MISTAKEN_FOR):
            return "ORG"
        words = name.lower().split(" ")
        if self.outlet(name) or (label in _TITLES_MISTAKEN_FOR and words[-1] in self.words.org_heads) or (
            label == "FAC" and len(words) > 2 and words[0] in self.words.org_heads and words[1] in _OF_FOR
        ):
            return "ORG"  # "the Port of Rotterdam Authority" (WORK_OF_ART), "the Center for …" (FAC)
        if label != "ORG" and self.apposed_to_org_noun(span):
            return "ORG"
        if (label in _SPEAKING_NON_PEOPLE and speech_source(span, self.speech_lemmas)
                and not self.known_org(span, name, after_the)):
            return PERSON
        return label

    def _office_only(self, span: Span) -> bool:
        """ "The Interior Minister" (PERSON to the model): an office after "the", every word a title, or
        ending in a title with a person's name apposed, is no one's name ("Dr. King" is: no "the")."""
        if span.label_ != PERSON or not _after_the(span):
            return False
        words = [w.lower().rstrip(".") for w in span.text.split() if w.lower() != "the"]
        if bool(words) and all(w in self.titles for w in words):
            return True
        # "The Housing Minister, Claire Whitcombe,": an office with a person's name apposed after it
        doc, end = span.doc, span.end
        return (bool(words) and words[-1] in self.titles and end + 1 < len(doc) and doc[end].text == ","
                and doc[end + 1].ent_type_ == PERSON)

    def _lone_given_name(self, span: Span, name: str) -> bool:
        """ "His wife, Sigrid, said": a known given name alone, apposed to a noun or speaking."""
        return (" " not in name and self.given_word(name)
                and (span.root.dep_ == "appos" or speech_source(span, self.speech_lemmas)))

    def apposed_to_role(self, span: Span, name: str) -> bool:
        """ "The association's chair, Karin Eide,": a name in apposition with a person's office is that
        person, whatever the model's label (not a name that reads as a body or a place)."""
        root = span.root
        words = name.split(" ")
        return (root.dep_ == "appos" and root.head.pos_ == "NOUN" and root.head.lower_ in ROLE_HEADS
                and len(words) <= 4 and all(w[:1].isupper() for w in words)
                and not self._org_or_place_word(words[-1]) and not self.outlet(name)
                and self.gazetteer.lookup(name) is None)

    def apposed_name_after_role(self, doc: Doc, start: int, end: int) -> bool:
        """ "A spokesman for the Liberation Front, Karim Haddou, said": two to four name words between
        commas right after a phrase headed by a person's role name that person, where the small model
        found no name at all (the parser often hangs the name on the phrase's last noun, so the role is
        read off the words: the nearest role noun before the comma, with no verb or comma between)."""
        if not 2 <= end - start <= 4 or end >= len(doc) or doc[end].text != "," or start < 2:
            return False
        if doc[start - 1].text != ",":
            return False
        words = [t.text for t in doc[start:end]]
        name = " ".join(words)
        if self._org_or_place_word(words[-1]) or self.outlet(name) or self.gazetteer.lookup(name) is not None:
            return False
        for j in range(start - 2, max(-1, start - 10), -1):
            tok = doc[j]
            if tok.text in (",", ";", ":", "(", ")") or tok.pos_ in ("VERB", "AUX"):
                return False
            if tok.pos_ == "NOUN" and tok.lower_ in ROLE_HEADS:
                return True
        return False

    def named_as_body(self, span: Span) -> bool:
        """Written as an organisation: after a noun for one ("the German firm Halbwerk", "chipmaker
        Lumeo") or as where someone works ("analysts at Berenberg")."""
        doc, root = span.doc, span.root
        before = doc[span.start - 1] if span.start > 0 else None
        if before is not None and before.pos_ == "NOUN" and before.lower_ in self.words.org_nouns:
            return True
        return (root.dep_ == "pobj" and root.head.lower_ == "at"
                and root.head.head.lemma_.lower() in _WORKERS)

    def apposed_to_org_noun(self, span: Span) -> bool:
        """ "the utility, Northwater," / "Northwater, the utility,": a name in apposition with a noun that
        describes an organisation is one (not a given name: "the firm's founder, Anna Berg," stays)."""
        root, doc = span.root, span.doc
        if self.given_name(doc[span.start]) or self.apposed_name_after_role(doc, span.start, span.end):
            return False  # "A spokeswoman for the authority, Petra Lindgren,": hers, not the authority's
        nouns = self.words.org_heads | self.words.org_nouns
        if root.dep_ == "appos" and root.head.pos_ == "NOUN" and root.head.lower_ in nouns:
            return True
        before = doc[span.start - 2] if span.start > 1 else root
        if (doc[span.start - 1].text == "," and before.pos_ == "NOUN" and before.lower_ in nouns
                and span.end < len(doc) and doc[span.end].text == ","):
            return True  # the same when the parser missed the apposition
        return any(c.dep_ == "appos" and c.pos_ == "NOUN" and c.lower_ in nouns for c in root.children)

    def relabel(self, span: Span, after_the: frozenset[str]) -> Span:
        """The span with its own label, without a word stuck to the front of a person's name."""
        span = self.without_leading_word(span)
        name = clean_name(span.text, span.label_, self.titles)
        label = self.own_label(span, name, after_the)
        return span if label == span.label_ else Span(span.doc, span.start, span.end, label=label)

    def without_leading_word(self, span: Span) -> Span:
        """A person's name without a verb the model took into it ("Hammering Hillary Clinton", a
        sentence-opening participle) or a capitalised word before a given name ("Resident Paolo Ferri");
        a given name the tagger read as a verb ("Mark") stays. Any name loses a participle before "the"
        ("Briefing the Council" is the Council: no name has "the" after its first word)."""
        doc, start = span.doc, span.start
        if span.label_ != PERSON:
            if span.end - start > 2 and doc[start].tag_ in ("VBG", "VBN") and doc[start + 1].lower_ == "the":
                return Span(doc, start + 1, span.end, label=span.label_)
            return span
        while span.end - start > 1 and not self.given_name(doc[start]) and (
            doc[start].tag_.startswith("VB") or doc[start].lower_ in _ADDRESS_WORDS
            or (span.end - start > 2 and self.given_name(doc[start + 1]))
        ):
            start += 1
        return span if start == span.start else Span(doc, start, span.end, label=PERSON)

    def as_modifier(self, span: Span, people: frozenset[str]) -> Span | None:
        """A person's name that only modifies a noun ("the Kessler campaign", "Kessler aides"): the
        group as an ORG when the noun heads an organisation, else None (no mention). Others unchanged."""
        root = span.root
        head = root.head
        if (root.dep_ not in _MODIFIERS or head.i < span.end or head.i - span.end > 2
                or not self._names_person(span, people)):
            return span
        if (head.lower_ in self.words.speaks_for and len(span) == 1
                and clean_name(span.text, PERSON, self.titles) not in people
                and not self.given_name(span.doc[span.start])):
            return Span(span.doc, span.start, span.end, label="ORG")  # "a Northwater spokesman"
        if (head.pos_ == "NOUN" and head.is_lower) or (head.pos_ == "PROPN" and head.is_title):
            if head.lower_ in self.words.org_heads:
                return Span(span.doc, span.start, head.i + 1, label="ORG")
            return None if head.is_lower else span
        return span

    def _names_person(self, span: Span, people: frozenset[str]) -> bool:
        if span.label_ == PERSON:
            return True
        return clean_name(span.text, PERSON, self.titles) in people

    def article_labels(
        self, spans: Sequence[Span], named: Sequence[tuple[str, str]]
    ) -> list[tuple[str, str]]:
        """(name, label) per mention after the evidence of the whole article: a known person's full name
        or surname is a person (this beats the gazetteer, but "in Houston" stays the city); a single word
        the article treats as a place is a place; a lone adjective is no place (its name becomes "")."""
        # full names, and a surname written with a title ("Cardinal Rossi", "Mr. Lindholm"): the bare
        # surname elsewhere is that person even where the model calls it a place
        # names the article writes as an organisation's ("the German firm Halbwerk", "the developer,
        # Crestline Homes,"): an organisation also where the model calls them a person
        bodies = {name_key(n) for span, (n, label) in zip(spans, named, strict=True)
                  if label == "ORG" and (self.named_as_body(span) or self.apposed_to_org_noun(span))
                  and not self.person_shaped(n)}
        people = [n for span, (n, label) in zip(spans, named, strict=True)
                  if label == PERSON and (" " in n or self._titled(span)) and name_key(n) not in bodies]
        full = {name_key(n) for n in people}
        surnames = person_name_forms(people, self.given) - full
        places = self._place_names(spans, named)
        out = []
        for span, (name, label) in zip(spans, named, strict=True):
            low = name_key(name)
            if label in ("GPE", "LOC") and _locative(span) and self.gazetteer.lookup(name) is not None:
                pass  # "in Houston" stays the city even with Whitney Houston in the article
            elif name and label in _PEOPLE_MISTAKEN_FOR and (
                low in full or low in surnames or _particled_person(name, full | surnames)
            ):
                label = PERSON
            elif (label in (PERSON, "NORP") and name in places and low not in surnames and low not in full
                  and not self._named_as_person(span)):
                label = "GPE"
            elif label == PERSON and low in bodies and not self._titled(span):
                label = "ORG"  # "Halbwerk declined to comment" after "the German firm Halbwerk"
            elif label == "ORG" and name in places and _names_a_common_noun(span):
                label = "GPE"  # "the Lakeville clinic" beside "in Lakeville": the town, one entry
            elif (self._stray_adjective(span, name, label) or _PARTY_TAG.match(name)
                  or (label == "DATE" and name.isdigit() and len(name) <= 3)
                  or name.lower() in _INDEFINITE_PRONOUNS or self._office_only(span)):
                name = ""  # no mention: "D-Maine" is a party and a state, "Malik, 61," an age
            out.append((name, label))
        # "the Gazette" is the paper named in full ("Northbay Gazette"): the latest such name before it,
        # else the first after it; "the Union" / "The Front" is the one organisation of the article whose
        # name ends in that head noun (with two, "Security Council" and "European Council", it stays)
        outlets = _ending_short_forms(out, self.words.outlet_words.__contains__, unique=False)
        short = _ending_short_forms(outlets, lambda w: w.lower() in self.words.org_heads, unique=True)
        return self._company_short_forms(spans, short, full | surnames)

    def _company_short_forms(
        self, spans: Sequence[Span], named: list[tuple[str, str]], people: set[str]
    ) -> list[tuple[str, str]]:
        """ "Harbin" after "Harbin Foods": the company's short name, not the city the gazetteer knows,
        unless the article puts it somewhere ("based in Harbin", "mayor of Harbin"; "shares in Harbin" is
        the company); "Veltra" (an organisation to the model too) beside "Veltra Motors" likewise, when no
        other two-word organisation starts with it."""
        firsts: dict[str, str] = {}
        owners: dict[str, set[str]] = {}
        for name, label in named:
            words = name.split(" ")
            if label == "ORG" and len(words) == 2 and words[0][:1].isupper() and words[0].isalpha():
                firsts.setdefault(words[0], name)
                owners.setdefault(words[0], set()).add(name)
        if not firsts:
            return named
        out = list(named)
        for n, (span, (name, label)) in enumerate(zip(spans, named, strict=True)):
            full = firsts.get(name)
            if full is not None and label == "ORG" and len(owners[name]) == 1 and self._short_of(name, full,
                                                                                              people):
                out[n] = (full, "ORG")  # "Veltra declined to comment" after "Veltra Motors": one company
                continue
            if full is None or label not in ("GPE", "LOC", "NORP", PERSON) or name.lower() in people:
                continue  # (a person's surname stays the person's: "Harris" beside "Harris Poll")
            if label == "NORP" and span.root.dep_ == "amod":
                continue  # "European regulators" beside "the European Commission": an adjective
            before = span.doc[span.start - 2].lower_ if span.start > 1 else ""
            if not (_locative(span) or _of_a_place(span)) or before in _HOLDINGS:
                out[n] = (full, "ORG")
        return out

    def _short_of(self, name: str, full: str, people: set[str]) -> bool:
        """Whether the organisation ``name`` is ``full`` written short: the full name's second word says
        what kind of body it is ("Veltra Motors", "Fox News", "Treasury Department", "Apple Inc"), not a
        group around a person ("Sanders campaign") or a product ("Google Plus"), and ``name`` is no
        person of the article."""
        kind = full.split(" ")[1]
        return (name.lower() not in people and kind.lower() not in _PERSON_GROUPS
                and (kind.lower() in self.words.org_heads or kind.lower() in _COMPANY_WORDS
                     or kind in self.words.outlet_words))

    def _place_names(self, spans: Sequence[Span], named: Sequence[tuple[str, str]]) -> frozenset[str]:
        """Single-word names the article places after "in/near/…" or calls a town, city, port…"""
        out = set()
        for span, (name, label) in zip(spans, named, strict=True):
            if " " in name or label not in (PERSON, "GPE", "LOC", "NORP") or name.lower() in self.given:
                continue
            if label == "NORP" and not _state_possessor(span):
                continue
            if (_locative(span) or any(self._place_apposition(t) for t in span.root.children)
                    or _state_possessor(span)):
                out.add(name)
        return frozenset(out)

    def _titled(self, span: Span) -> bool:
        """Written with a title: in the mention ("Cardinal Rossi") or just before it ("Mr. [Lindholm]")."""
        first = span.doc[span.start].lower_.rstrip(".")
        before = span.doc[span.start - 1].lower_.rstrip(".") if span.start > 0 else ""
        return (len(span) > 1 and first in self.titles) or before in self.titles

    def _named_as_person(self, span: Span) -> bool:
        """After a title ("Mr. Lindholm") or speaking: the name stays a person's here."""
        before = span.doc[span.start - 1].lower_.rstrip(".") if span.start > 0 else ""
        return before in self.titles or speech_source(span, self.speech_lemmas)

    def _place_apposition(self, tok: Token) -> bool:
        return tok.dep_ == "appos" and tok.lower_ in self.words.place_words

    def _stray_adjective(self, span: Span, name: str, label: str) -> bool:
        """A lone capitalised adjective taken for a place ("White" opening a sentence)."""
        if label not in ("GPE", "LOC", "FAC") or " " in name or self.gazetteer.lookup(name) is not None:
            return False
        if span.start > 0 and span.doc[span.start - 1].lower_ in _LOCATIVE:
            return False
        return name.lower() in self.words.adjectives or span.root.tag_ == "JJ"


def _ending_short_forms(
    named: list[tuple[str, str]], ends: Callable[[str], bool], unique: bool
) -> list[tuple[str, str]]:
    """An organisation written as the last word of its name alone (a word ``ends`` accepts) is the
    organisation the article names in full with that word: the latest such name before it, else the
    first after it; with ``unique``, only when the article has one such name."""
    fulls = [(n, name) for n, (name, label) in enumerate(named)
             if label == "ORG" and " " in name and ends(name.split(" ")[-1])]
    out = list(named)
    for n, (name, label) in enumerate(named):
        if label != "ORG" or not ends(name):
            continue
        match = [full for _, full in fulls if full.endswith(" " + name)]
        if not match or (unique and len(set(match)) > 1):
            continue
        before = [full for at, full in fulls if at < n and full.endswith(" " + name)]
        out[n] = (before[-1] if before else match[0], label)
    return out


# Second words of a two-word company name that say it is a company ("Veltra Motors", "Dow Chemical").
_COMPANY_WORDS = frozenset({
    "motors", "chemical", "chemicals", "computer", "computers", "energy", "foods", "industries", "systems",
    "technologies", "pharmaceuticals", "capital", "partners", "securities", "insurance", "steel", "oil",
    "airways", "telecom", "media", "entertainment", "electric", "logistics", "shipping", "mining",
})
# Second words that make a group named after a person, not a body's full name ("Sanders campaign").
_PERSON_GROUPS = frozenset({"campaign", "camp", "administration", "team", "supporters", "allies"})


def _names_a_common_noun(span: Span) -> bool:
    """A one-word name modifying a lower-case noun after it ("the Lakeville clinic")."""
    root = span.root
    return (len(span) == 1 and root.dep_ in _MODIFIERS and root.head.i == span.end
            and root.head.pos_ == "NOUN" and root.head.is_lower)


# Words that open an address to someone, which the model takes into the name ("Sorry Sarah, you
# should have said no", "Dear Sarah", "Thanks Sarah"): the person is "Sarah". Not "oh" or "no": Korean
# surnames ("Oh Se-hoon").
_ADDRESS_WORDS = frozenset({"sorry", "thanks", "thank", "dear", "hi", "hello", "hey", "congratulations",
                            "congrats", "welcome", "goodbye", "bye", "please", "yes", "okay",
                            "ok", "wow"})


# "the container ship Alma Rose", "the tanker Nordic Star": a vessel's name, no person's.
_VESSELS = frozenset({"ship", "vessel", "tanker", "freighter", "ferry", "yacht", "frigate", "destroyer",
                      "carrier", "submarine", "boat", "liner", "trawler", "cruiser", "barge", "icebreaker"})


def _named_vessel(span: Span) -> bool:
    start = span.start
    return start > 0 and span.doc[start - 1].lower_ in _VESSELS and span.doc[start - 1].is_lower


# People named by where they work: "analysts at Berenberg", "an economist at Nordbank".
_WORKERS = frozenset({"analyst", "economist", "strategist", "researcher", "executive", "employee",
                      "worker", "engineer", "banker", "trader", "lawyer", "scientist", "official"})
# Nouns whose "of X" names a town or region: "the race for mayor of Brightwater".
_OF_A_PLACE = frozenset({"mayor", "city", "town", "village", "county", "province", "region", "residents",
                         "outskirts", "suburbs", "streets", "centre", "center"})


def _of_a_place(span: Span) -> bool:
    root = span.root
    return (len(span) == 1 and root.dep_ == "pobj" and root.head.lower_ == "of"
            and root.head.head.lower_ in _OF_A_PLACE)


# Pronouns the model sometimes takes for a person's name ("Nobody told us anything").
_INDEFINITE_PRONOUNS = frozenset({"nobody", "somebody", "someone", "everyone", "everybody", "anyone",
                                  "anybody", "no one"})
_PARTY_TAG = re.compile(r"[DRI]-[A-Z][A-Za-z.]*$")
# "shares in Harbin": a holding in a company, not a place.
_HOLDINGS = frozenset({"shares", "stake", "stakes", "stock", "investment", "investors", "interest"})
# What only a state has: "Veloria's foreign minister", "Kestrel's ministry of defence".
_STATE_NOUNS = frozenset({
    "ministry", "government", "parliament", "army", "military", "troops", "navy", "embassy", "ambassador",
    "minister", "capital", "borders", "citizens", "constitution", "armed", "envoy", "prime",
})


def _state_possessor(span: Span) -> bool:
    """The name is the possessor of a noun only a state has ("Veloria's foreign minister")."""
    root = span.root
    if root.dep_ != "poss" or not span.end < len(span.doc) or span.doc[span.end].lower_ not in ("'s", "’s"):
        return False
    head = root.head
    before = (c.lower_ for c in head.children if c.i < head.i)  # "foreign [minister]", "prime [minister]"
    return head.lower_ in _STATE_NOUNS or any(w in _STATE_NOUNS for w in before)


def names_after_the(spans: Iterable[Span], titles: frozenset[str]) -> frozenset[str]:
    """Names the article writes with "the" somewhere ("the Pentagon"): organisations, not people."""
    return frozenset(clean_name(s.text, s.label_, titles) for s in spans if _after_the(s))
