"""Speakers named by their role: "the secretary general said …", "the NATO chief added …".

A definite description whose head is a title word names the person the article introduced with that
title, most recently before it: "NATO Secretary General Mark Rutte" (titles before the name) or
"Mark Rutte, NATO's secretary general," (an apposition after it). The description must share a word
with that introduction besides "the" ("secretary", "general", or the organisation "NATO" for "the NATO
chief"), and a description that names no one in particular ("the official", "a spokesman") is left
alone: a newsroom's anonymous sources are not the last named person.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from stance_reader.core.models import Entity

# Heads that stand for one person's office (a role), as in "the minister said".
ROLE_HEADS = frozenset(
    (
        "secretary",
        "general",
        "chief",
        "head",
        "leader",
        "president",
        "chancellor",
        "minister",
        "premier",
        "mayor",
        "governor",
        "chairman",
        "chairwoman",
        "chair",
        "director",
        "commissioner",
        "ambassador",
        "envoy",
        "senator",
        "congressman",
        "congresswoman",
        "pope",
        "king",
        "queen",
        "prince",
        "princess",
        "admiral",
        "commander",
        "ceo",
        "founder",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "prosecutor",
        "judge",
    )
)
# Words of a description that carry nothing to match on.
NEUTRAL = frozenset({"the", "its", "his", "her", "their", "our", "then", "new", "former", "'s", "’s"})
LOOK_BACK_CHARS = 4000  # an introduction further back than this is not what "the minister" refers to
LOOK_AHEAD_CHARS = 1200  # an introduction after the description: the next paragraph or so
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def _words(text: str) -> list[str]:
    return [w.lower().rstrip(".").removesuffix("'s").removesuffix("’s") for w in _WORD.findall(text)]


def definite(noun: Token) -> bool:
    """ "the minister", not "a minister"."""
    return any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children)


def role_words(subject: Token, mention: tuple[int, int], text: str) -> set[str] | None:
    """The description's words to match, or None when ``subject`` is no role ("the official")."""
    if subject.pos_ not in ("NOUN", "PROPN") or subject.lower_ not in ROLE_HEADS:
        return None
    if not definite(subject):
        return None  # "a spokesman", "NATO chief Mark Rutte": not a definite role
    words = set(_words(text[mention[0] : mention[1]])) - NEUTRAL
    return words or None


def _introduction(person: Entity, text: str, doc: Doc) -> set[str]:
    """The words that introduce ``person``: up to five before the name ("NATO Secretary General") and
    an apposition after it (", NATO's secretary general,"), not a verb phrase (", accused the minister
    of …" introduces no minister)."""
    before = _words(text[max(0, person.start - 60) : person.start])[-5:]
    after: list[str] = []
    rest = text[person.end : person.end + 80]
    if rest.startswith(",") and not _verb_at(doc, person.end + 1 + len(rest[1:]) - len(rest[1:].lstrip())):
        after = _words(rest[1:].split(",")[0])[:6]
    return set(before) | set(after)


_PHRASE_POS = frozenset({"NOUN", "PROPN", "ADJ", "DET", "PART", "NUM"})


def _premodifiers(doc: Doc, person: Entity) -> list[str]:
    """Up to five words of the noun phrase right before the name ("NATO Secretary General", "The
    Housing Minister," with its comma), not words of another clause ("Former Mexico leader Calderon
    calls Trump …" introduces no leader Trump)."""
    words = doc.char_span(person.start, person.end, alignment_mode="expand")
    if words is None or not len(words):
        return []
    i = words.start - 1
    if i >= 0 and doc[i].text == ",":
        i -= 1
    out: list[str] = []
    while i >= 0 and len(out) < 5 and (doc[i].pos_ in _PHRASE_POS or doc[i].lower_ in ("of", "for")):
        if doc[i].ent_type_ == "PERSON":
            break  # another person's name
        word = doc[i].lower_.rstrip(".").removesuffix("'s").removesuffix("’s")
        if word:
            out.append(word)
        i -= 1
    return out[::-1]


# Titles written short before a name, read as the role they abbreviate.
_ABBREVIATED = {"sen": "senator", "gov": "governor", "rep": "representative", "gen": "general",
                "pres": "president", "sec": "secretary", "amb": "ambassador", "cmdr": "commander"}


def introduced_as(role: Token, people: Sequence[Entity]) -> str | None:
    """The latest person before ``role`` (a bare role noun that is a clause subject: "the minister
    appeared to …") whose own name phrase holds that role word ("The Housing Minister, Claire
    Whitcombe", "Florida Sen. Marco Rubio"); stricter than ``resolve_role``, which matches any word of
    a speaker's description, because a he/she candidate only needs to be right when it is offered."""
    word, doc = role.lower_, role.doc
    for person in reversed(people):
        if person.start >= role.idx:
            continue
        if person.start < role.idx - LOOK_BACK_CHARS:
            break
        if word in {_ABBREVIATED.get(w, w) for w in _premodifiers(doc, person)}:
            return person.canonical
    return None


def _verb_at(doc: Doc, pos: int) -> bool:
    """Whether the word at character ``pos`` is a verb."""
    words = doc.char_span(pos, pos + 1, alignment_mode="expand")
    return words is not None and len(words) > 0 and words[0].pos_ in ("VERB", "AUX")


def resolve_role(subject: Token, mention: tuple[int, int], text: str, people: Sequence[Entity]) -> str | None:
    """The person a role description names, or None. ``people``: the PERSON entities, in text order."""
    words = role_words(subject, mention, text)
    if words is None:
        return None
    for person in reversed(people):
        if person.start >= mention[0]:
            continue
        if person.start < mention[0] - LOOK_BACK_CHARS:
            break
        if words & _introduction(person, text, subject.doc):
            return person.canonical
    # A lead often names the office first and the person a paragraph later ("the mayor accused …" /
    # "Mayor Tobias Lindqvist said …"): the first one introduced with the role soon after.
    for person in people:
        if person.start < mention[1]:
            continue
        if person.start > mention[1] + LOOK_AHEAD_CHARS:
            break
        if words & _introduction(person, text, subject.doc):
            return person.canonical
    return None


__all__ = ["ROLE_HEADS", "definite", "introduced_as", "resolve_role", "role_words"]
