"""Alias merging over (name, label) mentions: pure functions, so the pipeline can run them once more
across the chunks of a long article."""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import defaultdict
from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

_POSSESSIVE = re.compile(r"(?:['\u2019]s|['\u2019])$")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_ABBREVIATED = re.compile(r"\.[A-Za-z]$")  # "U.S" once the strip took the final dot
# Generational suffixes and post-nominal letters ("Samuel Whitaker QC" is the "Mr Whitaker" later on).
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "qc", "kc", "sc", "mp", "mep", "msp", "obe", "cbe",
                       "mbe", "kbe", "dbe", "phd", "esq"})
# Labels whose names we merge as people; other labels merge on their cleaned string.
PERSON = "PERSON"


@lru_cache(maxsize=4096)
def clean_name(text: str, label: str, titles: frozenset[str]) -> str:
    """The name an entity mention is filed under: no possessive, no leading "the", no titles (PERSON).
    Memoised: an article names the same few people and bodies over and over."""
    name = _SPACES.sub(" ", text).strip(" ,.;:-\u2013\u2014\"'\u201c\u201d")
    if _ABBREVIATED.search(name) and text.rstrip().endswith("."):
        name += "."  # "U.S.", "Washington D.C.": the last dot belongs to the abbreviation
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


def name_key(word: str) -> str:
    """A name word as people are matched on it: lower case, accents dropped ("Álvarez" = "Alvarez",
    as wire copy without accents and a local paper with them write the same person)."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


@dataclass(frozen=True, slots=True)
class NameHints:
    """What the words around a person mention say about who it is: role titles ("senator", "president"),
    a gender from an honorific ("Mrs" -> "f"), and whether the mention is a subject or a speech source.
    Used only to choose between people sharing a surname."""

    titles: frozenset[str] = frozenset()
    gender: str | None = None
    subject: bool = False


@dataclass(slots=True)
class _Person:
    words: list[str]  # the best (longest) name seen
    first_seen: int
    last_seen: int
    mentions: int = 0
    subject: bool = False  # a mention so far was a clause subject or spoke
    titles: set[str] = field(default_factory=set)
    gender: str | None = None

    def note(self, pos: int, hint: NameHints | None, given_gender: dict[str, str]) -> None:
        self.last_seen = pos
        self.mentions += 1
        if hint is not None:
            self.titles |= hint.titles
            self.gender = self.gender or hint.gender
            self.subject = self.subject or hint.subject
        if self.gender is None and len(self.words) > 1:
            self.gender = given_gender.get(self.words[0].lower())


def merge_aliases(
    mentions: Sequence[tuple[str, str]],
    hints: Sequence[NameHints | None] | None = None,
    given_gender: dict[str, str] | None = None,
) -> list[str]:
    """Canonical name for each (clean name, label) mention, in text order (see :func:`resolve_names`)."""
    return [name for name, _ in resolve_names(mentions, hints, given_gender)]


def resolve_names(
    mentions: Sequence[tuple[str, str]],
    hints: Sequence[NameHints | None] | None = None,
    given_gender: dict[str, str] | None = None,
    nicknames: Mapping[str, frozenset[str]] | None = None,
) -> list[tuple[str, str]]:
    """(canonical name, label) for each (clean name, label) mention, in text order.

    First the types: a name tagged ORG/NORP/… that is a person's full name or surname in the article
    is that person's (PERSON), and an acronym takes the full name whose initials it spells
    ("SEC" -> "Securities and Exchange Commission"). Then people: a full name starts a cluster (or joins
    one with the same first and last word, or a short form of the first: "Rob" = "Robert"); a single
    word joins a cluster whose surname or, failing that, whose first word it is; a later full name
    upgrades a cluster that so far had only a surname. When several people share the surname, the
    mention's honorific ("Mrs Clinton") and role title ("Senator Clinton") pick the ones they fit, then
    the most salient of those wins: most mentions so far, then one who was already a subject or spoke,
    then the first introduced. Other labels merge case-insensitively on the cleaned name.
    """
    given = given_gender or {}
    typed = expand_acronyms(retype_org_aliases(retype_person_aliases(mentions, given)))
    names = _merge(typed, hints, given, nicknames or {})
    return [m if m[0] == name else (name, m[1]) for name, m in zip(names, typed, strict=True)]


# Labels the small model gives a person's name; GPE is left to the component, which sees "in Houston".
_PERSON_MISTAKEN_FOR = frozenset({"ORG", "NORP", "PRODUCT", "WORK_OF_ART", "FAC"})
# Words that belong to a surname ("Anneke de Wit" -> "De Wit", "Ursula von der Leyen" -> "von der Leyen").
SURNAME_PARTICLES = frozenset({
    "al", "bin", "da", "das", "de", "del", "della", "den", "der", "di", "do", "dos", "du", "el", "ibn",
    "la", "le", "st", "ten", "ter", "van", "von",
})


def particle_surname(name: str) -> str | None:
    """The lower-cased surname with its particles when the name has any ("de wit" for "Anneke de Wit"
    and for "De Wit"), else None: such a surname is written with or without the given name."""
    low = name.lower().split(" ")
    k = len(low) - 1
    while k > 0 and low[k - 1] in SURNAME_PARTICLES:
        k -= 1
    return " ".join(low[k:]) if k < len(low) - 1 else None


def person_name_forms(people: Iterable[str], given: Container[str] = frozenset()) -> set[str]:
    """What a person's full name may be written as elsewhere in the article, lower-cased: the full
    name, the last word, the surname with its particles ("Anneke de Wit": "de wit") and the first
    part of a compound one ("Luiz Carlos Moura da Silva": "moura")."""
    out: set[str] = set()
    for name in people:
        low = name_key(name)
        out |= {low, low.split(" ")[-1]}
        particled = particle_surname(name)
        if particled:
            out.add(particled)
            head = compound_surname_head(name, given)
            if head:
                out.add(head)
    return out


def compound_surname_head(name: str, given: Container[str]) -> str | None:
    """The lower-cased word before a particled surname that is neither the first word nor a known given
    name: "moura" of "Luiz Carlos Moura da Silva", "lula" of "Luiz Inácio Lula da Silva", a name the
    article may use alone ("known simply as Moura"); None for "Anna Maria de Souza" or "Karin de Vries"."""
    particled = particle_surname(name)
    if particled is None:
        return None
    words = name_key(name).split(" ")
    before = len(words) - len(particled.split(" "))
    if before < 3:
        return None
    head = words[before - 1]
    return None if head in given or head in SURNAME_PARTICLES else head


def retype_person_aliases(
    mentions: Sequence[tuple[str, str]], given: Container[str] = frozenset()
) -> list[tuple[str, str]]:
    """A non-person mention whose name is a person's full name or surname in the article is a PERSON
    ("Varga" tagged ORG beside "Helena Varga"), wherever in the article the full name stands; so is a
    given name + particled surname the article gives a person ("Anneke de Wit" tagged ORG, "De Wit")."""
    people = {n for n, label in mentions if label == PERSON and " " in n}
    known = person_name_forms(people, given)  # once, not per mention: 30 MB has 10^5 of them
    out = list(mentions)  # unchanged mentions stay the same tuples: a long text has 10^5 of them
    for i, (name, label) in enumerate(mentions):
        if label in _PERSON_MISTAKEN_FOR and (name_key(name) in known or _particled_person(name, known)):
            out[i] = (name, PERSON)
    return out


def retype_org_aliases(mentions: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """A NORP/PRODUCT/WORK_OF_ART/FAC mention with the name of an organisation elsewhere in the article
    is that organisation ("a Northwater spokesman", NORP, beside "the utility, Northwater", ORG)."""
    orgs = {n.lower() for n, label in mentions if label == "ORG"}
    if not orgs:
        return list(mentions)
    return [(n, "ORG") if label in _ORG_MISTAKEN_FOR and n.lower() in orgs else (n, label)
            for n, label in mentions]


_ORG_MISTAKEN_FOR = frozenset({"NORP", "PRODUCT", "WORK_OF_ART", "FAC"})


def _particled_person(name: str, known: set[str]) -> bool:
    """A given name before a particled surname the article gives a person ("Anneke" + "de Wit")."""
    particled = particle_surname(name)
    return particled is not None and particled in known and name.count(" ") > particled.count(" ")


_ACRONYM_LABELS = frozenset({"ORG", "GPE", "NORP", "PRODUCT", "WORK_OF_ART", "FAC", "CARDINAL"})
# Words an acronym leaves out: "SEC" = Securities and Exchange Commission.
_ACRONYM_SKIP = frozenset({"and", "of", "the", "for", "on", "in", "at", "to", "&", "de", "du", "des", "la"})


def acronym(name: str) -> str | None:
    """The letters of an acronym as written ("SEC", "A.P."), or None for any other name."""
    letters = name.replace(".", "")
    return letters if 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper() else None


def initials(name: str) -> set[str]:
    """The acronyms a full name may take: first letters of its words without "and/of/the/for", with
    hyphenated words as one word or as several ("Co-operation")."""
    out = set()
    for pattern in (r"\s+", r"[\s-]+"):
        words = [w for w in re.split(pattern, name) if w and w.lower() not in _ACRONYM_SKIP]
        if len(words) > 1:
            out.add("".join(w[0] for w in words).upper())
    return out


def expand_acronyms(mentions: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """An acronym takes the organisation whose initials it spells: the nearest such name before it,
    else the first after it ("AP" -> "Associated Press")."""
    fulls: dict[str, list[int]] = {}
    for pos, (name, label) in enumerate(mentions):
        if label == "ORG" and acronym(name) is None:
            for letters in initials(name):
                fulls.setdefault(letters, []).append(pos)
    out = list(mentions)
    for pos, (name, label) in enumerate(mentions):
        letters = acronym(name) if label in _ACRONYM_LABELS else None
        where = fulls.get(letters or "", [])
        if where:
            before = bisect.bisect_left(where, pos)  # positions ascend: no scan of every earlier one
            out[pos] = (mentions[where[before - 1] if before else where[0]][0], "ORG")
    return out


def _merge(
    mentions: Sequence[tuple[str, str]],
    hints: Sequence[NameHints | None] | None,
    given: dict[str, str],
    nicknames: Mapping[str, frozenset[str]] | None = None,
) -> list[str]:
    people = _People(given, nicknames)
    out_ids: list[int | None] = []
    out_plain: list[str] = []
    plain_names = _place_display_names(mentions)
    for pos, (name, label) in enumerate(mentions):
        if label != PERSON or not name:
            key = (label, name_key(name))
            out_plain.append(plain_names.setdefault(key, name))
            out_ids.append(None)
            continue
        words = name.split(" ")
        hint = hints[pos] if hints is not None else None
        cid = people.find(words, hint)
        if cid is None:
            cid = people.add(_Person(words, pos, pos))
        elif len(words) > len(people[cid].words):
            people.rename(cid, words)
        people[cid].note(pos, hint, given)
        out_ids.append(cid)
        out_plain.append("")
    return [" ".join(people[c].words) if c is not None else plain
            for c, plain in zip(out_ids, out_plain, strict=True)]


_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def _place_display_names(mentions: Sequence[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """A place first met in capitals ("LAKEVILLE, 12 May —", a dateline) is listed as the text writes
    it elsewhere ("Lakeville"); other names keep their first form ("NATO", not "Nato")."""
    out: dict[tuple[str, str], str] = {}
    for name, label in mentions:
        if label in _PLACE_LABELS and name:
            key = (label, name_key(name))
            if key not in out or (out[key].isupper() and not name.isupper()):
                out[key] = name
    return out


class _People:
    """The people met so far, indexed by lower-cased surname and (full names only) first name.

    Why: every mention used to be compared with every person, quadratic in the article: a whole-text
    merge over a 30 MB file (10^5 people) never finished. Every rule below needs the surname (or, for
    a bare word, the first name) to match, so the buckets hold all the candidates there are.
    """

    def __init__(
        self, given: Container[str] = frozenset(), nicknames: Mapping[str, frozenset[str]] | None = None
    ) -> None:
        self._given = given
        self._nicknames = nicknames or {}
        self._by_head: dict[str, list[int]] = defaultdict(list)  # compound surname heads ("moura")
        self._people: list[_Person] = []
        self._by_last: dict[str, list[int]] = defaultdict(list)
        self._by_first: dict[str, list[int]] = defaultdict(list)  # people with two words or more
        self._by_formal: dict[str, list[int]] = defaultdict(list)  # the same, by formal first name

    def __getitem__(self, cid: int) -> _Person:
        return self._people[cid]

    def add(self, person: _Person) -> int:
        cid = len(self._people)
        self._people.append(person)
        self._by_last[name_key(person.words[-1])].append(cid)
        if len(person.words) > 1:
            self._index_first(cid, person.words[0])
        self._index_head(cid)
        return cid

    def _index_first(self, cid: int, first: str) -> None:
        key = name_key(first)
        self._by_first[key].append(cid)
        for formal in self._nicknames.get(key, ()):
            self._by_formal[formal].append(cid)

    def _index_head(self, cid: int) -> None:
        head = compound_surname_head(" ".join(self._people[cid].words), self._given)
        if head is not None and cid not in self._by_head[head]:
            self._by_head[head].append(cid)

    def rename(self, cid: int, words: list[str]) -> None:
        """A longer name for a person; its surname is unchanged (``find`` only matches on it)."""
        old = self._people[cid].words
        if len(old) > 1:
            self._by_first[name_key(old[0])].remove(cid)
        self._index_first(cid, words[0])
        self._people[cid].words = words
        self._index_head(cid)

    def find(self, words: list[str], hint: NameHints | None) -> int | None:
        """The person these words name, or None (see :func:`resolve_names` for the rules)."""
        low = [name_key(w) for w in words]
        if len(low) == 1:
            return self._find_word(low[0], hint)
        bucket = self._by_last.get(low[-1], [])
        names = {c: [name_key(w) for w in self._people[c].words] for c in bucket}
        surname_taken = any(len(have) > 1 for have in names.values())
        for c in sorted(bucket, key=lambda c: -self._people[c].last_seen):
            have = names[c]
            if have == low:
                return c
            # "Rutte" first, "Mark Rutte" later: upgrade unless the surname already has a full name.
            if len(have) == 1 and not surname_taken:
                return c
            if len(have) > 1 and _first_compatible(have[0], low[0], self._nicknames):
                return c
            if len(low) < len(have) and have[-len(low) :] == low:
                return c  # "von der Leyen" after "Ursula von der Leyen"
        return None

    def _find_word(self, word: str, hint: NameHints | None) -> int | None:
        """A bare word: a full name's surname first, then its first name, then the same bare word."""
        by_last = self._by_last.get(word, [])
        for hits in (
            [c for c in by_last if len(self._people[c].words) > 1],
            self._by_first.get(word, []),
            self._by_short_form(word),
        ):
            if hits:
                return _best_fit(_by_salience(list(hits), self._people), self._people, hint)
        same = [c for c in by_last if len(self._people[c].words) == 1]
        if same:
            return min(same)
        heads = self._by_head.get(word, [])
        return heads[0] if len(heads) == 1 else None  # "Moura" of "Luiz Carlos Moura da Silva"

    def _by_short_form(self, word: str) -> list[int]:
        """People whose first name is another form of this bare word ("Jeff" for "Jeffrey Feltman")."""
        formal = self._nicknames.get(word, frozenset())
        hits = {c for f in formal for c in self._by_formal.get(f, ())}
        return [c for c in sorted(hits)
                if len(self._people[c].words) > 1
                and formal & self._nicknames.get(name_key(self._people[c].words[0]), frozenset())]


def _by_salience(hits: list[int], people: list[_Person]) -> list[int]:
    """Most mentions so far first, then one already a subject or speaker, then the first introduced:
    a bare "Trump" is the candidate the article is about, not the family member named last."""
    return sorted(hits, key=lambda c: (-people[c].mentions, not people[c].subject, people[c].first_seen))


def _best_fit(hits: list[int], people: list[_Person], hint: NameHints | None) -> int:
    """Among people sharing the name (most salient first), the one the honorific and title fit."""
    if hint is None or len(hits) == 1:
        return hits[0]
    if hint.gender:
        fitting = [c for c in hits if people[c].gender in (None, hint.gender)]
        hits = fitting or hits  # no one fits: keep salience rather than invent a person
        known = [c for c in hits if people[c].gender == hint.gender]
        if known and len(hits) > 1 and people[hits[0]].gender is None:
            hits = known + [c for c in hits if c not in known]
    if hint.titles:
        titled = [c for c in hits if people[c].titles & hint.titles]
        if titled:
            return titled[0]
    return hits[0]


def _first_compatible(a: str, b: str, nicknames: Mapping[str, frozenset[str]] | None = None) -> bool:
    """Same first name, one is the other's initial ("J." / "John"), or a short form of the same name
    ("Rob" / "Robert", "Bill" / "William")."""
    a, b = a.rstrip("."), b.rstrip(".")
    if a == b:
        return True
    if nicknames and nicknames.get(a, frozenset()) & nicknames.get(b, frozenset()):
        return True
    if (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b)):
        return True
    return _initials_of(a, b) or _initials_of(b, a)


def _initials_of(short: str, full: str) -> bool:
    """ "J.L" (dots inside) spells the initials of a hyphenated given name: "Jean-Luc"."""
    letters = short.replace(".", "")
    parts = full.split("-")
    return "." in short and len(parts) > 1 and letters == "".join(part[:1] for part in parts)
