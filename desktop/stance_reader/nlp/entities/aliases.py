"""Alias merging over (name, label) mentions: pure functions, so the pipeline can run them once more
across the chunks of a long article."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

_POSSESSIVE = re.compile(r"(?:['\u2019]s|['\u2019])$")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# Labels whose names we merge as people; other labels merge on their cleaned string.
PERSON = "PERSON"


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
